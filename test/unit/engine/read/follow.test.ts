// Follow mode: reading a capture file while another process appends to it. An incomplete
// record at the end is "not yet", not damage; reading resumes where it stopped.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, describe, it } from 'node:test';
import { CaptureReader } from '../../../../src-main/engine/read/captureReader.js';
import { PcapngBuilder, concat, pcapHeader, pcapRecord, payload, tempDir } from './captureBuilder.js';

const tmp = tempDir();
after(() => tmp.remove());

/** Collects the first byte of each packet next() returns until it says false. */
function drain(r: CaptureReader): number[] {
  const got: number[] = [];
  while (r.next()) got.push(r.data[0]!);
  return got;
}

for (const chunkSize of [undefined, 16]) {
  describe(`follow mode${chunkSize ? ' (16-byte buffer)' : ''}`, () => {
    it('continues a pcap file from an incomplete record once the rest arrives', async () => {
      const recs = [1, 2, 3].map((i) => pcapRecord({ sec: i, frac: 0, data: payload(50, i) }));
      const all = concat([pcapHeader(), ...recs]);
      const cut1 = 24 + recs[0]!.length + 10; // inside record 2's header
      const cut2 = cut1 + 30; // inside record 2's data
      const p = tmp.file(`grow-${chunkSize}.pcap`, all.subarray(0, cut1));
      const r = await CaptureReader.open(p, { follow: true, chunkSize });
      assert.deepEqual(drain(r), [1]);
      assert.equal(r.damage, null);
      assert.equal(r.bytesRead, 24 + recs[0]!.length);
      fs.appendFileSync(p, all.subarray(cut1, cut2));
      assert.deepEqual(drain(r), []);
      assert.equal(r.damage, null);
      fs.appendFileSync(p, all.subarray(cut2));
      assert.deepEqual(drain(r), [2, 3]);
      assert.equal(r.damage, null);
      assert.equal(r.fileSize, all.length);
      r.close();

      // the same cut file without follow mode is damaged
      const q = tmp.file(`cut-${chunkSize}.pcap`, all.subarray(0, cut2));
      const s = await CaptureReader.open(q, { chunkSize });
      assert.deepEqual(drain(s), [1]);
      assert.equal(s.damage?.offset, 24 + recs[0]!.length);
      s.close();
    });

    it('continues a pcapng file across blocks and picks up interfaces added later', async () => {
      const head = new PcapngBuilder().shb(true).idb(1).epb(0, 1n, payload(40, 1)).bytes();
      const tail = new PcapngBuilder();
      tail.epb(0, 2n, payload(40, 2)).isb(0, 5n, []).idb(101).epb(1, 3n, payload(40, 3));
      const more = tail.bytes();
      const p = tmp.file(`grow-${chunkSize}.pcapng`, concat([head, more.subarray(0, 20)]));
      const r = await CaptureReader.open(p, { follow: true, chunkSize });
      assert.deepEqual(drain(r), [1]);
      assert.equal(r.damage, null);
      fs.appendFileSync(p, more.subarray(20, 100)); // rest of EPB 2, the ISB, part of the IDB
      assert.deepEqual(drain(r), [2]);
      assert.equal(r.interfaces.length, 1);
      fs.appendFileSync(p, more.subarray(100));
      assert.deepEqual(drain(r), [3]);
      assert.deepEqual(r.interfaces.map((i) => i.linkType), [1, 101]);
      assert.equal(r.rec.interfaceId, 1);
      assert.equal(r.damage, null);
      r.close();
    });
  });
}

it('waits in follow mode for a file that has no header yet', async () => {
  const p = tmp.file('late.pcap', new Uint8Array(0));
  const opening = CaptureReader.open(p, { follow: true });
  setTimeout(() => fs.appendFileSync(p, concat([pcapHeader(), pcapRecord({ sec: 1, frac: 0, data: payload(10, 7) })])), 120);
  const r = await opening;
  assert.deepEqual(drain(r), [7]);
  r.close();
});
