// Display filters evaluated straight on the packet index columns, for MARK.lean packets:
// the common shapes (a numeric field compared with a constant or tested against a set,
// a field's presence, and/or/xor/not over those) become predicates that read a column or
// two per packet, with no record at all. Every field here yields the values full
// dissection records for an ordinary packet (the same ones lean/indexRecord.ts writes);
// any other shape compiles to null and the caller falls back to a rebuilt record.

import { fieldId } from '../fields/fieldRegistry.js';
import type { PacketIndex } from '../index/packetIndex.js';
import type { Test, Val } from '../filter/ir.js';
import { isAllOp, numRelation, relationOf } from '../filter/compare.js';
import { REPORTS, TA, TA_F, type TcpAnalyzer } from '../analysis/tcpAnalysis.js';
import { FLAG_BITS } from '../dissect/tcp.js';
import { ABSENT_PROTOCOLS } from './indexRecord.js';

/** Writes a field's values for packet i into `out` (at most two); returns how many. */
type Values = (i: number, out: Float64Array) => number;
type Predicate = (i: number) => boolean;

/** Values of the fields the columns hold, by field id. */
function fieldValues(x: PacketIndex, tcp: TcpAnalyzer | null): Map<number, Values> {
  const m = new Map<number, Values>();
  const set = (name: string, v: Values): void => {
    m.set(fieldId(name), v);
  };
  const one = (out: Float64Array, v: number): number => {
    out[0] = v;
    return 1;
  };
  const two = (out: Float64Array, a: number, b: number): number => {
    out[0] = a;
    out[1] = b;
    return 2;
  };
  const a = x.addresses;
  const isV4 = (i: number): boolean => a.kind(x.src.data[i]!) === 4;
  const l4 = (i: number): number => x.l4.data[i]!;
  set('frame', (_i, out) => one(out, 0));
  set('frame.number', (i, out) => one(out, i + 1));
  set('frame.len', (i, out) => one(out, x.origLen.data[i]!));
  set('frame.cap_len', (i, out) => one(out, x.capLen.data[i]!));
  set('ip', (i, out) => (isV4(i) ? one(out, 0) : 0));
  set('ip.src', (i, out) => (isV4(i) ? one(out, a.ipv4(x.src.data[i]!)) : 0));
  set('ip.dst', (i, out) => (isV4(i) ? one(out, a.ipv4(x.dst.data[i]!)) : 0));
  set('ip.addr', (i, out) => (isV4(i) ? two(out, a.ipv4(x.src.data[i]!), a.ipv4(x.dst.data[i]!)) : 0));
  set('ip.proto', (i, out) => (isV4(i) ? one(out, l4(i) || 1) : 0));
  set('ipv6', (i, out) => (isV4(i) ? 0 : one(out, 0)));
  set('ipv6.nxt', (i, out) => (isV4(i) ? 0 : one(out, l4(i))));
  for (const [proto, n] of [['tcp', 6], ['udp', 17]] as const) {
    set(proto, (i, out) => (l4(i) === n ? one(out, 0) : 0));
    set(`${proto}.srcport`, (i, out) => (l4(i) === n ? one(out, x.srcPort.data[i]!) : 0));
    set(`${proto}.dstport`, (i, out) => (l4(i) === n ? one(out, x.dstPort.data[i]!) : 0));
    set(`${proto}.port`, (i, out) => (l4(i) === n ? two(out, x.srcPort.data[i]!, x.dstPort.data[i]!) : 0));
    set(`${proto}.stream`, (i, out) => (l4(i) === n ? one(out, x.stream.data[i]!) : 0));
  }
  set('icmp', (i, out) => (l4(i) === 0 ? one(out, 0) : 0));
  set('tcp.flags', (i, out) => (l4(i) === 6 ? one(out, x.tcpFlags.data[i]!) : 0));
  for (const [fid, mask] of FLAG_BITS) {
    m.set(fid, (i, out) => (l4(i) === 6 ? one(out, x.tcpFlags.data[i]! & mask ? 1 : 0) : 0));
  }
  const flagged = (bits: number): Values => (i, out) => (tcp && l4(i) === 6 && tcp.flagsOf(i) & bits ? one(out, 0) : 0);
  for (const [bit, fid] of REPORTS) m.set(fid, flagged(bit));
  m.set(TA_F.duplicateAck, flagged(TA.duplicateAck));
  m.set(TA_F.flags, flagged(~(TA.finActive | TA.finPassive)));
  m.set(TA_F.finActive, flagged(TA.finActive));
  m.set(TA_F.finPassive, flagged(TA.finPassive));
  return m;
}

