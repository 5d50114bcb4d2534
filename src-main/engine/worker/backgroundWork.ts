// The worker's cooperative loop: indexes the open file and evaluates the display filter in
// short time slices, so requests (row windows, packet details) are answered between
// slices and the UI gets first rows while the rest is still being read. Progress events
// go out at a bounded rate; a live capture is polled for growth while nothing else runs.

import type { EmitEvent } from './eventSink.js';
import type { OpenCapture } from './openCapture.js';

const SLICE_MS = 12;
const PROGRESS_EVERY_MS = 150;
const FOLLOW_POLL_MS = 100;

export class BackgroundWork {
  private scheduled = false;
  private timer: NodeJS.Timeout | null = null;
  private lastProgress = 0;
  /** called after a slice that indexed new packets (flow table refresh and the like) */
  onIndexed: (() => void) | null = null;

  constructor(
    private readonly current: () => OpenCapture | null,
    private readonly emit: EmitEvent,
  ) {}

  /** Makes sure the loop runs soon (after opening, filtering or new live data). */
  kick(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.slice();
    });
  }

  /** Indexes for at most `ms` right now (opening a file uses this to have first rows ready). */
  indexFor(cap: OpenCapture, ms: number): void {
    const deadline = performance.now() + ms;
    while (!cap.indexDone && performance.now() < deadline) {
      if (cap.file.indexSome(500)) {
        if (!cap.following) cap.indexDone = true;
        break;
      }
    }
  }

  private slice(): void {
    const cap = this.current();
    if (!cap) return;
    const before = cap.total;
    const start = performance.now();
    const deadline = start + SLICE_MS;
    // leave part of the slice to the filter so it keeps up with a growing index
    const indexDeadline = cap.view.matcher ? start + SLICE_MS / 2 : deadline;
    let atTail = cap.indexDone;
    while (!cap.indexDone && performance.now() < indexDeadline) {
      if (cap.file.indexSome(500)) {
        atTail = true;
        if (!cap.following) cap.indexDone = true;
        break;
      }
    }
    const view = cap.view;
    const filterWasPending = view.pending(cap.total);
    while (view.matcher && view.evaluated < cap.total && performance.now() < deadline) {
      const end = Math.min(cap.total, view.evaluated + 256);
      for (let i = view.evaluated; i < end; i++) if (view.matcher.match(i)) view.addMatch(i);
      view.evaluated = end;
    }
    const grew = cap.total !== before;
    if (grew) this.onIndexed?.();
    const filterDone = filterWasPending && !view.pending(cap.total);
    const finished = cap.indexDone && !view.pending(cap.total);
    this.report(cap, grew || filterDone || finished, filterDone || finished);
    if (!cap.indexDone && !atTail) this.kick();
    else if (view.pending(cap.total)) this.kick();
    else if (cap.following) this.timer = setTimeout(() => this.kick(), FOLLOW_POLL_MS);
  }

  private report(cap: OpenCapture, changed: boolean, force: boolean): void {
    const now = performance.now();
    if (!force && (!changed || now - this.lastProgress < PROGRESS_EVERY_MS)) return;
    this.lastProgress = now;
    this.emit('fileProgress', cap.progress());
    const v = cap.view;
    if (v.matcher) {
      this.emit('filterProgress', {
        filter: v.filterText,
        done: v.evaluated,
        total: cap.total,
        displayed: v.displayed(cap.total),
        complete: !v.pending(cap.total) && cap.indexDone,
      });
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
