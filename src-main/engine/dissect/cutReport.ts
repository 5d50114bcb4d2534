// How the link-layer dissectors report a read past the captured bytes: as tshark reports the
// exception it would raise (a snaplen cut when the frame was longer on the wire, a malformed
// packet otherwise), always as a top-level record, since tshark shows it after the tree.

import type { PacketFields } from '../fields/packetFields.js';
import type { DissectCtx } from './context.js';

/** Reports that `protoName` needed bytes up to `need` where the capture stops at `end` (`rend` on the wire). */
export function reportCut(f: PacketFields, c: DissectCtx, protoName: string, need: number, end: number, rend: number): void {
  const parent = f.parent;
  f.parent = -1;
  c.truncated(f, protoName, need, end, rend);
  f.parent = parent;
}
