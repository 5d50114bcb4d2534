// TCP sequence analysis (`tcp.analysis.*`) over hand-built connections written to pcap
// files and indexed like any capture: one scenario per behaviour, the exact flags on every
// packet as tshark 4.0.17 reports them for the same file (checked with `tshark -T fields`
// while the scenarios were written). Every scenario also dissects each packet again on
// demand, last packet first, and requires the same fields as the first pass (see analyse()).

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  analyse, icmpUnreachable, indexCapture, removeCaptures, tcpPair, viewOf, writeCapture,
  type Conversation, type Frame, type PacketView, type TcpOptions,
} from './tcpFrames.js';

after(removeCaptures);

const CLIENT = '192.0.2.1:40000';
const SERVER = '198.51.100.2:45000';
const ms = (x: number) => Math.round(x * 1000);

interface ConnectOptions {
  client?: string;
  server?: string;
  into?: Frame[];
  /** options of the SYN and of the SYN/ACK (default: MSS and window scale 7 on both) */
  synOpts?: TcpOptions;
  synAckOpts?: TcpOptions;
}

/**
 * A connection opened by a full handshake: SYN at 0, SYN/ACK at 10 ms, ACK at 20 ms, so the
 * initial RTT is 20 ms. Initial sequence numbers are 1000 (client) and 5000 (server); the
 * segments after it are written with relative numbers (next: client 1, server 1).
 */
function connect(o: ConnectOptions = {}): Conversation {
  const conv = tcpPair(o.client ?? CLIENT, o.server ?? SERVER, { isn: [1000, 5000], ...(o.into ? { into: o.into } : {}) });
  return conv
    .c(0, { seq: 0, flags: 'S', win: 64240, opts: o.synOpts ?? { mss: 1460, sackPerm: true, ws: 7 } })
    .s(ms(10), { seq: 0, ack: 1, flags: 'SA', win: 65160, opts: o.synAckOpts ?? { mss: 1460, sackPerm: true, ws: 7 } })
    .c(ms(20), { seq: 1, ack: 1, flags: 'A', win: 502 });
}

/** A connection picked up in the middle: no handshake, raw numbers far from zero. */
function midStream(into?: Frame[]): Conversation {
  return tcpPair(CLIENT, SERVER, { isn: [3_000_000_000, 70_000], ...(into ? { into } : {}) });
}

const flagsOf = (views: PacketView[]) => views.map((v) => v.flags);

test('initial RTT: from the SYN to the ACK that completes the handshake, shown from that ACK on', async () => {
  const conv = connect()
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 10 })
    .s(ms(40), { seq: 1, ack: 11, flags: 'A', win: 509 });
  const v = await analyse('initial-rtt', conv.frames);
  assert.deepEqual(flagsOf(v), [[], [], [], [], []]);
  assert.deepEqual(v.map((p) => p.irttUs), [undefined, undefined, 20000, 20000, 20000]);
});

test('initial RTT after a retransmitted SYN counts from the last SYN', async () => {
  const conv = tcpPair(CLIENT, SERVER, { isn: [1000, 5000] })
    .c(0, { seq: 0, flags: 'S', opts: { mss: 1460, ws: 7 } })
    .c(ms(1000), { seq: 0, flags: 'S', opts: { mss: 1460, ws: 7 } })
    .s(ms(1010), { seq: 0, ack: 1, flags: 'SA', opts: { mss: 1460, ws: 7 } })
    .c(ms(1030), { seq: 1, ack: 1, flags: 'A', win: 502 })
    .c(ms(1040), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 20 });
  const v = await analyse('syn-retransmitted', conv.frames);
  assert.deepEqual(flagsOf(v), [[], ['retransmission'], [], [], []]);
  assert.deepEqual(v.map((p) => p.irttUs), [undefined, undefined, undefined, 30000, 30000]);
});

