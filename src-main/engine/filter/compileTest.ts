// Compiles checked tests into one predicate over a packet's field record. The common
// shapes (a field compared with a constant, a field in a constant set, field presence) get
// dedicated loops over the field's occurrences that touch only the typed arrays; everything
// else goes through the general producers, which are still allocation-free per packet.

import type { PacketFields } from '../fields/packetFields.js';
import type { Test, Val } from './ir.js';
import { repOf } from './ir.js';
import {
  bytesContain,
  compareBytes,
  compareValues,
  isAllOp,
  latin1At,
  mirror,
  numRelation,
  pairTest,
  relationOf,
  stringRelation,
  testOrder,
  type Match,
  type Relation,
} from './compare.js';
import { bounds, compileValue, sliceBounds } from './producers.js';
import { layerFilter } from './layers.js';
import type { RangeSpec } from './ast.js';
import { forEachExpert } from './expertFields.js';

export function compileTest(t: Test): Match {
  switch (t.k) {
    case 'true':
      return () => true;
    case 'exists': {
      const v = t.v;
      if (v.k === 'field' && v.def.id < 0) return (f) => forEachExpert(f, () => true);
      if (v.k === 'field' && !v.layers) {
        const id = v.def.id;
        return (f) => f.first(id) >= 0;
      }
      if (v.k === 'field') {
        const id = v.def.id;
        const inLayer = layerFilter(v)!;
        return (f) => {
          for (let i = f.first(id); i >= 0; i = f.nexts[i]!) if (inLayer(f, i)) return true;
          return false;
        };
      }
      const p = compileValue(v);
      return (f) => p.load(f) && p.out.n > 0;
    }
    case 'truthy':
      return truthy(t.v);
    case 'logic': {
      const items = t.items.map(compileTest);
      if (items.length === 2) {
        const [a, b] = items as [Match, Match];
        if (t.op === 'and') return (f) => a(f) && b(f);
        if (t.op === 'or') return (f) => a(f) || b(f);
        return (f) => a(f) !== b(f);
      }
      const n = items.length;
      if (t.op === 'and') {
        return (f) => {
          for (let i = 0; i < n; i++) if (!items[i]!(f)) return false;
          return true;
        };
      }
      if (t.op === 'or') {
        return (f) => {
          for (let i = 0; i < n; i++) if (items[i]!(f)) return true;
          return false;
        };
      }
      return (f) => {
        let odd = false;
        for (let i = 0; i < n; i++) if (items[i]!(f)) odd = !odd;
        return odd;
      };
    }
    case 'not': {
      const a = compileTest(t.a);
      return (f) => !a(f);
    }
    case 'cmp':
      return compileCompare(t);
    case 'in': {
      const m = compileIn(t);
      return t.negated ? (f) => !m(f) : m;
    }
  }
}

/** An arithmetic value as a test: any entry non-zero (bytes: any non-zero byte; strings: non-empty). */
function truthy(v: Val): Match {
  const p = compileValue(v);
  const rep = p.rep;
  return (f) => {
    if (!p.load(f)) return false;
    const o = p.out;
    for (let i = 0; i < o.n; i++) {
      if (rep === 'num') {
        if (o.nums[i] !== 0) return true;
      } else if (rep === 'str') {
        if (o.strs[i] !== '') return true;
      } else {
        const b = o.bufs[i]!;
        const end = o.offs[i]! + o.lens[i]!;
        for (let j = o.offs[i]!; j < end; j++) if (b[j] !== 0) return true;
      }
    }
    return false;
  };
}

/** A registered field read directly from the record (no layer selection, not virtual). */
function plainField(v: Val): v is Val & { k: 'field' } {
  return v.k === 'field' && !v.layers && v.def.id >= 0;
}

