// The ICMP dissector on hand-built IPv4 packets: fields, checksums, Info texts as tshark
// 4.0 prints them, error messages with their quoted datagram (columns untouched, tshark's
// quiet handling of cut quotes), and truncation.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dissectIPv4 } from '../../../../src-main/engine/dissect/ipv4.js';
import '../../../../src-main/engine/dissect/icmp.js';
import { icmpCodeName, icmpTypeName } from '../../../../src-main/engine/dissect/icmpNames.js';
import type { Dissector } from '../../../../src-main/engine/dissect/context.js';
import { registerIpProto } from '../../../../src-main/engine/dissect/dispatch.js';
import { DATA, DATA_F } from '../../../../src-main/engine/dissect/data.js';
import { summaryColumns } from '../../../../src-main/engine/output/summary.js';
import { expertText } from '../../../../src-main/engine/output/referenceJson.js';
import type { PacketFields } from '../../../../src-main/engine/fields/packetFields.js';
import { addr, concat, has, icmp, internetChecksum, ipv4, run, texts, values } from './ipv4Builder.js';

const ROUTER = '192.0.2.1';
const HOST = '192.0.2.10';
const SERVER = '198.51.100.20';

/** A stand-in transport for protocol 253 that records what it got and shows a 4-byte header. */
const seen: { off: number; end: number; rend: number; quoteDepth: number; colWritable: boolean }[] = [];
const fakeTransport: Dissector = (f, c, off, end, rend) => {
  c.layers.push('fake');
  seen.unshift({ off, end, rend, quoteDepth: c.quoteDepth, colWritable: c.colWritable });
  const top = f.open(DATA, off, Math.max(0, end - off));
  if (end >= off + 4) f.add(DATA_F.data, off, 4);
  f.close(top);
  return rend;
};
registerIpProto(253, fakeTransport);

function experts(f: PacketFields): string[] {
  const out: string[] = [];
  for (let i = 0; i < f.count; i++) {
    const t = expertText(f, i);
    if (t) out.push(t);
  }
  return out;
}

/** An IPv4 packet carrying an ICMP message from `src` to `dst`. */
function packet(message: Uint8Array, src = HOST, dst = SERVER, ttl = 64): Uint8Array {
  return ipv4(message, { proto: 1, src, dst, ttl });
}

const quotedDatagram = ipv4(new Uint8Array(36).fill(7), { proto: 253, src: HOST, dst: SERVER, ttl: 1, id: 0x77 });

test('echo request: identifier and sequence in both byte orders, data, tshark\'s Info', () => {
  const r = run(dissectIPv4, packet(icmp(8, 0, [0x1a, 0x04, 0x00, 0x01], new Uint8Array(56).fill(0x61))));
  assert.deepEqual(values(r.f, 'icmp.type'), ['8']);
  assert.deepEqual(values(r.f, 'icmp.code'), ['0']);
  assert.deepEqual(values(r.f, 'icmp.checksum.status'), ['1']);
  assert.deepEqual(values(r.f, 'icmp.ident'), ['6660']);
  assert.deepEqual(values(r.f, 'icmp.ident_le'), ['1050']);
  assert.deepEqual(values(r.f, 'icmp.seq'), ['1']);
  assert.deepEqual(values(r.f, 'icmp.seq_le'), ['256']);
  assert.deepEqual(r.c.layers, ['ip', 'icmp', 'data']);
  const cols = summaryColumns(r.f, r.c);
  assert.equal(cols.protocol, 'ICMP');
  assert.equal(cols.info, 'Echo (ping) request  id=0x1a04, seq=1/256, ttl=64');
  assert.equal(cols.src, HOST);
  assert.deepEqual(experts(r.f), []);
});

test('a bad ICMP checksum is a warning with the right value', () => {
  const good = icmp(8, 0, [0x12, 0x34, 0, 1], [0x61, 0x62, 0x63]);
  const right = (good[2]! << 8) | good[3]!;
  const r = run(dissectIPv4, packet(icmp(8, 0, [0x12, 0x34, 0, 1], [0x61, 0x62, 0x63], 0xdead)));
  assert.deepEqual(values(r.f, 'icmp.checksum'), ['0xdead']);
  assert.deepEqual(values(r.f, 'icmp.checksum.status'), ['0']);
  assert.deepEqual(experts(r.f), [`Expert Info (Warning/Checksum): Bad checksum [should be 0x${right.toString(16).padStart(4, '0')}]`]);
});

