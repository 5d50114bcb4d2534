// pcapng files built block by block: a big-endian and a little-endian section in one file,
// interface options and resolutions, every packet block kind with its options, name and
// statistics blocks, and blocks the reader must skip.

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { CaptureReader } from '../../../../src-main/engine/read/captureReader.js';
import { PcapngBuilder, concat, optTs, optU32, optU64, payload, tempDir } from './captureBuilder.js';

const tmp = tempDir();
after(() => tmp.remove());

const IPV4 = new Uint8Array([192, 0, 2, 10]);
const IPV6 = new Uint8Array([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10]);

/** Section 0 big-endian, section 1 little-endian; every block kind the reader knows. */
function twoSectionFile(): Uint8Array {
  const b = new PcapngBuilder();
  b.shb(false, [[1, 'first section'], [2, 'x86_64 box'], [3, 'Linux 6.1'], [4, 'hand builder']]);
  b.idb(1, 64, [[2, 'eth0'], [3, 'Ethernet port'], [11, concat([new Uint8Array([0]), new TextEncoder().encode('tcp port 80')])], [12, 'Linux']]);
  b.idb(101, 262144, [[9, new Uint8Array([9])], [2, 'raw0']]);
  b.epb(1, 1795426059492790222n, payload(40, 1), [[1, 'hello'], [2, optU32(1, false)]]);
  b.epb(0, 1795426055061555n, payload(60, 2), [[2, optU32(2, false)], [1, 'two'], [1, 'comments']]);
  b.nrb([[1, IPV4, 'client.lab.example', 'alias'], [2, IPV6, 'client6.lab.example']]);
  b.block(0x1234, payload(10)); // unknown block type
  b.block(0x40000bad, concat([optU32(32473, false), payload(8)])); // custom block
  b.spb(100, payload(100, 3)); // interface 0's snaplen 64 limits it
  b.spb(30, payload(30, 4)); // padded to 32: origLen limits it
  b.isb(0, 0n, [[4, optU64(5n, false)]]);
  b.isb(0, 0n, [[2, optTs(1795426055000000n, false)], [3, optTs(1795426056500000n, false)],
    [4, optU64(72n, false)], [5, optU64(3n, false)], [7, optU64(1n, false)]]);
  b.shb(true, [[1, 'second section']]);
  b.idb(276, 262144, [[9, new Uint8Array([0x94])], [2, 'any']]);
  b.idb(0, 0, [[9, new Uint8Array([3])], [14, optU64(100n, true)], [2, 'lo0']]);
  b.epb(1, 1795426065668n, payload(44, 5), [[2, optU32(3, true)]]); // direction bits 3: invalid -> unknown
  b.epb(0, (1795426059n << 20n) + 12345n, payload(48, 6));
  b.pb(1, 1795426066308n, payload(24, 7), [[2, optU32(2, true)]]);
  b.spb(50, payload(52, 8)); // snaplen 262144, room 52: origLen limits it
  return b.bytes();
}

interface Row { sec: number; nsec: number; cap: number; orig: number; iface: number; dir: number; comment: string | null; type: number; first: number | undefined }

async function readRows(r: CaptureReader): Promise<Row[]> {
  const rows: Row[] = [];
  while (r.next()) {
    const x = r.rec;
    assert.equal(r.data.length, x.capLen);
    assert.deepEqual(r.readPacket(x.fileOffset, x.capLen), r.data, 'fileOffset points at the packet bytes');
    rows.push({ sec: x.tsSec, nsec: x.tsNsec, cap: x.capLen, orig: x.origLen, iface: x.interfaceId, dir: x.direction, comment: x.comment, type: x.blockType, first: r.data[0] });
  }
  return rows;
}

