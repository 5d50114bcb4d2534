// Buffered synchronous writes to stdout: text goes into one byte buffer that is written out
// in blocks of about 64 KiB, as whole lines or as pieces (the buffer is a TextSink, so
// summary lines are written as bytes without building a string each), and a closed pipe
// (`| head`) ends quietly.

import { writeSync } from 'node:fs';
import type { EncodedText, TextSink } from '../engine/output/textSink.js';

const BLOCK = 65536;
/** room for a block plus the line that crosses its end */
const CAPACITY = 4 * BLOCK;
/** strings longer than this go through Buffer.write (native) rather than a copy loop */
const LONG = 64;
/** longer runs of padding are written as a string */
const MAX_FILL = 64;

/** Decimal digits of a whole number below 2^32. */
function digits(n: number): number {
  if (n < 100000) return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : 5;
  return n < 1000000 ? 6 : n < 10000000 ? 7 : n < 100000000 ? 8 : n < 1000000000 ? 9 : 10;
}

const isUint32 = (n: number): boolean => n >= 0 && n <= 0xffffffff && n % 1 === 0;

/** the two ASCII digits of 0..99, at 2n: numbers are written two digits per division */
const PAIRS = Uint8Array.from({ length: 200 }, (_, i) => 48 + (i & 1 ? (i >> 1) % 10 : Math.floor((i >> 1) / 10)));

export class OutputBuffer implements TextSink {
  private readonly buf = Buffer.allocUnsafe(CAPACITY);
  private pos = 0;
  closed = false;

  /** `target`: a file descriptor, or a function that takes each block (tests) */
  constructor(private readonly target: number | ((data: Uint8Array) => void) = 1) {}

  line(text: string): void {
    this.text(text);
    this.endLine();
  }

  /** Ends the line written in pieces. */
  endLine(): void {
    if (this.pos === CAPACITY) this.flush();
    this.buf[this.pos++] = 10;
    if (this.pos >= BLOCK) this.flush();
  }

  text(s: string): void {
    const n = s.length;
    if (n > LONG) {
      this.longText(s);
      return;
    }
    // UTF-8 takes at most 3 bytes per UTF-16 unit
    if (this.pos + 3 * n > CAPACITY) this.flush();
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        b[p++] = c;
      } else if (c < 0x800) {
        b[p++] = 0xc0 | (c >> 6);
        b[p++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || c > 0xdfff) {
        // the arrow of every line (U+2192) among them
        b[p++] = 0xe0 | (c >> 12);
        b[p++] = 0x80 | ((c >> 6) & 0x3f);
        b[p++] = 0x80 | (c & 0x3f);
      } else {
        // surrogates (and lone ones) are left to the native encoder, from a character boundary
        p += b.write(s.substring(i), p);
        break;
      }
    }
    this.pos = p;
  }

  encoded(e: EncodedText): void {
    const b = e.bytes;
    if (this.pos + b.length > CAPACITY) this.flush();
    if (b.length > CAPACITY) {
      this.send(b);
      return;
    }
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  uint(n: number): void {
    if (!isUint32(n)) {
      this.text(String(n));
      return;
    }
    if (this.pos + 10 > CAPACITY) this.flush();
    const b = this.buf;
    const end = this.pos + digits(n);
    let p = end;
    while (n >= 100) {
      const q = Math.floor(n / 100);
      const r = 2 * (n - q * 100);
      b[--p] = PAIRS[r + 1]!;
      b[--p] = PAIRS[r]!;
      n = q;
    }
    if (n >= 10) {
      b[--p] = PAIRS[2 * n + 1]!;
      b[--p] = PAIRS[2 * n]!;
    } else {
      b[--p] = 48 + n;
    }
    this.pos = end;
  }

  textRight(s: string, width: number): void {
    this.spaces(width - s.length);
    this.text(s);
  }

  textLeft(s: string, width: number): void {
    this.text(s);
    this.spaces(width - s.length);
  }

  uintRight(n: number, width: number): void {
    if (!isUint32(n)) {
      this.textRight(String(n), width);
      return;
    }
    this.spaces(width - digits(n));
    this.uint(n);
  }

  uintZeros(n: number, width: number): void {
    if (!isUint32(n)) {
      this.text(String(n).padStart(width, '0'));
      return;
    }
    const d = digits(n);
    if (d < width) this.fill(48, width - d);
    this.uint(n);
  }

  private spaces(n: number): void {
    this.fill(32, n);
  }

  /** `n` times the ASCII character `c`. */
  private fill(c: number, n: number): void {
    if (n <= 0) return;
    if (n > MAX_FILL) {
      this.text(String.fromCharCode(c).repeat(n));
      return;
    }
    if (this.pos + n > CAPACITY) this.flush();
    const b = this.buf;
    const end = this.pos + n;
    for (let p = this.pos; p < end; p++) b[p] = c;
    this.pos = end;
  }

  private longText(s: string): void {
    const most = 3 * s.length;
    if (this.pos + most > CAPACITY) this.flush();
    if (most > CAPACITY) {
      this.send(Buffer.from(s));
      return;
    }
    this.pos += this.buf.write(s, this.pos);
  }

  flush(): void {
    const n = this.pos;
    this.pos = 0;
    if (n === 0 || this.closed) return;
    this.send(this.buf.subarray(0, n));
  }

  private send(data: Uint8Array): void {
    if (this.closed) return;
    const target = this.target;
    if (typeof target === 'function') {
      // a copy: the buffer is reused (Buffer's own slice() would share its memory)
      target(Uint8Array.prototype.slice.call(data));
      return;
    }
    let off = 0;
    while (off < data.length) {
      try {
        off += writeSync(target, data, off);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') continue;
        if (code === 'EPIPE') {
          this.closed = true;
          return;
        }
        throw err;
      }
    }
  }
}