test('port unreachable: the quoted datagram is dissected without touching the columns', () => {
  const msg = icmp(3, 3, [0, 0, 0, 0], quotedDatagram.subarray(0, 28));
  const r = run(dissectIPv4, packet(msg, SERVER, HOST));
  assert.deepEqual(values(r.f, 'ip.src'), [SERVER, HOST]);
  assert.deepEqual(values(r.f, 'ip.dst'), [HOST, SERVER]);
  assert.deepEqual(values(r.f, 'ip.len'), ['56', '56']);
  assert.deepEqual(values(r.f, 'ip.ttl'), ['64', '1']);
  assert.deepEqual(values(r.f, 'ip.checksum.status'), ['1', '1']);
  assert.deepEqual(r.c.layers, ['ip', 'icmp', 'ip', 'fake']);
  // the quoted header's total length (56) exceeds the 28 bytes quoted: tshark says nothing
  assert.deepEqual(experts(r.f), ['Expert Info (Note/Sequence): "Time To Live" only 1']);
  assert.deepEqual(seen[0], { off: 48, end: 56, rend: 56, quoteDepth: 1, colWritable: false });
  const cols = summaryColumns(r.f, r.c);
  assert.equal(cols.protocol, 'ICMP');
  assert.equal(cols.info, 'Destination unreachable (Port unreachable)');
  assert.equal(cols.src, SERVER);
  assert.equal(cols.dst, HOST);
  assert.equal(r.c.quoteDepth, 0);
  assert.equal(r.c.colWritable, true);
  assert.equal(has(r.f, 'ws.kernel.pkt_too_small'), false);
});

test('fragmentation needed carries the next-hop MTU', () => {
  const r = run(dissectIPv4, packet(icmp(3, 4, [0, 0, 0x05, 0x78], quotedDatagram.subarray(0, 28)), ROUTER, HOST));
  assert.deepEqual(values(r.f, 'icmp.mtu'), ['1400']);
  assert.equal(summaryColumns(r.f, r.c).info, 'Destination unreachable (Fragmentation needed)');
});

test('redirect: gateway address; the quote is read as "IP header + 64 bits" only', () => {
  const r = run(dissectIPv4, packet(icmp(5, 1, addr('192.0.2.77'), quotedDatagram), ROUTER, HOST));
  assert.deepEqual(values(r.f, 'icmp.redir_gw'), ['192.0.2.77']);
  assert.equal(summaryColumns(r.f, r.c).info, 'Redirect             (Redirect for host)');
  assert.deepEqual([seen[0]!.off, seen[0]!.end, seen[0]!.rend], [48, 56, 56]);
});

test('time exceeded, parameter problem and source quench', () => {
  const te = run(dissectIPv4, packet(icmp(11, 0, [0, 0, 0, 0], quotedDatagram.subarray(0, 28)), ROUTER, HOST));
  assert.equal(summaryColumns(te.f, te.c).info, 'Time-to-live exceeded (Time to live exceeded in transit)');
  const pp = run(dissectIPv4, packet(icmp(12, 0, [20, 0, 0, 0], quotedDatagram.subarray(0, 28)), ROUTER, HOST));
  assert.deepEqual(values(pp.f, 'icmp.pointer'), ['20']);
  assert.equal(summaryColumns(pp.f, pp.c).info, 'Parameter problem    (Pointer indicates the error)');
  const sq = run(dissectIPv4, packet(icmp(4, 0, [0, 0, 0, 0], quotedDatagram.subarray(0, 28)), ROUTER, HOST));
  assert.equal(summaryColumns(sq.f, sq.c).info, 'Source quench (flow control)');
  assert.deepEqual(sq.c.layers, ['ip', 'icmp', 'ip', 'fake']);
});

test('RFC 4884 length: the quote is as long as the error says', () => {
  const body = concat(quotedDatagram.subarray(0, 28), new Uint8Array(100));
  const r = run(dissectIPv4, packet(icmp(11, 0, [0, 7, 0, 0], body), ROUTER, HOST));
  assert.deepEqual(values(r.f, 'icmp.length'), ['7']);
  assert.deepEqual(values(r.f, 'icmp.length.original_datagram'), ['28']);
  assert.deepEqual([seen[0]!.off, seen[0]!.rend], [48, 56]);
});

