// Timeouts by capture time: the default per-state TCP timeouts, the UNACK / RETRANS / zero
// window overrides, the mid-stream pick-up cap, SYN retransmissions that do not renew the
// timeout, expiry (DESTROY at the expiry moment) and a new flow for the same tuple after it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sim, T0 } from './flowSim.js';
import { REASON } from '../../../../src-main/engine/flows/flowTypes.js';

function established(): Sim {
  const sim = new Sim();
  sim.tcp('o', 'S');
  sim.tcp('r', 'SA');
  sim.tcp('o', 'A');
  return sim;
}

test('each state leaves its default timeout', () => {
  const sim = new Sim();
  const seen: number[] = [];
  for (const [dir, flags] of [['o', 'S'], ['r', 'SA'], ['o', 'A'], ['o', 'FA'], ['r', 'A'], ['r', 'FA'], ['o', 'A']] as const) {
    sim.tcp(dir, flags);
    seen.push(sim.left(0));
  }
  assert.deepEqual(seen, [120, 60, 432000, 120, 60, 30, 120]);
  const s2 = new Sim();
  s2.tcp('o', 'S');
  s2.tcp('r', 'S');
  s2.tcp('o', 'S');
  assert.equal(s2.left(0), 120, 'SYN_SENT2');
});

test('unacknowledged data caps ESTABLISHED at 300 s until it is acknowledged', () => {
  const sim = established();
  sim.tcp('o', 'PA', { len: 100 });
  assert.equal(sim.left(0), 300);
  sim.tcp('r', 'A');
  assert.equal(sim.left(0), 432000);
});

test('the same segment seen four times switches to the 300 s RETRANS timeout', () => {
  const sim = established();
  const lefts: number[] = [];
  for (let i = 0; i < 4; i++) {
    sim.tcp('r', 'A', { seq: sim.next.r, ack: sim.next.o });
    lefts.push(sim.left(0));
  }
  assert.deepEqual(lefts, [432000, 432000, 432000, 300]);
  sim.tcp('o', 'A');
  assert.equal(sim.left(0), 432000, 'a different segment resets the count');
});

test('a zero window switches to the 300 s RETRANS timeout', () => {
  const sim = established();
  sim.tcp('r', 'A', { win: 0 });
  assert.equal(sim.left(0), 300);
  sim.tcp('r', 'A', { win: 100 });
  assert.equal(sim.left(0), 432000);
});

test('mid-stream pick-up: ESTABLISHED capped at 300 s until replied, ASSURED after a valid answer', () => {
  const sim = new Sim();
  sim.tcp('o', 'A', { seq: 50000, ack: 90000 });
  const f = sim.flow(0);
  assert.equal(f.tcpState, 3);
  assert.equal(sim.left(0), 300);
  assert.ok(!f.assured);
  sim.tcp('r', 'A', { seq: 90000, ack: 50000 });
  assert.ok(f.seenReply && !f.assured);
  assert.equal(sim.left(0), 300);
  sim.tcp('o', 'A', { seq: 50000, ack: 90000 });
  assert.ok(f.assured);
  assert.equal(sim.left(0), 432000);
});

test('SYN_SENT times out after 120 s; a retransmitted SYN does not renew it', () => {
  const sim = new Sim();
  sim.tcp('o', 'S');
  const retry = sim.tcp('o', 'S', { seq: 1000, dt: 100 });
  assert.equal(retry.reason, REASON.SYN_RETRANSMIT);
  assert.equal(sim.flow(0).expires, T0 + 120, 'timeout still counted from the first SYN');
  assert.equal(sim.flow(0).origPackets, 1, 'the retransmission is not accounted');
  sim.wait(19.999);
  assert.ok(!sim.flow(0).dead, 'alive just before the timeout');
  sim.wait(0.001);
  assert.ok(sim.flow(0).dead, 'gone once the timeout passed');
  const d = sim.events.at(-1)!;
  assert.equal(d.type, 'DESTROY');
  assert.equal(d.time, T0 + 120, 'destroyed at the expiry time');
  assert.equal(d.timeout, -1, 'no timeout printed for an expired entry');
  const again = sim.tcp('o', 'S', { seq: 1000 });
  assert.equal(again.flow, 1, 'the same tuple after expiry is a new flow');
});

test('TIME_WAIT expires after 120 s, CLOSE after 10 s, and the table forgets them', () => {
  const sim = new Sim();
  for (const [dir, flags] of [['o', 'S'], ['r', 'SA'], ['o', 'A'], ['o', 'FA'], ['r', 'FA'], ['o', 'A']] as const) sim.tcp(dir, flags);
  assert.equal(sim.flow(0).tcpState, 7);
  const end = sim.time;
  assert.equal(sim.table.aliveAt(end + 119.9).length, 1);
  assert.equal(sim.table.aliveAt(end + 120).length, 0);
  const rst = established();
  rst.tcp('o', 'RA');
  assert.equal(rst.left(0), 10);
  rst.wait(10);
  assert.ok(rst.flow(0).dead);
});

test('a packet arriving exactly at the expiry time finds the flow gone', () => {
  const sim = new Sim();
  sim.udp('o', 10);
  const r = sim.udp('o', 10, 30);
  assert.equal(r.flow, 1);
  assert.equal(sim.events.filter((e) => e.type === 'DESTROY').length, 1);
});

test('expiry follows the latest timeout even when it got shorter', () => {
  const sim = established();
  assert.equal(sim.left(0), 432000);
  sim.tcp('o', 'RA');
  sim.wait(10);
  assert.ok(sim.flow(0).dead, 'the 10 s CLOSE timeout wins over the 5-day entry queued before');
  assert.equal(sim.events.at(-1)!.time, sim.time);
});

test('custom timeouts are honoured', () => {
  const sim = new Sim({ timeouts: { tcp: [0, 5, 5, 50, 5, 5, 5, 5, 5, 5], tcpRetrans: 7, tcpUnack: 7, tcpMaxRetrans: 3, udp: 3, udpStream: 9, icmp: 4, icmpv6: 4, generic: 11 } });
  sim.tcp('o', 'S');
  assert.equal(sim.left(0), 5);
  sim.udp('o');
  assert.equal(sim.left(1), 3);
});
