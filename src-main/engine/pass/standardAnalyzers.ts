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
