// LiveFollower against a fake session and fake readers: it opens files as they are
// announced, reads each to the end before moving on, and skips files a ring buffer deleted.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CaptureSession, CaptureSessionEvents } from '../../../src-main/capture/captureSession.js';
import { LiveFollower } from '../../../src-main/capture/liveFollower.js';

class FakeSession extends EventEmitter<CaptureSessionEvents> {
  files: string[] = [];
}

/** A "reader" that hands out packets appended to `available[path]`. */
function fakeReaders() {
  const available = new Map<string, number>();
  const log: string[] = [];
  const open = async (p: string) => {
    log.push(`open ${path.basename(p)}`);
    let read = 0;
    return {
      take: () => {
        const n = (available.get(p) ?? 0) - read;
        read += n;
        return n;
      },
      close: () => log.push(`close ${path.basename(p)}`),
    };
  };
  return { available, log, open };
}

test('follows files in order, finishing each before the next, and skips deleted ones', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ws-follow-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const f = (n: number) => path.join(dir, `f${n}`);
  for (const n of [1, 2, 4]) writeFileSync(f(n), '');

  const session = new FakeSession();
  session.files = [f(1)];
  const r = fakeReaders();
  const seen: number[] = [];
  const follower = new LiveFollower(session as unknown as CaptureSession, {
    open: r.open,
    consume: (reader) => {
      const n = reader.take();
      if (n) seen.push(n);
      return n;
    },
    intervalMs: 5,
  });
  follower.start();
  r.available.set(f(1), 3);
  await new Promise((res) => setTimeout(res, 30));
  assert.deepEqual(r.log, ['open f1']);

  // more packets land in f1, then the helper moves on to f2; f3 is announced but already gone
  r.available.set(f(1), 5);
  session.emit('file', f(2), 2);
  r.available.set(f(2), 4);
  session.emit('file', f(3), 3);
  session.emit('file', f(4), 4);
  r.available.set(f(4), 1);
  const total = await follower.finish();
  assert.equal(total, 10);
  assert.deepEqual(r.log, ['open f1', 'close f1', 'open f2', 'close f2', 'open f4', 'close f4']);
});
