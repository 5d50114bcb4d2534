// ARP and RARP (EtherTypes 0x0806, 0x8035): the fixed header, sender/target hardware and
// protocol addresses (as MAC / IPv4 fields when the sizes are 6 and 4, as bytes otherwise),
// gratuitous / probe / announcement flags and tshark's Info lines. tshark's order of reads
// decides what a damaged packet still shows, so the steps below keep that order: header
// fields, the length check ("Malformed" when the sizes claim more than the frame has), the
// duplicate-address reads, the gratuitous test, the Info line, then the address fields.
// AX.25 ARP (hardware type 3) and ATM ARP (19) go to their own simplified paths, as in tshark.
// Duplicate-address detection needs earlier packets: see analysis/arpDuplicates.ts.

import type { PacketFields } from '../fields/packetFields.js';
import { GENERATED } from '../fields/packetFields.js';
import { registerFields, registerProtocol } from '../fields/fieldRegistry.js';
import { formatHexBytes, formatIPv4, formatMac } from '../fields/addressFormat.js';
import type { DissectCtx, InfoFormatter } from './context.js';
import { registerEtherType } from './dispatch.js';
import { ARP_HARDWARE_NAMES } from './arpHardwareNames.js';
import { ETHERTYPE_NAMES } from './etherTypeNames.js';
import { reportCut } from './cutReport.js';

const OPCODE_NAMES: Readonly<Record<number, string>> = {
  0: 'reserved', 1: 'request', 2: 'reply', 3: 'reverse request', 4: 'reverse reply', 5: 'drarp request',
  6: 'drarp reply', 7: 'drarp error', 8: 'inverse request', 9: 'inverse reply', 10: 'arp nak', 11: 'mars request',
  12: 'mars multi', 13: 'mars mserv', 14: 'mars join', 15: 'mars leave', 16: 'mars nak', 17: 'mars unserv',
  18: 'mars sjoin', 19: 'mars sleave', 20: 'mars grouplist request', 21: 'mars grouplist reply',
  22: 'mars redirect map', 23: 'mapos unarp', 24: 'experimental 1', 25: 'experimental 2', 65535: 'reserved',
};

const MARS_INFO: Readonly<Record<number, string>> = {
  11: 'MARS request from', 12: 'MARS MULTI request from', 13: 'MARS MSERV request from', 14: 'MARS JOIN request from',
  15: 'MARS LEAVE from', 16: 'MARS NAK from', 17: 'MARS UNSERV request from', 18: 'MARS SJOIN request from',
  19: 'MARS SLEAVE from', 20: 'MARS grouplist request from', 21: 'MARS grouplist reply from',
  22: 'MARS redirect map from', 23: 'MAPOS UNARP request from',
};

