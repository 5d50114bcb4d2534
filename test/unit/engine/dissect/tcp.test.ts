// TCP dissector on hand-built segments and on segments copied from the corpus's crafted
// file: fields, checksum verdicts, option parsing and its complaints, truncation, quoted
// headers and the Info column. Expected texts and values are tshark 4.0's for the same
// bytes (Info as tshark prints it with relative numbers and analysis switched off).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dissectTcp, tcpFlagString } from '../../../../src-main/engine/dissect/tcp.js';
import { TCP_F } from '../../../../src-main/engine/dissect/tcpFields.js';
import { TA_F } from '../../../../src-main/engine/analysis/tcpAnalysis.js';
import { GENERATED } from '../../../../src-main/engine/fields/packetFields.js';
import { hexBytes, run, tcpSegment } from './segmentBuilder.js';

const CRAFTED_SRC = [192, 0, 2, 33];
const CRAFTED_DST = [198, 51, 100, 44];
const crafted = (hex: string, reverse = false) =>
  ({ bytes: hexBytes(hex), opts: reverse ? { src: CRAFTED_DST, dst: CRAFTED_SRC } : { src: CRAFTED_SRC, dst: CRAFTED_DST } }) as const;

// crafted-a.pcap frame 42: SYN with MSS, SACK_PERM, timestamps, NOP, window scale 7
const SYN_42 = crafted('9c400050000003e800000000a002faf0ddd30000020405b40402080a0001e2400000000001030307');

test('a SYN with the usual options: header fields, options and tshark Info', () => {
  const r = run(dissectTcp, SYN_42.bytes, SYN_42.opts);
  assert.deepEqual(r.nums('tcp.srcport'), [40000]);
  assert.deepEqual(r.nums('tcp.dstport'), [80]);
  assert.deepEqual(r.nums('tcp.port'), [40000, 80]);
  assert.deepEqual(r.nums('tcp.seq_raw'), [1000]);
  assert.deepEqual(r.nums('tcp.ack_raw'), [0]);
  assert.deepEqual(r.nums('tcp.hdr_len'), [40]);
  assert.deepEqual(r.values('tcp.flags'), ['0x0002']);
  assert.deepEqual(r.values('tcp.flags.str'), ['··········S·']);
  assert.deepEqual(r.nums('tcp.window_size_value'), [64240]);
  assert.deepEqual(r.nums('tcp.len'), [0]);
  assert.deepEqual(r.values('tcp.checksum'), ['0xddd3']);
  assert.deepEqual(r.nums('tcp.checksum.status'), [1]);
  assert.deepEqual(r.nums('tcp.options.mss_val'), [1460]);
  assert.deepEqual(r.nums('tcp.options.wscale.shift'), [7]);
  assert.deepEqual(r.nums('tcp.options.wscale.multiplier'), [128]);
  assert.deepEqual(r.nums('tcp.options.timestamp.tsval'), [123456]);
  assert.deepEqual(r.nums('tcp.options.timestamp.tsecr'), [0]);
  assert.deepEqual(r.nums('tcp.option_kind'), [2, 4, 8, 1, 3]);
  assert.deepEqual(r.experts(), ['Expert Info (Chat/Sequence): Connection establish request (SYN): server port 80']);
  assert.equal(r.c.protocol, 'TCP');
  assert.deepEqual(r.c.layers, ['tcp']);
  assert.equal(r.info(), '40000 → 80 [SYN] Seq=1000 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=123456 TSecr=0 WS=128');
  assert.equal(r.returned, r.off + SYN_42.bytes.length);
});

test("Info prefers the analyzer's relative numbers and scaled window, and shows its notes first", () => {
  const r = run(dissectTcp, tcpSegment({ sport: 8080, dport: 36170, seq: 3_000_000, ack: 77, flags: 0x10, payload: [1, 2, 3] }));
  const layer = r.c.infoAnchor;
  const f = r.f;
  f.parent = layer;
  f.add(TCP_F.seq, 0, 0, 20425, GENERATED);
  f.add(TCP_F.ack, 0, 0, 75, GENERATED);
  f.add(TCP_F.windowSize, 0, 0, 65536, GENERATED);
  // tshark lists the retransmission first and prepends each note: the last found leads
  f.add(TA_F.retransmission, 0, 0, 0, GENERATED);
  f.add(TA_F.windowFull, 0, 0, 0, GENERATED);
  assert.equal(r.info(), '[TCP Window Full] [TCP Retransmission] 8080 → 36170 [ACK] Seq=20425 Ack=75 Win=65536 Len=3');
});

