// Writes packets of the open capture to a new pcap or pcapng file (Save As, Export
// Specified Packets): bytes are re-read from the source by offset, timestamps written at
// nanosecond resolution, one pcapng interface block per source interface.

import { closeSync, openSync, writeSync } from 'node:fs';
import { ApiError } from '../../api/apiError.js';
import type { CaptureFile } from '../captureFile.js';

const FLUSH_AT = 1 << 20;

class BlockOut {
  private parts: Uint8Array[] = [];
  private size = 0;
  constructor(private readonly fd: number) {}

  push(b: Uint8Array): void {
    this.parts.push(b);
    this.size += b.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  flush(): void {
    for (const p of this.parts) writeSync(this.fd, p);
    this.parts = [];
    this.size = 0;
  }
}

const pad4 = (n: number): number => (n + 3) & ~3;

function shb(): Uint8Array {
  const b = new DataView(new ArrayBuffer(28));
  b.setUint32(0, 0x0a0d0d0a, true);
  b.setUint32(4, 28, true);
  b.setUint32(8, 0x1a2b3c4d, true);
  b.setUint16(12, 1, true);
  b.setUint16(14, 0, true);
  b.setBigInt64(16, -1n, true);
  b.setUint32(24, 28, true);
  return new Uint8Array(b.buffer);
}

function idb(linkType: number, snaplen: number): Uint8Array {
  // options: if_tsresol = 9 (nanoseconds), then opt_endofopt
  const len = 16 + 8 + 4 + 4;
  const b = new DataView(new ArrayBuffer(len));
  b.setUint32(0, 1, true);
  b.setUint32(4, len, true);
  b.setUint16(8, linkType, true);
  b.setUint32(12, snaplen, true);
  b.setUint16(16, 9, true);
  b.setUint16(18, 1, true);
  b.setUint8(20, 9);
  b.setUint32(24, 0, true);
  b.setUint32(len - 4, len, true);
  return new Uint8Array(b.buffer);
}

function epb(iface: number, sec: number, nsec: number, data: Uint8Array, origLen: number): Uint8Array {
  const len = 28 + pad4(data.length) + 4;
  const out = new Uint8Array(len);
  const b = new DataView(out.buffer);
  const ts = BigInt(sec) * 1_000_000_000n + BigInt(nsec);
  b.setUint32(0, 6, true);
  b.setUint32(4, len, true);
  b.setUint32(8, iface, true);
  b.setUint32(12, Number(ts >> 32n), true);
  b.setUint32(16, Number(ts & 0xffffffffn), true);
  b.setUint32(20, data.length, true);
  b.setUint32(24, origLen, true);
  out.set(data, 28);
  b.setUint32(len - 4, len, true);
  return out;
}

function pcapHeader(linkType: number, snaplen: number): Uint8Array {
  const b = new DataView(new ArrayBuffer(24));
  b.setUint32(0, 0xa1b23c4d, true); // nanosecond-resolution pcap
  b.setUint16(4, 2, true);
  b.setUint16(6, 4, true);
  b.setUint32(16, snaplen, true);
  b.setUint32(20, linkType, true);
  return new Uint8Array(b.buffer);
}

function pcapRecord(sec: number, nsec: number, data: Uint8Array, origLen: number): Uint8Array {
  const out = new Uint8Array(16 + data.length);
  const b = new DataView(out.buffer);
  b.setUint32(0, sec, true);
  b.setUint32(4, nsec, true);
  b.setUint32(8, data.length, true);
  b.setUint32(12, origLen, true);
  out.set(data, 16);
  return out;
}

/** Writes the packets `packets` (indices, in the order given) of `file` to `path`; returns how many. */
export function writeCapture(file: CaptureFile, packets: Iterable<number>, path: string, format: 'pcap' | 'pcapng'): number {
  const ifs = file.reader.interfaces;
  const snaplen = Math.max(262144, ...ifs.map((i) => i.snaplen || 0));
  if (format === 'pcap' && new Set(ifs.map((i) => i.linkType)).size > 1) {
    throw new ApiError('EFORMAT', 'pcap holds one link type; this capture has several interfaces of different types: save as pcapng');
  }
  const fd = openSync(path, 'w');
  let n = 0;
  try {
    const out = new BlockOut(fd);
    if (format === 'pcapng') {
      out.push(shb());
      for (const i of ifs) out.push(idb(i.linkType, i.snaplen || snaplen));
    } else {
      out.push(pcapHeader(ifs[0]?.linkType ?? 1, snaplen));
    }
    const x = file.index;
    for (const i of packets) {
      const data = file.reader.readPacket(x.fileOffset.data[i]!, x.capLen.data[i]!);
      const sec = x.tsSec.data[i]!;
      const nsec = x.tsNsec.data[i]!;
      out.push(format === 'pcapng' ? epb(x.iface.data[i]!, sec, nsec, data, x.origLen.data[i]!) : pcapRecord(sec, nsec, data, x.origLen.data[i]!));
      n++;
    }
    out.flush();
  } finally {
    closeSync(fd);
  }
  return n;
}
