// ICMP for IPv4 (RFC 792 and successors): type, code, checksum, the fields of each message
// kind, and for error messages the quoted original datagram, dissected as IPv4 + transport
// without touching the packet's columns (the outer addresses stay). Echo request/reply
// pairing is stateful and lives in icmpEchoTracker.ts; this file only shows its result.

import { registerFields, registerProtocol } from '../fields/fieldRegistry.js';
import type { PacketFields } from '../fields/packetFields.js';
import { GENERATED } from '../fields/packetFields.js';
import { fieldBefore, fieldIn } from '../analysis/layerFields.js';
import type { DissectCtx, InfoFormatter } from './context.js';
import { expectedChecksum, finishChecksum, sumWords } from './checksum.js';
import { dissectData } from './data.js';
import { registerIpProto } from './dispatch.js';
import { icmpCodeName, icmpTypeName, ICMP_TYPE_NAMES } from './icmpNames.js';
import { dissectIPAnyVersion, IP_F } from './ipv4.js';
import { CHECKSUM_STATUS_NAMES } from './ipv4Fields.js';
import { truncatedUnlessQuoted } from './quotedTruncation.js';
import { textOf, type TextSink } from '../output/textSink.js';

export const ICMP = registerProtocol('icmp', 'Internet Control Message Protocol');

export const ICMP_F = registerFields({
  type: { name: 'icmp.type', type: 'uint', description: 'Type', valueNames: ICMP_TYPE_NAMES },
  code: { name: 'icmp.code', type: 'uint', description: 'Code' },
  checksum: { name: 'icmp.checksum', type: 'uint', base: 'hex', bits: 16, description: 'Checksum' },
  checksumStatus: {
    name: 'icmp.checksum.status',
    type: 'uint',
    description: 'Checksum Status',
    valueNames: CHECKSUM_STATUS_NAMES,
  },
  unused: { name: 'icmp.unused', type: 'bytes', description: 'Unused' },
  ident: { name: 'icmp.ident', type: 'uint', base: 'dec_hex', bits: 16, description: 'Identifier (BE)' },
  identLe: { name: 'icmp.ident_le', type: 'uint', base: 'dec_hex', bits: 16, description: 'Identifier (LE)' },
  seq: { name: 'icmp.seq', type: 'uint', base: 'dec_hex', bits: 16, description: 'Sequence Number (BE)' },
  seqLe: { name: 'icmp.seq_le', type: 'uint', base: 'dec_hex', bits: 16, description: 'Sequence Number (LE)' },
  mtu: { name: 'icmp.mtu', type: 'uint', description: 'MTU of next hop' },
  redirGw: { name: 'icmp.redir_gw', type: 'ipv4', description: 'Gateway Address' },
  pointer: { name: 'icmp.pointer', type: 'uint', description: 'Pointer' },
  length: { name: 'icmp.length', type: 'uint', description: 'Length' },
  lengthOriginal: {
    name: 'icmp.length.original_datagram',
    type: 'uint',
    description: 'Length of original datagram',
  },
  numAddrs: { name: 'icmp.num_addrs', type: 'uint', description: 'Number of addresses' },
  addrEntrySize: { name: 'icmp.addr_entry_size', type: 'uint', description: 'Address entry size' },
  lifetime: { name: 'icmp.lifetime', type: 'uint', description: 'Lifetime' },
  routerAddress: { name: 'icmp.router_address', type: 'ipv4', description: 'Router address' },
  prefLevel: { name: 'icmp.pref_level', type: 'int', description: 'Preference level' },
  originateTimestamp: { name: 'icmp.originate_timestamp', type: 'uint', description: 'Originate Timestamp' },
  receiveTimestamp: { name: 'icmp.receive_timestamp', type: 'uint', description: 'Receive Timestamp' },
  transmitTimestamp: { name: 'icmp.transmit_timestamp', type: 'uint', description: 'Transmit Timestamp' },
  addressMask: { name: 'icmp.address_mask', type: 'ipv4', description: 'Address Mask' },
  extEchoSeq: { name: 'icmp.ext.echo.seq', type: 'uint', base: 'dec_hex', bits: 8, description: 'Sequence Number' },
  extEchoLocal: { name: 'icmp.ext.echo.req.local', type: 'bool', description: 'Local bit' },
  extEchoState: {
    name: 'icmp.ext.echo.rsp.state',
    type: 'uint',
    description: 'State',
    valueNames: { 0: 'Reserved', 1: 'Incomplete', 2: 'Reachable', 3: 'Stale', 4: 'Delay', 5: 'Probe', 6: 'Failed' },
  },
  extEchoActive: { name: 'icmp.ext.echo.rsp.active', type: 'bool', description: 'Active bit' },
  extEchoIpv4: { name: 'icmp.ext.echo.rsp.ipv4', type: 'bool', description: 'IPv4 bit' },
  extEchoIpv6: { name: 'icmp.ext.echo.rsp.ipv6', type: 'bool', description: 'IPv6 bit' },
  respIn: { name: 'icmp.resp_in', type: 'uint', description: 'Response frame' },
  respTo: { name: 'icmp.resp_to', type: 'uint', description: 'Request frame' },
  resptime: { name: 'icmp.resptime', type: 'double', description: 'Response time (ms)' },
  noResp: { name: 'icmp.no_resp', type: 'none', description: 'No response seen' },
});

