// Flow tracking as an analyzer of the packet pass: every packet goes through the flow
// table in file order (observe), and gets the generated `ct.*` / `conn.*` fields; a packet
// dissected again later gets the same fields from the per-packet record the table keeps
// (annotate), with the Zeek summary as it stands at the end of the pass.

import type { DissectCtx } from '../dissect/context.js';
import type { PacketFields } from '../fields/packetFields.js';
import { GENERATED } from '../fields/packetFields.js';
import type { Analyzer } from '../pass/analyzer.js';
import { CT, CT_F } from './flowFields.js';
import { FlowPacketReader } from './flowPacketReader.js';
import { FlowTable, type FlowTableOptions } from './flowTable.js';
import { FlowPacket, PW, REASON, REASON_TEXT } from './flowTypes.js';
import { TCP_STATE_NAMES } from './tcpStates.js';
import type { LeanPacket } from '../lean/leanPacket.js';

export class FlowAnalyzer implements Analyzer {
  readonly table: FlowTable;
  /** packets with a later capture time are not tracked (the table as it stood then) */
  stopAt = Infinity;
  private readonly reader = new FlowPacketReader();
  private readonly p = new FlowPacket();

  constructor(opts: FlowTableOptions = {}) {
    this.table = new FlowTable(opts);
  }

  observe(f: PacketFields, c: DissectCtx, packet: number): void {
    const p = this.p;
    this.reader.read(f, c, packet, p);
    if (p.time > this.stopAt) {
      this.table.skip(packet);
      return;
    }
    this.table.process(p);
    this.addFields(f, packet);
  }

  observeLean(lp: LeanPacket, packet: number): void {
    const p = lp.flow;
    p.packet = packet;
    p.time = lp.tsSec + lp.tsNsec / 1e9;
    if (p.time > this.stopAt) this.table.skip(packet);
    else this.table.process(p, lp.key, lp.slot);
  }

  reserve(packets: number): void {
    this.table.reserve(packets);
  }

  annotate(f: PacketFields, _c: DissectCtx, packet: number): void {
    this.addFields(f, packet);
  }

  /** The flow (ct.id) of a 0-based packet index, or -1: what the index's flow column holds. */
  flowOf(packet: number): number {
    return this.table.flowOf(packet);
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
