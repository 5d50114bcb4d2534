// Live trackers (TcpTrack, ZeekConn) as flat numbers, for handing a flow table to another
// thread: structured cloning tens of thousands of small nested objects costs far more than
// the packet work before it. Each tracker class writes and reads its own fields (pack /
// unpack); test/unit/engine/flows/trackerPacking.test.ts fails when a field is left out.

import { StringColumn, type PackedStrings } from '../index/stringColumn.js';
export interface Packable {
  /** Writes the tracker's numbers at `o` of `a`; returns the offset after them. */
  pack(a: Float64Array, o: number): number;
  /** Reads what pack() wrote at `o`; returns the offset after it. */
  unpack(a: Float64Array, o: number): number;
  /** what the numbers cannot hold, if anything */
  text?: string;
}

export interface PackedTrackers {
  /** index in the original list of each packed tracker */
  at: Int32Array<ArrayBuffer>;
  numbers: Float64Array<ArrayBuffer>;
  texts: PackedStrings;
}

function strideOf(make: () => Packable): number {
  return make().pack(new Float64Array(256), 0);
}

/** Packs the trackers in `list` (all made by `make`), skipping its empty places. */
export function packTrackers<T extends Packable>(list: readonly (T | undefined)[], make: () => T): PackedTrackers {
  const stride = strideOf(make);
  const at: number[] = [];
  for (let i = 0; i < list.length; i++) if (list[i]) at.push(i);
  const numbers = new Float64Array(at.length * stride);
  const texts = new StringColumn();
  for (let k = 0; k < at.length; k++) {
    const t = list[at[k]!]!;
    t.pack(numbers, k * stride);
    if (t.text !== undefined) texts.push(t.text);
  }
  return { at: Int32Array.from(at), numbers, texts: texts.pack() };
}

/** The trackers packTrackers() packed, as live objects at their places in a list of `length`. */
export function unpackTrackers<T extends Packable>(p: PackedTrackers, length: number, make: () => T): (T | undefined)[] {
  const stride = strideOf(make);
  const list = new Array<T | undefined>(length).fill(undefined);
  const texts = new StringColumn();
  texts.adopt(p.texts);
  let text = 0;
  for (let k = 0; k < p.at.length; k++) {
    const t = make();
    t.unpack(p.numbers, k * stride);
    if (t.text !== undefined) t.text = texts.get(text++);
    list[p.at[k]!] = t;
  }
  return list;
}
