// A small pcapng writer for the in-process (`cap`) capture source, which has no helper to
// write the file: section header, one interface description (if_name, if_tsresol,
// if_filter), enhanced packet blocks and interface statistics blocks, little-endian.
// Buffered, with synchronous writes so a flush is complete when it returns.

import { closeSync, openSync, writeSync } from 'node:fs';

export interface PcapngInterface {
  name: string;
  linkType: number;
  snaplen: number;
  /** decimal exponent of the timestamps; 9 = nanoseconds */
  tsresol: number;
  filter?: string;
}

export interface PcapngStats {
  /** in 10^-tsresol seconds since the epoch */
  time: bigint;
  startTime: bigint;
  received: bigint;
  dropped: bigint;
  delivered: bigint;
}

const BUFFER_SIZE = 1 << 20;

/** Encodes one option (code, length, value, zero padding to 4 bytes). */
function option(code: number, value: Uint8Array): Buffer {
  const padded = (value.length + 3) & ~3;
  const b = Buffer.alloc(4 + padded);
  b.writeUInt16LE(code, 0);
  b.writeUInt16LE(value.length, 2);
  b.set(value, 4);
  return b;
}

function u64(v: bigint): Uint8Array {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(v);
  return b;
}

function timestamp(v: bigint): Uint8Array {
  const b = Buffer.alloc(8);
  b.writeUInt32LE(Number(v >> 32n), 0);
  b.writeUInt32LE(Number(v & 0xffffffffn), 4);
  return b;
}

/** type, total length, body, options, end-of-options, total length. */
function block(type: number, body: Buffer, options: Buffer[]): Buffer {
  const end = Buffer.alloc(4); // opt_endofopt
  const total = 8 + body.length + options.reduce((s, o) => s + o.length, 0) + (options.length ? 4 : 0) + 4;
  const head = Buffer.alloc(8);
  head.writeUInt32LE(type, 0);
  head.writeUInt32LE(total, 4);
  const tail = Buffer.alloc(4);
  tail.writeUInt32LE(total, 0);
  return Buffer.concat([head, body, ...options, ...(options.length ? [end] : []), tail]);
}

export function sectionHeaderBlock(application: string): Buffer {
  const body = Buffer.alloc(16);
  body.writeUInt32LE(0x1a2b3c4d, 0);
  body.writeUInt16LE(1, 4);
  body.writeUInt16LE(0, 6);
  body.writeBigInt64LE(-1n, 8); // section length not known up front
  return block(0x0a0d0d0a, body, [option(4, Buffer.from(application))]);
}

export function interfaceDescriptionBlock(i: PcapngInterface): Buffer {
  const body = Buffer.alloc(8);
  body.writeUInt16LE(i.linkType, 0);
  body.writeUInt32LE(i.snaplen, 4);
  const opts = [option(2, Buffer.from(i.name)), option(9, Uint8Array.of(i.tsresol))];
  // if_filter: first byte 0 means "libpcap filter string"
  if (i.filter) opts.push(option(11, Buffer.concat([Uint8Array.of(0), Buffer.from(i.filter)])));
  return block(1, body, opts);
}

export function statisticsBlock(s: PcapngStats): Buffer {
  const body = Buffer.alloc(12);
  body.writeUInt32LE(0, 0);
  body.writeUInt32LE(Number(s.time >> 32n), 4);
  body.writeUInt32LE(Number(s.time & 0xffffffffn), 8);
  return block(5, body, [
    option(2, timestamp(s.startTime)),
    option(3, timestamp(s.time)),
    option(4, u64(s.received)),
    option(5, u64(s.dropped)),
    option(8, u64(s.delivered)),
  ]);
}

export class PcapngFileWriter {
  private readonly fd: number;
  private buf = Buffer.alloc(BUFFER_SIZE);
  private len = 0;
  /** bytes accepted so far (the file's size once flushed) */
  size = 0;

  constructor(path: string, iface: PcapngInterface, application: string) {
    this.fd = openSync(path, 'w', 0o600);
    this.write(sectionHeaderBlock(application));
    this.write(interfaceDescriptionBlock(iface));
  }

  /** One enhanced packet block on interface 0; `ts` in the interface's tsresol units. */
  packet(ts: bigint, data: Uint8Array, origLen: number): void {
    const pad = (4 - (data.length % 4)) % 4;
    const total = 32 + data.length + pad;
    this.reserve(total);
    const b = this.buf;
    let p = this.len;
    b.writeUInt32LE(6, p);
    b.writeUInt32LE(total, p + 4);
    b.writeUInt32LE(0, p + 8);
    b.writeUInt32LE(Number(ts >> 32n), p + 12);
    b.writeUInt32LE(Number(ts & 0xffffffffn), p + 16);
    b.writeUInt32LE(data.length, p + 20);
    b.writeUInt32LE(origLen, p + 24);
    b.set(data, p + 28);
    p += 28 + data.length;
    b.fill(0, p, p + pad);
    b.writeUInt32LE(total, p + pad);
    this.len += total;
    this.size += total;
  }

  stats(s: PcapngStats): void {
    this.write(statisticsBlock(s));
  }

  get dirty(): boolean {
    return this.len > 0;
  }

  flush(): void {
    let off = 0;
    while (off < this.len) off += writeSync(this.fd, this.buf, off, this.len - off);
    this.len = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private write(b: Buffer): void {
    this.reserve(b.length);
    b.copy(this.buf, this.len);
    this.len += b.length;
    this.size += b.length;
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = Buffer.alloc(n);
  }
}
