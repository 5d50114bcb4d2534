// Where summary text is written: the Info writers and the summary line layout write
// pieces (text, whole numbers, padded columns) into a sink, which either builds a string
// (StringSink: the Info column of a field record, a line as text) or puts the bytes
// straight into an output buffer (the command line's OutputBuffer), so that millions of
// lines need no strings.

/** A text that is written again and again, with its UTF-8 bytes made once. */
export interface EncodedText {
  readonly text: string;
  readonly bytes: Uint8Array;
}

const utf8 = new TextEncoder();

export function encodeText(text: string): EncodedText {
  return { text, bytes: utf8.encode(text) };
}

export interface TextSink {
  text(s: string): void;
  /** The same as text(e.text). */
  encoded(e: EncodedText): void;
  /** A whole number >= 0, in decimal. */
  uint(n: number): void;
  /** `s` right-aligned in `width` columns, as s.padStart(width). */
  textRight(s: string, width: number): void;
  /** `s` left-aligned in `width` columns, as s.padEnd(width). */
  textLeft(s: string, width: number): void;
  /** String(n).padStart(width). */
  uintRight(n: number, width: number): void;
  /** String(n).padStart(width, '0'). */
  uintZeros(n: number, width: number): void;
}

/** A sink that builds a string. */
export class StringSink implements TextSink {
  private s = '';

  text(s: string): void {
    this.s += s;
  }

  encoded(e: EncodedText): void {
    this.s += e.text;
  }

  uint(n: number): void {
    this.s += n;
  }

  textRight(s: string, width: number): void {
    this.s += s.padStart(width);
  }

  textLeft(s: string, width: number): void {
    this.s += s.padEnd(width);
  }

  uintRight(n: number, width: number): void {
    this.s += String(n).padStart(width);
  }

  uintZeros(n: number, width: number): void {
    this.s += String(n).padStart(width, '0');
  }

  /** The text written since the last take(), and a fresh start. */
  take(): string {
    const s = this.s;
    this.s = '';
    return s;
  }
}

/** What `write` writes, as a string. */
export function textOf(write: (out: TextSink) => void): string {
  const out = new StringSink();
  write(out);
  return out.take();
}
