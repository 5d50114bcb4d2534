// Walks the TCP tracker through every (state, direction, segment) cell: each state is
// reached with a realistic packet sequence, then one segment is sent, and what conntrack
// would do is checked (new state, counted or not, flow replaced or killed). The expected
// grid below is written from the kernel's documented behaviour, including its special
// cases (SYN retransmissions not renewing the timeout, reopening from TIME_WAIT / CLOSE,
// RST killing an unreplied entry).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sim } from './flowSim.js';
import { REASON } from '../../../../src-main/engine/flows/flowTypes.js';

type Dir = 'o' | 'r';
const PREFIX: Record<string, [Dir, string][]> = {
  SYN_SENT: [['o', 'S']],
  SYN_RECV: [['o', 'S'], ['r', 'SA']],
  ESTABLISHED: [['o', 'S'], ['r', 'SA'], ['o', 'A']],
  FIN_WAIT: [['o', 'S'], ['r', 'SA'], ['o', 'A'], ['o', 'FA']],
  CLOSE_WAIT: [['o', 'S'], ['r', 'SA'], ['o', 'A'], ['o', 'FA'], ['r', 'A']],
  LAST_ACK: [['o', 'S'], ['r', 'SA'], ['o', 'A'], ['o', 'FA'], ['r', 'A'], ['r', 'FA']],
  TIME_WAIT: [['o', 'S'], ['r', 'SA'], ['o', 'A'], ['o', 'FA'], ['r', 'A'], ['r', 'FA'], ['o', 'A']],
  CLOSE: [['o', 'S'], ['r', 'SA'], ['o', 'A'], ['o', 'RA']],
  SYN_SENT2: [['o', 'S'], ['r', 'S']],
};

const SEGMENTS = ['S', 'SA', 'FA', 'A', 'RA'];
const ABBREV: Record<string, string> = {
  SS: 'SYN_SENT',
  SR: 'SYN_RECV',
  ES: 'ESTABLISHED',
  FW: 'FIN_WAIT',
  CW: 'CLOSE_WAIT',
  LA: 'LAST_ACK',
  TW: 'TIME_WAIT',
  CL: 'CLOSE',
  S2: 'SYN_SENT2',
};

// Outcome codes: a state abbreviation = counted, now in that state; with '*' = state
// changed but the packet was not accounted; IG = ignored (not counted, state kept);
// IV = INVALID; NEW = the old entry is destroyed and the SYN opens a new one in SYN_SENT;
// KILL = accounted, then the entry is destroyed at once.
//                   orig: S      SA     FA     A      RA      reply: S     SA     FA     A      RA
const EXPECTED: Record<string, string> = {
  SYN_SENT: /*    */ 'SS*    IV     IV     IV     KILL          S2*    SR     IV     IG     KILL',
  SYN_RECV: /*    */ 'IG     SR     FW     ES     CL            IV     IG     FW     SR     CL',
  ESTABLISHED: /* */ 'IG     IV     FW     ES     CL            IV     IG     FW     ES     CL',
  FIN_WAIT: /*    */ 'IG     IV     LA     CW     CL            IV     IG     LA     CW     CL',
  CLOSE_WAIT: /*  */ 'IG     IV     LA     CW     CL            IV     IG     LA     CW     CL',
  LAST_ACK: /*    */ 'IG     IV     LA     TW     CL            IV     IG     LA     TW     CL',
  TIME_WAIT: /*   */ 'NEW    IV     TW     TW     CL            NEW    IG     TW     TW     CL',
  CLOSE: /*       */ 'NEW    IV     CL     CL     CL            IV     IG     CL     CL     CL',
  SYN_SENT2: /*   */ 'S2     SR     IV     IV     CL            S2     SR     IV     IG     CL',
};

function reach(state: string): { sim: Sim; flow: number } {
  const sim = new Sim();
  let flow = -1;
  for (const [dir, flags] of PREFIX[state]!) flow = sim.tcp(dir, flags, { dt: 0.001 }).flow;
  assert.equal(sim.flow(flow).tcpState, Object.values(ABBREV).indexOf(state) + 1, `prefix reaches ${state}`);
  return { sim, flow };
}

