// Type checker: turns the syntax tree into the checked form (ir.ts). It resolves words to
// registered fields, converts each literal to the type of the value it is compared with
// (so `ip.src == 10.0.0.0/8` reads an IPv4 network, `eth.src[0:3] == 00:1b:21` three
// bytes), checks operators against types and reports each mistake with its columns.

import { fieldByName as registeredField, type FieldDef } from '../fields/fieldRegistry.js';
import type { CompareOp, FilterNode, Span } from './ast.js';
import { fail } from './errors.js';
import type { FunctionName, SetMember, Test, Val, ValueClass } from './ir.js';
import { repOf } from './ir.js';
import { charLiteral, checkRange, constant, looksLikeFieldName, stringLiteral, wordLiteral } from './literalValues.js';
import { EXPERT_DEFS } from './expertFields.js';
import { compileRegex } from './regex.js';
import { suggestField } from './suggest.js';
import { CLASS_NAMES, classOfField, compatible, isByteClass, isNumClass, type Ctx } from './valueClasses.js';

const FUNCTIONS: readonly FunctionName[] = ['len', 'count', 'upper', 'lower', 'string', 'abs', 'max', 'min'];

const OP_NAMES: Record<CompareOp, string> = {
  any_eq: '==',
  all_ne: '!=',
  all_eq: '===',
  any_ne: '!==',
  lt: '<',
  le: '<=',
  gt: '>',
  ge: '>=',
  contains: 'contains',
  matches: 'matches',
};

const utf8 = new TextDecoder('utf-8');

/** A registered field, or one of the virtual expert fields (`_ws.expert.severity`...). */
function fieldByName(name: string): FieldDef | undefined {
  return EXPERT_DEFS[name] ?? registeredField(name);
}

function span(n: Span): Span {
  return { start: n.start, end: n.end };
}

export class Checker {
  constructor(private readonly text: string) {}

  private src(n: Span): string {
    return this.text.slice(n.start, n.end);
  }

  private unknownField(n: FilterNode & { k: 'word' }): never {
    const guess = suggestField(n.text);
    fail(`"${n.text}" is neither a field nor a protocol name.${guess ? ` Did you mean "${guess}"?` : ''}`, n.start, n.start + n.text.length);
  }

  /** Whether a value depends on the packet (contains a field or a function), so it can give a literal its type. */
  private typed(n: FilterNode): boolean {
    switch (n.k) {
      case 'word':
        return fieldByName(n.text) !== undefined;
      case 'call':
        return true;
      case 'slice':
      case 'neg':
      case 'group':
        return this.typed(n.a);
      case 'arith':
        return this.typed(n.a) || this.typed(n.b);
      default:
        return false;
    }
  }

  checkTest(n: FilterNode): Test {
    switch (n.k) {
      case 'logic': {
        // the parser builds left-deep chains; walk the left spine without recursing
        const right: FilterNode[] = [];
        let left: FilterNode = n;
        while (left.k === 'logic' && left.op === n.op) {
          right.push(left.b);
          left = left.a;
        }
        const items = [this.checkTest(left)];
        for (let i = right.length - 1; i >= 0; i--) items.push(this.checkTest(right[i]!));
        return { k: 'logic', op: n.op, items };
      }
      case 'not':
        return { k: 'not', a: this.checkTest(n.a) };
      case 'compare':
        return this.checkCompare(n);
      case 'in':
        return this.checkIn(n);
      case 'group':
        return n.braces ? this.valueAsTest(n.a) : this.checkTest(n.a);
      default:
        return this.valueAsTest(n);
    }
  }

  /** A value standing alone: a field or slice tests presence, arithmetic tests for non-zero. */
  private valueAsTest(n: FilterNode): Test {
    switch (n.k) {
      case 'word': {
        const def = fieldByName(n.text);
        if (!def) this.unknownField(n);
        return { k: 'exists', v: this.fieldRef(n, def, true) };
      }
      case 'slice':
        return { k: 'exists', v: this.checkValue(n, null) };
      case 'arith':
      case 'neg':
        if (!this.typed(n)) fail(`"${this.src(n)}" does not involve a field, so it cannot be tested.`, n.start, n.end);
        return { k: 'truthy', v: this.checkValue(n, null) };
      case 'call':
        fail(`You cannot test whether a function is present; compare its result, as in "${n.name}(...) > 0".`, n.nameSpan.start, n.nameSpan.end);
      case 'group':
        return n.braces ? this.valueAsTest(n.a) : this.checkTest(n.a);
      case 'string':
      case 'char':
        fail(`${this.src(n)} is neither a field nor a protocol name.`, n.start, n.end);
      default:
        return this.checkTest(n);
    }
  }

