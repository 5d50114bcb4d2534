// The packet list's row cache: rows are fetched from the backend in pages around what is
// on screen and evicted when far away, so memory stays flat whether the file has a
// thousand packets or ten million. A version number discards answers for an old list
// (another file, filter, sort or time format).

import { api } from '../api/api';
import type { PacketRow, TimeFormat } from '../api/contractTypes';

export const PAGE = 200;
const MAX_PAGES = 40;

type Listener = () => void;

export class RowCache {
  private version = -1;
  private timeFormat: TimeFormat = 'relative';
  private readonly pages = new Map<number, PacketRow[]>();
  private readonly inflight = new Map<number, Promise<void>>();
  private readonly listeners = new Set<Listener>();
  /** bumps when rows arrive; the list re-renders on it */
  tick = 0;

  reset(version: number, timeFormat: TimeFormat): void {
    if (version === this.version && timeFormat === this.timeFormat) return;
    this.version = version;
    this.timeFormat = timeFormat;
    this.pages.clear();
    this.inflight.clear();
    this.changed();
  }

  get(row: number): PacketRow | undefined {
    const page = this.pages.get(Math.floor(row / PAGE));
    return page?.[row % PAGE];
  }

  /** Fetches what is missing of rows [from, to) (a partial last page counts as missing when rows were added). */
  ensure(from: number, to: number, displayed: number): void {
    const first = Math.max(0, Math.floor(from / PAGE));
    const last = Math.floor(Math.max(from, Math.min(to, displayed) - 1) / PAGE);
    for (let p = first; p <= last; p++) {
      const have = this.pages.get(p);
      const want = Math.min(PAGE, displayed - p * PAGE);
      if (want <= 0) continue;
      if ((!have || have.length < want) && !this.inflight.has(p)) void this.fetch(p);
    }
    this.evict(first, last);
  }

  /** The row, fetching its page when needed. */
  async row(row: number): Promise<PacketRow | undefined> {
    const p = Math.floor(row / PAGE);
    if (!this.get(row)) await (this.inflight.get(p) ?? this.fetch(p));
    return this.get(row);
  }

  private fetch(p: number): Promise<void> {
    const version = this.version;
    const job = api
      .invoke('rows', { start: p * PAGE, count: PAGE, timeFormat: this.timeFormat })
      .then((w) => {
        if (version !== this.version) return;
        this.pages.set(p, w.rows);
        this.changed();
      })
      .catch(() => undefined)
      .finally(() => {
        if (this.inflight.get(p) === job) this.inflight.delete(p);
      });
    this.inflight.set(p, job);
    return job;
  }

  private evict(first: number, last: number): void {
    if (this.pages.size <= MAX_PAGES) return;
    const far = [...this.pages.keys()].sort((a, b) => dist(b, first, last) - dist(a, first, last));
    for (const p of far.slice(0, this.pages.size - MAX_PAGES)) this.pages.delete(p);
  }

  /** Drops cached pages from `row` on (live capture: rows there may have changed). */
  invalidateFrom(row: number): void {
    for (const p of [...this.pages.keys()]) if ((p + 1) * PAGE > row) this.pages.delete(p);
    this.changed();
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private changed(): void {
    this.tick++;
    for (const l of [...this.listeners]) l();
  }
}

function dist(p: number, first: number, last: number): number {
  return p < first ? first - p : p > last ? p - last : 0;
}

export const rowCache = new RowCache();