test('initial RTT: the first ACK without SYN counts from either side; a zero RTT counts as unknown', async () => {
  const frames: Frame[] = [];
  // the server sends data before the client's ACK: 15 ms
  tcpPair(CLIENT, SERVER, { isn: [1000, 5000], into: frames })
    .c(0, { seq: 0, flags: 'S' })
    .s(ms(10), { seq: 0, ack: 1, flags: 'SA' })
    .s(ms(15), { seq: 1, ack: 1, flags: 'PA', len: 10 })
    .c(ms(20), { seq: 1, ack: 11, flags: 'A' });
  // the handshake within one timestamp: the next ACK, 5 ms later, sets it
  tcpPair('192.0.2.1:40001', SERVER, { isn: [1000, 5000], into: frames })
    .c(ms(100), { seq: 0, flags: 'S' })
    .s(ms(100), { seq: 0, ack: 1, flags: 'SA' })
    .c(ms(100), { seq: 1, ack: 1, flags: 'A' })
    .c(ms(105), { seq: 1, ack: 1, flags: 'PA', len: 10 });
  const v = await analyse('initial-rtt-cases', frames);
  assert.deepEqual(v.map((p) => p.irttUs), [undefined, undefined, 15000, 15000, undefined, undefined, undefined, 5000]);
  assert.deepEqual(flagsOf(v), frames.map(() => []));
});

test('initial RTT shows only where tshark has something to say: not on a FIN that acknowledges nothing new', async () => {
  const conv = connect()
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 10 })
    .s(ms(40), { seq: 1, ack: 11, flags: 'A', win: 509 })
    .c(ms(50), { seq: 11, ack: 1, flags: 'FA', win: 502 })
    .s(ms(60), { seq: 1, ack: 12, flags: 'FA', win: 509 })
    .c(ms(70), { seq: 12, ack: 2, flags: 'A', win: 502 })
    // a reset acknowledging nothing new, without data or flag: nothing to say either
    .c(ms(80), { seq: 12, ack: 2, flags: 'RA', win: 0 });
  const v = await analyse('initial-rtt-shown', conv.frames);
  assert.deepEqual(v.map((p) => p.irttUs), [undefined, undefined, 20000, 20000, 20000, undefined, 20000, 20000, undefined]);
});

