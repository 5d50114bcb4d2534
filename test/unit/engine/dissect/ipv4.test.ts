// The IPv4 dissector on hand-built datagrams: header fields as tshark reports them, its
// checks and their expert texts (compared with what tshark 4.0 printed for the same
// bytes), options, truncation, fragment reassembly, the hand-off to the transport layer,
// segmentation-offload frames and the kernel's receive-path verdicts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dissectIPv4 } from '../../../../src-main/engine/dissect/ipv4.js';
import { DissectCtx, type Dissector } from '../../../../src-main/engine/dissect/context.js';
import { registerEtherType, registerIpProto } from '../../../../src-main/engine/dissect/dispatch.js';
import { summaryColumns } from '../../../../src-main/engine/output/summary.js';
import { expertText } from '../../../../src-main/engine/output/referenceJson.js';
import { concat, has, internetChecksum, ipv4, run, texts, values } from './ipv4Builder.js';

/** What the transport dissector of protocol 253 was handed, last call first. */
interface Handed {
  off: number;
  end: number;
  rend: number;
  bytes: number[];
  netSrcOff: number;
  netDstOff: number;
  netVersion: number;
}
const handed: Handed[] = [];
const TEST_PROTO = 253;
const fakeTransport: Dissector = (_f, c, off, end, rend) => {
  c.layers.push('fake');
  handed.unshift({
    off,
    end,
    rend,
    bytes: Array.from(c.buf.subarray(off, end)),
    netSrcOff: c.netSrcOff,
    netDstOff: c.netDstOff,
    netVersion: c.netVersion,
  });
  return rend;
};
registerIpProto(TEST_PROTO, fakeTransport);
let v6Called = 0;
registerEtherType(0x86dd, (_f, c, _off, _end, rend) => {
  v6Called++;
  c.layers.push('ipv6');
  return rend;
});

const experts = (r: { f: import('../../../../src-main/engine/fields/packetFields.js').PacketFields }): string[] => {
  const out: string[] = [];
  for (let i = 0; i < r.f.count; i++) {
    const t = expertText(r.f, i);
    if (t) out.push(t);
  }
  return out;
};

test('header fields are reported as tshark prints them', () => {
  const dg = ipv4([1, 2, 3, 4, 5, 6, 7, 8], { proto: 17, tos: 0xb9, id: 0x1c46, flags: 0b010, ttl: 63, src: '192.0.2.10', dst: '198.51.100.20' });
  const framed = concat(dg, [0, 0, 0, 0]); // link-layer padding after the datagram
  const r = run(dissectIPv4, framed);
  const { f, c } = r;
  assert.deepEqual(values(f, 'ip.version'), ['4']);
  assert.deepEqual(values(f, 'ip.hdr_len'), ['20']);
  assert.deepEqual(values(f, 'ip.dsfield'), ['0xb9']);
  assert.deepEqual(values(f, 'ip.dsfield.dscp'), ['46']);
  assert.deepEqual(values(f, 'ip.dsfield.ecn'), ['1']);
  assert.deepEqual(values(f, 'ip.len'), ['28']);
  assert.deepEqual(values(f, 'ip.id'), ['0x1c46']);
  assert.deepEqual(values(f, 'ip.flags'), ['0x02']);
  assert.deepEqual(values(f, 'ip.flags.df'), ['1']);
  assert.deepEqual(values(f, 'ip.flags.mf'), ['0']);
  assert.deepEqual(values(f, 'ip.frag_offset'), ['0']);
  assert.deepEqual(values(f, 'ip.ttl'), ['63']);
  assert.deepEqual(values(f, 'ip.proto'), ['17']);
  const ck = (dg[10]! << 8) | dg[11]!;
  assert.deepEqual(values(f, 'ip.checksum'), [`0x${ck.toString(16).padStart(4, '0')}`]);
  assert.deepEqual(values(f, 'ip.checksum.status'), ['1']);
  assert.deepEqual(values(f, 'ip.checksum_calculated'), values(f, 'ip.checksum'));
  assert.deepEqual(values(f, 'ip.src'), ['192.0.2.10']);
  assert.deepEqual(values(f, 'ip.dst'), ['198.51.100.20']);
  assert.deepEqual(values(f, 'ip.addr'), ['192.0.2.10', '198.51.100.20']);
  assert.deepEqual(experts(r), []);
  // the datagram ends at its total length, so the link layer can find its padding
  assert.equal(r.ended, 28);
  const cols = summaryColumns(f, c);
  assert.equal(cols.src, '192.0.2.10');
  assert.equal(cols.dst, '198.51.100.20');
  assert.deepEqual(c.layers, ['ip', 'data']);
});

