// Runs the standard packet pass over a capture and hands back its flow analyzer, with an
// optional analyzer that sees each packet just before flow tracking does (used to take
// table snapshots at given capture times within the one pass).

import { PacketPass } from '../../../../src-main/engine/pass/packetPass.js';
import { standardAnalyzers } from '../../../../src-main/engine/pass/standardAnalyzers.js';
import { FlowAnalyzer } from '../../../../src-main/engine/flows/flowAnalyzer.js';
import type { Analyzer } from '../../../../src-main/engine/pass/analyzer.js';
import type { FlowEvent } from '../../../../src-main/engine/flows/flowTypes.js';
import { CaptureReader } from '../../../../src-main/engine/read/captureReader.js';

export interface FlowRun {
  flows: FlowAnalyzer;
  packets: number;
}

/**
 * `before` builds an analyzer that runs just before flow tracking (it gets the flow
 * analyzer, e.g. to snapshot its table); `onEvent` receives the table's events.
 */
export async function runFlows(
  path: string,
  before?: (flows: FlowAnalyzer) => Analyzer,
  onEvent?: (e: FlowEvent) => void,
): Promise<FlowRun> {
  const analyzers = standardAnalyzers();
  const flows = analyzers.find((a): a is FlowAnalyzer => a instanceof FlowAnalyzer);
  if (!flows) throw new Error('standardAnalyzers() does not include the FlowAnalyzer');
  if (before) analyzers.splice(analyzers.indexOf(flows), 0, before(flows));
  if (onEvent) flows.table.onEvent = onEvent;
  const reader = await CaptureReader.open(path);
  const pass = new PacketPass(reader, analyzers);
  let packets = 0;
  try {
    while (pass.next()) packets++;
  } finally {
    reader.close();
  }
  return { flows, packets };
}
