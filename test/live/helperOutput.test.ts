// How the helper writes: a pcapng stream on stdout that `tshark -r -` reads, stopping when
// the reader goes away, a ring buffer of complete files, and the autostop conditions.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createVethPair, liveSkipReason, runHelper, tempDir, waitFor, HELPER } from './liveEnv.js';
import { decodeFrame } from './frames.js';
import { readStrict } from './pcapngStrictReader.js';
import { ping, udpExchange } from './traffic.js';
import { execFileSync } from 'node:child_process';

const skip = liveSkipReason();

test('"-w -" streams pcapng that tshark -r - reads, and stops when the reader goes away', { skip }, async (t) => {
  const pair = createVethPair();
  t.after(pair.teardown);
  // a shell pipeline: tshark refuses a socket on stdin, and this is how people will run it
  const pipeline = spawn('sh', ['-c', `"$0" --netns "$1" -i "$2" -w - -c 6 --status-fd 3 | tshark -r - -T fields -e icmp.type -e icmp.seq`, HELPER!, pair.nsA, pair.ifA], {
    stdio: ['ignore', 'pipe', 'ignore', 'pipe'],
  });
  t.after(() => pipeline.kill('SIGKILL'));
  let tsharkOut = '';
  pipeline.stdout!.on('data', (d) => (tsharkOut += d));
  const done = new Promise<number | null>((r) => pipeline.on('close', r));
  await new Promise((r) => pipeline.stdio[3]!.once('data', r)); // the helper's first status line
  await ping(pair.nsA, pair.ipB, 3);
  assert.equal(await done, 0);
  assert.deepEqual(tsharkOut.trim().split('\n'), ['8\t1', '0\t1', '8\t2', '0\t2', '8\t3', '0\t3']);

  // the stream's reader closing ends the helper cleanly
  const reader = spawn(HELPER!, ['--netns', pair.nsA, '-i', pair.ifA, '-w', '-'], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => reader.kill('SIGKILL'));
  const exit = new Promise<number | null>((r) => reader.on('close', r));
  const firstBytes = await new Promise<Buffer>((r) => reader.stdout.once('data', r));
  assert.equal(firstBytes.readUInt32LE(0), 0x0a0d0d0a, 'the stream starts with a section header');
  reader.stdout.destroy();
  assert.equal(await exit, 0);
});

