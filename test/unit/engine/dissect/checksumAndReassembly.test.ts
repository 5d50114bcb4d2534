// Internet checksum arithmetic and IP fragment reassembly (out of order, overlaps, replays).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectedChecksum, finishChecksum, sumWords } from '../../../../src-main/engine/dissect/checksum.js';
import { FragmentReassembler } from '../../../../src-main/engine/dissect/reassembly.js';

// RFC 1071's example IPv4 header with its checksum 0xb861 in place
const header = Uint8Array.from([0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7]);

test('a correct header checksums to zero', () => {
  assert.equal(finishChecksum(sumWords(header, 0, 20)), 0);
});

test('a wrong checksum yields the value it should have been', () => {
  const bad = header.slice();
  bad[10] = 0x12;
  bad[11] = 0x34;
  const sum = sumWords(bad, 0, 20);
  assert.notEqual(finishChecksum(sum), 0);
  assert.equal(expectedChecksum(sum, 0x1234), 0xb861);
});

test('odd lengths pad the last byte with zero', () => {
  assert.equal(sumWords(Uint8Array.of(0x01, 0x02, 0x03), 0, 3), 0x0102 + 0x0300);
});

test('fragments reassemble in any order, completing on the last missing piece', () => {
  const r = new FragmentReassembler();
  assert.equal(r.add('k', 3, 16, Uint8Array.of(5, 6), false), null);
  assert.equal(r.add('k', 1, 0, new Uint8Array(8).fill(1), true), null);
  const done = r.add('k', 2, 8, new Uint8Array(8).fill(2), true);
  assert.ok(done);
  assert.equal(done.payload.length, 18);
  assert.deepEqual([...done.payload.subarray(6, 10)], [1, 1, 2, 2]);
  assert.deepEqual(done.frames, [3, 1, 2]);
});

test('a replayed fragment does not duplicate its frame', () => {
  const r = new FragmentReassembler();
  r.add('k', 1, 0, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), true);
  r.add('k', 1, 0, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), true);
  const done = r.add('k', 2, 8, Uint8Array.of(9), false);
  assert.deepEqual(done?.frames, [1, 2]);
});

test('a gap keeps the datagram pending', () => {
  const r = new FragmentReassembler();
  r.add('k', 1, 0, new Uint8Array(8), true);
  assert.equal(r.add('k', 2, 16, new Uint8Array(8), false), null);
});
