// The TLV options carried by IPv6 Hop-by-Hop and Destination Options headers (RFC 8200
// §4.2 and the option types of the IANA registry that tshark 4.0 decodes). Each option
// reads exactly the bytes tshark reads, so a short or lying length ends the packet with
// the same exception and leaves the same "Unknown Data" / "Invalid length" notes.

import { registerFields } from '../fields/fieldRegistry.js';
import type { PacketFields } from '../fields/packetFields.js';
import { GENERATED } from '../fields/packetFields.js';
import type { DissectCtx } from './context.js';
import { type Bounds, expertOn, has, need } from './byteBounds.js';

const OPTION_NAMES: Readonly<Record<number, string>> = {
  0x00: 'Pad1',
  0x01: 'PadN',
  0x04: 'Tunnel Encapsulation Limit',
  0x05: 'Router Alert',
  0x07: 'CALIPSO',
  0x08: 'SMF_DPD',
  0x0f: 'Performance and Diagnostic Metrics',
  0x1e: 'Experimental (0x1E)',
  0x26: 'Quick-Start',
  0x30: 'Path MTU Option',
  0x31: 'IOAM Option',
  0x3e: 'Experimental (0x3E)',
  0x41: 'Tunnel Payload Forwarding (TPF) Information',
  0x5e: 'Experimental (0x5E)',
  0x63: 'RPL Option',
  0x6d: 'MPL Option',
  0x7e: 'Experimental (0x7E)',
  0x8a: 'Endpoint Identification',
  0x8b: 'ILNP Nonce',
  0x8c: 'Line-Identification Option',
  0x9e: 'Experimental (0x9E)',
  0xbe: 'Experimental (0xBE)',
  0xc2: 'Jumbo Payload',
  0xc9: 'Home Address',
  0xde: 'Experimental (0xDE)',
  0xee: 'IP_DFF',
  0xfe: 'Experimental (0xFE)',
};

const OPT = {
  PAD1: 0x00,
  PADN: 0x01,
  TEL: 0x04,
  RTALERT: 0x05,
  CALIPSO: 0x07,
  SMF_DPD: 0x08,
  PDM: 0x0f,
  QUICKSTART: 0x26,
  PMTU: 0x30,
  IOAM: 0x31,
  TPF: 0x41,
  RPL: 0x63,
  MPL: 0x6d,
  ENDI: 0x8a,
  ILNP_NONCE: 0x8b,
  LIO: 0x8c,
  JUMBO: 0xc2,
  HOME_ADDRESS: 0xc9,
  IP_DFF: 0xee,
} as const;

const EXPERIMENTAL = new Set([0x1e, 0x3e, 0x5e, 0x7e, 0x9e, 0xbe, 0xde, 0xfe]);
/** Options that belong in one kind of header only: true = Hop-by-Hop, false = Destination. */
const HOP_BY_HOP_ONLY: ReadonlyMap<number, boolean> = new Map([
  [OPT.TEL, false],
  [OPT.RTALERT, true],
  [OPT.PMTU, true],
  [OPT.CALIPSO, true],
  [OPT.SMF_DPD, true],
  [OPT.PDM, false],
  [OPT.QUICKSTART, true],
  [OPT.IOAM, true],
  [OPT.TPF, false],
  [OPT.RPL, true],
  [OPT.MPL, true],
  [OPT.ILNP_NONCE, false],
  [OPT.LIO, false],
  [OPT.JUMBO, true],
  [OPT.HOME_ADDRESS, false],
  [OPT.IP_DFF, true],
]);

