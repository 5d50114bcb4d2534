// The lean index path against full dissection: on every capture of the shared corpus, an
// index built with the fast path for ordinary packets and one built by dissecting every
// packet must hold the same columns, and every packet dissected on demand afterwards must
// get the same field record (stream numbers, relative sequence numbers, TCP analysis,
// conntrack fields, echo pairing), since those come from the analyzers' state.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaptureFile } from '../../../../src-main/engine/captureFile.js';
import type { PacketFields } from '../../../../src-main/engine/fields/packetFields.js';
import { fieldById } from '../../../../src-main/engine/fields/fieldRegistry.js';
import { MARK } from '../../../../src-main/engine/index/packetIndex.js';
import { CORPUS_DIR, corpusCaptures } from '../corpusFiles.js';

const COLUMNS = ['fileOffset', 'tsSec', 'tsNsec', 'capLen', 'origLen', 'iface', 'proto', 'src', 'dst', 'srcPort', 'dstPort', 'stream', 'tcpFlags', 'marks', 'l4'] as const;

function record(f: PacketFields): string {
  const out: string[] = [];
  for (let r = 0; r < f.count; r++) out.push(`${fieldById(f.ids[r]!).name}=${f.vals[r]}:${f.strs[r] ?? ''}@${f.parents[r]}`);
  return out.join('\n');
}

let accepted = 0;
let total = 0;

for (const file of corpusCaptures()) {
  test(`lean index = full dissection: ${file}`, { timeout: 120_000 }, async () => {
    const full = await CaptureFile.open(CORPUS_DIR + file);
    const lean = await CaptureFile.open(CORPUS_DIR + file);
    try {
      full.leanIndexing = false;
      full.indexSome();
      lean.indexSome();
      assert.equal(full.leanPackets, 0);
      const a = full.index;
      const b = lean.index;
      assert.equal(b.count, a.count);
      for (let i = 0; i < a.count; i++) {
        for (const col of COLUMNS) {
          const x = a[col].data[i];
          // the lean mark itself says which way the packet went
          const y = col === 'marks' ? b.marks.data[i]! & ~MARK.lean : b[col].data[i];
          if (x !== y) assert.fail(`packet ${i + 1}: column ${col} is ${y} on the lean path, ${x} dissected in full`);
        }
        assert.equal(b.addresses.text(b.src.data[i]!), a.addresses.text(a.src.data[i]!));
        assert.equal(b.protoNames[b.proto.data[i]!], a.protoNames[a.proto.data[i]!]);
      }
      for (let i = 0; i < a.count; i++) {
        const x = record(full.dissect(i, false).f);
        const y = record(lean.dissect(i, false).f);
        if (x !== y) assert.equal(y, x, `packet ${i + 1} dissected on demand differs`);
      }
      accepted += lean.leanPackets;
      total += a.count;
    } finally {
      full.close();
      lean.close();
    }
  });
}

test('the corpus exercises the lean path', () => {
  if (total === 0) return;
  // most corpus packets are ordinary TCP/UDP/ICMP echo over Ethernet
  assert.ok(accepted > total / 3, `lean path took ${accepted} of ${total} packets`);
});
