// Test helper: builds pcap and pcapng files byte by byte (written here from the format
// specifications, independent of the readers), and writes them to temporary files.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type Bytes = Uint8Array;

export function concat(parts: Bytes[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Bytes 0, 1, 2, ... (mod 256), offset by `seed`, so packets are told apart by content. */
export function payload(n: number, seed = 0): Bytes {
  return Uint8Array.from({ length: n }, (_, i) => (i + seed) & 0xff);
}

export function ascii(s: string): Bytes {
  return new TextEncoder().encode(s);
}

/** Little helper over a growing byte list with explicit byte order. */
class Writer {
  private bytes: number[] = [];
  constructor(private le: boolean) {}
  u8(v: number): this {
    this.bytes.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    return this.le ? this.u8(v).u8(v >>> 8) : this.u8(v >>> 8).u8(v);
  }
  u32(v: number): this {
    return this.le ? this.u16(v & 0xffff).u16(v >>> 16) : this.u16(v >>> 16).u16(v & 0xffff);
  }
  u64(v: bigint): this {
    const hi = Number((BigInt.asUintN(64, v) >> 32n) & 0xffffffffn);
    const lo = Number(BigInt.asUintN(64, v) & 0xffffffffn);
    return this.le ? this.u32(lo).u32(hi) : this.u32(hi).u32(lo);
  }
  raw(b: Bytes): this {
    for (const x of b) this.bytes.push(x);
    return this;
  }
  pad4(): this {
    while (this.bytes.length % 4) this.bytes.push(0);
    return this;
  }
  get length(): number {
    return this.bytes.length;
  }
  done(): Bytes {
    return Uint8Array.from(this.bytes);
  }
}

// ---------------------------------------------------------------- pcap

export interface PcapRecord {
  sec: number;
  frac: number;
  data: Bytes;
  origLen?: number;
  /** Overrides the stored captured length (to describe records the file cannot hold). */
  capLen?: number;
}

export interface PcapOptions {
  le?: boolean;
  nsec?: boolean;
  /** The "modified" a1b2cd34 variant with 24-byte record headers. */
  modified?: boolean;
  snaplen?: number;
  linkType?: number;
  versionMajor?: number;
  versionMinor?: number;
}

export function pcapHeader(o: PcapOptions = {}): Bytes {
  const magic = o.modified ? 0xa1b2cd34 : o.nsec ? 0xa1b23c4d : 0xa1b2c3d4;
  return new Writer(o.le ?? true)
    .u32(magic).u16(o.versionMajor ?? 2).u16(o.versionMinor ?? 4).u32(0).u32(0)
    .u32(o.snaplen ?? 262144).u32(o.linkType ?? 1).done();
}

export function pcapRecord(r: PcapRecord, o: PcapOptions = {}): Bytes {
  const w = new Writer(o.le ?? true)
    .u32(r.sec).u32(r.frac).u32(r.capLen ?? r.data.length).u32(r.origLen ?? r.data.length);
  if (o.modified) w.u32(7).u16(0x0800).u8(0).u8(0);
  return w.raw(r.data).done();
}

export function pcapFile(records: PcapRecord[], o: PcapOptions = {}): Bytes {
  return concat([pcapHeader(o), ...records.map((r) => pcapRecord(r, o))]);
}

// ---------------------------------------------------------------- pcapng

export type Option = [code: number, value: Bytes | string];

/** Value bytes of an option in the given byte order. */
export function optU32(v: number, le: boolean): Bytes {
  return new Writer(le).u32(v).done();
}
export function optU64(v: bigint, le: boolean): Bytes {
  return new Writer(le).u64(v).done();
}
/** A 64-bit timestamp option (ISB start/end): high word first, each in the section's order. */
export function optTs(v: bigint, le: boolean): Bytes {
  return new Writer(le).u32(Number(v >> 32n)).u32(Number(v & 0xffffffffn)).done();
}

/**
 * Writes pcapng blocks; the byte order is set per section by shb() and used for every block
 * after it. Helpers return `this` so files read like the block sequence they contain.
 */
export class PcapngBuilder {
  private parts: Bytes[] = [];
  private le = true;

  get length(): number {
    return this.parts.reduce((n, p) => n + p.length, 0);
  }

  /** Any block: type, body (padded to 4), options; total length before and after. */
  block(type: number, body: Bytes, options: Option[] = [], opts: { lengthOverride?: number; trailerOverride?: number } = {}): this {
    const inner = new Writer(this.le).raw(body).pad4();
    if (options.length) {
      for (const [code, value] of options) {
        const v = typeof value === 'string' ? ascii(value) : value;
        inner.u16(code).u16(v.length).raw(v).pad4();
      }
      inner.u16(0).u16(0);
    }
    const body2 = inner.done();
    const total = 12 + body2.length;
    const w = new Writer(this.le).u32(type).u32(opts.lengthOverride ?? total).raw(body2).u32(opts.trailerOverride ?? total);
    this.parts.push(w.done());
    return this;
  }

  shb(le = true, options: Option[] = [], version: [number, number] = [1, 0]): this {
    this.le = le;
    const body = new Writer(le).u32(0x1a2b3c4d).u16(version[0]).u16(version[1]).u64(-1n).done();
    return this.block(0x0a0d0d0a, body, options);
  }

  idb(linkType: number, snaplen = 262144, options: Option[] = []): this {
    return this.block(1, new Writer(this.le).u16(linkType).u16(0).u32(snaplen).done(), options);
  }

  epb(iface: number, ts: bigint, data: Bytes, options: Option[] = [], origLen = data.length, capLen = data.length): this {
    const w = new Writer(this.le).u32(iface).u32(Number(ts >> 32n)).u32(Number(ts & 0xffffffffn))
      .u32(capLen).u32(origLen).raw(data);
    return this.block(6, w.done(), options);
  }

  /** Obsolete packet block (type 2). */
  pb(iface: number, ts: bigint, data: Bytes, options: Option[] = [], origLen = data.length): this {
    const w = new Writer(this.le).u16(iface).u16(0).u32(Number(ts >> 32n)).u32(Number(ts & 0xffffffffn))
      .u32(data.length).u32(origLen).raw(data);
    return this.block(2, w.done(), options);
  }

  spb(origLen: number, data: Bytes): this {
    return this.block(3, new Writer(this.le).u32(origLen).raw(data).done());
  }

  /** Name resolution block from [type (1 IPv4, 2 IPv6), address bytes, names...] records. */
  nrb(records: [number, Bytes, ...string[]][]): this {
    const w = new Writer(this.le);
    for (const [type, addr, ...names] of records) {
      const value = concat([addr, ...names.map((n) => concat([ascii(n), new Uint8Array([0])]))]);
      w.u16(type).u16(value.length).raw(value).pad4();
    }
    w.u16(0).u16(0);
    return this.block(4, w.done());
  }

  isb(iface: number, ts: bigint, options: Option[]): this {
    const w = new Writer(this.le).u32(iface).u32(Number(ts >> 32n)).u32(Number(ts & 0xffffffffn));
    return this.block(5, w.done(), options);
  }

  /** Raw bytes (e.g. a cut-off block). */
  raw(b: Bytes): this {
    this.parts.push(b);
    return this;
  }

  get littleEndian(): boolean {
    return this.le;
  }

  bytes(): Bytes {
    return concat(this.parts);
  }
}

// ---------------------------------------------------------------- temp files

/** A temporary folder for one test file; `remove()` deletes it with everything in it. */
export function tempDir(): { dir: string; file: (name: string, bytes: Bytes) => string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiresight-read-test-'));
  return {
    dir,
    file: (name, bytes) => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, bytes);
      return p;
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
