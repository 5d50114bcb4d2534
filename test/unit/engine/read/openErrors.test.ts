// Format detection and gzip input: gzip of pcap and of pcapng, cut-short gzip, the temporary
// file's lifetime, and the clear errors for files that are not captures at all.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import * as zlib from 'node:zlib';
import { CaptureReader } from '../../../../src-main/engine/read/captureReader.js';
import { PcapngBuilder, pcapFile, payload, tempDir } from './captureBuilder.js';

const tmp = tempDir();
after(() => tmp.remove());

const PCAP = pcapFile([1, 2, 3, 4, 5].map((i) => ({ sec: 100 + i, frac: i, data: payload(200 + i, i) })), { le: false });
const PCAPNG = new PcapngBuilder().shb(false).idb(228).epb(0, 7000001n, payload(33, 1)).epb(0, 7000002n, payload(34, 2)).bytes();

async function readAll(p: string): Promise<{ r: CaptureReader; firsts: number[]; secs: number[] }> {
  const r = await CaptureReader.open(p);
  const firsts: number[] = [];
  const secs: number[] = [];
  while (r.next()) {
    firsts.push(r.data[0]!);
    secs.push(r.rec.tsSec);
  }
  return { r, firsts, secs };
}

function tempFilesOf(r: CaptureReader): string | undefined {
  return (r as unknown as { gz: { path: string } | null }).gz?.path;
}

describe('gzip input', () => {
  it('reads a gzip-compressed pcap and deletes the temporary file on close', async () => {
    const { r, firsts, secs } = await readAll(tmp.file('a.pcap.gz', zlib.gzipSync(PCAP)));
    assert.equal(r.format, 'pcap');
    assert.equal(r.compressed, true);
    assert.equal(r.path, path.join(tmp.dir, 'a.pcap.gz'));
    assert.deepEqual(firsts, [1, 2, 3, 4, 5]);
    assert.deepEqual(secs, [101, 102, 103, 104, 105]);
    assert.equal(r.fileSize, PCAP.length, 'sizes refer to the decompressed data');
    assert.equal(r.damage, null);
    const temp = tempFilesOf(r)!;
    assert.ok(fs.existsSync(temp));
    assert.deepEqual(r.readPacket(24 + 16, 201), payload(201, 1));
    r.close();
    assert.equal(fs.existsSync(temp), false);
    assert.equal(fs.existsSync(path.dirname(temp)), false);
  });

  it('reads a gzip-compressed pcapng', async () => {
    const { r, firsts } = await readAll(tmp.file('b.pcapng.gz', zlib.gzipSync(PCAPNG)));
    assert.equal(r.format, 'pcapng');
    assert.equal(r.compressed, true);
    assert.deepEqual(firsts, [1, 2]);
    assert.equal(r.interfaces[0]!.linkType, 228);
    r.close();
  });

  it('reports cut-short gzip data as damage after the packets that came out', async () => {
    const big = pcapFile(Array.from({ length: 400 }, (_, i) => ({ sec: i, frac: 0, data: payload(300, i) })));
    const gz = zlib.gzipSync(big, { level: 1 });
    const { r, firsts } = await readAll(tmp.file('cut.pcap.gz', gz.subarray(0, gz.length >> 1)));
    assert.ok(firsts.length > 10 && firsts.length < 400, `${firsts.length} packets`);
    assert.deepEqual(firsts.slice(0, 3), [0, 1, 2]);
    assert.match(r.damage!.message, /gzip data is damaged or cut short/);
    r.close();
  });

  it('cleans up when the decompressed data is not a capture', async () => {
    const file = tmp.file('text.gz', zlib.gzipSync('hello world'));
    const ownTmp = path.join(tmp.dir, 'tmp');
    fs.mkdirSync(ownTmp);
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = ownTmp; // os.tmpdir() follows it, so the reader's temp folder lands here
    try {
      await assert.rejects(CaptureReader.open(file),
        /the decompressed content of ".*text.gz" is not a pcap or pcapng capture file \(it starts with 68 65 6c 6c 6f 20 77 6f\)/);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    assert.deepEqual(fs.readdirSync(ownTmp), []);
  });
});

describe('open errors', () => {
  it('names the first bytes of a file that is not a capture', async () => {
    await assert.rejects(CaptureReader.open(tmp.file('page.html', new TextEncoder().encode('<!DOCTYPE html>'))),
      /"[^"]*page.html" is not a pcap or pcapng capture file \(it starts with 3c 21 44 4f 43 54 59 50\)/);
  });

  it('says a file is empty', async () => {
    await assert.rejects(CaptureReader.open(tmp.file('empty', new Uint8Array(0))), /is empty, not a capture file/);
  });

  it('says which compression it cannot read', async () => {
    await assert.rejects(CaptureReader.open(tmp.file('x.zst', new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0, 0]))), /is zstd-compressed; only gzip-compressed captures can be read/);
  });

  it('says when a file cannot be opened', async () => {
    await assert.rejects(CaptureReader.open(path.join(tmp.dir, 'missing.pcap')), /Cannot open ".*missing.pcap": ENOENT/);
    await assert.rejects(CaptureReader.open(tmp.dir), /Cannot read ".*": EISDIR/);
  });
});
