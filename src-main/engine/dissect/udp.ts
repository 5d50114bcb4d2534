// UDP (RFC 768, RFC 8200 §8.1 for IPv6): ports, length checks, the checksum over the pseudo
// header, and the payload handed to the data dissector with the Protocol column named by
// port. Expert texts and Info follow tshark ("53 → 5353 Len=42", "[BAD UDP LENGTH 7 < 8]").
// `udp.stream` is numbered by the stream analyzer after dissection.

import type { PacketFields } from '../fields/packetFields.js';
import { GENERATED, HIDDEN } from '../fields/packetFields.js';
import { registerFields, registerProtocol } from '../fields/fieldRegistry.js';
import type { DissectCtx, InfoFormatter } from './context.js';
import type { Bounds } from './transportBounds.js';
import { STOP, bounds, expertOn, markMalformed, needBytes } from './transportBounds.js';
import { dissectData } from './data.js';
import { registerIpProto } from './dispatch.js';
import { serviceName } from './servicePorts.js';
import { writePortPair } from './portPairInfo.js';
import { textOf, type TextSink } from '../output/textSink.js';
import {
  CHECKSUM_STATUS_NAMES,
  CK_BAD,
  CK_GOOD,
  CK_ILLEGAL,
  CK_NOT_PRESENT,
  CK_UNVERIFIED,
  expectedTransportChecksum,
} from './transportChecksum.js';

export const UDP = registerProtocol('udp', 'User Datagram Protocol');

export const UDP_F = registerFields({
  srcport: { name: 'udp.srcport', type: 'uint', bits: 16, description: 'Source Port' },
  dstport: { name: 'udp.dstport', type: 'uint', bits: 16, description: 'Destination Port' },
  port: { name: 'udp.port', type: 'uint', bits: 16, description: 'Source or Destination Port' },
  length: { name: 'udp.length', type: 'uint', bits: 16, description: 'Length' },
  checksum: { name: 'udp.checksum', type: 'uint', base: 'hex', bits: 16, description: 'Checksum' },
  checksumCalculated: { name: 'udp.checksum_calculated', type: 'uint', base: 'hex', bits: 16, description: 'Calculated Checksum' },
  checksumStatus: { name: 'udp.checksum.status', type: 'uint', description: 'Checksum Status', valueNames: CHECKSUM_STATUS_NAMES },
  stream: { name: 'udp.stream', type: 'uint', description: 'Stream index' },
  payload: { name: 'udp.payload', type: 'bytes', description: 'Payload' },
  lengthBad: { name: 'udp.length.bad', type: 'none', description: 'Bad length value', expert: { severity: 'Error', group: 'Malformed' } },
  lengthBadZero: {
    name: 'udp.length.bad_zero',
    type: 'none',
    description: 'Length is zero but payload < 65536',
    expert: { severity: 'Warning', group: 'Protocol' },
  },
  checksumBad: { name: 'udp.checksum.bad', type: 'none', description: 'Bad checksum', expert: { severity: 'Error', group: 'Checksum' } },
  checksumZero: {
    name: 'udp.checksum.zero',
    type: 'none',
    description: 'Illegal checksum value (0)',
    expert: { severity: 'Error', group: 'Checksum' },
  },
  checksumOffload: {
    name: 'udp.checksum.offload',
    type: 'none',
    description: 'Checksum not verified: outgoing frame (checksum offload)',
    expert: { severity: 'Note', group: 'Checksum' },
  },
  possibleTraceroute: {
    name: 'udp.possible_traceroute',
    type: 'none',
    description: 'Possible traceroute',
    expert: { severity: 'Chat', group: 'Sequence' },
  },
});

const IPPROTO_UDP = 17;
/** this layer's expert entries of group Malformed */
const MALFORMED_EXPERTS: readonly number[] = [UDP_F.lengthBad];
const HEADER = 8;
/** traceroute's default base port; tshark recognises probes to base + 1 ... base + 30 (10 hops of 3) */
const TRACEROUTE_BASE = 33434;
const TRACEROUTE_PROBES = 30;

function u16(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!;
}

function hex4(v: number): string {
  return v.toString(16).padStart(4, '0');
}