test('timestamp, address mask and router advertisement fields', () => {
  const ts = run(dissectIPv4, packet(icmp(13, 0, [0x12, 0x34, 0, 1], [0, 0, 3, 0xe8, 0, 0, 7, 0xd0, 0, 0, 0x0b, 0xb8])));
  assert.deepEqual(values(ts.f, 'icmp.originate_timestamp'), ['1000']);
  assert.deepEqual(values(ts.f, 'icmp.receive_timestamp'), ['2000']);
  assert.deepEqual(values(ts.f, 'icmp.transmit_timestamp'), ['3000']);
  assert.equal(summaryColumns(ts.f, ts.c).info, 'Timestamp request    id=0x1234, seq=1/256, ttl=64');
  const mask = run(dissectIPv4, packet(icmp(17, 0, [0x12, 0x34, 0, 1], [255, 255, 255, 0])));
  assert.deepEqual(values(mask.f, 'icmp.address_mask'), ['255.255.255.0']);
  assert.equal(summaryColumns(mask.f, mask.c).info, 'Address mask request id=0x1234, seq=1/256, ttl=64');
  const ra = run(dissectIPv4, packet(icmp(9, 0, [2, 2, 0x07, 0x08], [10, 0, 0, 1, 0, 0, 0, 5, 10, 0, 0, 2, 255, 255, 255, 255])));
  assert.deepEqual(values(ra.f, 'icmp.router_address'), ['10.0.0.1', '10.0.0.2']);
  assert.deepEqual(values(ra.f, 'icmp.pref_level'), ['5', '-1']);
  assert.deepEqual(values(ra.f, 'icmp.lifetime'), ['1800']);
  assert.equal(summaryColumns(ra.f, ra.c).info, 'Mobile IP Advertisement (Normal router advertisement)');
});

test('type and code names as tshark shows them', () => {
  assert.equal(icmpTypeName(0, 0), 'Echo (ping) reply');
  assert.equal(icmpTypeName(3, 13), 'Destination unreachable');
  assert.equal(icmpCodeName(3, 13), 'Communication administratively filtered');
  assert.equal(icmpCodeName(3, 16), 'Unknown code: 16');
  assert.equal(icmpCodeName(8, 3), '');
  assert.equal(icmpTypeName(9, 1), 'Router advertisement');
  assert.equal(icmpTypeName(99, 7), 'Unknown ICMP (obsolete or malformed?)');
  const unknown = run(dissectIPv4, packet(icmp(99, 7, [0x61, 0x62, 0x63, 0x64], [1, 2, 3])));
  assert.equal(summaryColumns(unknown.f, unknown.c).info, 'Unknown ICMP (obsolete or malformed?)');
  assert.deepEqual(unknown.c.layers, ['ip', 'icmp']);
  const reserved = run(dissectIPv4, packet(icmp(1, 0, [0, 0, 0, 0])));
  assert.equal(summaryColumns(reserved.f, reserved.c).info, 'Reserved            ');
});

test('a quoted ICMP echo is not checked ("in ICMP error packet")', () => {
  const echo = ipv4(icmp(8, 0, [0x11, 0x11, 0, 1], new Uint8Array(20)), { proto: 1, src: HOST, dst: SERVER });
  const r = run(dissectIPv4, packet(icmp(3, 1, [0, 0, 0, 0], echo), ROUTER, HOST));
  assert.deepEqual(values(r.f, 'icmp.type'), ['3', '8']);
  assert.deepEqual(values(r.f, 'icmp.checksum.status'), ['1', '2']);
  assert.deepEqual(r.c.layers, ['ip', 'icmp', 'ip', 'icmp', 'data']);
  assert.equal(summaryColumns(r.f, r.c).info, 'Destination unreachable (Host unreachable)');
});

