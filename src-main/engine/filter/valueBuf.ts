// Reusable per-node value storage for the compiled filter. A value (a field's occurrences,
// a slice, an arithmetic result) can have several entries per packet; they are written
// into buffers owned by the node and reused from packet to packet, so evaluating a filter
// does not allocate once the buffers have grown to the packet's needs.

import type { PacketFields } from '../fields/packetFields.js';
import type { Rep } from './ir.js';

export class ValueBuf {
  n = 0;
  nums = new Float64Array(8);
  /** byte values: the array, offset and length of each entry */
  bufs: Uint8Array[] = new Array<Uint8Array>(8);
  offs = new Int32Array(8);
  lens = new Int32Array(8);
  strs: string[] = new Array<string>(8);
  /** for field values: the record each entry came from (len() and string() read it) */
  recs = new Int32Array(8);

  /** Appends an entry and returns its index. */
  add(): number {
    if (this.n === this.nums.length) this.grow();
    return this.n++;
  }

  private grow(): void {
    const cap = this.nums.length * 2;
    const nums = new Float64Array(cap);
    nums.set(this.nums);
    this.nums = nums;
    const offs = new Int32Array(cap);
    offs.set(this.offs);
    this.offs = offs;
    const lens = new Int32Array(cap);
    lens.set(this.lens);
    this.lens = lens;
    const recs = new Int32Array(cap);
    recs.set(this.recs);
    this.recs = recs;
    this.bufs.length = cap;
    this.strs.length = cap;
  }
}

/**
 * Scratch bytes for values that must be built (multi-range slices, `&` on bytes, IPv4 and
 * string slices). Growing replaces the array rather than resizing it, so entries written
 * earlier in the same packet keep pointing at valid bytes.
 */
export class ByteArena {
  buf = new Uint8Array(256);
  pos = 0;

  reset(): void {
    this.pos = 0;
  }

  /** Reserves `n` bytes; returns their offset in `this.buf` (read `buf` after calling). */
  alloc(n: number): number {
    if (this.pos + n > this.buf.length) {
      this.buf = new Uint8Array(Math.max(this.buf.length * 2, n * 2));
      this.pos = 0;
    }
    const at = this.pos;
    this.pos += n;
    return at;
  }
}

/** A compiled value: `load` fills `out` for the packet and returns false when the value is absent. */
export interface Producer {
  rep: Rep;
  out: ValueBuf;
  load(f: PacketFields): boolean;
  /** set for constants: `load` does nothing and always succeeds */
  constant?: boolean;
}
