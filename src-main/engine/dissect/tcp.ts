// TCP (RFC 9293): the header, flags, checksum over the pseudo header, options and the
// payload, with tshark's field names, expert entries and Info column. Inside an ICMP error
// (c.quoteDepth > 0) a quoted header is read the way tshark reads one: as far as the quote
// goes, checksum over the quoted bytes, raw numbers in `tcp.seq`/`tcp.ack`, no `tcp.len`.
// Stream numbers, relative sequence numbers and `tcp.analysis.*` come from the stream
// analyzer after dissection (see tcpFields.ts and tcpInfo.ts).

import type { PacketFields } from '../fields/packetFields.js';
import { GENERATED, HIDDEN } from '../fields/packetFields.js';
import type { DissectCtx } from './context.js';
import type { Bounds } from './transportBounds.js';
import { STOP, bounds, expertOn, markMalformed, needBytes } from './transportBounds.js';
import { dissectData } from './data.js';
import { registerIpProto } from './dispatch.js';
import { serviceName } from './servicePorts.js';
import { TCP, TCP_F } from './tcpFields.js';
import { tcpFlagNames, tcpInfo } from './tcpInfo.js';
import { dissectTcpOptions } from './tcpOptions.js';
import { CK_BAD, CK_GOOD, CK_UNVERIFIED, expectedTransportChecksum } from './transportChecksum.js';

export { TCP, TCP_F } from './tcpFields.js';
export { tcpInfo } from './tcpInfo.js';

const IPPROTO_TCP = 6;
const MIN_HEADER = 20;
const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const ACK = 0x10;
const URG = 0x20;

/** this layer's expert entries of group Malformed */
const MALFORMED_EXPERTS: readonly number[] = [TCP_F.shortSegment, TCP_F.suboptionMalformed];

const SHORT_SEGMENT =
  'Short segment. Segment/fragment does not contain a full TCP header (might be NMAP or someone else deliberately sending unusual packets)';

/** The 12 flag bits, most significant first, as the tree shows them. */
/** The flag bit fields: field id, mask in the 12 flag bits, label. */
export const FLAG_BITS: readonly [number, number, string][] = [
  [TCP_F.flagRes, 0xe00, 'Reserved'],
  [TCP_F.flagAe, 0x100, 'Accurate ECN'],
  [TCP_F.flagCwr, 0x080, 'Congestion Window Reduced'],
  [TCP_F.flagEce, 0x040, 'ECN-Echo'],
  [TCP_F.flagUrg, 0x020, 'Urgent'],
  [TCP_F.flagAck, 0x010, 'Acknowledgment'],
  [TCP_F.flagPush, 0x008, 'Push'],
  [TCP_F.flagReset, 0x004, 'Reset'],
  [TCP_F.flagSyn, 0x002, 'Syn'],
  [TCP_F.flagFin, 0x001, 'Fin'],
];

