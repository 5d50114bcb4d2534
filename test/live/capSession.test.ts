// The in-process capture source (`cap`), used when the helper is not built and the process
// itself may capture: it writes a pcapng tshark reads, autostops, reports kernel counters,
// and refuses what cap cannot do. Runs the capture in a child process inside a test
// namespace, since `cap` cannot enter one. Needs root and the optional `cap` module.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadCap } from '../../src-main/capture/capBinding.js';
import { CaptureError } from '../../src-main/capture/captureError.js';
import type { CaptureSummary } from '../../src-main/capture/captureSession.js';
import { startCapture } from '../../src-main/capture/startCapture.js';
import { createVethPair, liveSkipReason, tempDir } from './liveEnv.js';
import { decodeFrame } from './frames.js';
import { readStrict } from './pcapngStrictReader.js';
import { ping } from './traffic.js';

const skip = liveSkipReason() || ((await loadCap()) === null && 'the optional "cap" module is not installed');
const startCaptureUrl = new URL('../../src-main/capture/startCapture.js', import.meta.url).href;

const CHILD = `
import { startCapture } from ${JSON.stringify(startCaptureUrl)};
const [iface, file] = process.argv.slice(2);
const s = await startCapture({ iface, outFile: file, autostop: { packets: 6 } }, { helperPath: null });
console.log(JSON.stringify({ source: s.info.source, linkType: s.info.linkType }));
console.log(JSON.stringify(await s.done));
`;

test('without the helper, a privileged process captures in-process with cap', { skip }, async (t) => {
  const pair = createVethPair();
  const tmp = tempDir();
  t.after(() => {
    pair.teardown();
    tmp.remove();
  });
  const script = path.join(tmp.dir, 'cap-child.mjs');
  writeFileSync(script, CHILD);
  const file = path.join(tmp.dir, 'cap.pcapng');
  const child = spawn('ip', ['netns', 'exec', pair.nsA, process.execPath, script, pair.ifA, file], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const lines: string[] = [];
  let gotLine!: () => void;
  createInterface({ input: child.stdout }).on('line', (l) => {
    lines.push(l);
    gotLine?.();
  });
  const nextLine = () => new Promise<void>((r) => (lines.length ? r() : (gotLine = r)));
  const exited = new Promise<number | null>((r) => child.on('close', r));
  await Promise.race([nextLine(), exited]);
  assert.deepEqual(JSON.parse(lines[0] ?? 'null'), { source: 'cap', linkType: 1 }, stderr);

  await ping(pair.nsA, pair.ipB, 3);
  assert.equal(await exited, 0, stderr);
  const summary = JSON.parse(lines[1]!) as CaptureSummary;
  assert.equal(summary.reason, 'packets');
  assert.equal(summary.packets, 6);
  assert.equal(summary.snmpDelta!.Icmp!.OutMsgs, 3, 'kernel counters of the namespace the process runs in');

  const cap = readStrict(file);
  assert.deepEqual([...cap.interfaces[0]!.options.get(9)!], [9]);
  assert.deepEqual(cap.packets.map((p) => [decodeFrame(p.data).icmp!.type, p.origLen]), [[8, 98], [0, 98], [8, 98], [0, 98], [8, 98], [0, 98]]);
  for (let i = 1; i < cap.packets.length; i++) assert.ok(cap.packets[i]!.ts >= cap.packets[i - 1]!.ts);
  const tshark = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'frame.len'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  assert.equal(tshark.trim().split('\n').length, 6);
});

test('the in-process source refuses what cap cannot do and maps libpcap errors', { skip }, async () => {
  const refuse = async (opts: Parameters<typeof startCapture>[0], code: string, message: RegExp) =>
    assert.rejects(startCapture(opts, { helperPath: null }), (e: unknown) => e instanceof CaptureError && e.code === code && message.test(e.message));
  await refuse({ iface: 'lo', promisc: false }, 'EUSAGE', /without promiscuous mode needs the capture helper/);
  await refuse({ iface: 'lo', netns: 'ws-x' }, 'EUSAGE', /another network namespace needs the capture helper/);
  await refuse({ iface: 'lo', outFile: '-' }, 'EUSAGE', /Streaming to stdout/);
  await refuse({ iface: 'lo', filter: 'tcp prot 80', outFile: '/tmp/ws-never.pcapng' }, 'EBADFILTER', /Invalid capture filter "tcp prot 80"/);
  await refuse({ iface: 'ws-nosuch9', outFile: '/tmp/ws-never.pcapng' }, 'ENODEV', /No interface named "ws-nosuch9"/);
});
