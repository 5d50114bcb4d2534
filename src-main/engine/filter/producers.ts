// Compiles checked values (ir.ts) into producers: closures that read a packet's field
// record and write the value's entries into reusable buffers. Field occurrences are
// walked through the record's per-field chains (`first`/`nexts`), never by scanning.

import type { RangeSpec } from './ast.js';
import { fieldById } from '../fields/fieldRegistry.js';
import { expertPartOf, forEachExpert } from './expertFields.js';
import type { PacketFields } from '../fields/packetFields.js';
import type { Val } from './ir.js';
import { repOf } from './ir.js';
import { ByteArena, ValueBuf, type Producer } from './valueBuf.js';
import { callProducer } from './functionProducers.js';
import { layerFilter } from './layers.js';

export function compileValue(v: Val): Producer {
  switch (v.k) {
    case 'const':
      return constProducer(v);
    case 'field':
      return fieldProducer(v);
    case 'slice':
      return sliceProducer(v);
    case 'arith':
      return arithProducer(v);
    case 'neg':
      return negProducer(v);
    case 'call':
      return callProducer(v, compileValue);
  }
}

function constProducer(v: Val & { k: 'const' }): Producer {
  const out = new ValueBuf();
  const rep = repOf(v.cls);
  out.n = 1;
  out.nums[0] = v.num;
  out.bufs[0] = v.bytes;
  out.offs[0] = 0;
  out.lens[0] = v.bytes.length;
  out.strs[0] = v.str;
  out.recs[0] = -1;
  return { rep, out, constant: true, load: () => true };
}

/** The virtual `_ws.expert.*` fields: every expert record of the packet. */
function expertProducer(v: Val & { k: 'field' }): Producer {
  const out = new ValueBuf();
  const part = expertPartOf(v.def)!;
  const rep = repOf(v.cls);
  const collect = (f: PacketFields, i: number, severity: number, group: number): boolean => {
    const k = out.add();
    out.recs[k] = i;
    if (part === 'message') out.strs[k] = f.strs[i] ?? fieldById(f.ids[i]!).description;
    else if (part === 'severity') out.nums[k] = severity;
    else if (part === 'group') out.nums[k] = group;
    else {
      out.bufs[k] = EMPTY;
      out.offs[k] = 0;
      out.lens[k] = 0;
    }
    return false;
  };
  return {
    rep,
    out,
    load(f) {
      out.n = 0;
      forEachExpert(f, (i, severity, group) => collect(f, i, severity, group));
      return out.n > 0;
    },
  };
}

const EMPTY = new Uint8Array(0);

function fieldProducer(v: Val & { k: 'field' }): Producer {
  if (v.def.id < 0) return expertProducer(v);
  const out = new ValueBuf();
  const id = v.def.id;
  const inLayer = layerFilter(v);
  const rep = repOf(v.cls);
  if (rep === 'num') {
    const isBool = v.cls === 'bool';
    return {
      rep,
      out,
      load(f) {
        out.n = 0;
        const vals = f.vals;
        for (let i = f.first(id); i >= 0; i = f.nexts[i]!) {
          if (inLayer && !inLayer(f, i)) continue;
          const k = out.add();
          const x = vals[i]!;
          out.nums[k] = isBool ? (x !== 0 ? 1 : 0) : x;
          out.recs[k] = i;
        }
        return out.n > 0;
      },
    };
  }
  if (rep === 'bytes') {
    return {
      rep,
      out,
      load(f) {
        out.n = 0;
        for (let i = f.first(id); i >= 0; i = f.nexts[i]!) {
          if (inLayer && !inLayer(f, i)) continue;
          const k = out.add();
          const src = f.sources[f.srcs[i]!]!;
          const start = f.starts[i]!;
          out.bufs[k] = src;
          out.offs[k] = start;
          out.lens[k] = Math.max(0, Math.min(f.lens[i]!, src.length - start));
          out.recs[k] = i;
        }
        return out.n > 0;
      },
    };
  }
  return {
    rep,
    out,
    load(f) {
      out.n = 0;
      for (let i = f.first(id); i >= 0; i = f.nexts[i]!) {
        if (inLayer && !inLayer(f, i)) continue;
        const k = out.add();
        out.strs[k] = f.strs[i] ?? '';
        out.recs[k] = i;
      }
      return out.n > 0;
    },
  };
}

const encoder = new TextEncoder();

/** Bytes of entry `k` of a producer as (array, offset, length), converting IPv4 numbers and strings. */
function entryBytes(p: Producer, k: number, arena: ByteArena, into: { buf: Uint8Array; off: number; len: number }): void {
  const o = p.out;
  if (p.rep === 'bytes') {
    into.buf = o.bufs[k]!;
    into.off = o.offs[k]!;
    into.len = o.lens[k]!;
  } else if (p.rep === 'num') {
    const at = arena.alloc(4);
    const x = o.nums[k]!;
    const b = arena.buf;
    b[at] = x >>> 24;
    b[at + 1] = (x >>> 16) & 255;
    b[at + 2] = (x >>> 8) & 255;
    b[at + 3] = x & 255;
    into.buf = b;
    into.off = at;
    into.len = 4;
  } else {
    const s = o.strs[k]!;
    const at = arena.alloc(s.length * 3);
    const r = encoder.encodeInto(s, arena.buf.subarray(at));
    arena.pos = at + r.written;
    into.buf = arena.buf;
    into.off = at;
    into.len = r.written;
  }
}