describe('pcapng reader', () => {
  it('reads a big-endian and a little-endian section with global interface ids', async () => {
    const r = await CaptureReader.open(tmp.file('two.pcapng', twoSectionFile()));
    assert.equal(r.format, 'pcapng');
    assert.deepEqual(r.fileHeader, {
      endianness: 'big', versionMajor: 1, versionMinor: 0, sectionCount: 1, comments: ['first section'],
      shbHardware: 'x86_64 box', shbOs: 'Linux 6.1', shbApplication: 'hand builder',
    });
    assert.equal(r.interfaces.length, 2, 'interfaces before the first packet are known after open');
    const rows = await readRows(r);
    const T = (sec: number, nsec: number) => ({ sec, nsec });
    assert.deepEqual(rows, [
      { ...T(1795426059, 492790222), cap: 40, orig: 40, iface: 1, dir: 1, comment: 'hello', type: 6, first: 1 },
      { ...T(1795426055, 61555000), cap: 60, orig: 60, iface: 0, dir: 2, comment: 'two\ncomments', type: 6, first: 2 },
      { ...T(0, 0), cap: 64, orig: 100, iface: 0, dir: 0, comment: null, type: 3, first: 3 },
      { ...T(0, 0), cap: 30, orig: 30, iface: 0, dir: 0, comment: null, type: 3, first: 4 },
      { ...T(1795426065 + 100, 668000000), cap: 44, orig: 44, iface: 3, dir: 0, comment: null, type: 6, first: 5 },
      // 12345 / 2^20 s = 11773109.43 ns, truncated like tshark
      { ...T(1795426059, 11773109), cap: 48, orig: 48, iface: 2, dir: 0, comment: null, type: 6, first: 6 },
      { ...T(1795426066 + 100, 308000000), cap: 24, orig: 24, iface: 3, dir: 2, comment: null, type: 2, first: 7 },
      { ...T(0, 0), cap: 50, orig: 50, iface: 2, dir: 0, comment: null, type: 3, first: 8 },
    ]);
    assert.equal(r.damage, null);
    assert.equal(r.fileHeader.sectionCount, 2);
    assert.deepEqual(r.fileHeader.comments, ['first section', 'second section']);
    assert.equal(r.fileHeader.endianness, 'big', 'the first section decides');
    assert.deepEqual(r.interfaces, [
      {
        id: 0, section: 0, linkType: 1, snaplen: 64, tsResolution: 'usec', name: 'eth0', description: 'Ethernet port',
        filter: 'tcp port 80', os: 'Linux',
        stats: { startTime: 1795426055, endTime: 1795426056.5, received: 72, dropped: 3, osDropped: 1 },
      },
      { id: 1, section: 0, linkType: 101, snaplen: 262144, tsResolution: 'nsec', name: 'raw0' },
      { id: 2, section: 1, linkType: 276, snaplen: 262144, tsResolution: '2^-20', name: 'any' },
      { id: 3, section: 1, linkType: 0, snaplen: 0, tsResolution: 'msec', name: 'lo0' },
    ]);
    assert.deepEqual([...r.names], [['192.0.2.10', 'client.lab.example'], ['2001:db8::10', 'client6.lab.example']]);
    assert.equal(r.bytesRead, r.fileSize);
    r.close();
  });

  it('reads the same file through a tiny buffer (blocks across chunk boundaries)', async () => {
    const bytes = twoSectionFile();
    const a = await CaptureReader.open(tmp.file('chunk-a.pcapng', bytes));
    const b = await CaptureReader.open(tmp.file('chunk-b.pcapng', bytes), { chunkSize: 16 });
    assert.deepEqual(await readRows(b), await readRows(a));
    assert.deepEqual(b.interfaces, a.interfaces);
    assert.equal(b.damage, null);
    a.close();
    b.close();
  });

  it('gives an SPB-only section the first interface and skips blocks after the last packet', async () => {
    const b = new PcapngBuilder().shb(true).idb(1, 0).spb(20, payload(20, 9)).block(0x0bad, payload(4)).isb(0, 0n, []);
    const r = await CaptureReader.open(tmp.file('spb.pcapng', b.bytes()));
    const rows = await readRows(r);
    assert.deepEqual(rows.map((x) => [x.cap, x.orig, x.iface, x.type]), [[20, 20, 0, 3]]);
    assert.equal(r.damage, null);
    assert.deepEqual(r.interfaces[0]!.stats, {});
    r.close();
  });

  it('rejects a file whose first section header has a bad byte-order magic', async () => {
    const bytes = new PcapngBuilder().shb(true).idb(1).bytes();
    bytes.set([1, 2, 3, 4], 8);
    await assert.rejects(CaptureReader.open(tmp.file('bad-bom.pcapng', bytes)), /not a readable pcapng file: section header block at byte 0 has an unknown byte-order magic \(bytes 01 02 03 04\)/);
  });
});
