// The Ethernet dissector and what follows an Ethernet payload (padding, trailer, FCS, the
// trailer heuristics), on hand-built frames. Expected values are what tshark 4.0.17 printed
// for the same bytes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../../../src-main/engine/dissect/ethernet.js';
import '../../../../src-main/engine/dissect/arp.js';
import { registerEtherType } from '../../../../src-main/engine/dissect/dispatch.js';
import { PADDING_NOTE, arpBody, dissectLink, hex, zeros } from './linkFrames.js';

const BCAST_TO = 'ffffffffffff 020000000001';
const REQUEST = arpBody(1, '02:00:00:00:00:01', '192.0.2.1', '00:00:00:00:00:00', '192.0.2.2');

// a payload type whose dissector rejects everything, and one that runs into a snaplen cut
registerEtherType(0x88b6, (_f, _c, off) => off);
registerEtherType(0x88b7, (f, c, off, end, rend) => {
  c.layers.push('cut');
  c.truncated(f, 'Cut', end + 1, end, rend);
  return off + 2;
});

const eth = (linkType = 1) => (h: string, origLen?: number) => dissectLink(linkType, hex(h), { origLen });
const ethernet = eth();

test('Ethernet II header, addresses and their bits', () => {
  const r = ethernet(`${BCAST_TO} 0806 ${REQUEST} ${zeros(18)}`);
  assert.equal(r.protocols, 'eth:ethertype:arp');
  assert.deepEqual(r.values('eth.dst'), ['ff:ff:ff:ff:ff:ff']);
  assert.deepEqual(r.values('eth.src'), ['02:00:00:00:00:01']);
  assert.deepEqual(r.values('eth.addr'), ['ff:ff:ff:ff:ff:ff', '02:00:00:00:00:01']);
  assert.deepEqual(r.values('eth.type'), ['0x0806']);
  assert.deepEqual(r.values('eth.dst.ig'), ['1']);
  assert.deepEqual(r.values('eth.dst.lg'), ['1']);
  assert.deepEqual(r.values('eth.src.ig'), ['0']);
  assert.deepEqual(r.values('eth.src.lg'), ['1']);
  assert.deepEqual(r.values('eth.ig'), ['1', '0']);
  assert.deepEqual(r.values('eth.src.oui'), [String(0x020000)]);
  const cols = r.columns();
  assert.equal(cols.src, '02:00:00:00:00:01');
  assert.equal(cols.dst, 'ff:ff:ff:ff:ff:ff');
});

test('zero padding up to 60 bytes is padding; a shorter frame only has a trailer', () => {
  const padded = ethernet(`${BCAST_TO} 0806 ${REQUEST} ${zeros(18)}`);
  assert.deepEqual(padded.values('eth.padding'), [zeros(18)]);
  assert.deepEqual(padded.values('eth.trailer'), []);
  assert.deepEqual(padded.experts(), []);
  const short = ethernet(`${BCAST_TO} 0806 ${REQUEST} ${zeros(16)}`);
  assert.deepEqual(short.values('eth.padding'), []);
  assert.deepEqual(short.values('eth.trailer'), [zeros(16)]);
  assert.deepEqual(short.experts(), []);
});

test('non-zero bytes where padding belongs make a trailer and a Note', () => {
  const r = ethernet(`${BCAST_TO} 0806 ${REQUEST} 000000008a${zeros(13)}`);
  assert.deepEqual(r.values('eth.padding'), []);
  assert.deepEqual(r.values('eth.trailer'), [`000000008a${zeros(13)}`]);
  assert.deepEqual(r.experts(), [PADDING_NOTE]);
});

test('a frame of 64 bytes or more ends with an (unverified) FCS', () => {
  const r = ethernet(`${BCAST_TO} 0806 ${REQUEST} ${zeros(18)} 11223344`);
  assert.deepEqual(r.values('eth.padding'), [zeros(18)]);
  assert.deepEqual(r.values('eth.fcs'), ['0x11223344']);
  assert.deepEqual(r.values('eth.fcs.status'), ['2']);
  const longer = ethernet(`${BCAST_TO} 0806 ${REQUEST} ${zeros(18)} 1122334455667788`);
  assert.deepEqual(longer.values('eth.trailer'), ['11223344']);
  assert.deepEqual(longer.values('eth.fcs'), ['0x55667788']);
});

test('an FCS that was not captured ends the packet as a snaplen cut in the EtherType layer', () => {
  const r = ethernet(`${BCAST_TO} 0806 ${REQUEST} ${zeros(10)} 0b80ff`, 200);
  assert.deepEqual(r.values('eth.trailer'), [`${zeros(10)}0b80ff`]);
  assert.deepEqual(r.experts(), [PADDING_NOTE]);
  assert.deepEqual(r.problems(), ['[Packet size limited during capture: Ethertype truncated]']);
});

test('runt frames: malformed when the frame is that short, a snaplen cut otherwise', () => {
  const runt = ethernet('02dcc0000002 02dcc000');
  assert.equal(runt.protocols, 'eth');
  assert.deepEqual(runt.values('eth.dst'), []);
  assert.deepEqual(runt.problems(), ['[Malformed Packet: Ethernet]']);
  assert.deepEqual(runt.experts(), ['Expert Info (Error/Malformed): Malformed Packet (Exception occurred)']);
  // 5 of 12 bytes captured: the destination read already fails inside the reported length
  assert.deepEqual(ethernet('ffffffffff', 12).problems(), ['[Packet size limited during capture: Ethernet truncated]']);
  assert.deepEqual(ethernet('ffffffffffff02', 100).problems(), ['[Packet size limited during capture: Ethernet truncated]']);
});

