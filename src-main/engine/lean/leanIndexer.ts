// The fast path of the index pass: an ordinary packet (see leanDecoder.ts) is decoded into
// a LeanPacket, shown to every analyzer through observeLean, and written to the index
// columns, with no field record at all. Whatever the decoder declines goes the full way
// (dissection, observe, CaptureFile.record); both ways leave the same index and the same
// analyzer state.

import type { FrameMeta } from '../dissect/context.js';
import { MARK, type PacketIndex } from '../index/packetIndex.js';
import type { Analyzer } from '../pass/analyzer.js';
import { TA_WARNINGS, TcpAnalyzer } from '../analysis/tcpAnalysis.js';
import { observeLeanPacket } from './leanObserve.js';
import { LeanPacket } from './leanPacket.js';
import { leanProtocol } from './leanColumns.js';
import { Column } from '../index/growableColumns.js';

const TCP_RST = 0x04;

/** per conversation and direction: source, destination, protocol with and without a payload (each id + 1, 0 until known) */
const PER_DIRECTION = 4;
const PER_STREAM = 2 * PER_DIRECTION;

export class LeanIndexer {
  private readonly p = new LeanPacket();
  private readonly tcpIds = new Column(Int32Array, 1024);
  private readonly udpIds = new Column(Int32Array, 1024);
  private readonly tcp: TcpAnalyzer | null;
  /** packets indexed here (the rest were dissected in full) */
  accepted = 0;

  /** Null when some analyzer cannot take lean packets: the pass must then dissect everything. */
  static create(index: PacketIndex, analyzers: readonly Analyzer[]): LeanIndexer | null {
    return analyzers.every((a) => a.observeLean) ? new LeanIndexer(index, analyzers) : null;
  }

  private constructor(
    private readonly index: PacketIndex,
    private readonly analyzers: readonly Analyzer[],
  ) {
    this.tcp = analyzers.find((a): a is TcpAnalyzer => a instanceof TcpAnalyzer) ?? null;
  }

  /**
   * Indexes packet `i`, bytes [start, start + meta.capLen) of `buf` (`view` over the same
   * bytes), when the lean decoder accepts it; false otherwise.
   */
  tryIndex(meta: FrameMeta, buf: Uint8Array, view: DataView, start: number, i: number, fileOffset: number): boolean {
    const p = this.p;
    if (!observeLeanPacket(p, this.analyzers, meta, buf, view, start, i)) return false;

    const x = this.index;
    if (x.appendFrame(meta, fileOffset) !== i) throw new Error(`lean index out of step at packet ${i + 1}`);
    this.columnIds(p, i);
    let marks = MARK.lean | (meta.direction << MARK.directionShift);
    if (p.l4 === 1) {
      x.l4.data[i] = 0;
      x.srcPort.data[i] = 0;
      x.dstPort.data[i] = 0;
      x.stream.data[i] = -1;
      x.tcpFlags.data[i] = 0;
    } else {
      const t = p.flow;
      const tcp = p.l4 === 6;
      x.l4.data[i] = p.l4;
      x.srcPort.data[i] = t.sport;
      x.dstPort.data[i] = t.dport;
      x.stream.data[i] = p.stream;
      x.tcpFlags.data[i] = tcp ? t.tcpFlags : 0;
      // the reset's own warning, and the sequence analysis' warnings
      if (tcp && (t.tcpFlags & TCP_RST || (this.tcp && this.tcp.flagsOf(i) & TA_WARNINGS))) marks |= MARK.expertWarning;
    }
    x.marks.data[i] = marks;
    this.accepted++;
    return true;
  }

  /**
   * Source, destination and protocol ids of packet `i`: a TCP/UDP conversation's packets in
   * one direction share them (the protocol of those with a payload may name a service), so
   * each is interned once per conversation and direction.
   */
  private columnIds(p: LeanPacket, i: number): void {
    const x = this.index;
    const withPayload = p.flow.payload > 0;
    let ids: Int32Array | null = null;
    let o = 0;
    if (p.l4 !== 1 && p.stream >= 0) {
      const c = p.l4 === 6 ? this.tcpIds : this.udpIds;
      o = p.stream * PER_STREAM + p.dir * PER_DIRECTION;
      c.ensure(o + PER_DIRECTION);
      ids = c.data;
      const proto = ids[o + (withPayload ? 2 : 3)]!;
      if (ids[o] !== 0 && proto !== 0) {
        x.src.data[i] = ids[o]! - 1;
        x.dst.data[i] = ids[o + 1]! - 1;
        x.proto.data[i] = proto - 1;
        return;
      }
    }
    const a = x.addresses;
    const src = p.l3 === 4 ? a.internIPv4(p.v4src) : a.internIPv6(p.buf, p.v6srcOff);
    const dst = p.l3 === 4 ? a.internIPv4(p.v4dst) : a.internIPv6(p.buf, p.v6dstOff);
    const proto = x.protocolId(leanProtocol(p));
    x.src.data[i] = src;
    x.dst.data[i] = dst;
    x.proto.data[i] = proto;
    if (ids) {
      ids[o] = src + 1;
      ids[o + 1] = dst + 1;
      ids[o + (withPayload ? 2 : 3)] = proto + 1;
    }
  }
}
