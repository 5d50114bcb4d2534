// The checked form of a filter: fields resolved to registry entries, literals converted to
// the type of what they are compared with, every value tagged with its class. The compiler
// turns this into closures; nothing here is looked at per packet.

import type { FieldDef } from '../fields/fieldRegistry.js';
import type { ArithOp, CompareOp, RangeSpec, Span } from './ast.js';

/**
 * What a value is, for type checking. At run time 'int', 'float', 'time', 'bool' and
 * 'ipv4' are numbers, 'ether', 'ipv6' and 'bytes' are byte ranges, 'string' is a string.
 */
export type ValueClass = 'int' | 'float' | 'time' | 'bool' | 'ipv4' | 'ipv6' | 'ether' | 'bytes' | 'string';

export type Rep = 'num' | 'bytes' | 'str';

export function repOf(cls: ValueClass): Rep {
  switch (cls) {
    case 'ether':
    case 'ipv6':
    case 'bytes':
      return 'bytes';
    case 'string':
      return 'str';
    default:
      return 'num';
  }
}

export type FunctionName = 'len' | 'count' | 'upper' | 'lower' | 'string' | 'abs' | 'max' | 'min';

export type Val = Span &
  (
    | { k: 'field'; cls: ValueClass; def: FieldDef; protoId: number; layers: RangeSpec[] | null }
    | {
        k: 'const';
        cls: ValueClass;
        num: number;
        /** ipv4 CIDR: the mask (the network is `num`, already masked); 0xffffffff for a host */
        mask: number;
        bytes: Uint8Array;
        /** ipv6 prefix length, or -1 to compare whole values */
        prefixBits: number;
        str: string;
      }
    | { k: 'slice'; cls: 'bytes'; a: Val; ranges: RangeSpec[] }
    | { k: 'arith'; cls: ValueClass; op: ArithOp; a: Val; b: Val }
    | { k: 'neg'; cls: ValueClass; a: Val }
    | { k: 'call'; cls: ValueClass; fn: FunctionName; args: Val[] }
  );

export interface SetMember {
  lo: Val;
  hi: Val | null;
}

export type Test =
  | { k: 'true' }
  | { k: 'exists'; v: Val }
  /** an arithmetic or bitwise value used as a test: true when any result is non-zero */
  | { k: 'truthy'; v: Val }
  /** a chain `a or b or c` kept flat, so long generated filters do not nest deeply */
  | { k: 'logic'; op: 'and' | 'or' | 'xor'; items: Test[] }
  | { k: 'not'; a: Test }
  | { k: 'cmp'; op: CompareOp; a: Val; b: Val; regex: RegExp | null }
  | { k: 'in'; a: Val; items: SetMember[]; negated: boolean };