function compileCompare(t: Test & { k: 'cmp' }): Match {
  let a = t.a;
  let b = t.b;
  let rel = relationOf(t.op);
  const all = isAllOp(t.op);
  if (a.k === 'const' && plainField(b) && rel !== 'contains' && rel !== 'matches') {
    [a, b] = [b, a];
    rel = mirror(rel);
  }
  if (plainField(a) && b.k === 'const') return fieldVsConst(a, b, rel, all, t.regex);
  if (a.k === 'slice' && b.k === 'const' && !all && a.ranges.length === 1 && plainField(a.a) && repOf(a.a.cls) === 'bytes') {
    return sliceVsConst(a.a.def.id, a.ranges[0]!, b, rel, t.regex);
  }
  const maskA = a.k === 'const' ? a.mask : 0xffffffff;
  const maskB = b.k === 'const' ? b.mask : 0xffffffff;
  const prefix = a.k === 'const' && a.prefixBits >= 0 ? a.prefixBits : b.k === 'const' ? b.prefixBits : -1;
  return compareValues(compileValue(a), compileValue(b), all, pairTest(repOf(a.cls), rel, t.regex, maskA, maskB, prefix));
}

/** Loops over the occurrences of field `id`: true when any (or, with `all`, every) one passes. */
function occurrences(id: number, all: boolean, test: (f: PacketFields, i: number) => boolean): Match {
  if (all) {
    return (f) => {
      let i = f.first(id);
      if (i < 0) return false;
      for (; i >= 0; i = f.nexts[i]!) if (!test(f, i)) return false;
      return true;
    };
  }
  return (f) => {
    for (let i = f.first(id); i >= 0; i = f.nexts[i]!) if (test(f, i)) return true;
    return false;
  };
}

/** A field's bytes at record `i`, clamped to the captured data. */
function recLen(f: PacketFields, i: number): number {
  return Math.max(0, Math.min(f.lens[i]!, f.sources[f.srcs[i]!]!.length - f.starts[i]!));
}

function fieldVsConst(a: Val & { k: 'field' }, c: Val & { k: 'const' }, rel: Relation, all: boolean, re: RegExp | null): Match {
  const id = a.def.id;
  const rep = repOf(a.cls);
  if (rep === 'num') {
    const k = c.num;
    const mask = c.mask;
    if (a.cls === 'bool') {
      const r = numRelation(rel);
      return occurrences(id, all, (f, i) => r(f.vals[i] !== 0 ? 1 : 0, k));
    }
    if (mask !== 0xffffffff) {
      const r = numRelation(rel);
      return occurrences(id, all, (f, i) => r((f.vals[i]! & mask) >>> 0, k));
    }
    if (rel === 'eq' && !all) {
      // the most common filter of all (tcp.port == 80): keep it a tight loop
      return (f) => {
        const vals = f.vals;
        const nexts = f.nexts;
        for (let i = f.first(id); i >= 0; i = nexts[i]!) if (vals[i] === k) return true;
        return false;
      };
    }
    const r = numRelation(rel);
    return occurrences(id, all, (f, i) => r(f.vals[i]!, k));
  }
  if (rep === 'bytes') {
    const y = c.bytes;
    const yl = y.length;
    const prefix = c.prefixBits;
    if (rel === 'contains') return occurrences(id, all, (f, i) => bytesContain(f.sources[f.srcs[i]!]!, f.starts[i]!, recLen(f, i), y, 0, yl));
    if (rel === 'matches') return occurrences(id, all, (f, i) => re!.test(latin1At(f.sources[f.srcs[i]!]!, f.starts[i]!, recLen(f, i))));
    return occurrences(id, all, (f, i) =>
      testOrder(rel, compareBytes(f.sources[f.srcs[i]!]!, f.starts[i]!, recLen(f, i), y, 0, yl, prefix)),
    );
  }
  const s = c.str;
  const r = stringRelation(rel, re);
  return occurrences(id, all, (f, i) => r(f.strs[i] ?? '', s));
}

/** `field[i:j] == bytes` (and <, contains, matches): reads the slice straight from the packet bytes. */
function sliceVsConst(id: number, r: RangeSpec, c: Val & { k: 'const' }, rel: Relation, re: RegExp | null): Match {
  const y = c.bytes;
  const yl = y.length;
  const prefix = c.prefixBits;
  return (f) => {
    for (let i = f.first(id); i >= 0; i = f.nexts[i]!) {
      if (!sliceBounds(r, recLen(f, i))) continue;
      const src = f.sources[f.srcs[i]!]!;
      const off = f.starts[i]! + bounds.start;
      const n = bounds.end - bounds.start;
      let ok: boolean;
      if (rel === 'contains') ok = bytesContain(src, off, n, y, 0, yl);
      else if (rel === 'matches') ok = re!.test(latin1At(src, off, n));
      else ok = testOrder(rel, compareBytes(src, off, n, y, 0, yl, prefix));
      if (ok) return true;
    }
    return false;
  };
}