export const ARP = registerProtocol('arp', 'Address Resolution Protocol');
export const ARP_F = registerFields({
  hwType: { name: 'arp.hw.type', type: 'uint', description: 'Hardware type', valueNames: ARP_HARDWARE_NAMES },
  protoType: { name: 'arp.proto.type', type: 'uint', base: 'hex', bits: 16, description: 'Protocol type', valueNames: ETHERTYPE_NAMES },
  hwSize: { name: 'arp.hw.size', type: 'uint', description: 'Hardware size' },
  protoSize: { name: 'arp.proto.size', type: 'uint', description: 'Protocol size' },
  opcode: { name: 'arp.opcode', type: 'uint', description: 'Opcode', valueNames: OPCODE_NAMES },
  isGratuitous: { name: 'arp.isgratuitous', type: 'bool', description: 'Is gratuitous' },
  isProbe: { name: 'arp.isprobe', type: 'bool', description: 'Is probe' },
  isAnnouncement: { name: 'arp.isannouncement', type: 'bool', description: 'Is announcement' },
  srcHw: { name: 'arp.src.hw', type: 'bytes', description: 'Sender hardware address' },
  srcHwMac: { name: 'arp.src.hw_mac', type: 'ether', description: 'Sender MAC address' },
  srcHwAx25: { name: 'arp.src.hw_ax25', type: 'bytes', description: 'Sender AX.25 address' },
  srcProto: { name: 'arp.src.proto', type: 'bytes', description: 'Sender protocol address' },
  srcProtoIpv4: { name: 'arp.src.proto_ipv4', type: 'ipv4', description: 'Sender IP address' },
  dstHw: { name: 'arp.dst.hw', type: 'bytes', description: 'Target hardware address' },
  dstHwMac: { name: 'arp.dst.hw_mac', type: 'ether', description: 'Target MAC address' },
  dstHwAx25: { name: 'arp.dst.hw_ax25', type: 'bytes', description: 'Target AX.25 address' },
  dstProto: { name: 'arp.dst.proto', type: 'bytes', description: 'Target protocol address' },
  dstProtoIpv4: { name: 'arp.dst.proto_ipv4', type: 'ipv4', description: 'Target IP address' },
  drarpError: { name: 'arp.dst.drarp_error_status', type: 'uint', description: 'DRARP error status' },
  dupFrame: { name: 'arp.duplicate-address-frame', type: 'uint', description: 'Frame showing earlier use of IP address' },
  dupSeconds: { name: 'arp.seconds-since-duplicate-address-frame', type: 'uint', description: 'Seconds since earlier frame seen' },
  dupDetected: {
    name: 'arp.duplicate-address-detected',
    type: 'none',
    description: 'Duplicate IP address configured',
    expert: { severity: 'Warning', group: 'Sequence' },
  },
});

export const ATMARP = registerProtocol('atmarp', 'ATM Address Resolution Protocol');

const HEADER = 8;
const ATM_HEADER = 12;
const HW_AX25 = 3;
const HW_ATM_2225 = 19;
/** flag bits kept in the value of the ARP protocol record */
const LENGTH_OK = 1;
/** Ethernet/IPv4 request or reply: the duplicate-address check applies */
export const DUP_CHECKED = 2;
const AX25 = 4;
/** set by the duplicate analyzer: Info ends with "(duplicate use of X detected!)"; the address is value / 16 */
const DUP_SUFFIX = 8;

const isEtherHw = (hrd: number, hln: number): boolean => (hrd === 1 || hrd === 6) && hln === 6;
const isIpv4Proto = (pro: number, pln: number): boolean => (pro === 0x0800 || pro === 0xcc) && pln === 4;

/** Bytes as tshark's byte-string text: hex, at most 36 bytes, then an ellipsis. */
function bytesText(b: Uint8Array, at: number, len: number): string {
  return len > 36 ? `${formatHexBytes(b, at, 36)}…` : formatHexBytes(b, at, len);
}

/** The layout of one ARP packet and what tshark derives from it, reading only captured bytes. */
interface ArpFacts {
  hrd: number;
  pro: number;
  hln: number;
  pln: number;
  op: number;
  sha: number;
  spa: number;
  tha: number;
  tpa: number;
  gratuitous: boolean;
  probe: boolean;
  announcement: boolean;
  /** Info text, or null when tshark's reads stopped before it set one */
  info: string | null;
  /** offset whose read failed first (before the address fields were added), or -1 */
  failedAt: number;
}

function zeros(b: Uint8Array, at: number, len: number, cap: number): boolean {
  if (at + len > cap) return false;
  for (let i = 0; i < len; i++) if (b[at + i] !== 0) return false;
  return true;
}

