// UDP, ICMP and other protocols in the flow table: UNREPLIED / ASSURED as current kernels
// set them (UDP assured only when still active 2 s after it started), ICMP queries keyed by
// identifier and type, ICMP errors RELATED to the flow they quote (not counted, no flow of
// their own), and flows the next hop dropped before the kernel confirmed them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLIENT, ROUTER, SERVER, Sim } from './flowSim.js';
import { FlowTable } from '../../../../src-main/engine/flows/flowTable.js';
import { FlowPacket, REASON } from '../../../../src-main/engine/flows/flowTypes.js';
import { ipv6Key } from '../../../../src-main/engine/flows/flowKey.js';

test('UDP: 30 s unreplied, a quick reply keeps 30 s, traffic after 2 s makes it a stream (120 s, ASSURED)', () => {
  const sim = new Sim({}, 53000, 53);
  sim.udp('o');
  const f = sim.flow(0);
  assert.equal(sim.left(0), 30);
  assert.ok(!f.seenReply);
  sim.udp('r', 40, 0.01);
  assert.ok(f.seenReply && !f.assured, 'a DNS-style answer is not a stream');
  assert.equal(sim.left(0), 30);
  sim.udp('o', 20, 1.5);
  assert.ok(!f.assured, 'still within the first 2 s');
  sim.udp('r', 20, 0.6);
  assert.ok(f.assured, 'active 2 s after the start');
  assert.equal(sim.left(0), 120);
  assert.deepEqual(
    sim.events.map((e) => `${e.type}${e.unreplied ? ' UNREPLIED' : ''}${e.assured ? ' ASSURED' : ''} ${e.timeout}`),
    ['NEW UNREPLIED 30', 'UPDATE 30', 'UPDATE ASSURED 120'],
  );
  assert.deepEqual([f.origPackets, f.origBytes, f.replyPackets, f.replyBytes], [2, 96, 2, 116]);
});

test('UDP: one-way traffic stays UNREPLIED and never ASSURED, whatever its length', () => {
  const sim = new Sim();
  for (let i = 0; i < 5; i++) sim.udp('o', 10, 5);
  assert.ok(!sim.flow(0).assured && !sim.flow(0).seenReply);
  assert.equal(sim.table.flows.length, 1);
});

test('ICMP echo: request opens, reply answers, 30 s timeout, never ASSURED', () => {
  const sim = new Sim();
  sim.icmp(CLIENT, SERVER, 8, 0, 77);
  const reply = sim.icmp(SERVER, CLIENT, 0, 0, 77, 0.001);
  assert.equal(reply.flow, 0);
  assert.ok(reply.word & 0x40, 'reply direction');
  sim.icmp(CLIENT, SERVER, 8, 0, 77, 1);
  sim.icmp(SERVER, CLIENT, 0, 0, 77, 0.001);
  const f = sim.flow(0);
  assert.deepEqual([f.origPackets, f.replyPackets], [2, 2]);
  assert.ok(f.seenReply && !f.assured);
  assert.equal(sim.left(0), 30);
  assert.equal(sim.icmp(CLIENT, SERVER, 8, 0, 78).flow, 1, 'another identifier is another flow');
  assert.equal(sim.icmp(SERVER, CLIENT, 8, 0, 77).flow, 2, 'a request the other way is another flow');
});

test('ICMP: a reply without a request and non-query messages make no flow', () => {
  const sim = new Sim();
  const r = sim.icmp(SERVER, CLIENT, 0, 0, 5);
  assert.equal(r.flow, -1);
  assert.equal(r.reason, REASON.CANNOT_START);
  const ra = sim.icmp(ROUTER, CLIENT, 9, 0, 0);
  assert.equal(ra.flow, -1);
  assert.equal(ra.reason, REASON.NOT_TRACKED);
  for (const [req, rep] of [[13, 14], [15, 16], [17, 18]]) {
    const a = sim.icmp(CLIENT, SERVER, req!, 0, 9);
    assert.equal(sim.icmp(SERVER, CLIENT, rep!, 0, 9).flow, a.flow, `type ${req} answered by ${rep}`);
  }
});