  private fieldRef(n: FilterNode & { k: 'word' }, def: FieldDef, allowNone: boolean): Val {
    const cls = classOfField(def);
    if (!cls && !allowNone) {
      fail(`"${def.name}" is a label without a value; test only whether it is present ("${def.name}").`, n.start, n.start + n.text.length);
    }
    let protoId = -1;
    if (n.layers && def.id < 0) fail(`${def.name} is computed for the whole packet and has no layers.`, n.layerSpan!.start, n.layerSpan!.end);
    if (n.layers) {
      const proto = fieldByName(def.protocol);
      if (proto) protoId = proto.id;
    }
    // a value-less field is only ever tested for presence; its class is never read
    return { k: 'field', cls: cls ?? 'bytes', def, protoId, layers: n.layers, ...span(n) };
  }

  private ctxOf(v: Val): Ctx {
    return { cls: v.cls, field: v.k === 'field' ? v.def : null };
  }

  private checkCompare(n: FilterNode & { k: 'compare' }): Test {
    const op = n.op;
    let a: Val;
    let b: Val;
    if (this.typed(n.a)) {
      a = this.checkValue(n.a, null);
      this.checkOperator(op, a, n);
      if (op === 'matches') return this.checkMatches(n, a);
      b = this.checkValue(n.b, this.operandCtx(op, a));
    } else if (this.typed(n.b)) {
      b = this.checkValue(n.b, null);
      if (op === 'contains' || op === 'matches') {
        fail(`The left side of "${OP_NAMES[op]}" must be a field or a function, not ${this.src(n.a)}.`, n.a.start, n.a.end);
      }
      a = this.checkValue(n.a, this.operandCtx(op, b));
    } else {
      this.noFieldInComparison(n.a, n.b, OP_NAMES[op]);
    }
    this.checkOperator(op, a, n);
    this.checkCompatible(a, b, n.b);
    return { k: 'cmp', op, a, b, regex: null };
  }

  private noFieldInComparison(a: FilterNode, b: FilterNode, op: string): never {
    if (a.k === 'word') this.unknownField(a);
    if (b.k === 'word' && looksLikeFieldName(b.text)) this.unknownField(b);
    fail(`Neither side of "${op}" is a field or a function, so the comparison does not depend on the packet.`, a.start, b.end);
  }

  private operandCtx(op: CompareOp, v: Val): Ctx {
    // "contains" looks for a run of bytes, which need not be a whole address
    if (op === 'contains' && (v.cls === 'ether' || v.cls === 'ipv6')) return { cls: 'bytes', field: null };
    return this.ctxOf(v);
  }

  private describe(v: Val): string {
    return v.k === 'field' ? v.def.name : `"${this.src(v)}"`;
  }

  private checkOperator(op: CompareOp, a: Val, n: FilterNode & { k: 'compare' }): void {
    if (op !== 'contains' && op !== 'matches') return;
    if (a.cls === 'bytes' || a.cls === 'string' || a.cls === 'ether') return;
    fail(
      `${this.describe(a)} (${CLASS_NAMES[a.cls]}) cannot participate in "${OP_NAMES[op]}" comparison; it works on strings and byte strings.`,
      a.start,
      a.end,
    );
    void n;
  }

  private checkMatches(n: FilterNode & { k: 'compare' }, a: Val): Test {
    if (n.b.k !== 'string') {
      fail(`The right side of "matches" must be a quoted regular expression, like "^GET ".`, n.b.start, n.b.end);
    }
    const bytes = n.b.bytes;
    // strings are matched as text; byte values as one character per byte (Latin-1)
    const pattern = repOf(a.cls) === 'str' ? utf8.decode(bytes) : latin1(bytes);
    const r = compileRegex(pattern);
    if (!r.ok) fail(r.message, n.b.start, n.b.end);
    const b = constant(n.b, 'string', { str: pattern });
    return { k: 'cmp', op: 'matches', a, b, regex: r.re };
  }

  private checkCompatible(a: Val, b: Val, at: Span): void {
    if (compatible(a.cls, b.cls)) return;
    fail(
      `${this.describe(a)} and ${this.describe(b)} are not of compatible types (${CLASS_NAMES[a.cls]} and ${CLASS_NAMES[b.cls]}).`,
      at.start,
      at.end,
    );
  }