export const OPT_F = registerFields({
  opt: { name: 'ipv6.opt', type: 'none', description: 'IPv6 Option' },
  type: { name: 'ipv6.opt.type', type: 'uint', base: 'hex', bits: 8, description: 'Type', valueNames: OPTION_NAMES },
  action: {
    name: 'ipv6.opt.type.action',
    type: 'uint',
    description: 'Action',
    valueNames: { 0: 'Skip and continue', 1: 'Discard', 2: 'Discard and send ICMP Parameter Problem', 3: 'Discard and send ICMP if not multicast' },
  },
  change: { name: 'ipv6.opt.type.change', type: 'bool', description: 'May Change' },
  rest: { name: 'ipv6.opt.type.rest', type: 'uint', base: 'hex', bits: 8, description: 'Low-Order Bits' },
  length: { name: 'ipv6.opt.length', type: 'uint', description: 'Length' },
  pad1: { name: 'ipv6.opt.pad1', type: 'none', description: 'Pad1' },
  padn: { name: 'ipv6.opt.padn', type: 'bytes', description: 'PadN' },
  pmtuMin: { name: 'ipv6.opt.pmtu.min', type: 'uint', description: 'Minimum Reported PMTU' },
  pmtuRtn: { name: 'ipv6.opt.pmtu.rtn', type: 'uint', description: 'Return Minimum PMTU' },
  pmtuFlag: { name: 'ipv6.opt.pmtu.r_flag', type: 'bool', description: 'Return Flag' },
  rtalert: { name: 'ipv6.opt.router_alert', type: 'uint', description: 'Router Alert', valueNames: { 0: 'MLD', 1: 'RSVP', 2: 'Active Network' } },
  tel: { name: 'ipv6.opt.tel', type: 'uint', description: 'Tunnel Encapsulation Limit' },
  jumbo: { name: 'ipv6.opt.jumbo', type: 'uint', description: 'Payload Length' },
  calipsoDoi: { name: 'ipv6.opt.calipso.doi', type: 'uint', description: 'CALIPSO Domain of Interpretation' },
  calipsoCmptLen: { name: 'ipv6.opt.calipso.cmpt.length', type: 'uint', description: 'Compartment Length' },
  calipsoSens: { name: 'ipv6.opt.calipso.sens_level', type: 'uint', description: 'Sensitivity Level' },
  calipsoChecksum: { name: 'ipv6.opt.calipso.checksum', type: 'uint', base: 'hex', bits: 16, description: 'Checksum' },
  calipsoBitmap: { name: 'ipv6.opt.calipso.cmpt_bitmap', type: 'bytes', description: 'Compartment Bitmap' },
  smfHash: { name: 'ipv6.opt.smf_dpd.hash_bit', type: 'bool', description: 'H-bit' },
  smfTidType: {
    name: 'ipv6.opt.smf_dpd.tid_type',
    type: 'uint',
    description: 'TaggerID Type',
    valueNames: { 0: 'NULL', 1: 'DEFAULT', 2: 'IPv4', 3: 'IPv6' },
  },
  smfTidLen: { name: 'ipv6.opt.smf_dpd.tid_len', type: 'uint', description: 'TaggerID Length' },
  smfTagger: { name: 'ipv6.opt.smf_dpd.tagger_id', type: 'bytes', description: 'TaggerID' },
  smfIdent: { name: 'ipv6.opt.smf_dpd.ident', type: 'bytes', description: 'Identifier' },
  smfHav: { name: 'ipv6.opt.smf_dpd.hav', type: 'bytes', description: 'Hash Assist Value' },
  pdmScaleDtlr: { name: 'ipv6.opt.pdm.scale_dtlr', type: 'uint', description: 'Scale DTLR' },
  pdmScaleDtls: { name: 'ipv6.opt.pdm.scale_dtls', type: 'uint', description: 'Scale DTLS' },
  pdmPsnThis: { name: 'ipv6.opt.pdm.psn_this_pkt', type: 'uint', description: 'PSN This Packet' },
  pdmPsnLast: { name: 'ipv6.opt.pdm.psn_last_recv', type: 'uint', description: 'PSN Last Received' },
  pdmDeltaRecv: { name: 'ipv6.opt.pdm.delta_last_recv', type: 'uint', description: 'Delta Time Last Received' },
  pdmDeltaSent: { name: 'ipv6.opt.pdm.delta_last_sent', type: 'uint', description: 'Delta Time Last Sent' },
  qsFunc: { name: 'ipv6.opt.qs_func', type: 'uint', description: 'Function', valueNames: { 0: 'Rate request', 8: 'Rate report' } },
  qsRate: { name: 'ipv6.opt.qs_rate', type: 'uint', description: 'Rate' },
  qsTtl: { name: 'ipv6.opt.qs_ttl', type: 'uint', description: 'QS TTL' },
  qsTtlDiff: { name: 'ipv6.opt.qs_ttl_diff', type: 'uint', description: 'TTL Diff' },
  qsUnused: { name: 'ipv6.opt.qs_unused', type: 'uint', description: 'Not Used' },
  qsNonce: { name: 'ipv6.opt.qs_nonce', type: 'uint', base: 'hex', bits: 32, description: 'QS Nonce' },
  qsReserved: { name: 'ipv6.opt.qs_reserved', type: 'uint', base: 'hex', bits: 32, description: 'Reserved' },
  ioamRsv: { name: 'ipv6.opt.ioam.rsv', type: 'uint', description: 'Reserved' },
  ioamType: {
    name: 'ipv6.opt.ioam.opt_type',
    type: 'uint',
    description: 'Option-Type',
    valueNames: { 0: 'Pre-allocated Trace', 1: 'Incremental Trace', 2: 'Proof of Transit', 3: 'Edge to Edge' },
  },
  ioamTraceNs: { name: 'ipv6.opt.ioam.trace.ns', type: 'uint', description: 'Namespace ID' },
  ioamTraceNodeLen: { name: 'ipv6.opt.ioam.trace.nodelen', type: 'uint', description: 'Node Length' },
  ioamTraceRemLen: { name: 'ipv6.opt.ioam.trace.remlen', type: 'uint', description: 'Remaining Length' },
  ioamTraceType: { name: 'ipv6.opt.ioam.trace.type', type: 'uint', base: 'hex', bits: 24, description: 'Trace Type' },
  tpf: { name: 'ipv6.opt.tpf_information', type: 'uint', base: 'hex', bits: 32, description: 'TPF Information' },
  homeAddress: { name: 'ipv6.opt.mipv6.home_address', type: 'ipv6', description: 'MIPv6 Home Address' },
  rplFlag: { name: 'ipv6.opt.rpl.flag', type: 'uint', base: 'hex', bits: 8, description: 'Flag' },
  rplInstance: { name: 'ipv6.opt.rpl.instance_id', type: 'uint', base: 'hex', bits: 8, description: 'RPLInstanceID' },
  rplRank: { name: 'ipv6.opt.rpl.sender_rank', type: 'uint', base: 'hex', bits: 16, description: 'Sender Rank' },
  ilnpNonce: { name: 'ipv6.opt.ilnp_nonce', type: 'bytes', description: 'ILNP Nonce' },
  lioLen: { name: 'ipv6.opt.lio.length', type: 'uint', description: 'LineIDLen' },
  lioId: { name: 'ipv6.opt.lio.line_id', type: 'string', description: 'Line ID' },
  mplFlag: { name: 'ipv6.opt.mpl.flag', type: 'uint', base: 'hex', bits: 8, description: 'Flag' },
  mplSeq: { name: 'ipv6.opt.mpl.sequence', type: 'uint', base: 'hex', bits: 8, description: 'Sequence' },
  mplSeed: { name: 'ipv6.opt.mpl.seed_id', type: 'bytes', description: 'Seed ID' },
  dffFlags: { name: 'ipv6.opt.dff.flags', type: 'uint', base: 'hex', bits: 8, description: 'Flags' },
  dffSeq: { name: 'ipv6.opt.dff.sequence_number', type: 'uint', description: 'Sequence Number' },
  experimental: { name: 'ipv6.opt.experimental', type: 'bytes', description: 'Experimental Option' },
  unknown: { name: 'ipv6.opt.unknown', type: 'bytes', description: 'Unknown Option Payload' },
  unknownData: { name: 'ipv6.opt_unknown_data', type: 'bytes', description: 'Unknown Data' },
  invalidLen: {
    name: 'ipv6.opt.invalid_len',
    type: 'none',
    description: 'Invalid IPv6 option length',
    expert: { severity: 'Error', group: 'Malformed' },
  },
  unknownDataExpert: {
    name: 'ipv6.opt.unknown_data.expert',
    type: 'none',
    description: 'Unknown Data (not interpreted)',
    expert: { severity: 'Note', group: 'Undecoded' },
  },
  headerMismatch: {
    name: 'ipv6.opt.header_mismatch',
    type: 'none',
    description: 'Wrong options extension header for type',
    expert: { severity: 'Warning', group: 'Protocol' },
  },
  deprecated: {
    name: 'ipv6.opt.deprecated',
    type: 'none',
    description: 'Option type is deprecated',
    expert: { severity: 'Note', group: 'Deprecated' },
  },
  mplSeedIsSource: {
    name: 'ipv6.opt.mpl.ipv6_src_seed_id',
    type: 'none',
    description: 'Seed ID is the IPv6 Source Address',
    expert: { severity: 'Comment', group: 'Protocol' },
  },
  jumboProhibited: {
    name: 'ipv6.opt.jumbo.prohibited',
    type: 'none',
    description: 'When IPv6 payload length does not equal 0 a Jumbo Payload option must not be present',
    expert: { severity: 'Warning', group: 'Protocol' },
  },
  jumboTruncated: {
    name: 'ipv6.opt.jumbo.truncated',
    type: 'none',
    description: 'Jumbo Payload option present and jumbo length < 65536',
    expert: { severity: 'Warning', group: 'Protocol' },
  },
});

