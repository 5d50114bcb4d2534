// The analyzers every full pass runs, in order: stream numbering first (TCP analysis and
// flow tracking read tcp.stream), then the others as they are added.

import { StreamAnalyzer } from '../analysis/streamAnalyzer.js';
import { TcpAnalyzer } from '../analysis/tcpAnalysis.js';
import { IcmpEchoTracker } from '../analysis/icmpEchoTracker.js';
import { ArpDuplicateAnalyzer } from '../analysis/arpDuplicates.js';
import { FlowAnalyzer } from '../flows/flowAnalyzer.js';
import { FrameTimeAnalyzer } from '../analysis/frameTimes.js';
import type { Analyzer } from './analyzer.js';

export function standardAnalyzers(): Analyzer[] {
  return [new FrameTimeAnalyzer(), new StreamAnalyzer(), new TcpAnalyzer(), new IcmpEchoTracker(), new ArpDuplicateAnalyzer(), new FlowAnalyzer()];
}

/**
 * The analyzers whose state reaches summary lines (relative sequence numbers, TCP analysis
 * notes, echo pairing, duplicate ARP addresses): a pass that prints only those lines, with
 * no display filter, can skip flow tracking and the frame times, which only add fields.
 */
export function summaryAnalyzers(): Analyzer[] {
  return [new StreamAnalyzer(), new TcpAnalyzer(), new IcmpEchoTracker(), new ArpDuplicateAnalyzer()];
}
