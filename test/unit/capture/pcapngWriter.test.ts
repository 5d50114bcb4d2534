// The TypeScript pcapng writer (used by the in-process capture), byte for byte against
// blocks written out by hand from the pcapng specification.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  interfaceDescriptionBlock, PcapngFileWriter, sectionHeaderBlock, statisticsBlock,
} from '../../../src-main/capture/pcapngWriter.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

test('section header: magic, version 1.0, unknown length, shb_userappl', () => {
  assert.deepEqual(sectionHeaderBlock('ab'), hex(`
    0a0d0d0a 28000000 4d3c2b1a 0100 0000 ffffffffffffffff
    0400 0200 61620000
    00000000
    28000000`));
});

test('interface description: link type, snaplen, if_name, if_tsresol, if_filter', () => {
  assert.deepEqual(interfaceDescriptionBlock({ name: 'eth0', linkType: 1, snaplen: 65535, tsresol: 9, filter: 'tcp' }), hex(`
    01000000 30000000 0100 0000 ffff0000
    0200 0400 65746830
    0900 0100 09000000
    0b00 0400 00746370
    00000000
    30000000`));
  // no filter: no if_filter option
  assert.equal(interfaceDescriptionBlock({ name: 'lo', linkType: 1, snaplen: 10, tsresol: 6 }).length, 0x28);
});

test('statistics block: start/end time as two 32-bit halves, counters as u64', () => {
  const b = statisticsBlock({ time: 0x1_0000_0002n, startTime: 0x3_0000_0004n, received: 10n, dropped: 1n, delivered: 9n });
  assert.deepEqual(b, hex(`
    05000000 58000000 00000000 01000000 02000000
    0200 0800 03000000 04000000
    0300 0800 01000000 02000000
    0400 0800 0a00000000000000
    0500 0800 0100000000000000
    0800 0800 0900000000000000
    00000000
    58000000`));
});

test('file writer: header blocks, then enhanced packet blocks padded to 4 bytes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ws-pcapng-'));
  try {
    const file = path.join(dir, 'w.pcapng');
    const w = new PcapngFileWriter(file, { name: 'lo', linkType: 1, snaplen: 65535, tsresol: 9 }, 'ab');
    w.packet(0x0000_0005_0000_0006n, Uint8Array.of(1, 2, 3, 4, 5), 60);
    w.close();
    const bytes = readFileSync(file);
    const head = Buffer.concat([sectionHeaderBlock('ab'), interfaceDescriptionBlock({ name: 'lo', linkType: 1, snaplen: 65535, tsresol: 9 })]);
    assert.deepEqual(bytes.subarray(0, head.length), head);
    assert.deepEqual(bytes.subarray(head.length), hex(`
      06000000 28000000 00000000 05000000 06000000 05000000 3c000000
      0102030405 000000
      28000000`));
    assert.equal(w.size, bytes.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
