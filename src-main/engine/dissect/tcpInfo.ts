// The Info column of a TCP segment as tshark prints it by default:
// `[TCP Retransmission] 50216 → 8080 [PSH, ACK] Seq=1 Ack=1 Win=502 Len=75 TSval=… TSecr=…`.
// Built lazily from the recorded fields. The stream analyzer runs after dissection and adds
// relative numbers (`tcp.seq`, `tcp.ack`), the scaled window (`tcp.window_size`), relative
// SACK edges and `tcp.analysis.*` entries; each is used when present, else the raw value.

import type { PacketFields } from '../fields/packetFields.js';
import { GENERATED } from '../fields/packetFields.js';
import { fieldByName } from '../fields/fieldRegistry.js';
import type { DissectCtx, InfoFormatter } from './context.js';
import { TCP_F } from './tcpFields.js';
import { CK_BAD } from './transportChecksum.js';
import { writePortPair } from './portPairInfo.js';
import { encodeText, StringSink, textOf, type EncodedText, type TextSink } from '../output/textSink.js';

const FLAG_NAMES: readonly [number, string][] = [
  [0x001, 'FIN'],
  [0x002, 'SYN'],
  [0x004, 'RST'],
  [0x008, 'PSH'],
  [0x010, 'ACK'],
  [0x020, 'URG'],
  [0x040, 'ECE'],
  [0x080, 'CWR'],
  [0x100, 'AE'],
  [0xe00, 'Reserved'],
];

/** tcpFlagNames() of each 12-bit flags value, made on first use (every segment's Info needs one). */
const flagNamesMemo: string[] = [];
/** " [PSH, ACK] Seq=" by flags value, likewise */
const flagsSeqMemo: EncodedText[] = [];

const isFlags = (flags: number): boolean => flags >= 0 && flags <= 0xfff && Number.isInteger(flags);

/** Flag names as tshark lists them in Info and in the flags' tree label ("FIN, SYN, ..., Reserved"). */
export function tcpFlagNames(flags: number): string {
  const known = flagNamesMemo[flags];
  if (known !== undefined) return known;
  const names: string[] = [];
  for (const [bit, name] of FLAG_NAMES) if (flags & bit) names.push(name);
  const text = names.length ? names.join(', ') : '<None>';
  if (isFlags(flags)) flagNamesMemo[flags] = text;
  return text;
}

function flagsSeqText(flags: number): EncodedText {
  const known = flagsSeqMemo[flags];
  if (known !== undefined) return known;
  const text = encodeText(` [${tcpFlagNames(flags)}] Seq=`);
  if (isFlags(flags)) flagsSeqMemo[flags] = text;
  return text;
}

/** "50216 → 8080 [PSH, ACK] Seq=1 Ack=1 Win=502": the part of Info every whole TCP header has. */
export function writeTcpSegment(out: TextSink, sport: number, dport: number, flags: number, seq: number, ack: number, win: number): void {
  writePortPair(out, sport, dport);
  out.encoded(flagsSeqText(flags));
  out.uint(seq);
  if (flags & 0x10) {
    out.text(' Ack=');
    out.uint(ack);
  }
  out.text(' Win=');
  out.uint(win);
}

/** " Urg=5 Len=75": the urgent pointer (only with URG) and the payload length (NaN: none recorded). */
export function writeTcpLength(out: TextSink, flags: number, urgent: number, len: number): void {
  if (flags & 0x20) {
    out.text(' Urg=');
    out.uint(urgent);
  }
  if (Number.isNaN(len)) return;
  out.text(' Len=');
  out.uint(len);
}

/** Info tokens of the options ordinary segments carry (tshark appends them after Len=). */
export function writeMssToken(out: TextSink, mss: number): void {
  out.text(' MSS=');
  out.uint(mss);
}

export function writeWindowScaleToken(out: TextSink, multiplier: number): void {
  out.text(' WS=');
  out.uint(multiplier);
}

