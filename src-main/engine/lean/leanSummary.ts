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
import { TcpAnalyzer } from '../analysis/tcpAnalysis.js';
import { observeLeanPacket } from './leanObserve.js';
import { LeanPacket } from './leanPacket.js';
import { LeanAddressTexts, leanProtocol } from './leanColumns.js';
import { writeLeanTcpInfo } from './leanTcpInfo.js';

export class LeanSummary {
  private readonly p = new LeanPacket();
  private readonly addresses = new LeanAddressTexts();
  /** the columns of the packet observe() last accepted; its Info comes from writeInfo() */
  readonly columns = { src: '', dst: '', protocol: '' };
  private packet = -1;
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
   * bytes), lets every analyzer see it and fills `columns`; false when the lean decoder
   * declines the packet, which the caller must then dissect in full.
   */
  observe(meta: FrameMeta, buf: Uint8Array, view: DataView, start: number, i: number): boolean {
    const p = this.p;
    if (!observeLeanPacket(p, this.analyzers, meta, buf, view, start, i)) return false;

    const c = this.columns;
    const a = this.addresses;
    a.update(p);
    c.src = a.src;
    c.dst = a.dst;
    c.protocol = leanProtocol(p);
    this.packet = i;
    this.accepted++;
    return true;
  }

  /** Writes the Info of the packet observe() last accepted. */
  writeInfo(out: TextSink): void {
    const p = this.p;
    const i = this.packet;
    if (p.l4 === 6) {
      writeLeanTcpInfo(out, p, i, this.tcp);
      return;
    }
    const t = p.flow;
    if (p.l4 === 17) {
      writeUdpPlainInfo(out, t.sport, t.dport, t.payload);
      return;
    }
    // an ICMP echo: a reply names the request it answers (the first pass knows no more)
    const request = this.echo.requestOf(i);
    writeIcmpQueryInfo(out, t.icmpType, t.icmpCode, t.icmpId, p.icmpSeq, p.ttl, NaN, request >= 0 ? request + 1 : NaN, false);
  }
}