test('a duplicate ACK names the frame it repeats; a fast retransmission hides the plain note', () => {
  const r = run(dissectTcp, tcpSegment({ flags: 0x10, ack: 9 }));
  const f = r.f;
  f.parent = r.c.infoAnchor;
  f.addString(TA_F.duplicateAck, 0, 0, 'Duplicate ACK (#2)', GENERATED);
  f.add(TA_F.duplicateAckNum, 0, 0, 2, GENERATED);
  f.add(TA_F.duplicateAckFrame, 0, 0, 5527, GENERATED);
  assert.equal(r.info(), '[TCP Dup ACK 5527#2] 1234 → 80 [ACK] Seq=1000 Ack=9 Win=8192 Len=0');
  const g = run(dissectTcp, tcpSegment({ flags: 0x10, ack: 9, payload: [0] }));
  g.f.parent = g.c.infoAnchor;
  g.f.add(TA_F.fastRetransmission, 0, 0, 0, GENERATED);
  g.f.add(TA_F.retransmission, 0, 0, 0, GENERATED);
  assert.equal(g.info(), '[TCP Fast Retransmission] 1234 → 80 [ACK] Seq=1000 Ack=9 Win=8192 Len=1');
});

test('flags: string, names and the three connection experts in tshark order', () => {
  // crafted-a.pcap frame 50: all nine flags, urgent pointer 7, 9 bytes of payload
  const p = crafted('9c440050000000000000000051ff2000fc5e0007616c6c20666c616773');
  const r = run(dissectTcp, p.bytes, p.opts);
  assert.deepEqual(r.values('tcp.flags'), ['0x01ff']);
  assert.deepEqual(r.nums('tcp.flags.ae'), [1]);
  assert.deepEqual(r.nums('tcp.flags.res'), [0]);
  assert.deepEqual(r.nums('tcp.checksum.status'), [1]);
  assert.deepEqual(r.experts(), [
    'Expert Info (Warning/Sequence): Connection reset (RST)',
    'Expert Info (Chat/Sequence): Connection establish acknowledge (SYN+ACK): server port 40004',
    'Expert Info (Chat/Sequence): Connection finish (FIN)',
  ]);
  assert.deepEqual(r.values('tcp.reset_cause'), ['all flags']);
  assert.deepEqual(r.c.layers, ['tcp'], 'a reset carries its reason, not data');
  assert.equal(r.info(), '40004 → 80 [FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE] Seq=0 Ack=0 Win=8192 Urg=7 Len=9');
  assert.equal(tcpFlagString(0xd30), 'RR·A··UA····');
  const none = run(dissectTcp, tcpSegment({ flags: 0 }));
  assert.equal(none.info(), '1234 → 80 [<None>] Seq=1000 Win=8192 Len=0');
  const reserved = run(dissectTcp, tcpSegment({ flags: 0xe10, ack: 5 }));
  assert.equal(reserved.info(), '1234 → 80 [ACK, Reserved] Seq=1000 Ack=5 Win=8192 Len=0');
});

test('nonzero ACK or urgent fields without their flag are noted', () => {
  const r = run(dissectTcp, tcpSegment({ flags: 0x02, ack: 50, urg: 9 }));
  assert.deepEqual(r.experts(), [
    'Expert Info (Note/Protocol): The acknowledgment number field is nonzero while the ACK flag is not set',
    'Expert Info (Chat/Sequence): Connection establish request (SYN): server port 80',
    'Expert Info (Note/Protocol): The urgent pointer field is nonzero while the URG flag is not set',
  ]);
});

