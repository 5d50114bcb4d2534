// The list of unacknowledged segment ends in TcpDirection keeps its ends by hand (it
// compacts and grows its storage in place), so it is checked against a plain sorted list
// through long runs of sends and acknowledgments, out-of-order sends and wrap-around.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seqGt, TcpDirection } from '../../../../src-main/engine/analysis/tcpDirection.js';

/** The same behaviour, written the obvious way. */
class PlainList {
  ends: number[] = [];

  add(next: number): void {
    let i = this.ends.length;
    while (i > 0 && seqGt(this.ends[i - 1]!, next)) i--;
    this.ends.splice(i, 0, next);
  }

  acknowledge(ack: number): boolean {
    let exact = false;
    let i = 0;
    for (; i < this.ends.length && !seqGt(this.ends[i]!, ack); i++) if (this.ends[i] === ack) exact = true;
    this.ends.splice(0, i);
    return exact;
  }
}

/** A small deterministic generator, so a failure repeats. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

test('unacknowledged segments: the same answers as a plain sorted list', () => {
  for (const start of [1000, 0xffff_f000]) {
    const random = lcg(start);
    const d = new TcpDirection();
    const plain = new PlainList();
    let seq = start;
    let acked = start;
    for (let step = 0; step < 20_000; step++) {
      const burst = 1 + Math.floor(random() * 40);
      for (let k = 0; k < burst; k++) {
        const len = 1 + Math.floor(random() * 1460);
        // now and then a segment arrives ahead of the one before it
        const next = random() < 0.05 ? (seq + 2 * len) >>> 0 : (seq = (seq + len) >>> 0);
        d.addUnacked(next);
        plain.add(next);
      }
      // acknowledge some of what was sent: exactly at a segment end, or in between
      const target = plain.ends[Math.floor(random() * plain.ends.length)]!;
      const ack = random() < 0.5 ? target : (target - 1) >>> 0;
      if (!seqGt(ack, acked) && random() < 0.9) continue;
      acked = ack;
      assert.equal(d.acknowledge(ack), plain.acknowledge(ack), `ack ${ack} at step ${step}`);
      assert.equal(d.unackedCount, plain.ends.length, `count after ack ${ack} at step ${step}`);
    }
    assert.equal(d.acknowledge(seq), plain.acknowledge(seq));
    assert.equal(d.unackedCount, plain.ends.length);
  }
});
