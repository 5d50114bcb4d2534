// A FlowPacket as a fixed-size record of 32-bit words, so the pass can hand packets to
// flow tracking in another thread through shared memory (threads/recordRing.ts) instead of
// messages. Everything the table reads from a packet is here; the tuple key and the
// direction are derived again on the other side (flowKey). The per-packet numbers fill the
// record's first 64 bytes (one cache line); a packet of a TCP/UDP conversation the other
// side has already seen leaves its tuple out (FlowTupleCache restores it), so most packets
// cost the two threads one cache line each instead of three.

import { Column } from '../index/growableColumns.js';
import { FlowPacket, type PacketTuple } from './flowTypes.js';

/** Words of one record (a multiple of 16, so records stay cache-line aligned and the leading float64 aligned). */
export const FLOW_RECORD_WORDS = 48;

// word offsets; TIME is a float64 over words 0-1
const W = {
  PACKET: 2,
  /** META_* bits, quoted l3 (bits 8-11), length of errSrc in words (12-15) */
  META: 3,
  REASON: 4,
  TCP_FLAGS: 5,
  SEQ: 6,
  ACK: 7,
  PAYLOAD: 8,
  WIN: 9,
  L3_BYTES: 10,
  FRAME_BYTES: 11,
  ERR_TTL: 12,
  /** where the other side notes this packet's flow for the next packet of its conversation, -1 for nowhere */
  HINT: 13,
  /** the tuple: proto, ports, ICMP type/code/id, then 4 words of source and 4 of destination address */
  TUPLE: 16,
  /** the quoted tuple of an ICMP error, same layout */
  QUOTED: 30,
  /** the error sender's address key, up to 8 16-bit words */
  ERR_SRC: 44,
} as const;
const TUPLE_WORDS = 14;
const TUPLE_SRC = 6;
const TUPLE_DST = 10;
/** META bits 0-3 hold the l3 version */
const META_ERROR = 16;
const META_CHECKSUM_BAD = 32;
/** the record carries its tuple (else the conversation's tuple, last sent, applies) */
const META_TUPLE = 64;
/** the packet's source sorts first among its endpoints (orderEndpoints) */
const META_SRC_FIRST = 128;

function putTuple(i32: Int32Array, u16: Uint16Array, at: number, t: PacketTuple): void {
  i32[at] = t.proto;
  i32[at + 1] = t.sport;
  i32[at + 2] = t.dport;
  i32[at + 3] = t.icmpType;
  i32[at + 4] = t.icmpCode;
  i32[at + 5] = t.icmpId;
  const n = t.l3 === 6 ? 8 : 2;
  const s = (at + TUPLE_SRC) * 2;
  const d = (at + TUPLE_DST) * 2;
  const sw = t.srcW;
  const dw = t.dstW;
  for (let i = 0; i < n; i++) {
    u16[s + i] = sw[i]!;
    u16[d + i] = dw[i]!;
  }
}

function takeTuple(i32: Int32Array, u16: Uint16Array, at: number, l3: number, t: PacketTuple): void {
  t.setWords(l3, u16, (at + TUPLE_SRC) * 2, (at + TUPLE_DST) * 2);
  t.proto = i32[at]!;
  t.sport = i32[at + 1]!;
  t.dport = i32[at + 2]!;
  t.icmpType = i32[at + 3]!;
  t.icmpCode = i32[at + 4]!;
  t.icmpId = i32[at + 5]!;
}

/**
 * Writes `p` as the record at word `at` (a multiple of FLOW_RECORD_WORDS) of `i32` (`u16`
 * and `f64` view the same memory), with `hint`: a number the same for every packet of one
 * conversation (TCP/UDP key), -1 when there is none, under which the table notes the
 * conversation's flow. With `tuple` false, which needs a hint and a packet whose endpoints
 * orderEndpoints() ordered (not a pair of equal ones), the tuple is left out: the reader
 * takes it from the conversation's last record that had one.
 */
