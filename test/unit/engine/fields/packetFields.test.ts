// The flat field record: occurrence chains, subtrees, generations between packets, growth.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registerField } from '../../../../src-main/engine/fields/fieldRegistry.js';
import { PacketFields } from '../../../../src-main/engine/fields/packetFields.js';

const proto = registerField({ name: 'tpf', type: 'protocol', description: 'Test' });
const a = registerField({ name: 'tpf.a', type: 'uint', description: 'A' });
const b = registerField({ name: 'tpf.b', type: 'uint', description: 'B' });

test('occurrences of a field chain in recording order', () => {
  const f = new PacketFields();
  f.reset(new Uint8Array(10));
  f.add(a, 0, 1, 1);
  f.add(b, 1, 1, 2);
  f.add(a, 2, 1, 3);
  const seen: number[] = [];
  for (let i = f.first(a); i >= 0; i = f.nexts[i]!) seen.push(f.vals[i]!);
  assert.deepEqual(seen, [1, 3]);
  assert.equal(f.value(b), 2);
  assert.equal(f.last(a), 2);
});

test('a new packet forgets the previous packet’s fields', () => {
  const f = new PacketFields();
  f.reset(new Uint8Array(4));
  f.add(a, 0, 1, 7);
  f.reset(new Uint8Array(4));
  assert.equal(f.first(a), -1);
  assert.ok(Number.isNaN(f.value(a)));
  f.add(a, 0, 1, 8);
  assert.equal(f.value(a), 8);
});

test('open/close nest fields and fix the subtree length', () => {
  const f = new PacketFields();
  f.reset(new Uint8Array(20));
  const p = f.open(proto, 4, 0);
  const x = f.add(a, 4, 2, 1);
  f.close(p, 12);
  const y = f.add(b, 12, 1, 1);
  assert.equal(f.lens[p], 8);
  assert.equal(f.parents[x], p);
  assert.equal(f.parents[y], -1);
  assert.ok(f.isWithin(x, p));
  assert.ok(!f.isWithin(y, p));
});

test('the record grows past its initial capacity and keeps every value', () => {
  const f = new PacketFields();
  f.reset(new Uint8Array(1));
  for (let i = 0; i < 1000; i++) f.add(i % 2 ? a : b, 0, 0, i);
  let n = 0;
  for (let i = f.first(a); i >= 0; i = f.nexts[i]!) {
    assert.equal(f.vals[i]! % 2, 1);
    n++;
  }
  assert.equal(n, 500);
  assert.equal(f.count, 1000);
});

test('bytes() reads the data source a field was recorded against', () => {
  const f = new PacketFields();
  f.reset(Uint8Array.of(1, 2, 3, 4));
  const x = f.add(a, 1, 2);
  f.addSource(Uint8Array.of(9, 8, 7), 'Reassembled');
  const y = f.add(b, 0, 3);
  assert.deepEqual([...f.bytes(x)], [2, 3]);
  assert.deepEqual([...f.bytes(y)], [9, 8, 7]);
});
