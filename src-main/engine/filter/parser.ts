// Recursive-descent parser for display filters, with Wireshark's precedence:
//   or  <  xor  <  and  <  not  <  comparison  <  &  <  + -  <  * / %  <  unary -  <  slice
// Keywords are lower case only, as in Wireshark. Sets may separate items with commas (as
// Wireshark 4 requires) or with whitespace (as Wireshark 3 did and people still type).

import type { ArithOp, CompareOp, FilterNode, RangeSpec, SetItem, Span } from './ast.js';
import { fail } from './errors.js';
import { tokenize, type Token } from './lexer.js';

const COMPARE_OPS: Record<string, CompareOp> = {
  '==': 'any_eq',
  eq: 'any_eq',
  any_eq: 'any_eq',
  '!=': 'all_ne',
  ne: 'all_ne',
  all_ne: 'all_ne',
  '===': 'all_eq',
  all_eq: 'all_eq',
  '!==': 'any_ne',
  '~=': 'any_ne',
  any_ne: 'any_ne',
  '<': 'lt',
  lt: 'lt',
  '<=': 'le',
  le: 'le',
  '>': 'gt',
  gt: 'gt',
  '>=': 'ge',
  ge: 'ge',
  contains: 'contains',
  matches: 'matches',
  '~': 'matches',
};

/** Words that are operators, never fields or literals. */
export const KEYWORDS = new Set([
  'and', 'or', 'xor', 'not', 'in', 'contains', 'matches', 'eq', 'ne', 'lt', 'le', 'gt', 'ge',
  'any_eq', 'all_eq', 'any_ne', 'all_ne', 'bitwise_and',
]);

export function parseFilter(text: string): FilterNode | null {
  const p = new Parser(text, tokenize(text));
  if (p.peek().kind === 'eof') return null;
  const node = p.parseExpr();
  p.expectEnd();
  return node;
}

/** Deepest nesting of parentheses, negations and operator chains accepted (keeps evaluation off the stack limit). */
const MAX_DEPTH = 200;

class Parser {
  private pos = 0;
  private depth = 0;
  /** operators in the arithmetic chain being parsed (each nests the left operand) */
  private chain = 0;

  constructor(
    private readonly text: string,
    private readonly toks: Token[],
  ) {}

