// The helper captures exactly what crossed the wire: ping, UDP and TCP between two test
// namespaces, with increasing nanosecond timestamps and correct lengths, in a pcapng that
// tshark and the engine's reader both read. Needs root (skips otherwise).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CaptureReader } from '../../src-main/engine/read/captureReader.js';
import { readSnmp, snmpDelta } from '../../src-main/capture/kernelSnmp.js';
import { HELPER, createVethPair, liveSkipReason, runHelper, tempDir } from './liveEnv.js';
import { decodeFrame, TCP_ACK, TCP_FIN, TCP_SYN } from './frames.js';
import { optionText, optionU64, readStrict } from './pcapngStrictReader.js';
import { ping, tcpExchange, udpExchange } from './traffic.js';

const skip = liveSkipReason();

test('helper captures exactly the ping, UDP and TCP packets sent between two namespaces', { skip }, async (t) => {
  const pair = createVethPair();
  const tmp = tempDir();
  t.after(() => {
    pair.teardown();
    tmp.remove();
  });
  const file = path.join(tmp.dir, 'cap.pcapng');
  const snmpA0 = await readSnmp({ netns: pair.nsA, helperPath: HELPER });
  const snmpB0 = await readSnmp({ netns: pair.nsB, helperPath: HELPER });

  const helper = runHelper(['--netns', pair.nsA, '-i', pair.ifA, '-w', file]);
  t.after(() => helper.child.kill('SIGKILL'));
  const started = await helper.started;
  const wallStart = BigInt(Date.now()) * 1_000_000n;

  // no privilege survives opening the socket, even for root
  const capEff = /^CapEff:\s*([0-9a-f]+)$/m.exec(readFileSync(`/proc/${started.pid}/status`, 'utf8'))![1];
  assert.equal(BigInt('0x' + capEff), 0n, 'the running helper holds no capabilities');
  assert.equal(started.tsresol, 9);
  assert.equal(started.tpacketVersion, 3);
  assert.equal(started.promisc, true);
  assert.equal(started.netns, pair.nsA);

  await ping(pair.nsA, pair.ipB, 3);
  const udpSizes = [1, 100, 1400];
  await udpExchange(pair.nsA, pair.nsB, pair.ipB, 9999, udpSizes);
  const tcpPayload = Buffer.from('wiresight live capture test '.repeat(20));
  const received = await tcpExchange(pair.nsA, pair.nsB, pair.ipB, 9000, tcpPayload);
  assert.equal(received, tcpPayload.length);
  // the last FIN/ACK may still be on its way through the veth
  await new Promise((r) => setTimeout(r, 100));

  const exit = await helper.stop();
  const wallEnd = BigInt(Date.now()) * 1_000_000n;
  assert.equal(exit.code, 0, helper.stderr.join('\n'));
  const snmpA = snmpDelta(snmpA0, await readSnmp({ netns: pair.nsA, helperPath: HELPER }));
  const snmpB = snmpDelta(snmpB0, await readSnmp({ netns: pair.nsB, helperPath: HELPER }));

  const cap = readStrict(file);
  assert.equal(cap.interfaces.length, 1);
  const idb = cap.interfaces[0]!;
  assert.equal(idb.linkType, 1);
  assert.equal(idb.snaplen, 262144);
  assert.equal(optionText(idb.options, 2), pair.ifA, 'if_name');
  assert.deepEqual([...idb.options.get(9)!], [9], 'if_tsresol = 9 (nanoseconds)');

  const frames = cap.packets.map((p) => ({ p, d: decodeFrame(p.data) }));
  // every packet complete, lengths consistent with the IP header, timestamps in order and in the run
  for (const { p, d } of frames) {
    assert.equal(p.capLen, p.origLen);
    assert.equal(p.capLen, 14 + d.ip!.totalLength, 'frame length = Ethernet header + IP total length');
  }
  for (let i = 1; i < frames.length; i++) assert.ok(frames[i]!.p.ts >= frames[i - 1]!.p.ts, `timestamp ${i} goes back`);
  assert.ok(frames[0]!.p.ts >= wallStart - 1_000_000_000n && frames.at(-1)!.p.ts <= wallEnd, 'timestamps fall within the test run');
  assert.ok(frames.some(({ p }) => p.ts % 1000n !== 0n), 'timestamps carry nanoseconds, not microseconds');

  const icmp = frames.filter(({ d }) => d.icmp);
  const udp = frames.filter(({ d }) => d.udp);
  const tcp = frames.filter(({ d }) => d.tcp);
  assert.equal(icmp.length + udp.length + tcp.length, frames.length, 'nothing but the test traffic');

  assert.deepEqual(
    icmp.map(({ p, d }) => [d.icmp!.type, d.icmp!.seq, d.ip!.src, p.origLen]),
    [1, 1, 2, 2, 3, 3].map((seq, i) => (i % 2 === 0 ? [8, seq, pair.ipA, 98] : [0, seq, pair.ipB, 98])),
  );

  assert.deepEqual(udp.map(({ p }) => p.origLen), udpSizes.map((n) => 14 + 20 + 8 + n));
  for (const [i, { d }] of udp.entries()) {
    assert.deepEqual(d.udp!.payload, Buffer.alloc(udpSizes[i]!, udpSizes[i]! & 0xff));
    assert.equal(d.udp!.dstPort, 9999);
  }

  // TCP: as many segments as both kernels sent (nothing lost or invented), a full
  // handshake, the payload intact and a FIN each way
  assert.equal(tcp.length, snmpA.Tcp!.OutSegs! + snmpB.Tcp!.OutSegs!);
  const flags = tcp.map(({ d }) => d.tcp!.flags & (TCP_SYN | TCP_ACK | TCP_FIN));
  assert.deepEqual(flags.slice(0, 3), [TCP_SYN, TCP_SYN | TCP_ACK, TCP_ACK]);
  const sentData = Buffer.concat(tcp.filter(({ d }) => d.ip!.src === pair.ipA).map(({ d }) => d.tcp!.payload));
  assert.deepEqual(sentData, tcpPayload);
  assert.ok(tcp.some(({ d }) => d.ip!.src === pair.ipA && d.tcp!.flags & TCP_FIN));
  assert.ok(tcp.some(({ d }) => d.ip!.src === pair.ipB && d.tcp!.flags & TCP_FIN));
  assert.equal(udp.length, snmpA.Udp!.OutDatagrams);
  assert.equal(icmp.length, snmpA.Icmp!.OutMsgs! + snmpB.Icmp!.OutMsgs!);

  // the file ends with a statistics block that accounts for every packet
  assert.equal(cap.blockTypes.at(-1), 5, 'the last block is an ISB');
  const isb = cap.stats.at(-1)!;
  assert.equal(optionU64(isb.options, 8), BigInt(frames.length), 'isb_usrdeliv');
  assert.equal(optionU64(isb.options, 5), 0n, 'isb_ifdrop');
  const stopped = helper.stopped()!;
  assert.equal(stopped.reason, 'signal');
  assert.equal(stopped.packets, frames.length);
  assert.equal(stopped.dropped, 0);

  // tshark reads the same packets with the same lengths and times
  const tshark = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'frame.len', '-e', 'frame.time_epoch'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .trim().split('\n').map((l) => l.split('\t'));
  assert.deepEqual(tshark.map(([len]) => Number(len)), frames.map(({ p }) => p.origLen));
  assert.deepEqual(
    tshark.map(([, time]) => time!.replace('.', '').padEnd(19, '0')),
    frames.map(({ p }) => p.ts.toString()),
  );

  // and so does the engine's reader
  const reader = await CaptureReader.open(file);
  try {
    const lens: number[] = [];
    while (reader.next()) {
      lens.push(reader.rec.origLen);
      const p = frames[lens.length - 1]!.p;
      assert.equal(BigInt(reader.rec.tsSec) * 1_000_000_000n + BigInt(reader.rec.tsNsec), p.ts);
    }
    assert.equal(reader.damage, null);
    assert.deepEqual(lens, frames.map(({ p }) => p.origLen));
  } finally {
    reader.close();
  }
});