/** Follows tshark's reads from the length check to the Info line; `cap` ends the captured ARP bytes. */
function arpFacts(b: Uint8Array, off: number, cap: number, ax25: boolean): ArpFacts {
  const hrd = (b[off]! << 8) | b[off + 1]!;
  const pro = (b[off + 2]! << 8) | b[off + 3]!;
  const hln = b[off + 4]!;
  const pln = b[off + 5]!;
  const op = (b[off + 6]! << 8) | b[off + 7]!;
  const sha = off + HEADER;
  const spa = sha + hln;
  const tha = spa + pln;
  const tpa = tha + hln;
  const r: ArpFacts = { hrd, pro, hln, pln, op, sha, spa, tha, tpa, gratuitous: false, probe: false, announcement: false, info: null, failedAt: -1 };
  const fail = (at: number, len: number): boolean => {
    if (at + len <= cap) return false;
    r.failedAt = at + len;
    return true;
  };
  const ether = isEtherHw(hrd, hln);
  const ipv4 = isIpv4Proto(pro, pln);
  if (!ax25 && (op === 1 || op === 2) && ether && ipv4) {
    if (fail(spa, 4) || fail(sha, 6) || fail(tpa, 4) || fail(tha, 6)) return r;
  }
  if (op === 1 || op === 2) {
    // (an empty address is neither read nor equal to anything: never gratuitous)
    if (pln > 0 && fail(tpa, pln)) return r;
    r.gratuitous = pln > 0 && spa + pln <= cap && b.subarray(spa, spa + pln).every((v, i) => v === b[tpa + i]);
    if (!ax25) {
      if (r.gratuitous) r.announcement = op === 1 && zeros(b, tha, 6, cap);
      else if (op === 1 && zeros(b, tha, 6, cap)) {
        if (fail(spa, 4)) return r;
        r.probe = b[spa] === 0 && b[spa + 1] === 0 && b[spa + 2] === 0 && b[spa + 3] === 0;
      }
    }
  }
  const proto = (at: number): string | null => {
    if (pln === 0) return '<No address>';
    if (fail(at, pln)) return null;
    return ipv4 ? formatIPv4(b, at) : bytesText(b, at, pln);
  };
  const hw = (at: number): string | null => {
    if (hln === 0) return '<No address>';
    if (fail(at, hln)) return null;
    return ether ? formatMac(b, at) : bytesText(b, at, hln);
  };
  const two = (x: () => string | null, y: () => string | null, fmt: (p: string, q: string) => string): string | null => {
    const p = x();
    if (p === null) return null;
    const q = y();
    return q === null ? null : fmt(p, q);
  };
  switch (op) {
    case 1:
      if (r.gratuitous) r.info = two(() => proto(tpa), () => '', (p) => (r.announcement ? `ARP Announcement for ${p}` : `Gratuitous ARP for ${p} (Request)`));
      else if (r.probe) r.info = two(() => proto(tpa), () => '', (p) => `Who has ${p}? (ARP Probe)`);
      else r.info = two(() => proto(tpa), () => proto(spa), (p, q) => `Who has ${p}? Tell ${q}`);
      break;
    case 2:
      if (r.gratuitous) r.info = two(() => proto(spa), () => '', (p) => `Gratuitous ARP for ${p} (Reply)`);
      else r.info = two(() => proto(spa), () => hw(sha), (p, q) => `${p} is at ${q}`);
      break;
    case 3:
    case 5:
    case 8:
      r.info = two(() => hw(tha), () => hw(sha), (p, q) => `Who is ${p}? Tell ${q}`);
      break;
    case 4:
    case 6:
      r.info = two(() => hw(tha), () => proto(tpa), (p, q) => `${p} is at ${q}`);
      break;
    case 7:
      r.info = 'DRARP Error';
      break;
    case 9:
      r.info = two(() => hw(sha), () => proto(spa), (p, q) => `${p} is at ${q}`);
      break;
    case 10:
      r.info = 'ARP NAK';
      break;
    case 24:
    case 25:
      r.info = `Experimental ${op - 23} ( opcode ${op} )`;
      break;
    case 0:
    case 65535:
      r.info = `Reserved opcode ${op}`;
      break;
    default: {
      const mars = MARS_INFO[op];
      r.info = mars ? two(() => hw(sha), () => proto(spa), (p, q) => `${mars} ${p} at ${q}`) : `Unknown ARP opcode 0x${op.toString(16).padStart(4, '0')}`;
    }
  }
  return r;
}

function protocolColumn(op: number): string {
  if (op === 3 || op === 4) return 'RARP';
  if (op >= 5 && op <= 7) return 'DRARP';
  if (op === 8 || op === 9) return 'Inverse ARP';
  if (op >= 11 && op <= 22) return 'MARS';
  if (op === 23) return 'MAPOS';
  return 'ARP';
}