function compileIn(t: Test & { k: 'in' }): Match {
  const a = t.a;
  const rep = repOf(a.cls);
  const allConst = t.items.every((it) => it.lo.k === 'const' && (!it.hi || it.hi.k === 'const'));
  if (allConst && plainField(a)) {
    const id = a.def.id;
    if (rep === 'num') {
      const n = t.items.length;
      const lo = new Float64Array(n);
      const hi = new Float64Array(n);
      const masks = new Float64Array(n);
      let anyMask = false;
      t.items.forEach((it, i) => {
        const l = it.lo as Val & { k: 'const' };
        lo[i] = l.num;
        hi[i] = it.hi ? (it.hi as Val & { k: 'const' }).num : l.num;
        masks[i] = it.hi ? 0xffffffff : l.mask;
        if (masks[i] !== 0xffffffff) anyMask = true;
      });
      const isBool = a.cls === 'bool';
      return (f) => {
        const vals = f.vals;
        for (let i = f.first(id); i >= 0; i = f.nexts[i]!) {
          let x = vals[i]!;
          if (isBool) x = x !== 0 ? 1 : 0;
          for (let j = 0; j < n; j++) {
            const y = anyMask && masks[j] !== 0xffffffff ? (x & masks[j]!) >>> 0 : x;
            if (y >= lo[j]! && y <= hi[j]!) return true;
          }
        }
        return false;
      };
    }
    if (rep === 'str' && t.items.every((it) => !it.hi)) {
      const set = new Set(t.items.map((it) => (it.lo as Val & { k: 'const' }).str));
      return (f) => {
        for (let i = f.first(id); i >= 0; i = f.nexts[i]!) if (set.has(f.strs[i] ?? '')) return true;
        return false;
      };
    }
  }
  // general case: any entry of the value equal to a member or inside a member's range
  const p = compileValue(a);
  const members = t.items.map((it) => ({
    lo: compileValue(it.lo),
    hi: it.hi ? compileValue(it.hi) : null,
    mask: it.lo.k === 'const' && !it.hi ? it.lo.mask : 0xffffffff,
    prefix: it.lo.k === 'const' && !it.hi ? it.lo.prefixBits : -1,
  }));
  return (f) => {
    if (!p.load(f)) return false;
    const A = p.out;
    for (const m of members) {
      if (!m.lo.load(f)) continue;
      if (m.hi && !m.hi.load(f)) continue;
      const L = m.lo.out;
      for (let i = 0; i < A.n; i++) {
        for (let j = 0; j < L.n; j++) {
          if (!m.hi) {
            if (order(rep, A, i, L, j, m.mask, m.prefix) === 0) return true;
            continue;
          }
          if (order(rep, A, i, L, j, 0xffffffff, -1) < 0) continue;
          const H = m.hi.out;
          for (let h = 0; h < H.n; h++) if (order(rep, A, i, H, h, 0xffffffff, -1) <= 0) return true;
        }
      }
    }
    return false;
  };
}

/** Sign of (A[i] - B[j]) for the representation; the mask/prefix of B applies to A too. */
function order(rep: 'num' | 'bytes' | 'str', A: Producer['out'], i: number, B: Producer['out'], j: number, mask: number, prefix: number): number {
  if (rep === 'num') {
    const x = mask !== 0xffffffff ? (A.nums[i]! & mask) >>> 0 : A.nums[i]!;
    const y = B.nums[j]!;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (rep === 'str') {
    const x = A.strs[i]!;
    const y = B.strs[j]!;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return compareBytes(A.bufs[i]!, A.offs[i]!, A.lens[i]!, B.bufs[j]!, B.offs[j]!, B.lens[j]!, prefix);
}

type Producer = ReturnType<typeof compileValue>;