test('the payload goes to the transport dissector with the pseudo-header addresses', () => {
  const dg = ipv4([9, 8, 7], { proto: TEST_PROTO });
  const r = run(dissectIPv4, concat(dg, [0xee, 0xee]));
  assert.deepEqual(handed[0], { off: 20, end: 23, rend: 23, bytes: [9, 8, 7], netSrcOff: 12, netDstOff: 16, netVersion: 4 });
  assert.equal(r.c.netBuf, r.c.buf);
  assert.deepEqual(r.c.layers, ['ip', 'fake']);
});

test('an unknown protocol is shown as data with tshark\'s Info', () => {
  const r = run(dissectIPv4, ipv4([1, 2, 3], { proto: 252 }));
  assert.deepEqual(r.c.layers, ['ip', 'data']);
  assert.equal(summaryColumns(r.f, r.c).info, 'Unknown (252)');
  assert.equal(summaryColumns(r.f, r.c).protocol, 'IPv4');
});

test('a datagram without payload is not handed on (tshark: Info stays empty)', () => {
  const r = run(dissectIPv4, ipv4([], { proto: 6 }));
  assert.deepEqual(r.c.layers, ['ip']);
  assert.equal(summaryColumns(r.f, r.c).info, '');
});

test('a bad header checksum: status 0, tshark\'s "should be" text and the kernel\'s IP_CSUM', () => {
  const good = ipv4([1, 2, 3, 4], { proto: 252 });
  const right = (good[10]! << 8) | good[11]!;
  const r = run(dissectIPv4, ipv4([1, 2, 3, 4], { proto: 252, checksum: 0xdead }));
  assert.deepEqual(values(r.f, 'ip.checksum.status'), ['0']);
  assert.deepEqual(values(r.f, 'ip.checksum_calculated'), [`0x${right.toString(16).padStart(4, '0')}`]);
  assert.deepEqual(experts(r), [`Expert Info (Error/Checksum): Bad checksum [should be 0x${right.toString(16).padStart(4, '0')}]`]);
  assert.deepEqual(texts(r.f, 'ws.kernel.ip_csum'), ['Kernel would drop: SKB_DROP_REASON_IP_CSUM (bad IP header checksum)']);
});