test('retransmission: the same data again after more than the RTT, not yet acknowledged', async () => {
  const conv = connect()
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
    .c(ms(330), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
    .s(ms(340), { seq: 1, ack: 101, flags: 'A', win: 509 })
    .c(ms(350), { seq: 101, ack: 1, flags: 'PA', win: 502, len: 50 });
  const v = await analyse('retransmission', conv.frames);
  assert.deepEqual(flagsOf(v), [[], [], [], [], ['retransmission'], [], []]);
});

test('retransmission over IPv6', async () => {
  const conv = connect({ client: '[2001:db8::1]:40000', server: '[2001:db8::2]:45000' })
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
    .c(ms(330), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
    .s(ms(340), { seq: 1, ack: 101, flags: 'A', win: 509 });
  const v = await analyse('retransmission-ipv6', conv.frames);
  assert.deepEqual(flagsOf(v), [[], [], [], [], ['retransmission'], []]);
  assert.deepEqual(v.map((p) => p.tcpStream), [0, 0, 0, 0, 0, 0]);
});

test('spurious retransmission: data the peer had already acknowledged', async () => {
  const conv = connect()
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
    .s(ms(40), { seq: 1, ack: 101, flags: 'A', win: 509 })
    .c(ms(300), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
    // only partly acknowledged: a plain retransmission
    .c(ms(600), { seq: 51, ack: 1, flags: 'PA', win: 502, len: 100 });
  const v = await analyse('spurious-retransmission', conv.frames);
  assert.deepEqual(flagsOf(v), [[], [], [], [], [], ['retransmission', 'spurious_retransmission'], ['retransmission']]);
});

test('spurious retransmission wins over out-of-order, and applies even at the expected sequence number', async () => {
  const frames: Frame[] = [];
  connect({ into: frames })
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
    .c(ms(31), { seq: 101, ack: 1, flags: 'PA', win: 502, len: 100 })
    .s(ms(32), { seq: 1, ack: 201, flags: 'A', win: 509 })
    // 2 ms after the highest segment, within the RTT: out-of-order, were it not acknowledged already
    .c(ms(33), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 });
  connect({ client: '192.0.2.1:40001', into: frames })
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
    .s(ms(40), { seq: 1, ack: 301, flags: 'A', win: 509 })
    // the next new data, which the peer claims to have had
    .c(ms(50), { seq: 101, ack: 1, flags: 'PA', win: 502, len: 100 });
  const v = await analyse('spurious-retransmission-precedence', frames);
  assert.deepEqual(flagsOf(v), [
    [], [], [], [], [], [], ['retransmission', 'spurious_retransmission'],
    [], [], [], [], ['ack_lost_segment'], ['retransmission', 'spurious_retransmission'],
  ]);
});

/** Segment 101-201 is lost; the server repeats its ACK of 101 `dupAcks` times (10 ms apart from 50 ms). */
function lossWithDupAcks(dupAcks: number): { conv: Conversation; lastDupAck: number } {
  const conv = connect()
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
    .s(ms(40), { seq: 1, ack: 101, flags: 'A', win: 509 })
    .c(ms(41), { seq: 201, ack: 1, flags: 'PA', win: 502, len: 100 });
  let t = 40;
  for (let i = 0; i < dupAcks; i++) conv.s(ms((t += 10)), { seq: 1, ack: 101, flags: 'A', win: 509 });
  return { conv, lastDupAck: t };
}

test('fast retransmission: the segment the peer asked for twice, within 20 ms of the last duplicate ACK', async () => {
  const { conv, lastDupAck } = lossWithDupAcks(2);
  conv.c(ms(lastDupAck + 5), { seq: 101, ack: 1, flags: 'PA', win: 502, len: 100 });
  conv.s(ms(lastDupAck + 15), { seq: 1, ack: 301, flags: 'A', win: 509 });
  const v = await analyse('fast-retransmission', conv.frames);
  assert.deepEqual(flagsOf(v), [
    [], [], [], [], [], ['lost_segment'], ['duplicate_ack'], ['duplicate_ack'],
    ['retransmission', 'fast_retransmission'], [],
  ]);
  assert.deepEqual(v.map((p) => p.dupAckNum), [undefined, undefined, undefined, undefined, undefined, undefined, 1, 2, undefined, undefined]);
  assert.deepEqual([v[6]!.dupAckFrame, v[7]!.dupAckFrame], [5, 5]);
});

test("on demand, in any order and again: the first pass's analysis, and the Info column as tshark prints it", async () => {
  const { conv, lastDupAck } = lossWithDupAcks(2);
  conv.c(ms(lastDupAck + 5), { seq: 101, ack: 1, flags: 'PA', win: 502, len: 100 });
  conv.s(ms(lastDupAck + 15), { seq: 1, ack: 301, flags: 'A', win: 509 });
  const { cap, firstPass } = await indexCapture(writeCapture('on-demand', conv.frames));
  try {
    for (const i of [8, 6, 6, 0, 9, 7, 2, 8, 5, 1, 3, 4]) assert.deepEqual(viewOf(cap.dissect(i).f), firstPass[i], `frame ${i + 1}`);
    assert.deepEqual(
      Array.from({ length: cap.index.count }, (_, i) => cap.summary(i).info),
      [
        '40000 → 45000 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM WS=128',
        '45000 → 40000 [SYN, ACK] Seq=0 Ack=1 Win=65160 Len=0 MSS=1460 SACK_PERM WS=128',
        '40000 → 45000 [ACK] Seq=1 Ack=1 Win=64256 Len=0',
        '40000 → 45000 [PSH, ACK] Seq=1 Ack=1 Win=64256 Len=100',
        '45000 → 40000 [ACK] Seq=1 Ack=101 Win=65152 Len=0',
        '[TCP Previous segment not captured] 40000 → 45000 [PSH, ACK] Seq=201 Ack=1 Win=64256 Len=100',
        '[TCP Dup ACK 5#1] 45000 → 40000 [ACK] Seq=1 Ack=101 Win=65152 Len=0',
        '[TCP Dup ACK 5#2] 45000 → 40000 [ACK] Seq=1 Ack=101 Win=65152 Len=0',
        '[TCP Fast Retransmission] 40000 → 45000 [PSH, ACK] Seq=101 Ack=1 Win=64256 Len=100',
        '45000 → 40000 [ACK] Seq=1 Ack=301 Win=65152 Len=0',
      ],
    );
  } finally {
    cap.close();
  }
});

test('no fast retransmission after a single duplicate ACK', async () => {
  const { conv, lastDupAck } = lossWithDupAcks(1);
  // 15 ms after the duplicate ACK, 24 ms after the highest segment (more than the RTT): not out-of-order either
  conv.c(ms(lastDupAck + 15), { seq: 101, ack: 1, flags: 'PA', win: 502, len: 100 });
  const v = await analyse('fast-retransmission-one-dup', conv.frames);
  assert.deepEqual(flagsOf(v), [[], [], [], [], [], ['lost_segment'], ['duplicate_ack'], ['retransmission']]);
});

test('no fast retransmission 20 ms or more after the last duplicate ACK', async () => {
  const { conv, lastDupAck } = lossWithDupAcks(3);
  conv.c(ms(lastDupAck + 20), { seq: 101, ack: 1, flags: 'PA', win: 502, len: 100 });
  const v = await analyse('fast-retransmission-late', conv.frames);
  assert.deepEqual(flagsOf(v), [
    [], [], [], [], [], ['lost_segment'], ['duplicate_ack'], ['duplicate_ack'], ['duplicate_ack'], ['retransmission'],
  ]);
  assert.deepEqual(v.slice(6, 9).map((p) => [p.dupAckNum, p.dupAckFrame]), [[1, 5], [2, 5], [3, 5]]);
});

test('out-of-order: an earlier segment arriving within the handshake RTT of the highest one', async () => {
  const conv = connect()
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
    .c(ms(31), { seq: 201, ack: 1, flags: 'PA', win: 502, len: 100 })
    .c(ms(45), { seq: 101, ack: 1, flags: 'PA', win: 502, len: 100 })
    .c(ms(46), { seq: 301, ack: 1, flags: 'PA', win: 502, len: 100 })
    // the highest segment again, at once: a retransmission, never out-of-order
    .c(ms(47), { seq: 301, ack: 1, flags: 'PA', win: 502, len: 100 })
    // an old segment 20 ms (the RTT) after the highest: a retransmission
    .c(ms(66), { seq: 101, ack: 1, flags: 'PA', win: 502, len: 100 });
  const v = await analyse('out-of-order', conv.frames);
  assert.deepEqual(flagsOf(v), [[], [], [], [], ['lost_segment'], ['out_of_order'], [], ['retransmission'], ['retransmission']]);
});

test('out-of-order without a handshake: within 3 ms', async () => {
  const conv = midStream()
    .c(ms(0), { seq: 1, ack: 1, flags: 'PA', len: 100 })
    .c(ms(1), { seq: 201, ack: 1, flags: 'PA', len: 100 })
    .c(ms(3.9), { seq: 101, ack: 1, flags: 'PA', len: 100 })
    .c(ms(10), { seq: 401, ack: 1, flags: 'PA', len: 100 })
    .c(ms(13), { seq: 301, ack: 1, flags: 'PA', len: 100 });
  const v = await analyse('out-of-order-3ms', conv.frames);
  assert.deepEqual(flagsOf(v), [[], ['lost_segment'], ['out_of_order'], ['lost_segment'], ['retransmission']]);
  assert.deepEqual(v.map((p) => p.seq), [1, 201, 101, 401, 301]);
});

test('never out-of-order when the timestamp goes backwards', async () => {
  const conv = connect()
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
    .c(ms(31), { seq: 201, ack: 1, flags: 'PA', win: 502, len: 100 })
    .c(ms(30.5), { seq: 101, ack: 1, flags: 'PA', win: 502, len: 100 });
  const v = await analyse('out-of-order-backwards', conv.frames);
  assert.deepEqual(flagsOf(v), [[], [], [], [], ['lost_segment'], ['retransmission']]);
});

test('lost segment: a gap in the sequence; a reset is never flagged', async () => {
  const conv = connect()
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
    .c(ms(40), { seq: 201, ack: 1, flags: 'PA', win: 502, len: 100 })
    .s(ms(50), { seq: 1, ack: 301, flags: 'A', win: 509 })
    // a pure ACK past the gap moves the expected sequence number too
    .c(ms(60), { seq: 401, ack: 1, flags: 'A', win: 502 })
    .c(ms(70), { seq: 401, ack: 1, flags: 'PA', win: 502, len: 100 })
    .c(ms(80), { seq: 701, ack: 1, flags: 'RA', win: 0 });
  const v = await analyse('lost-segment', conv.frames);
  assert.deepEqual(flagsOf(v), [[], [], [], [], ['lost_segment'], ['ack_lost_segment'], ['lost_segment'], [], []]);
});

test("ACKed unseen segment: an acknowledgment beyond anything the peer was seen to send", async () => {
  const conv = connect()
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
    .s(ms(40), { seq: 1, ack: 301, flags: 'A', win: 509 })
    .c(ms(50), { seq: 301, ack: 1, flags: 'PA', win: 502, len: 100 })
    .s(ms(60), { seq: 1, ack: 401, flags: 'A', win: 509 });
  const v = await analyse('acked-unseen', conv.frames);
  assert.deepEqual(flagsOf(v), [[], [], [], [], ['ack_lost_segment'], ['lost_segment'], ['ack_lost_segment']]);
});

test('ACKed unseen segment: reported again for a hole, not for repeats until the peer acknowledges something new', async () => {
  const frames: Frame[] = [];
  // a hole (201-301 lost) and the ACK past it, then the same ACK again
  connect({ into: frames })
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
    .c(ms(31), { seq: 201, ack: 1, flags: 'PA', win: 502, len: 100 })
    .s(ms(40), { seq: 1, ack: 401, flags: 'A', win: 509 })
    .s(ms(50), { seq: 1, ack: 401, flags: 'A', win: 509 })
    .s(ms(60), { seq: 1, ack: 401, flags: 'A', win: 509 });
  // no hole: the first ACK beyond is reported, a further one is not until the client's ACK moves
  connect({ client: '192.0.2.1:40001', into: frames })
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
    .s(ms(40), { seq: 1, ack: 301, flags: 'A', win: 509 })
    .s(ms(50), { seq: 1, ack: 401, flags: 'A', win: 509 })
    .s(ms(55), { seq: 1, ack: 401, flags: 'PA', win: 509, len: 10 })
    .c(ms(60), { seq: 101, ack: 11, flags: 'A', win: 502 })
    .s(ms(70), { seq: 11, ack: 501, flags: 'A', win: 509 });
  const v = await analyse('acked-unseen-repeats', frames);
  assert.deepEqual(flagsOf(v), [
    [], [], [], [], ['lost_segment'], ['ack_lost_segment'], ['ack_lost_segment', 'duplicate_ack'], ['duplicate_ack'],
    [], [], [], [], ['ack_lost_segment'], [], [], [], ['ack_lost_segment'],
  ]);
});

test('duplicate ACKs: numbered, pointing at the last ACK that was not one; only a new ACK number restarts the count', async () => {
  const conv = connect()
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
    .s(ms(40), { seq: 1, ack: 101, flags: 'A', win: 509 })
    .s(ms(50), { seq: 1, ack: 101, flags: 'A', win: 509 })
    .s(ms(60), { seq: 1, ack: 101, flags: 'A', win: 509 })
    .s(ms(70), { seq: 1, ack: 101, flags: 'A', win: 509 })
    .c(ms(80), { seq: 101, ack: 1, flags: 'PA', win: 502, len: 100 })
    .s(ms(90), { seq: 1, ack: 201, flags: 'A', win: 509 })
    .s(ms(100), { seq: 1, ack: 201, flags: 'A', win: 509 })
    // a window update and data with the same ACK number interrupt the run but do not restart it
    .s(ms(110), { seq: 1, ack: 201, flags: 'A', win: 600 })
    .s(ms(120), { seq: 1, ack: 201, flags: 'A', win: 600 })
    .s(ms(130), { seq: 1, ack: 201, flags: 'PA', win: 600, len: 10 })
    .s(ms(140), { seq: 11, ack: 201, flags: 'A', win: 600 });
  const v = await analyse('duplicate-ack', conv.frames);
  assert.deepEqual(flagsOf(v), [
    [], [], [], [], [], ['duplicate_ack'], ['duplicate_ack'], ['duplicate_ack'], [], [], ['duplicate_ack'], ['window_update'],
    ['duplicate_ack'], [], ['duplicate_ack'],
  ]);
  assert.deepEqual(
    v.map((p) => (p.dupAckNum === undefined ? null : [p.dupAckNum, p.dupAckFrame])),
    [null, null, null, null, null, [1, 5], [2, 5], [3, 5], null, null, [1, 10], null, [2, 10], null, [3, 10]],
  );
});

test('zero window, zero-window probes and their ACKs, then the window update that reopens it', async () => {
  const conv = connect()
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
    .s(ms(40), { seq: 1, ack: 101, flags: 'A', win: 0 })
    .c(ms(300), { seq: 101, ack: 1, flags: 'A', win: 502, len: 1 })
    .s(ms(310), { seq: 1, ack: 101, flags: 'A', win: 0 })
    .c(ms(800), { seq: 101, ack: 1, flags: 'A', win: 502, len: 1 })
    .s(ms(810), { seq: 1, ack: 101, flags: 'A', win: 0 })
    .s(ms(900), { seq: 1, ack: 101, flags: 'A', win: 509 })
    .c(ms(910), { seq: 101, ack: 1, flags: 'PA', win: 502, len: 100 })
    .s(ms(920), { seq: 1, ack: 201, flags: 'A', win: 509 });
  const v = await analyse('zero-window', conv.frames);
  assert.deepEqual(flagsOf(v), [
    [], [], [], [],
    ['zero_window'],
    ['zero_window_probe'],
    ['zero_window', 'zero_window_probe_ack'],
    ['zero_window_probe'],
    ['zero_window', 'zero_window_probe_ack'],
    ['window_update'],
    [],
    [],
  ]);
});

test('window full, with the window scale both SYNs negotiated', async () => {
  const conv = connect()
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
    // 2 << 7 = 256 bytes from 101: the window ends at 357
    .s(ms(40), { seq: 1, ack: 101, flags: 'A', win: 2 })
    .c(ms(50), { seq: 101, ack: 1, flags: 'PA', win: 502, len: 156 })
    .c(ms(51), { seq: 257, ack: 1, flags: 'PA', win: 502, len: 100 })
    .s(ms(60), { seq: 1, ack: 357, flags: 'A', win: 2 });
  const v = await analyse('window-full-scaled', conv.frames);
  assert.deepEqual(flagsOf(v), [[], [], [], [], [], [], ['window_full'], []]);
});

test('window full without scaling when only the SYN offered it', async () => {
  const conv = connect({ synAckOpts: { mss: 1460 } })
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
    .s(ms(40), { seq: 1, ack: 101, flags: 'A', win: 200 })
    .c(ms(50), { seq: 101, ack: 1, flags: 'PA', win: 502, len: 100 })
    .c(ms(51), { seq: 201, ack: 1, flags: 'PA', win: 502, len: 100 });
  const v = await analyse('window-full-unscaled', conv.frames);
  assert.deepEqual(flagsOf(v), [[], [], [], [], [], [], ['window_full']]);
});

test('no window full while the window scale is unknown (no handshake seen)', async () => {
  const conv = midStream()
    .s(ms(0), { seq: 1, ack: 1, flags: 'A', win: 200 })
    .c(ms(10), { seq: 1, ack: 1, flags: 'PA', len: 200 });
  const v = await analyse('window-full-unknown-scale', conv.frames);
  assert.deepEqual(flagsOf(v), [[], []]);
});

test("the SYN/ACK's window is never scaled, yet equal raw windows make the next ACK a duplicate", async () => {
  const frames: Frame[] = [];
  // 300 bytes from the SYN/ACK (scale 7 negotiated, not applied to it): full at 301
  tcpPair(CLIENT, SERVER, { isn: [1000, 5000], into: frames })
    .c(0, { seq: 0, flags: 'S', opts: { ws: 7 } })
    .s(ms(10), { seq: 0, ack: 1, flags: 'SA', win: 300, opts: { ws: 7 } })
    .c(ms(20), { seq: 1, ack: 1, flags: 'A', win: 502 })
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 299 })
    .c(ms(31), { seq: 300, ack: 1, flags: 'PA', win: 502, len: 1 });
  // the server repeats its ACK with the SYN/ACK's window value: a duplicate, not an update
  tcpPair('192.0.2.1:40001', SERVER, { isn: [1000, 5000], into: frames })
    .c(0, { seq: 0, flags: 'S', opts: { ws: 7 } })
    .s(ms(10), { seq: 0, ack: 1, flags: 'SA', win: 509, opts: { ws: 7 } })
    .c(ms(20), { seq: 1, ack: 1, flags: 'A', win: 502 })
    .s(ms(30), { seq: 1, ack: 1, flags: 'A', win: 509 });
  const v = await analyse('window-syn-ack', frames);
  assert.deepEqual(flagsOf(v), [[], [], [], [], ['window_full'], [], [], [], ['duplicate_ack']]);
});