const arpInfo: InfoFormatter = (f, _c, anchor) => {
  const flags = f.vals[anchor]!;
  if (!(flags & LENGTH_OK)) return '';
  const b = f.sources[f.srcs[anchor]!]!;
  const off = f.starts[anchor]!;
  const facts = arpFacts(b, off, off + f.lens[anchor]!, (flags & AX25) !== 0);
  let info = facts.info ?? '';
  if (flags & DUP_SUFFIX) {
    const ip = Math.floor(flags / 16);
    info += ` (duplicate use of ${(ip >>> 24) & 255}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255} detected!)`;
  }
  return info;
};

/** Marks the ARP record so its Info line reports duplicate use of `ip` (called by the duplicate analyzer). */
export function markDuplicateInfo(f: PacketFields, arpRecord: number, ip: number): void {
  const flags = f.vals[arpRecord]! % 16;
  f.vals[arpRecord] = (flags | DUP_SUFFIX) + ip * 16;
}

export function dissectArp(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number {
  c.layers.push('arp');
  c.setColumns('ARP', null, -1);
  if (off + 2 > end) {
    reportCut(f, c, 'ARP/RARP', off + 2, end, rend);
    return rend;
  }
  const hrd = (c.buf[off]! << 8) | c.buf[off + 1]!;
  if (hrd === HW_ATM_2225) return dissectAtmArp(f, c, off, end, rend);
  if (hrd === HW_AX25) {
    c.layers.push('arp');
    return dissectArpBody(f, c, off, end, rend, true);
  }
  return dissectArpBody(f, c, off, end, rend, false);
}

function dissectArpBody(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number, ax25: boolean): number {
  const b = c.buf;
  if (ax25) {
    // tshark's AX.25 variant reads the header and all four addresses before it shows anything
    if (off + HEADER > end) {
      reportCut(f, c, 'ARP/RARP', off + HEADER, end, rend);
      return rend;
    }
    const total = HEADER + 2 * b[off + 4]! + 2 * b[off + 5]!;
    if (off + total > rend) {
      reportCut(f, c, 'ARP/RARP', off + total, end, rend);
      return rend;
    }
    if (off + total > end) {
      c.setColumns(protocolColumn((b[off + 6]! << 8) | b[off + 7]!), null, -1);
      reportCut(f, c, 'ARP/RARP', off + total, end, off + total);
      return off + total;
    }
  }
  const top = f.open(ARP, off, Math.max(0, Math.min(end, rend) - off), ax25 ? AX25 : 0);
  try {
    f.add(ARP_F.hwType, off, 2, (b[off]! << 8) | b[off + 1]!);
    const header: [number, number, number][] = [
      [ARP_F.protoType, 2, 2], [ARP_F.hwSize, 4, 1], [ARP_F.protoSize, 5, 1], [ARP_F.opcode, 6, 2],
    ];
    for (const [id, at, len] of header) {
      if (off + at + len > end) {
        reportCut(f, c, 'ARP/RARP', off + at + len, end, rend);
        return rend;
      }
      f.add(id, off + at, len, len === 2 ? (b[off + at]! << 8) | b[off + at + 1]! : b[off + at]!);
    }
    const hln = b[off + 4]!;
    const pln = b[off + 5]!;
    const op = (b[off + 6]! << 8) | b[off + 7]!;
    const total = HEADER + 2 * hln + 2 * pln;
    if (off + total > rend) {
      // the sizes claim more than the frame holds: tshark cannot shrink its buffer to them
      f.lens[top] = Math.min(end, rend) - off;
      reportCut(f, c, 'ARP/RARP', off + total, end, rend);
      return rend;
    }
    const arpEnd = off + total;
    const cap = Math.min(end, arpEnd);
    f.lens[top] = cap - off;
    c.setColumns(protocolColumn(op), arpInfo, top);
    const pro = (b[off + 2]! << 8) | b[off + 3]!;
    const hrd = (b[off]! << 8) | b[off + 1]!;
    const eligible = !ax25 && (op === 1 || op === 2) && isEtherHw(hrd, hln) && isIpv4Proto(pro, pln);
    f.vals[top] = (ax25 ? AX25 : 0) | LENGTH_OK | (eligible ? DUP_CHECKED : 0);
    const facts = arpFacts(b, off, cap, ax25);
    if (c.detail) {
      const name = OPCODE_NAMES[op];
      const label = name === undefined ? `opcode 0x${op.toString(16).padStart(4, '0')}`
        : facts.announcement ? 'ARP Announcement' : facts.probe ? 'ARP Probe'
        : facts.gratuitous && op === 1 ? 'request/gratuitous ARP' : facts.gratuitous && op === 2 ? 'reply/gratuitous ARP' : name;
      f.setText(top, `Address Resolution Protocol (${label})`);
    }
    if (facts.info === null) {
      reportCut(f, c, 'ARP/RARP', facts.failedAt, cap, arpEnd);
      return arpEnd;
    }
    if (facts.gratuitous) f.add(ARP_F.isGratuitous, off, 0, 1, GENERATED);
    if (facts.probe) f.add(ARP_F.isProbe, off, 0, 1, GENERATED);
    if (facts.announcement) f.add(ARP_F.isAnnouncement, off, 0, 1, GENERATED);

    const ether = isEtherHw(hrd, hln);
    const ipv4 = isIpv4Proto(pro, pln);
    const hwField = (src: boolean): number =>
      ax25 && hln === 7 ? (src ? ARP_F.srcHwAx25 : ARP_F.dstHwAx25)
      : !ax25 && ether ? (src ? ARP_F.srcHwMac : ARP_F.dstHwMac) : src ? ARP_F.srcHw : ARP_F.dstHw;
    const addrs: [number, number, number, boolean][] = [];
    if (hln !== 0) addrs.push([hwField(true), facts.sha, hln, false]);
    if (pln !== 0) addrs.push([ipv4 ? ARP_F.srcProtoIpv4 : ARP_F.srcProto, facts.spa, pln, ipv4]);
    if (hln !== 0) addrs.push([hwField(false), facts.tha, hln, false]);
    if (pln !== 0 && op === 7) addrs.push([ARP_F.drarpError, facts.tpa, 1, false]);
    else if (pln !== 0) addrs.push([ipv4 ? ARP_F.dstProtoIpv4 : ARP_F.dstProto, facts.tpa, pln, ipv4]);
    for (const [id, at, len, isIp] of addrs) {
      if (at + len > cap) {
        reportCut(f, c, 'ARP/RARP', at + len, cap, arpEnd);
        return arpEnd;
      }
      const v = isIp ? ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0 : id === ARP_F.drarpError ? b[at]! : 0;
      f.add(id, at, len, v);
    }
    return arpEnd;
  } finally {
    if (f.parent === top) f.close(top);
  }
}

/** ATM ARP (RFC 2225): only the header is decoded; tshark's length check decides malformation. */
function dissectAtmArp(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number {
  c.layers.push('atmarp');
  const b = c.buf;
  if (off + ATM_HEADER > end) {
    reportCut(f, c, 'ATMARP', off + ATM_HEADER, end, rend);
    return rend;
  }
  const len6 = (at: number): number => b[off + at]! & 0x3f;
  const total = ATM_HEADER + len6(4) + len6(5) + b[off + 8]! + len6(9) + len6(10) + b[off + 11]!;
  if (off + total > rend) {
    reportCut(f, c, 'ATMARP', off + total, end, rend);
    return rend;
  }
  if (off + total > end) {
    reportCut(f, c, 'ATMARP', off + total, end, off + total);
    return off + total;
  }
  c.setColumns('ATMARP', null, -1);
  const top = f.open(ATMARP, off, total);
  f.add(ARP_F.hwType, off, 2, (b[off]! << 8) | b[off + 1]!);
  f.add(ARP_F.protoType, off + 2, 2, (b[off + 2]! << 8) | b[off + 3]!);
  f.add(ARP_F.opcode, off + 6, 2, (b[off + 6]! << 8) | b[off + 7]!);
  f.close(top);
  return off + total;
}

registerEtherType(0x0806, dissectArp);
registerEtherType(0x8035, dissectArp);
