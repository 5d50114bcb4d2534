// The output buffer writes exactly the UTF-8 bytes of what it was given, whether as whole
// lines or in pieces (text, numbers, padded columns), across block boundaries.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutputBuffer } from '../../../src-main/cli/outputBuffer.js';
import { encodeText, StringSink, type TextSink } from '../../../src-main/engine/output/textSink.js';

function written(write: (out: OutputBuffer) => void): string {
  const blocks: Uint8Array[] = [];
  const out = new OutputBuffer((b) => blocks.push(b));
  write(out);
  out.flush();
  return Buffer.concat(blocks).toString('utf8');
}

/** The same pieces into both sinks: the bytes must decode to the string. */
function same(pieces: (out: TextSink) => void): void {
  const s = new StringSink();
  pieces(s);
  assert.equal(written(pieces), s.take());
}

test('text of every width of UTF-8, short and long, with lone surrogates as the native encoder writes them', () => {
  const samples = ['plain', 'é ß', '50216 → 8080', '€ 漢字', 'a😀b', '\ud800x', 'x\udc00', '→'.repeat(30), 'ü'.repeat(100), 'x→😀'.repeat(40)];
  for (const text of samples) {
    const blocks: Uint8Array[] = [];
    const out = new OutputBuffer((b) => blocks.push(b));
    out.text(text);
    out.flush();
    assert.deepEqual(Buffer.concat(blocks), Buffer.from(text), JSON.stringify(text));
  }
});

test('every number of up to five digits, and a spread of larger ones, as String() writes it', () => {
  same((out) => {
    for (let n = 0; n < 100_000; n++) {
      out.uint(n);
      out.text(' ');
    }
    for (let n = 100_000; n < 0xffffffff; n = Math.floor(n * 1.37) + 11) {
      out.uint(n);
      out.text(' ');
    }
  });
});

test('numbers and padded columns as String() and padStart/padEnd make them', () => {
  same((out) => {
    for (const n of [0, 7, 9, 10, 99, 100, 65535, 99999, 100000, 999999999, 1000000000, 4294967295, 4294967296, 2 ** 53, 1.5, -3, NaN]) {
      out.uint(n);
      out.text('|');
      out.uintRight(n, 5);
      out.text('|');
    }
    out.textRight('10.0.0.1', 12);
    out.textLeft('10.0.0.2', 12);
    out.textRight('2001:db8:0:1::1234:5678', 12);
    out.textLeft('é', 3);
    out.textRight('x', 100);
    for (const [n, w] of [[0, 9], [7, 3], [123, 3], [123456, 6], [1234, 2], [4294967296, 12], [2.5, 4]] as const) out.uintZeros(n, w);
    out.encoded(encodeText('  10.0.0.1 → 10.0.0.2   '));
  });
});

test('lines longer than a block and many lines cross block boundaries intact', () => {
  const lines = Array.from({ length: 5000 }, (_, i) => `${i} ${'→ab'.repeat(i % 97)}`);
  lines.push('y'.repeat(300_000), 'z→'.repeat(100_000));
  const text = written((out) => {
    for (const l of lines) out.line(l);
  });
  // compared by line, so that a failure does not print megabytes
  const got = text.split('\n');
  assert.equal(got.pop(), '');
  assert.equal(got.length, lines.length);
  const bad = lines.findIndex((l, i) => got[i] !== l);
  assert.equal(bad, -1, `line ${bad} differs`);
});
