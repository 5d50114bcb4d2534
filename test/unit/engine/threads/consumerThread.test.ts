// A consumer thread that dies: the producer must learn of it instead of waiting for room
// in the ring or for the thread to finish.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
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
