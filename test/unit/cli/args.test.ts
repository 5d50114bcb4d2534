// The command-line option parser.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, UsageError } from '../../../src-main/cli/args.js';

const specs = [
  { names: ['-V'], key: 'verbose' },
  { names: ['-c', '--count'], key: 'count', takesValue: true },
  { names: ['-e'], key: 'fields', takesValue: true, repeat: true },
];

test('flags, values, repeats and positionals', () => {
  const r = parseArgs(['f.pcap', '-V', '-c', '5', '-e', 'ip.src', '-e', 'ip.dst', '--count=7'], specs);
  assert.deepEqual(r.positional, ['f.pcap']);
  assert.equal(r.options.verbose, true);
  assert.equal(r.options.count, '7');
  assert.deepEqual(r.options.fields, ['ip.src', 'ip.dst']);
});

test('unknown options and missing values are usage errors', () => {
  assert.throws(() => parseArgs(['-Q'], specs), UsageError);
  assert.throws(() => parseArgs(['-c'], specs), /needs a value/);
});

test('everything after -- is positional', () => {
  assert.deepEqual(parseArgs(['--', '-V'], specs).positional, ['-V']);
});
