// Layer selection (`ip.src#2`, `ip.addr#[1-2]`): which occurrence of its protocol a
// record lies in, counted from the outside in, as Wireshark's layer operator counts.

import type { PacketFields } from '../fields/packetFields.js';
import type { RangeSpec } from './ast.js';
import type { Val } from './ir.js';

/** Whether layer number `n` (1-based) is selected by the ranges of `field#[...]`. */
function layerSelected(ranges: RangeSpec[], n: number): boolean {
  for (const r of ranges) {
    const last = r.to !== undefined ? r.to : r.len === null ? Infinity : r.from + r.len - 1;
    if (n >= r.from && n <= last) return true;
  }
  return false;
}

/**
 * The layer of record `i`: which occurrence of its protocol (`ip` for `ip.src`) it lies in,
 * counting from 1, so `ip.src#2` is the source address of the second IPv4 header.
 */
export function layerOf(f: PacketFields, i: number, protoId: number): number {
  let anc = i;
  if (protoId >= 0) while (anc >= 0 && f.ids[anc] !== protoId) anc = f.parents[anc]!;
  let n = 1;
  if (anc < 0) {
    // not inside its protocol's subtree: count the field's own occurrences instead
    const id = f.ids[i]!;
    for (let j = f.first(id); j >= 0 && j !== i; j = f.nexts[j]!) n++;
    return n;
  }
  for (let j = f.first(protoId); j >= 0 && j !== anc; j = f.nexts[j]!) n++;
  return n;
}

export type LayerFilter = ((f: PacketFields, i: number) => boolean) | null;

export function layerFilter(v: Val & { k: 'field' }): LayerFilter {
  const ranges = v.layers;
  if (!ranges) return null;
  const protoId = v.protoId;
  return (f, i) => layerSelected(ranges, layerOf(f, i, protoId));
}