export function writeSackPermToken(out: TextSink): void {
  out.text(' SACK_PERM');
}

export function writeTimestampsToken(out: TextSink, tsval: number, tsecr: number): void {
  out.text(' TSval=');
  out.uint(tsval);
  out.text(' TSecr=');
  out.uint(tsecr);
}

/** Analysis entry name → Info prefix; resolved on first use (the analyzer registers them). */
const PREFIXES: readonly [string, string][] = [
  ['tcp.analysis.retransmission', '[TCP Retransmission]'],
  ['tcp.analysis.fast_retransmission', '[TCP Fast Retransmission]'],
  ['tcp.analysis.spurious_retransmission', '[TCP Spurious Retransmission]'],
  ['tcp.analysis.out_of_order', '[TCP Out-Of-Order]'],
  ['tcp.analysis.reused_ports', '[TCP Port numbers reused]'],
  ['tcp.analysis.lost_segment', '[TCP Previous segment not captured]'],
  ['tcp.analysis.ack_lost_segment', '[TCP ACKed unseen segment]'],
  ['tcp.analysis.window_update', '[TCP Window Update]'],
  ['tcp.analysis.window_full', '[TCP Window Full]'],
  ['tcp.analysis.keep_alive', '[TCP Keep-Alive]'],
  ['tcp.analysis.keep_alive_ack', '[TCP Keep-Alive ACK]'],
  ['tcp.analysis.zero_window_probe', '[TCP ZeroWindowProbe]'],
  ['tcp.analysis.zero_window', '[TCP ZeroWindow]'],
  ['tcp.analysis.zero_window_probe_ack', '[TCP ZeroWindowProbeAck]'],
  ['tcp.analysis.duplicate_ack', ''],
];

let analysisIds: Map<number, string> | null = null;
let dupAckNumId = -1;
let dupAckFrameId = -1;
let retransId = -1;
let fastRetransId = -1;
let spuriousId = -1;

function resolveAnalysisIds(): Map<number, string> {
  if (analysisIds) return analysisIds;
  const m = new Map<number, string>();
  for (const [name, text] of PREFIXES) {
    const d = fieldByName(name);
    if (d) m.set(d.id, text);
  }
  dupAckNumId = fieldByName('tcp.analysis.duplicate_ack_num')?.id ?? -1;
  dupAckFrameId = fieldByName('tcp.analysis.duplicate_ack_frame')?.id ?? -1;
  retransId = fieldByName('tcp.analysis.retransmission')?.id ?? -1;
  fastRetransId = fieldByName('tcp.analysis.fast_retransmission')?.id ?? -1;
  spuriousId = fieldByName('tcp.analysis.spurious_retransmission')?.id ?? -1;
  // only cache once the analyzer's names exist, so a formatter used before it loads retries
  if (m.size) analysisIds = m;
  return m;
}

/** Option subtree field → its Info token (tshark appends these after Len=). */
type TokenMaker = (f: PacketFields, item: number, kids: readonly number[]) => string;

const child = (f: PacketFields, kids: readonly number[], id: number): number => {
  for (const k of kids) if (f.ids[k] === id) return k;
  return -1;
};

const valueToken = (label: string, id: number): TokenMaker => (f, _i, kids) => {
  const k = child(f, kids, id);
  return k < 0 ? '' : ` ${label}=${f.vals[k]}`;
};

/** The token of an option whose value is record `id` of its subtree, as `write` puts it. */
const writtenToken = (id: number, write: (out: TextSink, v: number) => void): TokenMaker => (f, _i, kids) => {
  const k = child(f, kids, id);
  return k < 0 ? '' : textOf((out) => write(out, f.vals[k]!));
};

const fastOpenToken: TokenMaker = (f, _i, kids) => {
  if (child(f, kids, TCP_F.tfoRequest) >= 0) return ' TFO=R';
  if (child(f, kids, TCP_F.tfoCookie) >= 0) return ' TFO=C';
  return '';
};