test('a bad checksum: expert with the value it should have, Bad status, Info marker', () => {
  // crafted-a.pcap frame 56
  const p = crafted('9c4800500000000000000000501820000001000062616420636865636b73756d');
  const r = run(dissectTcp, p.bytes, p.opts);
  assert.deepEqual(r.nums('tcp.checksum.status'), [0]);
  assert.deepEqual(r.values('tcp.checksum_calculated'), ['0x9678']);
  assert.deepEqual(r.experts(), ['Expert Info (Error/Checksum): Bad checksum [should be 0x9678]']);
  assert.equal(r.info(), '40008 → 80 [PSH, ACK] Seq=0 Ack=0 Win=8192 [TCP CHECKSUM INCORRECT] Len=12');
  assert.deepEqual(r.c.layers, ['tcp', 'data']);
  assert.equal(r.c.protocol, 'HTTP', 'a payload on a well-known port is named by its service');
});

test('the IPv6 pseudo header is used over IPv6', () => {
  const r = run(dissectTcp, tcpSegment({ sport: 40015, dport: 33334, v6: true, checksum: 0x1111 }), { v6: true });
  assert.deepEqual(r.experts(), [
    'Expert Info (Chat/Sequence): Connection establish request (SYN): server port 33334',
    'Expert Info (Error/Checksum): Bad checksum [should be 0x1200]',
  ]);
  const good = run(dissectTcp, tcpSegment({ v6: true }), { v6: true });
  assert.deepEqual(good.nums('tcp.checksum.status'), [1]);
});

test('0xffff where 0x0000 is due is flagged as RFC 1624 says tshark does', () => {
  const probe = tcpSegment({ flags: 0x10, ack: 5, payload: [0, 0] });
  const seg = tcpSegment({ flags: 0x10, ack: 5, payload: [probe[16]!, probe[17]!] });
  assert.deepEqual(seg.slice(16, 18), [0, 0]);
  const r = run(dissectTcp, tcpSegment({ flags: 0x10, ack: 5, payload: [probe[16]!, probe[17]!], checksum: 0xffff }));
  assert.deepEqual(r.nums('tcp.checksum.status'), [0]);
  assert.deepEqual(r.experts(), ['Expert Info (Warning/Checksum): TCP Checksum 0xffff instead of 0x0000 (see RFC 1624)']);
  assert.equal(r.info(), '1234 → 80 [ACK] Seq=1000 Ack=5 Win=8192 [TCP CHECKSUM 0xFFFF] Len=2');
});

test('on a frame the capturing host sent, a mismatch is unverified with an offload note', () => {
  const r = run(dissectTcp, tcpSegment({ flags: 0x18, ack: 1, payload: [1, 2, 3], checksum: 0x1234 }), { outbound: true });
  assert.deepEqual(r.nums('tcp.checksum.status'), [2]);
  const experts = r.experts();
  assert.equal(experts.length, 1);
  assert.match(experts[0]!, /^Expert Info \(Note\/Checksum\): .*offload/);
  assert.ok(!r.info().includes('INCORRECT'));
});

test('truncation: nothing under 4 bytes, ports under 16, no Len until the urgent pointer', () => {
  const seg = tcpSegment({ flags: 0x18, ack: 7, payload: [104, 101, 108, 108, 111] });
  const three = run(dissectTcp, seg, { captured: 3 });
  assert.deepEqual(three.nums('tcp.srcport'), []);
  assert.deepEqual(three.values('_ws.short'), ['[Packet size limited during capture: TCP truncated]']);
  assert.equal(three.c.protocol, '', 'the Protocol column is left to the layer below');

  const eight = run(dissectTcp, seg, { captured: 8 });
  assert.deepEqual(eight.nums('tcp.srcport'), [1234]);
  assert.deepEqual(eight.nums('tcp.seq_raw'), []);
  assert.equal(eight.info(), '1234 → 80');

  const sixteen = run(dissectTcp, seg, { captured: 16 });
  assert.deepEqual(sixteen.nums('tcp.len'), [5]);
  assert.deepEqual(sixteen.nums('tcp.checksum.status'), []);
  assert.equal(sixteen.info(), '1234 → 80 [PSH, ACK] Seq=1000 Ack=7 Win=8192');

  const header = run(dissectTcp, seg, { captured: 20 });
  assert.deepEqual(header.nums('tcp.checksum.status'), [2], 'payload missing: unverified');
  assert.deepEqual(header.values('_ws.short'), [], 'a header without any payload bytes is not reported cut');
  assert.deepEqual(header.c.layers, ['tcp']);
  assert.equal(header.info(), '1234 → 80 [PSH, ACK] Seq=1000 Ack=7 Win=8192 Len=5');
});

