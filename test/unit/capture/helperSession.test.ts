// The supervisor's side of the helper protocol, against a fake helper (a node script that
// speaks the same JSON lines): start, events, stop with SIGTERM, errors and crashes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CaptureError } from '../../../src-main/capture/captureError.js';
import { HelperCaptureSession } from '../../../src-main/capture/helperSession.js';

const FAKE = `
const fs = require('node:fs');
const args = process.argv.slice(2);
const arg = (f) => args[args.indexOf(f) + 1];
const mode = arg('-i');
const out = arg('-w');
const status = (o) => fs.writeSync(Number(arg('--status-fd')), JSON.stringify(o) + '\\n');
const counts = (n) => ({ packets: n, bytes: 100 * n, received: n + 1, dropped: 1, ifDropped: 0, elapsedMs: 10 });
if (mode === 'noperm') {
  process.stderr.write('some libpcap noise\\n');
  process.stderr.write(JSON.stringify({ type: 'error', code: 'EPERM', message: 'No permission to capture on noperm' }) + '\\n');
  process.exit(1);
}
if (mode === 'silent') process.exit(3);
// like the real helper, handle SIGTERM before announcing anything
process.on('SIGTERM', () => {
  status({ type: 'stopped', reason: 'signal', ...counts(4), files: [out], snmp: { Ip: { InReceives: 25 } } });
  process.exit(0);
});
status({ type: 'file', path: out, index: 1 });
status({ type: 'started', pid: process.pid, interface: mode, ifindex: 2, netns: null, linkType: 1, snaplen: 262144,
  bufferMiB: 8, tsresol: 9, tpacketVersion: 3, promisc: true, filter: '', file: out, time: 1, snmp: { Ip: { InReceives: 10 } } });
process.stderr.write(JSON.stringify({ type: 'warning', code: 'ECAPTURE', message: 'just so you know' }) + '\\n');
status({ type: 'progress', ...counts(3), file: out });
if (mode === 'crash') setTimeout(() => process.kill(process.pid, 'SIGKILL'), 50);
setInterval(() => {}, 1000);
`;

function fakeHelper(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ws-fake-helper-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'fake-helper');
  writeFileSync(file, `#!${process.execPath}\n${FAKE}`);
  chmodSync(file, 0o755);
  return file;
}

test('start resolves on "started"; stop sends SIGTERM and summarises with kernel deltas', async (t) => {
  const helper = fakeHelper(t);
  const session = await HelperCaptureSession.start(helper, { iface: 'ok' });
  t.after(() => session.dispose());
  const warnings: string[] = [];
  session.on('warning', (m) => warnings.push(m));
  assert.ok(session.tempDir && existsSync(session.tempDir), 'a private temporary folder');
  assert.equal(session.info.file, path.join(session.tempDir, 'capture.pcapng'));
  assert.deepEqual(session.files, [session.info.file]);
  assert.equal(session.info.source, 'helper');
  assert.equal(session.info.tsresol, 9);

  const summary = await session.stop();
  assert.equal(summary.reason, 'signal');
  assert.equal(summary.packets, 4);
  assert.equal(summary.received, 5);
  assert.equal(summary.dropped, 1);
  assert.equal(summary.error, null);
  assert.deepEqual(summary.snmpDelta, { Ip: { InReceives: 15 } });
  assert.deepEqual(warnings, ['just so you know']);
  assert.equal(await session.done, summary);

  session.dispose();
  assert.equal(existsSync(session.tempDir), false);
});

test('a helper error rejects start with its code and message, and the temp folder goes', async (t) => {
  const helper = fakeHelper(t);
  const before = new Set(await import('node:fs').then((fs) => fs.readdirSync(tmpdir())));
  await assert.rejects(HelperCaptureSession.start(helper, { iface: 'noperm' }), (e: unknown) => {
    assert.ok(e instanceof CaptureError);
    assert.equal(e.code, 'EPERM');
    assert.equal(e.message, 'No permission to capture on noperm');
    return true;
  });
  await assert.rejects(HelperCaptureSession.start(helper, { iface: 'silent' }), /The capture helper exited with code 3/);
  const leftovers = (await import('node:fs')).readdirSync(tmpdir()).filter((n) => n.startsWith('wiresight-capture-') && !before.has(n));
  assert.deepEqual(leftovers, []);
  await assert.rejects(HelperCaptureSession.start(path.join(tmpdir(), 'no-such-helper-here'), { iface: 'x', outFile: '/tmp/x' }), (e: unknown) =>
    e instanceof CaptureError && e.code === 'ENOHELPER');
});

test('a helper that dies mid-capture ends the session with EHELPER and the last counts', async (t) => {
  const helper = fakeHelper(t);
  const session = await HelperCaptureSession.start(helper, { iface: 'crash', outFile: path.join(tmpdir(), 'never.pcapng') });
  const summary = await session.done;
  assert.equal(session.tempDir, null);
  assert.equal(summary.reason, 'exited');
  assert.equal(summary.packets, 3, 'from the last progress line');
  assert.ok(summary.error instanceof CaptureError);
  assert.equal(summary.error.code, 'EHELPER');
  assert.match(summary.error.message, /was killed by SIGKILL/);
});
