// TCP options (RFC 9293 §3.1 and the registry of option kinds): one subtree per option with
// Wireshark's field names, and tshark's complaints about lengths that are too short, run
// past the header or differ from the fixed size of the kind. Reading past the captured
// bytes stops the whole TCP layer (STOP), as the exception does in tshark.

import type { PacketFields } from '../fields/packetFields.js';
import { GENERATED } from '../fields/packetFields.js';
import type { DissectCtx, InfoFormatter } from './context.js';
import type { Bounds } from './transportBounds.js';
import { expertOn, has, needBytes, subBounds } from './transportBounds.js';
import { MPTCP, TCP_F } from './tcpFields.js';

const SYN = 0x02;
const ACK = 0x10;

/** What the option parser needs to know about the segment it belongs to. */
export interface OptionSegment {
  flags: number;
  /** the raw acknowledgment number (D-SACK detection) */
  ack: number;
  /** inside an ICMP error quote: a quoted header that simply ends is not an error */
  quoted: boolean;
  /** TCP layer record, for the Info column an MPTCP option claims */
  layer: number;
  info: InfoFormatter;
}

interface KindInfo {
  /** subtree field of the option */
  field: number;
  /** tshark's short name, used in its messages ("Maximum segment size (with too-short ...)") */
  name: string;
  /** the only valid length, when the kind has one */
  fixed?: number;
}

const KINDS: ReadonlyMap<number, KindInfo> = new Map<number, KindInfo>([
  [2, { field: TCP_F.optMss, name: 'Maximum segment size', fixed: 4 }],
  [3, { field: TCP_F.optWscale, name: 'Window scale', fixed: 3 }],
  [4, { field: TCP_F.optSackPerm, name: 'SACK permitted', fixed: 2 }],
  [5, { field: TCP_F.optSack, name: 'SACK' }],
  [6, { field: TCP_F.optEcho, name: 'Echo', fixed: 6 }],
  [7, { field: TCP_F.optEchoReply, name: 'Echo reply', fixed: 6 }],
  [8, { field: TCP_F.optTimestamp, name: 'Timestamps', fixed: 10 }],
  [11, { field: TCP_F.optCc, name: 'CC', fixed: 6 }],
  [12, { field: TCP_F.optCcNew, name: 'CC.NEW', fixed: 6 }],
  [13, { field: TCP_F.optCcEcho, name: 'CC.ECHO', fixed: 6 }],
  [19, { field: TCP_F.optMd5, name: 'TCP MD5 signature', fixed: 18 }],
  [20, { field: TCP_F.optScps, name: 'SCPS capabilities' }],
  [21, { field: TCP_F.optSnack, name: 'Selective Negative Acknowledgment', fixed: 6 }],
  [22, { field: TCP_F.optScpsRec, name: 'SCPS record boundary', fixed: 2 }],
  [23, { field: TCP_F.optScpsCor, name: 'SCPS corruption experienced', fixed: 2 }],
  [27, { field: TCP_F.optQs, name: 'Quick-Start', fixed: 8 }],
  [28, { field: TCP_F.optUserTo, name: 'User Timeout', fixed: 4 }],
  [29, { field: TCP_F.optAo, name: 'TCP AO' }],
  [30, { field: MPTCP, name: 'MPTCP' }],
  [34, { field: TCP_F.optTfo, name: 'TCP Fast Open' }],
  [76, { field: TCP_F.optRvbdProbe, name: 'Riverbed Probe' }],
  [78, { field: TCP_F.optRvbdTrpy, name: 'Riverbed Transparency', fixed: 16 }],
  [172, { field: TCP_F.optAccEcn, name: 'Accurate ECN' }],
  [174, { field: TCP_F.optAccEcn, name: 'Accurate ECN' }],
  [253, { field: TCP_F.optExperimental, name: 'Experimental' }],
  [254, { field: TCP_F.optExperimental, name: 'Experimental' }],
]);

const TFO_EXID = 0xf989;
const ACC_ECN_LENGTHS = [2, 5, 8, 11];

/**
 * Least option length at which tshark's MPTCP dissector reads all it wants for a subtype;
 * shorter options end in its exception. DSS (2) depends on its flags and is computed apart.
 */
const MPTCP_MIN_LENGTH: Readonly<Record<number, number>> = { 0: 4, 1: 3, 3: 4, 4: 3, 5: 3, 6: 12, 7: 12, 8: 4 };

function kindInfo(kind: number): KindInfo {
  return KINDS.get(kind) ?? { field: TCP_F.optUnknown, name: `Unknown (0x${kind.toString(16).padStart(2, '0')})` };
}

