// A summary line's makings as a fixed-size record of 32-bit words, so the pass can hand
// lines to a thread that writes them (summaryWriterThread.ts): the frame's number, time
// and length, and for an ordinary packet the numbers the lean line is built from (its
// addresses, ports, TCP header bytes) with what the analyzers noted about it. A packet
// dissected in full travels as its four column texts, over the message port beside the ring.

import type { FrameMeta } from '../engine/dissect/context.js';
import type { LeanPacket } from '../engine/lean/leanPacket.js';
import { TA } from '../engine/analysis/tcpAnalysis.js';
import type { LeanLineNotes } from '../engine/lean/leanSummary.js';

export const SUMMARY_RECORD_WORDS = 50;

export const LINE_KIND = { LEAN: 1, TEXT: 2 } as const;

/** The ring's user word once the writer's output is closed: the pass may stop. */
export const OUTPUT_CLOSED = 1;

const W = {
  KIND: 0,
  NUMBER: 1,
  TS_SEC: 2,
  TS_NSEC: 3,
  ORIG_LEN: 4,
  /** digits of the time column's fraction */
  DIGITS: 5,
  /** l3 (bits 0-3), l4 (4-11), direction in the stream (12) */
  LAYERS: 6,
  STREAM: 7,
  V4_SRC: 8,
  V4_DST: 9,
  SPORT: 10,
  DPORT: 11,
  TCP_FLAGS: 12,
  PAYLOAD: 13,
  ICMP_TYPE: 14,
  ICMP_CODE: 15,
  ICMP_ID: 16,
  ICMP_SEQ: 17,
  TTL: 18,
  REL_SEQ: 19,
  REL_ACK: 20,
  WINDOW: 21,
  TA: 22,
  DUP_NUM: 23,
  DUP_FRAME: 24,
  REQUEST: 25,
  /** IPv6 source and destination, 16 bytes each */
  V6: 26,
  /** the TCP header (at most 60 bytes): what the line reads of it, the urgent pointer and the options, at their places */
  TCP_HEADER: 34,
} as const;
const MAX_TCP_HEADER = 60;
/** the TCP header's data offset (its length in words, high nibble) and urgent pointer */
const TCP_DATA_OFFSET = 12;
const TCP_URGENT = 18;

/** Writes the frame's part of a record (every kind has it). */
export function encodeFrame(i32: Int32Array, at: number, kind: number, m: FrameMeta, digits: number): void {
  i32[at + W.KIND] = kind;
  i32[at + W.NUMBER] = m.number;
  i32[at + W.TS_SEC] = m.tsSec;
  i32[at + W.TS_NSEC] = m.tsNsec;
  i32[at + W.ORIG_LEN] = m.origLen;
  i32[at + W.DIGITS] = digits;
}

/** Reads the frame's part into `m`; returns the record's kind. */
export function decodeFrame(i32: Int32Array, at: number, m: FrameMeta): number {
  m.number = i32[at + W.NUMBER]!;
  m.tsSec = i32[at + W.TS_SEC]! >>> 0;
  m.tsNsec = i32[at + W.TS_NSEC]! >>> 0;
  m.origLen = i32[at + W.ORIG_LEN]! >>> 0;
  return i32[at + W.KIND]!;
}

export function recordDigits(i32: Int32Array, at: number): number {
  return i32[at + W.DIGITS]!;
}

