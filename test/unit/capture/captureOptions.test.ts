// -a / -b spec parsing and the helper command line built from CaptureOptions.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaptureError } from '../../../src-main/capture/captureError.js';
import { completeRingBuffer, helperArgs, parseAutostop, parseRingBuffer } from '../../../src-main/capture/captureOptions.js';

test('parseAutostop reads every condition and merges repeated -a', () => {
  const a = parseAutostop('duration:1.5,packets:10');
  parseAutostop('filesize:200', a);
  parseAutostop('files:3', a);
  assert.deepEqual(a, { durationS: 1.5, packets: 10, fileSizeKB: 200, files: 3 });
});

test('bad -a and -b specs are usage errors that say what is wrong', () => {
  const usage = (f: () => unknown, message: RegExp) =>
    assert.throws(f, (e: unknown) => e instanceof CaptureError && e.code === 'EUSAGE' && message.test(e.message));
  usage(() => parseAutostop('duration'), /expected key:value, got "duration"/);
  usage(() => parseAutostop('duration:0'), /-a duration: expected seconds > 0, got "0"/);
  usage(() => parseAutostop('packets:1.5'), /-a packets: expected a count > 0/);
  usage(() => parseAutostop('size:5'), /unknown condition "size"/);
  usage(() => parseRingBuffer('files:-1'), /-b files: expected a count > 0/);
  usage(() => parseRingBuffer('duration:5'), /-b: unknown option "duration"/);
  usage(() => completeRingBuffer(parseRingBuffer('files:3')), /needs -b filesize:KB/);
});

test('helperArgs translates every option', () => {
  assert.deepEqual(helperArgs({ iface: 'eth0' }, '/tmp/c.pcapng', null), ['-i', 'eth0', '-w', '/tmp/c.pcapng']);
  assert.deepEqual(
    helperArgs(
      {
        iface: 'ws-va', filter: 'tcp port 80', promisc: false, snaplen: 96, bufferMiB: 16,
        autostop: { packets: 5, durationS: 2, fileSizeKB: 100, files: 4 },
        ring: { files: 3, fileSizeKB: 1000 }, netns: 'ws-a', progressIntervalS: 0.25,
      },
      '/tmp/r.pcapng',
      3,
    ),
    [
      '-i', 'ws-va', '-w', '/tmp/r.pcapng', '-f', 'tcp port 80', '--no-promisc', '-s', '96', '-B', '16',
      '-c', '5', '-a', 'duration:2', '-a', 'filesize:100', '-a', 'files:4', '-b', 'files:3,filesize:1000',
      '--netns', 'ws-a', '--progress-interval', '0.25', '--status-fd', '3',
    ],
  );
  assert.deepEqual(helperArgs({ iface: 'lo', ring: { fileSizeKB: 10 }, netnsPid: 77 }, '-', null), [
    '-i', 'lo', '-w', '-', '-b', 'filesize:10', '--netns-pid', '77',
  ]);
});