export class IndexPredicates {
  private readonly values: Map<number, Values>;
  private readonly out = new Float64Array(2);

  constructor(index: PacketIndex, tcp: TcpAnalyzer | null) {
    this.values = fieldValues(index, tcp);
  }

  /** A predicate over lean packets equivalent to the test, or null when the test has another shape. */
  compile(t: Test): Predicate | null {
    switch (t.k) {
      case 'true':
        return () => true;
      case 'exists': {
        const v = this.field(t.v);
        if (v === 'absent') return () => false;
        if (!v) return null;
        const out = this.out;
        return (i) => v(i, out) > 0;
      }
      case 'not': {
        const a = this.compile(t.a);
        return a && ((i) => !a(i));
      }
      case 'logic': {
        const items = t.items.map((x) => this.compile(x));
        if (items.some((x) => x === null)) return null;
        const ps = items as Predicate[];
        if (ps.length === 2) {
          const [p, q] = ps as [Predicate, Predicate];
          if (t.op === 'and') return (i) => p(i) && q(i);
          if (t.op === 'or') return (i) => p(i) || q(i);
          return (i) => p(i) !== q(i);
        }
        if (t.op === 'and') return (i) => ps.every((p) => p(i));
        if (t.op === 'or') return (i) => ps.some((p) => p(i));
        return (i) => ps.reduce((acc, p) => acc !== p(i), false);
      }
      case 'cmp':
        return this.compare(t);
      case 'in':
        return this.member(t);
      default:
        return null;
    }
  }

  /** The values of a plain field the columns answer, 'absent' for one ordinary packets never have. */
  private field(v: Val): Values | 'absent' | null {
    if (v.k !== 'field' || v.layers || v.def.id < 0) return null;
    if (ABSENT_PROTOCOLS.has(v.def.name.split('.')[0]!)) return 'absent';
    return this.values.get(v.def.id) ?? null;
  }

  private numericField(v: Val): Values | null {
    if (v.cls !== 'int' && v.cls !== 'bool' && v.cls !== 'ipv4') return null;
    const f = this.field(v);
    return f === 'absent' ? null : f;
  }

  private compare(t: Test & { k: 'cmp' }): Predicate | null {
    const { a, b } = t;
    if (b.k !== 'const' || t.regex) return null;
    const get = this.numericField(a);
    const r = relationOf(t.op);
    if (!get || r === 'contains' || r === 'matches') return null;
    const rel = numRelation(r);
    const c = b.num;
    const mask = b.mask;
    const bool = a.cls === 'bool';
    const all = isAllOp(t.op);
    const out = this.out;
    return (i) => {
      const n = get(i, out);
      if (n === 0) return false;
      for (let k = 0; k < n; k++) {
        let v = out[k]!;
        if (bool) v = v !== 0 ? 1 : 0;
        if (mask !== 0xffffffff) v = (v & mask) >>> 0;
        if (rel(v, c) !== all) return !all;
      }
      return all;
    };
  }

  private member(t: Test & { k: 'in' }): Predicate | null {
    const get = this.numericField(t.a);
    if (!get || !t.items.every((it) => it.lo.k === 'const' && (!it.hi || it.hi.k === 'const'))) return null;
    const lo = t.items.map((it) => (it.lo as Val & { k: 'const' }).num);
    const hi = t.items.map((it) => (it.hi ? (it.hi as Val & { k: 'const' }).num : (it.lo as Val & { k: 'const' }).num));
    const masks = t.items.map((it) => (it.hi ? 0xffffffff : (it.lo as Val & { k: 'const' }).mask));
    const bool = t.a.cls === 'bool';
    const out = this.out;
    const any: Predicate = (i) => {
      const n = get(i, out);
      for (let k = 0; k < n; k++) {
        const x = bool ? (out[k] !== 0 ? 1 : 0) : out[k]!;
        for (let j = 0; j < lo.length; j++) {
          const y = masks[j] !== 0xffffffff ? (x & masks[j]!) >>> 0 : x;
          if (y >= lo[j]! && y <= hi[j]!) return true;
        }
      }
      return false;
    };
    return t.negated ? (i) => !any(i) : any;
  }
}
