// The ICMPv6 dissector on hand-built messages inside IPv6: checksums over the pseudo-
// header, echo matching, neighbour discovery with its options and Info texts, MLD, and
// error messages with their quoted datagram (which must not touch the columns, and is
// silent when the quote just ends but reported when the capture cut it).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../../../src-main/engine/dissect/icmpv6.js';
import { dissectIPv6 } from '../../../../src-main/engine/dissect/ipv6.js';
import { DissectCtx, type Dissector } from '../../../../src-main/engine/dissect/context.js';
import { registerIpProto } from '../../../../src-main/engine/dissect/dispatch.js';
import { summaryColumns } from '../../../../src-main/engine/output/summary.js';
import { run, values } from './ipv4Builder.js';
import { DST, SRC, addr6, concat, experts, icmpv6, ipv6, pseudoChecksum, wsTexts } from './ipv6Builder.js';

const FAKE = 253;
const fake: Dissector = (_f, c, _off, _end, rend) => {
  c.layers.push('fake');
  return rend;
};
registerIpProto(FAKE, fake);

const MAC = [0x02, 0xdc, 0xc0, 0x00, 0x00, 0x01];
const protocols = (c: DissectCtx): string => c.layers.join(':');
const packet = (msg: Uint8Array, src = SRC, dst = DST, hlim = 64): Uint8Array => ipv6(58, msg, { src, dst, hlim });

test('an echo request: fields, verified checksum, data and tshark\'s Info', () => {
  const msg = icmpv6(128, 0, [0x00, 0x07, 0x00, 0x01, 0x61, 0x62, 0x63]);
  const { f, c } = run(dissectIPv6, packet(msg));
  assert.equal(protocols(c), 'ipv6:icmpv6:data');
  assert.deepEqual(values(f, 'icmpv6.type'), ['128']);
  assert.deepEqual(values(f, 'icmpv6.code'), ['0']);
  assert.deepEqual(values(f, 'icmpv6.checksum'), [`0x${((msg[2]! << 8) | msg[3]!).toString(16).padStart(4, '0')}`]);
  assert.deepEqual(values(f, 'icmpv6.checksum.status'), ['1']);
  assert.deepEqual(values(f, 'icmpv6.echo.identifier'), ['0x0007']);
  assert.deepEqual(values(f, 'icmpv6.echo.sequence_number'), ['1']);
  assert.deepEqual(experts(f), []);
  const cols = summaryColumns(f, c);
  assert.equal(cols.protocol, 'ICMPv6');
  assert.equal(cols.info, 'Echo (ping) request id=0x0007, seq=1, hop limit=64');
});

test('a bad checksum is reported with the value it should have had', () => {
  const good = icmpv6(128, 0, [0, 5, 0, 5, 1, 2, 3, 4]);
  const bad = icmpv6(128, 0, [0, 5, 0, 5, 1, 2, 3, 4], SRC, DST, 0x1234);
  const should = (good[2]! << 8) | good[3]!;
  const { f } = run(dissectIPv6, packet(bad));
  assert.deepEqual(values(f, 'icmpv6.checksum.status'), ['0']);
  assert.deepEqual(experts(f), [`Expert Info (Warning/Checksum): Bad checksum [should be 0x${should.toString(16).padStart(4, '0')}]`]);
});

test('a reply names its request; a second reply to it does not', () => {
  const ctx = new DissectCtx();
  const body = [0x1a, 0xe7, 0x00, 0x03, 9, 8, 7];
  run(dissectIPv6, packet(icmpv6(128, 0, body)), { ctx, frame: 5 });
  const reply = packet(icmpv6(129, 0, body, DST, SRC), DST, SRC, 63);
  let r = run(dissectIPv6, reply, { ctx, frame: 6 });
  assert.equal(summaryColumns(r.f, r.c).info, 'Echo (ping) reply id=0x1ae7, seq=3, hop limit=63 (request in 5)');
  assert.deepEqual(values(r.f, 'icmpv6.resp_to'), ['5']);
  r = run(dissectIPv6, reply, { ctx, frame: 7 });
  assert.equal(summaryColumns(r.f, r.c).info, 'Echo (ping) reply id=0x1ae7, seq=3, hop limit=63');
  // dissected again later (detail view): the first visit's answer
  r = run(dissectIPv6, reply, { ctx, frame: 6 });
  assert.deepEqual(values(r.f, 'icmpv6.resp_to'), ['5']);
  // a reply whose data differs from the request's does not match it
  const other = new DissectCtx();
  run(dissectIPv6, packet(icmpv6(128, 0, body)), { ctx: other, frame: 1 });
  r = run(dissectIPv6, packet(icmpv6(129, 0, [0x1a, 0xe7, 0x00, 0x03, 1, 1, 1], DST, SRC), DST, SRC), { ctx: other, frame: 2 });
  assert.deepEqual(values(r.f, 'icmpv6.resp_to'), []);
});