test('a ring buffer keeps the last N complete files', { skip }, async (t) => {
  const pair = createVethPair();
  const tmp = tempDir();
  t.after(() => {
    pair.teardown();
    tmp.remove();
  });
  const base = path.join(tmp.dir, 'ring.pcapng');
  const helper = runHelper(['--netns', pair.nsA, '-i', pair.ifA, '-w', base, '-b', 'files:2,filesize:3']);
  t.after(() => helper.child.kill('SIGKILL'));
  await helper.started;
  const sizes = Array.from({ length: 12 }, (_, i) => 1000 + i);
  await udpExchange(pair.nsA, pair.nsB, pair.ipB, 9999, sizes);
  assert.equal((await helper.stop()).code, 0, helper.stderr.join('\n'));

  const opened = helper.statuses.filter((s) => s.type === 'file').map((s) => (s as { path: string }).path);
  const removed = helper.statuses.filter((s) => s.type === 'file-removed').map((s) => (s as { path: string }).path);
  assert.ok(opened.length >= 4, `files opened: ${opened.length}`);
  for (const [i, p] of opened.entries()) assert.match(path.basename(p), new RegExp(`^ring_${String(i + 1).padStart(5, '0')}_\\d{14}\\.pcapng$`));
  assert.deepEqual(removed, opened.slice(0, -2));
  const kept = opened.slice(-2);
  assert.deepEqual(helper.stopped()!.files, kept);
  for (const p of removed) assert.equal(existsSync(p), false);

  // each kept file is a whole pcapng; together they hold the newest datagrams in order
  const payloadSizes = kept.flatMap((p) => {
    const cap = readStrict(p);
    assert.equal(cap.blockTypes.at(-1), 5);
    const tsharkCount = execFileSync('tshark', ['-r', p, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n').filter(Boolean).length;
    assert.equal(tsharkCount, cap.packets.length);
    return cap.packets.map((pk) => decodeFrame(pk.data).udp!.payload.length);
  });
  assert.deepEqual(payloadSizes, sizes.slice(-payloadSizes.length));
  // each finished file passed 3 kB, and with ~1 kB packets by less than one packet
  assert.ok(statSync(kept[0]!).size >= 3000 && statSync(kept[0]!).size < 3000 + 1100 + 200);
});

test('autostop by duration and by file size', { skip }, async (t) => {
  const pair = createVethPair();
  const tmp = tempDir();
  t.after(() => {
    pair.teardown();
    tmp.remove();
  });
  const timedFile = path.join(tmp.dir, 'timed.pcapng');
  const timed = runHelper(['--netns', pair.nsA, '-i', pair.ifA, '-w', timedFile, '-a', 'duration:0.5', '--isb-interval', '0.1']);
  t.after(() => timed.child.kill('SIGKILL'));
  await timed.started;
  const t0 = Date.now();
  assert.equal((await timed.exit).code, 0);
  const took = Date.now() - t0;
  assert.equal(timed.stopped()!.reason, 'duration');
  assert.ok(took >= 400 && took < 2000, `stopped after ${took} ms`);
  // statistics blocks every 0.1 s, then one at the end
  const timedCap = readStrict(timedFile);
  assert.ok(timedCap.stats.length >= 4, `${timedCap.stats.length} ISBs`);
  for (let i = 1; i < timedCap.stats.length; i++) assert.ok(timedCap.stats[i]!.ts > timedCap.stats[i - 1]!.ts);
  assert.equal(timedCap.blockTypes.at(-1), 5);

  const sized = runHelper(['--netns', pair.nsA, '-i', pair.ifA, '-w', path.join(tmp.dir, 'sized.pcapng'), '-a', 'filesize:2']);
  t.after(() => sized.child.kill('SIGKILL'));
  await sized.started;
  await ping(pair.nsA, pair.ipB, 20, 0.02).catch(() => undefined);
  assert.equal((await sized.exit).code, 0);
  const stopped = sized.stopped()!;
  assert.equal(stopped.reason, 'filesize');
  const cap = readStrict(path.join(tmp.dir, 'sized.pcapng'));
  assert.equal(cap.packets.length, stopped.packets);
  // stops on the first packet that takes the file to 2 kB (each EPB of a ping is 132 bytes)
  const withoutLast = statSync(path.join(tmp.dir, 'sized.pcapng')).size - 132;
  assert.ok(withoutLast < 2000 + 200, `file size ${withoutLast + 132}`);
});

test('--netns-pid captures in the network namespace of a process', { skip }, async (t) => {
  const pair = createVethPair();
  t.after(pair.teardown);
  const resident = spawn('ip', ['netns', 'exec', pair.nsB, 'sleep', '30'], { stdio: 'ignore' });
  t.after(() => resident.kill('SIGKILL'));
  // `ip netns exec` execs sleep, so the pid is the process inside the namespace
  assert.ok(await waitFor(() => readFileSync(`/proc/${resident.pid}/cmdline`, 'utf8').startsWith('sleep'), 2000));
  const listing = JSON.parse(execFileSync(HELPER!, ['--netns-pid', String(resident.pid), '--list'], { encoding: 'utf8' })) as {
    netns: string; interfaces: Array<{ name: string }>;
  };
  assert.equal(listing.netns, `pid:${resident.pid}`);
  assert.deepEqual(listing.interfaces.map((i) => i.name), ['lo', pair.ifB]);

  const file = path.join(tempDirFor(t), 'pid.pcapng');
  const helper = runHelper(['--netns-pid', String(resident.pid), '-i', pair.ifB, '-w', file, '-c', '2']);
  t.after(() => helper.child.kill('SIGKILL'));
  await helper.started;
  await ping(pair.nsA, pair.ipB, 1);
  assert.equal((await helper.exit).code, 0);
  assert.deepEqual(readStrict(file).packets.map((p) => decodeFrame(p.data).icmp!.type), [8, 0]);
});

function tempDirFor(t: { after(fn: () => void): void }): string {
  const tmp = tempDir();
  t.after(tmp.remove);
  return tmp.dir;
}
