// Interns the addresses shown in the Source/Destination columns: each distinct address is
// stored once (as text, formatted the first time it is seen) and packets keep a 32-bit id.
// Keys are built from the raw bytes so the hot path never formats an address.

import type { PacketFields } from '../fields/packetFields.js';
import { formatFieldValue } from '../fields/fieldFormat.js';

export class AddressTable {
  private readonly ids = new Map<string, number>();
  private readonly texts: string[] = [''];

  /** Interns the address held by record `i` (an ether/ipv4/ipv6 field); id 0 means "no address". */
  intern(f: PacketFields, i: number): number {
    if (i < 0) return 0;
    const bytes = f.sources[f.srcs[i]!]!;
    const off = f.starts[i]!;
    const len = f.lens[i]!;
    let key = String.fromCharCode(f.ids[i]!);
    for (let k = 0; k < len; k += 2) {
      key += String.fromCharCode((bytes[off + k]! << 8) | (k + 1 < len ? bytes[off + k + 1]! : 0));
    }
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(formatFieldValue(f, i));
      this.ids.set(key, id);
    }
    return id;
  }

  text(id: number): string {
    return this.texts[id] ?? '';
  }

  get size(): number {
    return this.texts.length - 1;
  }
}
