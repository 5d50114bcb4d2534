// Stream numbering (`tcp.stream`, `udp.stream`) and relative TCP sequence numbers
// (`tcp.seq`, `tcp.ack`, `tcp.nxtseq`) over hand-built captures indexed like any file. The
// expected numbers are tshark 4.0.17's for the same files (checked with `tshark -T fields`
// while the scenarios were written); every packet is also dissected again on demand and
// must show what the first pass showed (see analyse()).

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse, indexCapture, removeCaptures, tcpPair, udpFrame, writeCapture, type Frame, type PacketView } from './tcpFrames.js';

after(removeCaptures);

const ms = (x: number) => Math.round(x * 1000);

/** [tcp.stream, tcp.seq, tcp.ack, tcp.nxtseq] of each packet. */
const numbers = (views: PacketView[]) => views.map((v) => [v.tcpStream, v.seq, v.ack, v.nxtseq]);

test('streams are numbered in first-seen order, TCP and UDP apart, both directions in one stream', async () => {
  const frames: Frame[] = [];
  const a = tcpPair('192.0.2.1:40000', '198.51.100.2:45000', { into: frames });
  const b = tcpPair('192.0.2.1:40001', '198.51.100.2:45000', { into: frames });
  // same ports as `a` between other addresses, and over IPv6
  const c = tcpPair('192.0.2.3:40000', '198.51.100.2:45000', { into: frames });
  const d = tcpPair('[2001:db8::1]:40000', '[2001:db8::2]:45000', { into: frames });
  a.c(ms(0), { seq: 100, flags: 'S' });
  frames.push(udpFrame(ms(1), '192.0.2.1:50000', '198.51.100.2:53'));
  b.c(ms(2), { seq: 200, flags: 'S' });
  a.s(ms(3), { seq: 900, ack: 101, flags: 'SA' });
  frames.push(udpFrame(ms(4), '192.0.2.1:50001', '198.51.100.2:53'));
  frames.push(udpFrame(ms(5), '198.51.100.2:53', '192.0.2.1:50000'));
  d.c(ms(6), { seq: 300, flags: 'S' });
  c.c(ms(7), { seq: 400, flags: 'S' });
  b.s(ms(8), { seq: 800, ack: 201, flags: 'SA' });
  frames.push(udpFrame(ms(9), '[2001:db8::1]:50000', '[2001:db8::2]:53'));
  d.s(ms(10), { seq: 700, ack: 301, flags: 'SA' });
  const v = await analyse('stream-order', frames);
  assert.deepEqual(
    v.map((p) => [p.tcpStream ?? null, p.udpStream ?? null]),
    [[0, null], [null, 0], [1, null], [0, null], [null, 1], [null, 0], [2, null], [3, null], [1, null], [null, 2], [2, null]],
  );
});

test('relative numbers from the handshake: SYN and FIN count one, data its length', async () => {
  const conv = tcpPair('192.0.2.1:40000', '198.51.100.2:45000', { isn: [1000, 5000] })
    .c(ms(0), { seq: 0, flags: 'S', opts: { mss: 1460 } })
    .s(ms(10), { seq: 0, ack: 1, flags: 'SA', opts: { mss: 1460 } })
    .c(ms(20), { seq: 1, ack: 1, flags: 'A' })
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', len: 100 })
    .s(ms(40), { seq: 1, ack: 101, flags: 'PA', len: 30 })
    .c(ms(50), { seq: 101, ack: 31, flags: 'FA' })
    .s(ms(60), { seq: 31, ack: 102, flags: 'FA' })
    .c(ms(70), { seq: 102, ack: 32, flags: 'A' });
  const v = await analyse('relative-handshake', conv.frames);
  assert.deepEqual(numbers(v), [
    [0, 0, 0, 1],
    [0, 0, 1, 1],
    [0, 1, 1, 1],
    [0, 1, 1, 101],
    [0, 1, 101, 31],
    [0, 101, 31, 102],
    [0, 31, 102, 32],
    [0, 102, 32, 102],
  ]);
});

test('relative numbers across the 32-bit wrap of the raw sequence numbers', async () => {
  const conv = tcpPair('192.0.2.1:40000', '198.51.100.2:45000', { isn: [0xffffff00, 0xfffffff0] })
    .c(ms(0), { seq: 0, flags: 'S' })
    .s(ms(10), { seq: 0, ack: 1, flags: 'SA' })
    .c(ms(20), { seq: 1, ack: 1, flags: 'PA', len: 1000 })
    .s(ms(30), { seq: 1, ack: 1001, flags: 'PA', len: 100 })
    .c(ms(40), { seq: 1001, ack: 101, flags: 'PA', len: 10 });
  const v = await analyse('relative-wrap', conv.frames);
  assert.deepEqual(numbers(v), [
    [0, 0, 0, 1],
    [0, 0, 1, 1],
    [0, 1, 1, 1001],
    [0, 1, 1001, 101],
    [0, 1001, 101, 1011],
  ]);
  assert.deepEqual(flagsOf(v), [[], [], [], [], []]);
});

const flagsOf = (views: PacketView[]) => views.map((v) => v.flags);

