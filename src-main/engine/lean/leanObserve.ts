// The step every lean path (the index pass, the summary lines, `wiresight flows`) takes
// for each packet: decode it, and when the decoder accepts it, show it to every analyzer
// in order.

import type { FrameMeta } from '../dissect/context.js';
import type { Analyzer } from '../pass/analyzer.js';
import type { PacketPass } from '../pass/packetPass.js';
import { decodeLean } from './leanDecoder.js';
import type { LeanPacket } from './leanPacket.js';

/**
 * Decodes packet `i`, bytes [start, start + meta.capLen) of `buf` (`view` over the same
 * bytes), into `p` and lets every analyzer observe it (they must all have observeLean);
 * false when the decoder declines the packet, which must then be dissected in full.
 */
export function observeLeanPacket(
  p: LeanPacket, analyzers: readonly Analyzer[], meta: FrameMeta, buf: Uint8Array, view: DataView, start: number, i: number,
): boolean {
  if (!decodeLean(p, buf, view, start, meta.capLen, meta.origLen, meta.linkType)) return false;
  p.tsSec = meta.tsSec;
  p.tsNsec = meta.tsNsec;
  for (let k = 0; k < analyzers.length; k++) analyzers[k]!.observeLean!(p, i);
  return true;
}

/**
 * Reads the pass's next packet and lets its analyzers see it: through the lean decoder into
 * `p` when it accepts the packet, dissected in full otherwise; false at the end.
 */
export function observeNext(pass: PacketPass, p: LeanPacket): boolean {
  if (!pass.advance()) return false;
  const r = pass.reader;
  if (!observeLeanPacket(p, pass.analyzers, pass.meta, r.chunk, r.chunkView, r.dataStart, pass.packet)) pass.dissectCurrent();
  return true;
}