export const ICMP_EXPERT = registerFields({
  checksumBad: {
    name: 'icmp.checksum_bad',
    type: 'none',
    description: 'Bad checksum',
    expert: { severity: 'Warning', group: 'Checksum' },
  },
  respNotFound: {
    name: 'icmp.resp_not_found',
    type: 'none',
    description: 'Response not found',
    expert: { severity: 'Warning', group: 'Sequence' },
  },
});

const ECHO_REPLY = 0;
const UNREACHABLE = 3;
const SOURCE_QUENCH = 4;
const REDIRECT = 5;
const ECHO_REQUEST = 8;
const ROUTER_ADVERTISEMENT = 9;
const TIME_EXCEEDED = 11;
const PARAMETER_PROBLEM = 12;
const TIMESTAMP_REQUEST = 13;
const TIMESTAMP_REPLY = 14;
const MASK_REQUEST = 17;
const MASK_REPLY = 18;
const EXTENDED_ECHO_REQUEST = 42;
const EXTENDED_ECHO_REPLY = 43;
/** ICMP errors nested deeper than this are not opened (each level needs 28 bytes, so it is only a guard) */
const MAX_QUOTE_DEPTH = 8;

/** Types whose body starts with an identifier and a sequence number (echo, timestamp, information, mask). */
function hasIdentSeq(type: number): boolean {
  return type === ECHO_REPLY || type === ECHO_REQUEST || (type >= TIMESTAMP_REQUEST && type <= MASK_REPLY);
}

