// Lookups of fields relative to a protocol layer in a flat record: a packet can hold the
// same protocol twice (an ICMP error quotes IP + TCP), so "the tcp.srcport of this tcp
// layer" means the first occurrence after that layer's record, inside its subtree.

import type { PacketFields } from '../fields/packetFields.js';

/** Record index of the first `id` inside the subtree of record `layer`, or -1. */
export function fieldIn(f: PacketFields, id: number, layer: number): number {
  for (let i = f.first(id); i >= 0; i = f.nexts[i]!) {
    if (i > layer && f.isWithin(i, layer)) return i;
  }
  return -1;
}

/** Value of the first `id` inside layer `layer`, or NaN. */
export function valueIn(f: PacketFields, id: number, layer: number): number {
  const i = fieldIn(f, id, layer);
  return i < 0 ? NaN : f.vals[i]!;
}

/** Record index of the last `id` recorded before record `at`, or -1. */
export function fieldBefore(f: PacketFields, id: number, at: number): number {
  let found = -1;
  for (let i = f.first(id); i >= 0 && i < at; i = f.nexts[i]!) found = i;
  return found;
}

/** Whether record `i` lies inside an ICMP/ICMPv6 error's quoted datagram. */
export function isQuoted(f: PacketFields, i: number, icmpIds: readonly number[]): boolean {
  for (let p = f.parents[i]!; p >= 0; p = f.parents[p]!) if (icmpIds.includes(f.ids[p]!)) return true;
  return false;
}
