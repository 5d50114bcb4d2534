// A binary min-heap of (time, flow id): the flow table's timer list. Entries are not
// removed when a flow's timeout moves; the table re-checks each entry when it comes due,
// so a refresh costs nothing and a heap operation happens about once per timeout period.

export class ExpiryHeap {
  private times: number[] = [];
  private ids: number[] = [];

  /** The entries, for another heap to take over (adopt). */
  entries(): { times: number[]; ids: number[] } {
    return { times: this.times, ids: this.ids };
  }

  adopt(e: { times: number[]; ids: number[] }): void {
    this.times = e.times;
    this.ids = e.ids;
  }

  get size(): number {
    return this.times.length;
  }

  /** Time of the earliest entry, Infinity when empty. */
  peekTime(): number {
    return this.times.length ? this.times[0]! : Infinity;
  }

  push(time: number, id: number): void {
    const t = this.times;
    const d = this.ids;
    let i = t.length;
    t.push(time);
    d.push(id);
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
    const t = this.times;
    const d = this.ids;
    const top = d[0]!;
    const lastT = t.pop()!;
    const lastD = d.pop()!;
    const n = t.length;
    if (n > 0) {
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