test('version other than 4: only the version, tshark\'s expert and Info; version 6 goes to IPv6', () => {
  const r = run(dissectIPv4, ipv4([1, 2, 3, 4], { version: 5 }));
  assert.deepEqual(values(r.f, 'ip.version'), ['5']);
  assert.equal(has(r.f, 'ip.hdr_len'), false);
  assert.deepEqual(experts(r), ['Expert Info (Error/Protocol): Bogus IPv4 version']);
  assert.equal(summaryColumns(r.f, r.c).info, 'Bogus IPv4 version (5, must be 4)');
  assert.match(texts(r.f, 'ws.kernel.ip_inhdr')[0]!, /^Kernel would drop: SKB_DROP_REASON_IP_INHDR \(version 5/);
  const before = v6Called;
  const r6 = run(dissectIPv4, ipv4(new Uint8Array(20), { version: 6 }));
  assert.equal(v6Called, before + 1);
  assert.deepEqual(r6.c.layers, ['ip', 'ipv6']);
});

test('header length below 20 bytes', () => {
  const r = run(dissectIPv4, ipv4(new Uint8Array(12), { ihl: 16 }));
  assert.deepEqual(values(r.f, 'ip.hdr_len'), ['16']);
  assert.equal(has(r.f, 'ip.len'), false);
  assert.deepEqual(experts(r), ['Expert Info (Error/Protocol): Bogus IP header length (16, must be at least 20)']);
  assert.equal(summaryColumns(r.f, r.c).info, 'Bogus IP header length (16, must be at least 20)');
  assert.deepEqual(r.c.layers, ['ip']);
});

test('total length below the header length', () => {
  const r = run(dissectIPv4, ipv4(new Uint8Array(18), { totalLength: 12 }));
  assert.deepEqual(values(r.f, 'ip.len'), ['12']);
  assert.equal(has(r.f, 'ip.id'), false);
  assert.deepEqual(experts(r), ['Expert Info (Error/Protocol): Bogus IP length']);
  assert.equal(summaryColumns(r.f, r.c).info, 'Bogus IP length (12, less than header length 20)');
  // the kernel checks the checksum first: this header's is right, so the length decides
  assert.match(texts(r.f, 'ws.kernel.ip_inhdr')[0]!, /total length 12 is less than the header length 20/);
});

test('total length beyond the received bytes: tshark\'s error, the rest is still dissected', () => {
  const dg = ipv4([1, 2, 3, 4, 5, 6], { proto: TEST_PROTO, totalLength: 2000 });
  const r = run(dissectIPv4, dg);
  assert.deepEqual(values(r.f, 'ip.len'), ['2000']);
  assert.deepEqual(experts(r), ['Expert Info (Error/Protocol): IPv4 total length exceeds packet length (26 bytes)']);
  assert.deepEqual(texts(r.f, 'ws.kernel.pkt_too_small'), [
    'Kernel would drop: SKB_DROP_REASON_PKT_TOO_SMALL (packet too small: total length 2000 exceeds the 26 bytes received)',
  ]);
  assert.deepEqual([handed[0]!.off, handed[0]!.end, handed[0]!.rend], [20, 26, 26]);
  assert.equal(r.ended, 26);
});

test('a snaplen cut inside the header records what was captured, as tshark does', () => {
  const dg = ipv4([1, 2, 3, 4, 5, 6, 7, 8], { ttl: 1 });
  const r = run(dissectIPv4, dg, { captured: 8 });
  assert.deepEqual(values(r.f, 'ip.frag_offset'), ['0']);
  assert.equal(has(r.f, 'ip.ttl'), false);
  assert.deepEqual(texts(r.f, '_ws.short'), ['[Packet size limited during capture: IPv4 truncated]']);
  assert.equal(has(r.f, '_ws.malformed'), false);
  // 12 bytes: the checksum is there but the header is not whole, so it stays unverified
  const r12 = run(dissectIPv4, dg, { captured: 12 });
  assert.deepEqual(values(r12.f, 'ip.checksum.status'), ['2']);
  // 16 bytes: the TTL note waits for the destination, which is missing
  const r16 = run(dissectIPv4, dg, { captured: 16 });
  assert.deepEqual(values(r16.f, 'ip.src'), ['192.0.2.10']);
  assert.deepEqual(experts(r16), []);
  // no kernel verdict can be given on what the capture does not hold
  assert.equal(has(r16.f, 'ws.kernel.ip_csum'), false);
});

test('a header cut by the packet itself is malformed, after the length complaint', () => {
  const dg = ipv4([1, 2, 3, 4, 5, 6, 7, 8]).subarray(0, 10);
  const r = run(dissectIPv4, dg);
  assert.deepEqual(values(r.f, 'ip.ttl'), ['64']);
  assert.deepEqual(texts(r.f, '_ws.malformed'), ['[Malformed Packet: IPv4]']);
  assert.deepEqual(experts(r), [
    'Expert Info (Error/Protocol): IPv4 total length exceeds packet length (10 bytes)',
    'Expert Info (Error/Malformed): Malformed Packet (Exception occurred)',
  ]);
  assert.match(texts(r.f, 'ws.kernel.ip_inhdr')[0]!, /only 10 bytes/);
  const empty = run(dissectIPv4, new Uint8Array(0));
  assert.deepEqual(texts(empty.f, '_ws.malformed'), ['[Malformed Packet: IPv4]']);
  assert.equal(has(empty.f, 'ip.version'), false);
  assert.equal(summaryColumns(empty.f, empty.c).protocol, 'IPv4');
});

test('TTL notes: low unicast TTL, local network control block, multicast and routing protocols', () => {
  const note = (ttl: number, dst: string, proto = 252): string[] => experts(run(dissectIPv4, ipv4([0], { ttl, dst, proto })));
  assert.deepEqual(note(1, '198.51.100.20'), ['Expert Info (Note/Sequence): "Time To Live" only 1']);
  assert.deepEqual(note(4, '255.255.255.255'), ['Expert Info (Note/Sequence): "Time To Live" only 4']);
  assert.deepEqual(note(5, '198.51.100.20'), []);
  assert.deepEqual(note(2, '239.1.1.1'), []);
  assert.deepEqual(note(1, '224.0.0.5'), []);
  assert.deepEqual(note(3, '224.0.0.5'), [
    'Expert Info (Note/Sequence): "Time To Live" != 1 for a packet sent to the Local Network Control Block (see RFC 3171)',
  ]);
  assert.deepEqual(note(2, '198.51.100.20', 89), []);
  assert.deepEqual(note(2, '198.51.100.20', 103), []);
  // the note comes before a bad checksum, as in tshark's tree
  const r = run(dissectIPv4, ipv4([0], { ttl: 0, checksum: 0x1234, proto: 252 }));
  assert.deepEqual(experts(r).map((e) => e.slice(0, 38)), ['Expert Info (Note/Sequence): "Time To ', 'Expert Info (Error/Checksum): Bad chec']);
});

test('options: NOP, record route, router alert, end of list', () => {
  const options = [0x01, 0x07, 0x0f, 0x04, ...new Array(12).fill(0), 0x94, 0x04, 0x00, 0x00, 0x00, 0, 0, 0];
  const r = run(dissectIPv4, ipv4([1, 2, 3, 4], { options, proto: 252 }));
  assert.deepEqual(values(r.f, 'ip.hdr_len'), ['44']);
  assert.deepEqual(values(r.f, 'ip.opt.type'), ['1', '7', '148', '0']);
  assert.deepEqual(values(r.f, 'ip.opt.len'), ['15', '4']);
  assert.deepEqual(values(r.f, 'ip.opt.ptr'), ['4']);
  assert.deepEqual(values(r.f, 'ip.empty_rt'), ['0.0.0.0', '0.0.0.0', '0.0.0.0']);
  assert.deepEqual(values(r.f, 'ip.opt.ra'), ['0']);
  assert.deepEqual(values(r.f, 'ip.checksum.status'), ['1']);
  assert.deepEqual(experts(r), []);
  assert.deepEqual(r.c.layers, ['ip', 'data']);
});

test('option problems: tshark\'s warnings, and a malformed packet when an option is too short for its fields', () => {
  const warn = (options: number[]): string[] => experts(run(dissectIPv4, ipv4([1], { options, proto: 252 })));
  assert.deepEqual(warn([1, 1, 1, 1]), ['Expert Info (Warning/Protocol): 4 NOP in a row - a router may have removed some options']);
  assert.deepEqual(warn([7, 0, 0, 0]), ['Expert Info (Warning/Protocol): Record Route (with too-short option length = 0 bytes)']);
  assert.deepEqual(warn([7, 1, 0, 0]), ['Expert Info (Warning/Protocol): Record Route (with too-short option length = 1 byte)']);
  assert.deepEqual(warn([7, 12, 4, 0]), [
    'Expert Info (Warning/Protocol): Record Route (option length = 12 bytes says option goes past end of options)',
  ]);
  assert.deepEqual(warn([1, 1, 1, 7]), ['Expert Info (Warning/Protocol): Record Route (length byte past end of options)']);
  assert.deepEqual(warn([7, 7, 3, 1, 2, 3, 4, 0]), ['Expert Info (Warning/Protocol): Pointer points before first address']);
  assert.deepEqual(warn([7, 7, 6, 1, 2, 3, 4, 0]), ['Expert Info (Warning/Protocol): Pointer points to middle of address']);
  assert.deepEqual(warn([7, 8, 4, 0, 0, 0, 0, 0]), ['Expert Info (Warning/Protocol): Suboption would go past end of option']);
  assert.deepEqual(warn([0x94, 6, 0, 1, 0, 0, 0, 0]), ['Expert Info (Warning/Protocol): Router Alert (with option length = 6 bytes; should be 4)']);
  const ra3 = run(dissectIPv4, ipv4([1], { options: [0x94, 3, 0, 0], proto: TEST_PROTO }));
  assert.deepEqual(experts(ra3), [
    'Expert Info (Warning/Protocol): Router Alert (with option length = 3 bytes; should be 4)',
    'Expert Info (Error/Malformed): Malformed Packet (Exception occurred)',
  ]);
  assert.deepEqual(texts(ra3.f, '_ws.malformed'), ['[Malformed Packet: IPv4]']);
  assert.deepEqual(ra3.c.layers, ['ip']);
  const unknown = run(dissectIPv4, ipv4([1], { options: [0x99, 4, 0xab, 0xcd], proto: 252 }));
  assert.equal(has(unknown.f, 'ip.opt.type'), false);
  assert.deepEqual(experts(unknown), []);
});

test('timestamp option entries follow the flag', () => {
  const ts = [0x44, 12, 5, 0x01, 1, 2, 3, 4, 0, 0, 0, 9];
  const r = run(dissectIPv4, ipv4([1], { options: ts, proto: 252 }));
  assert.deepEqual(values(r.f, 'ip.opt.flag'), ['0x01']);
  assert.deepEqual(values(r.f, 'ip.opt.time_stamp_addr'), ['1.2.3.4']);
  assert.deepEqual(values(r.f, 'ip.opt.time_stamp'), ['9']);
  const only = run(dissectIPv4, ipv4([1], { options: [0x44, 12, 13, 0x30, 0, 0, 0, 1, 0, 0, 0, 2], proto: 252 }));
  assert.deepEqual(values(only.f, 'ip.opt.overflow'), ['3']);
  assert.deepEqual(values(only.f, 'ip.opt.time_stamp'), ['1', '2']);
});

test('options cut by the snaplen: no option is shown, the header is reported short', () => {
  const dg = ipv4([1, 2, 3, 4], { options: [7, 11, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0] });
  const r = run(dissectIPv4, dg, { captured: 26 });
  assert.deepEqual(values(r.f, 'ip.dst'), ['198.51.100.20']);
  assert.equal(has(r.f, 'ip.opt.type'), false);
  assert.deepEqual(values(r.f, 'ip.checksum.status'), ['2']);
  assert.deepEqual(texts(r.f, '_ws.short'), ['[Packet size limited during capture: IPv4 truncated]']);
});

test('an unfinished loose source route: the last hop is the destination, the header\'s the current route', () => {
  const lsrr = [0x83, 11, 4, 1, 2, 3, 4, 5, 6, 7, 8, 0];
  const r = run(dissectIPv4, ipv4([1, 2], { options: lsrr, proto: TEST_PROTO }));
  assert.deepEqual(values(r.f, 'ip.cur_rt'), ['198.51.100.20']);
  assert.deepEqual(values(r.f, 'ip.src_rt'), ['1.2.3.4']);
  assert.deepEqual(values(r.f, 'ip.dst'), ['5.6.7.8']);
  assert.equal(handed[0]!.netDstOff, 20 + 7);
  assert.equal(summaryColumns(r.f, r.c).dst, '5.6.7.8');
  // a finished route (pointer past the end) leaves the header's destination alone
  const done = run(dissectIPv4, ipv4([1, 2], { options: [0x89, 7, 8, 1, 2, 3, 4, 0], proto: 252 }));
  assert.deepEqual(values(done.f, 'ip.dst'), ['198.51.100.20']);
  assert.deepEqual(values(done.f, 'ip.rec_rt'), ['1.2.3.4']);
});

test('fragments: shown as data until the last one completes the datagram', () => {
  const payload = Uint8Array.from({ length: 40 }, (_, i) => i);
  const frag = (fragOffset: number, more: boolean, part: Uint8Array): Uint8Array =>
    ipv4(part, { proto: 17, id: 0x4242, flags: more ? 1 : 0, fragOffset });
  const c = new DissectCtx();
  const last = run(dissectIPv4, frag(3, false, payload.subarray(24)), { ctx: c, frame: 7 });
  assert.deepEqual(last.c.layers, ['ip', 'data']);
  assert.equal(summaryColumns(last.f, last.c).info, 'Fragmented IP protocol (proto=UDP 17, off=24, ID=4242)');
  assert.deepEqual(values(last.f, 'ip.frag_offset'), ['3']);
  const first = run(dissectIPv4, frag(0, true, payload.subarray(0, 16)), { ctx: c, frame: 8 });
  assert.equal(summaryColumns(first.f, first.c).info, 'Fragmented IP protocol (proto=UDP 17, off=0, ID=4242)');
  const middle = run(dissectIPv4, frag(2, true, payload.subarray(16, 24)), { ctx: c, frame: 9 });
  assert.deepEqual(middle.c.reassembledFrom, [7, 8, 9]);
  assert.equal(middle.f.sources.length, 2);
  assert.deepEqual(Array.from(middle.f.sources[1]!), Array.from(payload));
  assert.equal(middle.f.sourceNames[1], 'Reassembled IPv4 (40 bytes)');
  assert.deepEqual(values(middle.f, 'ip.fragment'), ['7', '8', '9']);
  assert.deepEqual(values(middle.f, 'ip.fragment.count'), ['3']);
  assert.deepEqual(values(middle.f, 'ip.reassembled.length'), ['40']);
  // buffers are restored after the reassembled payload was handed on
  assert.equal(middle.c.buf.length, 28);
  assert.equal(middle.f.src, 0);
});

test('the reassembled datagram is handed on whole, from its own start', () => {
  const body = Uint8Array.from({ length: 24 }, (_, i) => 100 + i);
  const c = new DissectCtx();
  run(dissectIPv4, ipv4(body.subarray(0, 16), { proto: TEST_PROTO, id: 7, flags: 1 }), { ctx: c, frame: 1 });
  const calls = handed.length;
  const r = run(dissectIPv4, ipv4(body.subarray(16), { proto: TEST_PROTO, id: 7, fragOffset: 2 }), { ctx: c, frame: 2 });
  assert.equal(handed.length, calls + 1);
  assert.deepEqual(handed[0], { off: 0, end: 24, rend: 24, bytes: Array.from(body), netSrcOff: 12, netDstOff: 16, netVersion: 4 });
  assert.deepEqual(r.c.layers, ['ip', 'fake']);
});

test('a fragment with a bad checksum is not reassembled; a first fragment is still dissected', () => {
  const c = new DissectCtx();
  const calls = handed.length;
  const bad = run(dissectIPv4, ipv4([1, 2, 3, 4, 5, 6, 7, 8], { proto: TEST_PROTO, id: 9, flags: 1, checksum: 0x1111 }), { ctx: c, frame: 1 });
  assert.equal(handed.length, calls + 1);
  assert.deepEqual(bad.c.layers, ['ip', 'fake']);
  const second = run(dissectIPv4, ipv4([9, 10], { proto: TEST_PROTO, id: 9, fragOffset: 1 }), { ctx: c, frame: 2 });
  assert.deepEqual(second.c.layers, ['ip', 'data']);
  assert.equal(second.c.reassembledFrom, null);
});

test('a snaplen-cut fragment is not reassembled', () => {
  const c = new DissectCtx();
  const dg = ipv4(new Uint8Array(64), { proto: 17, id: 11, flags: 1 });
  const r = run(dissectIPv4, dg, { ctx: c, captured: 40 });
  assert.deepEqual(r.c.layers, ['ip', 'data']);
  // the first fragment is shown as a first fragment would be if its transport were decoded
  assert.equal(summaryColumns(r.f, r.c).info, 'UDP (17)');
});

test('a zero total length is taken from the frame; on an outgoing TCP/UDP frame it is noted as offload', () => {
  const dg = ipv4([1, 2, 3, 4], { proto: 17, totalLength: 0 });
  const inbound = run(dissectIPv4, dg);
  assert.deepEqual(values(inbound.f, 'ip.len'), ['24']);
  assert.deepEqual(experts(inbound), []);
  assert.equal(has(inbound.f, 'ws.kernel.ip_inhdr'), false);
  const outbound = run(dissectIPv4, dg, { outbound: true });
  assert.deepEqual(values(outbound.f, 'ip.len'), ['24']);
  assert.deepEqual(experts(outbound), [
    'Expert Info (Note/Protocol): Total length 0 in an outgoing segmentation-offload super-frame; length taken from the frame (24 bytes)',
  ]);
});

test('an outgoing TCP/UDP super-frame shorter than its total length is a note, not an error, and no kernel verdict', () => {
  const dg = ipv4([1, 2, 3, 4], { proto: 6, totalLength: 9000 });
  const r = run(dissectIPv4, dg, { outbound: true });
  assert.equal(experts(r).length, 1);
  assert.match(experts(r)[0]!, /^Expert Info \(Note\/Protocol\): Total length 9000 exceeds this outgoing frame/);
  assert.equal(has(r.f, 'ws.kernel.pkt_too_small'), false);
  assert.equal(r.ended, 24);
  // other protocols are not offloaded: tshark's error stands
  const icmpish = run(dissectIPv4, ipv4([1, 2, 3, 4], { proto: 252, totalLength: 9000 }), { outbound: true });
  assert.deepEqual(experts(icmpish), ['Expert Info (Error/Protocol): IPv4 total length exceeds packet length (24 bytes)']);
  assert.equal(has(icmpish.f, 'ws.kernel.pkt_too_small'), false);
});

test('kernel verdicts are Wiresight\'s own: never in the tshark-comparable expert list', () => {
  const r = run(dissectIPv4, ipv4([1], { checksum: 0x1111, proto: 252 }));
  assert.equal(has(r.f, 'ws.kernel.ip_csum'), true);
  assert.ok(experts(r).every((e) => !e.includes('Kernel')));
});

test('inside an ICMP error the quoted header is quiet about its cut length', () => {
  const quoted = ipv4(new Uint8Array(40), { proto: 252, ttl: 1 });
  const c = new DissectCtx();
  const r = run(
    (f, ctx, off, end, rend) => {
      ctx.quoteDepth = 1;
      ctx.colWritable = false;
      return dissectIPv4(f, ctx, off, end, rend);
    },
    quoted.subarray(0, 28),
    { ctx: c },
  );
  assert.deepEqual(values(r.f, 'ip.len'), ['60']);
  assert.deepEqual(experts(r), ['Expert Info (Note/Sequence): "Time To Live" only 1']);
  assert.equal(has(r.f, 'ws.kernel.pkt_too_small'), false);
  const cut = run(
    (f, ctx, off, end, rend) => {
      ctx.quoteDepth = 1;
      return dissectIPv4(f, ctx, off, end, rend);
    },
    quoted.subarray(0, 10),
  );
  assert.equal(has(cut.f, '_ws.malformed'), false);
  assert.equal(has(cut.f, '_ws.short'), false);
  assert.deepEqual(values(cut.f, 'ip.proto'), ['252']);
});

test('the test builder\'s checksum is the RFC 1071 one', () => {
  // RFC 1071's example header, checksum 0xb861
  const h = Uint8Array.from([0x45, 0, 0, 0x73, 0, 0, 0x40, 0, 0x40, 0x11, 0, 0, 0xc0, 0xa8, 0, 1, 0xc0, 0xa8, 0, 0xc7]);
  assert.equal(internetChecksum(h), 0xb861);
});