/** What the options need to know about, and may change in, the datagram they travel in. */
export interface OptionHost {
  /** payload length field of the IPv6 header */
  plen: number;
  hlim: number;
  /** a Home Address option names the real source (used for columns and checksums) */
  homeAddress(record: number, buf: Uint8Array, off: number): void;
}

/**
 * Dissects the options of a Hop-by-Hop (`hopByHop`) or Destination Options header
 * from `off` up to `stop` (the header's declared end), reading within `b`.
 */
export function dissectOptionList(
  f: PacketFields,
  c: DissectCtx,
  b: Bounds,
  off: number,
  stop: number,
  hopByHop: boolean,
  host: OptionHost,
): void {
  const buf = c.buf;
  while (off < stop) {
    // tshark reads type and length before looking at the type, even for Pad1
    need(f, c, b, off, 1);
    const type = buf[off]!;
    need(f, c, b, off + 1, 1);
    const optLen = buf[off + 1]!;
    const name = OPTION_NAMES[type] ?? `Unknown IPv6 Option (${type})`;
    const opt = f.open(OPT_F.opt, off, Math.max(0, Math.min(2 + optLen, b.cap - off)));
    if (c.detail) f.setText(opt, name);
    const typeRec = f.add(OPT_F.type, off, 1, type);
    if (type === OPT.PAD1) {
      f.add(OPT_F.pad1, off, 1);
      f.close(opt, off + 1);
      off += 1;
      continue;
    }
    const onlyHbh = HOP_BY_HOP_ONLY.get(type);
    if (onlyHbh !== undefined && onlyHbh !== hopByHop) {
      const where = onlyHbh ? 'hop-by-hop' : 'destination';
      expertOn(f, c, typeRec, OPT_F.headerMismatch, `${name} must use a ${where} options header`);
    }
    if (type === OPT.ENDI && has(b, off + 2, optLen)) expertOn(f, c, typeRec, OPT_F.deprecated, 'Option type is deprecated');
    f.parent = typeRec;
    f.add(OPT_F.action, off, 1, type >> 6);
    f.add(OPT_F.change, off, 1, (type >> 5) & 1);
    f.add(OPT_F.rest, off, 1, type & 0x1f);
    f.parent = opt;
    const lenRec = f.add(OPT_F.length, off + 1, 1, optLen);
    off += 2;
    if (type === OPT.PADN) {
      need(f, c, b, off, optLen);
      f.add(OPT_F.padn, off, optLen);
      off += optLen;
      f.close(opt, off);
      continue;
    }
    const dataStart = off;
    off = dissectOptionData(f, c, b, off, type, optLen, { typeRec, lenRec, opt }, host);
    if (off < dataStart + optLen) {
      const n = dataStart + optLen - off;
      need(f, c, b, off, n);
      const u = f.add(OPT_F.unknownData, off, n);
      expertOn(f, c, u, OPT_F.unknownDataExpert, 'Unknown Data (not interpreted)');
      off = dataStart + optLen;
    }
    f.close(opt, off);
  }
}

