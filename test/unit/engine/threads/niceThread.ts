// A consumer thread that reports its own scheduling priority (for consumerThread.test.ts).

import { readFileSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { runConsumer } from '../../../../src-main/engine/threads/consumerThread.js';

runConsumer(workerData.ring, workerData.port, (reader) => {
  while (reader.next() >= 0) reader.done();
  // the 19th field of a task's stat is its nice value (after the name, which may hold spaces)
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  const nice = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  return { message: { nice } };
});