test('neighbour solicitation and advertisement Info texts', () => {
  const target = addr6('2001:db8:f::44');
  let r = run(dissectIPv6, packet(icmpv6(135, 0, [0, 0, 0, 0, ...target, 1, 1, ...MAC], 'fe80::1', 'ff02::1:ff00:44'), 'fe80::1', 'ff02::1:ff00:44', 255));
  assert.equal(summaryColumns(r.f, r.c).info, 'Neighbor Solicitation for 2001:db8:f::44 from 02:dc:c0:00:00:01');
  assert.deepEqual(values(r.f, 'icmpv6.nd.ns.target_address'), ['2001:db8:f::44']);
  assert.deepEqual(values(r.f, 'icmpv6.opt.type'), ['1']);
  assert.deepEqual(values(r.f, 'icmpv6.opt.linkaddr'), ['02:dc:c0:00:00:01']);
  assert.deepEqual(values(r.f, 'icmpv6.checksum.status'), ['1']);
  r = run(dissectIPv6, packet(icmpv6(136, 0, [0xe0, 0, 0, 0, ...target, 2, 1, ...MAC])));
  assert.equal(summaryColumns(r.f, r.c).info, 'Neighbor Advertisement 2001:db8:f::44 (rtr, sol, ovr) is at 02:dc:c0:00:00:01');
  assert.deepEqual(values(r.f, 'icmpv6.nd.na.flag'), ['0xe0000000']);
  r = run(dissectIPv6, packet(icmpv6(136, 0, [0, 0, 0, 0, ...target])));
  assert.equal(summaryColumns(r.f, r.c).info, 'Neighbor Advertisement 2001:db8:f::44 (none)');
});

test('router advertisement fields and options', () => {
  const opts = [
    ...[1, 1, ...MAC],
    ...[5, 1, 0, 0, 0, 0, 0x05, 0xdc], // MTU 1500
    ...[3, 4, 64, 0xc0, 0, 0, 0x0e, 0x10, 0, 0, 0x07, 0x08, 0, 0, 0, 0, ...addr6('2001:db8:cc:dd::')],
    ...[25, 3, 0, 0, 0, 0, 0x02, 0x58, ...addr6('2001:db8::53')],
    ...[24, 2, 48, 0x08, 0xff, 0xff, 0xff, 0xff, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0, 0],
    ...[38, 2, 0x07, 0x08, ...addr6('64:ff9b::').slice(0, 12)],
  ];
  const ra = icmpv6(134, 0, [64, 0x48, 0x07, 0x08, 0, 0, 0, 0, 0, 0, 0, 0, ...opts], 'fe80::2', 'ff02::1');
  const { f, c } = run(dissectIPv6, packet(ra, 'fe80::2', 'ff02::1', 255));
  assert.deepEqual(experts(f), []);
  assert.equal(summaryColumns(f, c).info, 'Router Advertisement from 02:dc:c0:00:00:01');
  assert.deepEqual(values(f, 'icmpv6.nd.ra.cur_hop_limit'), ['64']);
  assert.deepEqual(values(f, 'icmpv6.nd.ra.flag'), ['0x48']);
  assert.deepEqual(values(f, 'icmpv6.nd.ra.flag.o'), ['1']);
  assert.deepEqual(values(f, 'icmpv6.nd.ra.flag.prf'), ['1']);
  assert.deepEqual(values(f, 'icmpv6.nd.ra.router_lifetime'), ['1800']);
  assert.deepEqual(values(f, 'icmpv6.opt.type'), ['1', '5', '3', '25', '24', '38']);
  assert.deepEqual(values(f, 'icmpv6.opt.mtu'), ['1500']);
  assert.deepEqual(values(f, 'icmpv6.opt.prefix.length'), ['64', '48']);
  assert.deepEqual(values(f, 'icmpv6.opt.prefix'), ['2001:db8:cc:dd::']);
  assert.deepEqual(values(f, 'icmpv6.opt.prefix.valid_lifetime'), ['3600']);
  assert.deepEqual(values(f, 'icmpv6.opt.rdnss'), ['2001:db8::53']);
  assert.deepEqual(values(f, 'icmpv6.opt.route_info.flag.route_preference'), ['1']);
  assert.deepEqual(values(f, 'icmpv6.opt.route_info.prefix'), ['2001:db8:1::']);
  assert.deepEqual(values(f, 'icmpv6.opt.pref64.scaled_lifetime'), ['225']);
  assert.deepEqual(values(f, 'icmpv6.opt.pref64.prefix'), ['64:ff9b::']);
});

