// Follows the capture files of a running session: opens each file as it appears (ring
// buffers make several), hands the open reader to `consume` on every tick so new packets
// are processed as they land, and moves to the next file once the helper has started it
// (by then the previous one is complete).

import { existsSync } from 'node:fs';
import type { CaptureSession } from './captureSession.js';

export interface FollowedReader {
  close(): void;
}

export interface LiveFollowerOptions<R extends FollowedReader> {
  /** opens a file in follow mode */
  open: (path: string) => Promise<R>;
  /** processes every complete packet now available; returns how many */
  consume: (reader: R) => number;
  intervalMs?: number;
  /** called when a file cannot be opened (it is then skipped) or reading it fails */
  onError?: (path: string, err: Error) => void;
}

export class LiveFollower<R extends FollowedReader> {
  private queue: string[] = [];
  private reader: R | null = null;
  private timer: NodeJS.Timeout | null = null;
  private busy: Promise<void> | null = null;
  /** packets consumed so far, over all files */
  total = 0;

  constructor(
    session: CaptureSession,
    private readonly o: LiveFollowerOptions<R>,
  ) {
    for (const f of session.files) this.queue.push(f);
    session.on('file', (path) => {
      if (path !== '-' && !this.queue.includes(path)) this.queue.push(path);
    });
  }

  start(): void {
    this.timer ??= setInterval(() => void this.tick(), this.o.intervalMs ?? 100);
  }

  /** Reads what is left of every file (call after the session is done) and closes. */
  async finish(): Promise<number> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.busy;
    while (this.queue.length > 0) await this.step(true);
    return this.total;
  }

  private tick(): Promise<void> {
    this.busy ??= this.step(false)
      .catch((err: Error) => this.o.onError?.(this.queue[0] ?? '', err))
      .finally(() => (this.busy = null));
    return this.busy;
  }

  /** One round: open the current file if needed, consume it, move on when it is complete. */
  private async step(final: boolean): Promise<void> {
    const path = this.queue[0];
    if (path === undefined) return;
    if (!this.reader) {
      if (!existsSync(path)) {
        // a ring buffer can delete a file before a slow follower gets to it
        if (this.queue.length > 1 || final) this.queue.shift();
        return;
      }
      try {
        this.reader = await this.o.open(path);
      } catch (err) {
        this.o.onError?.(path, err as Error);
        this.queue.shift();
        return;
      }
    }
    this.total += this.o.consume(this.reader);
    if (this.queue.length > 1 || final) {
      this.total += this.o.consume(this.reader);
      this.reader.close();
      this.reader = null;
      this.queue.shift();
    }
  }
}