export function encodeFlowPacket(p: FlowPacket, hint: number, tuple: boolean, i32: Int32Array, u16: Uint16Array, f64: Float64Array, at: number): void {
  f64[at >> 1] = p.time;
  i32[at + W.HINT] = hint;
  i32[at + W.PACKET] = p.packet;
  let meta = p.l3 | (p.isError ? META_ERROR : 0) | (p.checksumBad ? META_CHECKSUM_BAD : 0) | (p.srcFirst ? META_SRC_FIRST : 0);
  i32[at + W.REASON] = p.reason;
  i32[at + W.TCP_FLAGS] = p.tcpFlags;
  i32[at + W.SEQ] = p.seq;
  i32[at + W.ACK] = p.ack;
  i32[at + W.PAYLOAD] = p.payload;
  i32[at + W.WIN] = p.win;
  i32[at + W.L3_BYTES] = p.l3Bytes;
  i32[at + W.FRAME_BYTES] = p.frameBytes;
  i32[at + W.ERR_TTL] = p.errTtl;
  if (tuple || hint < 0) {
    putTuple(i32, u16, at + W.TUPLE, p);
    meta |= META_TUPLE;
  }
  if (p.isError) {
    const q = p.quoted;
    putTuple(i32, u16, at + W.QUOTED, q);
    const e = p.errSrc;
    const n = Math.min(e.length, 8);
    for (let i = 0; i < n; i++) u16[(at + W.ERR_SRC) * 2 + i] = e.charCodeAt(i);
    meta |= (q.l3 << 8) | (n << 12);
  }
  i32[at + W.META] = meta;
}

/**
 * The reading side's memory of each conversation's tuple (as its last record with one
 * carried it), for the records that leave it out.
 */
export class FlowTupleCache {
  private readonly words = new Column(Int32Array, 0);
  private u16 = new Uint16Array(0);

  /** Notes the tuple of the record at `at`, and its endpoint order, under `hint`. */
  note(i32: Int32Array, at: number, hint: number): void {
    const base = hint * TUPLE_WORDS;
    const w = this.words;
    if (base + TUPLE_WORDS > w.capacity) {
      w.ensure(base + TUPLE_WORDS);
      this.u16 = new Uint16Array(w.data.buffer);
    }
    w.data.set(i32.subarray(at + W.TUPLE, at + W.TUPLE + TUPLE_WORDS), base);
    // the l3 version and endpoint order go in the (unused) high half of the protocol word
    w.data[base] = (w.data[base]! & 0xffff) | ((i32[at + W.META]! & (15 | META_SRC_FIRST)) << 16);
  }

  /** Sets `p`'s tuple from the one noted under `hint`, turned round when `srcFirst` says its direction differs. */
  restore(hint: number, srcFirst: boolean, p: PacketTuple): void {
    const base = hint * TUPLE_WORDS;
    const d = this.words.data;
    const noted = d[base]! >>> 16;
    takeTuple(d, this.u16, base, noted & 15, p);
    p.proto = d[base]! & 0xffff;
    if (((noted & META_SRC_FIRST) !== 0) !== srcFirst) {
      const sw = p.srcW;
      const dw = p.dstW;
      for (let i = 0; i < 8; i++) {
        const x = sw[i]!;
        sw[i] = dw[i]!;
        dw[i] = x;
      }
      const sport = p.sport;
      p.sport = p.dport;
      p.dport = sport;
    }
  }
}

/** Reads the record at word `at` into `p` (every field the encoder writes); returns its hint. */
export function decodeFlowPacket(i32: Int32Array, u16: Uint16Array, f64: Float64Array, at: number, p: FlowPacket, tuples: FlowTupleCache): number {
  const meta = i32[at + W.META]!;
  const hint = i32[at + W.HINT]!;
  p.time = f64[at >> 1]!;
  p.packet = i32[at + W.PACKET]!;
  p.reason = i32[at + W.REASON]!;
  p.checksumBad = (meta & META_CHECKSUM_BAD) !== 0;
  p.tcpFlags = i32[at + W.TCP_FLAGS]!;
  p.seq = i32[at + W.SEQ]! >>> 0;
  p.ack = i32[at + W.ACK]! >>> 0;
  p.payload = i32[at + W.PAYLOAD]!;
  p.win = i32[at + W.WIN]!;
  p.l3Bytes = i32[at + W.L3_BYTES]!;
  p.frameBytes = i32[at + W.FRAME_BYTES]!;
  p.errTtl = i32[at + W.ERR_TTL]!;
  if (meta & META_TUPLE) {
    takeTuple(i32, u16, at + W.TUPLE, meta & 15, p);
    if (hint >= 0) tuples.note(i32, at, hint);
  } else {
    tuples.restore(hint, (meta & META_SRC_FIRST) !== 0, p);
  }
  p.isError = (meta & META_ERROR) !== 0;
  if (p.isError) {
    takeTuple(i32, u16, at + W.QUOTED, (meta >> 8) & 15, p.quoted);
    const n = (meta >> 12) & 15;
    const e = (at + W.ERR_SRC) * 2;
    p.errSrc = n === 2 ? String.fromCharCode(u16[e]!, u16[e + 1]!) : String.fromCharCode(...u16.subarray(e, e + n));
  } else {
    p.quoted.clear();
    p.errSrc = '';
  }
  return hint;
}