test('a header whose length field is below 20 stops after it (crafted frame 48)', () => {
  const p = crafted('9c4300500000000000000000301020002df9000064617461');
  const r = run(dissectTcp, p.bytes, p.opts);
  assert.deepEqual(r.nums('tcp.len'), [12]);
  assert.deepEqual(r.nums('tcp.seq_raw'), [0]);
  assert.deepEqual(r.nums('tcp.ack_raw'), []);
  assert.deepEqual(r.nums('tcp.hdr_len'), [12]);
  assert.deepEqual(r.values('tcp.flags'), []);
  assert.deepEqual(r.experts(), ['Expert Info (Error/Protocol): Bogus TCP header length (12, must be at least 20)']);
  assert.equal(r.info(), '40003 → 80 [ACK] Seq=0 Ack=0 Win=8192, bogus TCP header length (12, must be at least 20)');
});

test('a header longer than the segment is a short segment, then malformed (crafted frame 49)', () => {
  const p = crafted('9c4300500000000000000000f01020002df9000064617461');
  const r = run(dissectTcp, p.bytes, p.opts);
  assert.deepEqual(r.experts(), [
    'Expert Info (Warning/Malformed): Short segment. Segment/fragment does not contain a full TCP header (might be NMAP or someone else deliberately sending unusual packets)',
    'Expert Info (Error/Checksum): Bad checksum [should be 0x8df8]',
    'Expert Info (Note/Sequence): Unknown (0x64) (option length = 97 bytes says option goes past end of options)',
    'Expert Info (Error/Malformed): Malformed Packet (Exception occurred)',
  ]);
  assert.deepEqual(r.values('_ws.malformed'), ['[Malformed Packet: TCP]'], 'the exception item stands for the marker, as in the references');
  assert.deepEqual(r.nums('tcp.len'), []);
  assert.deepEqual(r.values('tcp.options'), ['64617461']);
  assert.equal(r.info(), '40003 → 80 [ACK] Seq=0 Ack=0 Win=8192 [TCP CHECKSUM INCORRECT]');
});

test('option lengths tshark complains about (crafted frames 44 to 47)', () => {
  const ws15 = crafted('9c410050000000000000000060022000e4c8000003030f00');
  let r = run(dissectTcp, ws15.bytes, ws15.opts);
  assert.deepEqual(r.nums('tcp.options.wscale.multiplier'), [16384]);
  assert.deepEqual(r.experts().slice(1), [
    'Expert Info (Warning/Protocol): Window scale shift exceeds 14',
    'Expert Info (Note/Protocol): The SYN packet does not contain a MSS option',
  ]);
  assert.equal(r.info(), '40001 → 80 [SYN] Seq=0 Win=8192 Len=0 WS=16384');

  const cases: [string, string][] = [
    ['9c420050000000000000000060022000f4c8000002010101', 'Maximum segment size (with too-short option length = 1 byte)'],
    ['9c420050000000000000000060022000f4c80000080a0101', 'Timestamps (option length = 10 bytes says option goes past end of options)'],
    ['9c420050000000000000000060022000f4c8000005000101', 'SACK (with too-short option length = 0 bytes)'],
  ];
  for (const [hex, message] of cases) {
    const p = crafted(hex);
    r = run(dissectTcp, p.bytes, p.opts);
    const ex = r.experts();
    assert.equal(ex[ex.length - 1], `Expert Info (Note/Sequence): ${message}`);
    assert.ok(!ex.some((e) => e.includes('MSS option')), 'an option list that ends in error does not look for the MSS');
  }

  r = run(dissectTcp, tcpSegment({ flags: 0x10, ack: 100, options: [3, 2, 1, 0] }));
  assert.deepEqual(r.experts(), ['Expert Info (Note/Sequence): option length should be 3']);
  assert.deepEqual(r.nums('tcp.option_kind'), [3, 1, 0]);
  r = run(dissectTcp, tcpSegment({ flags: 0x10, ack: 100, options: [1, 1, 1, 2] }));
  assert.deepEqual(r.experts(), ['Expert Info (Note/Sequence): Maximum segment size (length byte past end of options)']);
  r = run(dissectTcp, tcpSegment({ flags: 0x10, ack: 100, options: [2, 4, 5, 0xb4] }));
  assert.deepEqual(r.experts(), ['Expert Info (Warning/Protocol): The non-SYN packet does contain a MSS option']);
  r = run(dissectTcp, tcpSegment({ flags: 0x10, ack: 100, options: [0, 0, 0xaa, 0] }));
  assert.deepEqual(r.nums('tcp.option_kind'), [0, 0]);
  assert.deepEqual(r.experts(), ['Expert Info (Error/Protocol): Non-zero header padding']);
});