/** One option's data; returns where tshark's reading of it stopped. */
function dissectOptionData(
  f: PacketFields,
  c: DissectCtx,
  b: Bounds,
  off: number,
  type: number,
  optLen: number,
  recs: { typeRec: number; lenRec: number; opt: number },
  host: OptionHost,
): number {
  const buf = c.buf;
  const { typeRec, lenRec, opt } = recs;
  const badLen = (label: string): void => {
    expertOn(f, c, lenRec, OPT_F.invalidLen, `${label} (${optLen} bytes)`, true);
  };
  const u8 = (id: number, at: number, val = buf[at]!): number => {
    need(f, c, b, at, 1);
    return f.add(id, at, 1, val);
  };
  const u16 = (id: number, at: number): number => {
    need(f, c, b, at, 2);
    return f.add(id, at, 2, (buf[at]! << 8) | buf[at + 1]!);
  };
  const u32 = (id: number, at: number): number => {
    need(f, c, b, at, 4);
    return f.add(id, at, 4, readU32(buf, at));
  };
  const bytes = (id: number, at: number, n: number): number => {
    need(f, c, b, at, n);
    return f.add(id, at, n);
  };
  switch (type) {
    case OPT.JUMBO: {
      if (optLen !== 4) badLen('Jumbo Payload: Invalid length');
      const rec = u32(OPT_F.jumbo, off);
      const value = f.vals[rec]!;
      if (value < 65536) expertOn(f, c, rec, OPT_F.jumboTruncated, 'Jumbo Payload option present and jumbo length < 65536');
      if (host.plen !== 0) {
        expertOn(f, c, opt, OPT_F.jumboProhibited, 'When IPv6 payload length does not equal 0 a Jumbo Payload option must not be present');
      }
      return off + 4;
    }
    case OPT.RPL: {
      if (optLen < 4) badLen('RPL Option: Invalid length');
      u8(OPT_F.rplFlag, off);
      u8(OPT_F.rplInstance, off + 1);
      u16(OPT_F.rplRank, off + 2);
      return off + 4;
    }
    case OPT.TEL:
      if (optLen !== 1) badLen('Tunnel Encapsulation Limit: Invalid length');
      u8(OPT_F.tel, off);
      return off + 1;
    case OPT.RTALERT:
      if (optLen !== 2) badLen('Router alert: Invalid Length');
      u16(OPT_F.rtalert, off);
      return off + 2;
    case OPT.PMTU: {
      if (optLen !== 4) badLen('PMTU Option: Invalid Length');
      u16(OPT_F.pmtuMin, off);
      need(f, c, b, off + 2, 2);
      const v = (buf[off + 2]! << 8) | buf[off + 3]!;
      f.add(OPT_F.pmtuRtn, off + 2, 2, v & 0xfffe);
      f.add(OPT_F.pmtuFlag, off + 3, 1, v & 1);
      return off + 4;
    }
    case OPT.QUICKSTART:
      return dissectQuickStart(f, c, b, off, optLen, badLen, host);
    case OPT.IOAM:
      return dissectIoam(f, c, b, off, optLen, badLen);
    case OPT.TPF:
      if (optLen !== 4) badLen('TPF: Invalid Length');
      u32(OPT_F.tpf, off);
      return off + 4;
    case OPT.CALIPSO: {
      if (optLen < 8) badLen('CALIPSO: Invalid Length');
      u32(OPT_F.calipsoDoi, off);
      const cmpt = buf[off + 4];
      u8(OPT_F.calipsoCmptLen, off + 4);
      u8(OPT_F.calipsoSens, off + 5);
      u16(OPT_F.calipsoChecksum, off + 6);
      bytes(OPT_F.calipsoBitmap, off + 8, cmpt! * 4);
      return off + 8 + cmpt! * 4;
    }
    case OPT.SMF_DPD:
      return dissectSmfDpd(f, c, b, off, optLen);
    case OPT.PDM:
      if (optLen !== 10) badLen('PDM: Invalid length');
      u8(OPT_F.pdmScaleDtlr, off);
      u8(OPT_F.pdmScaleDtls, off + 1);
      u16(OPT_F.pdmPsnThis, off + 2);
      u16(OPT_F.pdmPsnLast, off + 4);
      u16(OPT_F.pdmDeltaRecv, off + 6);
      u16(OPT_F.pdmDeltaSent, off + 8);
      return off + 10;
    case OPT.HOME_ADDRESS: {
      if (optLen !== 16) badLen('Home Address: Invalid length');
      const rec = bytes(OPT_F.homeAddress, off, 16);
      host.homeAddress(rec, buf, off);
      return off + 16;
    }
    case OPT.ILNP_NONCE:
      bytes(OPT_F.ilnpNonce, off, optLen);
      return off + optLen;
    case OPT.LIO: {
      need(f, c, b, off, 1);
      let idLen = buf[off]!;
      f.add(OPT_F.lioLen, off, 1, idLen);
      if (idLen + 1 > optLen) idLen = optLen - 1;
      if (idLen > 0) need(f, c, b, off + 1, idLen);
      f.addString(OPT_F.lioId, off + 1, Math.max(0, idLen), asciiText(buf, off + 1, idLen));
      return off + 1 + idLen;
    }
    case OPT.MPL: {
      need(f, c, b, off, 1);
      const flags = buf[off]!;
      f.add(OPT_F.mplFlag, off, 1, flags);
      const seedLen = [0, 2, 8, 16][flags >> 6]!;
      u8(OPT_F.mplSeq, off + 1);
      if (seedLen > 0) {
        bytes(OPT_F.mplSeed, off + 2, seedLen);
        return off + 2 + seedLen;
      }
      expertOn(f, c, typeRec, OPT_F.mplSeedIsSource, 'Seed ID is the IPv6 Source Address');
      return off + 2;
    }
    case OPT.IP_DFF:
      if (optLen !== 3) badLen('IPv6 DFF: Invalid length');
      u8(OPT_F.dffFlags, off);
      u16(OPT_F.dffSeq, off + 1);
      return off + 3;
    default: {
      if (EXPERIMENTAL.has(type)) {
        bytes(OPT_F.experimental, off, optLen);
        return off + optLen;
      }
      const rec = bytes(OPT_F.unknown, off, optLen);
      expertOn(f, c, rec, OPT_F.unknownDataExpert, 'Unknown Data (not interpreted)');
      return off + optLen;
    }
  }
}

