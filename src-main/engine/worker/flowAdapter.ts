// Adapts the flows module (src-main/engine/flows: FlowAnalyzer + FlowTable) to the
// worker's FlowSource: API rows, per-flow display filter (ct.id), copy-as text, exports.

import { ApiError } from '../../api/apiError.js';
import type { FlowRow } from '../../api/contract.js';
import { secondsLeft } from '../flows/conntrackText.js';
import { FlowAnalyzer } from '../flows/flowAnalyzer.js';
import { addressText } from '../flows/flowKey.js';
import { flowFate, flowJson, protoName, zeekConnLog } from '../flows/flowRecords.js';
import type { Flow } from '../flows/flowTypes.js';
import { TCP_STATE_NAMES } from '../flows/tcpStates.js';
import type { Analyzer } from '../pass/analyzer.js';
import { conntrackLine, iptablesRule, nftRule } from './flowRules.js';
import type { FlowSource, FlowSourceFactory } from './flowSource.js';

function csvCell(v: unknown): string {
  const s = String(v ?? '');
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const CSV_COLUMNS: (keyof FlowRow)[] = [
  'id', 'l3', 'protocol', 'state', 'origSrc', 'origSport', 'origDst', 'origDport', 'replySrc', 'replySport', 'replyDst', 'replyDport',
  'origPackets', 'origBytes', 'replyPackets', 'replyBytes', 'start', 'duration', 'assured', 'unreplied', 'zeekState', 'firstPacket', 'timeout', 'fate',
];

class FlowAdapter implements FlowSource {
  constructor(
    private readonly analyzer: FlowAnalyzer,
    private readonly captureStart: () => number,
  ) {}

  private get table() {
    return this.analyzer.table;
  }

  private list(all: boolean): Flow[] {
    const t = this.table;
    const now = t.now;
    if (!Number.isFinite(now)) return [];
    t.expireUntil(now);
    return all ? t.flows.filter((f) => f.confirmed) : t.aliveAt(now);
  }

  private toRow(f: Flow): FlowRow {
    const now = this.table.now;
    const ports = f.proto === 6 || f.proto === 17;
    const fate = flowFate(f, now);
    return {
      id: f.id,
      protocol: protoName(f),
      l3: f.l3 === 6 ? 'ipv6' : 'ipv4',
      state: f.isTcp ? TCP_STATE_NAMES[f.tcpState] ?? '' : '',
      origSrc: addressText(f.src),
      origDst: addressText(f.dst),
      origSport: ports ? f.sport : 0,
      origDport: ports ? f.dport : 0,
      replySrc: addressText(f.dst),
      replyDst: addressText(f.src),
      replySport: ports ? f.dport : 0,
      replyDport: ports ? f.sport : 0,
      origPackets: f.origPackets,
      origBytes: f.origBytes,
      replyPackets: f.replyPackets,
      replyBytes: f.replyBytes,
      duration: f.lastTime - f.firstTime,
      start: f.firstTime - this.captureStart(),
      assured: f.assured,
      unreplied: !f.seenReply,
      zeekState: f.zeek.connState(f.proto),
      firstPacket: f.firstPacket + 1,
      timeout: fate ? -1 : secondsLeft(now, f.expires),
      fate,
    };
  }

  private flow(id: number): Flow {
    const f = this.table.flows[id];
    if (!f) throw new ApiError('ENOFLOW', `no flow ${id}`);
    return f;
  }

  count(): number {
    // progress reports must not take a table running in its own thread back early
    return this.analyzer.flowCount();
  }

  ids(all: boolean): number[] {
    return this.list(all).map((f) => f.id);
  }

  row(id: number): FlowRow {
    return this.toRow(this.flow(id));
  }

  startsInIdOrder(): boolean {
    return this.table.startsInOrder;
  }

  version(): number {
    return this.table.packetCount;
  }

  rows(all: boolean): FlowRow[] {
    return this.list(all).map((f) => this.toRow(f));
  }

  filterFor(id: number): string {
    this.flow(id);
    return `ct.id == ${id}`;
  }

  text(id: number, as: 'conntrack' | 'nft' | 'iptables'): string {
    const f = this.flow(id);
    if (as === 'nft') return nftRule(f);
    if (as === 'iptables') return iptablesRule(f);
    const now = this.table.now;
    return conntrackLine(f, flowFate(f, now) ? 0 : secondsLeft(now, f.expires));
  }

  export(format: 'csv' | 'json' | 'zeek', all: boolean): string {
    const list = this.list(all);
    if (format === 'json') return JSON.stringify(list.map((f) => flowJson(f, this.table.now)), null, 1) + '\n';
    if (format === 'zeek') return list.map((f) => JSON.stringify(zeekConnLog(f))).join('\n') + (list.length ? '\n' : '');
    const lines = [CSV_COLUMNS.join(',')];
    for (const f of list) {
      const r = this.toRow(f);
      lines.push(CSV_COLUMNS.map((c) => csvCell(r[c])).join(','));
    }
    return lines.join('\n') + '\n';
  }
}

export const createFlowSource: FlowSourceFactory = (analyzers: Analyzer[], addAnalyzer, captureStart) => {
  let a = analyzers.find((x): x is FlowAnalyzer => x instanceof FlowAnalyzer);
  if (!a) {
    a = new FlowAnalyzer();
    addAnalyzer(a);
  }
  return new FlowAdapter(a, captureStart);
};
