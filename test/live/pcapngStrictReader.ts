// A deliberately strict pcapng parser for the live-capture tests, independent of the
// engine's reader: any torn, truncated or inconsistent block throws, so a test that reads
// a capture with it proves the file is whole. Little-endian sections only (what we write).

import { readFileSync } from 'node:fs';

export interface StrictPacket {
  interfaceId: number;
  /** timestamp in units of the interface's tsresol */
  ts: bigint;
  capLen: number;
  origLen: number;
  data: Buffer;
}

export interface StrictInterface {
  linkType: number;
  snaplen: number;
  options: Map<number, Buffer>;
}

export interface StrictStats {
  interfaceId: number;
  ts: bigint;
  options: Map<number, Buffer>;
}

export interface StrictCapture {
  sections: number;
  shbOptions: Map<number, Buffer>;
  interfaces: StrictInterface[];
  packets: StrictPacket[];
  stats: StrictStats[];
  /** block types in file order, to check what comes last */
  blockTypes: number[];
}

function options(buf: Buffer, start: number, end: number): Map<number, Buffer> {
  const out = new Map<number, Buffer>();
  let p = start;
  while (p < end) {
    if (p + 4 > end) throw new Error(`option header cut at ${p}`);
    const code = buf.readUInt16LE(p);
    const len = buf.readUInt16LE(p + 2);
    if (code === 0) return out;
    if (p + 4 + len > end) throw new Error(`option ${code} overruns its block at ${p}`);
    out.set(code, buf.subarray(p + 4, p + 4 + len));
    p += 4 + ((len + 3) & ~3);
  }
  return out;
}

export function readStrict(path: string): StrictCapture {
  return parseStrict(readFileSync(path));
}

export function parseStrict(buf: Buffer): StrictCapture {
  const cap: StrictCapture = { sections: 0, shbOptions: new Map(), interfaces: [], packets: [], stats: [], blockTypes: [] };
  let p = 0;
  while (p < buf.length) {
    if (p + 12 > buf.length) throw new Error(`block header cut at ${p} (file is ${buf.length} bytes)`);
    const type = buf.readUInt32LE(p);
    const len = buf.readUInt32LE(p + 4);
    if (len < 12 || len % 4 !== 0) throw new Error(`bad block length ${len} at ${p}`);
    if (p + len > buf.length) throw new Error(`block of ${len} bytes at ${p} runs past the end (${buf.length})`);
    if (buf.readUInt32LE(p + len - 4) !== len) throw new Error(`trailing length mismatch in block at ${p}`);
    const body = p + 8;
    const end = p + len - 4;
    cap.blockTypes.push(type);
    switch (type) {
      case 0x0a0d0d0a:
        if (buf.readUInt32LE(body) !== 0x1a2b3c4d) throw new Error('not a little-endian section');
        cap.sections++;
        cap.shbOptions = options(buf, body + 16, end);
        break;
      case 1:
        cap.interfaces.push({ linkType: buf.readUInt16LE(body), snaplen: buf.readUInt32LE(body + 4), options: options(buf, body + 8, end) });
        break;
      case 6: {
        const capLen = buf.readUInt32LE(body + 12);
        if (body + 20 + capLen > end) throw new Error(`packet data overruns its block at ${p}`);
        cap.packets.push({
          interfaceId: buf.readUInt32LE(body),
          ts: (BigInt(buf.readUInt32LE(body + 4)) << 32n) | BigInt(buf.readUInt32LE(body + 8)),
          capLen,
          origLen: buf.readUInt32LE(body + 16),
          data: buf.subarray(body + 20, body + 20 + capLen),
        });
        break;
      }
      case 5:
        cap.stats.push({
          interfaceId: buf.readUInt32LE(body),
          ts: (BigInt(buf.readUInt32LE(body + 4)) << 32n) | BigInt(buf.readUInt32LE(body + 8)),
          options: options(buf, body + 12, end),
        });
        break;
      default:
        break;
    }
    p += len;
  }
  if (cap.sections === 0) throw new Error('no section header block');
  return cap;
}

export function optionText(o: Map<number, Buffer>, code: number): string | undefined {
  const v = o.get(code);
  return v ? v.toString('utf8').replace(/\0+$/, '') : undefined;
}

export function optionU64(o: Map<number, Buffer>, code: number): bigint | undefined {
  const v = o.get(code);
  return v && v.length === 8 ? v.readBigUInt64LE(0) : undefined;
}