function dissectQuickStart(
  f: PacketFields,
  c: DissectCtx,
  b: Bounds,
  off: number,
  optLen: number,
  badLen: (label: string) => void,
  host: OptionHost,
): number {
  const buf = c.buf;
  if (optLen !== 6) badLen('Quick-Start: Invalid Length');
  need(f, c, b, off, 1);
  const command = buf[off]!;
  const fn = command >> 4;
  f.add(OPT_F.qsFunc, off, 1, fn);
  if (fn !== 0 && fn !== 8) return off;
  f.add(OPT_F.qsRate, off, 1, command & 0x0f);
  if (fn === 0) {
    need(f, c, b, off + 1, 1);
    const ttl = buf[off + 1]!;
    f.add(OPT_F.qsTtl, off + 1, 1, ttl);
    f.add(OPT_F.qsTtlDiff, off + 1, 1, (host.hlim - ttl + 256) % 256, GENERATED);
  } else {
    need(f, c, b, off + 1, 1);
    f.add(OPT_F.qsUnused, off + 1, 1, buf[off + 1]!);
  }
  need(f, c, b, off + 2, 4);
  const word = readU32(buf, off + 2);
  f.add(OPT_F.qsNonce, off + 2, 4, (word & 0xfffffffc) >>> 2);
  f.add(OPT_F.qsReserved, off + 2, 4, word & 3);
  return off + 6;
}

