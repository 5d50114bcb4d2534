// Decoding of the pcapng blocks that describe rather than carry packets: section header
// (SHB), interface description (IDB), interface statistics (ISB) and name resolution (NRB),
// with their options. These are rare, so clarity wins over speed here. Every function gets
// the block's index `i` in `buf` and its validated total length `len`.

import { formatIPv4, formatIPv6 } from '../fields/addressFormat.js';
import type { InterfaceStats } from './readerTypes.js';
import { countToSeconds, type TsUnits } from './timestamps.js';

export const BT_SHB = 0x0a0d0d0a;
export const BT_IDB = 1;
export const BT_PB = 2;
export const BT_SPB = 3;
export const BT_NRB = 4;
export const BT_ISB = 5;
export const BT_EPB = 6;
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

export const OPT_COMMENT = 1;

const utf8 = new TextDecoder('utf-8');

/** UTF-8 text of buf[a, a + n), without the NUL padding some writers include. */
export function optionText(buf: Uint8Array, a: number, n: number): string {
  let e = a + n;
  while (e > a && buf[e - 1] === 0) e--;
  return utf8.decode(buf.subarray(a, e));
}

/** Calls visit(code, valueIndex, valueLength) per option in buf[start, end); stops at opt_endofopt or a bad length. */
export function forEachOption(
  v: DataView, start: number, end: number, le: boolean,
  visit: (code: number, at: number, n: number) => void,
): void {
  let p = start;
  while (p + 4 <= end) {
    const code = v.getUint16(p, le);
    const n = v.getUint16(p + 2, le);
    if (code === 0 || p + 4 + n > end) return;
    visit(code, p + 4, n);
    p += 4 + ((n + 3) & ~3);
  }
}

function uint64(v: DataView, at: number, le: boolean): number {
  return Number(v.getBigUint64(at, le));
}

export interface SectionInfo {
  versionMajor: number;
  versionMinor: number;
  comments: string[];
  hardware?: string;
  os?: string;
  application?: string;
}

export function parseShb(buf: Uint8Array, v: DataView, i: number, len: number, le: boolean): SectionInfo {
  const s: SectionInfo = { versionMajor: v.getUint16(i + 12, le), versionMinor: v.getUint16(i + 14, le), comments: [] };
  forEachOption(v, i + 24, i + len - 4, le, (code, at, n) => {
    if (code === OPT_COMMENT) s.comments.push(optionText(buf, at, n));
    else if (code === 2) s.hardware = optionText(buf, at, n);
    else if (code === 3) s.os = optionText(buf, at, n);
    else if (code === 4) s.application = optionText(buf, at, n);
  });
  return s;
}

export interface InterfaceInfo {
  linkType: number;
  snaplen: number;
  name?: string;
  description?: string;
  filter?: string;
  os?: string;
  /** if_tsresol byte (6 = microseconds when absent). */
  tsresol: number;
  /** if_tsoffset in seconds. */
  tsoffset: number;
}

export function parseIdb(buf: Uint8Array, v: DataView, i: number, len: number, le: boolean): InterfaceInfo {
  const d: InterfaceInfo = { linkType: v.getUint16(i + 8, le), snaplen: v.getUint32(i + 12, le), tsresol: 6, tsoffset: 0 };
  forEachOption(v, i + 16, i + len - 4, le, (code, at, n) => {
    if (code === 2) d.name = optionText(buf, at, n);
    else if (code === 3) d.description = optionText(buf, at, n);
    else if (code === 9 && n >= 1) d.tsresol = buf[at]!;
    // the first byte says what kind of filter follows (0: libpcap expression)
    else if (code === 11 && n >= 1) d.filter = optionText(buf, at + 1, n - 1);
    else if (code === 12) d.os = optionText(buf, at, n);
    else if (code === 14 && n >= 8) d.tsoffset = Number(v.getBigInt64(at, le));
  });
  return d;
}

/** Section-local interface id of an ISB. */
export function isbInterface(v: DataView, i: number, le: boolean): number {
  return v.getUint32(i + 8, le);
}

export function parseIsb(v: DataView, i: number, len: number, le: boolean, units: TsUnits): InterfaceStats {
  const s: InterfaceStats = {};
  forEachOption(v, i + 20, i + len - 4, le, (code, at, n) => {
    if (n < 8) return;
    // start/end times are stored like packet timestamps: high 32 bits first
    if (code === 2) s.startTime = countToSeconds(v.getUint32(at, le), v.getUint32(at + 4, le), units);
    else if (code === 3) s.endTime = countToSeconds(v.getUint32(at, le), v.getUint32(at + 4, le), units);
    else if (code === 4) s.received = uint64(v, at, le);
    else if (code === 5) s.dropped = uint64(v, at, le);
    else if (code === 7) s.osDropped = uint64(v, at, le);
  });
  return s;
}

/** Adds the IPv4/IPv6 name records of an NRB to `names` (address text -> first name). */
export function parseNrb(buf: Uint8Array, v: DataView, i: number, len: number, le: boolean, names: Map<string, string>): void {
  const end = i + len - 4;
  let p = i + 8;
  while (p + 4 <= end) {
    const type = v.getUint16(p, le);
    const n = v.getUint16(p + 2, le);
    const value = p + 4;
    if (type === 0 || value + n > end) return;
    const addrLen = type === 1 ? 4 : type === 2 ? 16 : 0;
    if (addrLen > 0 && n > addrLen) {
      const addr = addrLen === 4 ? formatIPv4(buf, value) : formatIPv6(buf, value);
      let z = value + addrLen;
      while (z < value + n && buf[z] !== 0) z++;
      const name = optionText(buf, value + addrLen, z - value - addrLen);
      if (name) names.set(addr, name);
    }
    p = value + ((n + 3) & ~3);
  }
}
