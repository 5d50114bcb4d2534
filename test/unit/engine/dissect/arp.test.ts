// ARP/RARP on hand-built frames: fields, flags, Info lines and how damaged packets end.
// Expected values are what tshark 4.0.17 printed for the same bytes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../../../src-main/engine/dissect/ethernet.js';
import '../../../../src-main/engine/dissect/arp.js';
import { arpBody, dissectLink, hex, zeros } from './linkFrames.js';

const HDR = 'ffffffffffff 02dcc0000001';
const A = '02:dc:c0:00:00:01';
const B = '02:dc:c0:00:00:03';
const NONE = '00:00:00:00:00:00';
const arp = (body: string, opts: { origLen?: number; type?: string } = {}) =>
  dissectLink(1, hex(`${HDR} ${opts.type ?? '0806'} ${body}`), { origLen: opts.origLen });
const info = (body: string): string => arp(body).columns().info;

test('request and reply: fields and Info', () => {
  const r = arp(arpBody(1, A, '192.0.2.33', NONE, '192.0.2.254'));
  assert.equal(r.protocols, 'eth:ethertype:arp');
  assert.deepEqual(r.values('arp.hw.type'), ['1']);
  assert.deepEqual(r.values('arp.proto.type'), ['0x0800']);
  assert.deepEqual(r.values('arp.hw.size'), ['6']);
  assert.deepEqual(r.values('arp.proto.size'), ['4']);
  assert.deepEqual(r.values('arp.opcode'), ['1']);
  assert.deepEqual(r.values('arp.src.hw_mac'), [A]);
  assert.deepEqual(r.values('arp.src.proto_ipv4'), ['192.0.2.33']);
  assert.deepEqual(r.values('arp.dst.hw_mac'), [NONE]);
  assert.deepEqual(r.values('arp.dst.proto_ipv4'), ['192.0.2.254']);
  assert.deepEqual(r.columns(), { src: A, dst: 'ff:ff:ff:ff:ff:ff', protocol: 'ARP', info: 'Who has 192.0.2.254? Tell 192.0.2.33' });
  assert.equal(info(arpBody(2, B, '192.0.2.254', A, '192.0.2.33')), '192.0.2.254 is at 02:dc:c0:00:00:03');
});

test('gratuitous, announcement and probe', () => {
  const announce = arp(arpBody(1, A, '192.0.2.33', NONE, '192.0.2.33'));
  assert.equal(announce.columns().info, 'ARP Announcement for 192.0.2.33');
  assert.deepEqual(announce.values('arp.isgratuitous'), ['1']);
  assert.deepEqual(announce.values('arp.isannouncement'), ['1']);
  const gratuitous = arp(arpBody(1, A, '192.0.2.33', 'ff:ff:ff:ff:ff:ff', '192.0.2.33'));
  assert.equal(gratuitous.columns().info, 'Gratuitous ARP for 192.0.2.33 (Request)');
  assert.deepEqual(gratuitous.values('arp.isannouncement'), []);
  assert.equal(info(arpBody(2, A, '192.0.2.33', A, '192.0.2.33')), 'Gratuitous ARP for 192.0.2.33 (Reply)');
  const probe = arp(arpBody(1, A, '0.0.0.0', NONE, '192.0.2.33'));
  assert.equal(probe.columns().info, 'Who has 192.0.2.33? (ARP Probe)');
  assert.deepEqual(probe.values('arp.isprobe'), ['1']);
  assert.deepEqual(probe.values('arp.isgratuitous'), []);
});

test('Info and Protocol for the other opcodes', () => {
  const op = (n: number): string => `0001 0800 06 04 ${n.toString(16).padStart(4, '0')} 020000000001 c0000201 040000000002 c0000202 ${zeros(18)}`;
  const cols = (n: number) => arp(op(n)).columns();
  assert.deepEqual([cols(3).protocol, cols(3).info], ['RARP', 'Who is 04:00:00:00:00:02? Tell 02:00:00:00:00:01']);
  assert.deepEqual([cols(4).protocol, cols(4).info], ['RARP', '04:00:00:00:00:02 is at 192.0.2.2']);
  assert.deepEqual([cols(7).protocol, cols(7).info], ['DRARP', 'DRARP Error']);
  assert.deepEqual([cols(9).protocol, cols(9).info], ['Inverse ARP', '02:00:00:00:00:01 is at 192.0.2.1']);
  assert.deepEqual([cols(14).protocol, cols(14).info], ['MARS', 'MARS JOIN request from 02:00:00:00:00:01 at 192.0.2.1']);
  assert.equal(cols(24).info, 'Experimental 1 ( opcode 24 )');
  assert.equal(cols(0).info, 'Reserved opcode 0');
  assert.equal(cols(26).info, 'Unknown ARP opcode 0x001a');
  assert.equal(arp(op(3), { type: '8035' }).protocols, 'eth:ethertype:arp');
});

