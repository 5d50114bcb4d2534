// BSD loopback encapsulations: LINKTYPE_NULL (0), a 4-byte address family in the byte order
// of the capturing host, and LINKTYPE_LOOP (108), the same family in network byte order.
// Families 2 (IPv4) and 24/28/30 (IPv6 on the BSDs, FreeBSD, macOS) are decoded. The byte
// order is guessed the way tshark guesses it; a value above 1500 is an EtherType, and a
// header that starts 0xff 0x03 is PPP in HDLC framing.

import type { PacketFields } from '../fields/packetFields.js';
import { registerFields, registerProtocol } from '../fields/fieldRegistry.js';
import type { DissectCtx, InfoFormatter } from './context.js';
import { dissectData } from './data.js';
import { etherTypeDissector, registerLinkType } from './dispatch.js';
import { ETHERTYPE_NAMES } from './etherTypeNames.js';
import { dissectPppHdlc } from './pppHdlc.js';
import { reportCut } from './cutReport.js';

const FAMILY_NAMES: Readonly<Record<number, string>> = {
  2: 'IP', 7: 'OSI', 16: 'Appletalk', 23: 'Netware IPX/SPX', 24: 'IPv6', 28: 'IPv6', 30: 'IPv6',
};

export const NULL = registerProtocol('null', 'Null/Loopback');
export const NULL_F = registerFields({
  type: { name: 'null.type', type: 'uint', base: 'hex', bits: 16, description: 'Type', valueNames: ETHERTYPE_NAMES },
  family: { name: 'null.family', type: 'uint', description: 'Family', valueNames: FAMILY_NAMES },
});

const HEADER = 4;
const nullInfo: InfoFormatter = () => 'Null/Loopback';

function familyDissector(family: number) {
  if (family === 2) return etherTypeDissector(0x0800);
  if (family === 24 || family === 28 || family === 30) return etherTypeDissector(0x86dd);
  return undefined;
}

function stop(f: PacketFields, c: DissectCtx, need: number, end: number, rend: number): number {
  reportCut(f, c, 'Null', need, end, rend);
  return rend;
}

/**
 * How tshark (on a little-endian host) reads a NULL header: as a little-endian number, then
 * byte-swapped when it looks like a family written big-endian, or taken from the upper or
 * byte-swapped lower half when it looks like IRIX's 16-bit family. Values above 1500 are
 * EtherTypes (shown as their lower 16 bits).
 */
export function nullHeader(b: Uint8Array, at: number): { value: number; etherType: boolean } {
  let v = (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
  if (v > 0xffff) {
    if (v >>> 24 === 0 && v >>> 16 < 6) v >>>= 16;
    else v = ((v >>> 24) | ((v >>> 8) & 0xff00) | ((v & 0xff00) << 8) | ((v & 0xff) << 24)) >>> 0;
  } else if ((v & 0xff) === 0 && v >>> 8 < 6) {
    v = v >>> 8;
  }
  return v > 1500 ? { value: v & 0xffff, etherType: true } : { value: v, etherType: false };
}

function dissectFamily(f: PacketFields, c: DissectCtx, top: number, family: number, off: number, end: number, rend: number): void {
  f.add(NULL_F.family, off, HEADER, family);
  f.close(top);
  const next = familyDissector(family);
  if (next) next(f, c, off + HEADER, end, rend);
  else dissectData(f, c, off + HEADER, end, rend);
}

export function dissectNull(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number {
  c.layers.push('null');
  c.setColumns('N/A', nullInfo, -1);
  if (off + 2 > end) return stop(f, c, off + 2, end, rend);
  if (c.buf[off] === 0xff && c.buf[off + 1] === 0x03) {
    dissectPppHdlc(f, c, off, end, rend);
    return rend;
  }
  if (off + HEADER > end) return stop(f, c, off + HEADER, end, rend);
  const top = f.open(NULL, off, HEADER);
  const { value: v, etherType } = nullHeader(c.buf, off);
  if (etherType) {
    f.add(NULL_F.type, off, HEADER, v);
    f.close(top);
    const next = etherTypeDissector(v);
    if (next) next(f, c, off + HEADER, end, rend);
    else dissectData(f, c, off + HEADER, end, rend);
    return rend;
  }
  dissectFamily(f, c, top, v, off, end, rend);
  return rend;
}

export function dissectLoop(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number {
  c.layers.push('null');
  c.setColumns('N/A', nullInfo, -1);
  if (off + HEADER > end) return stop(f, c, off + HEADER, end, rend);
  const b = c.buf;
  const top = f.open(NULL, off, HEADER);
  dissectFamily(f, c, top, ((b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) >>> 0, off, end, rend);
  return rend;
}

registerLinkType(0, dissectNull);
registerLinkType(108, dissectLoop);