test('option length problems use tshark\'s notes and never loop', () => {
  // a zero-length option ends the list (crafted-a.pcap frame 99)
  let r = run(dissectIPv6, packet(icmpv6(135, 0, [0, 0, 0, 0, ...addr6(DST), 1, 0, ...MAC])));
  assert.deepEqual(experts(r.f), ['Expert Info (Error/Malformed): Invalid option length (Zero)']);
  assert.deepEqual(wsTexts(r.f, '_ws.malformed'), ['_ws.malformed']);
  assert.equal(summaryColumns(r.f, r.c).info, `Neighbor Solicitation for ${DST}`);
  // a PREF64 prefix length code tshark does not know (icmpv6-ra-pref64.pcap frame 2)
  r = run(dissectIPv6, packet(icmpv6(134, 0, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 38, 2, 0x07, 0x0e, ...new Array(12).fill(0)])));
  assert.deepEqual(experts(r.f), ['Expert Info (Error/Malformed): Invalid Option Length']);
  // an MTU option twice its size leaves unknown data
  r = run(dissectIPv6, packet(icmpv6(133, 0, [0, 0, 0, 0, 5, 2, 0, 0, 0, 0, 5, 0xdc, ...new Array(8).fill(0)])));
  assert.deepEqual(experts(r.f), ['Expert Info (Error/Malformed): Unknown Data (not interpreted)']);
  // an option longer than the message is malformed ICMPv6
  r = run(dissectIPv6, packet(icmpv6(133, 0, [0, 0, 0, 0, 1, 4, ...MAC])));
  assert.deepEqual(wsTexts(r.f, '_ws.malformed'), ['[Malformed Packet: ICMPv6]']);
  // an option type tshark has no decoder for
  r = run(dissectIPv6, packet(icmpv6(133, 0, [0, 0, 0, 0, 99, 1, 0, 0, 0, 0, 0, 0])));
  assert.deepEqual(experts(r.f), [
    'Expert Info (Note/Undecoded): Dissector for ICMPv6 Option (99) code not implemented, Contact Wireshark developers if you want this supported',
  ]);
});

test('error messages quote the invoking datagram without changing the columns', () => {
  const quoted = ipv6(FAKE, [1, 2, 3, 4], { src: DST, dst: '2001:db8:9::9', hlim: 1 });
  const { f, c } = run(dissectIPv6, packet(icmpv6(3, 0, [0, 0, 0, 0, ...quoted], '2001:db8:e::1', SRC), '2001:db8:e::1', SRC));
  assert.equal(protocols(c), 'ipv6:icmpv6:ipv6:fake');
  assert.deepEqual(values(f, 'ipv6.hlim'), ['64', '1']);
  assert.deepEqual(values(f, 'icmpv6.checksum.status'), ['1']);
  const cols = summaryColumns(f, c);
  assert.equal(cols.protocol, 'ICMPv6');
  assert.equal(cols.src, '2001:db8:e::1');
  assert.equal(cols.dst, SRC);
  assert.equal(cols.info, 'Time Exceeded (hop limit exceeded in transit)');
  assert.equal(c.quoteDepth, 0);
  assert.equal(c.colWritable, true);
});

test('a quote that simply ends is silent; one cut by the snapshot length is reported as IPv6', () => {
  const quoted = ipv6(17, new Array(28).fill(0));
  const full = packet(icmpv6(1, 4, [0, 0, 0, 0, ...quoted]));
  // the router quoted only 10 bytes
  let r = run(dissectIPv6, packet(icmpv6(1, 4, [0, 0, 0, 0, ...quoted.subarray(0, 10)])));
  assert.equal(protocols(r.c), 'ipv6:icmpv6:ipv6');
  assert.deepEqual(wsTexts(r.f, '_ws.malformed'), ['_ws.malformed']);
  assert.deepEqual(experts(r.f), ['Expert Info (Error/Malformed): IPv6 header must be exactly 40 bytes']);
  assert.equal(summaryColumns(r.f, r.c).info, 'Destination Unreachable (Port unreachable)');
  // the capture kept 20 bytes of the quote
  r = run(dissectIPv6, full, { captured: 40 + 8 + 20 });
  assert.deepEqual(wsTexts(r.f, '_ws.short'), ['[Packet size limited during capture: IPv6 truncated]']);
  assert.deepEqual(values(r.f, 'icmpv6.checksum.status'), ['2']);
  // nothing quoted at all: the error message itself is short
  r = run(dissectIPv6, packet(icmpv6(1, 4, [0, 0, 0, 0])));
  assert.deepEqual(wsTexts(r.f, '_ws.malformed'), ['[Malformed Packet: ICMPv6]']);
});