test('addresses that are not Ethernet/IPv4 are bytes, long ones cut in Info', () => {
  const wide = arp(`0001 0800 0e 04 0001 ${'11'.repeat(14)} c0a80168 ${'22'.repeat(14)} c0a80101 ${zeros(2)}`);
  assert.deepEqual(wide.values('arp.src.hw_mac'), []);
  assert.deepEqual(wide.values('arp.src.hw'), ['11'.repeat(14)]);
  assert.deepEqual(wide.values('arp.src.proto_ipv4'), ['192.168.1.104']);
  const v6 = arp(`0001 86dd 06 10 0001 020000000001 20010db8${zeros(11)}01 ${zeros(6)} 20010db8${zeros(11)}02`);
  assert.deepEqual(v6.values('arp.src.proto'), [`20010db8${zeros(11)}01`]);
  assert.equal(v6.columns().info, `Who has 20010db8${zeros(11)}02? Tell 20010db8${zeros(11)}01`);
  const long = `0001 1234 06 25 0001 020000000001 ${'11'.repeat(37)} ${zeros(6)} ${'22'.repeat(37)}`;
  assert.equal(info(long), `Who has ${'22'.repeat(36)}…? Tell ${'11'.repeat(36)}…`);
  assert.equal(info(`0001 0800 00 00 0001 ${zeros(20)}`), 'Who has <No address>? Tell <No address>');
});

test('sizes that claim more than the frame holds: malformed, header fields only', () => {
  const r = arp(`0001 0800 86 04 0001 ${zeros(38)}`);
  assert.deepEqual(r.values('arp.opcode'), ['1']);
  assert.deepEqual(r.values('arp.src.hw'), []);
  assert.deepEqual(r.problems(), ['[Malformed Packet: ARP/RARP]']);
  assert.equal(r.columns().info, '');
  // and no trailer: the ARP layer never shrank to its own length
  assert.deepEqual(r.values('eth.trailer'), []);
});

test('a snaplen cut inside the addresses', () => {
  const r = arp(`0001 0800 06 04 0001 02dcc0000001 c000`, { origLen: 42 });
  assert.deepEqual(r.values('arp.opcode'), ['1']);
  assert.deepEqual(r.values('arp.src.hw_mac'), []);
  assert.deepEqual(r.problems(), ['[Packet size limited during capture: ARP/RARP truncated]']);
  assert.deepEqual(arp('00', { origLen: 42 }).problems(), ['[Packet size limited during capture: ARP/RARP truncated]']);
  // with no protocol address, only the target hardware address is missing
  const noProto = arp(`0001 0800 06 00 0001 020000000001 0102`, { origLen: 100 });
  assert.deepEqual(noProto.values('arp.src.hw_mac'), ['02:00:00:00:00:01']);
  assert.deepEqual(noProto.problems(), ['[Packet size limited during capture: ARP/RARP truncated]']);
});

test('AX.25 and ATM hardware types take their own paths', () => {
  const ax25 = arp(`0003 0800 06 04 0001 001f29da2d79 c0a80168 ${zeros(6)} c0a80101 ${zeros(18)}`);
  assert.equal(ax25.protocols, 'eth:ethertype:arp:arp');
  assert.deepEqual(ax25.values('arp.src.hw'), ['001f29da2d79']);
  assert.deepEqual(ax25.values('arp.src.proto_ipv4'), ['192.168.1.104']);
  assert.equal(ax25.columns().info, 'Who has 192.168.1.1? Tell 192.168.1.104');
  // arp-oobr.pcap frame 1166: the ATM ARP lengths add up to far more than the frame
  const atm = arp(`0013 0800 06 04 0001 001f29da2d79 c0a80168 ${zeros(6)} c0a80101 ${zeros(18)}`);
  assert.equal(atm.protocols, 'eth:ethertype:arp:atmarp');
  assert.deepEqual(atm.values('arp.opcode'), []);
  assert.deepEqual(atm.problems(), ['[Malformed Packet: ATMARP]']);
});
