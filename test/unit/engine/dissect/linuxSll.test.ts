// Linux cooked capture v1 (link type 113) on hand-built frames; expected values are what
// tshark 4.0.17 printed for the same bytes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../../../src-main/engine/dissect/linuxSll.js';
import '../../../../src-main/engine/dissect/arp.js';
import { arpBody, dissectLink, hex, zeros } from './linkFrames.js';

const REQUEST = arpBody(1, '02:00:00:00:00:01', '192.0.2.1', '00:00:00:00:00:00', '192.0.2.2');
const sll = (h: string, origLen?: number) => dissectLink(113, hex(h), { origLen });

test('header fields, the source column and the EtherType hand-off', () => {
  const r = sll(`0004 0001 0006 020000000001 0000 0806 ${REQUEST}`);
  assert.equal(r.protocols, 'sll:ethertype:arp');
  assert.deepEqual(r.values('sll.pkttype'), ['4']);
  assert.deepEqual(r.values('sll.hatype'), ['1']);
  assert.deepEqual(r.values('sll.halen'), ['6']);
  assert.deepEqual(r.values('sll.src.eth'), ['02:00:00:00:00:01']);
  assert.deepEqual(r.values('sll.unused'), ['0000']);
  assert.deepEqual(r.values('sll.etype'), ['0x0806']);
  assert.equal(r.columns().src, '02:00:00:00:00:01');
  assert.equal(r.columns().dst, '');
  // packet type 4 is "sent by us": checksums on it may be left to the NIC
  assert.equal(r.c.outbound, true);
  assert.equal(sll(`0000 0001 0006 020000000001 0000 0806 ${REQUEST}`).c.outbound, false);
});

test('the address slot follows the address length', () => {
  const ipv4 = sll(`0001 0300 0004 c0000201 00000000 0806 ${REQUEST}`);
  assert.deepEqual(ipv4.values('sll.src.ipv4'), ['192.0.2.1']);
  assert.deepEqual(ipv4.values('sll.unused'), ['00000000']);
  const eight = sll(`0000 0001 0008 0200000000011234 0806 ${REQUEST}`);
  assert.deepEqual(eight.values('sll.src.other'), ['0200000000011234']);
  assert.deepEqual(eight.values('sll.unused'), []);
  const none = sll(`0000 0001 0000 ${zeros(8)} 9999 aabb`);
  assert.deepEqual(none.values('sll.unused'), [zeros(8)]);
  // an unknown hardware type with 6 bytes of address is still shown as a MAC
  assert.deepEqual(sll(`0001 aa01 0006 020000000001 0000 0806 ${REQUEST}`).values('sll.src.eth'), ['02:00:00:00:00:01']);
});

test('Linux protocol numbers: 802.2 LLC, Ethernet, others as data', () => {
  const llc = sll('0000 0001 0006 020000000001 0000 0004 424203 0000');
  assert.equal(llc.protocols, 'sll:llc:data');
  assert.deepEqual(llc.values('sll.ltype'), ['0x0004']);
  const ether = sll('0000 0001 0006 020000000001 0000 0003 020000000002 020000000001 9999 aa');
  assert.equal(ether.protocols, 'sll:eth:ethertype:data');
  // 1536 is still a Linux protocol number, 1537 an EtherType
  assert.deepEqual(sll('0000 0001 0006 020000000001 0000 0600 aa').values('sll.ltype'), ['0x0600']);
  assert.deepEqual(sll('0000 0001 0006 020000000001 0000 0601 aa').values('sll.etype'), ['0x0601']);
  const gre = sll(`0000 030a 0004 c0000201 00000000 0806 ${REQUEST}`);
  assert.equal(gre.protocols, 'sll:arp');
  assert.deepEqual(gre.values('sll.gretype'), ['0x0806']);
});

test('unknown payload types keep the packet type as Info', () => {
  const r = sll('0000 0001 0006 020000000001 0000 9999 aabb');
  assert.equal(r.protocols, 'sll:ethertype:data');
  assert.deepEqual(r.columns(), { src: '02:00:00:00:00:01', dst: '', protocol: '0x9999', info: 'Unicast to us' });
  const odd = sll('0009 0001 0006 020000000001 0000 0600 aa');
  assert.equal(odd.columns().info, 'Unknown (9)');
});

test('padding and trailer after the payload, never an FCS', () => {
  const r = sll(`0000 0001 0006 020000000001 0000 0806 ${REQUEST} ${zeros(24)}`);
  assert.deepEqual(r.values('eth.padding'), [zeros(16)]);
  assert.deepEqual(r.values('sll.trailer'), [zeros(8)]);
  assert.deepEqual(r.values('eth.fcs'), []);
});

test('a cut header: nothing before the hardware type, then field by field', () => {
  const tiny = sll('000100');
  assert.deepEqual(tiny.values('sll.pkttype'), []);
  assert.deepEqual(tiny.problems(), ['[Malformed Packet: SLL]']);
  const four = sll('00010001');
  assert.deepEqual(four.values('sll.hatype'), ['1']);
  assert.deepEqual(four.values('sll.halen'), []);
  assert.equal(four.columns().info, 'Broadcast');
  const noProto = sll('0001 0001 0006 020000000001 0000');
  assert.deepEqual(noProto.values('sll.unused'), ['0000']);
  assert.deepEqual(noProto.problems(), ['[Malformed Packet: SLL]']);
  assert.deepEqual(sll('0001', 100).problems(), ['[Packet size limited during capture: SLL truncated]']);
});