test('four NOPs warn only when they fill an aligned word, as tshark counts them', () => {
  const warn = 'Expert Info (Warning/Protocol): 4 NOP in a row - a router may have removed some options';
  const ex = (options: number[]) => run(dissectTcp, tcpSegment({ flags: 0x10, ack: 1, options })).experts();
  assert.deepEqual(ex([1, 1, 1, 1]), [warn]);
  assert.deepEqual(ex([2, 4, 5, 0xb4, 1, 1, 1, 1]).filter((e) => e.includes('NOP')), [warn]);
  assert.deepEqual(ex([4, 2, 1, 1, 1, 1, 0, 0]), []);
  assert.deepEqual(ex([1, 1, 4, 2, 1, 1, 1, 1]), []);
  assert.deepEqual(ex([1, 1, 1, 1, 2, 4, 5, 0xb4, 1, 1, 1, 1]).filter((e) => e.includes('NOP')), [warn]);
});

test("SACK blocks with tshark's D-SACK test; Info lists the edges", () => {
  // crafted-a.pcap frame 55: three blocks above the ACK
  const p = crafted('9c400050000003e900001389c0102000b1e000000101051a0000177000001b5800001f40000023280000271000002af8');
  let r = run(dissectTcp, p.bytes, p.opts);
  assert.deepEqual(r.nums('tcp.options.sack_le'), [6000, 8000, 10000]);
  assert.deepEqual(r.nums('tcp.options.sack_re'), [7000, 9000, 11000]);
  assert.deepEqual(r.nums('tcp.options.sack.count'), [3]);
  assert.deepEqual(r.experts(), []);
  assert.equal(r.info(), '40000 → 80 [ACK] Seq=1001 Ack=5001 Win=8192 Len=0 SLE=6000 SRE=7000 SLE=8000 SRE=9000 SLE=10000 SRE=11000');
  // a first block below the ACK is a D-SACK
  r = run(dissectTcp, tcpSegment({ flags: 0x10, ack: 100, options: [5, 10, 0, 0, 0, 5, 0, 0, 0, 10, 0, 0] }));
  assert.deepEqual(r.nums('tcp.options.sack.dsack_le'), [5]);
  assert.deepEqual(r.nums('tcp.options.sack.dsack_re'), [10]);
  assert.deepEqual(r.experts(), ['Expert Info (Warning/Sequence): D-SACK Sequence']);
  // ... and so is a first block inside the second
  r = run(dissectTcp, tcpSegment({ flags: 0x10, ack: 100, options: [1, 1, 5, 18, 0, 0, 0, 112, 0, 0, 0, 128, 0, 0, 0, 96, 0, 0, 0, 144] }));
  assert.deepEqual(r.experts(), ['Expert Info (Warning/Sequence): D-SACK Sequence']);
  // a block cut by the option's length: tshark notes it, then fails reading the right edge
  r = run(dissectTcp, tcpSegment({ flags: 0x10, ack: 100, options: [1, 1, 5, 6, 0, 0, 0, 1] }));
  assert.deepEqual(r.experts(), [
    'Expert Info (Error/Malformed): suboption would go past end of option',
    'Expert Info (Error/Malformed): Malformed Packet (Exception occurred)',
  ]);
  assert.deepEqual(r.nums('tcp.options.sack_le'), [1]);
  assert.deepEqual(r.nums('tcp.options.sack.count'), [0]);
  // a partial second block is only noted; the packet carries the bare malformed marker
  r = run(dissectTcp, tcpSegment({ flags: 0x10, ack: 100, options: [1, 1, 5, 12, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3] }));
  assert.deepEqual(r.experts(), [
    'Expert Info (Error/Malformed): suboption would go past end of option',
    'Expert Info (Warning/Sequence): D-SACK Sequence',
    'Expert Info (Error/Protocol): Non-zero header padding',
  ]);
  assert.deepEqual(r.values('_ws.malformed'), ['_ws.malformed']);
});

