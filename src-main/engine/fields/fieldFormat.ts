// Text of a recorded field's value, as tshark prints it with `-T fields`/`-T json -e`:
// integers in their display base, addresses in their usual notation, bytes as hex.
// The detail tree and the JSON/fields writers use this, so they print the same thing.

import { fieldById } from './fieldRegistry.js';
import type { PacketFields } from './packetFields.js';
import { formatHexBytes, formatIPv4Number, formatIPv6, formatMac } from './addressFormat.js';

/** Value of record `i` as tshark's field output prints it. */
export function formatFieldValue(f: PacketFields, i: number): string {
  const def = fieldById(f.ids[i]!);
  const v = f.vals[i]!;
  switch (def.type) {
    case 'uint':
    case 'int':
      return formatInteger(v, def.base, def.bits);
    case 'bool':
      return v ? '1' : '0';
    case 'ether': {
      const b = f.sources[f.srcs[i]!]!;
      return formatMac(b, f.starts[i]!);
    }
    case 'ipv4':
      return formatIPv4Number(v);
    case 'ipv6':
      return formatIPv6(f.sources[f.srcs[i]!]!, f.starts[i]!);
    case 'bytes':
    case 'protocol': {
      const s = f.strs[i];
      if (s !== undefined && def.type === 'bytes') return s;
      return formatHexBytes(f.sources[f.srcs[i]!]!, f.starts[i]!, f.lens[i]!);
    }
    case 'string':
    case 'none':
      return f.strs[i] ?? '';
    case 'time':
    case 'reltime':
    case 'double':
      return String(v);
  }
}

export function formatInteger(v: number, base: string | undefined, bits: number | undefined): string {
  if (base === 'hex') {
    const digits = Math.max(1, Math.ceil((bits ?? 8) / 4));
    return `0x${v.toString(16).padStart(digits, '0')}`;
  }
  if (base === 'oct') return `0${v.toString(8)}`;
  return String(v);
}

/** Whether a field prints as a JSON number in tshark's `-T json -e` output (as the references keep it). */
export function isNumericJson(f: PacketFields, i: number): boolean {
  const def = fieldById(f.ids[i]!);
  return (def.type === 'uint' || def.type === 'int' || def.type === 'bool') && def.base !== 'hex';
}
