// Compiles checked values (ir.ts) into producers: closures that read a packet's field
// record and write the value's entries into reusable buffers. Field occurrences are
// walked through the record's per-field chains (`first`/`nexts`), never by scanning.

import type { RangeSpec } from './ast.js';
import { formatFieldValue } from '../fields/fieldFormat.js';
import { fieldById } from '../fields/fieldRegistry.js';
import { expertPartOf, forEachExpert } from './expertFields.js';
import { formatIPv4Number } from '../fields/addressFormat.js';
import type { PacketFields } from '../fields/packetFields.js';
import type { Val } from './ir.js';
import { repOf } from './ir.js';
import { ByteArena, ValueBuf, type Producer } from './valueBuf.js';

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
      return callProducer(v);
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

/** Whether layer number `n` (1-based) is selected by the ranges of `field#[...]`. */
function layerSelected(ranges: RangeSpec[], n: number): boolean {
  for (const r of ranges) {
    const last = r.to !== undefined ? r.to : r.len === null ? Infinity : r.from + r.len - 1;
    if (n >= r.from && n <= last) return true;
  }
  return false;
}

/**
 * The layer of record `i`: which occurrence of its protocol (`ip` for `ip.src`) it lies in,
 * counting from 1, so `ip.src#2` is the source address of the second IPv4 header.
 */
export function layerOf(f: PacketFields, i: number, protoId: number): number {
  let anc = i;
  if (protoId >= 0) while (anc >= 0 && f.ids[anc] !== protoId) anc = f.parents[anc]!;
  let n = 1;
  if (anc < 0) {
    // not inside its protocol's subtree: count the field's own occurrences instead
    const id = f.ids[i]!;
    for (let j = f.first(id); j >= 0 && j !== i; j = f.nexts[j]!) n++;
    return n;
  }
  for (let j = f.first(protoId); j >= 0 && j !== anc; j = f.nexts[j]!) n++;
  return n;
}

export type LayerFilter = ((f: PacketFields, i: number) => boolean) | null;

export function layerFilter(v: Val & { k: 'field' }): LayerFilter {
  const ranges = v.layers;
  if (!ranges) return null;
  const protoId = v.protoId;
  return (f, i) => layerSelected(ranges, layerOf(f, i, protoId));
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
              r = x <= 0xffffffff && y <= 0xffffffff && x >= 0 && y >= 0 ? (x & y) >>> 0 : Number(BigInt(Math.trunc(x)) & BigInt(Math.trunc(y)));
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

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function hexColons(buf: Uint8Array, off: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) s += (i ? ':' : '') + buf[off + i]!.toString(16).padStart(2, '0');
  return s;
}

function callProducer(v: Val & { k: 'call' }): Producer {
  const out = new ValueBuf();
  switch (v.fn) {
    case 'count': {
      const fv = v.args[0] as Val & { k: 'field' };
      const id = fv.def.id;
      if (id < 0) {
        const p = compileValue(fv);
        out.recs[0] = -1;
        return {
          rep: 'num',
          out,
          load(f) {
            const present = p.load(f);
            out.n = present ? 1 : 0;
            out.nums[0] = p.out.n;
            return present;
          },
        };
      }
      const inLayer = layerFilter(fv);
      out.recs[0] = -1;
      return {
        rep: 'num',
        out,
        load(f) {
          let n = 0;
          for (let i = f.first(id); i >= 0; i = f.nexts[i]!) if (!inLayer || inLayer(f, i)) n++;
          out.n = n > 0 ? 1 : 0;
          out.nums[0] = n;
          return n > 0;
        },
      };
    }
    case 'len': {
      const a = compileValue(v.args[0]!);
      return mapProducer(a, out, 'num', (f, A, i, k) => {
        if (a.rep === 'bytes') out.nums[k] = A.lens[i]!;
        else if (a.rep === 'str') out.nums[k] = utf8Length(A.strs[i]!);
        else out.nums[k] = A.recs[i]! >= 0 ? f.lens[A.recs[i]!]! : 4;
      });
    }
    case 'upper':
    case 'lower': {
      const a = compileValue(v.args[0]!);
      const upper = v.fn === 'upper';
      return mapProducer(a, out, 'str', (_f, A, i, k) => {
        out.strs[k] = upper ? A.strs[i]!.toUpperCase() : A.strs[i]!.toLowerCase();
      });
    }
    case 'string': {
      const arg = v.args[0]!;
      const a = compileValue(arg);
      const isIPv4 = arg.cls === 'ipv4';
      return mapProducer(a, out, 'str', (f, A, i, k) => {
        const rec = A.recs[i]!;
        if (rec >= 0 && arg.k === 'field') out.strs[k] = formatFieldValue(f, rec);
        else if (a.rep === 'num') out.strs[k] = isIPv4 ? formatIPv4Number(A.nums[i]!) : String(A.nums[i]!);
        else if (a.rep === 'bytes') out.strs[k] = hexColons(A.bufs[i]!, A.offs[i]!, A.lens[i]!);
        else out.strs[k] = A.strs[i]!;
      });
    }
    case 'abs': {
      const a = compileValue(v.args[0]!);
      return mapProducer(a, out, 'num', (_f, A, i, k) => {
        out.nums[k] = Math.abs(A.nums[i]!);
      });
    }
    case 'max':
    case 'min': {
      const args = v.args.map(compileValue);
      const isMax = v.fn === 'max';
      out.recs[0] = -1;
      return {
        rep: 'num',
        out,
        load(f) {
          let best = NaN;
          for (const p of args) {
            if (!p.load(f)) continue;
            const P = p.out;
            for (let i = 0; i < P.n; i++) {
              const x = P.nums[i]!;
              if (best !== best || (isMax ? x > best : x < best)) best = x;
            }
          }
          if (best !== best) {
            out.n = 0;
            return false;
          }
          out.n = 1;
          out.nums[0] = best;
          return true;
        },
      };
    }
  }
}

function mapProducer(
  a: Producer,
  out: ValueBuf,
  rep: Producer['rep'],
  each: (f: PacketFields, A: ValueBuf, i: number, k: number) => void,
): Producer {
  return {
    rep,
    out,
    load(f) {
      if (!a.load(f)) return false;
      const A = a.out;
      out.n = 0;
      for (let i = 0; i < A.n; i++) {
        const k = out.add();
        out.recs[k] = -1;
        each(f, A, i, k);
      }
      return true;
    },
  };
}
