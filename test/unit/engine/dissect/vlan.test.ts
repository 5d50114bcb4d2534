// 802.1Q and 802.1ad tags on hand-built frames; expected values are tshark 4.0.17's.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../../../src-main/engine/dissect/ethernet.js';
import '../../../../src-main/engine/dissect/vlan.js';
import '../../../../src-main/engine/dissect/arp.js';
import { arpBody, dissectLink, hex, zeros } from './linkFrames.js';

const HDR = '020000000002 020000000001';
const REQUEST = arpBody(1, '02:00:00:00:00:01', '192.0.2.1', '00:00:00:00:00:00', '192.0.2.2');
const eth = (h: string, origLen?: number) => dissectLink(1, hex(h), { origLen });

test('one 802.1Q tag: priority, DEI, ID, the inner type and the Info line', () => {
  const r = eth(`${HDR} 8100 b02a 0806 ${REQUEST}`);
  assert.equal(r.protocols, 'eth:ethertype:vlan:ethertype:arp');
  assert.deepEqual(r.values('vlan.priority'), ['5']);
  assert.deepEqual(r.values('vlan.dei'), ['1']);
  assert.deepEqual(r.values('vlan.id'), ['42']);
  assert.deepEqual(r.values('vlan.etype'), ['0x0806']);
  assert.deepEqual(r.values('eth.type'), ['0x8100']);
  const unknown = eth(`${HDR} 8100 a02a 9999 aabbccdd`);
  assert.deepEqual(unknown.columns().info, 'PRI: 5  DEI: 0  ID: 42');
  assert.deepEqual(unknown.columns().protocol, '0x9999');
});

test('QinQ and triple tags: 0x88a8 is ieee8021ad, 0x9100 counts as 802.1Q', () => {
  const qinq = eth(`${HDR} 88a8 00c8 8100 07d1 0806 ${REQUEST} ${zeros(14)}`);
  assert.equal(qinq.protocols, 'eth:ethertype:ieee8021ad:ethertype:vlan:ethertype:arp');
  assert.deepEqual(qinq.values('ieee8021ad.id'), ['200']);
  assert.deepEqual(qinq.values('ieee8021ah.etype'), ['0x8100']);
  assert.deepEqual(qinq.values('vlan.id'), ['2001']);
  // 64 bytes: padding to 60, then 4 bytes that are a trailer (tags never carry an FCS)
  assert.deepEqual(qinq.values('eth.padding'), [zeros(10)]);
  assert.deepEqual(qinq.values('vlan.trailer'), [zeros(4)]);
  assert.deepEqual(qinq.values('eth.fcs'), []);
  const triple = eth(`${HDR} 9100 012c 88a8 012d 8100 012e 9999 00`);
  assert.equal(triple.protocols, 'eth:ethertype:vlan:ethertype:ieee8021ad:ethertype:vlan:ethertype:data');
  assert.deepEqual(triple.values('vlan.id'), ['300', '302']);
  assert.deepEqual(triple.values('ieee8021ad.id'), ['301']);
  const service = eth(`${HDR} 88a8 f00a 9999 aa`);
  assert.equal(service.columns().info, 'PRI: 7  DROP: 1 ID: 10');
});

test('truncated tags', () => {
  const tciOnly = eth(`${HDR} 8100 002a`);
  assert.deepEqual(tciOnly.values('vlan.id'), ['42']);
  assert.deepEqual(tciOnly.problems(), ['[Malformed Packet: VLAN]']);
  assert.equal(tciOnly.columns().info, 'PRI: 0  DEI: 0  ID: 42');
  assert.deepEqual(eth(`${HDR} 8100`).problems(), ['[Malformed Packet: VLAN]']);
  assert.deepEqual(eth(`${HDR} 8100 002a`, 80).problems(), ['[Packet size limited during capture: VLAN truncated]']);
  // 802.1ad reads the whole tag before it shows any of it
  const service = eth(`${HDR} 88a8 000a`);
  assert.deepEqual(service.values('ieee8021ad.id'), []);
  assert.deepEqual(service.problems(), ['[Malformed Packet: IEEE 802.1AD]']);
  assert.equal(service.columns().info, 'PRI: 0  DROP: 0 ID: 10');
});

test('an 802.1Q tag followed by a length carries LLC; 802.1ad takes any value as a type', () => {
  const llc = eth(`${HDR} 8100 002a 0026 424203 ${zeros(35)} ${zeros(4)}`);
  assert.equal(llc.protocols, 'eth:ethertype:vlan:llc:data');
  assert.deepEqual(llc.values('vlan.len'), ['38']);
  assert.deepEqual(llc.values('vlan.etype'), []);
  const past = eth(`${HDR} 8100 002a 0026 4242`);
  assert.deepEqual(past.experts().slice(0, 1), ['Expert Info (Error/Malformed): Length field value goes past the end of the payload']);
  assert.deepEqual(past.problems(), ['[Malformed Packet: LLC]']);
  const service = eth(`${HDR} 88a8 000a 0026 424203 ${zeros(40)}`);
  assert.equal(service.protocols, 'eth:ethertype:ieee8021ad:ethertype:data');
  assert.deepEqual(service.values('ieee8021ah.etype'), ['0x0026']);
});

test('a long tagged frame keeps its trailer under the tag, with no FCS', () => {
  const r = eth(`ffffffffffff 020000000001 8100 002a 0806 ${REQUEST} ${zeros(54)}`);
  assert.deepEqual(r.values('eth.padding'), [zeros(14)]);
  assert.deepEqual(r.values('vlan.trailer'), [zeros(40)]);
  assert.deepEqual(r.values('eth.fcs'), []);
});