/** Bounds of the last range `sliceBounds` accepted (module scratch, so no array is allocated per entry). */
export const bounds = { start: 0, end: 0 };

/** Computes one slice range in a value of `len` bytes into `bounds`; false when it falls outside. */
export function sliceBounds(r: RangeSpec, len: number): boolean {
  const start = r.from < 0 ? len + r.from : r.from;
  let end: number;
  if (r.to !== undefined) end = (r.to < 0 ? len + r.to : r.to) + 1;
  else if (r.len === null) end = len;
  else end = start + r.len;
  if (start < 0 || end > len || end <= start) return false;
  bounds.start = start;
  bounds.end = end;
  return true;
}

function sliceProducer(v: Val & { k: 'slice' }): Producer {
  const inner = compileValue(v.a);
  const out = new ValueBuf();
  const arena = new ByteArena();
  const ranges = v.ranges;
  const single = ranges.length === 1 ? ranges[0]! : null;
  const e = { buf: arena.buf, off: 0, len: 0 };
  return {
    rep: 'bytes',
    out,
    load(f) {
      if (!inner.load(f)) return false;
      out.n = 0;
      arena.reset();
      const n = inner.out.n;
      for (let k = 0; k < n; k++) {
        entryBytes(inner, k, arena, e);
        if (single) {
          if (!sliceBounds(single, e.len)) continue;
          const j = out.add();
          out.bufs[j] = e.buf;
          out.offs[j] = e.off + bounds.start;
          out.lens[j] = bounds.end - bounds.start;
          out.recs[j] = -1;
          continue;
        }
        let total = 0;
        for (const r of ranges) if (sliceBounds(r, e.len)) total += bounds.end - bounds.start;
        if (total === 0) continue;
        const src = e.buf;
        const srcOff = e.off;
        const srcLen = e.len;
        const at = arena.alloc(total);
        const dst = arena.buf;
        let w = at;
        for (const r of ranges) {
          if (!sliceBounds(r, srcLen)) continue;
          for (let t = bounds.start; t < bounds.end; t++) dst[w++] = src[srcOff + t]!;
        }
        const j = out.add();
        out.bufs[j] = dst;
        out.offs[j] = at;
        out.lens[j] = total;
        out.recs[j] = -1;
      }
      return out.n > 0;
    },
  };
}

function arithProducer(v: Val & { k: 'arith' }): Producer {
  const a = compileValue(v.a);
  const b = compileValue(v.b);
  const out = new ValueBuf();
  if (repOf(v.cls) === 'bytes') {
    const arena = new ByteArena();
    return {
      rep: 'bytes',
      out,
      load(f) {
        if (!a.load(f) || !b.load(f)) return false;
        out.n = 0;
        arena.reset();
        const A = a.out;
        const B = b.out;
        for (let i = 0; i < A.n; i++) {
          for (let j = 0; j < B.n; j++) {
            const len = Math.min(A.lens[i]!, B.lens[j]!);
            const at = arena.alloc(len);
            const dst = arena.buf;
            const x = A.bufs[i]!;
            const xo = A.offs[i]!;
            const y = B.bufs[j]!;
            const yo = B.offs[j]!;
            for (let t = 0; t < len; t++) dst[at + t] = x[xo + t]! & y[yo + t]!;
            const k = out.add();
            out.bufs[k] = dst;
            out.offs[k] = at;
            out.lens[k] = len;
            out.recs[k] = -1;
          }
        }
        return true;
      },
    };
  }
  const integer = v.cls === 'int' || v.cls === 'ipv4';
  const op = v.op;
  return {
    rep: 'num',
    out,
    load(f) {
      if (!a.load(f) || !b.load(f)) return false;
      out.n = 0;
      const A = a.out;
      const B = b.out;
      for (let i = 0; i < A.n; i++) {
        const x = A.nums[i]!;
        for (let j = 0; j < B.n; j++) {
          const y = B.nums[j]!;
          let r: number;
          switch (op) {
            case '+':
              r = x + y;
              break;
            case '-':
              r = x - y;
              break;
            case '*':
              r = x * y;
              break;
            case '/':
              // division by zero gives no value, as in Wireshark
              if (y === 0) continue;
              r = integer ? Math.trunc(x / y) : x / y;
              break;
            case '%':
              if (y === 0) continue;
              r = x % y;
              break;
            case '&':
              r = bitAnd(x, y);
              break;
          }
          const k = out.add();
          out.nums[k] = r;
          out.recs[k] = -1;
        }
      }
      return true;
    },
  };
}

/** Bitwise and of two integers that may not fit 32 bits (64-bit counters, negative values). */
function bitAnd(x: number, y: number): number {
  if (x >= 0 && y >= 0 && x <= 0xffffffff && y <= 0xffffffff) return (x & y) >>> 0;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return 0;
  return Number(BigInt.asIntN(64, BigInt(Math.trunc(x))) & BigInt.asIntN(64, BigInt(Math.trunc(y))));
}

function negProducer(v: Val & { k: 'neg' }): Producer {
  const a = compileValue(v.a);
  const out = new ValueBuf();
  return {
    rep: 'num',
    out,
    load(f) {
      if (!a.load(f)) return false;
      const A = a.out;
      out.n = 0;
      for (let i = 0; i < A.n; i++) {
        const k = out.add();
        out.nums[k] = -A.nums[i]!;
        out.recs[k] = -1;
      }
      return true;
    },
  };
}
