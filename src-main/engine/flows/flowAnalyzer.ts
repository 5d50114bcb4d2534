// Flow tracking as an analyzer of the packet pass: every packet goes through the flow
// table in file order (observe), and gets the generated `ct.*` / `conn.*` fields; a packet
// dissected again later gets the same fields from the per-packet record the table keeps
// (annotate), with the Zeek summary as it stands at the end of the pass. A long pass can
// run the table in a thread of its own (offload): packets then go there, and the table
// comes back the first time anything asks for it.

import type { DissectCtx } from '../dissect/context.js';
import type { PacketFields } from '../fields/packetFields.js';
import { GENERATED } from '../fields/packetFields.js';
import type { Analyzer } from '../pass/analyzer.js';
import { CT, CT_F } from './flowFields.js';
import { FlowPacketReader } from './flowPacketReader.js';
import { FlowTable, type FlowTableOptions } from './flowTable.js';
import { FlowOffload } from './flowOffload.js';
import { FlowPacket, PW, REASON, REASON_TEXT } from './flowTypes.js';
import { TCP_STATE_NAMES } from './tcpStates.js';
import type { LeanPacket } from '../lean/leanPacket.js';

export class FlowAnalyzer implements Analyzer {
  /** packets with a later capture time are not tracked (the table as it stood then) */
  stopAt = Infinity;
  private readonly reader = new FlowPacketReader();
  private readonly p = new FlowPacket();
  private local: FlowTable;
  private remote: FlowOffload | null = null;

  constructor(private readonly opts: FlowTableOptions = {}) {
    this.local = new FlowTable(opts);
  }

  /** The flow table after every packet observed so far (taken back from its thread first). */
  get table(): FlowTable {
    if (this.remote) this.settle();
    return this.local;
  }

  /**
   * Runs the table in a thread of its own from now on, until something asks for it. Only
   * before the first packet and without an event listener (events are delivered here);
   * false when it cannot.
   */
  offload(): boolean {
    const t = this.local;
    if (this.remote || t.packetCount > 0 || t.onEvent) return false;
    try {
      this.remote = new FlowOffload({ timeouts: this.opts.timeouts, tcpLoose: this.opts.tcpLoose, nextHopDrops: this.opts.nextHopDrops }, this.stopAt);
    } catch {
      // no thread to be had (a limit of the host): the table stays here, only slower
      return false;
    }
    return true;
  }

  /** Whether the table is in its own thread now. */
  get offloaded(): boolean {
    return this.remote !== null;
  }

  /** Takes the table back from its thread, if it is there; packets are tracked here again. */
  settle(): void {
    const r = this.remote;
    if (!r) return;
    this.remote = null;
    this.local = r.finish();
  }

  /** Stops a table's thread without taking the table back (the capture is closed mid-pass); resolves once it is gone. */
  async abandon(): Promise<void> {
    const r = this.remote;
    this.remote = null;
    await r?.abandon();
  }

  /** How many flows the table holds (while offloaded: as of the last few thousand packets), without taking it back. */
  flowCount(): number {
    return this.remote ? this.remote.flowCount() : this.local.cols.count;
  }

  observe(f: PacketFields, c: DissectCtx, packet: number): void {
    const p = this.p;
    this.reader.read(f, c, packet, p);
    if (this.remote) {
      this.remote.push(p, -1);
      return;
    }
    if (p.time > this.stopAt) {
      this.local.skip(packet);
      return;
    }
    this.local.process(p);
    this.addFields(f, packet);
  }

  observeLean(lp: LeanPacket, packet: number): void {
    const p = lp.flow;
    p.packet = packet;
    p.time = lp.tsSec + lp.tsNsec / 1e9;
    // the stream number names the conversation (one key) for the thread's flow hints
    if (this.remote) this.remote.push(p, lp.slot ? lp.stream * 2 + (lp.l4 === 6 ? 0 : 1) : -1);
    else if (p.time > this.stopAt) this.local.skip(packet);
    else this.local.process(p, lp.slot);
  }

  reserve(packets: number): void {
    if (!this.remote) this.local.reserve(packets);
  }

  annotate(f: PacketFields, _c: DissectCtx, packet: number): void {
    this.addFields(f, packet);
  }

  /** The generated ct.* / conn.* fields of a packet, at the top level of its record. */
  addFields(f: PacketFields, packet: number): void {
    const t = this.table;
    const flowId = t.flowOf(packet);
    const word = t.wordOf(packet);
    const reason = word >> PW.reasonShift;
    if (flowId < 0 && (reason === 0 || reason === REASON.NOT_IP)) return;
    const parent = f.parent;
    f.parent = -1;
    const top = f.open(CT, 0, 0, 0, GENERATED);
    if (flowId >= 0) {
      const flow = t.flows[flowId]!;
      f.add(CT_F.id, 0, 0, flowId, GENERATED);
      if (reason === REASON.RELATED) {
        f.add(CT_F.related, 0, 0, 1, GENERATED);
      } else {
        const state = word & PW.stateMask;
        if (flow.isTcp && (state !== 0 || word & PW.counted)) f.addString(CT_F.state, 0, 0, TCP_STATE_NAMES[state]!, GENERATED);
        f.add(CT_F.assured, 0, 0, word & PW.assured ? 1 : 0, GENERATED);
        f.add(CT_F.unreplied, 0, 0, word & PW.unreplied ? 1 : 0, GENERATED);
        f.add(CT_F.reply, 0, 0, word & PW.reply ? 1 : 0, GENERATED);
      }
      f.addString(CT_F.connState, 0, 0, flow.zeek.connState(flow.proto), GENERATED);
      f.addString(CT_F.connHistory, 0, 0, flow.zeek.history, GENERATED);
    }
    if (reason) f.addString(CT_F.reason, 0, 0, REASON_TEXT[reason] ?? String(reason), GENERATED);
    f.close(top);
    f.parent = parent;
  }
}