test('ICMP errors are RELATED to the flow they quote: not counted, no flow of their own', () => {
  const sim = new Sim({}, 41000, 9999);
  sim.udp('o');
  const err = sim.icmpError(SERVER, 3, 3, 63);
  assert.equal(err.flow, 0);
  assert.equal(err.reason, REASON.RELATED);
  const f = sim.flow(0);
  assert.deepEqual([f.origPackets, f.replyPackets], [1, 0]);
  assert.ok(!f.seenReply, 'an error is not a reply');
  assert.ok(!f.dead && f.confirmed, 'the destination answered: the entry was confirmed');
  assert.equal(sim.table.flows.length, 1);
  const stray = new Sim({}, 1, 2).icmpError(SERVER, 3, 3);
  assert.equal(stray.reason, REASON.RELATED_UNKNOWN);
});

test('an error the next hop raised before confirming removes the flow of its only packet', () => {
  for (const [type, code, what] of [
    [11, 0, 'TTL exceeded'],
    [3, 4, 'fragmentation needed'],
    [3, 13, 'administratively prohibited'],
    [3, 3, 'a firewall reject (port unreachable from a router)'],
  ] as const) {
    const sim = new Sim();
    sim.udp('o');
    sim.icmpError(ROUTER, type, code, 64, 17, 0.00005);
    const f = sim.flow(0);
    assert.ok(!f.confirmed && f.dead, what);
    assert.equal(sim.table.aliveAt(sim.time).length, 0, what);
    assert.equal(sim.table.wordOf(0) >> 8, REASON.DROPPED_UNCONFIRMED, what);
    assert.equal(sim.events.filter((e) => e.type === 'DESTROY').length, 0, `${what}: no DESTROY for an entry never confirmed`);
  }
});

test('errors that do not mean a drop before confirmation leave the flow', () => {
  const cases: [string, number, number, number, string][] = [
    [ROUTER, 11, 0, 63, 'TTL exceeded forwarded from further away (TTL not at an initial value)'],
    [ROUTER, 3, 1, 64, 'host unreachable (sent after the entry was confirmed)'],
    [ROUTER, 5, 1, 64, 'redirect'],
    [SERVER, 3, 3, 64, 'port unreachable from the destination itself'],
  ];
  for (const [from, type, code, ttl, what] of cases) {
    const sim = new Sim();
    sim.udp('o');
    sim.icmpError(from, type, code, ttl);
    assert.ok(sim.flow(0).confirmed && !sim.flow(0).dead, what);
  }
  const later = new Sim();
  later.udp('o');
  later.udp('o', 10, 0.1);
  later.icmpError(ROUTER, 11, 0, 64);
  assert.ok(later.flow(0).confirmed, 'an error about a later packet of a confirmed flow changes nothing');
  const off = new Sim({ nextHopDrops: false });
  off.udp('o');
  off.icmpError(ROUTER, 11, 0, 64);
  assert.ok(off.flow(0).confirmed, 'option off: every flow is kept');
});

test('a TCP SYN rejected by the next hop leaves no flow; a retry opens a fresh one', () => {
  const sim = new Sim({}, 53184, 82);
  sim.tcp('o', 'S');
  sim.icmpError(ROUTER, 3, 13, 64, 6, 0.00004);
  assert.ok(!sim.flow(0).confirmed);
  const retry = sim.tcp('o', 'S', { dt: 1 });
  assert.equal(retry.flow, 1);
  assert.equal(retry.state, 'SYN_SENT');
});

function v6Packet(n: number, time: number, src: string, dst: string, type: number, id: number, bytes: number): FlowPacket {
  const p = new FlowPacket();
  p.packet = n;
  p.time = time;
  p.l3 = 6;
  p.proto = 58;
  p.src = src;
  p.dst = dst;
  p.icmpType = type;
  p.icmpId = id;
  p.l3Bytes = bytes;
  return p;
}

