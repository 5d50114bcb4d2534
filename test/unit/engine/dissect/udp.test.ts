// UDP dissector on hand-built datagrams and on datagrams copied from the corpus's crafted
// file: length checks, checksum verdicts over IPv4 and IPv6, truncation, quoted datagrams,
// traceroute probes, the service name in the Protocol column and tshark's Info text.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dissectUdp } from '../../../../src-main/engine/dissect/udp.js';
import { serviceName } from '../../../../src-main/engine/dissect/servicePorts.js';
import { hexBytes, run, udpDatagram } from './segmentBuilder.js';

const CRAFTED = { src: [192, 0, 2, 33], dst: [198, 51, 100, 44] };
const ABCDEF = [0x61, 0x62, 0x63, 0x64, 0x65, 0x66];

test('a datagram with a correct checksum: fields, data layer and Info', () => {
  const r = run(dissectUdp, udpDatagram({ payload: ABCDEF }));
  assert.deepEqual(r.nums('udp.srcport'), [40000]);
  assert.deepEqual(r.nums('udp.dstport'), [40003]);
  assert.deepEqual(r.nums('udp.port'), [40000, 40003]);
  assert.deepEqual(r.nums('udp.length'), [14]);
  assert.deepEqual(r.nums('udp.checksum.status'), [1]);
  assert.deepEqual(r.values('udp.payload'), ['616263646566']);
  assert.deepEqual(r.c.layers, ['udp', 'data']);
  assert.equal(r.c.protocol, 'UDP');
  assert.equal(r.info(), '40000 → 40003 Len=6');
  assert.equal(r.returned, r.off + 14);
});

test('a bad checksum over IPv4 and IPv6 (values from tshark)', () => {
  let r = run(dissectUdp, udpDatagram({ payload: ABCDEF, checksum: 0x1234 }));
  assert.deepEqual(r.nums('udp.checksum.status'), [0]);
  assert.deepEqual(r.experts(), ['Expert Info (Error/Checksum): Bad checksum [should be 0xb0e9]']);
  assert.equal(r.info(), '40000 → 40003 Len=6 [UDP CHECKSUM INCORRECT]');
  r = run(dissectUdp, udpDatagram({ payload: ABCDEF, checksum: 0x1111, v6: true }), { v6: true });
  assert.deepEqual(r.experts(), ['Expert Info (Error/Checksum): Bad checksum [should be 0x41ac]']);
  r = run(dissectUdp, udpDatagram({ payload: ABCDEF, v6: true }), { v6: true });
  assert.deepEqual(r.nums('udp.checksum.status'), [1]);
});

test('checksum zero: absent over IPv4, illegal over IPv6', () => {
  // crafted-a.pcap frame 58
  let r = run(dissectUdp, hexBytes('a7f8a7f900140000756470207061796c6f616421'), CRAFTED);
  assert.deepEqual(r.nums('udp.checksum.status'), [3]);
  assert.deepEqual(r.experts(), []);
  assert.equal(r.info(), '43000 → 43001 Len=12');
  r = run(dissectUdp, udpDatagram({ payload: ABCDEF, checksum: 0, v6: true }), { v6: true });
  assert.deepEqual(r.nums('udp.checksum.status'), [4]);
  assert.deepEqual(r.experts(), ['Expert Info (Error/Checksum): Illegal checksum value (0)']);
  assert.equal(r.info(), '40000 → 40003 Len=6 [ILLEGAL CHECKSUM (0)]');
});

test('a length below 8 stops after the length (crafted frame 59)', () => {
  const r = run(dissectUdp, hexBytes('a7f8a7f90007207d756470207061796c6f616421'), CRAFTED);
  assert.deepEqual(r.nums('udp.length'), [7]);
  assert.deepEqual(r.values('udp.checksum'), []);
  assert.deepEqual(r.experts(), ['Expert Info (Error/Malformed): Bad length value 7 < 8']);
  assert.deepEqual(r.values('_ws.malformed'), ['_ws.malformed']);
  assert.deepEqual(r.c.layers, ['udp']);
  assert.equal(r.info(), '43000 → 43001 [BAD UDP LENGTH 7 < 8]');
});

test('a length beyond the IP payload: unverified, payload to the end (crafted frame 60)', () => {
  const r = run(dissectUdp, hexBytes('a7f8a7f900c8207d756470207061796c6f616421'), CRAFTED);
  assert.deepEqual(r.nums('udp.checksum.status'), [2]);
  assert.deepEqual(r.experts(), ['Expert Info (Error/Malformed): Bad length value 200 > IP payload length']);
  assert.deepEqual(r.values('_ws.malformed'), ['_ws.malformed']);
  assert.deepEqual(r.nums('data.len'), [12]);
  assert.equal(r.info(), '43000 → 43001 [BAD UDP LENGTH 200 > IP PAYLOAD LENGTH] Len=192');
});

test('a length shorter than the IP payload bounds the checksum and the datagram (crafted frame 61)', () => {
  const r = run(dissectUdp, hexBytes('a7f8a7f9000a207d756470207061796c6f616421'), CRAFTED);
  assert.deepEqual(r.experts(), ['Expert Info (Error/Checksum): Bad checksum [should be 0x4e02]']);
  assert.deepEqual(r.nums('data.len'), [2]);
  assert.equal(r.returned, r.off + 10, 'the bytes after the datagram are left to the layer below');
  assert.equal(r.info(), '43000 → 43001 Len=2 [UDP CHECKSUM INCORRECT]');
});