  private checkIn(n: FilterNode & { k: 'in' }): Test {
    if (!this.typed(n.a)) {
      if (n.a.k === 'word') this.unknownField(n.a);
      fail(`The left side of "in" must be a field or a function, not ${this.src(n.a)}.`, n.a.start, n.a.end);
    }
    const a = this.checkValue(n.a, null);
    const ctx = this.ctxOf(a);
    const items: SetMember[] = n.items.map((it) => {
      const lo = this.checkValue(it.lo, ctx);
      this.checkCompatible(a, lo, it.lo);
      let hi: Val | null = null;
      if (it.hi) {
        hi = this.checkValue(it.hi, ctx);
        this.checkCompatible(a, hi, it.hi);
        if (a.cls === 'bool') fail('A range of booleans makes no sense; list the values.', it.start, it.end);
      }
      return { lo, hi };
    });
    return { k: 'in', a, items, negated: n.negated };
  }

  /** Checks a value; `ctx` gives literals their type (null: the value must depend on the packet). */
  checkValue(n: FilterNode, ctx: Ctx | null): Val {
    switch (n.k) {
      case 'word': {
        const def = fieldByName(n.text);
        if (def) return this.fieldRef(n, def, false);
        if (!ctx) this.unknownField(n);
        if (n.layers) fail(`Only fields can have a layer ("#"); "${n.text}" is not a field.`, n.layerSpan!.start, n.layerSpan!.end);
        return wordLiteral(n, ctx);
      }
      case 'string':
        if (!ctx) fail(`${this.src(n)} is neither a field nor a protocol name.`, n.start, n.end);
        return stringLiteral(n, ctx);
      case 'char':
        if (!ctx) fail(`${this.src(n)} is neither a field nor a protocol name.`, n.start, n.end);
        return charLiteral(n, ctx);
      case 'group':
        if (!n.braces && (n.a.k === 'logic' || n.a.k === 'not' || n.a.k === 'compare' || n.a.k === 'in')) {
          fail('A test cannot be used as a value.', n.start, n.end);
        }
        return { ...this.checkValue(n.a, ctx), start: n.start, end: n.end };
      case 'neg':
        return this.checkNeg(n, ctx);
      case 'arith':
        return this.checkArith(n, ctx);
      case 'slice':
        return this.checkSlice(n);
      case 'call':
        return this.checkCall(n);
      default:
        fail('A test cannot be used as a value.', n.start, n.end);
    }
  }

  private checkNeg(n: FilterNode & { k: 'neg' }, ctx: Ctx | null): Val {
    if (!this.typed(n.a)) {
      if (!ctx) fail(`"${this.src(n)}" does not involve a field.`, n.start, n.end);
      if (!isNumClass(ctx.cls) && ctx.cls !== 'time') fail(`Only numbers can be negated, not ${CLASS_NAMES[ctx.cls]}.`, n.start, n.end);
      const v = this.checkValue(n.a, { cls: ctx.cls, field: null });
      if (v.k === 'const') {
        const num = -v.num;
        if (ctx.cls === 'int') checkRange(num, n, this.src(n), ctx.field);
        return { ...v, num, start: n.start, end: n.end };
      }
      return { k: 'neg', cls: v.cls, a: v, ...span(n) };
    }
    const a = this.checkValue(n.a, null);
    if (!isNumClass(a.cls)) fail(`${this.describe(a)} is ${CLASS_NAMES[a.cls]} and cannot be negated.`, n.start, n.end);
    return { k: 'neg', cls: a.cls, a, ...span(n) };
  }

  private checkArith(n: FilterNode & { k: 'arith' }, ctx: Ctx | null): Val {
    let a: Val;
    let b: Val;
    if (this.typed(n.a)) {
      a = this.checkValue(n.a, null);
      this.checkArithOperand(n, a);
      b = this.checkValue(n.b, this.ctxOf(a));
    } else if (this.typed(n.b)) {
      b = this.checkValue(n.b, null);
      this.checkArithOperand(n, b);
      a = this.checkValue(n.a, this.ctxOf(b));
    } else if (ctx) {
      a = this.checkValue(n.a, ctx);
      b = this.checkValue(n.b, ctx);
    } else {
      return fail(`"${this.src(n)}" does not involve a field.`, n.start, n.end);
    }
    this.checkArithOperand(n, a);
    this.checkArithOperand(n, b);
    let cls: ValueClass;
    if (n.op === '&') {
      if (a.cls === b.cls) cls = a.cls;
      else if (isByteClass(a.cls) && isByteClass(b.cls)) cls = 'bytes';
      else if (isNumClass(a.cls) && isNumClass(b.cls)) cls = 'int';
      else return fail(`${this.describe(a)} and ${this.describe(b)} cannot be combined with "&" (${CLASS_NAMES[a.cls]} and ${CLASS_NAMES[b.cls]}).`, n.opSpan.start, n.opSpan.end);
    } else {
      cls = a.cls === 'int' && b.cls === 'int' ? 'int' : 'float';
    }
    return { k: 'arith', cls, op: n.op, a, b, ...span(n) };
  }