/** IOAM (RFC 9486): the option header and trace header; node data is covered, not itemised. */
function dissectIoam(f: PacketFields, c: DissectCtx, b: Bounds, off: number, optLen: number, badLen: (label: string) => void): number {
  const buf = c.buf;
  if (optLen < 2) badLen('IOAM Option: Invalid length');
  need(f, c, b, off, 2);
  f.add(OPT_F.ioamRsv, off, 1, buf[off]!);
  const ioamType = buf[off + 1]!;
  f.add(OPT_F.ioamType, off + 1, 1, ioamType);
  off += 2;
  if (ioamType !== 0 && ioamType !== 1) return off;
  if (optLen < 10) badLen('IOAM Option: Invalid length');
  need(f, c, b, off, 2);
  f.add(OPT_F.ioamTraceNs, off, 2, (buf[off]! << 8) | buf[off + 1]!);
  need(f, c, b, off + 2, 2);
  const nodeLen = buf[off + 2]! >> 3;
  const remLen = buf[off + 3]! & 0x7f;
  f.add(OPT_F.ioamTraceNodeLen, off + 2, 1, nodeLen);
  f.add(OPT_F.ioamTraceRemLen, off + 3, 1, remLen);
  need(f, c, b, off + 4, 4);
  f.add(OPT_F.ioamTraceType, off + 4, 3, (buf[off + 4]! << 16) | (buf[off + 5]! << 8) | buf[off + 6]!);
  off += 8;
  if (!nodeLen || remLen * 4 > optLen - 10) return off;
  const dataLen = optLen - 10;
  need(f, c, b, off, dataLen);
  return off + dataLen;
}