test('window update: same ACK, a different non-zero window', async () => {
  const conv = connect()
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
    .s(ms(40), { seq: 1, ack: 101, flags: 'A', win: 509 })
    .s(ms(50), { seq: 1, ack: 101, flags: 'A', win: 1000 })
    // a new ACK with a new window is not an update
    .c(ms(60), { seq: 101, ack: 1, flags: 'PA', win: 502, len: 100 })
    .s(ms(70), { seq: 1, ack: 201, flags: 'A', win: 800 });
  const v = await analyse('window-update', conv.frames);
  assert.deepEqual(flagsOf(v), [[], [], [], [], [], ['window_update'], [], []]);
});

test('keep-alives (empty and one byte, one before the next sequence number) and their ACKs', async () => {
  const conv = connect()
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
    .s(ms(40), { seq: 1, ack: 101, flags: 'A', win: 509 })
    .c(ms(10_040), { seq: 100, ack: 1, flags: 'A', win: 502 })
    .s(ms(10_050), { seq: 1, ack: 101, flags: 'A', win: 509 })
    .c(ms(20_050), { seq: 100, ack: 1, flags: 'A', win: 502, len: 1 })
    .s(ms(20_060), { seq: 1, ack: 101, flags: 'A', win: 509 })
    // more than one byte from one before the next number brings new data: neither keep-alive nor retransmission
    .c(ms(30_060), { seq: 100, ack: 1, flags: 'PA', win: 502, len: 100 });
  const v = await analyse('keep-alive', conv.frames);
  assert.deepEqual(flagsOf(v), [[], [], [], [], [], ['keep_alive'], ['keep_alive_ack'], ['keep_alive'], ['keep_alive_ack'], []]);
});

