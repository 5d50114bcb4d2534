// The index pass sizes its columns for the whole file from the first packets' share of the
// file's bytes, instead of doubling its way there (which leaves up to half of every column
// empty and copies each one along the way).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CaptureFile } from '../../../../src-main/engine/captureFile.js';

const SEED = process.env.WIRESIGHT_BENCH_SEED ?? fileURLToPath(new URL('../../../../../../shared/bench/seed.pcapng', import.meta.url));

it('a file of many packets gets index columns sized for it, not doubled', async (t) => {
  if (!fs.existsSync(SEED)) return t.skip(`${SEED} missing`);
  const cap = await CaptureFile.open(SEED);
  try {
    cap.indexSome();
    const x = cap.index;
    assert.ok(x.count > 20000, `${x.count} packets`);
    const slack = x.fileOffset.capacity / x.count;
    // doubling from 1024 would leave 65,536 slots for the seed's ~34,000 packets (slack 1.9)
    assert.ok(slack >= 1 && slack < 1.1, `capacity ${x.fileOffset.capacity} for ${x.count} packets`);
    assert.equal(x.marks.capacity, x.fileOffset.capacity, 'every column is sized alike');
  } finally {
    cap.close();
  }
});
