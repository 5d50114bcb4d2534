// The IPv6 dissector on hand-built datagrams: header fields as tshark prints them, the
// extension header chain (layer names, notes, the routing header's final destination),
// payload length against framing, jumbograms, truncation and malformed lengths with
// tshark 4.0's texts, fragment reassembly, and the hand-off to the upper layer.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dissectIPv6 } from '../../../../src-main/engine/dissect/ipv6.js';
import { DissectCtx, type Dissector } from '../../../../src-main/engine/dissect/context.js';
import { registerIpProto } from '../../../../src-main/engine/dissect/dispatch.js';
import { summaryColumns } from '../../../../src-main/engine/output/summary.js';
import { run, values } from './ipv4Builder.js';
import { DST, SRC, addr6, concat, experts, fragmentHeader, ipv6, optionsHeader, wsTexts } from './ipv6Builder.js';

interface Handed {
  off: number;
  end: number;
  rend: number;
  bytes: number[];
  src: number[];
  dst: number[];
  version: number;
}
/** What the stand-in transport of protocol 253 was handed (last call). */
let handed: Handed | null = null;
const lastHanded = (): Handed | null => handed;
const FAKE = 253;
const fakeTransport: Dissector = (_f, c, off, end, rend) => {
  c.layers.push('fake');
  handed = {
    off,
    end,
    rend,
    bytes: Array.from(c.buf.subarray(off, end)),
    src: Array.from(c.netBuf.subarray(c.netSrcOff, c.netSrcOff + 16)),
    dst: Array.from(c.netBuf.subarray(c.netDstOff, c.netDstOff + 16)),
    version: c.netVersion,
  };
  return rend;
};
registerIpProto(FAKE, fakeTransport);

const protocols = (c: DissectCtx): string => c.layers.join(':');

test('header fields are reported as tshark prints them', () => {
  const dg = ipv6(FAKE, [1, 2, 3, 4], { tclass: 0xb8, flow: 0x12345, hlim: 63 });
  const r = run(dissectIPv6, concat(dg, [0, 0, 0, 0])); // 4 bytes of link-layer padding
  const { f, c } = r;
  assert.deepEqual(values(f, 'ipv6.version'), ['6']);
  assert.deepEqual(values(f, 'ip.version'), ['6']);
  assert.deepEqual(values(f, 'ipv6.tclass'), ['0x000000b8']);
  assert.deepEqual(values(f, 'ipv6.tclass.dscp'), ['46']);
  assert.deepEqual(values(f, 'ipv6.tclass.ecn'), ['0']);
  assert.deepEqual(values(f, 'ipv6.flow'), ['0x012345']);
  assert.deepEqual(values(f, 'ipv6.plen'), ['4']);
  assert.deepEqual(values(f, 'ipv6.nxt'), ['253']);
  assert.deepEqual(values(f, 'ipv6.hlim'), ['63']);
  assert.deepEqual(values(f, 'ipv6.src'), [SRC]);
  assert.deepEqual(values(f, 'ipv6.dst'), [DST]);
  assert.deepEqual(values(f, 'ipv6.addr'), [SRC, DST]);
  assert.equal(protocols(c), 'ipv6:fake');
  // the datagram ends at its payload length; the padding is the caller's trailer
  assert.equal(r.ended, 44);
  assert.deepEqual(handed, { off: 40, end: 44, rend: 44, bytes: [1, 2, 3, 4], src: addr6(SRC), dst: addr6(DST), version: 6 });
  const cols = summaryColumns(f, c);
  assert.equal(cols.src, SRC);
  assert.equal(cols.dst, DST);
  assert.equal(cols.protocol, 'IPv6');
});

