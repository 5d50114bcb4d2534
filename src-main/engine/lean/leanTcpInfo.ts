// The Info column of a TCP segment the lean decoder read, built from its header bytes and
// the analyzers' state (relative numbers from the stream analyzer, the scaled window and
// the `tcp.analysis.*` notes from the TCP analyzer) instead of from field records. The
// text pieces are tcpInfo.ts's, so the line is the one full dissection prints.

import { REPORTS, TA, TA_F } from '../analysis/tcpAnalysis.js';
import {
  analysisPrefix, analysisPrefixOf, writeMssToken, writeSackPermToken, writeTcpLength, writeTcpSegment, writeTimestampsToken,
  writeWindowScaleToken,
} from '../dissect/tcpInfo.js';
import type { TextSink } from '../output/textSink.js';
import type { LeanPacket } from './leanPacket.js';
import type { LeanLineNotes } from './leanSummary.js';

/** TA bits that put a note in front of Info (the FIN bits do not). */
const NOTED = REPORTS.reduce((mask, [bit]) => mask | bit, TA.duplicateAck);

function u16(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!;
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

/** Writes the Info of a TCP packet read into `p`, with what the analyzers noted about it. */
export function writeLeanTcpInfo(out: TextSink, p: LeanPacket, n: LeanLineNotes): void {
  const t = p.flow;
  const b = p.buf;
  const off = p.l4Off;
  const flags = t.tcpFlags;
  if (n.ta & NOTED) out.text(notes(n.ta, n.dupNum, n.dupFrame));
  writeTcpSegment(out, t.sport, t.dport, flags, p.relSeq, p.relAck, n.window);
  writeTcpLength(out, flags, u16(b, off + 18), t.payload);
  const hdrEnd = off + (b[off + 12]! >> 4) * 4;
  if (hdrEnd > off + 20) writeOptionTokens(out, b, off + 20, hdrEnd);
}

/**
 * The tokens of the options in [pos, end): the lean decoder accepts only MSS, window scale,
 * SACK permitted, timestamps, NOP and EOL padding, so any other kind here means the two
 * disagree, which must not pass silently.
 */
function writeOptionTokens(out: TextSink, b: Uint8Array, pos: number, end: number): void {
  while (pos < end) {
    const kind = b[pos]!;
    if (kind === 0) break;
    if (kind === 1) {
      pos++;
      continue;
    }
    if (kind === 2) writeMssToken(out, u16(b, pos + 2));
    else if (kind === 3) writeWindowScaleToken(out, 2 ** Math.min(b[pos + 2]!, 14));
    else if (kind === 4) writeSackPermToken(out);
    else if (kind === 8) writeTimestampsToken(out, u32(b, pos + 2), u32(b, pos + 6));
    else throw new Error(`the lean decoder accepted TCP option kind ${kind}, which the lean summary does not show`);
    pos += b[pos + 1]!;
  }
}

/** The analysis notes, in the order the TCP analyzer records their entries (see its report()). */
function notes(r: number, num: number, frame: number): string {
  const found: string[] = [];
  for (const [bit, id] of REPORTS) if (r & bit) found.push(analysisPrefixOf(id)!);
  if (r & TA.duplicateAck) found.push(analysisPrefixOf(TA_F.duplicateAck)!);
  const special = (r & (TA.fastRetransmission | TA.spuriousRetransmission)) !== 0;
  return analysisPrefix(found, (r & TA.retransmission) !== 0 && special, num, frame);
}
