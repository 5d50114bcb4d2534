// Tuple keys for the flow table and address keys: an address is kept as a short string of
// 16-bit character codes (2 for IPv4, 8 for IPv6), cheap to build from a packet, usable as
// a Map key, and turned into text only when a flow is printed.

import type { PacketTuple } from './flowTypes.js';
import { formatHexBytes, formatIPv4Number, formatIPv6 } from '../fields/addressFormat.js';

const ICMP4_REPLY_OF: Readonly<Record<number, number>> = { 8: 0, 13: 14, 15: 16, 17: 18 };
const ICMP4_REQUEST_OF: Readonly<Record<number, number>> = { 0: 8, 14: 13, 16: 15, 18: 17 };
const ICMP6_REPLY_OF: Readonly<Record<number, number>> = { 128: 129, 139: 140 };
const ICMP6_REQUEST_OF: Readonly<Record<number, number>> = { 129: 128, 140: 139 };

export function icmpProto(l3: number): number {
  return l3 === 6 ? 58 : 1;
}

/** Query types that can open a flow (echo, timestamp, information, address mask / echo, node information). */
export function isIcmpRequest(l3: number, type: number): boolean {
  return (l3 === 6 ? ICMP6_REPLY_OF : ICMP4_REPLY_OF)[type] !== undefined;
}

/** The reply type conntrack expects for a query type (and vice versa), or -1. */
export function icmpInverseType(l3: number, type: number): number {
  const v = l3 === 6 ? (ICMP6_REPLY_OF[type] ?? ICMP6_REQUEST_OF[type]) : (ICMP4_REPLY_OF[type] ?? ICMP4_REQUEST_OF[type]);
  return v ?? -1;
}

/** Error messages the kernel relates to the flow of the datagram they quote. */
export function isIcmpError(l3: number, type: number): boolean {
  if (l3 === 6) return type < 128;
  return type === 3 || type === 4 || type === 5 || type === 11 || type === 12;
}

export function ipv4Key(v: number): string {
  return String.fromCharCode(v >>> 16, v & 0xffff);
}

/** The key of a 16-byte IPv6 address: its eight words, in one allocation. */
export function ipv6Key(b: Uint8Array): string {
  const w = (i: number): number => (b[i]! << 8) | b[i + 1]!;
  return String.fromCharCode(w(0), w(2), w(4), w(6), w(8), w(10), w(12), w(14));
}

/**
 * One of the two address keys inside a table key (see flowKey below): the endpoint that
 * sorts first, or the other one.
 */
export function keyAddress(key: string, l3: number, proto: number, second: boolean): string {
  const n = l3 === 4 ? 2 : 8;
  // TCP/UDP/other keys carry a port after each address; ICMP keys put the addresses side by side
  const at = second ? 2 + n + (proto === icmpProto(l3) ? 0 : 1) : 2;
  return key.slice(at, at + n);
}

/** Text of an address key: dotted quad, RFC 5952 IPv6, or /proc's zero-padded IPv6. */
export function addressText(key: string, padded = false): string {
  if (key.length === 2) return formatIPv4Number(key.charCodeAt(0) * 65536 + key.charCodeAt(1));
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    bytes[2 * i] = key.charCodeAt(i) >> 8;
    bytes[2 * i + 1] = key.charCodeAt(i) & 255;
  }
  if (padded) return formatHexBytes(bytes, 0, 16).replace(/(.{4})(?!$)/g, '$1:');
  return formatIPv6(bytes, 0);
}

/**
 * The table key of a tuple: the same for both directions of a flow, built in one string
 * allocation. TCP/UDP and other protocols sort their two endpoints (and note on the tuple
 * whether its source came first, which gives the direction); ICMP queries key on the
 * request side, so an echo request and its reply meet while a request sent the other way
 * is another flow. Returns '' when the tuple cannot be tracked (an ICMP type that is not a
 * query).
 */
/**
 * Notes on a TCP/UDP (or other non-ICMP) tuple which endpoint sorts first in its key
 * (srcFirst, samePair), as flowKey() does, without building the key; returns the
 * comparison (negative: the source sorts first).
 */
export function orderEndpoints(t: PacketTuple): number {
  const s = t.srcW;
  const d = t.dstW;
  const n = t.l3 === 4 ? 2 : 8;
  let cmp = 0;
  for (let i = 0; i < n && cmp === 0; i++) cmp = s[i]! - d[i]!;
  if (cmp === 0 && (t.proto === 6 || t.proto === 17)) cmp = t.sport - t.dport;
  t.srcFirst = cmp <= 0;
  t.samePair = cmp === 0;
  return cmp;
}

export function flowKey(t: PacketTuple): string {
  const s = t.srcW;
  const d = t.dstW;
  const l3 = t.l3;
  const proto = t.proto;
  const ports = proto === 6 || proto === 17;
  if (proto === icmpProto(l3)) {
    let type = t.icmpType;
    let first = true;
    if (!isIcmpRequest(l3, type)) {
      type = icmpInverseType(l3, type);
      if (type < 0) return '';
      first = false;
    }
    t.srcFirst = first;
    t.samePair = false;
    const a = first ? s : d;
    const b = first ? d : s;
    return l3 === 4
      ? String.fromCharCode(l3, proto, a[0]!, a[1]!, b[0]!, b[1]!, type, t.icmpCode, t.icmpId)
      : String.fromCharCode(l3, proto, a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!, a[7]!, b[0]!, b[1]!, b[2]!, b[3]!, b[4]!, b[5]!, b[6]!, b[7]!, type, t.icmpCode, t.icmpId);
  }
  const cmp = orderEndpoints(t);
  const sp = ports ? t.sport : 0;
  const dp = ports ? t.dport : 0;
  const a = cmp <= 0 ? s : d;
  const b = cmp <= 0 ? d : s;
  const ap = cmp <= 0 ? sp : dp;
  const bp = cmp <= 0 ? dp : sp;
  return l3 === 4
    ? String.fromCharCode(l3, proto, a[0]!, a[1]!, ap, b[0]!, b[1]!, bp)
    : String.fromCharCode(l3, proto, a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!, a[7]!, ap, b[0]!, b[1]!, b[2]!, b[3]!, b[4]!, b[5]!, b[6]!, b[7]!, bp);
}
