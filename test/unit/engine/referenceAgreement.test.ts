// `wiresight read FILE -T json` agrees with tshark's reference dissection of every file in
// the shared corpus, field by field; differences that remain must be listed, with their
// reason, in test/referenceDifferences.json. Prints the agreement per file and overall.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareFile } from '../../tools/referenceCompare.js';
import { corpusCaptures } from './corpusFiles.js';

let compared = 0;
let agreed = 0;

for (const file of corpusCaptures()) {
  test(`reference ${file}`, { timeout: 60_000 }, async () => {
    const r = await compareFile(file);
    assert.equal(r.error, undefined, r.error);
    compared += r.compared;
    agreed += r.agreed;
    const pct = r.compared ? ((100 * r.agreed) / r.compared).toFixed(2) : '100.00';
    console.log(`agreement ${file}: ${pct}% (${r.agreed}/${r.compared})`);
    assert.equal(r.packetsOurs, r.packetsRef, 'packet count');
    const unexplained = r.mismatches.filter((m) => !m.known);
    assert.deepEqual(
      unexplained.slice(0, 15).map((m) => `#${m.frame} ${m.field}: ours=${JSON.stringify(m.ours)} ref=${JSON.stringify(m.ref)}`),
      [],
      `${unexplained.length} unexplained differences`,
    );
  });
}

test('reference agreement overall', () => {
  const pct = compared ? (100 * agreed) / compared : 100;
  console.log(`agreement overall: ${pct.toFixed(3)}% (${agreed}/${compared})`);
  assert.ok(compared > 0 || corpusCaptures().length === 0);
});
