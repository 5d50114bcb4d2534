// The fast index pass's decoder: reads an ordinary Ethernet frame (up to two VLAN tags,
// IPv4 without options or fragments, or IPv6 without extension headers, carrying TCP, UDP
// or an ICMP echo) straight into a LeanPacket, verifying every checksum on the way.
// It declines (returns false) anything on which the full dissector would say more than
// those numbers: a cut or malformed header, a bad checksum, options or flags that earn an
// expert entry, a trailer, another protocol. The caller then dissects the packet fully, so
// declining is always safe and only costs time; accepting must mean that the full
// dissector would record no expert above Chat and derive the same numbers
// (test/unit/engine/lean/leanParity.test.ts checks both paths agree on every corpus file).

import { foldSum } from '../dissect/checksum.js';
import { orderEndpoints } from '../flows/flowKey.js';
import { validTcpFlags } from '../flows/tcpStates.js';
import { REASON } from '../flows/flowTypes.js';
import type { LeanPacket } from './leanPacket.js';

const ETH_HEADER = 14;
const MIN_FRAME = 60;
const TCP_SYN = 0x02;
const TCP_RST = 0x04;
const TCP_ACK = 0x10;
const TCP_URG = 0x20;

function u16(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!;
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

/** The last buffer's 32-bit words (null when it does not start on a 4-byte boundary). */
let wordsBuffer: ArrayBufferLike | null = null;
let wordsBase = 0;
let words: Uint32Array | null = null;

function wordsOf(v: DataView): Uint32Array | null {
  if (v.buffer !== wordsBuffer || v.byteOffset !== wordsBase) {
    wordsBuffer = v.buffer;
    wordsBase = v.byteOffset;
    words = (v.byteOffset & 3) === 0 ? new Uint32Array(v.buffer, v.byteOffset, v.byteLength >>> 2) : null;
  }
  return words;
}

/**
 * Ones' complement sum of the big-endian 16-bit words in [off, end) of `v` (an odd last
 * byte is padded), folded to 16 bits (never 0 for data that is not all zero). The sum does
 * not depend on byte order (RFC 1071), so it is taken 32 bits at a time little-endian and
 * byte-swapped at the end; from an aligned word array when the data starts on an even
 * byte, which reads a third faster than a DataView.
 */
function sum16(v: DataView, off: number, end: number): number {
  let o = off;
  let s = 0;
  const w = (off & 1) === 0 ? wordsOf(v) : null;
  if (w) {
    if (o & 2 && o + 2 <= end) {
      s += v.getUint16(o, true);
      o += 2;
    }
    if ((o & 3) === 0) {
      let k = o >>> 2;
      const stop = end >>> 2;
      for (; k < stop; k++) s += w[k]!;
      o = k << 2;
    }
  } else {
    for (; o + 4 <= end; o += 4) s += v.getUint32(o, true);
  }
  if (o + 2 <= end) {
    s += v.getUint16(o, true);
    o += 2;
  }
  if (o < end) s += v.getUint8(o);
  s = foldSum(s);
  return ((s & 0xff) << 8) | (s >>> 8);
}

/**
 * Decodes one frame of `linkType`, bytes [start, start + capLen) of `buf` (`view` being a
 * DataView of the same bytes, at the same offsets), into `p`; offsets in `p` index `buf`.
 * Returns false when the frame is not one the fast pass handles; `p` is then meaningless.
 */
export function decodeLean(p: LeanPacket, buf: Uint8Array, view: DataView, start: number, capLen: number, origLen: number, linkType: number): boolean {
  const end = start + capLen;
  if (linkType !== 1 || capLen !== origLen || capLen < ETH_HEADER || end > buf.length) return false;
  // a group (multicast) source MAC earns an expert entry
  if (buf[start + 6]! & 1) return false;
  let type = u16(buf, start + 12);
  let off = start + ETH_HEADER;
  let tags = 0;
  while (type === 0x8100 || type === 0x88a8) {
    if (tags === 2 || off + 4 > end) return false;
    type = u16(buf, off + 2);
    off += 4;
    tags++;
  }
  p.buf = buf;
  const flow = p.flow;
  flow.clear();
  let ipEnd: number;
  let l4Off: number;
  let proto: number;
  let pseudo: number;
  if (type === 0x0800) {
    if (off + 20 > end || buf[off] !== 0x45) return false;
    const total = u16(buf, off + 2);
    ipEnd = off + total;
    // fragments, the reserved flag and header checksums that do not verify go the full way
    if (total < 20 || ipEnd > end || (u16(buf, off + 6) & 0xbfff) !== 0) return false;
    if (u16(buf, off + 10) === 0 || sum16(view, off, off + 20) !== 0xffff) return false;
    const ttl = buf[off + 8]!;
    proto = buf[off + 9]!;
    const src = u32(buf, off + 12);
    const dst = u32(buf, off + 16);
    // the TTL notes (local network control block, unicast TTL below 5)
    if (dst >>> 8 === 0xe00000 || (dst >>> 28 !== 0xe && ttl < 5)) return false;
    p.l3 = 4;
    p.v4src = src;
    p.v4dst = dst;
    flow.setIPv4(src, dst);
    flow.l3Bytes = total;
    flow.errTtl = ttl;
    p.ttl = ttl;
    l4Off = off + 20;
    pseudo = sum16(view, off + 12, off + 20) + proto + (total - 20);
  } else if (type === 0x86dd) {
    if (off + 40 > end || buf[off]! >> 4 !== 6) return false;
    const plen = u16(buf, off + 4);
    ipEnd = off + 40 + plen;
    proto = buf[off + 6]!;
    if (plen === 0 || ipEnd > end || (proto !== 6 && proto !== 17)) return false;
    p.l3 = 6;
    p.v6srcOff = off + 8;
    p.v6dstOff = off + 24;
    flow.setIPv6(buf, off + 8, buf, off + 24);
    flow.l3Bytes = 40 + plen;
    flow.errTtl = buf[off + 7]!;
    p.ttl = buf[off + 7]!;
    l4Off = off + 40;
    pseudo = sum16(view, off + 8, off + 40) + proto + plen;
  } else {
    return false;
  }
  // what follows the datagram: only the zero padding of a minimum-size untagged frame
  if (ipEnd < end) {
    if (tags !== 0 || capLen !== MIN_FRAME) return false;
    for (let i = ipEnd; i < end; i++) if (buf[i] !== 0) return false;
  }
  flow.proto = proto;
  flow.frameBytes = origLen;
  const ok = proto === 6 ? tcp(p, buf, view, l4Off, ipEnd, pseudo) : proto === 17 ? udp(p, buf, view, l4Off, ipEnd, pseudo) : proto === 1 ? icmpEcho(p, buf, view, l4Off, ipEnd) : false;
  if (!ok) return false;
  p.l4 = proto;
  p.l4Off = l4Off;
  // the endpoint order (direction) the conversation and flow tables key on
  if (proto !== 1) orderEndpoints(flow);
  p.slot = null;
  return true;
}

function tcp(p: LeanPacket, b: Uint8Array, v: DataView, off: number, end: number, pseudo: number): boolean {
  const segLen = end - off;
  if (segLen < 20) return false;
  const hdrLen = (b[off + 12]! >> 4) * 4;
  const flags = u16(b, off + 12) & 0xfff;
  const ack = u32(b, off + 8);
  if (hdrLen < 20 || hdrLen > segLen) return false;
  if ((ack !== 0 && !(flags & TCP_ACK)) || (u16(b, off + 18) !== 0 && !(flags & TCP_URG))) return false;
  const checksum = u16(b, off + 16);
  // the sum without the checksum field: adding its complement subtracts it (mod 0xffff)
  const expected = 0xffff - foldSum(pseudo + sum16(v, off, end) + (0xffff - checksum));
  if (expected !== checksum) return false;
  p.wscale = NaN;
  if (!tcpOptions(p, b, off + 20, off + hdrLen, flags)) return false;
  const payload = segLen - hdrLen;
  // a reset's payload is its reason text, which the full dissector shows
  if (flags & TCP_RST && payload > 0) return false;
  const flow = p.flow;
  flow.sport = u16(b, off);
  flow.dport = u16(b, off + 2);
  flow.seq = u32(b, off + 4);
  flow.ack = ack;
  flow.tcpFlags = flags;
  flow.payload = payload;
  flow.win = u16(b, off + 14);
  if (!validTcpFlags(flags)) flow.reason = REASON.TCP_FLAGS;
  return true;
}

/**
 * Options the full dissector records without comment: MSS (on a SYN), window scale up to
 * 14, SACK permitted, timestamps, NOP runs shorter than four, and zero padding after EOL.
 */
function tcpOptions(p: LeanPacket, b: Uint8Array, pos: number, end: number, flags: number): boolean {
  if (pos >= end) return true;
  let nops = 0;
  let mss = false;
  while (pos < end) {
    const kind = b[pos]!;
    if (kind === 0) {
      for (let i = pos + 1; i < end; i++) if (b[i] !== 0) return false;
      break;
    }
    if (kind === 1) {
      if (++nops === 4) return false;
      pos++;
      continue;
    }
    nops = 0;
    if (pos + 1 >= end) return false;
    const len = b[pos + 1]!;
    if (len < 2 || pos + len > end) return false;
    if (kind === 2) {
      if (len !== 4 || !(flags & TCP_SYN)) return false;
      mss = true;
    } else if (kind === 3) {
      if (len !== 3 || b[pos + 2]! > 14) return false;
      p.wscale = b[pos + 2]!;
    } else if ((kind !== 4 || len !== 2) && (kind !== 8 || len !== 10)) {
      return false;
    }
    pos += len;
  }
  // options on a SYN without MSS earn a note
  return mss || !(flags & TCP_SYN);
}

function udp(p: LeanPacket, b: Uint8Array, v: DataView, off: number, end: number, pseudo: number): boolean {
  const length = end - off;
  if (length < 8 || u16(b, off + 4) !== length) return false;
  const checksum = u16(b, off + 6);
  // zero (no checksum, or illegal over IPv6) gets its own status; 0xffff stands for a computed zero
  if (checksum === 0 || foldSum(pseudo + sum16(v, off, end)) !== 0xffff) return false;
  const flow = p.flow;
  flow.sport = u16(b, off);
  flow.dport = u16(b, off + 2);
  flow.payload = length - 8;
  return true;
}

/** An ICMP echo request or reply whose checksum verifies. */
function icmpEcho(p: LeanPacket, b: Uint8Array, v: DataView, off: number, end: number): boolean {
  if (end - off < 8) return false;
  const type = b[off]!;
  if ((type !== 0 && type !== 8) || b[off + 1] !== 0 || sum16(v, off, end) !== 0xffff) return false;
  p.icmpSeq = u16(b, off + 6);
  const flow = p.flow;
  flow.icmpType = type;
  flow.icmpCode = 0;
  flow.icmpId = u16(b, off + 4);
  flow.payload = end - off - 8;
  return true;
}