test('an extension header chain is walked to the upper layer, the routing header naming the final destination', () => {
  const hop = optionsHeader(60, [5, 2, 0, 0]); // Router Alert (MLD)
  const dst = optionsHeader(43, []);
  const routing = [44, 2, 0, 1, 0, 0, 0, 0, ...addr6('2001:db8:e::1')]; // type 0, one segment left
  const frag = fragmentHeader(FAKE, 0, false, 0x11); // atomic fragment: no reassembly
  const dg = ipv6(0, [...hop, ...dst, ...routing, ...frag, 9, 9]);
  const { f, c } = run(dissectIPv6, dg);
  assert.equal(protocols(c), 'ipv6:ipv6.hopopts:ipv6.dstopts:ipv6.routing:ipv6.fraghdr:fake');
  assert.deepEqual(experts(f), ['Expert Info (Note/Deprecated): Routing header type is deprecated']);
  assert.deepEqual(values(f, 'ipv6.opt.router_alert'), ['0']);
  assert.deepEqual(values(f, 'ipv6.routing.src.addr'), ['2001:db8:e::1']);
  assert.deepEqual(values(f, 'ipv6.fraghdr.ident'), ['0x00000011']);
  assert.deepEqual(handed?.bytes, [9, 9]);
  // transport checksums use the final destination, as tshark's do
  assert.deepEqual(handed?.dst, addr6('2001:db8:e::1'));
  const cols = summaryColumns(f, c);
  assert.equal(cols.dst, '2001:db8:e::1');
  assert.equal(cols.src, SRC);
});

test('Hop-by-Hop after another extension header is flagged', () => {
  const dg = ipv6(60, [...optionsHeader(0, []), ...optionsHeader(FAKE, []), 1]);
  const { f, c } = run(dissectIPv6, dg);
  assert.equal(protocols(c), 'ipv6:ipv6.dstopts:ipv6.hopopts:fake');
  assert.deepEqual(experts(f), ['Expert Info (Error/Protocol): IPv6 Hop-by-Hop extension header must appear immediately after IPv6 header']);
});

test('a payload length beyond the frame is noted and the frame bounds the upper layer', () => {
  const dg = ipv6(FAKE, new Array(48).fill(7), { plen: 1000 });
  const { f } = run(dissectIPv6, dg);
  assert.deepEqual(experts(f), ['Expert Info (Warning/Protocol): IPv6 payload length exceeds framing length (48 bytes)']);
  assert.equal(handed?.end, 88);
  assert.equal(handed?.rend, 88);
});

test('a jumbogram takes its length from the Jumbo Payload option', () => {
  const jumbo = optionsHeader(FAKE, [0xc2, 4, 0x00, 0x01, 0x00, 0x00]); // 65536
  const dg = ipv6(0, [...jumbo, ...new Array(16).fill(3)], { plen: 0 });
  const { f, c } = run(dissectIPv6, dg, { reported: 40 + 65536 });
  assert.equal(protocols(c), 'ipv6:ipv6.hopopts:fake');
  assert.deepEqual(values(f, 'ipv6.opt.jumbo'), ['65536']);
  assert.deepEqual(experts(f), []);
  assert.equal(handed?.rend, 40 + 65536);
});

test('a zero payload length with Hop-by-Hop but no jumbo option is malformed', () => {
  const dg = ipv6(0, [...optionsHeader(FAKE, [5, 2, 0, 0]), 1, 2], { plen: 0 });
  const { f, c } = run(dissectIPv6, dg);
  assert.equal(protocols(c), 'ipv6:ipv6.hopopts');
  assert.deepEqual(wsTexts(f, '_ws.malformed').filter((s) => s !== '_ws.malformed'), ['[Malformed Packet: IPv6 Hop-by-Hop]']);
  assert.deepEqual(experts(f), [
    'Expert Info (Error/Malformed): IPv6 payload length equals 0 and Hop-By-Hop present and Jumbo Payload option missing',
    'Expert Info (Error/Malformed): Malformed Packet (Exception occurred)',
  ]);
  assert.equal(summaryColumns(f, c).info, 'Invalid IPv6 payload length , IPv6 hop-by-hop options');
});

test('a version other than 6 is refused, as tshark does', () => {
  const dg = ipv6(FAKE, [1], { version: 4 });
  const r = run(dissectIPv6, dg);
  assert.equal(r.ended, 0, 'returns its start offset: not IPv6');
  assert.equal(protocols(r.c), '');
  assert.deepEqual(values(r.f, 'ip.version'), ['4']);
  assert.deepEqual(experts(r.f), ['Expert Info (Error/Malformed): Bogus IPv6 version']);
  assert.deepEqual(wsTexts(r.f, '_ws.malformed'), ['_ws.malformed']);
  assert.equal(summaryColumns(r.f, r.c).info, 'Bogus IPv6 version (4, must be 6)');
});

