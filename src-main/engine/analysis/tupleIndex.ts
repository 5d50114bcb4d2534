// A hash index from TCP/UDP tuples to values, keyed on the tuple's own 16-bit words (in
// the endpoint order orderEndpoints() notes, so both directions meet) rather than on a key
// string: the first pass looks every packet's conversation up, and building and hashing a
// fresh string for each was a good part of that. Entries are never removed.

import type { PacketTuple } from '../flows/flowTypes.js';

/** l3, proto, and per endpoint up to 8 address words and the port (IPv4 keys use the first 8) */
const KEY_WORDS = 20;
const IPV4_KEY_WORDS = 8;
const EMPTY = 0;

export class TupleIndex<V> {
  /** entry number + 1 per slot, EMPTY for none; open addressing, linear probing */
  private slots = new Int32Array(1024);
  private mask = 1023;
  private words = new Uint16Array(512 * KEY_WORDS);
  /** each entry's hash: growing re-slots entries without rehashing, and most probes that miss fail on it */
  private hashes = new Uint32Array(512);
  private readonly values: V[] = [];
  private readonly scratch = new Uint16Array(KEY_WORDS);

  get size(): number {
    return this.values.length;
  }

  /** The value of the tuple's conversation (its srcFirst must be set), or undefined. */
  get(t: PacketTuple): V | undefined {
    const slot = this.find(this.hashOf(t));
    const e = this.slots[slot]!;
    return e === EMPTY ? undefined : this.values[e - 1];
  }

  /** Sets the value of the tuple's conversation (its srcFirst must be set). */
  set(t: PacketTuple, v: V): void {
    const h = this.hashOf(t);
    let slot = this.find(h);
    const e = this.slots[slot]!;
    if (e !== EMPTY) {
      this.values[e - 1] = v;
      return;
    }
    if ((this.values.length + 1) * 2 > this.slots.length) {
      this.grow();
      slot = this.find(h);
    }
    const n = this.values.length;
    this.values.push(v);
    if (n === this.hashes.length) {
      const w = new Uint16Array(this.words.length * 2);
      w.set(this.words);
      this.words = w;
      const hs = new Uint32Array(this.hashes.length * 2);
      hs.set(this.hashes);
      this.hashes = hs;
    }
    const k = this.scratch;
    for (let i = 0, len = TupleIndex.lengthOf(k), o = n * KEY_WORDS; i < len; i++) this.words[o + i] = k[i]!;
    this.hashes[n] = h;
    this.slots[slot] = n + 1;
  }

  /**
   * Fills the scratch key from the tuple and returns its hash: l3, proto, then the endpoint
   * that sorts first (address words, port) and the other one.
   */
  private hashOf(t: PacketTuple): number {
    const k = this.scratch;
    const n = t.l3 === 6 ? 8 : 2;
    const a = t.srcFirst ? t.srcW : t.dstW;
    const b = t.srcFirst ? t.dstW : t.srcW;
    k[0] = t.l3;
    k[1] = t.proto;
    for (let i = 0; i < n; i++) {
      k[2 + i] = a[i]!;
      k[3 + n + i] = b[i]!;
    }
    k[2 + n] = t.srcFirst ? t.sport : t.dport;
    k[3 + 2 * n] = t.srcFirst ? t.dport : t.sport;
    return this.hash(k);
  }

  /** Words of the key in `k` (its l3 says how long it is). */
  private static lengthOf(k: Uint16Array): number {
    return k[0] === 6 ? KEY_WORDS : IPV4_KEY_WORDS;
  }

  private hash(k: Uint16Array): number {
    const n = TupleIndex.lengthOf(k);
    let h = 0x811c9dc5;
    for (let i = 0; i < n; i++) h = Math.imul(h ^ k[i]!, 0x01000193);
    return (h ^ (h >>> 15)) >>> 0;
  }

  /** The slot holding the scratch key, or the empty slot where it would go. */
  private find(h: number): number {
    const k = this.scratch;
    const n = TupleIndex.lengthOf(k);
    const w = this.words;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const e = this.slots[slot]!;
      if (e === EMPTY) return slot;
      if (this.hashes[e - 1] !== h) continue;
      const o = (e - 1) * KEY_WORDS;
      let i = 0;
      while (i < n && w[o + i] === k[i]) i++;
      if (i === n) return slot;
    }
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    // the keys are all different: each entry goes to the first free slot from its hash
    for (let e = 1; e <= this.values.length; e++) {
      let slot = this.hashes[e - 1]! & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = e;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