const TOKENS: ReadonlyMap<number, TokenMaker> = new Map<number, TokenMaker>([
  [TCP_F.optMss, writtenToken(TCP_F.mssVal, writeMssToken)],
  [TCP_F.optWscale, writtenToken(TCP_F.wscaleMultiplier, writeWindowScaleToken)],
  [TCP_F.optSackPerm, () => textOf(writeSackPermToken)],
  [
    TCP_F.optTimestamp,
    (f, _i, kids) => {
      const v = child(f, kids, TCP_F.tsval);
      const e = child(f, kids, TCP_F.tsecr);
      return v < 0 || e < 0 ? '' : textOf((out) => writeTimestampsToken(out, f.vals[v]!, f.vals[e]!));
    },
  ],
  [TCP_F.optSack, (f, _i, kids) => sackToken(f, kids)],
  [TCP_F.optEcho, valueToken('ECHO', TCP_F.echoValue)],
  [TCP_F.optEchoReply, valueToken('ECHO', TCP_F.echoValue)],
  [TCP_F.optCc, valueToken('CC', TCP_F.ccValue)],
  [TCP_F.optCcNew, valueToken('CC', TCP_F.ccValue)],
  [TCP_F.optCcEcho, valueToken('CC', TCP_F.ccValue)],
  [TCP_F.optMd5, () => ' MD5'],
  // tshark appends this one without a separating space
  [TCP_F.optAo, () => 'TCP AO'],
  [TCP_F.optUserTo, valueToken('USER_TO', TCP_F.userToVal)],
  [TCP_F.optTfo, fastOpenToken],
  [
    TCP_F.optExperimental,
    (f, i, kids) => {
      const tfo = fastOpenToken(f, i, kids);
      if (tfo) return tfo;
      const x = child(f, kids, TCP_F.expExid);
      return x < 0 ? '' : ` ExID=${f.vals[x]!.toString(16).toUpperCase()}`;
    },
  ],
  [
    TCP_F.optAccEcn,
    (f, _i, kids) => {
      const l = child(f, kids, TCP_F.optionLen);
      return l >= 0 && [2, 5, 8, 11].includes(f.vals[l]!) ? ' AccECN' : '';
    },
  ],
]);

/** SLE/SRE pairs; relative edges (added by the analyzer, GENERATED) win over the raw ones. */
function sackToken(f: PacketFields, kids: readonly number[]): string {
  const pick = (id: number): number[] => {
    const raw: number[] = [];
    const rel: number[] = [];
    for (const k of kids) if (f.ids[k] === id) (f.flags[k]! & GENERATED ? rel : raw).push(f.vals[k]!);
    return rel.length ? rel : raw;
  };
  const le = pick(TCP_F.sackLe);
  const re = pick(TCP_F.sackRe);
  let s = '';
  for (let i = 0; i < re.length && i < le.length; i++) s += ` SLE=${le[i]} SRE=${re[i]}`;
  return s;
}

/** Direct children of record `i`, in record order. */
function childrenOf(f: PacketFields, i: number): number[] {
  const out: number[] = [];
  for (let k = i + 1; k < f.count; k++) if (f.parents[k] === i) out.push(k);
  return out;
}