test('a header cut by the snapshot length is reported short; fields before the cut remain', () => {
  const dg = ipv6(FAKE, new Array(20).fill(0));
  const { f, c } = run(dissectIPv6, dg, { captured: 20 });
  assert.deepEqual(wsTexts(f, '_ws.short'), ['[Packet size limited during capture: IPv6 truncated]']);
  assert.deepEqual(values(f, 'ipv6.plen'), ['20']);
  assert.deepEqual(values(f, 'ipv6.src'), []);
  assert.equal(protocols(c), 'ipv6');
});

test('a frame shorter than the header is malformed, with tshark\'s note', () => {
  const dg = ipv6(17, [], { plen: 64 }).subarray(0, 39); // as ipv6_invalid_length.pcap
  const { f, c } = run(dissectIPv6, dg);
  assert.deepEqual(values(f, 'ipv6.src'), [SRC]);
  assert.deepEqual(values(f, 'ipv6.dst'), []);
  assert.deepEqual(wsTexts(f, '_ws.malformed').filter((s) => s !== '_ws.malformed'), ['[Malformed Packet: IPv6]']);
  assert.deepEqual(experts(f), [
    'Expert Info (Error/Malformed): IPv6 header must be exactly 40 bytes',
    'Expert Info (Error/Malformed): Malformed Packet (Exception occurred)',
  ]);
  assert.equal(summaryColumns(f, c).info, 'Invalid IPv6 header (39 bytes, need exactly 40)');
  // the Destination column is left to the layer below, since the address was not read
  assert.equal(summaryColumns(f, c).dst, '');
});

test('routing headers that run past the data: snaplen cut, contained length, payload length', () => {
  const rt = [17, 10, 0, 1, 0, 0, 0, 0, ...addr6('2001:db8::9'), ...addr6('2001:db8::a')]; // claims 88 bytes
  // whole frame present but the header claims more than the payload holds
  let r = run(dissectIPv6, ipv6(43, rt));
  assert.deepEqual(wsTexts(r.f, '_ws.malformed'), ['[Malformed Packet: IPv6 Routing: length of contained item exceeds length of containing item]']);
  // the payload length covers the header, but the capture was cut
  r = run(dissectIPv6, ipv6(43, rt, { plen: 200 }), { reported: 300 });
  assert.deepEqual(wsTexts(r.f, '_ws.short'), ['[Packet size limited during capture: IPv6 Routing truncated]']);
  // one byte of routing header (fuzzed raw IPv6, as in hoobr_rt6_print.pcap)
  r = run(dissectIPv6, ipv6(43, [48], { plen: 12336 }), { reported: 262144 });
  assert.deepEqual(wsTexts(r.f, '_ws.short'), ['[Packet size limited during capture: IPv6 Routing truncated]']);
  assert.deepEqual(values(r.f, 'ipv6.routing.nxt'), ['48']);
  assert.equal(protocols(r.c), 'ipv6:ipv6.routing');
});

test('options overrunning a Destination Options header end the packet like tshark', () => {
  // crafted-a.pcap frame 80: length 30 (248 bytes) in a 16-byte payload
  const opts = [17, 30, 1, 4, 0, 0, 0, 0, 0, 0x35, 0, 0x35, 0, 0x08, 0xa3, 0x6e];
  const { f, c } = run(dissectIPv6, ipv6(60, opts));
  assert.equal(protocols(c), 'ipv6:ipv6.dstopts');
  assert.deepEqual(wsTexts(f, '_ws.malformed').filter((s) => s !== '_ws.malformed'), ['[Malformed Packet: IPv6 Destination]']);
  assert.deepEqual(experts(f), [
    'Expert Info (Note/Undecoded): Unknown Data (not interpreted)',
    'Expert Info (Note/Undecoded): Unknown Data (not interpreted)',
    'Expert Info (Warning/Protocol): SMF_DPD must use a hop-by-hop options header',
    'Expert Info (Error/Malformed): Malformed Packet (Exception occurred)',
  ]);
  assert.equal(summaryColumns(f, c).info, 'IPv6 destination options');
});

test('a Path MTU option with a bad length is noted and the rest of its data is missing', () => {
  // ipv6-next-header-oobr-1.pcap: 8 bytes of Hop-by-Hop in a frame cut at 48 bytes
  const hop = [0x2b, 0, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30];
  const { f, c } = run(dissectIPv6, ipv6(0, hop, { plen: 12336 }), { reported: 262144 });
  assert.deepEqual(wsTexts(f, '_ws.short'), ['[Packet size limited during capture: IPv6 Hop-by-Hop truncated]']);
  assert.deepEqual(experts(f), ['Expert Info (Error/Malformed): PMTU Option: Invalid Length (48 bytes)']);
  assert.deepEqual(values(f, 'ipv6.opt.pmtu.min'), ['12336']);
  assert.equal(protocols(c), 'ipv6:ipv6.hopopts');
});