/** Dissects the UDP datagram at `off`; returns where it ends (by its length field when that is sane). */
export function dissectUdp(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number {
  c.layers.push('udp');
  const outer = f.parent;
  const layer = f.open(UDP, off, Math.max(0, Math.min(end, rend, off + HEADER) - off));
  const b = bounds(Math.min(end, rend), rend, rend, 'UDP');
  let dgramEnd = -1;
  try {
    dgramEnd = dissectHeader(f, c, layer, off, b);
  } catch (err) {
    if (err !== STOP) throw err;
  }
  f.parent = outer;
  if (c.detail) f.setText(layer, layerLabel(f, layer));
  if (dgramEnd < 0) {
    markMalformed(f, layer, MALFORMED_EXPERTS);
    return rend;
  }
  // a quoted datagram's length may point past the quote: its payload ends with the quote
  const pRend = Math.min(dgramEnd, rend);
  dissectPayload(f, c, layer, off + HEADER, Math.min(b.cap, pRend), pRend);
  markMalformed(f, layer, MALFORMED_EXPERTS);
  return pRend;
}

/** Records the header; returns the datagram's reported end, or -1 when nothing follows. */
function dissectHeader(f: PacketFields, c: DissectCtx, layer: number, off: number, b: Bounds): number {
  const buf = c.buf;
  const quoted = c.quoteDepth > 0;
  needBytes(f, c, b, off, 4, quoted);
  const sport = u16(buf, off);
  const dport = u16(buf, off + 2);
  traceroutePort(f, c, f.add(UDP_F.srcport, off, 2, sport), sport);
  traceroutePort(f, c, f.add(UDP_F.dstport, off + 2, 2, dport), dport);
  f.add(UDP_F.port, off, 2, sport, HIDDEN);
  f.add(UDP_F.port, off + 2, 2, dport, HIDDEN);
  c.setColumns('UDP', udpInfo, layer);

  needBytes(f, c, b, off + 4, 2, quoted);
  const ipPayload = b.rep - off;
  let length = u16(buf, off + 4);
  let overrun = false;
  const lenRec = f.add(UDP_F.length, off + 4, 2, length);
  if (length === 0 && c.netVersion === 6) {
    // RFC 2675: a zero length stands for a jumbogram's; tshark takes the IPv6 payload length
    if (ipPayload < 65536) expertOn(f, c, lenRec, UDP_F.lengthBadZero, 'Length is zero but payload < 65536');
    length = ipPayload;
  } else if (length < HEADER) {
    expertOn(f, c, lenRec, UDP_F.lengthBad, `Bad length value ${length} < 8`);
    if (c.detail) f.setText(lenRec, `Length: ${length} (bogus, must be >= 8)`);
    return -1;
  } else if (length > ipPayload && !quoted) {
    // a quoted datagram is cut by design; only a real one can be too long for its packet
    expertOn(f, c, lenRec, UDP_F.lengthBad, `Bad length value ${length} > IP payload length`);
    if (c.detail) f.setText(lenRec, `Length: ${length} (bogus, payload length ${ipPayload})`);
    length = ipPayload;
    overrun = true;
  }

  needBytes(f, c, b, off + 6, 2, quoted);
  recordChecksum(f, c, off, length, b, overrun);
  return off + length;
}

/** Ports in traceroute's probe range get tshark's guess at the hop and attempt. */
function traceroutePort(f: PacketFields, c: DissectCtx, rec: number, port: number): void {
  const probe = port - TRACEROUTE_BASE;
  if (probe < 1 || probe > TRACEROUTE_PROBES) return;
  expertOn(f, c, rec, UDP_F.possibleTraceroute, `Possible traceroute: hop #${Math.floor((probe - 1) / 3) + 1}, attempt #${((probe - 1) % 3) + 1}`);
}

/**
 * The checksum and its status. Zero means "none" over IPv4 (status 3) but is illegal over
 * IPv6 (status 4); a datagram not captured whole, or whose length field overruns the
 * packet, is not verified (2). On frames the capturing host sent, a mismatch is left
 * unverified: the NIC computes the checksum after the capture point.
 */
function recordChecksum(f: PacketFields, c: DissectCtx, off: number, length: number, b: Bounds, overrun: boolean): void {
  const value = u16(c.buf, off + 6);
  const ck = f.open(UDP_F.checksum, off + 6, 2, value);
  const status = (s: number): void => {
    f.add(UDP_F.checksumStatus, off + 6, 0, s, GENERATED);
  };
  if (value === 0) {
    if (c.netVersion === 6) {
      c.expert(f, UDP_F.checksumZero, off + 6, 2, 'Illegal checksum value (0)');
      status(CK_ILLEGAL);
      if (c.detail) f.setText(ck, 'Checksum: 0x0000 [zero-value illegal]');
    } else {
      status(CK_NOT_PRESENT);
      if (c.detail) f.setText(ck, 'Checksum: 0x0000 [zero-value ignored]');
    }
    f.close(ck);
    return;
  }
  const complete = !overrun && off + length <= b.cap;
  const expected = complete ? expectedTransportChecksum(c, IPPROTO_UDP, off, length, off + 6) : -1;
  // a computed 0x0000 is sent as 0xffff (RFC 768)
  const good = expected >= 0 && (value === expected || (expected === 0 && value === 0xffff));
  if (expected < 0 || (!good && c.outbound && c.quoteDepth === 0)) {
    if (expected >= 0) {
      c.expert(f, UDP_F.checksumOffload, off + 6, 2, `Unverified checksum 0x${hex4(value)} on an outgoing frame: probably UDP checksum offload [computed 0x${hex4(expected)}]`);
      f.add(UDP_F.checksumCalculated, off + 6, 2, expected, GENERATED);
    }
    f.close(ck);
    status(CK_UNVERIFIED);
    if (c.detail) f.setText(ck, `Checksum: 0x${hex4(value)} [unverified]`);
    return;
  }
  if (!good) c.expert(f, UDP_F.checksumBad, off + 6, 2, `Bad checksum [should be 0x${hex4(expected)}]`);
  f.add(UDP_F.checksumCalculated, off + 6, 2, expected, GENERATED);
  f.close(ck);
  status(good ? CK_GOOD : CK_BAD);
  if (c.detail) {
    f.setText(ck, good ? `Checksum: 0x${hex4(value)} [correct]` : `Checksum: 0x${hex4(value)} incorrect, should be 0x${hex4(expected)} (maybe caused by "UDP checksum offload"?)`);
  }
}

/**
 * The payload (by the length field, cut to the packet) goes to the data dissector. A
 * datagram whose payload was not captured at all is reported as cut, as tshark does.
 */
function dissectPayload(f: PacketFields, c: DissectCtx, layer: number, pOff: number, pEnd: number, pRend: number): void {
  if (pRend <= pOff) return;
  if (pEnd <= pOff) {
    if (c.quoteDepth === 0) c.truncated(f, 'UDP', pOff + 1, pEnd, pRend);
    return;
  }
  const parent = f.parent;
  f.parent = layer;
  f.add(UDP_F.payload, pOff, pEnd - pOff);
  f.parent = parent;
  const ports = c.quoteDepth === 0 ? findPorts(f, layer) : null;
  const service = ports ? serviceName('udp', ports[0], ports[1]) : undefined;
  if (service) c.setColumns(service, udpInfo, layer);
  dissectData(f, c, pOff, pEnd, pRend);
}

function findPorts(f: PacketFields, layer: number): [number, number] | null {
  let s = -1;
  let d = -1;
  for (let i = layer + 1; i < f.count && (s < 0 || d < 0); i++) {
    if (f.ids[i] === UDP_F.srcport && f.parents[i] === layer) s = f.vals[i]!;
    else if (f.ids[i] === UDP_F.dstport && f.parents[i] === layer) d = f.vals[i]!;
  }
  return s < 0 || d < 0 ? null : [s, d];
}

/** "User Datagram Protocol, Src Port: 53, Dst Port: 5353" */
function layerLabel(f: PacketFields, layer: number): string {
  const ports = findPorts(f, layer);
  return ports ? `User Datagram Protocol, Src Port: ${ports[0]}, Dst Port: ${ports[1]}` : 'User Datagram Protocol';
}

/** tshark's Info for UDP: "53 → 5353 Len=42", with its markers for bad lengths and checksums. */
export const udpInfo: InfoFormatter = (f: PacketFields, _c: DissectCtx, layer: number): string => {
  const ports = findPorts(f, layer);
  if (!ports) return '';
  let s = `${ports[0]} → ${ports[1]}`;
  let length = -1;
  let status = -1;
  let badLength = '';
  let jumbo = false;
  for (let i = layer + 1; i < f.count; i++) {
    if (!f.isWithin(i, layer)) continue;
    const id = f.ids[i]!;
    if (id === UDP_F.length) length = f.vals[i]!;
    else if (id === UDP_F.checksumStatus) status = f.vals[i]!;
    else if (id === UDP_F.lengthBadZero) jumbo = true;
    else if (id === UDP_F.lengthBad) badLength = f.strs[i] ?? '';
  }
  if (length < 0) return s;
  if (!badLength && !jumbo && status !== CK_BAD && status !== CK_ILLEGAL) return textOf((out) => writeUdpPlainInfo(out, ports[0], ports[1], length - HEADER));
  if (badLength.endsWith('< 8')) return `${s} [BAD UDP LENGTH ${length} < 8]`;
  if (badLength) s += ` [BAD UDP LENGTH ${length} > IP PAYLOAD LENGTH]`;
  if (jumbo) {
    s += ` Len=${jumboLength(f, layer)} [Jumbogram]`;
  } else {
    s += ` Len=${length - HEADER}`;
  }
  if (status === CK_BAD) s += ' [UDP CHECKSUM INCORRECT]';
  else if (status === CK_ILLEGAL) s += ' [ILLEGAL CHECKSUM (0)]';
  return s;
};

/** Info of a datagram with nothing to flag: "53 → 5353 Len=42" (`payload`: its length in bytes). */
export function writeUdpPlainInfo(out: TextSink, sport: number, dport: number, payload: number): void {
  writePortPair(out, sport, dport);
  out.text(' Len=');
  out.uint(payload);
}

/** Payload length of a zero-length (jumbo) datagram: the length of its payload record. */
function jumboLength(f: PacketFields, layer: number): number {
  for (let i = layer + 1; i < f.count; i++) {
    if (f.parents[i] === layer && f.ids[i] === UDP_F.payload) return f.lens[i]!;
  }
  return 0;
}

registerIpProto(IPPROTO_UDP, dissectUdp);
