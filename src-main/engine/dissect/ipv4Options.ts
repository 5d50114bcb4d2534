// IPv4 header options (RFC 791 and later): the type-length walk with tshark's handling of
// bad lengths (a warning that ends the walk), and the fields of each option tshark knows.
// An option whose own length is too short for its fixed fields is a malformed packet: the
// walk reports that by returning false after recording what the option did hold.

import type { PacketFields } from '../fields/packetFields.js';
import { HIDDEN } from '../fields/packetFields.js';
import { formatIPv4 } from '../fields/addressFormat.js';
import type { DissectCtx } from './context.js';
import { IP_EXPERT, IP_F, IP_OPT } from './ipv4Fields.js';

const EOL = 0;
const NOP = 1;
const RECORD_ROUTE = 7;
const LOOSE_ROUTE = 0x83;
const STRICT_ROUTE = 0x89;
const TIMESTAMP = 0x44;

type Body = (f: PacketFields, c: DissectCtx, p: number, end: number, w: OptionWalk) => boolean;

interface OptionKind {
  name: string;
  field: number;
  /** the length the option must have; a different one is reported but still dissected */
  fixedLen?: number;
  body: Body;
}

/** What the walk needs besides the bytes: where an unfinished source route's final destination lies. */
interface OptionWalk {
  /** offset of the address that is the datagram's real destination (source routing), or -1 */
  finalDstOff: number;
  /** record of the option subtree being filled, for its tree label */
  subtree: number;
}