for (const [state, row] of Object.entries(EXPECTED)) {
  const cells = row.trim().split(/\s+/);
  cells.forEach((want, k) => {
    const dir: Dir = k < 5 ? 'o' : 'r';
    const seg = SEGMENTS[k % 5]!;
    test(`${state} + ${dir === 'o' ? 'original' : 'reply'} ${seg} → ${want}`, () => {
      const { sim, flow } = reach(state);
      const before = sim.flow(flow);
      const beforeState = before.tcpState;
      const beforePackets = before.origPackets + before.replyPackets;
      const r = sim.tcp(dir, seg, { dt: 0.001 });
      const after = sim.flow(flow);
      const counted = after.origPackets + after.replyPackets - beforePackets;
      if (want === 'NEW') {
        assert.notEqual(r.flow, flow, 'a new flow');
        assert.ok(after.dead, 'the old flow is destroyed');
        assert.equal(r.state, 'SYN_SENT');
        assert.ok(r.counted);
        assert.equal(sim.events.at(-2)!.type, 'DESTROY');
        assert.equal(sim.events.at(-1)!.type, 'NEW');
      } else if (want === 'KILL') {
        assert.equal(r.flow, flow);
        assert.ok(after.dead, 'destroyed at once');
        assert.equal(counted, 1, 'accounted before the kill');
        assert.equal(after.tcpState, 8, 'CLOSE');
        assert.equal(sim.events.at(-1)!.type, 'DESTROY');
      } else if (want === 'IG' || want === 'IV') {
        assert.equal(r.flow, flow);
        assert.equal(counted, 0, 'not accounted');
        assert.equal(after.tcpState, beforeState, 'state kept');
        assert.equal(r.reason, want === 'IG' ? REASON.IGNORED : REASON.INVALID_STATE);
        assert.ok(!after.dead);
      } else {
        const star = want.endsWith('*');
        const name = ABBREV[want.replace('*', '')]!;
        assert.equal(r.flow, flow);
        assert.equal(r.state, name);
        assert.equal(counted, star ? 0 : 1, star ? 'state moves but the packet is not accounted' : 'accounted');
        assert.ok(!after.dead);
      }
    });
  });
}

test('a new entry opens only on SYN, or on a plain ACK (loose pick-up)', () => {
  const want: Record<string, string> = { S: 'SYN_SENT', SA: '', FA: '', A: 'ESTABLISHED', RA: '' };
  for (const [seg, state] of Object.entries(want)) {
    const sim = new Sim();
    const r = sim.tcp('o', seg);
    assert.equal(r.state, state, seg);
    assert.equal(r.flow >= 0, state !== '', seg);
    if (!state) assert.equal(r.reason, REASON.CANNOT_START, seg);
  }
  const loose = new Sim({ tcpLoose: false });
  assert.equal(loose.tcp('o', 'A').flow, -1, 'no pick-up with nf_conntrack_tcp_loose=0');
});

test('invalid flag combinations never reach the tracker', () => {
  const sim = new Sim();
  sim.tcp('o', 'S');
  for (const flags of ['SF', 'F', '', 'SR']) {
    const r = sim.tcp('o', flags);
    assert.equal(r.reason, REASON.TCP_FLAGS, flags || 'no flags');
    assert.ok(!r.counted);
  }
  assert.equal(sim.flow(0).origPackets, 1);
});

test('three-way handshake and close: states, ASSURED and events as conntrack -E shows them', () => {
  const sim = new Sim();
  const steps: [Dir, string, string][] = [
    ['o', 'S', 'NEW 120 SYN_SENT UNREPLIED'],
    ['r', 'SA', 'UPDATE 60 SYN_RECV'],
    ['o', 'A', 'UPDATE 432000 ESTABLISHED ASSURED'],
    ['o', 'PA', ''],
    ['r', 'A', ''],
    ['o', 'FA', 'UPDATE 120 FIN_WAIT ASSURED'],
    ['r', 'A', 'UPDATE 60 CLOSE_WAIT ASSURED'],
    ['r', 'FA', 'UPDATE 30 LAST_ACK ASSURED'],
    ['o', 'A', 'UPDATE 120 TIME_WAIT ASSURED'],
  ];
  for (const [dir, flags, event] of steps) {
    const n = sim.events.length;
    sim.tcp(dir, flags, { dt: 0.01, len: flags === 'PA' ? 100 : 0 });
    const e = sim.events.slice(n);
    const text = e.map((x) => `${x.type} ${x.timeout} ${['NONE', 'SYN_SENT', 'SYN_RECV', 'ESTABLISHED', 'FIN_WAIT', 'CLOSE_WAIT', 'LAST_ACK', 'TIME_WAIT'][x.tcpState]}${x.unreplied ? ' UNREPLIED' : ''}${x.assured ? ' ASSURED' : ''}`);
    assert.deepEqual(text, event ? [event] : [], `${dir} ${flags}`);
  }
  const f = sim.flow(0);
  assert.deepEqual([f.origPackets, f.replyPackets], [5, 4]);
  assert.deepEqual([f.origBytes, f.replyBytes], [5 * 40 + 100, 4 * 40]);
});