function dissectSmfDpd(f: PacketFields, c: DissectCtx, b: Bounds, off: number, optLen: number): number {
  const buf = c.buf;
  need(f, c, b, off, 1);
  const hashTid = buf[off]!;
  f.add(OPT_F.smfHash, off, 1, hashTid >> 7);
  if (hashTid & 0x80) {
    need(f, c, b, off, optLen);
    f.add(OPT_F.smfHav, off, optLen);
    return off + optLen;
  }
  f.add(OPT_F.smfTidType, off, 1, (hashTid >> 4) & 7);
  f.add(OPT_F.smfTidLen, off, 1, hashTid & 0x0f);
  off += 1;
  let identLen = optLen - 1;
  if (hashTid & 0x70) {
    const tidLen = (hashTid & 0x0f) + 1;
    need(f, c, b, off, tidLen);
    f.add(OPT_F.smfTagger, off, tidLen);
    off += tidLen;
    identLen -= tidLen;
  }
  if (identLen > 0) {
    need(f, c, b, off, identLen);
    f.add(OPT_F.smfIdent, off, identLen);
    off += identLen;
  }
  return off;
}

function readU32(buf: Uint8Array, at: number): number {
  return ((buf[at]! << 24) | (buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!) >>> 0;
}

function asciiText(buf: Uint8Array, off: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) s += String.fromCharCode(buf[off + i]!);
  return s;
}
