// The narrow view the worker has of the conntrack-style flow tracker (src-main/engine/flows):
// the table the flow view shows, a display filter per flow, copy-as text, and exports.
// Loaded lazily so the packet views still work in a build without the flows module.

import type { FlowRow } from '../../api/contract.js';
import type { Analyzer } from '../pass/analyzer.js';

export type FlowTextFormat = 'conntrack' | 'nft' | 'iptables';
export type FlowExportFormat = 'csv' | 'json' | 'zeek';

export interface FlowSource {
  /** the current flows (alive at the latest packet, or every flow with `all`), by id */
  rows(all: boolean): FlowRow[];
  /** the same flows' ids only (cheap: for a window that needs no sorting by value) */
  ids(all: boolean): number[];
  /** one flow's row */
  row(id: number): FlowRow;
  /** whether start times rise with flow ids, so that id order is start order */
  startsInIdOrder(): boolean;
  /** how many flows the table holds (cheap; for change notifications) */
  count(): number;
  /** changes whenever the table may have (the packets it has seen) */
  version(): number;
  /** a display filter that selects the packets of one flow */
  filterFor(id: number): string;
  /** one flow as a `conntrack -L` line, an nft rule or an iptables rule */
  text(id: number, as: FlowTextFormat): string;
  /** the table as CSV, JSON or Zeek conn.log JSON lines */
  export(format: FlowExportFormat, all: boolean): string;
}

/** Builds the flow source over an open file's analyzers (adding the flow analyzer when missing). */
export type FlowSourceFactory = (analyzers: Analyzer[], addAnalyzer: (a: Analyzer) => void, captureStart: () => number) => FlowSource;

let factory: FlowSourceFactory | null | undefined;

/** The flow source factory, or null when the flows module is not in this build. */
export async function loadFlowSource(): Promise<FlowSourceFactory | null> {
  if (factory !== undefined) return factory;
  try {
    const mod = (await import('./flowAdapter.js')) as { createFlowSource: FlowSourceFactory };
    factory = mod.createFlowSource;
  } catch {
    factory = null;
  }
  return factory;
}
