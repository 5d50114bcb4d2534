// Neighbour Discovery options (RFC 4861 §4.6 and later additions) carried by ICMPv6
// router/neighbour/redirect messages: type, length in 8-byte units, then the data. Reads
// what tshark 4.0 reads for each option, so a bad length produces the same "Invalid
// option length" / "Unknown Data" notes, and a zero length stops the list as it does.

import { registerFields } from '../fields/fieldRegistry.js';
import type { PacketFields } from '../fields/packetFields.js';
import { HIDDEN } from '../fields/packetFields.js';
import { formatHexBytes, formatIPv6, formatMac } from '../fields/addressFormat.js';
import type { DissectCtx } from './context.js';
import { type Bounds, expertOn, need, subBounds } from './byteBounds.js';

export const ND_OPTION_NAMES: Readonly<Record<number, string>> = {
  1: 'Source link-layer address',
  2: 'Target link-layer address',
  3: 'Prefix information',
  4: 'Redirected header',
  5: 'MTU',
  6: 'NBMA Shortcut Limit Option',
  7: 'Advertisement Interval',
  8: 'Home Agent Information',
  9: 'Source Address List',
  10: 'Target Address List',
  11: 'CGA',
  12: 'RSA Signature',
  13: 'Timestamp',
  14: 'Nonce',
  15: 'Trust Anchor',
  16: 'Certificate',
  17: 'IP Address/Prefix Option',
  18: 'New Router Prefix Information',
  19: 'Link-layer Address',
  20: 'Neighbor Advertisement Acknowledgment',
  23: 'MAP',
  24: 'Route Information',
  25: 'Recursive DNS Server',
  26: 'RA Flags Extension',
  27: 'Handover Key Request',
  28: 'Handover Key Reply',
  29: 'Handover Assist Information',
  30: 'Mobile Node Identifier Option',
  31: 'DNS Search List Option',
  32: 'Proxy Signature (PS)',
  33: 'Address Registration Option',
  34: '6LoWPAN Context Option',
  35: 'Authoritative Border Router',
  36: '6LoWPAN Capability Indication Option',
  37: 'DHCP Captive-Portal',
  38: 'PREF64 Option',
  138: 'CARD Request',
  139: 'CARD Reply',
  253: 'RFC3692-style Experiment 1',
  254: 'RFC3692-style Experiment 2',
};

const PREFERENCE = { 0: 'Medium', 1: 'High', 2: 'Reserved', 3: 'Low' };
const INFINITY = { 4294967295: 'Infinity' };

