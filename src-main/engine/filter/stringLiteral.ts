// Quoted literals of the filter language: "strings" with C-like escapes, r"raw strings"
// and 'c' character constants. They decode to bytes, because `\xdc` means the byte 0xdc
// when compared with packet bytes (`frame contains "\x00\x01"`), while plain characters
// are UTF-8 encoded, as Wireshark does.

import { fail } from './errors.js';

export interface Quoted {
  bytes: Uint8Array;
  /** index just past the closing quote */
  end: number;
}

const SIMPLE_ESCAPES: Record<string, number> = {
  '\\': 0x5c,
  '"': 0x22,
  "'": 0x27,
  a: 0x07,
  b: 0x08,
  f: 0x0c,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  v: 0x0b,
};

function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9a-fA-F]$/.test(c);
}

function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
}

/** Decodes the quoted literal whose opening quote is at `q`. */
export function decodeQuoted(text: string, q: number, raw: boolean): Quoted {
  const quote = text[q]!;
  const out: number[] = [];
  let i = q + 1;
  for (;;) {
    if (i >= text.length) {
      fail(`The final quote was missing from a quoted ${quote === "'" ? 'character' : 'string'}.`, raw ? q - 1 : q, text.length);
    }
    const ch = text[i]!;
    if (ch === quote) return { bytes: Uint8Array.from(out), end: i + 1 };
    if (ch !== '\\') {
      const cp = text.codePointAt(i)!;
      pushUtf8(out, cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const esc = text[i + 1];
    if (raw) {
      // a raw string keeps each backslash with the character after it, so \" does not end it
      out.push(0x5c);
      i++;
      if (esc !== undefined && esc !== quote && esc !== '\\') continue;
      if (esc !== undefined) {
        out.push(esc.charCodeAt(0));
        i++;
      }
      continue;
    }
    if (esc === undefined) fail(`The final quote was missing from a quoted string.`, q, text.length);
    if (esc in SIMPLE_ESCAPES) {
      out.push(SIMPLE_ESCAPES[esc]!);
      i += 2;
    } else if (esc >= '0' && esc <= '7') {
      let j = i + 1;
      let v = 0;
      while (j < i + 4 && text[j]! >= '0' && text[j]! <= '7') v = v * 8 + (text.charCodeAt(j++) - 0x30);
      if (v > 255) fail(`${text.slice(i, j)} is not a valid octal escape (above \\377).`, i, j);
      out.push(v);
      i = j;
    } else if (esc === 'x') {
      let j = i + 2;
      while (j < i + 4 && isHex(text[j])) j++;
      if (j === i + 2) fail(`\\x must be followed by one or two hexadecimal digits.`, i, i + 2);
      out.push(parseInt(text.slice(i + 2, j), 16));
      i = j;
    } else if (esc === 'u' || esc === 'U') {
      const n = esc === 'u' ? 4 : 8;
      const digits = text.slice(i + 2, i + 2 + n);
      if (digits.length !== n || ![...digits].every((d) => isHex(d))) {
        fail(`\\${esc} must be followed by ${n} hexadecimal digits.`, i, Math.min(text.length, i + 2 + n));
      }
      const cp = parseInt(digits, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        fail(`\\${esc}${digits} is not a valid universal character name.`, i, i + 2 + n);
      }
      pushUtf8(out, cp);
      i += 2 + n;
    } else {
      const hint = /[dDwWsSbB.()[\]{}|*+?^$]/.test(esc)
        ? ` For a regular expression write \\\\${esc}, or use a raw string: r"...\\${esc}...".`
        : '';
      fail(`\\${esc} is not a valid character escape sequence.${hint}`, i, i + 2);
    }
  }
}
