// Lowers the calling thread's scheduling priority. A helper thread of the packet pass (flow
// tracking, writing summary lines) should only take CPU time the pass leaves idle: on a
// machine with few cores, a helper at the same priority preempts the pass itself, and the
// pass is what the user waits for.

import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** the lowest priority (nice 19): a thread still runs whenever a core is idle */
const BACKGROUND = 19;

export function lowerThreadPriority(): void {
  try {
    // Linux keeps a nice value per thread: setpriority() on a thread id changes that thread only
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, BACKGROUND);
  } catch {
    // not Linux: the thread keeps the process's priority
  }
}