export const ND_F = registerFields({
  opt: { name: 'icmpv6.opt', type: 'none', description: 'ICMPv6 Option' },
  type: { name: 'icmpv6.opt.type', type: 'uint', description: 'Type', valueNames: ND_OPTION_NAMES },
  length: { name: 'icmpv6.opt.length', type: 'uint', description: 'Length' },
  reserved: { name: 'icmpv6.opt.reserved', type: 'none', description: 'Reserved' },
  padding: { name: 'icmpv6.opt.padding', type: 'none', description: 'Padding' },
  linkaddr: { name: 'icmpv6.opt.linkaddr', type: 'bytes', description: 'Link-layer address' },
  srcLinkaddr: { name: 'icmpv6.opt.src_linkaddr', type: 'bytes', description: 'Source Link-layer address' },
  tgtLinkaddr: { name: 'icmpv6.opt.target_linkaddr', type: 'bytes', description: 'Target Link-layer address' },
  linkaddrEui64: { name: 'icmpv6.opt.linkaddr_eui64', type: 'bytes', description: 'Link-layer address' },
  srcLinkaddrEui64: { name: 'icmpv6.opt.src_linkaddr_eui64', type: 'bytes', description: 'Source Link-layer address' },
  tgtLinkaddrEui64: { name: 'icmpv6.opt.target_linkaddr_eui64', type: 'bytes', description: 'Target Link-layer address' },
  prefixLength: { name: 'icmpv6.opt.prefix.length', type: 'uint', description: 'Prefix Length' },
  prefixFlag: { name: 'icmpv6.opt.prefix.flag', type: 'uint', base: 'hex', bits: 8, description: 'Flag' },
  prefixFlagL: { name: 'icmpv6.opt.prefix.flag.l', type: 'bool', description: 'On-link flag(L)' },
  prefixFlagA: { name: 'icmpv6.opt.prefix.flag.a', type: 'bool', description: 'Autonomous address-configuration flag(A)' },
  prefixFlagR: { name: 'icmpv6.opt.prefix.flag.r', type: 'bool', description: 'Router address flag(R)' },
  prefixFlagReserved: { name: 'icmpv6.opt.prefix.flag.reserved', type: 'uint', description: 'Reserved' },
  prefixValid: { name: 'icmpv6.opt.prefix.valid_lifetime', type: 'uint', description: 'Valid Lifetime', valueNames: INFINITY },
  prefixPreferred: {
    name: 'icmpv6.opt.prefix.preferred_lifetime',
    type: 'uint',
    description: 'Preferred Lifetime',
    valueNames: INFINITY,
  },
  prefix: { name: 'icmpv6.opt.prefix', type: 'ipv6', description: 'Prefix' },
  redirectedPacket: { name: 'icmpv6.opt.redirected_packet', type: 'none', description: 'Redirected Packet' },
  mtu: { name: 'icmpv6.opt.mtu', type: 'uint', description: 'MTU' },
  nbmaLimit: { name: 'icmpv6.opt.nbma.shortcutlimit', type: 'uint', description: 'Shortcut Limit' },
  advInterval: { name: 'icmpv6.opt.advertisement_interval', type: 'uint', description: 'Advertisement Interval' },
  haPreference: { name: 'icmpv6.opt.home_agent_preference', type: 'uint', description: 'Home Agent Preference' },
  haLifetime: { name: 'icmpv6.opt.home_agent_lifetime', type: 'uint', description: 'Home Agent Lifetime' },
  ipv6Address: { name: 'icmpv6.opt.ipv6_address', type: 'ipv6', description: 'IPv6 Address' },
  timestamp: { name: 'icmpv6.opt.timestamp', type: 'bytes', description: 'Timestamp' },
  nonce: { name: 'icmpv6.opt.nonce', type: 'bytes', description: 'Nonce' },
  routeFlag: { name: 'icmpv6.opt.route_info.flag', type: 'uint', base: 'hex', bits: 8, description: 'Flag' },
  routePreference: {
    name: 'icmpv6.opt.route_info.flag.route_preference',
    type: 'uint',
    description: 'Route Preference',
    valueNames: PREFERENCE,
  },
  routeFlagReserved: { name: 'icmpv6.opt.route_info.flag.reserved', type: 'uint', description: 'Reserved' },
  routeLifetime: { name: 'icmpv6.opt.route_lifetime', type: 'uint', description: 'Route Lifetime', valueNames: INFINITY },
  /** a prefix given by its first 8 bytes: tshark shows it as icmpv6.opt.prefix; ours is a text value */
  routePrefix: { name: 'icmpv6.opt.route_info.prefix', type: 'string', description: 'Prefix' },
  rdnssLifetime: {
    name: 'icmpv6.opt.rdnss.lifetime',
    type: 'uint',
    description: 'Lifetime',
    valueNames: { 0: 'RDNSS address MUST no longer be used', 4294967295: 'Infinity' },
  },
  rdnss: { name: 'icmpv6.opt.rdnss', type: 'ipv6', description: 'Recursive DNS Servers' },
  captivePortal: { name: 'icmpv6.opt.captive_portal', type: 'string', description: 'Captive Portal' },
  pref64Lifetime: { name: 'icmpv6.opt.pref64.scaled_lifetime', type: 'uint', description: 'Scaled Lifetime' },
  pref64Plc: {
    name: 'icmpv6.opt.pref64.plc',
    type: 'uint',
    base: 'hex',
    bits: 4,
    description: 'PLC (Prefix Length Code)',
    valueNames: {
      0: '96 bits prefix length',
      1: '64 bits prefix length',
      2: '56 bits prefix length',
      3: '48 bits prefix length',
      4: '40 bits prefix length',
      5: '32 bits prefix length',
    },
  },
  pref64Prefix: { name: 'icmpv6.opt.pref64.prefix', type: 'string', description: 'Prefix' },
  optData: { name: 'icmpv6.data', type: 'bytes', description: 'Data' },
  unknownData: { name: 'icmpv6.unknown_data', type: 'bytes', description: 'Unknown Data' },
  invalidLength: {
    name: 'icmpv6.invalid_option_length',
    type: 'none',
    description: 'Invalid Option Length',
    expert: { severity: 'Error', group: 'Malformed' },
  },
  undecodedOption: {
    name: 'icmpv6.undecoded.option',
    type: 'none',
    description: 'Undecoded option',
    expert: { severity: 'Note', group: 'Undecoded' },
  },
  unknownDataExpert: {
    name: 'icmpv6.unknown_data.expert',
    type: 'none',
    description: 'Unknown Data (not interpreted)',
    expert: { severity: 'Error', group: 'Malformed' },
  },
});

