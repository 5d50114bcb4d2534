// Sequential reading of a capture file through one reusable chunk buffer, so a file of any
// size reads with flat memory. The format readers ask for "n bytes at file offset x" and get
// an index into `buf`; the buffer only grows for a single record larger than the chunk.
// Also serves random-access re-reads (fresh copies) for on-demand dissection.

import * as fs from 'node:fs';

/**
 * Small enough that a chunk the kernel has just copied in is still in the core's own cache
 * (L2) when the pass sums its checksums; a 4 MiB chunk made the 1 GB index pass about 5 %
 * slower. Records larger than this grow the buffer for as long as they need it.
 */
const DEFAULT_CHUNK = 256 * 1024;

/** Bytes read at once for small random reads (see readAt). */
const READ_AHEAD = 128 * 1024;

export class FileSource {
  /** Bytes [start, start + len) of the file are in buf[0, len). */
  buf: Uint8Array;
  view: DataView;
  start = 0;
  len = 0;
  /** File size as last seen (re-read with refreshSize() when following a growing file). */
  size: number;
  /** Set when the operating system failed a read (the readers turn it into damage). */
  ioError: string | null = null;
  private fd: number;
  /** the read-ahead block of readAt() and the file offset of its first byte */
  private ahead: Uint8Array = new Uint8Array(0);
  private aheadStart = 0;

  constructor(readonly path: string, private readonly chunkSize = DEFAULT_CHUNK) {
    this.fd = fs.openSync(path, 'r');
    this.size = fs.fstatSync(this.fd).size;
    this.buf = new Uint8Array(chunkSize);
    this.view = new DataView(this.buf.buffer);
  }

  /**
   * Makes file bytes [off, off + n) available in buf and returns the index of `off` in buf,
   * or -1 if the file ends first (`size` then says where).
   * Indexes returned earlier are invalid after a call that refills.
   */
  fill(off: number, n: number): number {
    let i = off - this.start;
    if (i >= 0 && i + n <= this.len) return i;
    this.keepFrom(off, n);
    this.readMore();
    i = off - this.start;
    return i + n <= this.len ? i : -1;
  }

  /** Re-reads the file size (for follow mode); returns it. */
  refreshSize(): number {
    if (this.fd >= 0) this.size = fs.fstatSync(this.fd).size;
    return this.size;
  }

  /**
   * Fresh copy of file bytes [off, off + n); shorter if the file ends first. Small reads
   * are copied from a read-ahead block, so packets re-read in file order (a filter running
   * down the list) cost one system call per block, not one each.
   */
  readAt(off: number, n: number): Uint8Array {
    if (this.fd < 0) throw new Error(`"${this.path}" is closed`);
    if (n > READ_AHEAD / 4) return this.readFresh(off, n);
    let at = off - this.aheadStart;
    if (at < 0 || at + n > this.ahead.length) {
      this.ahead = this.readFresh(off, READ_AHEAD);
      this.aheadStart = off;
      at = 0;
    }
    return this.ahead.slice(at, at + n);
  }

  private readFresh(off: number, n: number): Uint8Array {
    const out = new Uint8Array(n);
    let got = 0;
    while (got < n) {
      const r = fs.readSync(this.fd, out, got, n - got, off + got);
      if (r <= 0) break;
      got += r;
    }
    return got === n ? out : out.subarray(0, got);
  }

  close(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
  }

  /** Moves the bytes from `off` on to the front of the buffer (growing it for a huge record,
   * shrinking it back afterwards). */
  private keepFrom(off: number, n: number): void {
    const i = off - this.start;
    const keep = i >= 0 && i < this.len ? this.len - i : 0;
    const shrink = this.buf.length > this.chunkSize && n <= this.chunkSize && keep <= this.chunkSize;
    if (n > this.buf.length || shrink) {
      let size = this.chunkSize;
      while (size < n) size *= 2;
      const fresh = new Uint8Array(size);
      if (keep > 0) fresh.set(this.buf.subarray(i, i + keep));
      this.buf = fresh;
      this.view = new DataView(fresh.buffer);
    } else if (keep > 0 && i > 0) {
      this.buf.copyWithin(0, i, i + keep);
    }
    this.start = off;
    this.len = keep;
  }

  private readMore(): void {
    if (this.fd < 0) return;
    try {
      while (this.len < this.buf.length) {
        const r = fs.readSync(this.fd, this.buf, this.len, this.buf.length - this.len, this.start + this.len);
        if (r <= 0) break;
        this.len += r;
      }
    } catch (e) {
      this.ioError = (e as Error).message;
    }
    if (this.start + this.len > this.size) this.size = this.start + this.len;
  }
}
