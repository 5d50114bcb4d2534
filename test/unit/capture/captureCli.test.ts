// The `wiresight capture` command line (src-main/cli/commands/capture.ts): options to
// CaptureOptions and the end-of-capture summary text.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captureOptionsFromArgs, summaryLines } from '../../../src-main/cli/commands/capture.js';
import { UsageError } from '../../../src-main/cli/args.js';

const args = (options: Record<string, string | string[] | boolean>, positional: string[] = []) => ({ options, positional });

test('command-line options become CaptureOptions', () => {
  assert.deepEqual(
    captureOptionsFromArgs(args({
      iface: 'ws-va', filter: 'icmp', write: 'out.pcapng', count: '10', autostop: ['duration:5', 'filesize:100'],
      ring: ['files:3,filesize:50'], noPromisc: true, netns: 'ws-a', snaplen: '128', buffer: '4',
    })),
    {
      iface: 'ws-va', filter: 'icmp', outFile: 'out.pcapng', autostop: { durationS: 5, fileSizeKB: 100, packets: 10 },
      ring: { files: 3, fileSizeKB: 50 }, promisc: false, netns: 'ws-a', snaplen: 128, bufferMiB: 4,
    },
  );
  assert.deepEqual(captureOptionsFromArgs(args({ iface: 'lo' })), { iface: 'lo' });
});

test('bad capture command lines are usage errors', () => {
  const usage = (a: ReturnType<typeof args>, m: RegExp) => assert.throws(() => captureOptionsFromArgs(a), (e: unknown) => e instanceof UsageError && m.test(e.message));
  usage(args({}), /no interface given/);
  usage(args({ iface: 'lo' }, ['tcp']), /quote the capture filter/);
  usage(args({ iface: 'lo', count: 'many' }), /-c needs a positive number/);
  usage(args({ iface: 'lo', autostop: ['bogus:1'] }), /unknown condition "bogus"/);
  usage(args({ iface: 'lo', ring: ['files:2,filesize:10'] }), /ring buffer \(-b\) needs -w FILE/);
  usage(args({ iface: 'lo', write: 'x', ring: ['files:2'] }), /needs -b filesize:KB/);
});

test('the summary says captured, received, dropped, and compares with the kernel', () => {
  const lines = summaryLines({
    reason: 'signal', packets: 1199, bytes: 1, received: 1201, dropped: 2, ifDropped: 0, elapsedMs: 1, files: ['/tmp/a.pcapng'],
    snmpStart: null, snmpEnd: null, snmpDelta: { Ip: { InReceives: 1204, OutRequests: 0 } }, error: null,
  });
  assert.equal(lines[0], '1,199 packets captured');
  assert.equal(lines[1], '1,201 received by the kernel filter, 2 dropped by the kernel (buffer full), 0 dropped by the interface');
  assert.equal(lines.at(-2), 'The kernel counted 1,204 IP packets in and 0 out; the capture holds 1,199 packets.');
  assert.equal(lines.at(-1), 'Capture file: /tmp/a.pcapng');
  const one = summaryLines({ reason: 'packets', packets: 1, bytes: 1, received: 1, dropped: 0, ifDropped: 0, elapsedMs: 1, files: [], snmpStart: null, snmpEnd: null, snmpDelta: null, error: null });
  assert.deepEqual(one, ['1 packet captured', '1 received by the kernel filter, 0 dropped by the kernel (buffer full), 0 dropped by the interface']);
});