  private checkArithOperand(n: FilterNode & { k: 'arith' }, v: Val): void {
    if (n.op === '&') {
      if (v.cls === 'int' || v.cls === 'ipv4' || isByteClass(v.cls)) return;
      fail(`${this.describe(v)} is ${CLASS_NAMES[v.cls]} and cannot be used with "&".`, v.start, v.end);
    }
    if (isNumClass(v.cls)) return;
    fail(`${this.describe(v)} is ${CLASS_NAMES[v.cls]} and cannot be used with "${n.op}"; arithmetic works on numbers.`, v.start, v.end);
  }

  private checkSlice(n: FilterNode & { k: 'slice' }): Val {
    if (!this.typed(n.a)) fail(`Only fields and function results can be sliced, not ${this.src(n.a)}.`, n.a.start, n.a.end);
    const a = this.checkValue(n.a, null);
    if (!(isByteClass(a.cls) || a.cls === 'ipv4' || a.cls === 'string')) {
      fail(`${this.describe(a)} is ${CLASS_NAMES[a.cls]} and cannot be sliced into a sequence of bytes.`, n.a.start, n.a.end);
    }
    return { k: 'slice', cls: 'bytes', a, ranges: n.ranges, ...span(n) };
  }

  private checkCall(n: FilterNode & { k: 'call' }): Val {
    const fn = FUNCTIONS.find((x) => x === n.name);
    if (!fn) {
      const lower = FUNCTIONS.find((x) => x === n.name.toLowerCase());
      fail(
        `Function '${n.name}' does not exist.${lower ? ` Did you mean '${lower}'?` : ` The functions are ${FUNCTIONS.join('(), ')}().`}`,
        n.nameSpan.start,
        n.nameSpan.end,
      );
    }
    const one = (): FilterNode => {
      if (n.args.length !== 1) fail(`${fn}() takes exactly one argument.`, n.start, n.end);
      return n.args[0]!;
    };
    const needTyped = (arg: FilterNode): Val => {
      if (!this.typed(arg)) {
        if (arg.k === 'word') this.unknownField(arg);
        fail(`The argument of ${fn}() must be a field, not ${this.src(arg)}.`, arg.start, arg.end);
      }
      return this.checkValue(arg, null);
    };
    const call = (cls: ValueClass, args: Val[]): Val => ({ k: 'call', cls, fn, args, ...span(n) });
    switch (fn) {
      case 'count': {
        const arg = one();
        if (arg.k !== 'word' || !fieldByName(arg.text)) {
          if (arg.k === 'word') this.unknownField(arg);
          fail('Only fields can be used as parameter for count().', arg.start, arg.end);
        }
        return call('int', [this.fieldRef(arg, fieldByName(arg.text)!, true)]);
      }
      case 'len':
        return call('int', [needTyped(one())]);
      case 'string':
        return call('string', [needTyped(one())]);
      case 'upper':
      case 'lower': {
        const v = needTyped(one());
        if (v.cls !== 'string') fail(`${fn}() works on strings; ${this.describe(v)} is ${CLASS_NAMES[v.cls]}.`, v.start, v.end);
        return call('string', [v]);
      }
      case 'abs': {
        const v = needTyped(one());
        if (!isNumClass(v.cls)) fail(`abs() works on numbers; ${this.describe(v)} is ${CLASS_NAMES[v.cls]}.`, v.start, v.end);
        return call(v.cls, [v]);
      }
      case 'max':
      case 'min': {
        if (n.args.length === 0) fail(`${fn}() needs at least one argument.`, n.start, n.end);
        const firstTyped = n.args.find((x) => this.typed(x));
        if (!firstTyped) fail(`At least one argument of ${fn}() must be a field.`, n.start, n.end);
        const ref = this.checkValue(firstTyped, null);
        if (repOf(ref.cls) !== 'num' || ref.cls === 'bool') {
          fail(`${fn}() works on numbers and addresses; ${this.describe(ref)} is ${CLASS_NAMES[ref.cls]}.`, ref.start, ref.end);
        }
        const args = n.args.map((x) => (x === firstTyped ? ref : this.checkValue(x, this.typed(x) ? null : this.ctxOf(ref))));
        for (const v of args) this.checkCompatible(ref, v, v);
        return call(args.every((v) => v.cls === 'int') ? 'int' : args.some((v) => v.cls === 'float') ? 'float' : ref.cls, args);
      }
    }
  }
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}