test('fragments are held until the datagram is complete, then dissected from the reassembled bytes', () => {
  const ctx = new DissectCtx();
  const payload = Array.from({ length: 40 }, (_, i) => i);
  const part = (offset: number, more: boolean, bytes: number[]): Uint8Array => ipv6(44, [...fragmentHeader(FAKE, offset, more, 0xabcd), ...bytes]);
  let r = run(dissectIPv6, part(16, true, payload.slice(16, 32)), { ctx, frame: 1 });
  assert.equal(protocols(r.c), 'ipv6:ipv6.fraghdr:data');
  assert.equal(summaryColumns(r.f, r.c).info, 'IPv6 fragment (off=16 more=y ident=0x0000abcd nxt=253)');
  r = run(dissectIPv6, part(0, true, payload.slice(0, 16)), { ctx, frame: 2 });
  assert.equal(protocols(r.c), 'ipv6:ipv6.fraghdr:data');
  handed = null;
  r = run(dissectIPv6, part(32, false, payload.slice(32)), { ctx, frame: 3 });
  assert.equal(protocols(r.c), 'ipv6:ipv6.fraghdr:fake');
  assert.deepEqual(lastHanded()?.bytes, payload);
  assert.deepEqual(r.c.reassembledFrom, [1, 2, 3]);
  assert.equal(r.f.sourceNames[1], 'Reassembled IPv6 (40 bytes)');
  assert.deepEqual(values(r.f, 'ipv6.fragment'), ['1', '2', '3']);
  assert.deepEqual(values(r.f, 'ipv6.reassembled.length'), ['40']);
  assert.equal(r.c.buf, r.f.sources[0], 'the frame buffer is restored afterwards');
});

test('no next header and unknown protocols end in data with tshark\'s Info', () => {
  let r = run(dissectIPv6, ipv6(59, [1, 2, 3]));
  assert.equal(protocols(r.c), 'ipv6:data');
  assert.equal(summaryColumns(r.f, r.c).info, 'IPv6 no next header');
  r = run(dissectIPv6, ipv6(200, [1, 2, 3]));
  assert.equal(protocols(r.c), 'ipv6:data');
  assert.equal(summaryColumns(r.f, r.c).info, 'Unknown IP Protocol: Unassigned (200)');
  assert.equal(summaryColumns(r.f, r.c).protocol, 'IPv6');
});

test('AH is skipped by its length; ESP ends the chain', () => {
  const ah = [FAKE, 4, 0, 0, 0, 0, 1, 0, 0, 0, 0, 7, ...new Array(12).fill(0xaa)]; // (4+2)*4 = 24 bytes
  let r = run(dissectIPv6, ipv6(51, [...ah, 5, 6]));
  assert.equal(protocols(r.c), 'ipv6:ah:fake');
  assert.deepEqual(values(r.f, 'ah.spi'), ['0x00000100']);
  assert.deepEqual(values(r.f, 'ah.sequence'), ['7']);
  assert.deepEqual(handed?.bytes, [5, 6]);
  r = run(dissectIPv6, ipv6(50, [0, 0, 1, 0, 0, 0, 0, 1, 0xbb, 0xbb]));
  assert.equal(protocols(r.c), 'ipv6:esp');
  const cols = summaryColumns(r.f, r.c);
  assert.equal(cols.protocol, 'ESP');
  assert.equal(cols.info, 'ESP (SPI=0x00000100)');
});

test('nothing throws on any prefix of a chained datagram', () => {
  const dg = ipv6(0, [...optionsHeader(60, [5, 2, 0, 0]), ...optionsHeader(43, [0xc9, 16, ...addr6('2001:db8::5')]), 17, 2, 0, 1, 0, 0, 0, 0, ...addr6('2001:db8::6'), ...fragmentHeader(FAKE, 8, true, 5), 1, 2, 3]);
  for (let n = 0; n <= dg.length; n++) {
    run(dissectIPv6, dg.subarray(0, n));
    run(dissectIPv6, dg.subarray(0, n), { reported: dg.length });
  }
});
