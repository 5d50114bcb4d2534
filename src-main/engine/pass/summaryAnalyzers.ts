// The analyzers whose state reaches summary lines (relative sequence numbers, TCP analysis
// notes, echo pairing, duplicate ARP addresses), in the standard order. A pass that prints
// only those lines, with no display filter, can leave out flow tracking and frame times,
// which only add fields; this module does not load them.

import { StreamAnalyzer } from '../analysis/streamAnalyzer.js';
import { TcpAnalyzer } from '../analysis/tcpAnalysis.js';
import { IcmpEchoTracker } from '../analysis/icmpEchoTracker.js';
import { ArpDuplicateAnalyzer } from '../analysis/arpDuplicates.js';
import type { Analyzer } from './analyzer.js';

export function summaryAnalyzers(): Analyzer[] {
  return [new StreamAnalyzer(), new TcpAnalyzer(), new IcmpEchoTracker(), new ArpDuplicateAnalyzer()];
}
