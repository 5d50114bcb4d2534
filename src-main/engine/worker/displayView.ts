// Which packets the list shows and in what order: all packets, or those matching the
// display filter (found incrementally, so a filter on millions of packets never blocks),
// optionally in a sorted order. Maps list rows to packet indices and back.

export interface PacketMatcher {
  match(packet: number): boolean;
}

export class DisplayView {
  filterText = '';
  matcher: PacketMatcher | null = null;
  /** packets [0, evaluated) have been checked against the filter */
  evaluated = 0;
  private matches = new Int32Array(4096);
  private matchCount = 0;
  /** a sorted permutation of the first order.length displayed rows; later rows follow unsorted */
  private order: Int32Array | null = null;
  private position: Map<number, number> | null = null;
  sortColumn: string | null = null;
  sortDescending = false;

  setFilter(text: string, matcher: PacketMatcher | null): void {
    this.filterText = text;
    this.matcher = matcher;
    this.evaluated = 0;
    this.matchCount = 0;
    this.clearOrder();
  }

  addMatch(packet: number): void {
    if (this.matchCount === this.matches.length) {
      const next = new Int32Array(this.matches.length * 2);
      next.set(this.matches);
      this.matches = next;
    }
    this.matches[this.matchCount++] = packet;
  }

  /** Rows in the list when `total` packets are indexed. */
  displayed(total: number): number {
    return this.matcher ? this.matchCount : total;
  }

  /** True while the filter has packets left to check. */
  pending(total: number): boolean {
    return this.matcher !== null && this.evaluated < total;
  }

  /** Packet index shown at list row `row` (unsorted order). */
  private natural(row: number): number {
    return this.matcher ? this.matches[row]! : row;
  }

  packetAt(row: number): number {
    const o = this.order;
    return o && row < o.length ? o[row]! : this.natural(row);
  }

  /** The packets currently displayed, in natural (file) order. */
  displayedPackets(total: number): Int32Array {
    if (this.matcher) return this.matches.slice(0, this.matchCount);
    const all = new Int32Array(total);
    for (let i = 0; i < total; i++) all[i] = i;
    return all;
  }

  setOrder(column: string | null, descending: boolean, order: Int32Array | null): void {
    this.sortColumn = column;
    this.sortDescending = descending;
    this.order = order;
    this.position = null;
  }

  clearOrder(): void {
    this.order = null;
    this.position = null;
  }

  get sorted(): boolean {
    return this.order !== null;
  }

  /** List row of a packet, or -1 when it is not displayed. */
  rowOf(packet: number, total: number): number {
    const o = this.order;
    if (o) {
      if (!this.position) {
        this.position = new Map();
        for (let r = 0; r < o.length; r++) this.position.set(o[r]!, r);
      }
      const r = this.position.get(packet);
      if (r !== undefined) return r;
      const n = this.naturalRowOf(packet, total);
      return n >= o.length ? n : -1;
    }
    return this.naturalRowOf(packet, total);
  }

  /** First list row (natural order) whose packet index is >= packet, or the row count. */
  lowerBound(packet: number, total: number): number {
    if (!this.matcher) return Math.min(Math.max(packet, 0), total);
    let lo = 0;
    let hi = this.matchCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.matches[mid]! < packet) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private naturalRowOf(packet: number, total: number): number {
    if (!this.matcher) return packet >= 0 && packet < total ? packet : -1;
    const r = this.lowerBound(packet, total);
    return r < this.matchCount && this.matches[r] === packet ? r : -1;
  }
}