test('short messages: nothing shown below 6 bytes; a quote that ends early is quiet', () => {
  const tiny = run(dissectIPv4, packet(Uint8Array.of(8, 0, 0xf7, 0xff, 0)));
  assert.equal(has(tiny.f, 'icmp.type'), false);
  assert.deepEqual(texts(tiny.f, '_ws.malformed'), ['[Malformed Packet: ICMP]']);
  assert.equal(summaryColumns(tiny.f, tiny.c).protocol, 'ICMP');
  const six = run(dissectIPv4, packet(Uint8Array.of(3, 4, 0, 0, 0, 0, 5)));
  assert.deepEqual(values(six.f, 'icmp.type'), ['3']);
  assert.equal(has(six.f, 'icmp.mtu'), false);
  assert.deepEqual(texts(six.f, '_ws.malformed'), ['[Malformed Packet: ICMP]']);
  // a quoted header of 4 bytes: what fits is shown, nothing is reported
  const four = run(dissectIPv4, packet(icmp(3, 1, [0, 0, 0, 0], quotedDatagram.subarray(0, 4)), ROUTER, HOST));
  assert.deepEqual(values(four.f, 'ip.len'), ['32', '56']);
  assert.equal(has(four.f, '_ws.malformed'), false);
  assert.deepEqual(four.c.layers, ['ip', 'icmp', 'ip']);
  // a quoted transport header too short for a single field leaves no layer behind
  const two = run(dissectIPv4, packet(icmp(3, 3, [0, 0, 0, 0], quotedDatagram.subarray(0, 22)), ROUTER, HOST));
  assert.deepEqual(two.c.layers, ['ip', 'icmp', 'ip']);
  // an error without a quote
  const none = run(dissectIPv4, packet(icmp(3, 3, [0, 0, 0, 0]), ROUTER, HOST));
  assert.deepEqual(none.c.layers, ['ip', 'icmp']);
});

test('a snaplen cut inside the quote is reported in the name of the quoted IPv4 layer', () => {
  const msg = packet(icmp(3, 3, [0, 0, 0, 0], quotedDatagram.subarray(0, 28)), ROUTER, HOST);
  const r = run(dissectIPv4, msg, { captured: 20 + 8 + 10 });
  assert.deepEqual(values(r.f, 'icmp.checksum.status'), ['2']);
  assert.deepEqual(values(r.f, 'ip.proto'), ['1', '253']);
  assert.deepEqual(texts(r.f, '_ws.short'), ['[Packet size limited during capture: IPv4 truncated]']);
  const echo = packet(icmp(8, 0, [0x12, 0x34, 0, 1], new Uint8Array(40)));
  const e = run(dissectIPv4, echo, { captured: 26 });
  assert.deepEqual(values(e.f, 'icmp.ident'), ['4660']);
  assert.equal(has(e.f, 'icmp.seq'), false);
  assert.deepEqual(texts(e.f, '_ws.short'), ['[Packet size limited during capture: ICMP truncated]']);
  assert.equal(summaryColumns(e.f, e.c).info, 'Echo (ping) request ');
});

test('a checksum over data the capture lacks stays unverified', () => {
  const echo = packet(icmp(8, 0, [0x12, 0x34, 0, 1], new Uint8Array(40)));
  const r = run(dissectIPv4, echo, { captured: 40 });
  assert.deepEqual(values(r.f, 'icmp.checksum.status'), ['2']);
  assert.equal(internetChecksum(echo.subarray(20)), 0);
});

test('extended echo (RFC 8335): identifier, 8-bit sequence, request bits', () => {
  const r = run(dissectIPv4, packet(icmp(42, 0, [0x12, 0x34, 5, 1])));
  assert.deepEqual(values(r.f, 'icmp.ident'), ['4660']);
  assert.deepEqual(values(r.f, 'icmp.ext.echo.seq'), ['5']);
  assert.deepEqual(values(r.f, 'icmp.ext.echo.req.local'), ['1']);
  assert.equal(summaryColumns(r.f, r.c).info, 'Extended Echo request (No error)');
});

test('a quoted first fragment cut by the quote is dissected as a first fragment, a later one is data', () => {
  const first = ipv4(new Uint8Array(16).fill(3), { proto: 253, src: HOST, dst: SERVER, id: 0x99, flags: 1, totalLength: 1500 });
  const r = run(dissectIPv4, packet(icmp(11, 1, [0, 0, 0, 0], first), SERVER, HOST));
  assert.deepEqual(r.c.layers, ['ip', 'icmp', 'ip', 'fake']);
  const later = ipv4(new Uint8Array(16).fill(3), { proto: 253, src: HOST, dst: SERVER, id: 0x99, fragOffset: 185, totalLength: 596 });
  const l = run(dissectIPv4, packet(icmp(11, 1, [0, 0, 0, 0], later), SERVER, HOST));
  assert.deepEqual(l.c.layers, ['ip', 'icmp', 'ip', 'data']);
  assert.equal(summaryColumns(l.f, l.c).info, 'Time-to-live exceeded (Fragment reassembly time exceeded)');
});