/** Writes what a lean line is built from (after encodeFrame with LINE_KIND.LEAN). */
export function encodeLean(i32: Int32Array, u8: Uint8Array, at: number, p: LeanPacket, n: LeanLineNotes): void {
  const t = p.flow;
  i32[at + W.LAYERS] = p.l3 | (p.l4 << 4) | (p.dir << 12);
  i32[at + W.STREAM] = p.stream;
  i32[at + W.SPORT] = t.sport;
  i32[at + W.DPORT] = t.dport;
  i32[at + W.PAYLOAD] = t.payload;
  const b = p.buf;
  if (p.l3 === 4) {
    i32[at + W.V4_SRC] = p.v4src;
    i32[at + W.V4_DST] = p.v4dst;
  } else {
    const v6 = (at + W.V6) * 4;
    for (let i = 0; i < 16; i++) {
      u8[v6 + i] = b[p.v6srcOff + i]!;
      u8[v6 + 16 + i] = b[p.v6dstOff + i]!;
    }
  }
  if (p.l4 === 6) {
    i32[at + W.TCP_FLAGS] = t.tcpFlags;
    i32[at + W.REL_SEQ] = p.relSeq;
    i32[at + W.REL_ACK] = p.relAck;
    i32[at + W.WINDOW] = n.window;
    i32[at + W.TA] = n.ta;
    i32[at + W.DUP_NUM] = n.dupNum;
    i32[at + W.DUP_FRAME] = n.dupFrame;
    // the rest of the header is in the numbers above
    const o = p.l4Off;
    const h = (at + W.TCP_HEADER) * 4;
    const len = Math.min((b[o + TCP_DATA_OFFSET]! >> 4) * 4, MAX_TCP_HEADER);
    u8[h + TCP_DATA_OFFSET] = b[o + TCP_DATA_OFFSET]!;
    u8[h + TCP_URGENT] = b[o + TCP_URGENT]!;
    u8[h + TCP_URGENT + 1] = b[o + TCP_URGENT + 1]!;
    for (let i = 20; i < len; i++) u8[h + i] = b[o + i]!;
  } else if (p.l4 === 1) {
    i32[at + W.ICMP_TYPE] = t.icmpType;
    i32[at + W.ICMP_CODE] = t.icmpCode;
    i32[at + W.ICMP_ID] = t.icmpId;
    i32[at + W.ICMP_SEQ] = p.icmpSeq;
    i32[at + W.TTL] = p.ttl;
    i32[at + W.REQUEST] = n.request;
  }
}

/**
 * Reads a lean record into `p` and `n`. `p.buf` becomes the ring's bytes, with the IPv6
 * addresses and the TCP header at their places in the record.
 */
export function decodeLean(i32: Int32Array, u8: Uint8Array, at: number, p: LeanPacket, n: LeanLineNotes): void {
  const t = p.flow;
  const layers = i32[at + W.LAYERS]!;
  p.buf = u8;
  p.l3 = layers & 15;
  p.l4 = (layers >> 4) & 255;
  p.dir = (layers >> 12) & 1;
  p.stream = i32[at + W.STREAM]!;
  t.sport = i32[at + W.SPORT]!;
  t.dport = i32[at + W.DPORT]!;
  t.payload = i32[at + W.PAYLOAD]!;
  p.v4src = i32[at + W.V4_SRC]! >>> 0;
  p.v4dst = i32[at + W.V4_DST]! >>> 0;
  p.v6srcOff = (at + W.V6) * 4;
  p.v6dstOff = p.v6srcOff + 16;
  if (p.l4 === 6) {
    t.tcpFlags = i32[at + W.TCP_FLAGS]!;
    p.relSeq = i32[at + W.REL_SEQ]! >>> 0;
    p.relAck = i32[at + W.REL_ACK]! >>> 0;
    n.window = i32[at + W.WINDOW]!;
    n.ta = i32[at + W.TA]!;
    const dup = (n.ta & TA.duplicateAck) !== 0;
    n.dupNum = dup ? i32[at + W.DUP_NUM]! : NaN;
    n.dupFrame = dup ? i32[at + W.DUP_FRAME]! : NaN;
    p.l4Off = (at + W.TCP_HEADER) * 4;
  } else if (p.l4 === 1) {
    t.icmpType = i32[at + W.ICMP_TYPE]!;
    t.icmpCode = i32[at + W.ICMP_CODE]!;
    t.icmpId = i32[at + W.ICMP_ID]!;
    p.icmpSeq = i32[at + W.ICMP_SEQ]!;
    p.ttl = i32[at + W.TTL]!;
    n.request = i32[at + W.REQUEST]!;
  }
}
