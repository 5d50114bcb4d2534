// Hand-built IPv6 packets for the IPv6 and ICMPv6 dissector tests: the fixed header,
// extension headers, ICMPv6 messages with their pseudo-header checksum (computed here
// with a plain RFC 1071 sum, independently of the engine), and helpers to read results.

import { fieldByName } from '../../../../src-main/engine/fields/fieldRegistry.js';
import type { PacketFields } from '../../../../src-main/engine/fields/packetFields.js';
import { expertText } from '../../../../src-main/engine/output/referenceJson.js';
import { concat, internetChecksum } from './ipv4Builder.js';

export { concat, internetChecksum };

/** 16 bytes of an IPv6 address written in RFC 5952 text (only "::" compression supported). */
export function addr6(text: string): number[] {
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...new Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.flatMap((g) => {
    const v = parseInt(g, 16);
    return [v >> 8, v & 255];
  });
}

export const SRC = '2001:db8:e::33';
export const DST = '2001:db8:f::44';

export interface Ipv6Spec {
  src?: string;
  dst?: string;
  hlim?: number;
  tclass?: number;
  flow?: number;
  /** payload length field (default: the payload's length) */
  plen?: number;
  version?: number;
}

/** An IPv6 datagram: 40-byte header with next header `nh`, then `payload`. */
export function ipv6(nh: number, payload: Uint8Array | number[], s: Ipv6Spec = {}): Uint8Array {
  const body = Uint8Array.from(payload);
  const plen = s.plen ?? body.length;
  const word = ((s.version ?? 6) << 28) | ((s.tclass ?? 0) << 20) | (s.flow ?? 0);
  const head = [word >>> 24, (word >>> 16) & 255, (word >>> 8) & 255, word & 255, plen >> 8, plen & 255, nh, s.hlim ?? 64];
  return concat(head, addr6(s.src ?? SRC), addr6(s.dst ?? DST), body);
}

/** A Hop-by-Hop or Destination Options header holding `options`, padded with PadN to 8-byte units. */
export function optionsHeader(nh: number, options: number[]): number[] {
  const used = 2 + options.length;
  const pad = (8 - (used % 8)) % 8;
  const padding = pad === 0 ? [] : pad === 1 ? [0] : [1, pad - 2, ...new Array(pad - 2).fill(0)];
  const total = used + pad;
  return [nh, total / 8 - 1, ...options, ...padding];
}

/** A Fragment header. `offset` in bytes (a multiple of 8). */
export function fragmentHeader(nh: number, offset: number, more: boolean, ident: number): number[] {
  const offlg = offset | (more ? 1 : 0);
  return [nh, 0, offlg >> 8, offlg & 255, ident >>> 24, (ident >>> 16) & 255, (ident >>> 8) & 255, ident & 255];
}

/** The ones' complement sum of an upper-layer message with the IPv6 pseudo-header, as the checksum field. */
export function pseudoChecksum(src: string, dst: string, nh: number, message: Uint8Array): number {
  const len = message.length;
  const pseudo = concat(addr6(src), addr6(dst), [len >>> 24, (len >>> 16) & 255, (len >>> 8) & 255, len & 255, 0, 0, 0, nh]);
  return internetChecksum(concat(pseudo, message));
}

/** An ICMPv6 message with a correct checksum for (src, dst) unless `checksum` is given. */
export function icmpv6(type: number, code: number, body: number[] | Uint8Array, src = SRC, dst = DST, checksum?: number): Uint8Array {
  const msg = concat([type, code, 0, 0], body);
  const ck = checksum ?? pseudoChecksum(src, dst, 58, msg);
  msg[2] = ck >> 8;
  msg[3] = ck & 255;
  return msg;
}

/** Expert lines of a packet as tshark prints them. */
export function experts(f: PacketFields): string[] {
  const out: string[] = [];
  for (let i = 0; i < f.count; i++) {
    const t = expertText(f, i);
    if (t) out.push(t);
  }
  return out;
}

/** String values of the `_ws.malformed` / `_ws.short` records. */
export function wsTexts(f: PacketFields, name: '_ws.malformed' | '_ws.short'): string[] {
  const id = fieldByName(name)!.id;
  const out: string[] = [];
  for (let i = f.first(id); i >= 0; i = f.nexts[i]!) out.push(f.strs[i] ?? name);
  return out;
}
