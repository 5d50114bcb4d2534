// The per-packet field record every dissector writes into. It is flat (struct of typed
// arrays, reused from packet to packet) so the fast index pass can afford to record every
// field, and it keeps enough (parent links, byte ranges, data source) for the detail tree,
// the hex pane's highlighting and display-filter evaluation to read the same record.

import { fieldCount } from './fieldRegistry.js';

/** Field flag: computed by the dissector or an analyzer, not read from the bytes (shown in [brackets]). */
export const GENERATED = 1;
/** Field flag: present for filtering but not shown in the tree. */
export const HIDDEN = 2;

export class PacketFields {
  count = 0;
  ids = new Uint16Array(256);
  starts = new Int32Array(256);
  lens = new Int32Array(256);
  vals = new Float64Array(256);
  parents = new Int32Array(256);
  srcs = new Uint8Array(256);
  flags = new Uint8Array(256);
  /** next occurrence of the same field id, -1 at the end */
  nexts = new Int32Array(256);
  /** string values, expert messages and tree label overrides, by record index */
  strs: (string | undefined)[] = [];
  /** data sources: [0] is the frame's captured bytes; reassembled payloads follow */
  sources: Uint8Array[] = [];
  sourceNames: string[] = [];
  /** the data source new fields are recorded against */
  src = 0;
  /** the record index new fields become children of (-1 for the top level) */
  parent = -1;

  private heads = new Int32Array(0);
  private tails = new Int32Array(0);
  private stamps = new Uint32Array(0);
  private gen = 1;

  /** Starts a new packet. */
  reset(frame: Uint8Array): void {
    this.count = 0;
    this.parent = -1;
    this.src = 0;
    // setting an array's length is a runtime call: only when reassembly added sources
    if (this.sources.length !== 1) {
      this.sources.length = 1;
      this.sourceNames.length = 1;
      this.sourceNames[0] = 'Frame';
    }
    this.sources[0] = frame;
    if (this.strs.length) this.strs.length = 0;
    this.gen = (this.gen + 1) >>> 0;
    if (this.gen === 0) {
      this.stamps.fill(0);
      this.gen = 1;
    }
    if (this.heads.length < fieldCount()) this.growFieldTables();
  }

  /** Adds a data source (a reassembled payload) and makes it current; returns its index. */
  addSource(bytes: Uint8Array, name: string): number {
    this.sources.push(bytes);
    this.sourceNames.push(name);
    this.src = this.sources.length - 1;
    return this.src;
  }

  /** Records a field; returns its record index. */
  add(id: number, start: number, len: number, val = 0, flags = 0): number {
    const i = this.count;
    if (i === this.ids.length) this.grow();
    if (id >= this.heads.length) this.growFieldTables();
    this.ids[i] = id;
    this.starts[i] = start;
    this.lens[i] = len;
    this.vals[i] = val;
    this.parents[i] = this.parent;
    this.srcs[i] = this.src;
    this.flags[i] = flags;
    this.nexts[i] = -1;
    if (this.stamps[id] !== this.gen) {
      this.stamps[id] = this.gen;
      this.heads[id] = i;
    } else {
      this.nexts[this.tails[id]!] = i;
    }
    this.tails[id] = i;
    this.count = i + 1;
    return i;
  }

  /** Records a field holding a string (or an expert entry with its message). */
  addString(id: number, start: number, len: number, text: string, flags = 0): number {
    const i = this.add(id, start, len, 0, flags);
    this.strs[i] = text;
    return i;
  }

  /** Records a subtree (protocol layer or option) and makes it the parent of what follows. */
  open(id: number, start: number, len: number, val = 0, flags = 0): number {
    const i = this.add(id, start, len, val, flags);
    this.parent = i;
    return i;
  }

  /** Ends a subtree opened with `open`, fixing its length when `end` is given. */
  close(i: number, end?: number): void {
    if (end !== undefined) this.lens[i] = Math.max(0, end - this.starts[i]!);
    this.parent = this.parents[i]!;
  }

  /** Sets the text shown for a record in the tree (detail mode only: callers check). */
  setText(i: number, text: string): void {
    this.strs[i] = text;
  }

  /** Index of the first record of a field in this packet, or -1. */
  first(id: number): number {
    return id < this.stamps.length && this.stamps[id] === this.gen ? this.heads[id]! : -1;
  }

  /** Index of the last record of a field in this packet, or -1. */
  last(id: number): number {
    return id < this.stamps.length && this.stamps[id] === this.gen ? this.tails[id]! : -1;
  }

  has(id: number): boolean {
    return this.first(id) >= 0;
  }

  /** Numeric value of the first occurrence, or NaN when absent. */
  value(id: number): number {
    const i = this.first(id);
    return i < 0 ? NaN : this.vals[i]!;
  }

  /** Bytes of a record, from its data source. */
  bytes(i: number): Uint8Array {
    const start = this.starts[i]!;
    return this.sources[this.srcs[i]!]!.subarray(start, start + this.lens[i]!);
  }

  /** Whether record `i` lies inside the subtree rooted at `ancestor`. */
  isWithin(i: number, ancestor: number): boolean {
    for (let p = this.parents[i]!; p >= 0; p = this.parents[p]!) if (p === ancestor) return true;
    return false;
  }

  private grow(): void {
    const n = this.ids.length * 2;
    this.ids = growTo(this.ids, new Uint16Array(n));
    this.starts = growTo(this.starts, new Int32Array(n));
    this.lens = growTo(this.lens, new Int32Array(n));
    this.vals = growTo(this.vals, new Float64Array(n));
    this.parents = growTo(this.parents, new Int32Array(n));
    this.srcs = growTo(this.srcs, new Uint8Array(n));
    this.flags = growTo(this.flags, new Uint8Array(n));
    this.nexts = growTo(this.nexts, new Int32Array(n));
  }

  private growFieldTables(): void {
    const n = Math.max(fieldCount(), 64) + 64;
    this.heads = growTo(this.heads, new Int32Array(n));
    this.tails = growTo(this.tails, new Int32Array(n));
    this.stamps = growTo(this.stamps, new Uint32Array(n));
  }
}

function growTo<T extends { set(a: ArrayLike<number>): void }>(old: ArrayLike<number>, next: T): T {
  next.set(old);
  return next;
}
