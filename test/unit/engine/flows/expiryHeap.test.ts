// The flow table's timer heap keeps its entries in typed arrays that it grows by hand and
// hands over (entries/adopt) mid-pass: timers must come out earliest first, every one of
// them, whatever the mix of pushes and pops and wherever the hand-over falls.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExpiryHeap } from '../../../../src-main/engine/flows/expiryHeap.js';

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

test('timers come out earliest first, all of them, across growth and a hand-over', () => {
  const random = lcg(7);
  let heap = new ExpiryHeap();
  const pending = new Map<number, number>();
  let clock = 0;
  let id = 0;
  let popped = 0;
  for (let step = 0; step < 60_000; step++) {
    if (step === 25_000) {
      // as the flow thread hands its table back: a fresh heap takes the entries over
      const next = new ExpiryHeap();
      next.adopt(heap.entries());
      heap = next;
    }
    if (random() < 0.6 || heap.size === 0) {
      // whole seconds, so equal times are common
      const time = clock + Math.floor(random() * 300);
      heap.push(time, id);
      pending.set(id++, time);
    } else {
      const at = heap.peekTime();
      assert.ok(at >= clock, `step ${step}: ${at} after ${clock}`);
      const f = heap.pop();
      assert.equal(heap.poppedTime, at, `step ${step}: the time of the entry popped`);
      assert.equal(pending.get(f), at, `step ${step}: flow ${f} was due at ${pending.get(f)}, came out at ${at}`);
      pending.delete(f);
      clock = at;
      popped++;
    }
    assert.equal(heap.size, pending.size);
  }
  while (heap.due(clock + 300)) {
    const at = heap.peekTime();
    assert.ok(at >= clock);
    const f = heap.pop();
    assert.equal(pending.get(f), at);
    pending.delete(f);
    clock = at;
    popped++;
  }
  assert.equal(heap.size, 0);
  assert.equal(heap.peekTime(), Infinity);
  assert.equal(heap.due(Infinity), false);
  assert.equal(popped, id);
});
