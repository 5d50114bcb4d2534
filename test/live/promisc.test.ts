// Promiscuous mode through the socket membership: frames for a foreign MAC address are
// captured with it and not without it, and the kernel takes the membership back when the
// helper dies — even by SIGKILL — leaving the interface's flags as they were.
// A veth delivers every frame to packet sockets whatever the address, so the capture runs
// on a bridge (which passes foreign unicast up only when promiscuous) with the veth as port.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createVethPair, inNs, liveSkipReason, runHelper, sh, tempDir, waitFor, type VethPair } from './liveEnv.js';
import { readStrict } from './pcapngStrictReader.js';
import { sendRawFrames } from './traffic.js';
import { spawnSync } from 'node:child_process';

const skip = liveSkipReason() || (spawnSync('python3', ['-c', 'import socket; socket.AF_PACKET']).status !== 0 && 'needs python3 (raw frame sender)');
const FOREIGN_MAC = '02:00:5e:00:53:99';
const SENDER_MAC = '02:00:5e:00:53:11';
const ETHERTYPE = 0x88b5; // IEEE local experimental: nothing else uses it

function promiscuity(ns: string, dev: string): number {
  return (JSON.parse(sh('ip', ['-d', '-j', '-n', ns, 'link', 'show', dev])) as Array<{ promiscuity: number }>)[0]!.promiscuity;
}

/** The kernel's flags for the device (sysfs shows IFF_PROMISC while a membership holds it). */
function sysFlags(ns: string, dev: string): number {
  return parseInt(inNs(ns, 'cat', [`/sys/class/net/${dev}/flags`]).trim(), 16);
}

/** Captures while nsB sends 5 frames to a foreign MAC and 3 to the bridge's own MAC. */
async function captureTestFrames(pair: VethPair, dir: string, promisc: boolean) {
  const file = path.join(dir, `promisc-${promisc}.pcapng`);
  const args = ['--netns', pair.nsA, '-i', pair.bridge!, '-w', file, '-f', `ether proto 0x${ETHERTYPE.toString(16)}`];
  const helper = runHelper(promisc ? args : [...args, '--no-promisc']);
  try {
    const started = await helper.started;
    assert.equal(started.promisc, promisc);
    assert.equal(promiscuity(pair.nsA, pair.bridge!), promisc ? 1 : 0, 'the membership counts once while capturing');
    await sendRawFrames(pair.nsB, pair.ifB, FOREIGN_MAC, SENDER_MAC, ETHERTYPE, 5);
    await sendRawFrames(pair.nsB, pair.ifB, pair.macA, SENDER_MAC, ETHERTYPE, 3);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal((await helper.stop()).code, 0);
  } finally {
    helper.child.kill('SIGKILL');
  }
  return readStrict(file).packets.map((p) => p.data.subarray(0, 6).toString('hex').replace(/(..)(?!$)/g, '$1:'));
}

test('frames to a foreign MAC are captured with promiscuous mode and not without', { skip }, async (t) => {
  const pair = createVethPair({ bridge: true });
  const tmp = tempDir();
  t.after(() => {
    pair.teardown();
    tmp.remove();
  });
  const flagsBefore = sysFlags(pair.nsA, pair.bridge!);
  assert.equal(flagsBefore & 0x100, 0, 'the bridge starts non-promiscuous');

  const withPromisc = await captureTestFrames(pair, tmp.dir, true);
  assert.deepEqual(withPromisc, [...Array(5).fill(FOREIGN_MAC), ...Array(3).fill(pair.macA)]);

  const withoutPromisc = await captureTestFrames(pair, tmp.dir, false);
  assert.deepEqual(withoutPromisc, Array(3).fill(pair.macA), 'only the frames addressed to the bridge itself');

  assert.equal(sysFlags(pair.nsA, pair.bridge!), flagsBefore);
  assert.equal(promiscuity(pair.nsA, pair.bridge!), 0);
});

test('SIGKILL of the helper leaves IFF_PROMISC as it was', { skip }, async (t) => {
  const pair = createVethPair();
  const tmp = tempDir();
  t.after(() => {
    pair.teardown();
    tmp.remove();
  });
  const flagsBefore = sysFlags(pair.nsA, pair.ifA);
  const countBefore = promiscuity(pair.nsA, pair.ifA);
  const helper = runHelper(['--netns', pair.nsA, '-i', pair.ifA, '-w', path.join(tmp.dir, 'killed.pcapng')]);
  t.after(() => helper.child.kill('SIGKILL'));
  await helper.started;
  assert.equal(promiscuity(pair.nsA, pair.ifA), countBefore + 1);
  assert.notEqual(sysFlags(pair.nsA, pair.ifA) & 0x100, 0, 'promiscuous while the helper runs');

  helper.child.kill('SIGKILL');
  assert.equal((await helper.exit).signal, 'SIGKILL');
  // the socket is released when the process is reaped, which may take a moment
  assert.ok(await waitFor(() => promiscuity(pair.nsA, pair.ifA) === countBefore, 2000), 'membership released');
  assert.equal(sysFlags(pair.nsA, pair.ifA), flagsBefore);
});