test('simultaneous open goes through SYN_SENT2 and ends ESTABLISHED and ASSURED', () => {
  const sim = new Sim();
  assert.equal(sim.tcp('o', 'S').state, 'SYN_SENT');
  assert.equal(sim.tcp('r', 'S').state, 'SYN_SENT2');
  assert.equal(sim.tcp('o', 'SA', { ack: sim.next.r }).state, 'SYN_RECV');
  const again = sim.tcp('r', 'SA', { ack: sim.next.o });
  assert.equal(again.reason, REASON.IGNORED, "the other side's SYN/ACK is ignored");
  const last = sim.tcp('r', 'A');
  assert.equal(last.state, 'ESTABLISHED', 'an ACK from the reply side completes a simultaneous open');
  assert.ok(sim.flow(0).assured);
});

test('a SYN/ACK answering an ignored SYN resynchronises the entry', () => {
  const sim = new Sim();
  sim.tcp('o', 'S');
  sim.tcp('r', 'SA');
  sim.tcp('o', 'A');
  // the client restarts with a new sequence number: the tracker ignores the SYN...
  const syn = sim.tcp('o', 'S', { seq: 777777 });
  assert.equal(syn.reason, REASON.IGNORED);
  // ...but when the server answers exactly that SYN, both ends are in sync again
  const synAck = sim.tcp('r', 'SA', { ack: 777778 });
  assert.equal(synAck.state, 'SYN_RECV');
  assert.ok(synAck.counted);
  assert.equal(sim.tcp('o', 'A', { seq: 777778 }).state, 'ESTABLISHED');
  const other = new Sim();
  other.tcp('o', 'S');
  other.tcp('r', 'SA');
  other.tcp('o', 'A');
  other.tcp('o', 'S', { seq: 777777 });
  assert.equal(other.tcp('r', 'SA', { ack: 123 }).reason, REASON.IGNORED, 'a SYN/ACK for something else stays ignored');
});

test('an RST before any reply destroys the entry at once (connection refused)', () => {
  const sim = new Sim();
  sim.tcp('o', 'S');
  const rst = sim.tcp('r', 'RA', { dt: 0.0001 });
  const f = sim.flow(rst.flow);
  assert.ok(f.dead);
  assert.ok(!f.seenReply, 'still UNREPLIED: the RST never counted as a reply');
  const d = sim.events.at(-1)!;
  assert.equal(d.type, 'DESTROY');
  assert.deepEqual(d.counters, [1, 40, 1, 40]);
  assert.equal(d.timeout, 120, 'killed within the same tick: the SYN_SENT timeout is still running');
  assert.equal(d.tcpState, 8);
});

test('RST checks: out-of-window RST is INVALID, an exact one closes with the 10 s timeout', () => {
  const sim = new Sim();
  sim.tcp('o', 'S');
  sim.tcp('r', 'SA');
  sim.tcp('o', 'A');
  sim.tcp('r', 'PA', { len: 100 });
  sim.tcp('o', 'A');
  const stale = sim.tcp('r', 'RA', { seq: 4000 });
  assert.equal(stale.reason, REASON.INVALID_RST);
  assert.equal(sim.flow(0).tcpState, 3);
  const off = sim.tcp('r', 'RA', { seq: sim.next.r + 10 });
  assert.equal(off.state, 'ESTABLISHED', 'an RST not exactly at the acked point keeps the state (challenge ACK expected)');
  const rst = sim.tcp('r', 'RA');
  assert.equal(rst.state, 'CLOSE');
  assert.equal(sim.left(0), 10);
});

test('RFC 5961 challenge ACK in LAST_ACK does not move the entry to TIME_WAIT', () => {
  const { sim, flow } = reach('LAST_ACK');
  assert.equal(sim.tcp('o', 'S', { seq: 99999 }).reason, REASON.IGNORED);
  const challenge = sim.tcp('r', 'A');
  assert.equal(challenge.reason, REASON.CHALLENGE_ACK);
  assert.equal(sim.flow(flow).tcpState, 6, 'still LAST_ACK');
  assert.equal(sim.tcp('o', 'A').state, 'TIME_WAIT', 'the real last ACK still closes');
});

test('reopening: a SYN after TIME_WAIT from either side replaces the entry', () => {
  const { sim, flow } = reach('TIME_WAIT');
  const r = sim.tcp('r', 'S', { seq: 9999 });
  assert.notEqual(r.flow, flow);
  const g = sim.flow(r.flow);
  assert.equal(g.src, sim.flow(flow).dst, 'the new original direction is the server');
  assert.equal(r.state, 'SYN_SENT');
  const c = reach('CLOSE');
  // the CLOSE came from the client's RST: the server's SYN is not a reopening
  assert.equal(c.sim.tcp('r', 'S').reason, REASON.INVALID_STATE);
});