test('IPv6: echo flows, and "packet too big" from the router leaves the entry (checked after POSTROUTING)', () => {
  const a = ipv6Key(Uint8Array.from([0x20, 0x01, 0x0d, 0xb8, 0, 0xa, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10]));
  const b = ipv6Key(Uint8Array.from([0x20, 0x01, 0x0d, 0xb8, 0, 0xb, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x20]));
  const r = ipv6Key(Uint8Array.from([0x20, 0x01, 0x0d, 0xb8, 0, 0xa, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01]));
  const t = new FlowTable();
  t.process(v6Packet(0, 100, a, b, 128, 6892, 104));
  t.process(v6Packet(1, 100.001, b, a, 129, 6892, 104));
  assert.equal(t.flowOf(1), 0);
  t.process(v6Packet(2, 101, a, b, 128, 6898, 1468));
  const ptb = v6Packet(3, 101.0001, r, a, 2, 0, 1280);
  ptb.isError = true;
  ptb.errSrc = r;
  ptb.errTtl = 64;
  ptb.quoted.l3 = 6;
  ptb.quoted.proto = 58;
  ptb.quoted.src = a;
  ptb.quoted.dst = b;
  ptb.quoted.icmpType = 128;
  ptb.quoted.icmpId = 6898;
  t.process(ptb);
  assert.equal(t.flowOf(3), 1);
  assert.ok(t.flows[1]!.confirmed && !t.flows[1]!.dead);
  const probe = v6Packet(4, 102, a, b, -1, 0, 80);
  Object.assign(probe, { proto: 17, sport: 5000, dport: 33434 });
  t.process(probe);
  const te = v6Packet(5, 102.0001, r, a, 3, 0, 128);
  Object.assign(te, { isError: true, errSrc: r, errTtl: 64 });
  Object.assign(te.quoted, { l3: 6, proto: 17, src: a, dst: b, sport: 5000, dport: 33434 });
  t.process(te);
  assert.ok(!t.flows[2]!.confirmed, 'hop limit exceeded at the next hop: no entry');
});

test('other protocols: generic tracking by address pair and protocol, 600 s', () => {
  const t = new FlowTable();
  const p = new FlowPacket();
  Object.assign(p, { packet: 0, time: 10, l3: 4, proto: 2, src: CLIENT, dst: SERVER, l3Bytes: 32 });
  t.process(p);
  const q = new FlowPacket();
  Object.assign(q, { packet: 1, time: 11, l3: 4, proto: 2, src: SERVER, dst: CLIENT, l3Bytes: 32 });
  t.process(q);
  const f = t.flows[0]!;
  assert.equal(t.flowOf(1), 0);
  assert.ok(f.seenReply && !f.assured);
  assert.equal(f.expires, 611);
});

test('packets the kernel never tracks are marked with their reason and belong to no flow', () => {
  const t = new FlowTable();
  const p = new FlowPacket();
  Object.assign(p, { packet: 0, time: 1, reason: REASON.NOT_IP });
  t.process(p);
  assert.equal(t.flowOf(0), -1);
  assert.equal(t.wordOf(0) >> 8, REASON.NOT_IP);
});

test('the table notes whether flows start in time order (the flow view sorts by start through ids then)', () => {
  const sim = new Sim();
  sim.icmp(CLIENT, SERVER, 8, 0, 1);
  sim.icmp(CLIENT, SERVER, 8, 0, 2, 1);
  assert.equal(sim.table.startsInOrder, true);
  sim.time -= 0.5;
  sim.icmp(CLIENT, SERVER, 8, 0, 3);
  assert.equal(sim.table.cols.count, 3);
  assert.equal(sim.table.startsInOrder, false, 'a flow that starts before the one opened earlier');
});