test('FIN: the first one initiates the closing, the other side undergoes it', async () => {
  const frames: Frame[] = [];
  connect({ into: frames })
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 10 })
    .s(ms(40), { seq: 1, ack: 11, flags: 'A', win: 509 })
    .c(ms(50), { seq: 11, ack: 1, flags: 'FA', win: 502 })
    .s(ms(60), { seq: 1, ack: 12, flags: 'FA', win: 509 })
    .c(ms(70), { seq: 12, ack: 2, flags: 'A', win: 502 });
  // a second connection that the server closes first
  connect({ client: '192.0.2.1:40001', into: frames })
    .s(ms(80), { seq: 1, ack: 1, flags: 'FA', win: 509 })
    .c(ms(90), { seq: 1, ack: 2, flags: 'FA', win: 502 })
    .s(ms(100), { seq: 2, ack: 2, flags: 'A', win: 509 });
  const v = await analyse('fin', frames);
  assert.deepEqual(v.map((p) => p.fin), [
    undefined, undefined, undefined, undefined, undefined, 'active', 'passive', undefined,
    undefined, undefined, undefined, 'active', 'passive', undefined,
  ]);
  assert.deepEqual(flagsOf(v), frames.map(() => []));
});

test('calculated window: scaled as negotiated except in SYNs, as written in a quoted or malformed header', async () => {
  const frames: Frame[] = [];
  const conv = connect({ into: frames })
    .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
    .s(ms(40), { seq: 1, ack: 101, flags: 'A', win: 509 });
  frames.push(icmpUnreachable(ms(45), conv.frames[3]!));
  // a header longer than the segment: tshark stops before scaling the window or analysing
  conv.c(ms(50), { seq: 101, ack: 1, flags: 'A', win: 502, hdrLen: 60 });
  conv.c(ms(60), { seq: 101, ack: 1, flags: 'PA', win: 502, len: 10 });
  const v = await analyse('window-size', frames);
  assert.deepEqual(v.map((p) => p.win), [64240, 65160, 64256, 64256, 65152, 502, 502, 64256]);
  assert.deepEqual(flagsOf(v), frames.map(() => []));
  assert.deepEqual(v.map((p) => p.irttUs), [undefined, undefined, 20000, 20000, 20000, undefined, undefined, 20000]);
});

