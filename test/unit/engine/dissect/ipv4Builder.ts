// Hand-built IPv4 / ICMP packets for the IPv4 and ICMP dissector tests, and a way to run a
// dissector on them without any link layer. Checksums are computed here independently of
// the engine (a plain RFC 1071 sum) so the tests can catch an engine mistake.

import { DissectCtx, type Dissector, type FrameMeta } from '../../../../src-main/engine/dissect/context.js';
import { fieldByName } from '../../../../src-main/engine/fields/fieldRegistry.js';
import { PacketFields } from '../../../../src-main/engine/fields/packetFields.js';
import { formatFieldValue } from '../../../../src-main/engine/fields/fieldFormat.js';

export function internetChecksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export function addr(text: string): number[] {
  return text.split('.').map(Number);
}

export interface Ipv4Spec {
  src?: string;
  dst?: string;
  proto?: number;
  ttl?: number;
  id?: number;
  /** the three flag bits (reserved, DF, MF) */
  flags?: number;
  /** in 8-byte units */
  fragOffset?: number;
  tos?: number;
  options?: number[];
  /** overrides: total length, header length in bytes, version, checksum */
  totalLength?: number;
  ihl?: number;
  version?: number;
  checksum?: number;
}

/** An IPv4 datagram with a correct header checksum unless one is given. */
export function ipv4(payload: Uint8Array | number[], s: Ipv4Spec = {}): Uint8Array {
  const opts = s.options ?? [];
  const hlen = 20 + opts.length;
  const body = Uint8Array.from(payload);
  const out = new Uint8Array(hlen + body.length);
  const ihl = s.ihl ?? hlen;
  const total = s.totalLength ?? out.length;
  out.set([((s.version ?? 4) << 4) | (ihl / 4), s.tos ?? 0, total >> 8, total & 255]);
  const id = s.id ?? 1;
  const fl = ((s.flags ?? 0) << 13) | (s.fragOffset ?? 0);
  out.set([id >> 8, id & 255, fl >> 8, fl & 255, s.ttl ?? 64, s.proto ?? 17, 0, 0], 4);
  out.set(addr(s.src ?? '192.0.2.10'), 12);
  out.set(addr(s.dst ?? '198.51.100.20'), 16);
  out.set(opts, 20);
  const ck = s.checksum ?? internetChecksum(out.subarray(0, Math.min(hlen, ihl)));
  out[10] = ck >> 8;
  out[11] = ck & 255;
  out.set(body, hlen);
  return out;
}

/** An ICMP message: type, code, 4 bytes of "rest of header", body; correct checksum unless given. */
export function icmp(type: number, code: number, rest: number[], body: Uint8Array | number[] = [], checksum?: number): Uint8Array {
  const out = new Uint8Array(8 + body.length);
  out.set([type, code, 0, 0, ...rest.slice(0, 4)]);
  out.set(Uint8Array.from(body), 8);
  const ck = checksum ?? internetChecksum(out);
  out[2] = ck >> 8;
  out[3] = ck & 255;
  return out;
}

export function concat(...parts: (Uint8Array | number[])[]): Uint8Array {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export interface RunOptions {
  /** bytes the capture kept (default: all) */
  captured?: number;
  /** bytes on the wire (default: all) */
  reported?: number;
  outbound?: boolean;
  frame?: number;
  detail?: boolean;
  ctx?: DissectCtx;
  tsSec?: number;
  tsNsec?: number;
}

export interface Run {
  f: PacketFields;
  c: DissectCtx;
  /** what the dissector returned */
  ended: number;
}

/** Runs `dissector` over `bytes` as if it were the whole frame (no link layer). */
export function run(dissector: Dissector, bytes: Uint8Array, o: RunOptions = {}): Run {
  const captured = o.captured ?? bytes.length;
  const reported = o.reported ?? bytes.length;
  const data = bytes.subarray(0, captured);
  const meta: FrameMeta = {
    number: o.frame ?? 1,
    tsSec: o.tsSec ?? 1_800_000_000,
    tsNsec: o.tsNsec ?? 0,
    capLen: captured,
    origLen: reported,
    linkType: 101,
    interfaceId: 0,
    direction: o.outbound ? 2 : 1,
    comment: null,
  };
  const f = new PacketFields();
  const c = o.ctx ?? new DissectCtx();
  f.reset(data);
  c.reset(meta, data, o.detail ?? false);
  const ended = dissector(f, c, 0, captured, reported);
  return { f, c, ended };
}

function id(name: string): number {
  const d = fieldByName(name);
  if (!d) throw new Error(`no field ${name}`);
  return d.id;
}

/** Every value of a field, in record order, as tshark's field output prints it. */
export function values(f: PacketFields, name: string): string[] {
  const out: string[] = [];
  for (let i = f.first(id(name)); i >= 0; i = f.nexts[i]!) out.push(formatFieldValue(f, i));
  return out;
}

/** Messages of the expert (or other string) records of a field. */
export function texts(f: PacketFields, name: string): string[] {
  const out: string[] = [];
  for (let i = f.first(id(name)); i >= 0; i = f.nexts[i]!) out.push(f.strs[i] ?? '');
  return out;
}

export function has(f: PacketFields, name: string): boolean {
  return f.has(id(name));
}
