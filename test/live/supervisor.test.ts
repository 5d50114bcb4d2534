// The supervisor side of live capture, on real captures: the session API (temporary
// folder, autostop, kernel counter deltas read inside the namespace), the CLI commands,
// live interface rates, and — the point of the helper owning the file — killing the
// supervisor mid-capture leaves a pcapng that reads back to its last packet.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CaptureReader } from '../../src-main/engine/read/captureReader.js';
import { HelperCaptureSession } from '../../src-main/capture/helperSession.js';
import { LiveFollower } from '../../src-main/capture/liveFollower.js';
import { InterfaceRateMonitor, type InterfaceRate } from '../../src-main/capture/interfaceRates.js';
import { listInterfaces, listNamespacesWithInterfaces } from '../../src-main/capture/interfaceList.js';
import { HELPER, createVethPair, liveSkipReason, sleep, tempDir, waitFor } from './liveEnv.js';
import { decodeFrame } from './frames.js';
import { optionU64, readStrict } from './pcapngStrictReader.js';
import { ping } from './traffic.js';

const skip = liveSkipReason();
const run = promisify(execFile);
const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/wiresight.js');

/** Running or zombie → alive; gone or reaped → not. */
function processAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

test('killing the supervisor mid-capture leaves a pcapng that reads back to the last packet', { skip }, async (t) => {
  const pair = createVethPair();
  const tmp = tempDir();
  t.after(() => {
    pair.teardown();
    tmp.remove();
  });
  const file = path.join(tmp.dir, 'orphaned.pcapng');
  const supervisor = spawn(process.execPath, [CLI, 'capture', '--netns', pair.nsA, '-i', pair.ifA, '-w', file, '-q'], { stdio: ['ignore', 'ignore', 'pipe'] });
  t.after(() => supervisor.kill('SIGKILL'));
  let stderr = '';
  supervisor.stderr.on('data', (d) => (stderr += d));
  assert.ok(await waitFor(() => stderr.includes('Capturing on'), 5000), stderr);

  const children = readFileSync(`/proc/${supervisor.pid}/task/${supervisor.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
  const helperPid = children.find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('wiresight-capture'));
  assert.ok(helperPid, 'the supervisor runs the helper');
  t.after(() => {
    if (processAlive(helperPid)) process.kill(helperPid, 'SIGKILL');
  });

  await ping(pair.nsA, pair.ipB, 5, 0.1);
  // more traffic still flowing when the supervisor dies
  const more = ping(pair.nsA, pair.ipB, 40, 0.01).catch(() => undefined);
  await sleep(150);
  supervisor.kill('SIGKILL');
  assert.ok(await waitFor(() => !processAlive(helperPid), 5000), 'the helper notices and exits');
  await more;

  const cap = readStrict(file);
  assert.equal(cap.blockTypes.at(-1), 5, 'the helper finished the file with a statistics block');
  const seqs = cap.packets.map((p) => decodeFrame(p.data)).map((d) => `${d.icmp!.type}:${d.icmp!.seq}`);
  assert.deepEqual(seqs.slice(0, 10), ['8:1', '0:1', '8:2', '0:2', '8:3', '0:3', '8:4', '0:4', '8:5', '0:5']);
  assert.ok(cap.packets.length > 10, 'packets of the second ping were captured too');
  assert.equal(optionU64(cap.stats.at(-1)!.options, 8), BigInt(cap.packets.length));

  const { stdout } = await run('tshark', ['-r', file, '-T', 'fields', '-e', 'frame.len']);
  assert.equal(stdout.trim().split('\n').length, cap.packets.length);
  const reader = await CaptureReader.open(file);
  let n = 0;
  while (reader.next()) n++;
  reader.close();
  assert.equal(reader.damage, null);
  assert.equal(n, cap.packets.length);
});

test('a session in a temporary folder autostops and reports the kernel counters of its namespace', { skip }, async (t) => {
  const pair = createVethPair();
  t.after(pair.teardown);
  const session = await HelperCaptureSession.start(HELPER!, { iface: pair.ifA, netns: pair.nsA, autostop: { packets: 6 } });
  t.after(() => {
    void session.stop();
    session.dispose();
  });
  const files: string[] = [];
  session.on('file', (p) => files.push(p));
  assert.ok(session.tempDir && existsSync(session.tempDir));
  assert.equal(session.info.file, path.join(session.tempDir, 'capture.pcapng'));
  assert.deepEqual(session.files, [session.info.file]);

  await ping(pair.nsA, pair.ipB, 3);
  const summary = await session.done;
  assert.equal(summary.reason, 'packets');
  assert.equal(summary.packets, 6);
  assert.equal(summary.error, null);
  assert.deepEqual(summary.files, [session.info.file]);
  // counted inside nsA: 3 echo requests out, 3 replies in
  assert.equal(summary.snmpDelta!.Icmp!.OutMsgs, 3);
  assert.equal(summary.snmpDelta!.Icmp!.InMsgs, 3);
  assert.equal(summary.snmpDelta!.Ip!.InReceives, 3);
  assert.equal(readStrict(session.info.file).packets.length, 6);

  session.dispose();
  assert.equal(existsSync(session.tempDir), false);
});

test('wiresight capture and wiresight interfaces work inside a namespace', { skip }, async (t) => {
  const pair = createVethPair();
  t.after(pair.teardown);
  const { stdout: json } = await run(process.execPath, [CLI, 'interfaces', '--netns', pair.nsA, '--json']);
  const listing = JSON.parse(json) as { netns: string; interfaces: Array<{ name: string; addresses: Array<{ address: string; prefixLength: number }> }>; namespaces: string[] };
  assert.equal(listing.netns, pair.nsA);
  assert.deepEqual(listing.interfaces.map((i) => i.name), ['lo', pair.ifA]);
  assert.deepEqual(listing.interfaces[1]!.addresses, [{ family: 'inet', address: pair.ipA, prefixLength: 24, broadcast: '198.18.0.255' }]);
  assert.ok(listing.namespaces.includes(pair.nsA) && listing.namespaces.includes(pair.nsB));

  const cli = spawn(process.execPath, [CLI, 'capture', '--netns', pair.nsA, '-i', pair.ifA, '-c', '6', '-q'], { stdio: ['ignore', 'ignore', 'pipe'] });
  t.after(() => cli.kill('SIGKILL'));
  let stderr = '';
  cli.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((r) => cli.on('close', r));
  assert.ok(await waitFor(() => stderr.includes('Capturing on'), 5000), stderr);
  await ping(pair.nsA, pair.ipB, 3);
  assert.equal(await exited, 0, stderr);
  assert.match(stderr, new RegExp(`Capturing on '${pair.ifA}' in network namespace ${pair.nsA}`));
  assert.match(stderr, /^6 packets captured$/m);
  assert.match(stderr, /^The kernel counted 3 IP packets in and 3 out; the capture holds 6 packets\.$/m);
});

test('interface rates and namespace listing see traffic inside a namespace', { skip }, async (t) => {
  const pair = createVethPair();
  t.after(pair.teardown);
  const monitor = new InterfaceRateMonitor({ netns: pair.nsA, intervalMs: 300 });
  const samples: InterfaceRate[][] = [];
  monitor.on('sample', (r) => samples.push(r));
  monitor.start();
  t.after(() => monitor.stop());
  await ping(pair.nsA, pair.ipB, 8, 0.1);
  monitor.stop();
  const rates = samples.flat().filter((r) => r.name === pair.ifA);
  assert.ok(rates.length > 0, 'samples for the veth');
  assert.ok(rates.some((r) => r.txPacketsPerS > 0 && r.rxPacketsPerS > 0 && r.txBytesPerS >= 98 * r.txPacketsPerS - 1));

  const counters = (await listInterfaces({ netns: pair.nsA })).interfaces.find((i) => i.name === pair.ifA)!.counters!;
  assert.equal(counters.txPackets, 8);
  assert.equal(counters.rxPackets, 8);
  const all = await listNamespacesWithInterfaces();
  const b = all.find((n) => n.name === pair.nsB);
  assert.deepEqual(b?.interfaces?.map((i) => i.name), ['lo', pair.ifB]);
});

test('packets reach a follower of the growing file while the capture is still running', { skip }, async (t) => {
  const pair = createVethPair();
  t.after(pair.teardown);
  const session = await HelperCaptureSession.start(HELPER!, { iface: pair.ifA, netns: pair.nsA, ring: { fileSizeKB: 1 } });
  t.after(() => {
    void session.stop().then(() => session.dispose());
  });
  const lens: number[] = [];
  const follower = new LiveFollower(session, {
    open: (p) => CaptureReader.open(p, { follow: true }),
    consume: (r) => {
      let n = 0;
      for (; r.next(); n++) lens.push(r.rec.origLen);
      return n;
    },
    intervalMs: 20,
  });
  follower.start();
  await ping(pair.nsA, pair.ipB, 10, 0.05);
  // the helper flushes within 200 ms of a packet; the follower crosses its ring files
  assert.ok(await waitFor(() => lens.length === 20, 3000), `followed ${lens.length} of 20 packets while capturing`);
  assert.ok(session.files.length >= 2, 'several ring files were followed');
  const summary = await session.stop();
  assert.equal(await follower.finish(), 20);
  assert.equal(summary.packets, 20);
  assert.deepEqual(lens, Array(20).fill(98));
});
