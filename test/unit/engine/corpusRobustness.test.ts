// Every capture of the shared corpus, malformed and fuzzed ones included, opens, indexes
// to tshark's packet count, and every packet dissects in detail and summarizes without
// throwing; files tshark calls cut short report damage instead of failing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaptureFile } from '../../../src-main/engine/captureFile.js';
import { buildTree } from '../../../src-main/engine/output/protocolTree.js';
import { summaryColumns } from '../../../src-main/engine/output/summary.js';
import { CORPUS_DIR, corpusCaptures, referenceOf } from './corpusFiles.js';

for (const file of corpusCaptures()) {
  test(`corpus ${file}: indexes, dissects and summarizes every packet`, { timeout: 60_000 }, async () => {
    const ref = referenceOf(file);
    const cap = await CaptureFile.open(CORPUS_DIR + file);
    try {
      assert.equal(cap.indexSome(), true);
      assert.equal(cap.index.count, ref.packet_count, 'packet count equals tshark');
      if (ref.tshark_exit_code !== 0 && /cut short|appears to be damaged|corrupt/i.test(ref.tshark_stderr)) {
        assert.ok(cap.damage, 'a file tshark calls damaged reports damage');
        assert.match(cap.damage.message, /\S/);
      }
      for (let i = 0; i < cap.index.count; i++) {
        const { f, c } = cap.dissect(i, true);
        const tree = buildTree(f);
        assert.ok(tree.length > 0);
        const cols = summaryColumns(f, c);
        assert.ok(!cols.info.startsWith('[info unavailable'), `packet ${i + 1} info: ${cols.info}`);
        assert.ok(!f.strs.some((s) => s?.startsWith('[Malformed Packet: dissector error')), `packet ${i + 1} hit a dissector error`);
      }
    } finally {
      cap.close();
    }
  });
}
