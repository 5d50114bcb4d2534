// Live trackers (TcpTrack, ZeekConn) as flat numbers, for handing a flow table to another
// thread: structured cloning tens of thousands of small nested objects costs far more than
// the packet work before it. Each tracker class writes and reads its own fields (pack /
// unpack); test/unit/engine/flows/flowThread.test.ts fails when a field is left out.

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
  /** flow id of each packed tracker */
  at: Int32Array<ArrayBuffer>;
  numbers: Float64Array<ArrayBuffer>;
  /** each tracker's text ('' for trackers without one) */
  texts: PackedStrings;
}

function strideOf(make: () => Packable): number {
  return make().pack(new Float64Array(256), 0);
}

/**
 * The live trackers of a flow table's flows, by flow id (undefined for flows without one).
 * Adopted trackers stay packed until a flow's tracker is first asked for: at the end of a
 * pass most are never touched again, and making tens of thousands of objects at once (and
 * the garbage collection that follows) was most of the cost of taking a table back.
 */
export class TrackerList<T extends Packable> {
  private list: (T | undefined)[] = [];
  /** adopted trackers not made live yet: flow id → place in `packed` + 1, 0 for none */
  private pending: Int32Array | null = null;
  private packed: PackedTrackers | null = null;
  private texts: StringColumn | null = null;
  private readonly stride: number;

  constructor(private readonly make: () => T) {
    this.stride = strideOf(make);
  }

  get(id: number): T | undefined {
    const t = this.list[id];
    return t !== undefined || this.pending === null ? t : this.unpack(id);
  }

  set(id: number, t: T | undefined): void {
    this.list[id] = t;
    if (this.pending && id < this.pending.length) this.pending[id] = 0;
  }

  /** Adds a place for the next flow id, empty. */
  push(): void {
    this.list.push(undefined);
  }

  private unpack(id: number): T | undefined {
    const k = id < this.pending!.length ? this.pending![id]! - 1 : -1;
    if (k < 0) return undefined;
    const t = this.make();
    t.unpack(this.packed!.numbers, k * this.stride);
    if (t.text !== undefined) t.text = this.texts!.get(k);
    this.set(id, t);
    return t;
  }

  /** Every tracker as numbers (and texts), for another thread to adopt. */
  pack(): PackedTrackers {
    const at: number[] = [];
    for (let i = 0; i < this.list.length; i++) if (this.get(i)) at.push(i);
    const numbers = new Float64Array(at.length * this.stride);
    const texts = new StringColumn();
    for (let k = 0; k < at.length; k++) {
      const t = this.list[at[k]!]!;
      t.pack(numbers, k * this.stride);
      texts.push(t.text ?? '');
    }
    return { at: Int32Array.from(at), numbers, texts: texts.pack() };
  }

  /** Takes over what pack() made, for a table of `length` flows. */
  adopt(p: PackedTrackers, length: number): void {
    this.list = new Array<T | undefined>(length).fill(undefined);
    const pending = new Int32Array(length);
    for (let k = 0; k < p.at.length; k++) pending[p.at[k]!] = k + 1;
    this.pending = pending;
    this.packed = p;
    this.texts = new StringColumn();
    this.texts.adopt(p.texts);
  }
}