function u16(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!;
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

function hex4(v: number): string {
  return v.toString(16).padStart(4, '0');
}

function swap16(v: number): number {
  return ((v & 0xff) << 8) | (v >> 8);
}

function valueIn(f: PacketFields, id: number, layer: number): number {
  const i = fieldIn(f, id, layer);
  return i < 0 ? NaN : f.vals[i]!;
}

/** Info as tshark's: the type padded to 20 columns, the code, then id/seq/ttl and the pairing for echoes. */
const icmpInfo: InfoFormatter = (f, _c, a) => {
  const type = valueIn(f, ICMP_F.type, a);
  const code = valueIn(f, ICMP_F.code, a);
  const seq = hasIdentSeq(type) ? valueIn(f, ICMP_F.seq, a) : NaN;
  if (Number.isNaN(seq)) return icmpTypeText(type, code);
  const ttl = fieldBefore(f, IP_F.ttl, a);
  const noResp = fieldIn(f, ICMP_F.noResp, a) >= 0;
  const ident = valueIn(f, ICMP_F.ident, a);
  const respIn = valueIn(f, ICMP_F.respIn, a);
  const respTo = valueIn(f, ICMP_F.respTo, a);
  return textOf((out) => writeIcmpQueryInfo(out, type, code, ident, seq, ttl >= 0 ? f.vals[ttl]! : 0, respIn, respTo, noResp));
};

/** The start of a message's Info: its type padded to 20 columns, then the code's name. */
function icmpTypeText(type: number, code: number): string {
  const s = icmpTypeName(type, code).padEnd(20);
  const codeName = icmpCodeName(type, code);
  return codeName ? `${s} (${codeName})` : s;
}

/**
 * Info of a query carrying an identifier and a sequence number (echo, timestamp, ...):
 * the type, `id=0x..., seq=n/n, ttl=n`, then the pairing: the frame of the reply
 * (`respIn`) or of the request (`respTo`), NaN when not known, or that no reply was found.
 */
export function writeIcmpQueryInfo(
  out: TextSink, type: number, code: number, ident: number, seq: number, ttl: number, respIn: number, respTo: number, noResp: boolean,
): void {
  out.text(icmpTypeText(type, code));
  out.text(' id=0x');
  out.text(hex4(ident));
  out.text(', seq=');
  out.uint(seq);
  out.text('/');
  out.uint(swap16(seq));
  out.text(', ttl=');
  out.uint(ttl);
  if (!Number.isNaN(respIn)) {
    out.text(' (reply in ');
    out.uint(respIn);
    out.text(')');
  } else if (!Number.isNaN(respTo)) {
    out.text(' (request in ');
    out.uint(respTo);
    out.text(')');
  } else if (noResp) {
    out.text(' (no response found!)');
  }
}

function cut(f: PacketFields, c: DissectCtx, need: number, end: number, rend: number): void {
  truncatedUnlessQuoted(f, c, 'ICMP', need, end, rend);
}

/**
 * Checksum over the whole message: checked when every reported byte was captured, never
 * inside an error's quote (tshark: "[in ICMP error packet]"), else unverified.
 */
function recordChecksum(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): void {
  const value = u16(c.buf, off + 2);
  const ckRec = f.add(ICMP_F.checksum, off + 2, 2, value);
  if (c.quoteDepth > 0 || end < rend) {
    f.add(ICMP_F.checksumStatus, off + 2, 0, 2, GENERATED);
    if (c.detail) f.setText(ckRec, `Checksum: 0x${hex4(value)} [unverified]${c.quoteDepth > 0 ? ' [in ICMP error packet]' : ''}`);
    return;
  }
  const sum = sumWords(c.buf, off, rend - off);
  const good = finishChecksum(sum) === 0;
  f.add(ICMP_F.checksumStatus, off + 2, 0, good ? 1 : 0, GENERATED);
  if (good) {
    if (c.detail) f.setText(ckRec, `Checksum: 0x${hex4(value)} [correct]`);
    return;
  }
  const expected = expectedChecksum(sum, value);
  if (c.detail) f.setText(ckRec, `Checksum: 0x${hex4(value)} [incorrect, should be 0x${hex4(expected)}]`);
  c.expert(f, ICMP_EXPERT.checksumBad, off + 2, 2, `Bad checksum [should be 0x${hex4(expected)}]`);
}

/** Identifier and sequence number, in both byte orders as tshark shows them; false when cut. */
function identSeq(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): boolean {
  const ident = u16(c.buf, off + 4);
  f.add(ICMP_F.ident, off + 4, 2, ident);
  f.add(ICMP_F.identLe, off + 4, 2, swap16(ident));
  if (end < off + 8) {
    cut(f, c, off + 8, end, rend);
    return false;
  }
  const seq = u16(c.buf, off + 6);
  f.add(ICMP_F.seq, off + 6, 2, seq);
  f.add(ICMP_F.seqLe, off + 6, 2, swap16(seq));
  return true;
}

/** 32-bit fields at off+8, off+12, ...; false when the capture stops before one of them. */
function words(f: PacketFields, c: DissectCtx, ids: readonly number[], off: number, end: number, rend: number): boolean {
  for (let k = 0; k < ids.length; k++) {
    const o = off + 8 + 4 * k;
    if (end < o + 4) {
      cut(f, c, o + 4, end, rend);
      return false;
    }
    f.add(ids[k]!, o, 4, u32(c.buf, o));
  }
  return true;
}

/**
 * Bytes 4-7 of an error message. Destination unreachable, time exceeded and parameter
 * problem may carry RFC 4884's length of the original datagram in byte 5; returns that
 * length in bytes (0 when absent), or -1 when the capture stops first.
 */
function errorHeader(f: PacketFields, c: DissectCtx, type: number, code: number, off: number, end: number, rend: number): number {
  const b = c.buf;
  if (end < off + 8) {
    if (type === PARAMETER_PROBLEM && end >= off + 5) f.add(ICMP_F.pointer, off + 4, 1, b[off + 4]!);
    cut(f, c, off + 8, end, rend);
    return -1;
  }
  if (type === REDIRECT) {
    f.add(ICMP_F.redirGw, off + 4, 4, u32(b, off + 4));
    return 0;
  }
  const rfc4884 = type === UNREACHABLE || type === TIME_EXCEEDED || type === PARAMETER_PROBLEM;
  const length = rfc4884 ? b[off + 5]! * 4 : 0;
  if (type === PARAMETER_PROBLEM) f.add(ICMP_F.pointer, off + 4, 1, b[off + 4]!);
  else if (length > 0) f.add(ICMP_F.unused, off + 4, 1);
  if (length > 0) {
    f.add(ICMP_F.length, off + 5, 1, b[off + 5]!);
    f.add(ICMP_F.lengthOriginal, off + 5, 1, length, GENERATED);
  } else if (type !== PARAMETER_PROBLEM) {
    f.add(ICMP_F.unused, off + 4, type === UNREACHABLE && code === 4 ? 2 : 4);
  }
  if (type === UNREACHABLE && code === 4) f.add(ICMP_F.mtu, off + 6, 2, u16(b, off + 6));
  else if (type === PARAMETER_PROBLEM) f.add(ICMP_F.unused, off + 5 + (length > 0 ? 1 : 0), length > 0 ? 2 : 3);
  else if (length > 0) f.add(ICMP_F.unused, off + 6, 2);
  return length;
}

/** The original datagram an error quotes, dissected without changing the columns. */
function dissectQuote(f: PacketFields, c: DissectCtx, qOff: number, end: number, qRend: number): void {
  if (qRend <= qOff || c.quoteDepth >= MAX_QUOTE_DEPTH) return;
  const { colWritable, netVersion, netBuf, netSrcOff, netDstOff } = c;
  c.colWritable = false;
  c.quoteDepth++;
  try {
    dissectIPAnyVersion(f, c, qOff, Math.min(end, qRend), qRend);
  } finally {
    c.quoteDepth--;
    c.colWritable = colWritable;
    c.netVersion = netVersion;
    c.netBuf = netBuf;
    c.netSrcOff = netSrcOff;
    c.netDstOff = netDstOff;
  }
}

/** How much of an error message is the quoted datagram (from off+8). */
function quoteEnd(c: DissectCtx, type: number, originalLength: number, off: number, end: number, rend: number): number {
  const q = off + 8;
  if (originalLength > 0) return Math.min(rend, q + originalLength);
  // tshark reads a redirect's quote as "IP header + 64 bits" only
  if (type === REDIRECT && q < end) return Math.min(rend, q + (c.buf[q]! & 15) * 4 + 8);
  return rend;
}

/** RFC 8335 PROBE: identifier, an 8-bit sequence number and the request or reply bits. */
function extendedEcho(f: PacketFields, c: DissectCtx, type: number, off: number, end: number, rend: number): void {
  const b = c.buf;
  const ident = u16(b, off + 4);
  f.add(ICMP_F.ident, off + 4, 2, ident);
  f.add(ICMP_F.identLe, off + 4, 2, swap16(ident));
  if (end < off + 7) {
    cut(f, c, off + 7, end, rend);
    return;
  }
  f.add(ICMP_F.extEchoSeq, off + 6, 1, b[off + 6]!);
  if (end < off + 8) {
    cut(f, c, off + 8, end, rend);
    return;
  }
  const bits = b[off + 7]!;
  if (type === EXTENDED_ECHO_REQUEST) {
    f.add(ICMP_F.extEchoLocal, off + 7, 1, bits & 1);
  } else {
    f.add(ICMP_F.extEchoState, off + 7, 1, bits >> 5);
    f.add(ICMP_F.extEchoActive, off + 7, 1, (bits >> 2) & 1);
    f.add(ICMP_F.extEchoIpv4, off + 7, 1, (bits >> 1) & 1);
    f.add(ICMP_F.extEchoIpv6, off + 7, 1, bits & 1);
  }
}

function routerAdvertisement(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): void {
  const b = c.buf;
  if (end < off + 8) {
    cut(f, c, off + 8, end, rend);
    return;
  }
  const count = b[off + 4]!;
  const entryWords = b[off + 5]!;
  f.add(ICMP_F.numAddrs, off + 4, 1, count);
  f.add(ICMP_F.addrEntrySize, off + 5, 1, entryWords);
  f.add(ICMP_F.lifetime, off + 6, 2, u16(b, off + 6));
  const step = Math.max(2, entryWords) * 4;
  for (let k = 0, o = off + 8; k < count; k++, o += step) {
    if (end < o + 8) {
      cut(f, c, o + 8, end, rend);
      return;
    }
    f.add(ICMP_F.routerAddress, o, 4, u32(b, o));
    f.add(ICMP_F.prefLevel, o + 4, 4, u32(b, o + 4) | 0);
  }
}

function dissectMessage(f: PacketFields, c: DissectCtx, top: number, off: number, end: number, rend: number): void {
  const b = c.buf;
  // tshark reads byte 5 before it shows anything: shorter messages show no ICMP field at all
  if (end < off + 6) {
    cut(f, c, off + 6, end, rend);
    return;
  }
  const type = b[off]!;
  const code = b[off + 1]!;
  const tRec = f.add(ICMP_F.type, off, 1, type);
  const cRec = f.add(ICMP_F.code, off + 1, 1, code);
  if (c.detail) {
    f.setText(tRec, `Type: ${type} (${icmpTypeName(type, code)})`);
    const codeName = icmpCodeName(type, code);
    f.setText(cRec, codeName ? `Code: ${code} (${codeName})` : `Code: ${code}`);
  }
  c.setColumns('ICMP', icmpInfo, top);
  recordChecksum(f, c, off, end, rend);

  switch (type) {
    case ECHO_REPLY:
    case ECHO_REQUEST:
      if (!identSeq(f, c, off, end, rend)) return;
      if (rend > off + 8) dissectData(f, c, off + 8, end, rend);
      return;
    case TIMESTAMP_REQUEST:
    case TIMESTAMP_REPLY:
      if (!identSeq(f, c, off, end, rend)) return;
      words(f, c, [ICMP_F.originateTimestamp, ICMP_F.receiveTimestamp, ICMP_F.transmitTimestamp], off, end, rend);
      return;
    case MASK_REQUEST:
    case MASK_REPLY:
      if (!identSeq(f, c, off, end, rend)) return;
      words(f, c, [ICMP_F.addressMask], off, end, rend);
      return;
    case 15:
    case 16:
      identSeq(f, c, off, end, rend);
      return;
    case ROUTER_ADVERTISEMENT:
      routerAdvertisement(f, c, off, end, rend);
      return;
    case EXTENDED_ECHO_REQUEST:
    case EXTENDED_ECHO_REPLY:
      extendedEcho(f, c, type, off, end, rend);
      return;
    case UNREACHABLE:
    case SOURCE_QUENCH:
    case REDIRECT:
    case TIME_EXCEEDED:
    case PARAMETER_PROBLEM: {
      const length = errorHeader(f, c, type, code, off, end, rend);
      if (length < 0) return;
      dissectQuote(f, c, off + 8, end, quoteEnd(c, type, length, off, end, rend));
      return;
    }
    default:
      return;
  }
}

/** Dissects one ICMP message at `off`; it runs to the end of the IP payload. */
export function dissectIcmp(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number {
  c.setColumns('ICMP', null, -1);
  c.layers.push('icmp');
  const top = f.open(ICMP, off, Math.max(0, Math.min(end, rend) - off));
  dissectMessage(f, c, top, off, end, rend);
  f.close(top);
  return rend;
}

registerIpProto(1, dissectIcmp);
