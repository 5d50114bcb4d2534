// Summary columns without dissection: an ordinary packet (see leanDecoder.ts) is decoded
// straight from its bytes, shown to every analyzer through observeLean, and its Source,
// Destination, Protocol and Info are built from those numbers and the analyzers' state.
// Whatever the decoder declines is dissected in full by the caller. Both ways give the
// same columns (test/unit/engine/lean/leanSummary.test.ts compares them on the corpus).

import type { FrameMeta } from '../dissect/context.js';
import { writeIcmpQueryInfo } from '../dissect/icmp.js';
import { writeUdpPlainInfo } from '../dissect/udp.js';
import type { TextSink } from '../output/textSink.js';
import type { Analyzer } from '../pass/analyzer.js';
import { IcmpEchoTracker } from '../analysis/icmpEchoTracker.js';
import { StreamAnalyzer } from '../analysis/streamAnalyzer.js';
import { TA, TcpAnalyzer } from '../analysis/tcpAnalysis.js';
import { observeLeanPacket } from './leanObserve.js';
import { LeanPacket } from './leanPacket.js';
import { LeanLineColumns } from './leanColumns.js';
import { writeLeanTcpInfo } from './leanTcpInfo.js';

/**
 * What the analyzers say about a lean packet's Info, taken as the packet is observed (the
 * line can then be written anywhere, even in another thread, from the packet and these).
 */
export class LeanLineNotes {
  /** TCP analysis flags of the packet (TA.*) */
  ta = 0;
  /** a duplicate ACK's number and the frame it duplicates */
  dupNum = NaN;
  dupFrame = NaN;
  /** the TCP window size, scaled when the scale is known */
  window = 0;
  /** an ICMP echo reply: the 0-based packet of its request, -1 for none */
  request = -1;
}

/** Writes the Info of a lean packet from its numbers and the analyzers' notes. */
export function writeLeanInfo(out: TextSink, p: LeanPacket, notes: LeanLineNotes): void {
  if (p.l4 === 6) {
    writeLeanTcpInfo(out, p, notes);
    return;
  }
  const t = p.flow;
  if (p.l4 === 17) {
    writeUdpPlainInfo(out, t.sport, t.dport, t.payload);
    return;
  }
  // an ICMP echo: a reply names the request it answers (the first pass knows no more)
  const request = notes.request;
  writeIcmpQueryInfo(out, t.icmpType, t.icmpCode, t.icmpId, p.icmpSeq, p.ttl, NaN, request >= 0 ? request + 1 : NaN, false);
}

export class LeanSummary {
  readonly p = new LeanPacket();
  readonly notes = new LeanLineNotes();
  /** the columns of the packet observe() last accepted; its Info comes from writeInfo() */
  readonly columns = new LeanLineColumns();
  /** packets summarised here (the rest were dissected in full) */
  accepted = 0;

  /**
   * Null when the lean path cannot give the full path's columns: some analyzer cannot take
   * lean packets, or one the columns come from (streams, TCP analysis, echo pairing) is missing.
   */
  static create(analyzers: readonly Analyzer[]): LeanSummary | null {
    if (!analyzers.every((a) => a.observeLean)) return null;
    const tcp = analyzers.find((a): a is TcpAnalyzer => a instanceof TcpAnalyzer);
    const echo = analyzers.find((a): a is IcmpEchoTracker => a instanceof IcmpEchoTracker);
    const streams = analyzers.some((a) => a instanceof StreamAnalyzer);
    if (!tcp || !echo || !streams) return null;
    return new LeanSummary(analyzers, tcp, echo);
  }

  private constructor(
    private readonly analyzers: readonly Analyzer[],
    private readonly tcp: TcpAnalyzer,
    private readonly echo: IcmpEchoTracker,
  ) {}

  /**
   * Decodes packet `i`, bytes [start, start + meta.capLen) of `buf` (`view` over the same
   * bytes), lets every analyzer see it and fills `notes` and (unless `columns` is false)
   * `columns`; false when the lean decoder declines the packet, which the caller must then
   * dissect in full.
   */
  observe(meta: FrameMeta, buf: Uint8Array, view: DataView, start: number, i: number, columns = true): boolean {
    const p = this.p;
    if (!observeLeanPacket(p, this.analyzers, meta, buf, view, start, i)) return false;
    this.takeNotes(i);
    this.accepted++;
    if (columns) this.columns.take(p);
    return true;
  }

  private takeNotes(i: number): void {
    const p = this.p;
    const n = this.notes;
    if (p.l4 === 6) {
      const t = p.flow;
      const tcp = this.tcp;
      n.ta = tcp.flagsOf(i);
      const dup = n.ta & TA.duplicateAck ? (tcp.duplicateAckOf(i) ?? [0, 0]) : [NaN, NaN];
      n.dupNum = dup[0];
      n.dupFrame = dup[1];
      n.window = tcp.windowSizeOf(i, t.win, t.tcpFlags);
    } else if (p.l4 === 1) {
      n.request = this.echo.requestOf(i);
    }
  }

  /** Writes the Info of the packet observe() last accepted. */
  writeInfo(out: TextSink): void {
    writeLeanInfo(out, this.p, this.notes);
  }
}
