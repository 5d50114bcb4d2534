// What a stateful analysis (stream numbering, TCP analysis, conntrack flows) looks like to
// the packet pass: it sees every packet in file order once (observe), and later adds the
// same generated fields to any single packet dissected on demand (annotate). The fast
// index pass hands ordinary packets over as a LeanPacket instead of a field record
// (observeLean); an analyzer without that method makes the pass dissect every packet.

import type { PacketFields } from '../fields/packetFields.js';
import type { DissectCtx } from '../dissect/context.js';
import type { LeanPacket } from '../lean/leanPacket.js';

export interface Analyzer {
  observe(f: PacketFields, c: DissectCtx, packet: number): void;
  annotate(f: PacketFields, c: DissectCtx, packet: number): void;
  /** The same state change as observe() for a packet the lean decoder read. */
  observeLean?(p: LeanPacket, packet: number): void;
  /** Makes room for per-packet records of `packets` packets at once (the pass's size estimate). */
  reserve?(packets: number): void;
}