function u16(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!;
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

/** a < b in 32-bit sequence space */
function seqLt(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

/**
 * Dissects the options in [b's start .. b.rep) (b.cap: what was captured of them). Records
 * one subtree per option under the current parent. Throws STOP after recording a bounds error.
 */
export function dissectTcpOptions(f: PacketFields, c: DissectCtx, start: number, b: Bounds, seg: OptionSegment): void {
  const buf = c.buf;
  let pos = start;
  let nops = 0;
  let sawMss = false;
  let complete = true;
  while (pos < b.rep) {
    needBytes(f, c, b, pos, 1, seg.quoted);
    const kind = buf[pos]!;
    if (kind === 1) {
      // tshark counts every NOP of the header and warns when the fourth one completes an
      // aligned 32-bit word (what a router blanking out an option would leave)
      nops++;
      if (nops === 4 && (pos - start) % 4 === 3) {
        c.expert(f, TCP_F.nopRun, pos, 1, '4 NOP in a row - a router may have removed some options');
      }
      singleByteOption(f, c, TCP_F.optNop, pos, kind, 'TCP Option - No-Operation (NOP)');
      pos++;
      continue;
    }
    if (kind === 0) {
      singleByteOption(f, c, TCP_F.optEol, pos, kind, 'TCP Option - End of Option List (EOL)');
      pos++;
      if (pos < b.rep && has(b, pos, 1) && buf[pos] !== 0) {
        c.expert(f, TCP_F.nonZeroAfterEol, pos, b.rep - pos, 'Non-zero header padding');
        break;
      }
      continue;
    }
    const info = kindInfo(kind);
    if (pos + 1 >= b.rep) {
      c.expert(f, TCP_F.optionLenInvalid, pos, 1, `${info.name} (length byte past end of options)`);
      complete = false;
      break;
    }
    needBytes(f, c, b, pos + 1, 1, seg.quoted);
    const len = buf[pos + 1]!;
    if (len < 2) {
      c.expert(f, TCP_F.optionLenInvalid, pos, 2, `${info.name} (with too-short option length = ${len} byte${len === 1 ? '' : 's'})`);
      complete = false;
      break;
    }
    if (pos + len > b.rep) {
      c.expert(f, TCP_F.optionLenInvalid, pos, b.rep - pos, `${info.name} (option length = ${len} bytes says option goes past end of options)`);
      complete = false;
      break;
    }
    if (kind === 2) sawMss = true;
    dissectOption(f, c, b, pos, kind, len, info, seg);
    pos += len;
  }
  if (complete && seg.flags & SYN && !sawMss) {
    c.expert(f, TCP_F.mssAbsent, start, 0, 'The SYN packet does not contain a MSS option');
  }
}

function singleByteOption(f: PacketFields, c: DissectCtx, field: number, pos: number, kind: number, label: string): void {
  const item = f.open(field, pos, 1);
  if (c.detail) f.setText(item, label);
  f.add(TCP_F.optionKind, pos, 1, kind);
  f.close(item);
}

function dissectOption(f: PacketFields, c: DissectCtx, b: Bounds, pos: number, kind: number, len: number, info: KindInfo, seg: OptionSegment): void {
  const ob = subBounds(b, pos, len, kind === 30 ? 'MPTCP' : b.name);
  const item = f.open(info.field, pos, Math.max(0, Math.min(len, b.cap - pos)));
  if (kind === 30) {
    c.layers.push('mptcp');
    c.setColumns('MPTCP', seg.info, seg.layer);
  }
  if (kind === 2 && !(seg.flags & SYN)) c.expert(f, TCP_F.mssPresent, pos, len, 'The non-SYN packet does contain a MSS option');
  f.add(TCP_F.optionKind, pos, 1, kind);
  const lenRec = f.add(TCP_F.optionLen, pos + 1, 1, len);
  const lengthWrong = (message: string): void => {
    expertOn(f, c, lenRec, TCP_F.optionLenInvalid, message);
  };
  let label = `TCP Option - ${info.name}`;
  if (info.fixed !== undefined && len !== info.fixed) {
    lengthWrong(`option length should be ${info.fixed}`);
  } else {
    label = optionBody(f, c, ob, pos, kind, len, seg, lengthWrong) ?? label;
  }
  if (c.detail) f.setText(item, label);
  f.close(item);
}

/** Records the contents of an option of acceptable length; returns its tree label when it has a special one. */
function optionBody(
  f: PacketFields,
  c: DissectCtx,
  ob: Bounds,
  pos: number,
  kind: number,
  len: number,
  seg: OptionSegment,
  lengthWrong: (message: string) => void,
): string | undefined {
  const buf = c.buf;
  const q = seg.quoted;
  switch (kind) {
    case 2: {
      needBytes(f, c, ob, pos + 2, 2, q);
      const mss = u16(buf, pos + 2);
      f.add(TCP_F.mssVal, pos + 2, 2, mss);
      return `TCP Option - Maximum segment size: ${mss} bytes`;
    }
    case 3: {
      needBytes(f, c, ob, pos + 2, 1, q);
      const shift = buf[pos + 2]!;
      const s = f.add(TCP_F.wscaleShift, pos + 2, 1, shift);
      if (shift > 14) expertOn(f, c, s, TCP_F.wscaleShiftInvalid, 'Window scale shift exceeds 14');
      const multiplier = 2 ** Math.min(shift, 14);
      f.add(TCP_F.wscaleMultiplier, pos + 2, 1, multiplier, GENERATED);
      return `TCP Option - Window scale: ${shift} (multiply by ${multiplier})`;
    }
    case 5:
      return sackBody(f, c, ob, pos, len, seg);
    case 6:
    case 7: {
      needBytes(f, c, ob, pos + 2, 4, q);
      const v = u32(buf, pos + 2);
      f.add(TCP_F.echoValue, pos + 2, 4, v);
      return `TCP Option - ${kind === 6 ? 'Echo' : 'Echo reply'}: ${v}`;
    }
    case 8: {
      needBytes(f, c, ob, pos + 2, 8, q);
      const tsval = u32(buf, pos + 2);
      const tsecr = u32(buf, pos + 6);
      f.add(TCP_F.tsval, pos + 2, 4, tsval);
      f.add(TCP_F.tsecr, pos + 6, 4, tsecr);
      return `TCP Option - Timestamps: TSval ${tsval}, TSecr ${tsecr}`;
    }
    case 11:
    case 12:
    case 13: {
      needBytes(f, c, ob, pos + 2, 4, q);
      const v = u32(buf, pos + 2);
      f.add(TCP_F.ccValue, pos + 2, 4, v);
      return undefined;
    }
    case 19:
      needBytes(f, c, ob, pos + 2, 16, q);
      f.add(TCP_F.md5Digest, pos + 2, 16);
      return undefined;
    case 28: {
      needBytes(f, c, ob, pos + 2, 2, q);
      const v = u16(buf, pos + 2);
      f.add(TCP_F.userToGranularity, pos + 2, 2, v >> 15);
      f.add(TCP_F.userToVal, pos + 2, 2, v & 0x7fff);
      return undefined;
    }
    case 29:
      if (len < 4) {
        lengthWrong('option length should be >= than 4');
        return undefined;
      }
      needBytes(f, c, ob, pos + 2, 2, q);
      f.add(TCP_F.aoKeyId, pos + 2, 1, buf[pos + 2]!);
      f.add(TCP_F.aoRnextKeyId, pos + 3, 1, buf[pos + 3]!);
      if (len > 4) {
        needBytes(f, c, ob, pos + 4, len - 4, q);
        f.add(TCP_F.aoMac, pos + 4, len - 4);
      }
      return undefined;
    case 30:
      return mptcpBody(f, c, ob, pos, len, q);
    case 34:
      return fastOpen(f, c, ob, pos + 2, pos + len, seg, 'TCP Option - TCP Fast Open');
    case 172:
    case 174:
      if (!ACC_ECN_LENGTHS.includes(len)) lengthWrong(`option length should be 2, 5, 8, or 11 instead of ${len}`);
      return undefined;
    case 253:
    case 254: {
      if (len < 4) {
        lengthWrong(`option length ${len} smaller than 4`);
        return undefined;
      }
      needBytes(f, c, ob, pos + 2, 2, q);
      const exid = u16(buf, pos + 2);
      f.add(TCP_F.expExid, pos + 2, 2, exid);
      if (exid === TFO_EXID) return fastOpen(f, c, ob, pos + 4, pos + len, seg, 'TCP Option - Experimental: Fast Open');
      if (len > 4) {
        needBytes(f, c, ob, pos + 4, len - 4, q);
        f.add(TCP_F.expData, pos + 4, len - 4);
      }
      return undefined;
    }
    default:
      if (!KINDS.has(kind) && len > 2) {
        needBytes(f, c, ob, pos + 2, len - 2, q);
        f.add(TCP_F.unknownPayload, pos + 2, len - 2);
      }
      return undefined;
  }
}

/** SACK blocks, then tshark's D-SACK test: the first block lies below the ACK or inside the second block (RFC 2883). */
function sackBody(f: PacketFields, c: DissectCtx, ob: Bounds, pos: number, len: number, seg: OptionSegment): string {
  const buf = c.buf;
  const optEnd = pos + len;
  const edges: string[] = [];
  let p = pos + 2;
  let count = 0;
  while (p < optEnd) {
    if (optEnd - p < 4) {
      c.expert(f, TCP_F.suboptionMalformed, p, optEnd - p, 'suboption would go past end of option');
      break;
    }
    needBytes(f, c, ob, p, 4, seg.quoted);
    const le = u32(buf, p);
    f.add(TCP_F.sackLe, p, 4, le);
    p += 4;
    if (optEnd - p < 4) {
      c.expert(f, TCP_F.suboptionMalformed, p, optEnd - p, 'suboption would go past end of option');
      break;
    }
    needBytes(f, c, ob, p, 4, seg.quoted);
    const re = u32(buf, p);
    f.add(TCP_F.sackRe, p, 4, re);
    p += 4;
    count++;
    edges.push(`${le}-${re}`);
  }
  f.add(TCP_F.sackCount, pos, len, count, GENERATED);
  // the test reads the first block whatever the option's length, and fails the way tshark does
  needBytes(f, c, ob, pos + 2, 4, seg.quoted);
  const le1 = u32(buf, pos + 2);
  let dsack = seqLt(le1, seg.ack);
  if (!dsack && count >= 2) {
    const re1 = u32(buf, pos + 6);
    const le2 = u32(buf, pos + 10);
    const re2 = u32(buf, pos + 14);
    dsack = !seqLt(le1, le2) && !seqLt(re2, re1);
  }
  if (dsack) {
    f.add(TCP_F.dsackLe, pos + 2, 4, le1, GENERATED);
    needBytes(f, c, ob, pos + 6, 4, seg.quoted);
    f.add(TCP_F.dsackRe, pos + 6, 4, u32(buf, pos + 6), GENERATED);
    c.expert(f, TCP_F.dsack, pos + 2, 8, 'D-SACK Sequence');
  }
  return edges.length ? `TCP Option - SACK ${edges.join(' ')}` : 'TCP Option - SACK';
}

/** TCP Fast Open (RFC 7413): an empty option requests a cookie, otherwise it carries one. */
function fastOpen(f: PacketFields, c: DissectCtx, ob: Bounds, from: number, to: number, seg: OptionSegment, label: string): string {
  if (to <= from) {
    f.add(TCP_F.tfoRequest, from - 2, 2);
    return label;
  }
  needBytes(f, c, ob, from, to - from, seg.quoted);
  const cookie = f.add(TCP_F.tfoCookie, from, to - from);
  if ((seg.flags & (SYN | ACK)) === SYN) expertOn(f, c, cookie, TCP_F.tfoSyn, 'TCP SYN with TFO Cookie');
  return label;
}

/** Multipath TCP (RFC 8684): the subtype only; the rest stays raw in the option's bytes. */
function mptcpBody(f: PacketFields, c: DissectCtx, ob: Bounds, pos: number, len: number, quoted: boolean): string {
  needBytes(f, c, ob, pos + 2, 1, quoted);
  const subtype = c.buf[pos + 2]! >> 4;
  f.add(TCP_F.mptcpSubtype, pos + 2, 1, subtype);
  let min = MPTCP_MIN_LENGTH[subtype] ?? 3;
  if (subtype === 2) {
    needBytes(f, c, ob, pos + 3, 1, quoted);
    const fl = c.buf[pos + 3]!;
    min = 4;
    if (fl & 0x01) min += fl & 0x02 ? 8 : 4;
    if (fl & 0x04) min += (fl & 0x08 ? 8 : 4) + 6;
  }
  if (len < min) needBytes(f, c, ob, pos, min, quoted);
  if (subtype === 0) {
    // MP_CAPABLE names its MAC algorithm in the low six flag bits; only HMAC-SHA (H) is defined
    const crypto = c.buf[pos + 3]! & 0x3f;
    if (crypto === 0) c.expert(f, TCP_F.mptcpNoAlgorithm, pos + 3, 1, 'No crypto algorithm specified');
    if (crypto !== 0x01) c.expert(f, TCP_F.mptcpBadAlgorithm, pos + 3, 1, 'Unsupported algorithm');
  }
  return 'Multipath Transmission Control Protocol';
}
