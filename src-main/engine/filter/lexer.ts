// Display-filter tokenizer. Words cover field names and unquoted literals alike
// (`ip.src`, `10.0.0.0/8`, `00:1b:21:3a:4f:5c`, `2001:db8::/32`, `0x12`): which one a word is
// gets decided later against the field registry, as Wireshark does. Slice bodies (`[0:3]`,
// `[-4:]`, `[1-2,5]`) are taken whole, since their colons and minus signs mean something else.

import { fail } from './errors.js';
import { decodeQuoted } from './stringLiteral.js';

export type TokenKind = 'word' | 'string' | 'char' | 'punct' | 'slice' | 'eof';

export interface Token {
  kind: TokenKind;
  /** source text of the token (for 'slice': the text between the brackets; for 'string': the bytes' text) */
  text: string;
  start: number;
  end: number;
  /** 'string': the decoded bytes; 'char': one byte */
  bytes?: Uint8Array;
  /** 'char': the character's code */
  code?: number;
  /** 'string': written as r"..." (no escapes) */
  raw?: boolean;
  /** whether whitespace separated this token from the previous one */
  spaced: boolean;
}

const PUNCTS = [
  '===', '!==', '==', '!=', '~=', '<=', '>=', '&&', '||', '^^', '..',
  '<', '>', '!', '~', '&', '+', '-', '*', '/', '%', '(', ')', '{', '}', ',', '#', '=', '|', '^', '$', '@',
];

function isWordStart(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || // 0-9
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x61 && c <= 0x7a) || // a-z
    c === 0x5f || // _
    c === 0x3a // : (IPv6 "::1")
  );
}

function isWordChar(c: number): boolean {
  return isWordStart(c) || c === 0x2e || c === 0x2d || c === 0x2f; // . - /
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c;
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let spaced = false;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      spaced = true;
      continue;
    }
    const start = i;
    // r"raw string"
    if ((c === 0x72 || c === 0x52) && text.charCodeAt(i + 1) === 0x22) {
      const q = decodeQuoted(text, i + 1, true);
      out.push({ kind: 'string', text: text.slice(start, q.end), start, end: q.end, bytes: q.bytes, raw: true, spaced });
      i = q.end;
    } else if (isWordStart(c)) {
      i++;
      while (i < text.length) {
        const d = text.charCodeAt(i);
        if (!isWordChar(d)) break;
        if (d === 0x2e && text.charCodeAt(i + 1) === 0x2e) break; // ".." ends the word (set ranges)
        i++;
      }
      out.push({ kind: 'word', text: text.slice(start, i), start, end: i, spaced });
    } else if (c === 0x22) {
      const q = decodeQuoted(text, i, false);
      out.push({ kind: 'string', text: text.slice(start, q.end), start, end: q.end, bytes: q.bytes, spaced });
      i = q.end;
    } else if (c === 0x27) {
      const q = decodeQuoted(text, i, false);
      if (q.bytes.length !== 1) {
        fail(
          q.bytes.length === 0
            ? 'An empty character constant is not valid.'
            : `${text.slice(start, q.end)} is too long to be a valid character constant.`,
          start,
          q.end,
        );
      }
      out.push({ kind: 'char', text: text.slice(start, q.end), start, end: q.end, code: q.bytes[0]!, spaced });
      i = q.end;
    } else if (c === 0x5b) {
      const close = text.indexOf(']', i + 1);
      if (close < 0) fail('The slice is missing its closing "]".', start, text.length);
      out.push({ kind: 'slice', text: text.slice(i + 1, close), start, end: close + 1, spaced });
      i = close + 1;
    } else {
      const p = PUNCTS.find((s) => text.startsWith(s, i));
      if (!p) fail(`"${text[i]}" is not a valid character in a display filter.`, i, i + 1);
      out.push({ kind: 'punct', text: p, start, end: i + p.length, spaced });
      i += p.length;
    }
    spaced = false;
  }
  out.push({ kind: 'eof', text: '', start: text.length, end: text.length, spaced });
  return out;
}