test('a zero length over IPv6 stands for the payload length (jumbogram rule)', () => {
  const d = udpDatagram({ payload: ABCDEF, v6: true });
  d[4] = 0;
  d[5] = 0;
  // fix the checksum for a length field of zero: the field's 14 leaves the sum
  const ck = ((d[6]! << 8) | d[7]!) + 14;
  d[6] = (ck >> 8) & 255;
  d[7] = ck & 255;
  const r = run(dissectUdp, d, { v6: true });
  assert.deepEqual(r.experts(), ['Expert Info (Warning/Protocol): Length is zero but payload < 65536']);
  assert.deepEqual(r.nums('udp.checksum.status'), [1]);
  assert.equal(r.info(), '40000 → 40003 Len=6 [Jumbogram]');
});

test('truncation: nothing under 4 bytes, then ports, length, checksum; a missing payload is a cut', () => {
  const d = udpDatagram({ payload: ABCDEF });
  const two = run(dissectUdp, d, { captured: 2 });
  assert.deepEqual(two.nums('udp.srcport'), []);
  assert.deepEqual(two.values('_ws.short'), ['[Packet size limited during capture: UDP truncated]']);
  assert.equal(two.c.protocol, '');
  const four = run(dissectUdp, d, { captured: 4 });
  assert.deepEqual(four.nums('udp.dstport'), [40003]);
  assert.equal(four.info(), '40000 → 40003');
  const six = run(dissectUdp, d, { captured: 6 });
  assert.equal(six.info(), '40000 → 40003 Len=6');
  const eight = run(dissectUdp, d, { captured: 8 });
  assert.deepEqual(eight.nums('udp.checksum.status'), [2]);
  assert.deepEqual(eight.values('_ws.short'), ['[Packet size limited during capture: UDP truncated]']);
  const ten = run(dissectUdp, d, { captured: 10 });
  assert.deepEqual(ten.values('_ws.short'), []);
  assert.deepEqual(ten.nums('data.len'), [6]);
});

test('traceroute probe ports get the hop and attempt tshark guesses', () => {
  const ex = (sport: number, dport: number) => run(dissectUdp, udpDatagram({ sport, dport, payload: [0, 0] })).experts();
  assert.deepEqual(ex(40000, 33434), []);
  assert.deepEqual(ex(40000, 33435), ['Expert Info (Chat/Sequence): Possible traceroute: hop #1, attempt #1']);
  assert.deepEqual(ex(40000, 33440), ['Expert Info (Chat/Sequence): Possible traceroute: hop #2, attempt #3']);
  assert.deepEqual(ex(40000, 33464), ['Expert Info (Chat/Sequence): Possible traceroute: hop #10, attempt #3']);
  assert.deepEqual(ex(40000, 33465), []);
  assert.deepEqual(ex(33436, 33440), [
    'Expert Info (Chat/Sequence): Possible traceroute: hop #1, attempt #2',
    'Expert Info (Chat/Sequence): Possible traceroute: hop #2, attempt #3',
  ]);
});

test('a quoted datagram: a length past the quote is no error, its checksum unverified', () => {
  const d = udpDatagram({ sport: 44444, dport: 40000, payload: new Array<number>(32).fill(0) });
  const r = run(dissectUdp, d, { quoted: true, captured: 8, reported: 8 });
  assert.deepEqual(r.nums('udp.length'), [40]);
  assert.deepEqual(r.nums('udp.checksum.status'), [2]);
  assert.deepEqual(r.experts(), []);
  assert.deepEqual(r.values('_ws.short'), []);
  assert.deepEqual(r.c.layers, ['udp']);
  assert.equal(r.c.protocol, '');
  const whole = run(dissectUdp, d, { quoted: true });
  assert.deepEqual(whole.nums('udp.checksum.status'), [1]);
});

test('the Protocol column names a payload by its well-known port, lower port first', () => {
  const r = run(dissectUdp, udpDatagram({ sport: 33333, dport: 53, payload: [1, 2, 3] }));
  assert.equal(r.c.protocol, 'DNS');
  assert.equal(r.info(), '33333 → 53 Len=3');
  const empty = run(dissectUdp, udpDatagram({ sport: 33333, dport: 53 }));
  assert.equal(empty.c.protocol, 'UDP', 'no payload, nothing to name');
  assert.equal(serviceName('udp', 5353, 53), 'DNS');
  assert.equal(serviceName('udp', 68, 67), 'DHCP');
  assert.equal(serviceName('udp', 40000, 5353), 'MDNS');
  assert.equal(serviceName('tcp', 50216, 8080), 'HTTP');
  assert.equal(serviceName('tcp', 443, 50000), 'TLS');
  assert.equal(serviceName('tcp', 40000, 40001), undefined);
});

test('on a frame the capturing host sent, a mismatch is unverified with an offload note', () => {
  const r = run(dissectUdp, udpDatagram({ payload: ABCDEF, checksum: 0x1234 }), { outbound: true });
  assert.deepEqual(r.nums('udp.checksum.status'), [2]);
  assert.equal(r.experts().length, 1);
  assert.match(r.experts()[0]!, /^Expert Info \(Note\/Checksum\): .*offload/);
});