test('packet too big, parameter problem and their fields', () => {
  const quoted = ipv6(FAKE, [0, 0]);
  let r = run(dissectIPv6, packet(icmpv6(2, 0, [0, 0, 0x05, 0x00, ...quoted])));
  assert.deepEqual(values(r.f, 'icmpv6.mtu'), ['1280']);
  assert.equal(summaryColumns(r.f, r.c).info, 'Packet Too Big');
  r = run(dissectIPv6, packet(icmpv6(4, 1, [0, 0, 0, 40, ...quoted])));
  assert.deepEqual(values(r.f, 'icmpv6.pointer'), ['40']);
  assert.equal(summaryColumns(r.f, r.c).info, 'Parameter Problem (unrecognized Next Header type encountered)');
  r = run(dissectIPv6, packet(icmpv6(1, 9, [0, 0, 0, 0, ...quoted])));
  assert.equal(summaryColumns(r.f, r.c).info, 'Destination Unreachable (Unknown)');
});

test('a redirect with target link-layer and redirected header options', () => {
  const redirected = ipv6(FAKE, new Array(8).fill(0));
  const opts = [2, 1, 0x02, 0xdc, 0xc0, 0x00, 0x00, 0x99, 4, 7, 0, 0, 0, 0, 0, 0, ...redirected];
  const msg = icmpv6(137, 0, [0, 0, 0, 0, ...addr6('fe80::99'), ...addr6(DST), ...opts], 'fe80::2', 'fe80::1');
  const { f, c } = run(dissectIPv6, packet(msg, 'fe80::2', 'fe80::1', 255));
  assert.equal(protocols(c), 'ipv6:icmpv6:ipv6:fake');
  assert.deepEqual(experts(f), []);
  assert.deepEqual(values(f, 'icmpv6.nd.rd.target_address'), ['fe80::99']);
  assert.deepEqual(values(f, 'icmpv6.rd.na.destination_address'), [DST]);
  assert.equal(summaryColumns(f, c).info, 'Redirect is at 02:dc:c0:00:00:99');
});

test('MLD messages', () => {
  const record = [4, 0, 0, 1, ...addr6('ff02::fb'), ...addr6('2001:db8::1')];
  let r = run(dissectIPv6, packet(icmpv6(143, 0, [0, 0, 0, 1, ...record], 'fe80::1', 'ff02::16'), 'fe80::1', 'ff02::16', 1));
  assert.deepEqual(values(r.f, 'icmpv6.mldr.nb_mcast_records'), ['1']);
  assert.deepEqual(values(r.f, 'icmpv6.mldr.mar.record_type'), ['4']);
  assert.deepEqual(values(r.f, 'icmpv6.mldr.mar.multicast_address'), ['ff02::fb']);
  assert.deepEqual(values(r.f, 'icmpv6.mldr.mar.source_address'), ['2001:db8::1']);
  assert.equal(summaryColumns(r.f, r.c).info, 'Multicast Listener Report Message v2');
  r = run(dissectIPv6, packet(icmpv6(131, 0, [0, 0, 0, 0, ...addr6('ff02::fb')])));
  assert.deepEqual(values(r.f, 'icmpv6.mld.multicast_address'), ['ff02::fb']);
  assert.deepEqual(values(r.f, 'icmpv6.mld.maximum_response_delay'), ['0']);
});

test('a type tshark does not decode gets its note', () => {
  const { f, c } = run(dissectIPv6, packet(icmpv6(99, 0, [1, 2, 3, 4])));
  assert.deepEqual(experts(f), [
    'Expert Info (Note/Undecoded): Dissector for ICMPv6 Type (99) code not implemented, Contact Wireshark developers if you want this supported',
  ]);
  assert.equal(summaryColumns(f, c).info, 'Unknown (99)');
});

test('the pseudo-header helper agrees with a known capture', () => {
  // crafted-a.pcap frame 79: echo request 2001:db8:e::33 -> 2001:db8:f::44, checksum 0x23b7
  const msg = concat([128, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(pseudoChecksum(SRC, DST, 58, msg), 0x23b7);
});

test('nothing throws on any prefix of the messages above', () => {
  const msgs = [
    icmpv6(134, 0, [64, 0, 7, 8, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, ...MAC, 3, 4, 64, 0xc0, ...new Array(28).fill(1)]),
    icmpv6(137, 0, [0, 0, 0, 0, ...addr6('fe80::99'), ...addr6(DST), 4, 7, 0, 0, 0, 0, 0, 0, ...ipv6(58, icmpv6(128, 0, [0, 1, 0, 1]))]),
    icmpv6(1, 0, [0, 0, 0, 0, ...ipv6(60, [58, 0, 1, 4, 0, 0, 0, 0, ...icmpv6(128, 0, [0, 1, 0, 1])])]),
  ];
  for (const m of msgs) {
    const p = packet(m);
    for (let n = 0; n <= p.length; n++) {
      run(dissectIPv6, p.subarray(0, n));
      run(dissectIPv6, p.subarray(0, n), { reported: p.length });
    }
  }
});