test('a group source address is flagged in Ethernet II frames only', () => {
  const warning = 'Expert Info (Warning/Protocol): Source MAC must not be a group address: IEEE 802.3-2002, Section 3.2.3(b)';
  assert.deepEqual(ethernet(`ffffffffffff 552100000001 0806 ${REQUEST} ${zeros(18)}`).experts(), [warning]);
  assert.deepEqual(ethernet(`0180c2000000 ff0000000001 0026 424203 ${zeros(35)}`).experts(), []);
});

test('type/length values between 1501 and 1535 are neither', () => {
  const r = ethernet(`${BCAST_TO} 05dd 0000`);
  assert.equal(r.protocols, 'eth');
  assert.deepEqual(r.values('eth.type'), []);
  assert.deepEqual(r.values('eth.len'), []);
  assert.deepEqual(r.experts(), ['Expert Info (Warning/Protocol): Invalid length/type: 0x05dd (1501)']);
  assert.equal(r.columns().info, 'Ethernet Unknown: Invalid length/type: 0x05dd (1501)');
  assert.equal(r.columns().protocol, 'Ethernet');
});

test('a type nobody decodes is data, named in the columns', () => {
  const named = ethernet(`${BCAST_TO} 88b5 ${zeros(28)}`);
  assert.equal(named.protocols, 'eth:ethertype:data');
  assert.deepEqual(named.values('data.len'), ['28']);
  assert.deepEqual(named.columns(), { src: '02:00:00:00:00:01', dst: 'ff:ff:ff:ff:ff:ff', protocol: '0x88b5', info: 'Local Experimental Ethertype 1' });
  const empty = ethernet(`${BCAST_TO} 9999`);
  assert.equal(empty.protocols, 'eth');
  assert.equal(empty.columns().protocol, '0x9999');
  assert.equal(empty.columns().info, 'Ethernet II');
  // a zero type/length is EtherType 0, not an 802.3 length
  assert.deepEqual(ethernet(`${BCAST_TO} 0000`).values('eth.type'), ['0x0000']);
});

test('a dissector that claims nothing leaves the payload to data, without a trailer', () => {
  const r = ethernet(`${BCAST_TO} 88b6 ${zeros(46)} 01020304`);
  assert.equal(r.protocols, 'eth:ethertype:data');
  assert.deepEqual(r.values('data.len'), ['50']);
  assert.deepEqual(r.values('eth.trailer'), []);
  assert.equal(r.columns().protocol, '0x88b6');
  assert.equal(r.columns().info, 'Local Experimental Ethertype 2');
});

test('a snaplen cut inside the payload ends the packet before the trailer', () => {
  const r = ethernet(`${BCAST_TO} 88b7 ${zeros(20)}`, 200);
  assert.equal(r.protocols, 'eth:ethertype:cut');
  assert.deepEqual(r.values('eth.trailer'), []);
  assert.deepEqual(r.values('eth.padding'), []);
  assert.deepEqual(r.problems(), ['[Packet size limited during capture: Cut truncated]']);
});

test('802.3 length frames: LLC, the length check, padding after the length', () => {
  const stp = ethernet(`0180c2000000 001906eab885 0026 424203 ${zeros(35)} ${zeros(8)}`);
  assert.equal(stp.protocols, 'eth:llc:data');
  assert.deepEqual(stp.values('eth.len'), ['38']);
  assert.deepEqual(stp.values('eth.type'), []);
  assert.deepEqual(stp.values('eth.padding'), [zeros(8)]);
  const past = ethernet(`0180c2000000 020000000001 03e8 e0e003 ffff ${zeros(41)}`);
  assert.deepEqual(past.values('eth.len'), ['1000']);
  assert.deepEqual(past.experts(), ['Expert Info (Error/Malformed): Length field value goes past the end of the payload']);
  // the hidden marker tshark adds under Malformed-group experts
  assert.deepEqual(past.values('_ws.malformed'), ['_ws.malformed']);
});

test('tshark F5 trailer heuristic reads past short zero-led trailers', () => {
  // arp-oobr.pcap frame 41: the 18 trailer bytes hold 0x40 at offset 11 and 0xaa at the end
  const r = ethernet(`${BCAST_TO} 0806 ${REQUEST} ${zeros(11)}40${zeros(5)}aa`);
  assert.equal(r.protocols, 'eth:ethertype:arp:f5ethtrailer');
  assert.deepEqual(r.values('eth.trailer'), []);
  assert.deepEqual(r.problems(), ['[Malformed Packet: F5 Ethernet trailer]']);
  // the same bytes one position earlier stay a plain trailer
  const plain = ethernet(`${BCAST_TO} 0806 ${REQUEST} ${zeros(10)}40${zeros(6)}aa`);
  assert.equal(plain.protocols, 'eth:ethertype:arp');
  assert.deepEqual(plain.experts(), [PADDING_NOTE]);
});

test('tshark VSS-Monitoring heuristic takes plausible time stamps', () => {
  // 8-byte trailer on a 50-byte frame: 1000 s after the epoch-ish capture time, port none
  const r = dissectLink(1, hex(`${BCAST_TO} 0806 ${REQUEST} 000003e8 00000005`), { tsSec: 1000 });
  assert.equal(r.protocols, 'eth:ethertype:arp:vssmonitoring');
  assert.deepEqual(r.values('eth.trailer'), []);
  // nanoseconds out of range: a plain trailer
  const no = dissectLink(1, hex(`${BCAST_TO} 0806 ${REQUEST} 000003e8 3b9aca00`), { tsSec: 1000 });
  assert.equal(no.protocols, 'eth:ethertype:arp');
  assert.deepEqual(no.values('eth.trailer'), ['000003e83b9aca00']);
});
