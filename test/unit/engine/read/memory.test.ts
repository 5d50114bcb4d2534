// Reading keeps flat memory: packets are views into one reused buffer, so nothing grows
// with the number of packets read. Measured with forced garbage collections, counting both
// the JS heap and ArrayBuffer memory (where a retained packet copy would land).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { CaptureReader } from '../../../../src-main/engine/read/captureReader.js';

const SEED = process.env.WIRESIGHT_BENCH_SEED ?? fileURLToPath(new URL('../../../../../../shared/bench/seed.pcapng', import.meta.url));

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function used(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

it('reads a 15 MB capture without retaining packets', async (t) => {
  if (!fs.existsSync(SEED)) return t.skip(`${SEED} missing`);
  const base = used();
  const r = await CaptureReader.open(SEED);
  let packets = 0;
  let bytes = 0;
  let peak = 0;
  while (r.next()) {
    packets++;
    bytes += r.data.length;
    if (packets % 4000 === 0) peak = Math.max(peak, used() - base);
  }
  peak = Math.max(peak, used() - base);
  r.close();
  assert.equal(r.damage, null);
  assert.ok(packets > 10000, `${packets} packets`);
  // the 4 MiB read buffer plus slack; keeping the packets would add `bytes` (> 10 MB)
  assert.ok(bytes > 10e6, `${bytes} packet bytes`);
  assert.ok(peak < 8 * 1024 * 1024, `memory grew by ${(peak / 1048576).toFixed(1)} MiB while reading`);
});