  peek(ahead = 0): Token {
    return this.toks[Math.min(this.pos + ahead, this.toks.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (this.pos < this.toks.length - 1) this.pos++;
    return t;
  }

  /** Counts one more level of nesting at token `t`; call `leave()` when it ends. */
  private enter(t: Token): void {
    if (++this.depth > MAX_DEPTH) fail(`The filter is nested too deeply (more than ${MAX_DEPTH} levels).`, t.start, t.end);
  }

  private leave(levels = 1): void {
    this.depth -= levels;
  }

  private isPunct(t: Token, s: string): boolean {
    return t.kind === 'punct' && t.text === s;
  }

  private isWord(t: Token, s: string): boolean {
    return t.kind === 'word' && t.text === s;
  }

  unexpected(t: Token): never {
    if (t.kind === 'eof') fail('Unexpected end of filter expression.', t.start, t.end);
    const shown = t.kind === 'slice' ? this.text.slice(t.start, t.end) : t.text;
    let hint = '';
    if (this.isPunct(t, '=')) hint = ' Use "==" to test for equality.';
    else if (this.isPunct(t, '$') || this.isPunct(t, '@')) hint = ' Field references and raw fields are not supported.';
    else if (this.isPunct(t, '|') || this.isPunct(t, '^')) hint = ' Use "||" (or) or "^^" (xor).';
    else if (t.kind === 'word' && KEYWORDS.has(t.text.toLowerCase()) && !KEYWORDS.has(t.text)) hint = ' Keywords are written in lower case.';
    fail(`"${shown}" was unexpected in this context.${hint}`, t.start, t.end);
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.kind !== 'eof') this.unexpected(t);
  }

  parseExpr(): FilterNode {
    return this.parseOr();
  }

  private parseOr(): FilterNode {
    let a = this.parseXor();
    while (this.isWord(this.peek(), 'or') || this.isPunct(this.peek(), '||')) {
      this.next();
      const b = this.parseXor();
      a = { k: 'logic', op: 'or', a, b, start: a.start, end: b.end };
    }
    return a;
  }

  private parseXor(): FilterNode {
    let a = this.parseAnd();
    while (this.isWord(this.peek(), 'xor') || this.isPunct(this.peek(), '^^')) {
      this.next();
      const b = this.parseAnd();
      a = { k: 'logic', op: 'xor', a, b, start: a.start, end: b.end };
    }
    return a;
  }

  private parseAnd(): FilterNode {
    let a = this.parseNot();
    while (this.isWord(this.peek(), 'and') || this.isPunct(this.peek(), '&&')) {
      this.next();
      const b = this.parseNot();
      a = { k: 'logic', op: 'and', a, b, start: a.start, end: b.end };
    }
    return a;
  }

  private parseNot(): FilterNode {
    const t = this.peek();
    if (this.isWord(t, 'not') || this.isPunct(t, '!')) {
      this.next();
      this.enter(t);
      const a = this.parseNot();
      this.leave();
      return { k: 'not', a, start: t.start, end: a.end };
    }
    return this.parseRelation();
  }

  private compareOpAt(t: Token): CompareOp | undefined {
    if (t.kind === 'punct' || t.kind === 'word') return Object.prototype.hasOwnProperty.call(COMPARE_OPS, t.text) ? COMPARE_OPS[t.text] : undefined;
    return undefined;
  }

  private parseRelation(): FilterNode {
    const a = this.parseValue();
    const t = this.peek();
    const op = this.compareOpAt(t);
    if (op) {
      this.next();
      const b = this.parseValue();
      const after = this.peek();
      if (this.compareOpAt(after) || this.isWord(after, 'in')) {
        fail('Comparisons cannot be chained; combine them with "and".', after.start, after.end);
      }
      return { k: 'compare', op, opSpan: { start: t.start, end: t.end }, a, b, start: a.start, end: b.end };
    }
    if (this.isWord(t, 'in') || (this.isWord(t, 'not') && this.isWord(this.peek(1), 'in'))) {
      const negated = t.text === 'not';
      this.next();
      if (negated) this.next();
      const { items, end } = this.parseSet();
      return { k: 'in', negated, a, items, start: a.start, end };
    }
    return a;
  }

  private parseSet(): { items: SetItem[]; end: number } {
    const open = this.peek();
    if (!this.isPunct(open, '{')) {
      if (open.kind === 'eof') this.unexpected(open);
      fail(`A set in braces must follow "in", as in "tcp.port in {80, 443}"; "${open.text}" was unexpected.`, open.start, open.end);
    }
    this.next();
    const items: SetItem[] = [];
    for (;;) {
      const t = this.peek();
      if (this.isPunct(t, '}')) {
        if (items.length === 0) fail('A set must have at least one member.', open.start, t.end);
        this.next();
        return { items, end: t.end };
      }
      const lo = this.parseUnary();
      let hi: FilterNode | null = null;
      if (this.isPunct(this.peek(), '..')) {
        this.next();
        hi = this.parseUnary();
      }
      items.push({ lo, hi, start: lo.start, end: (hi ?? lo).end });
      if (this.isPunct(this.peek(), ',')) {
        this.next();
        if (this.isPunct(this.peek(), '}')) this.unexpected(this.peek());
      } else if (!this.isPunct(this.peek(), '}') && this.peek().kind !== 'eof' && !this.peek().spaced) {
        this.unexpected(this.peek());
      } else if (this.peek().kind === 'eof') {
        this.unexpected(this.peek());
      }
    }
  }

  /** A value: bitwise-and of sums of products of unary terms. */
  private parseValue(): FilterNode {
    const outer = this.chain;
    this.chain = 0;
    try {
      return this.parseBitAnd();
    } finally {
      this.chain = outer;
    }
  }

  private parseBitAnd(): FilterNode {
    let a = this.parseAdditive();
    for (;;) {
      const t = this.peek();
      if (!(this.isPunct(t, '&') || this.isWord(t, 'bitwise_and'))) return a;
      this.next();
      const b = this.parseAdditive();
      a = this.arith('&', t, a, b);
    }
  }

  private arith(op: ArithOp, t: Token, a: FilterNode, b: FilterNode): FilterNode {
    this.chain++;
    if (this.depth + this.chain > MAX_DEPTH) fail(`The expression is too long (more than ${MAX_DEPTH} operators in a row).`, t.start, t.end);
    return { k: 'arith', op, opSpan: { start: t.start, end: t.end }, a, b, start: a.start, end: b.end };
  }

  private parseAdditive(): FilterNode {
    let a = this.parseMultiplicative();
    for (;;) {
      const t = this.peek();
      if (!(this.isPunct(t, '+') || this.isPunct(t, '-'))) return a;
      this.next();
      const b = this.parseMultiplicative();
      a = this.arith(t.text as ArithOp, t, a, b);
    }
  }

  private parseMultiplicative(): FilterNode {
    let a = this.parseUnary();
    for (;;) {
      const t = this.peek();
      if (!(this.isPunct(t, '*') || this.isPunct(t, '/') || this.isPunct(t, '%'))) return a;
      this.next();
      const b = this.parseUnary();
      a = this.arith(t.text as ArithOp, t, a, b);
    }
  }

  private parseUnary(): FilterNode {
    const t = this.peek();
    if (this.isPunct(t, '-')) {
      this.next();
      this.enter(t);
      const a = this.parseUnary();
      this.leave();
      return { k: 'neg', a, start: t.start, end: a.end };
    }
    if (this.isPunct(t, '+')) {
      while (this.isPunct(this.peek(), '+')) this.next();
      return this.parseUnary();
    }
    return this.parsePostfix();
  }

  private parsePostfix(): FilterNode {
    let a = this.parsePrimary();
    while (this.peek().kind === 'slice') {
      const t = this.next();
      const ranges = parseRanges(t, 'slice');
      a = { k: 'slice', a, ranges, rangeSpan: { start: t.start, end: t.end }, start: a.start, end: t.end };
    }
    return a;
  }

  private parsePrimary(): FilterNode {
    const t = this.peek();
    switch (t.kind) {
      case 'string':
        this.next();
        return { k: 'string', bytes: t.bytes!, raw: !!t.raw, start: t.start, end: t.end };
      case 'char':
        this.next();
        return { k: 'char', code: t.code!, start: t.start, end: t.end };
      case 'word':
        if (KEYWORDS.has(t.text)) this.unexpected(t);
        this.next();
        if (this.isPunct(this.peek(), '(')) return this.parseCall(t);
        return this.parseLayer(t);
      case 'punct':
        if (t.text === '(' || t.text === '{') {
          this.next();
          const close = t.text === '(' ? ')' : '}';
          this.enter(t);
          const a = close === ')' ? this.parseExpr() : this.parseValue();
          this.leave();
          const c = this.peek();
          if (!this.isPunct(c, close)) {
            if (c.kind === 'eof') fail(`The "${t.text}" at column ${t.start + 1} is never closed with "${close}".`, t.start, t.end);
            this.unexpected(c);
          }
          this.next();
          return { k: 'group', a, braces: close === '}', start: t.start, end: c.end };
        }
        return this.unexpected(t);
      default:
        return this.unexpected(t);
    }
  }

  private parseCall(name: Token): FilterNode {
    this.next(); // (
    this.enter(name);
    const args: FilterNode[] = [];
    if (!this.isPunct(this.peek(), ')')) {
      for (;;) {
        args.push(this.parseValue());
        if (this.isPunct(this.peek(), ',')) {
          this.next();
          continue;
        }
        break;
      }
    }
    const c = this.peek();
    if (!this.isPunct(c, ')')) {
      if (c.kind === 'eof') fail(`The call of ${name.text}() is never closed with ")".`, name.start, c.end);
      this.unexpected(c);
    }
    this.next();
    this.leave();
    return { k: 'call', name: name.text, nameSpan: { start: name.start, end: name.end }, args, start: name.start, end: c.end };
  }

  private parseLayer(w: Token): FilterNode {
    const hash = this.peek();
    if (!this.isPunct(hash, '#') || hash.spaced) return { k: 'word', text: w.text, layers: null, layerSpan: null, start: w.start, end: w.end };
    this.next();
    const t = this.peek();
    let layers: RangeSpec[];
    if (t.kind === 'slice' && !t.spaced) {
      layers = parseRanges(t, 'layer');
    } else if (t.kind === 'word' && !t.spaced && /^\d+$/.test(t.text)) {
      layers = [{ from: Number(t.text), len: 1 }];
    } else {
      fail('A layer number ("#2") or a range of layers ("#[1-2]") must follow "#".', hash.start, t.kind === 'eof' || t.spaced ? hash.end : t.end);
    }
    this.next();
    for (const r of layers) {
      if (r.from < 1 || (r.to !== undefined && r.to < 1)) fail('Layers are numbered from 1.', t.start, t.end);
    }
    return { k: 'word', text: w.text, layers, layerSpan: { start: hash.start, end: t.end }, start: w.start, end: t.end };
  }
}

/** Parses the body of a `[...]` token: comma-separated `i:j`, `i-j`, `i`, `:j`, `i:`. */
function parseRanges(t: Token, what: 'slice' | 'layer'): RangeSpec[] {
  const out: RangeSpec[] = [];
  let at = t.start + 1;
  for (const part of t.text.split(',')) {
    const s = part.trim();
    const lead = part.length - part.trimStart().length;
    const span: Span = { start: at + lead, end: at + lead + Math.max(1, s.length) };
    at += part.length + 1;
    let m: RegExpExecArray | null;
    if ((m = /^(-?\d+)\s*:\s*(\d+)?$/.exec(s))) {
      const len = m[2] === undefined ? null : Number(m[2]);
      if (len !== null && len <= 0) fail(`Range ${s} isn't valid because length ${len} isn't positive.`, span.start, span.end);
      out.push({ from: Number(m[1]), len });
    } else if ((m = /^:\s*(\d+)$/.exec(s))) {
      const len = Number(m[1]);
      if (len <= 0) fail(`Range ${s} isn't valid because length ${len} isn't positive.`, span.start, span.end);
      out.push({ from: 0, len });
    } else if ((m = /^(-?\d+)\s*-\s*(-?\d+)$/.exec(s))) {
      const from = Number(m[1]);
      const to = Number(m[2]);
      if ((from < 0) !== (to < 0)) fail(`Range ${s} isn't valid because ${from} and ${to} have different signs.`, span.start, span.end);
      if (to < from) {
        fail(`Range ${s} isn't valid because ${from} is greater than ${to}.`, span.start, span.end);
      }
      out.push({ from, len: null, to });
    } else if ((m = /^(-?\d+)$/.exec(s))) {
      out.push({ from: Number(m[1]), len: 1 });
    } else {
      fail(
        what === 'slice'
          ? `"${s}" is not a valid range; use [i:length], [i-j], [i], [:length] or [i:].`
          : `"${s}" is not a valid layer range; use #[i-j] or #[i].`,
        span.start,
        span.end,
      );
    }
  }
  return out;
}