test('mid-stream pickup: the base is seq - 1, the reverse base ack - 1', async () => {
  const conv = tcpPair('192.0.2.1:40000', '198.51.100.2:45000', { isn: [3_000_000_000, 70_000] })
    .s(ms(0), { seq: 500, ack: 9000, flags: 'PA', len: 20 })
    .c(ms(10), { seq: 9000, ack: 520, flags: 'PA', len: 10 })
    .s(ms(20), { seq: 520, ack: 9010, flags: 'A' });
  const v = await analyse('mid-stream', conv.frames);
  // the server's raw 70500 is 1, its ACK 3000009000 makes the client's base 3000008999
  assert.deepEqual(numbers(v), [
    [0, 1, 1, 21],
    [0, 1, 21, 11],
    [0, 21, 11, 21],
  ]);
});

test('mid-stream pickup without the ACK flag: the acknowledgment stays raw and teaches nothing', async () => {
  const conv = tcpPair('192.0.2.1:40000', '198.51.100.2:45000', { isn: [100_000, 200_000] })
    .c(ms(0), { seq: 0, ack: 50, flags: 'P', len: 10 })
    .s(ms(10), { seq: 0, ack: 10, flags: 'A' })
    .c(ms(20), { seq: 10, ack: 0, flags: 'PA', len: 10 });
  const v = await analyse('mid-stream-no-ack', conv.frames);
  assert.deepEqual(numbers(v), [
    [0, 1, 50, 11],
    [0, 1, 11, 1],
    [0, 11, 1, 21],
  ]);
});

test('port reuse: a SYN with a new initial sequence number starts a new stream', async () => {
  const frames: Frame[] = [];
  const first = tcpPair('192.0.2.1:40000', '198.51.100.2:45000', { isn: [1000, 5000], into: frames });
  first
    .c(ms(0), { seq: 0, flags: 'S' })
    .s(ms(10), { seq: 0, ack: 1, flags: 'SA' })
    .c(ms(20), { seq: 1, ack: 1, flags: 'FA' })
    .s(ms(30), { seq: 1, ack: 2, flags: 'FA' })
    .c(ms(40), { seq: 2, ack: 2, flags: 'A' });
  const other = tcpPair('192.0.2.1:40001', '198.51.100.2:45000', { isn: [7000, 8000], into: frames });
  other.c(ms(50), { seq: 0, flags: 'S' });
  const second = tcpPair('192.0.2.1:40000', '198.51.100.2:45000', { isn: [90_000, 60_000], into: frames });
  second
    .c(ms(1000), { seq: 0, flags: 'S' })
    // the same SYN again stays in the new stream
    .c(ms(2000), { seq: 0, flags: 'S' })
    .s(ms(2010), { seq: 0, ack: 1, flags: 'SA' })
    .c(ms(2020), { seq: 1, ack: 1, flags: 'PA', len: 5 });
  const v = await analyse('port-reuse', frames);
  assert.deepEqual(numbers(v), [
    [0, 0, 0, 1],
    [0, 0, 1, 1],
    [0, 1, 1, 2],
    [0, 1, 2, 2],
    [0, 2, 2, 2],
    [1, 0, 0, 1],
    [2, 0, 0, 1],
    [2, 0, 0, 1],
    [2, 0, 1, 1],
    [2, 1, 1, 6],
  ]);
  assert.deepEqual(flagsOf(v), [[], [], [], [], [], [], ['reused_ports'], ['retransmission'], [], []]);
  const { cap } = await indexCapture(writeCapture('port-reuse', frames));
  try {
    assert.equal(cap.summary(6).info, '[TCP Port numbers reused] 40000 → 45000 [SYN] Seq=0 Win=64240 Len=0');
  } finally {
    cap.close();
  }
});

test('malformed headers: SYN+FIN counts one, no next number after a bogus header length, raw numbers in a short segment', async () => {
  const frames: Frame[] = [];
  tcpPair('192.0.2.1:40000', '198.51.100.2:45000', { isn: [1000, 5000], into: frames }).c(ms(0), { seq: 0, flags: 'SF' });
  tcpPair('192.0.2.1:40001', '198.51.100.2:45000', { isn: [2000, 6000], into: frames })
    .c(ms(10), { seq: 0, flags: 'S' })
    .s(ms(20), { seq: 0, ack: 1, flags: 'SA' })
    // data offset 15 (60 bytes) in a 20-byte segment: numbers as they are, nothing learnt
    .c(ms(30), { seq: 1, ack: 1, flags: 'A', hdrLen: 60 })
    .c(ms(40), { seq: 1, ack: 1, flags: 'PA', len: 3 });
  // data offset 3 (12 bytes): the header stops before the acknowledgment number
  tcpPair('192.0.2.1:40002', '198.51.100.2:45000', { isn: [3000, 7000], into: frames })
    .c(ms(50), { seq: 0, flags: 'S' })
    .s(ms(60), { seq: 0, ack: 1, flags: 'SA' })
    .c(ms(70), { seq: 1, ack: 1, flags: 'A', hdrLen: 12 });
  const v = await analyse('malformed-headers', frames);
  assert.deepEqual(numbers(v), [
    [0, 0, 0, 1],
    [1, 0, 0, 1],
    [1, 0, 1, 1],
    [1, 2001, 6001, undefined],
    [1, 1, 1, 4],
    [2, 0, 0, 1],
    [2, 0, 1, 1],
    [2, 1, undefined, undefined],
  ]);
});
