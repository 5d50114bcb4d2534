// Damaged pcapng files: each kind of broken block stops reading with `damage` naming the
// block's offset and the problem, after every packet before it was returned; nothing throws.

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { CaptureReader } from '../../../../src-main/engine/read/captureReader.js';
import { PcapngBuilder, payload, tempDir } from './captureBuilder.js';

const tmp = tempDir();
after(() => tmp.remove());

/** SHB + IDB + two good packets; returns the builder and where the next block starts. */
function goodStart(): { b: PcapngBuilder; at: number } {
  const b = new PcapngBuilder().shb(true).idb(1).epb(0, 1000n, payload(60)).epb(0, 2000n, payload(61));
  return { b, at: b.length };
}

async function damageOf(name: string, bytes: Uint8Array): Promise<{ packets: number; offset: number; message: string }> {
  const r = await CaptureReader.open(tmp.file(name, bytes));
  let packets = 0;
  while (r.next()) packets++;
  assert.equal(r.next(), false, 'stays stopped');
  r.close();
  assert.ok(r.damage, `${name}: damage expected`);
  return { packets, offset: r.damage.offset, message: r.damage.message };
}

describe('pcapng damage', () => {
  const cases: [string, (b: PcapngBuilder) => void, RegExp][] = [
    ['length not a multiple of 4', (b) => b.block(6, new Uint8Array(52), [], { lengthOverride: 62, trailerOverride: 62 }),
      /enhanced packet block at byte \d+ has an invalid length 62 \(must be a multiple of 4 and at least 32\)/],
    ['length below the minimum', (b) => b.block(1234, new Uint8Array(0), [], { lengthOverride: 8 }),
      /block of type 0x4d2 at byte \d+ has an invalid length 8/],
    ['packet block shorter than its fixed fields', (b) => b.block(6, new Uint8Array(12)),
      /enhanced packet block at byte \d+ has an invalid length 24 \(must be a multiple of 4 and at least 32\)/],
    ['trailing length mismatch', (b) => b.block(6, new Uint8Array(20).fill(0), [], { trailerOverride: 36 }),
      /enhanced packet block at byte \d+ says it is 32 bytes long but its trailing length field says 36/],
    ['block running past the end of the file', (b) => b.raw(new PcapngBuilder().epb(0, 3n, payload(100)).bytes().subarray(0, 72)),
      /enhanced packet block at byte \d+ claims 132 bytes but the file ends after 72/],
    ['file ending inside a block header', (b) => b.raw(new Uint8Array([6, 0, 0, 0, 0x20])),
      /block at byte \d+ is cut short: the file ends after 5 bytes, inside the block header/],
    ['captured length larger than the block', (b) => b.epb(0, 3n, payload(20), [], 100, 200),
      /enhanced packet block at byte \d+ claims 200 captured bytes but has room for only 20/],
    ['unknown interface', (b) => b.epb(3, 3n, payload(20)),
      /enhanced packet block at byte \d+ refers to interface 3 but its section describes 1 interface$/],
    ['simple packet in a section without interfaces', (b) => b.shb(false).spb(10, payload(10)),
      /simple packet block at byte \d+ refers to interface 0 but its section describes 0 interfaces/],
    ['later section header with a bad byte-order magic', (b) => b.raw(badBomShb()),
      /section header block at byte \d+ has an unknown byte-order magic \(bytes ef be ad de\)/],
    ['absurd block length', (b) => b.block(6, new Uint8Array(20), [], { lengthOverride: 0x7ffffff0 }),
      /enhanced packet block at byte \d+ claims 2147483632 bytes, more than the 134217728 this reader accepts/],
  ];
  for (const [label, damage, pattern] of cases) {
    it(`stops at a ${label}`, async () => {
      const { b, at } = goodStart();
      damage(b);
      const d = await damageOf(`${label}.pcapng`, b.bytes());
      assert.equal(d.packets, 2);
      // the section-header case adds a good SHB first, so the damaged block may come later
      assert.ok(d.offset >= at && d.offset < b.length, `offset ${d.offset} within the damaged part`);
      assert.match(d.message, pattern);
      assert.ok(d.message.includes(`at byte ${d.offset}`), 'message names the offset');
    });
  }

  it('names the exact offset of a cut block', async () => {
    const { b, at } = goodStart();
    b.raw(new PcapngBuilder().epb(0, 3n, payload(100)).bytes().subarray(0, 50));
    const d = await damageOf('cut-offset.pcapng', b.bytes());
    assert.deepEqual(d, { packets: 2, offset: at, message: `enhanced packet block at byte ${at} claims 132 bytes but the file ends after 50` });
  });
});

function badBomShb(): Uint8Array {
  const shb = new PcapngBuilder().shb(true).bytes();
  new DataView(shb.buffer).setUint32(8, 0xdeadbeef, true);
  return shb;
}