function u16(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!;
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

function addAddress(f: PacketFields, c: DissectCtx, id: number, o: number): number {
  return f.add(id, o, 4, u32(c.buf, o));
}

/** Record route and both source routes: pointer, then the addresses before, at and after it. */
const route: Body = (f, c, p, end, w) => {
  if (p + 3 > end) return false;
  const ptr = c.buf[p + 2]!;
  f.add(IP_OPT.ptr, p + 2, 1, ptr);
  if (ptr < 4) {
    c.expert(f, IP_EXPERT.ptrBeforeAddress, p + 2, 1, 'Pointer points before first address');
    return true;
  }
  if (ptr % 4 !== 0) {
    c.expert(f, IP_EXPERT.ptrMiddleAddress, p + 2, 1, 'Pointer points to middle of address');
    return true;
  }
  const recording = c.buf[p] === RECORD_ROUTE;
  for (let q = p + 3; q < end; q += 4) {
    if (end - q < 4) {
      c.expert(f, IP_EXPERT.suboptTooLong, q, end - q, 'Suboption would go past end of option');
      break;
    }
    const position = q - p + 1;
    let id: number;
    if (position < ptr) id = IP_OPT.recRt;
    else if (recording) id = IP_OPT.emptyRt;
    else id = q === w.finalDstOff ? IP_F.dst : IP_OPT.srcRt;
    const i = addAddress(f, c, id, q);
    if (id === IP_F.dst) f.add(IP_F.addr, q, 4, f.vals[i]!, HIDDEN);
    if (c.detail) {
      const label = id === IP_OPT.recRt ? 'Recorded Route' : id === IP_OPT.emptyRt ? 'Empty Route' : id === IP_F.dst ? 'Destination Address' : 'Source Route';
      f.setText(i, `${label}: ${formatIPv4(c.buf, q)}${position === ptr ? ' <- (next)' : ''}`);
    }
  }
  return true;
};

const timestamp: Body = (f, c, p, end) => {
  if (p + 3 > end) return false;
  const ptr = c.buf[p + 2]!;
  const ptrRec = f.add(IP_OPT.ptr, p + 2, 1, ptr);
  if (c.detail) {
    const note = ptr < 5 ? ' (points before first address)' : (ptr - 1) % 4 !== 0 ? ' (points to middle of field)' : '';
    f.setText(ptrRec, `Pointer: ${ptr}${note}`);
  }
  if (p + 4 > end) return false;
  const of = c.buf[p + 3]!;
  f.add(IP_OPT.overflow, p + 3, 1, of >> 4);
  const flag = of & 0x0f;
  f.add(IP_OPT.flag, p + 3, 1, flag);
  const withAddress = flag === 1 || flag === 3;
  const step = withAddress ? 8 : 4;
  for (let q = p + 4; q < end; q += step) {
    if (end - q < step) {
      c.expert(f, IP_EXPERT.suboptTooLong, q, end - q, 'Suboption would go past end of option');
      break;
    }
    if (withAddress) {
      addAddress(f, c, IP_OPT.timeStampAddr, q);
      f.add(IP_OPT.timeStamp, q + 4, 4, u32(c.buf, q + 4));
    } else {
      f.add(IP_OPT.timeStamp, q, 4, u32(c.buf, q));
    }
  }
  return true;
};

function u16Body(id: number): Body {
  return (f, c, p, end) => {
    if (p + 4 > end) return false;
    f.add(id, p + 2, 2, u16(c.buf, p + 2));
    return true;
  };
}

const routerAlert: Body = (f, c, p, end, w) => {
  if (p + 4 > end) return false;
  const v = u16(c.buf, p + 2);
  f.add(IP_OPT.ra, p + 2, 2, v);
  if (c.detail) {
    const meaning = v === 0 ? 'Router shall examine packet' : 'Reserved';
    f.setText(w.subtree, `IP Option - Router Alert (4 bytes): ${meaning} (${v})`);
  }
  return true;
};

const traceroute: Body = (f, c, p, end) => {
  if (p + 4 > end) return false;
  f.add(IP_OPT.idNumber, p + 2, 2, u16(c.buf, p + 2));
  if (p + 6 > end) return false;
  f.add(IP_OPT.ohc, p + 4, 2, u16(c.buf, p + 4));
  if (p + 8 > end) return false;
  f.add(IP_OPT.rhc, p + 6, 2, u16(c.buf, p + 6));
  if (p + 12 > end) return false;
  addAddress(f, c, IP_OPT.originator, p + 8);
  return true;
};

const quickStart: Body = (f, c, p, end) => {
  if (p + 3 > end) return false;
  const b = c.buf[p + 2]!;
  f.add(IP_OPT.qsFunc, p + 2, 1, b >> 4);
  f.add(IP_OPT.qsRate, p + 2, 1, b & 0x0f);
  if (p + 4 > end) return false;
  f.add(IP_OPT.qsTtl, p + 3, 1, c.buf[p + 3]!);
  if (p + 8 > end) return false;
  f.add(IP_OPT.qsNonce, p + 4, 4, (u32(c.buf, p + 4) & 0xfffffffc) >>> 2);
  return true;
};

const security: Body = (f, c, p, end) => {
  if (p + 3 > end) return false;
  f.add(IP_OPT.secCl, p + 2, 1, c.buf[p + 2]!);
  if (p + 3 < end) f.add(IP_OPT.secFlags, p + 3, 1, c.buf[p + 3]!);
  return true;
};

const extSecurity: Body = (f, c, p, end) => {
  if (p + 3 > end) return false;
  f.add(IP_OPT.extSecFormat, p + 2, 1, c.buf[p + 2]!);
  if (p + 3 < end) f.add(IP_OPT.extSecInfo, p + 3, end - p - 3);
  return true;
};

const cipso: Body = (f, c, p, end) => {
  if (p + 6 > end) return false;
  f.add(IP_OPT.cipsoDoi, p + 2, 4, u32(c.buf, p + 2));
  return true;
};

const directedBroadcast: Body = (f, c, p, end) => {
  let q = p + 2;
  for (; q + 4 <= end; q += 4) addAddress(f, c, IP_OPT.addr, q);
  if (q < end) f.add(IP_OPT.padding, q, end - q);
  return true;
};

const KINDS: ReadonlyMap<number, OptionKind> = new Map<number, OptionKind>([
  [RECORD_ROUTE, { name: 'Record Route', field: IP_OPT.recordRoute, body: route }],
  [LOOSE_ROUTE, { name: 'Loose Source Route', field: IP_OPT.looseRoute, body: route }],
  [STRICT_ROUTE, { name: 'Strict Source Route', field: IP_OPT.strictRoute, body: route }],
  [TIMESTAMP, { name: 'Time Stamp', field: IP_OPT.timestamp, body: timestamp }],
  [0x94, { name: 'Router Alert', field: IP_OPT.routerAlert, fixedLen: 4, body: routerAlert }],
  [0x88, { name: 'Stream ID', field: IP_OPT.streamId, fixedLen: 4, body: u16Body(IP_OPT.sid) }],
  [11, { name: 'MTU Probe', field: IP_OPT.mtuProbe, fixedLen: 4, body: u16Body(IP_OPT.mtu) }],
  [12, { name: 'MTU Reply', field: IP_OPT.mtuReply, fixedLen: 4, body: u16Body(IP_OPT.mtu) }],
  [82, { name: 'Traceroute', field: IP_OPT.traceroute, fixedLen: 12, body: traceroute }],
  [25, { name: 'Quick-Start', field: IP_OPT.quickStart, fixedLen: 8, body: quickStart }],
  [0x82, { name: 'Security', field: IP_OPT.security, body: security }],
  [0x85, { name: 'Extended Security', field: IP_OPT.extSecurity, body: extSecurity }],
  [0x86, { name: 'Commercial Security', field: IP_OPT.cipso, body: cipso }],
  [0x95, { name: 'Selective Directed Broadcast', field: IP_OPT.sdb, body: directedBroadcast }],
]);

function addType(f: PacketFields, c: DissectCtx, p: number): void {
  const t = c.buf[p]!;
  const i = f.open(IP_OPT.type, p, 1, t);
  f.add(IP_OPT.typeCopy, p, 1, t >> 7);
  f.add(IP_OPT.typeClass, p, 1, (t >> 5) & 3);
  f.add(IP_OPT.typeNumber, p, 1, t & 0x1f);
  f.close(i);
}

function hex2(v: number): string {
  return v.toString(16).padStart(2, '0');
}

/**
 * The offset of the real destination address when the options hold a source route that is
 * not finished yet (a valid pointer not past the option): the option's last four bytes,
 * aligned or not, as tshark takes them. tshark then shows the header's destination as the
 * current route (`ip.cur_rt`) and uses the final one for `ip.dst`, the Destination column
 * and the transport pseudo-header. -1 when there is none.
 */
export function sourceRouteDestination(buf: Uint8Array, start: number, end: number): number {
  for (let p = start; p < end; ) {
    const t = buf[p]!;
    if (t === EOL) return -1;
    if (t === NOP) {
      p++;
      continue;
    }
    if (p + 1 >= end) return -1;
    const len = buf[p + 1]!;
    if (len < 2 || p + len > end) return -1;
    if ((t === LOOSE_ROUTE || t === STRICT_ROUTE) && len >= 3) {
      const ptr = buf[p + 2]!;
      if (ptr >= 4 && ptr % 4 === 0 && ptr <= len) return p + len - 4;
    }
    p += len;
  }
  return -1;
}

/**
 * Records the options in [start, end) (the caller made sure all of it was captured).
 * Returns false when an option was too short for the fields it must hold: tshark reports
 * such a packet as malformed and stops dissecting it.
 */
export function dissectIPv4Options(f: PacketFields, c: DissectCtx, start: number, end: number, finalDstOff: number): boolean {
  const top = f.open(IP_OPT.options, start, end - start);
  const names: string[] = [];
  const w: OptionWalk = { finalDstOff, subtree: -1 };
  let nops = 0;
  let ok = true;
  for (let p = start; p < end; ) {
    const t = c.buf[p]!;
    if (t === EOL || t === NOP) {
      if (t === NOP && ++nops === 4) {
        c.expert(f, IP_EXPERT.nop, p, 1, '4 NOP in a row - a router may have removed some options');
      }
      const sub = f.open(t === EOL ? IP_OPT.eol : IP_OPT.nop, p, 1);
      addType(f, c, p);
      f.close(sub);
      if (t === EOL) break;
      p++;
      continue;
    }
    nops = 0;
    const kind = KINDS.get(t);
    const name = kind ? kind.name : `Unknown (0x${hex2(t)})`;
    if (p + 1 >= end) {
      c.expert(f, IP_EXPERT.optLenInvalid, p, 1, `${name} (length byte past end of options)`);
      break;
    }
    const len = c.buf[p + 1]!;
    if (len < 2) {
      const unit = len === 1 ? 'byte' : 'bytes';
      c.expert(f, IP_EXPERT.optLenInvalid, p, 2, `${name} (with too-short option length = ${len} ${unit})`);
      break;
    }
    if (p + len > end) {
      c.expert(f, IP_EXPERT.optLenInvalid, p, end - p, `${name} (option length = ${len} bytes says option goes past end of options)`);
      break;
    }
    if (!kind) {
      const u = f.add(IP_OPT.unknown, p, len);
      if (c.detail) f.setText(u, `${name} (${len} bytes)`);
      p += len;
      continue;
    }
    w.subtree = f.open(kind.field, p, len);
    if (c.detail) f.setText(w.subtree, `IP Option - ${kind.name} (${kind.fixedLen ?? len} bytes)`);
    addType(f, c, p);
    f.add(IP_OPT.len, p + 1, 1, len);
    if (kind.fixedLen !== undefined && len !== kind.fixedLen) {
      c.expert(f, IP_EXPERT.optLenInvalid, p + 1, 1, `${kind.name} (with option length = ${len} bytes; should be ${kind.fixedLen})`);
    }
    ok = kind.body(f, c, p, p + len, w);
    f.close(w.subtree);
    if (!ok) break;
    names.push(kind.name);
    p += len;
  }
  if (c.detail) f.setText(top, `Options: (${end - start} bytes)${names.map((n) => `, ${n}`).join('')}`);
  f.close(top);
  return ok;
}