/** PREF64 prefix lengths in bytes by Prefix Length Code. */
const PREF64_BYTES = [12, 8, 7, 6, 5, 4];

/**
 * Called for the datagram inside a Redirected Header option; returns the end of what it
 * dissected (as the IPv6 dissector does).
 */
export type QuoteDissector = (f: PacketFields, c: DissectCtx, b: Bounds, off: number) => number;

/**
 * Dissects options from `off` until the ICMPv6 message's reported end. Returns where the
 * list stopped (after a zero length, right after that option's length byte).
 */
export function dissectNdOptions(f: PacketFields, c: DissectCtx, b: Bounds, off: number, quote: QuoteDissector): number {
  const buf = c.buf;
  const parent = f.parent;
  while (b.rep > off) {
    need(f, c, b, off + 1, 1);
    const optLen = buf[off + 1]! * 8;
    need(f, c, b, off, optLen);
    f.parent = parent;
    const opt = f.open(ND_F.opt, off, optLen);
    const type = buf[off]!;
    f.add(ND_F.type, off, 1, type);
    const lenRec = f.add(ND_F.length, off + 1, 1, buf[off + 1]!);
    if (c.detail) {
      f.setText(opt, `ICMPv6 Option (${ND_OPTION_NAMES[type] ?? `Unknown ${type}`})`);
      f.setText(lenRec, `Length: ${buf[off + 1]} (${optLen} bytes)`);
    }
    if (optLen === 0) {
      expertOn(f, c, lenRec, ND_F.invalidLength, 'Invalid option length (Zero)', true);
      f.parent = parent;
      return off + 2;
    }
    const dataEnd = dissectOptionData(f, c, b, off, type, optLen, { opt, lenRec }, quote);
    off += optLen;
    if (off > dataEnd) {
      need(f, c, b, dataEnd, off - dataEnd);
      const u = f.add(ND_F.unknownData, dataEnd, off - dataEnd);
      expertOn(f, c, u, ND_F.unknownDataExpert, 'Unknown Data (not interpreted)', true);
    }
    f.close(opt);
  }
  f.parent = parent;
  return off;
}

