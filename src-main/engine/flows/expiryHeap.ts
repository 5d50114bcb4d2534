// A binary min-heap of (time, flow id): the flow table's timer list. Entries are not
// removed when a flow's timeout moves; the table re-checks each entry when it comes due,
// so a refresh costs nothing and a heap operation happens about once per timeout period.

import { Column } from '../index/growableColumns.js';

export class ExpiryHeap {
  /** entries [0, size) of the two arrays, in heap order (typed: a timer is two numbers, not two boxes) */
  private readonly times = new Column(Float64Array, 1024);
  private readonly ids = new Column(Int32Array, 1024);
  private count = 0;
  /** time of the entry pop() removed last (a field: a time returned from a call that is not inlined is boxed) */
  poppedTime = 0;

  /** The entries, for another heap to take over (adopt): copies of exactly the live part, transferable. */
  entries(): { times: Float64Array<ArrayBuffer>; ids: Int32Array<ArrayBuffer> } {
    return { times: this.times.data.slice(0, this.count), ids: this.ids.data.slice(0, this.count) };
  }

  adopt(e: { times: Float64Array<ArrayBuffer>; ids: Int32Array<ArrayBuffer> }): void {
    this.times.adopt(e.times);
    this.ids.adopt(e.ids);
    this.count = e.times.length;
  }

  get size(): number {
    return this.count;
  }

  /** Time of the earliest entry, Infinity when empty. */
  peekTime(): number {
    return this.count ? this.times.data[0]! : Infinity;
  }

  /** Whether an entry is due at `time`: asked for every packet, so it answers without handing a time out (boxed). */
  due(time: number): boolean {
    return this.count > 0 && this.times.data[0]! <= time;
  }

  push(time: number, id: number): void {
    if (this.count === this.times.capacity) {
      this.times.ensure(this.count + 1);
      this.ids.ensure(this.count + 1);
    }
    const t = this.times.data;
    const d = this.ids.data;
    let i = this.count++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (t[p]! <= time) break;
      t[i] = t[p]!;
      d[i] = d[p]!;
      i = p;
    }
    t[i] = time;
    d[i] = id;
  }

  /** Removes the earliest entry and returns its flow id (the heap must not be empty). */
  pop(): number {
    const t = this.times.data;
    const d = this.ids.data;
    const top = d[0]!;
    this.poppedTime = t[0]!;
    const n = --this.count;
    if (n > 0) {
      const lastT = t[n]!;
      const lastD = d[n]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && t[c + 1]! < t[c]!) c++;
        if (t[c]! >= lastT) break;
        t[i] = t[c]!;
        d[i] = d[c]!;
        i = c;
      }
      t[i] = lastT;
      d[i] = lastD;
    }
    return top;
  }
}
