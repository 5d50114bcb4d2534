// Consumer threads: one that dies must make the producer fail instead of waiting for room
// in the ring or for it to finish; and every one runs at the lowest priority.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { getPriority } from 'node:os';
import { ConsumerThread } from '../../../../src-main/engine/threads/consumerThread.js';

test('a thread that dies at once makes the producer fail, not wait', { timeout: 20_000 }, async () => {
  const thread = new ConsumerThread(new URL('./failingThread.js', import.meta.url), 8, 2, (ring, port) => ({ ring, port }));
  // the thread's error reaches this side between turns of the event loop
  await sleep(500);
  const w = thread.writer;
  const start = Date.now();
  assert.throws(() => {
    for (let i = 0; i < 100; i++) {
      w.reserve();
      w.commit();
    }
  }, /failed/);
  assert.throws(() => thread.finish(), /failed/);
  assert.ok(Date.now() - start < 5000, 'no waiting for a thread that is gone');
});

test('a consumer thread runs at the lowest priority and leaves the producer\'s alone', { skip: process.platform !== 'linux' }, () => {
  const before = getPriority();
  const thread = new ConsumerThread(new URL('./niceThread.js', import.meta.url), 8, 2, (ring, port) => ({ ring, port }));
  assert.deepEqual(thread.finish(), { nice: 19 });
  assert.equal(getPriority(), before);
});
