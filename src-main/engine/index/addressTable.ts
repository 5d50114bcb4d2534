// Interns the addresses shown in the Source/Destination columns: each distinct address is
// stored once (as text, formatted the first time it is seen) and packets keep a 32-bit id.
// IPv4 addresses are keyed by their number, everything else by a short string of its raw
// bytes, so the hot path never formats an address; the same address gets the same id
// whether it came from a field record or from the lean decoder.

import type { PacketFields } from '../fields/packetFields.js';
import { fieldById } from '../fields/fieldRegistry.js';
import { formatFieldValue } from '../fields/fieldFormat.js';
import { formatIPv4Number, formatIPv6 } from '../fields/addressFormat.js';

const EMPTY = new Uint8Array(0);

export class AddressTable {
  private readonly v4 = new Map<number, number>();
  private readonly other = new Map<string, number>();
  private readonly texts: string[] = [''];
  /** by id: 4 or 6 for IP addresses (0 otherwise), the IPv4 number, the 16 IPv6 bytes */
  private readonly kinds: number[] = [0];
  private readonly v4Values: number[] = [0];
  private readonly v6Values: Uint8Array[] = [EMPTY];

  /** Interns the address held by record `i` (an ether/ipv4/ipv6 field); id 0 means "no address". */
  intern(f: PacketFields, i: number): number {
    if (i < 0) return 0;
    const type = fieldById(f.ids[i]!).type;
    if (type === 'ipv4') return this.internIPv4(f.vals[i]!);
    const bytes = f.sources[f.srcs[i]!]!;
    const off = f.starts[i]!;
    if (type === 'ipv6' && f.lens[i] === 16) return this.internIPv6(bytes, off);
    // other kinds are told apart by field id (tags below 0x100 are the address families)
    const key = bytesKey(type === 'ether' ? 1 : 0x100 + f.ids[i]!, bytes, off, f.lens[i]!);
    let id = this.other.get(key);
    if (id === undefined) this.other.set(key, (id = this.add(formatFieldValue(f, i), 0, 0, EMPTY)));
    return id;
  }

  internIPv4(v: number): number {
    let id = this.v4.get(v);
    if (id === undefined) this.v4.set(v, (id = this.add(formatIPv4Number(v), 4, v, EMPTY)));
    return id;
  }

  internIPv6(b: Uint8Array, off: number): number {
    const key = bytesKey(6, b, off, 16);
    let id = this.other.get(key);
    if (id === undefined) this.other.set(key, (id = this.add(formatIPv6(b, off), 6, 0, b.slice(off, off + 16))));
    return id;
  }

  private add(text: string, kind: number, v4: number, v6: Uint8Array): number {
    this.texts.push(text);
    this.kinds.push(kind);
    this.v4Values.push(v4);
    this.v6Values.push(v6);
    return this.texts.length - 1;
  }

  /** 4 or 6 when the id is an IPv4 or IPv6 address, 0 for other kinds. */
  kind(id: number): number {
    return this.kinds[id] ?? 0;
  }

  /** The IPv4 address behind an id of kind 4, as a number. */
  ipv4(id: number): number {
    return this.v4Values[id]!;
  }

  /** The 16 bytes behind an id of kind 6. */
  ipv6(id: number): Uint8Array {
    return this.v6Values[id]!;
  }

  text(id: number): string {
    return this.texts[id] ?? '';
  }

  get size(): number {
    return this.texts.length - 1;
  }
}

/** Key of raw address bytes: a tag (which kind of address) and the bytes as 16-bit codes. */
function bytesKey(tag: number, b: Uint8Array, off: number, len: number): string {
  const w = (k: number): number => (b[off + k]! << 8) | (k + 1 < len ? b[off + k + 1]! : 0);
  // IPv6, the common case, in one allocation
  if (len === 16) return String.fromCharCode(tag, w(0), w(2), w(4), w(6), w(8), w(10), w(12), w(14));
  let key = String.fromCharCode(tag);
  for (let k = 0; k < len; k += 2) key += String.fromCharCode(w(k));
  return key;
}
