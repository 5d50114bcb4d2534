// Classic pcap files built byte by byte: magics and byte orders, resolutions, odd lengths,
// and truncation at every place a record can be cut.

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { CaptureReader } from '../../../../src-main/engine/read/captureReader.js';
import { concat, pcapFile, pcapHeader, pcapRecord, payload, tempDir, type PcapOptions } from './captureBuilder.js';

const tmp = tempDir();
after(() => tmp.remove());

interface Row { sec: number; nsec: number; cap: number; orig: number; off: number; first: number | undefined }

async function readAll(name: string, bytes: Uint8Array, chunkSize?: number): Promise<{ r: CaptureReader; rows: Row[] }> {
  const r = await CaptureReader.open(tmp.file(name, bytes), chunkSize ? { chunkSize } : {});
  const rows: Row[] = [];
  while (r.next()) {
    rows.push({ sec: r.rec.tsSec, nsec: r.rec.tsNsec, cap: r.rec.capLen, orig: r.rec.origLen, off: r.rec.fileOffset, first: r.data[0] });
    assert.equal(r.data.length, r.rec.capLen);
  }
  r.close();
  return { r, rows };
}

describe('pcap reader', () => {
  const variants: [string, PcapOptions, number][] = [
    ['little-endian usec', { le: true }, 1000],
    ['big-endian usec', { le: false }, 1000],
    ['little-endian nsec', { le: true, nsec: true }, 1],
    ['big-endian nsec', { le: false, nsec: true }, 1],
  ];
  for (const [label, o, scale] of variants) {
    it(`reads ${label}`, async () => {
      const file = pcapFile([
        { sec: 1795426055, frac: 61555, data: payload(60, 1) },
        { sec: 4294967295, frac: 999999, data: payload(42, 2), origLen: 1514 },
      ], { ...o, snaplen: 65535, linkType: 113 });
      const { r, rows } = await readAll(`${label}.pcap`, file);
      assert.equal(r.format, 'pcap');
      assert.equal(r.compressed, false);
      assert.equal(r.fileHeader.endianness, o.le ? 'little' : 'big');
      assert.equal(r.fileHeader.versionMajor, 2);
      assert.equal(r.fileHeader.versionMinor, 4);
      assert.equal(r.fileHeader.snaplen, 65535);
      assert.equal(r.fileHeader.resolution, o.nsec ? 'nsec' : 'usec');
      assert.equal(r.fileHeader.sectionCount, 1);
      assert.deepEqual(r.interfaces, [{ id: 0, section: 0, linkType: 113, snaplen: 65535, tsResolution: o.nsec ? 'nsec' : 'usec' }]);
      assert.deepEqual(rows, [
        { sec: 1795426055, nsec: 61555 * scale, cap: 60, orig: 60, off: 24 + 16, first: 1 },
        { sec: 4294967295, nsec: 999999 * scale, cap: 42, orig: 1514, off: 24 + 16 + 60 + 16, first: 2 },
      ]);
      assert.equal(r.damage, null);
      assert.equal(r.bytesRead, file.length);
      assert.equal(r.fileSize, file.length);
    });
  }

  it('reads the modified (a1b2cd34) variant with 24-byte record headers', async () => {
    const o = { modified: true };
    const { rows, r } = await readAll('modified.pcap', pcapFile([
      { sec: 10, frac: 5, data: payload(20, 7) },
      { sec: 11, frac: 6, data: payload(30, 8) },
    ], o));
    assert.deepEqual(rows.map((x) => [x.sec, x.nsec, x.cap, x.off, x.first]), [[10, 5000, 20, 48, 7], [11, 6000, 30, 92, 8]]);
    assert.equal(r.damage, null);
  });

  it('keeps records whose lengths exceed the snaplen or 256 KiB, and caplen 1 with origLen 262144', async () => {
    const big = payload(300000, 3);
    const { rows, r } = await readAll('odd-lengths.pcap', pcapFile([
      { sec: 1, frac: 0, data: payload(1, 9), origLen: 262144 },
      { sec: 2, frac: 0, data: payload(200, 4) },
      { sec: 3, frac: 0, data: big, origLen: 300000 },
      { sec: 4, frac: 0, data: payload(10, 5) },
    ], { snaplen: 96 }), 4096);
    assert.deepEqual(rows.map((x) => [x.cap, x.orig, x.first]), [[1, 262144, 9], [200, 200, 4], [300000, 300000, 3], [10, 10, 5]]);
    assert.equal(r.damage, null);
  });

  it('masks FCS bits out of the link-type word', async () => {
    const { r } = await readAll('fcs.pcap', pcapFile([], { linkType: 0x14000001 }));
    assert.equal(r.interfaces[0]!.linkType, 1);
  });

  it('reads a header-only file as an empty capture', async () => {
    const { rows, r } = await readAll('empty.pcap', pcapHeader());
    assert.equal(rows.length, 0);
    assert.equal(r.damage, null);
  });

  it('reports a record cut in its data, after returning every complete one', async () => {
    const good = pcapFile([{ sec: 1, frac: 1, data: payload(100) }, { sec: 2, frac: 2, data: payload(50) }]);
    const cut = pcapRecord({ sec: 3, frac: 3, data: payload(1514) }).subarray(0, 16 + 37);
    const { rows, r } = await readAll('cut-data.pcap', concat([good, cut]));
    assert.equal(rows.length, 2);
    assert.deepEqual(r.damage, { offset: good.length, message: `record at byte ${good.length} claims 1514 captured bytes but the file ends after 37` });
    assert.equal(r.next(), false, 'stays at the end');
  });

  it('reports a record cut in its header', async () => {
    const good = pcapFile([{ sec: 1, frac: 1, data: payload(100) }]);
    const { rows, r } = await readAll('cut-header.pcap', concat([good, new Uint8Array(9)]));
    assert.equal(rows.length, 1);
    assert.equal(r.damage?.offset, good.length);
    assert.match(r.damage!.message, /record header at byte 140 is cut short: the file ends after 9 of its 16 bytes/);
  });

  it('reports an absurd captured length as damage without trying to buffer it', async () => {
    const good = pcapFile([{ sec: 1, frac: 1, data: payload(10) }]);
    const { rows, r } = await readAll('huge.pcap', concat([good, pcapRecord({ sec: 2, frac: 0, data: payload(8), capLen: 0xfffffff0 })]));
    assert.equal(rows.length, 1);
    assert.equal(r.damage?.offset, good.length);
    assert.match(r.damage!.message, /claims 4294967280 captured bytes/);
  });

  it('throws a clear error when the file header is cut short', async () => {
    const p = tmp.file('short-header.pcap', pcapHeader().subarray(0, 12));
    await assert.rejects(CaptureReader.open(p), /cut short inside its pcap file header \(12 of 24 bytes\)/);
  });

  it('re-reads packets by file offset (fresh copies)', async () => {
    const p = tmp.file('random.pcap', pcapFile([{ sec: 1, frac: 0, data: payload(70, 11) }, { sec: 2, frac: 0, data: payload(80, 22) }]));
    const r = await CaptureReader.open(p);
    const seen: [number, number][] = [];
    while (r.next()) seen.push([r.rec.fileOffset, r.rec.capLen]);
    const second = r.readPacket(seen[1]![0], seen[1]![1]);
    assert.deepEqual(second, payload(80, 22));
    second[0] = 99;
    assert.deepEqual(r.readPacket(seen[1]![0], seen[1]![1]), payload(80, 22));
    assert.deepEqual(r.readPacket(seen[0]![0], seen[0]![1]), payload(70, 11));
    assert.equal(r.readPacket(seen[1]![0], 1000).length, 80, 'shorter at end of file');
    r.close();
  });
});