/** One option's contents from `start` (its type byte); returns where tshark's reading stopped. */
function dissectOptionData(
  f: PacketFields,
  c: DissectCtx,
  b: Bounds,
  start: number,
  type: number,
  optLen: number,
  recs: { opt: number; lenRec: number },
  quote: QuoteDissector,
): number {
  const buf = c.buf;
  let at = start + 2;
  const field = (id: number, len: number, val = 0, flags = 0): number => {
    need(f, c, b, at, len);
    const i = f.add(id, at, len, val, flags);
    at += len;
    return i;
  };
  const u8 = (id: number): number => {
    need(f, c, b, at, 1);
    return field(id, 1, buf[at]!);
  };
  const u16 = (id: number): number => {
    need(f, c, b, at, 2);
    return field(id, 2, (buf[at]! << 8) | buf[at + 1]!);
  };
  const u32 = (id: number): number => {
    need(f, c, b, at, 4);
    return field(id, 4, readU32(buf, at));
  };
  const badLength = (): void => {
    expertOn(f, c, recs.lenRec, ND_F.invalidLength, 'Invalid Option Length', true);
  };
  switch (type) {
    case 1:
    case 2: {
      const source = type === 1;
      if (optLen === 8) {
        need(f, c, b, at, 6);
        const mac = formatMac(buf, at);
        f.addString(ND_F.linkaddr, at, 6, mac);
        f.addString(source ? ND_F.srcLinkaddr : ND_F.tgtLinkaddr, at, 6, mac, HIDDEN);
        return at + optLen;
      }
      // the option's bytes are all captured (checked above), so no reads can fail here
      const eui = optLen === 16 && readU32(buf, at + 8) === 0 && buf[at + 12] === 0 && buf[at + 13] === 0;
      if (eui) {
        const text = formatHexBytes(buf, at, 8, ':');
        f.addString(ND_F.linkaddrEui64, at, 8, text);
        f.addString(source ? ND_F.srcLinkaddrEui64 : ND_F.tgtLinkaddrEui64, at, 8, text, HIDDEN);
        f.addString(ND_F.linkaddr, at, 8, text, HIDDEN);
        if (source) f.addString(ND_F.srcLinkaddr, at, 8, text, HIDDEN);
        f.add(ND_F.padding, at + 8, 6);
        return at + optLen;
      }
      const text = formatHexBytes(buf, at, optLen - 2, ':');
      f.addString(ND_F.linkaddr, at, optLen - 2, text);
      f.addString(source ? ND_F.srcLinkaddr : ND_F.tgtLinkaddr, at, optLen - 2, text, HIDDEN);
      return at + optLen;
    }
    case 3: {
      const prefixLen = u8(ND_F.prefixLength);
      need(f, c, b, at, 1);
      const flags = buf[at]!;
      const flagRec = field(ND_F.prefixFlag, 1, flags);
      f.parent = flagRec;
      f.add(ND_F.prefixFlagL, at - 1, 1, flags >> 7);
      f.add(ND_F.prefixFlagA, at - 1, 1, (flags >> 6) & 1);
      f.add(ND_F.prefixFlagR, at - 1, 1, (flags >> 5) & 1);
      f.add(ND_F.prefixFlagReserved, at - 1, 1, flags & 0x1f);
      f.parent = recs.opt;
      u32(ND_F.prefixValid);
      u32(ND_F.prefixPreferred);
      field(ND_F.reserved, 4);
      const p = field(ND_F.prefix, 16);
      if (c.detail) f.setText(recs.opt, `ICMPv6 Option (Prefix information : ${formatIPv6(buf, f.starts[p]!)}/${f.vals[prefixLen]})`);
      return at;
    }
    case 4: {
      field(ND_F.reserved, 6);
      if (optLen > 8) {
        need(f, c, b, at, optLen - 8);
        const pkt = f.open(ND_F.redirectedPacket, at, optLen - 8);
        const qb = subBounds(b, at, optLen - 8);
        at = quote(f, c, qb, at);
        f.close(pkt);
        f.parent = recs.opt;
      }
      return at;
    }
    case 5:
      field(ND_F.reserved, 2);
      u32(ND_F.mtu);
      return at;
    case 6:
      u8(ND_F.nbmaLimit);
      at -= 1;
      field(ND_F.reserved, 1);
      field(ND_F.reserved, 4);
      return at;
    case 7:
      field(ND_F.reserved, 2);
      u32(ND_F.advInterval);
      return at;
    case 8:
      field(ND_F.reserved, 2);
      u16(ND_F.haPreference);
      u16(ND_F.haLifetime);
      return at;
    case 9:
    case 10:
      field(ND_F.reserved, 6);
      while (at < start + optLen) field(ND_F.ipv6Address, 16);
      return at;
    case 13:
      field(ND_F.reserved, 6);
      field(ND_F.timestamp, 8);
      return at;
    case 14:
      field(ND_F.nonce, optLen - 2);
      return at;
    case 24: {
      u8(ND_F.prefixLength);
      need(f, c, b, at, 1);
      const flags = buf[at]!;
      const flagRec = field(ND_F.routeFlag, 1, flags);
      f.parent = flagRec;
      f.add(ND_F.routePreference, at - 1, 1, (flags >> 3) & 3);
      f.add(ND_F.routeFlagReserved, at - 1, 1, flags & 0xe7);
      f.parent = recs.opt;
      u32(ND_F.routeLifetime);
      if (optLen === 16) {
        need(f, c, b, at, 8);
        f.addString(ND_F.routePrefix, at, 8, prefixText(buf, at, 8));
        at += 8;
      } else if (optLen === 24) {
        field(ND_F.prefix, 16);
      } else if (optLen !== 8) {
        badLength();
      }
      return at;
    }
    case 25:
      field(ND_F.reserved, 2);
      u32(ND_F.rdnssLifetime);
      while (at < start + optLen) field(ND_F.rdnss, 16);
      return at;
    case 37: {
      need(f, c, b, at, optLen - 2);
      let s = '';
      for (let i = 0; i < optLen - 2 && buf[at + i] !== 0; i++) s += String.fromCharCode(buf[at + i]!);
      f.addString(ND_F.captivePortal, at, optLen - 2, s);
      return at + optLen - 2;
    }
    case 38: {
      need(f, c, b, at, 2);
      const word = (buf[at]! << 8) | buf[at + 1]!;
      f.add(ND_F.pref64Lifetime, at, 2, word >> 3);
      const plc = word & 7;
      f.add(ND_F.pref64Plc, at, 2, plc);
      at += 2;
      const n = PREF64_BYTES[plc];
      if (n === undefined) {
        badLength();
      } else {
        need(f, c, b, at, n);
        f.addString(ND_F.pref64Prefix, at, n, prefixText(buf, at, n));
      }
      return at + 12;
    }
    default:
      if (ND_OPTION_NAMES[type] !== undefined && type < 138) {
        // decoded by tshark in ways this dissector does not itemise: take the whole option
        return start + optLen;
      }
      expertOn(
        f,
        c,
        recs.opt,
        ND_F.undecodedOption,
        `Dissector for ICMPv6 Option (${type}) code not implemented, Contact Wireshark developers if you want this supported`,
      );
      field(ND_F.optData, optLen - 2);
      return at;
  }
}

/** An address prefix given by its first `n` bytes, shown as a full IPv6 address. */
function prefixText(buf: Uint8Array, off: number, n: number): string {
  const full = new Uint8Array(16);
  full.set(buf.subarray(off, off + n));
  return formatIPv6(full, 0);
}

function readU32(buf: Uint8Array, at: number): number {
  return ((buf[at]! << 24) | (buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!) >>> 0;
}

/** Whether record `i` lies in `anchor`'s subtree without crossing a record of a `boundary` field (a quoted datagram). */
export function directlyIn(f: PacketFields, i: number, anchor: number, boundary: readonly number[]): boolean {
  for (let p = f.parents[i]!; p >= 0; p = f.parents[p]!) {
    if (p === anchor) return true;
    if (boundary.includes(f.ids[p]!)) return false;
  }
  return false;
}