test('TCP Fast Open: cookie request and cookie, on a SYN flagged by tshark', () => {
  let r = run(dissectTcp, tcpSegment({ flags: 0x02, options: [34, 2, 1, 1] }));
  assert.match(r.info(), / TFO=R$/);
  r = run(dissectTcp, tcpSegment({ flags: 0x02, options: [34, 10, 1, 2, 3, 4, 5, 6, 7, 8, 1, 1] }));
  assert.deepEqual(r.values('tcp.options.tfo.cookie'), ['0102030405060708']);
  assert.ok(r.experts().includes('Expert Info (Note/Sequence): TCP SYN with TFO Cookie'));
  assert.match(r.info(), / TFO=C$/);
  // the experimental form (kind 254, ExID 0xf989) as in tfo-5c1fa7f9ae91.pcap
  r = run(dissectTcp, tcpSegment({ flags: 0x12, ack: 1, options: [254, 4, 0xf9, 0x89] }));
  assert.deepEqual(r.values('tcp.options.experimental.exid'), ['0xf989']);
  assert.match(r.info(), /Len=0 TFO=R$/);
  assert.ok(!r.experts().includes('Expert Info (Note/Sequence): TCP SYN with TFO Cookie'));
});

test('other option tokens of the Info column', () => {
  const info = (options: number[]) => run(dissectTcp, tcpSegment({ flags: 0x10, ack: 1, options })).info();
  assert.match(info([6, 6, 0, 0, 0, 1, 7, 6, 0, 0, 0, 10]), /Len=0 ECHO=1 ECHO=10$/);
  assert.match(info([28, 4, 0x80, 0x64]), /Len=0 USER_TO=100$/);
  assert.match(info([29, 4, 1, 2]), /Len=0TCP AO$/);
  assert.match(info([253, 4, 0xab, 0xcd]), /Len=0 ExID=ABCD$/);
  assert.match(info([19, 18, ...new Array<number>(16).fill(0), 0, 0]), /Len=0 MD5$/);
});

test('MPTCP options open an mptcp layer; a DSS too short for its flags is malformed MPTCP', () => {
  let r = run(dissectTcp, tcpSegment({ flags: 0x10, ack: 1, options: [30, 8, 0x20, 0x01, 1, 2, 3, 4] }));
  assert.deepEqual(r.c.layers, ['tcp', 'mptcp']);
  assert.equal(r.c.protocol, 'MPTCP');
  assert.deepEqual(r.nums('tcp.options.mptcp.subtype'), [2]);
  assert.deepEqual(r.experts(), []);
  // mptcp-dss-oobr.pcap: a DSS option of length 3
  r = run(dissectTcp, tcpSegment({ flags: 0x02, options: [1, 1, 30, 3, 0x20, 0, 0, 0] }));
  assert.deepEqual(r.values('_ws.malformed'), ['[Malformed Packet: MPTCP]']);
  r = run(dissectTcp, tcpSegment({ flags: 0x02, options: [30, 4, 0x01, 0x02] }));
  assert.deepEqual(r.experts().slice(1, 3), ['Expert Info (Warning/Protocol): Unsupported algorithm', 'Expert Info (Note/Protocol): The SYN packet does not contain a MSS option']);
});