function u16(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!;
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

/** Info text of the TCP layer recorded at `layer`. */
export const tcpInfo: InfoFormatter = (f: PacketFields, _c: DissectCtx, layer: number): string => {
  const prefixIds = resolveAnalysisIds();
  const src = f.sources[f.srcs[layer]!]!;
  const o = f.starts[layer]!;
  let sport = -1;
  let dport = -1;
  let hdrLen = -1;
  let seq = NaN;
  let ack = NaN;
  let win = NaN;
  let len = NaN;
  let urgent = NaN;
  let status = -1;
  let ffff = false;
  let bogus = false;
  let tokens = '';
  const prefixes: string[] = [];
  let dupNum = NaN;
  let dupFrame = NaN;
  let plainRetrans = false;
  let specialRetrans = false;
  for (let i = layer + 1; i < f.count; i++) {
    if (!f.isWithin(i, layer)) continue;
    const id = f.ids[i]!;
    const v = f.vals[i]!;
    switch (id) {
      case TCP_F.srcport:
        sport = v;
        break;
      case TCP_F.dstport:
        dport = v;
        break;
      case TCP_F.hdrLen:
        hdrLen = v;
        break;
      case TCP_F.seq:
        seq = v;
        break;
      case TCP_F.ack:
        ack = v;
        break;
      case TCP_F.windowSize:
        win = v;
        break;
      case TCP_F.len:
        len = v;
        break;
      case TCP_F.urgentPointer:
        urgent = v;
        break;
      case TCP_F.checksumStatus:
        status = v;
        break;
      case TCP_F.checksumFfff:
        ffff = true;
        break;
      case TCP_F.bogusHeaderLength:
        bogus = true;
        break;
      default: {
        const t = TOKENS.get(id);
        if (t && f.parents[i] !== layer) {
          tokens += t(f, i, childrenOf(f, i));
          break;
        }
        if (id === dupAckNumId) dupNum = v;
        else if (id === dupAckFrameId) dupFrame = v;
        const p = prefixIds.get(id);
        if (p === undefined) break;
        if (id === retransId) plainRetrans = true;
        if (id === fastRetransId || id === spuriousId) specialRetrans = true;
        prefixes.push(p);
      }
    }
  }
  if (sport < 0 || dport < 0) return '';
  const notes = analysisPrefix(prefixes, plainRetrans && specialRetrans, dupNum, dupFrame);
  const out = new StringSink();
  if (hdrLen < 0) {
    writePortPair(out, sport, dport);
    return notes + out.take() + tokens;
  }
  // the header's first 16 bytes were read: flags and window come from the bytes themselves,
  // since a bogus header length stops tshark before it records them as fields
  const flags = u16(src, o + 12) & 0xfff;
  if (Number.isNaN(seq)) seq = u32(src, o + 4);
  if (Number.isNaN(ack)) ack = u32(src, o + 8);
  if (Number.isNaN(win)) win = u16(src, o + 14);
  writeTcpSegment(out, sport, dport, flags, seq, ack, win);
  if (bogus) return notes + out.take() + `, bogus TCP header length (${hdrLen}, must be at least 20)`;
  if (ffff) out.text(' [TCP CHECKSUM 0xFFFF]');
  else if (status === CK_BAD) out.text(' [TCP CHECKSUM INCORRECT]');
  if (!Number.isNaN(urgent)) writeTcpLength(out, flags, urgent, len);
  return notes + out.take() + tokens;
};

/** The Info prefix of a `tcp.analysis.*` entry ('' for a duplicate ACK, see analysisPrefix), undefined for other fields. */
export function analysisPrefixOf(fieldId: number): string | undefined {
  return resolveAnalysisIds().get(fieldId);
}

/**
 * The analysis notes that start Info, from their prefixes in the order the entries were
 * recorded: tshark prepends each note as it finds it, so the last one found comes first.
 * A duplicate ACK ('') shows its frame and number; a plain retransmission is not repeated
 * next to a fast or spurious one (`dropPlainRetrans`).
 */
export function analysisPrefix(found: readonly string[], dropPlainRetrans: boolean, dupNum: number, dupFrame: number): string {
  let s = '';
  for (const p of found) {
    let text = p;
    if (p === '') text = `[TCP Dup ACK ${Number.isNaN(dupFrame) ? '?' : dupFrame}#${Number.isNaN(dupNum) ? '?' : dupNum}]`;
    if (dropPlainRetrans && p === '[TCP Retransmission]') continue;
    s = `${text} ${s}`;
  }
  return s;
}