test('a connection picked up mid-stream: no initial RTT', async () => {
  const conv = midStream()
    .c(ms(0), { seq: 1, ack: 1, flags: 'PA', len: 100 })
    .s(ms(10), { seq: 1, ack: 101, flags: 'PA', len: 50 })
    .c(ms(20), { seq: 101, ack: 51, flags: 'A' });
  const v = await analyse('mid-stream', conv.frames);
  assert.deepEqual(flagsOf(v), [[], [], []]);
  assert.deepEqual(v.map((p) => p.irttUs), [undefined, undefined, undefined]);
});

test('port reuse over IPv6: a new SYN for an address/port pair that had a stream', async () => {
  const frames: Frame[] = [];
  const client = '[2001:db8::1]:40000';
  const server = '[2001:db8:1::2]:443';
  connect({ client, server, into: frames }).c(ms(30), { seq: 1, ack: 1, flags: 'RA' });
  tcpPair(client, server, { isn: [90_000, 60_000], into: frames }).c(ms(1000), { seq: 0, flags: 'S', opts: { mss: 1440 } });
  const v = await analyse('port-reuse-v6', frames);
  assert.deepEqual(flagsOf(v), [[], [], [], [], ['reused_ports']]);
  assert.deepEqual(v.map((p) => p.tcpStream), [0, 0, 0, 0, 1]);
});

test('between equal ports the addresses tell the directions apart, over IPv4 and IPv6', async () => {
  for (const [client, server] of [['192.0.2.1:5000', '198.51.100.2:5000'], ['[2001:db8::1]:5000', '[2001:db8::2]:5000']] as const) {
    const conv = connect({ client, server })
      .c(ms(30), { seq: 1, ack: 1, flags: 'PA', win: 502, len: 100 })
      .s(ms(40), { seq: 1, ack: 101, flags: 'PA', win: 509, len: 50 })
      .c(ms(50), { seq: 101, ack: 51, flags: 'A', win: 502 });
    const v = await analyse(`equal-ports-${client.length}`, conv.frames);
    assert.deepEqual(flagsOf(v), [[], [], [], [], [], []], client);
    // scaled by each side's own shift: the directions were not mixed up
    assert.deepEqual(v.map((p) => p.win), [64240, 65160, 64256, 64256, 65152, 64256], client);
    assert.deepEqual(v.map((p) => p.irttUs), [undefined, undefined, 20000, 20000, 20000, 20000], client);
  }
});