test("a reset's reason text, and trailing bytes after its NUL", () => {
  // crafted-a.pcap frame 53
  const p = crafted('00509c470000000000000000501420006f870000726573657420726561736f6e2074657874', true);
  let r = run(dissectTcp, p.bytes, p.opts);
  assert.deepEqual(r.values('tcp.reset_cause'), ['reset reason text']);
  assert.deepEqual(r.nums('tcp.checksum.status'), [1]);
  assert.equal(r.info(), '80 → 40007 [RST, ACK] Seq=0 Ack=0 Win=8192 Len=17');
  r = run(dissectTcp, tcpSegment({ flags: 0x14, ack: 3, payload: [0x33, 0xaa, 0, 1, 0, 0, 0, 0] }));
  assert.deepEqual(r.values('tcp.reset_cause'), ['3\ufffd']);
  assert.deepEqual(r.experts(), ['Expert Info (Warning/Sequence): Connection reset (RST)', 'Expert Info (Warning/Undecoded): Trailing stray characters']);
  r = run(dissectTcp, tcpSegment({ flags: 0x04, payload: [...Buffer.from('reason'), 0, 0] }));
  assert.deepEqual(r.experts(), ['Expert Info (Warning/Sequence): Connection reset (RST)']);
});

test('a quoted header (ICMP error) reads as far as the quote, checksums what is there', () => {
  const seg = tcpSegment({ sport: 40000, dport: 33334, flags: 0x18, ack: 5, payload: new Array<number>(100).fill(0x41), swapped: true });
  const r = run(dissectTcp, seg, { quoted: true, swapped: true, captured: 18, reported: 18 });
  assert.deepEqual(r.nums('tcp.seq'), [1000], 'raw sequence number, as tcp.seq');
  assert.deepEqual(r.nums('tcp.seq_raw'), []);
  assert.deepEqual(r.nums('tcp.ack'), [5]);
  assert.deepEqual(r.nums('tcp.ack_raw'), [5]);
  assert.deepEqual(r.nums('tcp.len'), []);
  assert.deepEqual(r.nums('tcp.checksum.status'), [0]);
  assert.deepEqual(r.experts(), ['Expert Info (Error/Checksum): Bad checksum [should be 0x8133]']);
  assert.deepEqual(r.values('_ws.short'), []);
  assert.deepEqual(r.values('_ws.malformed'), []);
  assert.equal(r.c.protocol, '', 'a quote does not take the columns');
  const whole = run(dissectTcp, seg, { quoted: true, swapped: true });
  assert.deepEqual(whole.nums('tcp.checksum.status'), [1]);
  assert.deepEqual(whole.c.layers, ['tcp', 'data']);
  // the outer frame cut by the snaplen: reported in the quoted network layer's name, not verified
  const cut = run(dissectTcp, seg, { quoted: true, swapped: true, captured: 30 });
  assert.deepEqual(cut.nums('tcp.checksum.status'), [2]);
  assert.deepEqual(cut.values('_ws.short'), []);
  const cutHeader = run(dissectTcp, seg, { quoted: true, swapped: true, captured: 10 });
  assert.deepEqual(cutHeader.values('_ws.short'), ['[Packet size limited during capture: IPv4 truncated]']);
  const eight = run(dissectTcp, seg, { quoted: true, swapped: true, captured: 8, reported: 8 });
  assert.deepEqual(eight.nums('tcp.seq'), [1000]);
  assert.deepEqual(eight.nums('tcp.hdr_len'), []);
  assert.deepEqual(eight.f.count > 0 && eight.values('_ws.short'), []);
});

test('the detail tree gets tshark-like labels; byte and string values stay values', () => {
  const r = run(dissectTcp, SYN_42.bytes, { ...SYN_42.opts, detail: true });
  assert.deepEqual(r.values('tcp.flags.str'), ['··········S·']);
  assert.deepEqual(r.values('tcp.options'), ['020405b40402080a0001e2400000000001030307']);
  assert.deepEqual(r.values('tcp.options.mss'), ['020405b4']);
  const texts = r.f.strs.filter((s): s is string => typeof s === 'string');
  assert.ok(texts.includes('Transmission Control Protocol, Src Port: 40000, Dst Port: 80, Seq: 1000, Len: 0'));
  assert.ok(texts.includes('Flags: 0x002 (SYN)'));
  assert.ok(texts.includes('1010 .... = Header Length: 40 bytes (10)'));
  assert.ok(texts.includes('.... .... ..1. = Syn: Set'));
  assert.ok(texts.includes('Checksum: 0xddd3 [correct]'));
  assert.ok(texts.includes('TCP Option - Window scale: 7 (multiply by 128)'));
  assert.ok(texts.includes('TCP Option - Timestamps: TSval 123456, TSecr 0'));
});
