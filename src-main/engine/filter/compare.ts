// Comparison of two compiled values with Wireshark's multi-occurrence semantics: "==",
// "<", "contains"... hold when any pair of entries satisfies them, "!=" when every pair
// differs ("all not equal"), "===" when every pair is equal, "!==" when any pair differs.
// An absent operand makes every comparison false.

import type { CompareOp } from './ast.js';
import type { PacketFields } from '../fields/packetFields.js';
import type { Producer, ValueBuf } from './valueBuf.js';

export type Match = (f: PacketFields) => boolean;

/** Whether an operator requires all pairs (rather than any pair) to satisfy its predicate. */
export function isAllOp(op: CompareOp): boolean {
  return op === 'all_ne' || op === 'all_eq';
}

/** The basic relation an operator tests on one pair. */
export type Relation = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'contains' | 'matches';

export function relationOf(op: CompareOp): Relation {
  switch (op) {
    case 'any_eq':
    case 'all_eq':
      return 'eq';
    case 'all_ne':
    case 'any_ne':
      return 'ne';
    default:
      return op;
  }
}

/** Relation after swapping the operands (a < b  <=>  b > a). */
export function mirror(r: Relation): Relation {
  switch (r) {
    case 'lt':
      return 'gt';
    case 'le':
      return 'ge';
    case 'gt':
      return 'lt';
    case 'ge':
      return 'le';
    default:
      return r;
  }
}

export function testOrder(r: Relation, c: number): boolean {
  switch (r) {
    case 'eq':
      return c === 0;
    case 'ne':
      return c !== 0;
    case 'lt':
      return c < 0;
    case 'le':
      return c <= 0;
    case 'gt':
      return c > 0;
    case 'ge':
      return c >= 0;
    default:
      return false;
  }
}

export function numRelation(r: Relation): (x: number, y: number) => boolean {
  switch (r) {
    case 'eq':
      return (x, y) => x === y;
    case 'ne':
      return (x, y) => x !== y;
    case 'lt':
      return (x, y) => x < y;
    case 'le':
      return (x, y) => x <= y;
    case 'gt':
      return (x, y) => x > y;
    case 'ge':
      return (x, y) => x >= y;
    default:
      return () => false;
  }
}

/**
 * Lexicographic comparison of two byte ranges (a shorter prefix sorts first). With
 * `prefixBits` >= 0 only that many leading bits are compared (IPv6 networks).
 */
export function compareBytes(
  x: Uint8Array, xo: number, xl: number,
  y: Uint8Array, yo: number, yl: number,
  prefixBits: number,
): number {
  if (prefixBits >= 0) {
    const whole = prefixBits >> 3;
    const n = Math.min(whole, xl, yl);
    for (let i = 0; i < n; i++) {
      const d = x[xo + i]! - y[yo + i]!;
      if (d !== 0) return d;
    }
    if (xl < whole || yl < whole) return xl - yl;
    const rest = prefixBits & 7;
    if (rest === 0) return 0;
    if (xl <= whole || yl <= whole) return xl - yl;
    const mask = (0xff << (8 - rest)) & 0xff;
    return (x[xo + whole]! & mask) - (y[yo + whole]! & mask);
  }
  const n = Math.min(xl, yl);
  for (let i = 0; i < n; i++) {
    const d = x[xo + i]! - y[yo + i]!;
    if (d !== 0) return d;
  }
  return xl - yl;
}

export function bytesContain(x: Uint8Array, xo: number, xl: number, y: Uint8Array, yo: number, yl: number): boolean {
  if (yl === 0) return true;
  const first = y[yo]!;
  const last = xo + xl - yl;
  // the native indexOf finds candidate first bytes far faster than a JavaScript loop
  outer: for (let i = x.indexOf(first, xo); i >= 0 && i <= last; i = x.indexOf(first, i + 1)) {
    for (let j = 1; j < yl; j++) if (x[i + j] !== y[yo + j]) continue outer;
    return true;
  }
  return false;
}

/** Bytes as a string with one character per byte, so a regular expression can run over them. */
export function latin1At(x: Uint8Array, xo: number, xl: number): string {
  let s = '';
  for (let i = 0; i < xl; i += 4096) {
    s += String.fromCharCode.apply(null, x.subarray(xo + i, xo + Math.min(xl, i + 4096)) as unknown as number[]);
  }
  return s;
}

export function stringRelation(r: Relation, re: RegExp | null): (x: string, y: string) => boolean {
  switch (r) {
    case 'contains':
      return (x, y) => x.includes(y);
    case 'matches':
      return (x) => re!.test(x);
    default: {
      return (x, y) => testOrder(r, x < y ? -1 : x > y ? 1 : 0);
    }
  }
}

type PairTest = (A: ValueBuf, i: number, B: ValueBuf, j: number) => boolean;

/** The test of one pair of entries, for the operands' representation. */
export function pairTest(rep: 'num' | 'bytes' | 'str', r: Relation, re: RegExp | null, maskA: number, maskB: number, prefixBits: number): PairTest {
  if (rep === 'num') {
    const rel = numRelation(r);
    if (maskA !== 0xffffffff) return (A, i, B, j) => rel(A.nums[i]!, (B.nums[j]! & maskA) >>> 0);
    if (maskB !== 0xffffffff) return (A, i, B, j) => rel((A.nums[i]! & maskB) >>> 0, B.nums[j]!);
    return (A, i, B, j) => rel(A.nums[i]!, B.nums[j]!);
  }
  if (rep === 'str') {
    const rel = stringRelation(r, re);
    return (A, i, B, j) => rel(A.strs[i]!, B.strs[j]!);
  }
  if (r === 'contains') return (A, i, B, j) => bytesContain(A.bufs[i]!, A.offs[i]!, A.lens[i]!, B.bufs[j]!, B.offs[j]!, B.lens[j]!);
  if (r === 'matches') return (A, i) => re!.test(latin1At(A.bufs[i]!, A.offs[i]!, A.lens[i]!));
  return (A, i, B, j) =>
    testOrder(r, compareBytes(A.bufs[i]!, A.offs[i]!, A.lens[i]!, B.bufs[j]!, B.offs[j]!, B.lens[j]!, prefixBits));
}

/** The general comparison: loads both operands, then tests every pair. */
export function compareValues(a: Producer, b: Producer, all: boolean, test: PairTest): Match {
  return (f) => {
    if (!a.load(f) || !b.load(f)) return false;
    const A = a.out;
    const B = b.out;
    for (let i = 0; i < A.n; i++) {
      for (let j = 0; j < B.n; j++) {
        if (test(A, i, B, j) !== all) return !all;
      }
    }
    return all;
  };
}
