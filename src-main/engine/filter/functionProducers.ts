// The filter functions len(), count(), upper(), lower(), string(), abs(), max() and min()
// as producers: each maps its argument's entries (max/min reduce them) into its own
// reusable buffer. count() of an absent field and max()/min() of nothing give no value.

import { formatIPv4Number } from '../fields/addressFormat.js';
import { formatFieldValue } from '../fields/fieldFormat.js';
import type { PacketFields } from '../fields/packetFields.js';
import type { Val } from './ir.js';
import { layerFilter } from './layers.js';
import { ValueBuf, type Producer } from './valueBuf.js';

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

export function callProducer(v: Val & { k: 'call' }, compileValue: (v: Val) => Producer): Producer {
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
