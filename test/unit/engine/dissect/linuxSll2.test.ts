// Linux cooked capture v2 (link type 276) on hand-built frames; expected values are what
// tshark 4.0.17 printed for the same bytes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../../../src-main/engine/dissect/linuxSll2.js';
import '../../../../src-main/engine/dissect/arp.js';
import { arpBody, dissectLink, hex, zeros } from './linkFrames.js';

const REQUEST = arpBody(1, '02:dc:a0:00:00:10', '192.0.2.10', '00:00:00:00:00:00', '192.0.2.1');
const sll2 = (h: string, origLen?: number) => dissectLink(276, hex(h), { origLen });

test('header fields as tshark names them (sll.*)', () => {
  // lab-a-any-sll2.pcap frame 36: a broadcast ARP request padded to 64 bytes
  const r = sll2(`0806 0000 00000019 0001 01 06 02dca0000010 0000 ${REQUEST} ${zeros(16)}`);
  assert.equal(r.protocols, 'sll:ethertype:arp');
  assert.deepEqual(r.values('sll.etype'), ['0x0806']);
  assert.deepEqual(r.values('sll.ifindex'), ['25']);
  assert.deepEqual(r.values('sll.hatype'), ['1']);
  assert.deepEqual(r.values('sll.pkttype'), ['1']);
  assert.deepEqual(r.values('sll.halen'), ['6']);
  assert.deepEqual(r.values('sll.src.eth'), ['02:dc:a0:00:00:10']);
  assert.deepEqual(r.values('eth.padding'), [zeros(12)]);
  assert.deepEqual(r.values('sll.trailer'), [zeros(4)]);
  assert.equal(r.columns().src, '02:dc:a0:00:00:10');
  assert.equal(r.c.outbound, false);
  assert.equal(sll2(`0806 0000 00000019 0001 04 06 02dca0000010 0000 ${REQUEST}`).c.outbound, true);
});

test('Info reads the packet type together with the address length, as tshark 4.0 does', () => {
  assert.equal(sll2('0600 0000 00000019 0001 00 06 020000000001 0000 aa').columns().info, 'Unknown (6)');
  assert.equal(sll2('0600 0000 00000019 0001 00 00 0000000000000000 aa').columns().info, 'Unicast to us');
});

test('a cut header', () => {
  const ten = sll2('0800 0000 00000019 0001');
  assert.deepEqual(ten.values('sll.etype'), []);
  assert.deepEqual(ten.problems(), ['[Malformed Packet: SLL]']);
  assert.equal(ten.columns().protocol, '');
  const twelve = sll2('0800 0000 00000019 0001 00 00');
  assert.deepEqual(twelve.values('sll.etype'), ['0x0800']);
  assert.deepEqual(twelve.values('sll.halen'), ['0']);
  assert.deepEqual(twelve.problems(), ['[Malformed Packet: SLL]']);
  assert.equal(twelve.columns().info, 'Unicast to us');
});
