// Summary lines through the lean path against full dissection (see summaryParity.ts): on
// every capture of the shared corpus, on a hand-built capture of UDP, ICMP echo and IPv6
// (the TCP analysis notes are checked the same way on every scenario of the TCP analysis
// tests, through tcpFrames.ts), and through the `wiresight read` command itself.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { CORPUS_DIR, corpusCaptures } from '../corpusFiles.js';
import { ep, ethFrame, removeCaptures, tcpPair, udpFrame, writeCapture, type Frame } from '../analysis/tcpFrames.js';
import { assertSameSummaries } from './summaryParity.js';

const CLI = new URL('../../../../../bin/wiresight.js', import.meta.url).pathname;

after(removeCaptures);

let accepted = 0;
let total = 0;

for (const file of corpusCaptures()) {
  test(`lean summary lines = full dissection: ${file}`, { timeout: 120_000 }, async () => {
    const lean = await assertSameSummaries(CORPUS_DIR + file);
    accepted += lean.lean;
    total += lean.packets;
  });
}

test('the corpus exercises the lean summary', () => {
  if (total === 0) return;
  // most corpus packets are ordinary TCP/UDP/ICMP echo over Ethernet
  assert.ok(accepted > total / 3, `lean path took ${accepted} of ${total} packets`);
});

/** An ICMP echo request (8) or reply (0) frame with a valid checksum. */
function echoFrame(us: number, src: string, dst: string, type: number, id: number, seq: number): Frame {
  const msg = [type, 0, 0, 0, id >> 8, id & 255, seq >> 8, seq & 255, ...Array.from({ length: 16 }, (_, i) => i)];
  let sum = 0;
  for (let i = 0; i < msg.length; i += 2) sum += (msg[i]! << 8) + msg[i + 1]!;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  msg[2] = (~sum >> 8) & 255;
  msg[3] = ~sum & 255;
  return { us, bytes: ethFrame(ep(`${src}:0`), ep(`${dst}:0`), 1, msg) };
}

test('lean summary lines = full dissection for UDP, ICMP echo pairing, IPv6, service names and URG', async () => {
  const frames: Frame[] = [];
  tcpPair('[2001:db8::1]:40002', '[2001:db8::2]:80', { isn: [1000, 5000], into: frames })
    .c(0, { seq: 0, flags: 'S', win: 64240, opts: { mss: 1440, sackPerm: true, ws: 10 } })
    .s(1000, { seq: 0, ack: 1, flags: 'SA', win: 65160, opts: { mss: 1440, ws: 14 } })
    .c(2000, { seq: 1, ack: 1, flags: 'PA', win: 502, len: 10 })
    .s(3000, { seq: 1, ack: 11, flags: 'UA', win: 509, len: 5, urg: 3 });
  frames.push(
    udpFrame(4000, '192.0.2.1:5353', '198.51.100.2:53', 30),
    udpFrame(5000, '[2001:db8::1]:4000', '[2001:db8::2]:4001', 3),
    udpFrame(6000, '192.0.2.1:4000', '198.51.100.2:4001', 0),
    echoFrame(7000, '192.0.2.1', '198.51.100.2', 8, 0x1234, 1),
    echoFrame(8000, '198.51.100.2', '192.0.2.1', 0, 0x1234, 1),
    echoFrame(9000, '198.51.100.2', '192.0.2.1', 0, 0x1234, 2),
  );
  const lean = await assertSameSummaries(writeCapture('lean-summary', frames));
  assert.equal(lean.lean, frames.length);
  const text = lean.text;
  for (const part of [' HTTP ', 'WS=1024', 'Win=65160', 'Urg=3 Len=5', ' DNS ', '4000 → 4001 Len=0', '(request in 8)', 'seq=2/512, ttl=64\n']) {
    assert.ok(text.includes(part), `no line shows ${part}:\n${text}`);
  }
});

test('wiresight read prints the same lines with and without the lean path', (t) => {
  const file = corpusCaptures().find((f) => f === 'lab-a.pcap');
  if (!file) {
    t.skip('no corpus');
    return;
  }
  // a display filter that matches every packet sends each one the full way
  const options = { encoding: 'utf8', maxBuffer: 64 << 20 } as const;
  for (const time of ['r', 'd']) {
    const lean: SpawnSyncReturns<string> = spawnSync(process.execPath, [CLI, 'read', '-t', time, CORPUS_DIR + file], options);
    const full: SpawnSyncReturns<string> = spawnSync(process.execPath, [CLI, 'read', '-t', time, '-Y', 'frame', CORPUS_DIR + file], options);
    assert.equal(lean.status, 0, lean.stderr);
    assert.equal(full.status, 0, full.stderr);
    assert.ok(lean.stdout.length > 0);
    assert.equal(lean.stdout, full.stdout);
  }
});