function u16(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!;
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

function hex4(v: number): string {
  return v.toString(16).padStart(4, '0');
}

/** tshark's flag string: one column per bit, `·` when clear ("·······AP···"). */
export function tcpFlagString(flags: number): string {
  const letters = 'RRRACEUAPRSF';
  let s = '';
  for (let bit = 11; bit >= 0; bit--) s += flags & (1 << bit) ? letters[11 - bit] : '\u00b7';
  return s;
}

/** "...1 .... = Acknowledgment: Set" style label of a bit field inside the 12 flag bits. */
function bitLabel(flags: number, mask: number, name: string): string {
  let pattern = '';
  for (let bit = 11; bit >= 0; bit--) {
    if (bit !== 11 && bit % 4 === 3) pattern += ' ';
    pattern += mask & (1 << bit) ? (flags & (1 << bit) ? '1' : '0') : '.';
  }
  return `${pattern} = ${name}: ${flags & mask ? 'Set' : 'Not set'}`;
}

/** What the payload hand-off needs from a header read to its end. */
interface Header {
  layer: number;
  sport: number;
  dport: number;
  hdrLen: number;
  flags: number;
  quoted: boolean;
}

/** Dissects the TCP segment at `off`; returns the end of the segment (`rend`). */
export function dissectTcp(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number {
  c.layers.push('tcp');
  const outer = f.parent;
  const layer = f.open(TCP, off, Math.max(0, Math.min(end, off + MIN_HEADER) - off));
  const b = bounds(Math.min(end, rend), rend, rend, 'TCP');
  let h: Header | null = null;
  try {
    h = dissectHeader(f, c, layer, off, b);
  } catch (err) {
    if (err !== STOP) throw err;
  }
  f.parent = outer;
  if (c.detail) f.setText(layer, layerLabel(f, layer, off, c.buf, b));
  if (h) dissectPayload(f, c, h, off + h.hdrLen, b);
  markMalformed(f, layer, MALFORMED_EXPERTS);
  return rend;
}

function dissectHeader(f: PacketFields, c: DissectCtx, layer: number, off: number, b: Bounds): Header | null {
  const buf = c.buf;
  const quoted = c.quoteDepth > 0;
  needBytes(f, c, b, off, 4, quoted);
  const sport = u16(buf, off);
  const dport = u16(buf, off + 2);
  f.add(TCP_F.srcport, off, 2, sport);
  f.add(TCP_F.dstport, off + 2, 2, dport);
  f.add(TCP_F.port, off, 2, sport, HIDDEN);
  f.add(TCP_F.port, off + 2, 2, dport, HIDDEN);
  c.setColumns('TCP', tcpInfo, layer);
  if (quoted) {
    // tshark shows a quoted header's raw numbers as `tcp.seq` / `tcp.ack`, and reads as far as the quote goes
    needBytes(f, c, b, off + 4, 4, quoted);
    f.add(TCP_F.seq, off + 4, 4, u32(buf, off + 4));
  }
  needBytes(f, c, b, off, 16, quoted);
  const seq = u32(buf, off + 4);
  const ack = u32(buf, off + 8);
  const hdrLen = (buf[off + 12]! >> 4) * 4;
  const flags = u16(buf, off + 12) & 0xfff;
  const segLen = b.rep - off;

  if (hdrLen < MIN_HEADER) {
    if (!quoted) {
      f.add(TCP_F.len, off, 0, segLen - hdrLen, GENERATED);
      f.add(TCP_F.seqRaw, off + 4, 4, seq);
    }
    const hl = f.add(TCP_F.hdrLen, off + 12, 1, hdrLen);
    if (c.detail) f.setText(hl, headerLengthLabel(hdrLen));
    expertOn(f, c, hl, TCP_F.bogusHeaderLength, `Bogus TCP header length (${hdrLen}, must be at least 20)`);
    return null;
  }
  f.lens[layer] = Math.max(0, Math.min(b.cap, off + hdrLen) - off);

  // a header longer than the segment: tshark reads what there is, then gives up
  const short = !quoted && hdrLen > segLen;
  if (!quoted) {
    if (short) c.expert(f, TCP_F.shortSegment, off, 0, SHORT_SEGMENT);
    else f.add(TCP_F.len, off, 0, segLen - hdrLen, GENERATED);
    f.add(TCP_F.seqRaw, off + 4, 4, seq);
  }
  if (quoted) f.add(TCP_F.ack, off + 8, 4, ack);
  const ackRec = f.add(TCP_F.ackRaw, off + 8, 4, ack);
  if (ack !== 0 && !(flags & ACK)) {
    expertOn(f, c, ackRec, TCP_F.ackNonzero, 'The acknowledgment number field is nonzero while the ACK flag is not set');
  }
  const hl = f.add(TCP_F.hdrLen, off + 12, 1, hdrLen);
  if (c.detail) f.setText(hl, headerLengthLabel(hdrLen));
  recordFlags(f, c, off, flags, sport, dport);
  f.add(TCP_F.window, off + 14, 2, u16(buf, off + 14));

  needBytes(f, c, b, off + 16, 2, quoted);
  recordChecksum(f, c, off, b, quoted);
  needBytes(f, c, b, off + 18, 2, quoted);
  const urgent = u16(buf, off + 18);
  const up = f.add(TCP_F.urgentPointer, off + 18, 2, urgent);
  if (urgent !== 0 && !(flags & URG)) {
    expertOn(f, c, up, TCP_F.urgentNonzero, 'The urgent pointer field is nonzero while the URG flag is not set');
  }

  if (hdrLen > MIN_HEADER) {
    // a short segment's options are read as far as the segment goes, then tshark gives up
    const optRep = off + (short ? Math.min(hdrLen, segLen) : hdrLen);
    const ob = bounds(Math.min(b.cap, optRep), Math.min(b.cont, optRep), optRep, 'TCP');
    const start = off + MIN_HEADER;
    const opts = f.open(TCP_F.options, start, Math.max(0, ob.cap - start));
    dissectTcpOptions(f, c, start, ob, { flags, ack, quoted, layer, info: tcpInfo });
    f.close(opts);
  }
  if (short) {
    c.malformed(f, 'TCP', b.cap);
    throw STOP;
  }
  return { layer, sport, dport, hdrLen, flags, quoted };
}

function headerLengthLabel(hdrLen: number): string {
  const nibble = (hdrLen / 4).toString(2).padStart(4, '0');
  return `${nibble} .... = Header Length: ${hdrLen} bytes (${hdrLen / 4})`;
}

function recordFlags(f: PacketFields, c: DissectCtx, off: number, flags: number, sport: number, dport: number): void {
  const fr = f.open(TCP_F.flags, off + 12, 2, flags);
  if (c.detail) f.setText(fr, `Flags: 0x${flags.toString(16).padStart(3, '0')} (${tcpFlagNames(flags)})`);
  for (const [id, mask, name] of FLAG_BITS) {
    const i = f.add(id, off + 12, 2, flags & mask ? 1 : 0);
    if (c.detail) f.setText(i, bitLabel(flags, mask, name));
    if (mask === RST && flags & RST) expertOn(f, c, i, TCP_F.connectionRst, 'Connection reset (RST)');
    if (mask === SYN && flags & SYN) {
      if (flags & ACK) expertOn(f, c, i, TCP_F.connectionSynAck, `Connection establish acknowledge (SYN+ACK): server port ${sport}`);
      else expertOn(f, c, i, TCP_F.connectionSyn, `Connection establish request (SYN): server port ${dport}`);
    }
    if (mask === FIN && flags & FIN) expertOn(f, c, i, TCP_F.connectionFin, 'Connection finish (FIN)');
  }
  f.addString(TCP_F.flagStr, off + 12, 2, tcpFlagString(flags), GENERATED);
  f.close(fr);
}

/**
 * The checksum and its status. A segment whose bytes were all captured is verified; one cut
 * by the snaplen is not (status 2). A quoted segment is checked over the quoted bytes only,
 * which is what tshark does (a quote shorter than the segment therefore reads as Bad).
 */
function recordChecksum(f: PacketFields, c: DissectCtx, off: number, b: Bounds, quoted: boolean): void {
  const value = u16(c.buf, off + 16);
  const ck = f.open(TCP_F.checksum, off + 16, 2, value);
  const len = quoted ? b.cap - off : b.rep - off;
  // a quote the router cut is checked as far as it goes; one the snaplen cut is not
  const verifiable = quoted ? b.cap >= b.cont : b.cap >= b.rep;
  const expected = verifiable ? expectedTransportChecksum(c, IPPROTO_TCP, off, len, off + 16) : -1;
  if (expected < 0) {
    f.close(ck);
    f.add(TCP_F.checksumStatus, off + 16, 0, CK_UNVERIFIED, GENERATED);
    if (c.detail) f.setText(ck, `Checksum: 0x${hex4(value)} [unverified]`);
    return;
  }
  if (value === expected) {
    f.close(ck);
    f.add(TCP_F.checksumStatus, off + 16, 0, CK_GOOD, GENERATED);
    f.add(TCP_F.checksumCalculated, off + 16, 2, expected, GENERATED);
    if (c.detail) f.setText(ck, `Checksum: 0x${hex4(value)} [correct]`);
    return;
  }
  if (c.outbound && !quoted) {
    // sent by the capturing host: the NIC fills the checksum in after the capture point
    c.expert(f, TCP_F.checksumOffload, off + 16, 2, `Unverified checksum 0x${hex4(value)} on an outgoing frame: probably TCP checksum offload [computed 0x${hex4(expected)}]`);
    f.close(ck);
    f.add(TCP_F.checksumStatus, off + 16, 0, CK_UNVERIFIED, GENERATED);
    f.add(TCP_F.checksumCalculated, off + 16, 2, expected, GENERATED);
    if (c.detail) f.setText(ck, `Checksum: 0x${hex4(value)} [unverified, outgoing frame]`);
    return;
  }
  if (value === 0xffff && expected === 0) {
    // RFC 1624: the two zeros of ones' complement; tshark counts 0xffff as wrong here
    f.close(ck);
    f.add(TCP_F.checksumCalculated, off + 16, 2, expected, GENERATED);
    const st = f.add(TCP_F.checksumStatus, off + 16, 0, CK_BAD, GENERATED);
    expertOn(f, c, st, TCP_F.checksumFfff, 'TCP Checksum 0xffff instead of 0x0000 (see RFC 1624)');
    if (c.detail) f.setText(ck, `Checksum: 0x${hex4(value)} incorrect, should be 0x${hex4(expected)}`);
    return;
  }
  c.expert(f, TCP_F.checksumBad, off + 16, 2, `Bad checksum [should be 0x${hex4(expected)}]`);
  f.close(ck);
  f.add(TCP_F.checksumStatus, off + 16, 0, CK_BAD, GENERATED);
  f.add(TCP_F.checksumCalculated, off + 16, 2, expected, GENERATED);
  if (c.detail) f.setText(ck, `Checksum: 0x${hex4(value)} incorrect, should be 0x${hex4(expected)}(maybe caused by "TCP checksum offload"?)`);
}

/**
 * The bytes after the header: a reset's payload is the peer's reason text (tshark's
 * `tcp.reset_cause`); anything else is handed to the data dissector, named by port in the
 * Protocol column. Nothing is shown when none of it was captured, as in tshark.
 */
function dissectPayload(f: PacketFields, c: DissectCtx, h: Header, pOff: number, b: Bounds): void {
  const captured = b.cap - pOff;
  if (b.rep <= pOff || captured <= 0) return;
  const parent = f.parent;
  f.parent = h.layer;
  if (h.flags & RST) {
    resetCause(f, c, pOff, captured);
    f.parent = parent;
    return;
  }
  f.add(TCP_F.payload, pOff, captured);
  f.parent = parent;
  const service = h.quoted ? undefined : serviceName('tcp', h.sport, h.dport);
  if (service) c.setColumns(service, tcpInfo, h.layer);
  dissectData(f, c, pOff, b.cap, b.rep);
}

/**
 * The reason text of a reset: ASCII up to the first NUL (bytes above 0x7f become U+FFFD);
 * tshark flags non-NUL bytes after that NUL as "Trailing stray characters".
 */
function resetCause(f: PacketFields, c: DissectCtx, off: number, len: number): void {
  const bytes = c.buf.subarray(off, off + len);
  // tshark compares the decoded string (each replacement character takes 3 bytes in UTF-8)
  // with the byte count, so mirror that arithmetic to flag the same packets
  const decoded: number[] = [];
  for (const x of bytes) {
    if (x < 0x80) decoded.push(x);
    else decoded.push(0xef, 0xbf, 0xbd);
  }
  const nul = decoded.indexOf(0);
  const textLen = nul < 0 ? decoded.length : nul;
  let stray = false;
  for (let i = textLen; i < len && i < decoded.length; i++) {
    if (decoded[i] !== 0) {
      stray = true;
      break;
    }
  }
  let text = '';
  for (const x of bytes) {
    if (x === 0) break;
    text += x < 0x80 ? String.fromCharCode(x) : '\ufffd';
  }
  const r = f.addString(TCP_F.resetCause, off, len, text);
  if (stray) expertOn(f, c, r, TCP_F.stringTrailing, 'Trailing stray characters');
}

/** "Transmission Control Protocol, Src Port: 40000, Dst Port: 80, Seq: 0, Ack: 1, Len: 0" from what was recorded. */
export function layerLabel(f: PacketFields, layer: number, off: number, buf: Uint8Array, b: Bounds): string {
  let s = 'Transmission Control Protocol';
  if (b.cap - off < 4) return s;
  s += `, Src Port: ${u16(buf, off)}, Dst Port: ${u16(buf, off + 2)}`;
  if (b.cap - off < 16) return s;
  const flags = u16(buf, off + 12) & 0xfff;
  let seq = u32(buf, off + 4);
  let ack = u32(buf, off + 8);
  let len = NaN;
  for (let i = layer + 1; i < f.count; i++) {
    if (f.parents[i] !== layer) continue;
    if (f.ids[i] === TCP_F.seq) seq = f.vals[i]!;
    else if (f.ids[i] === TCP_F.ack) ack = f.vals[i]!;
    else if (f.ids[i] === TCP_F.len) len = f.vals[i]!;
  }
  s += `, Seq: ${seq}`;
  if (flags & ACK) s += `, Ack: ${ack}`;
  if (!Number.isNaN(len)) s += `, Len: ${len}`;
  return s;
}

registerIpProto(IPPROTO_TCP, dissectTcp);
