// Value classes of the filter's type checker: what a field type becomes, which classes
// compare with which, and how they are named in error messages.

import type { FieldDef } from '../fields/fieldRegistry.js';
import type { ValueClass } from './ir.js';

/** What a literal must become: the class of the value on the other side, and its field for value names and ranges. */
export interface Ctx {
  cls: ValueClass;
  field: FieldDef | null;
}

export const CLASS_NAMES: Record<ValueClass, string> = {
  int: 'an integer',
  float: 'a number',
  time: 'an absolute time',
  bool: 'a boolean',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  ether: 'an Ethernet address',
  bytes: 'a byte string',
  string: 'a character string',
};

export function classOfField(def: FieldDef): ValueClass | null {
  switch (def.type) {
    case 'uint':
    case 'int':
      return 'int';
    case 'bool':
      return 'bool';
    case 'ether':
      return 'ether';
    case 'ipv4':
      return 'ipv4';
    case 'ipv6':
      return 'ipv6';
    case 'bytes':
    case 'protocol':
      return 'bytes';
    case 'string':
      return 'string';
    case 'time':
      return 'time';
    case 'reltime':
    case 'double':
      return 'float';
    case 'none':
      return null;
  }
}

export function isNumClass(c: ValueClass): boolean {
  return c === 'int' || c === 'float';
}

export function isByteClass(c: ValueClass): boolean {
  return c === 'bytes' || c === 'ether' || c === 'ipv6';
}

export function compatible(x: ValueClass, y: ValueClass): boolean {
  if (x === y) return true;
  if (isNumClass(x) && isNumClass(y)) return true;
  return isByteClass(x) && isByteClass(y) && (x === 'bytes' || y === 'bytes');
}
