// What a stateful analysis (stream numbering, TCP analysis, conntrack flows) looks like to
// the packet pass: it sees every packet in file order once (observe), and later adds the
// same generated fields to any single packet dissected on demand (annotate).

import type { PacketFields } from '../fields/packetFields.js';
import type { DissectCtx } from '../dissect/context.js';

export interface Analyzer {
  observe(f: PacketFields, c: DissectCtx, packet: number): void;
  annotate(f: PacketFields, c: DissectCtx, packet: number): void;
}
