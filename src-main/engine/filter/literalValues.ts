// Literal values of a filter, converted to the class of the value they are compared with:
// `80` becomes an integer next to tcp.port, bytes next to a slice, a value name's number
// next to ip.proto ("TCP"). Errors carry the literal's columns and, for words that look
// like misspelled fields, a hint.

import type { FieldDef } from '../fields/fieldRegistry.js';
import type { FilterNode, Span } from './ast.js';
import { fail } from './errors.js';
import type { Val, ValueClass } from './ir.js';
import {
  ipv4Mask,
  parseAbsoluteTime,
  parseByteString,
  parseDecimal,
  parseInteger,
  parseIPv4,
  parseIPv6,
  parseMac,
  type Parsed,
} from './literals.js';
import { suggestField } from './suggest.js';
import { CLASS_NAMES, type Ctx } from './valueClasses.js';

const EMPTY = new Uint8Array(0);

const utf8 = new TextDecoder('utf-8');

function span(n: Span): Span {
  return { start: n.start, end: n.end };
}

/** Whether an unquoted word was probably meant as a field name (for "did you mean" hints). */
export function looksLikeFieldName(text: string): boolean {
  return /^[A-Za-z_][\w-]*(\.[\w-]+)+$/.test(text) && /[A-Za-z]/.test(text.replace(/^[0-9a-fA-F.:-]+$/, ''));
}

export function constant(n: Span, cls: ValueClass, v: Partial<{ num: number; mask: number; bytes: Uint8Array; prefixBits: number; str: string }>): Val {
  return {
    k: 'const',
    cls,
    num: v.num ?? 0,
    mask: v.mask ?? 0xffffffff,
    bytes: v.bytes ?? EMPTY,
    prefixBits: v.prefixBits ?? -1,
    str: v.str ?? '',
    ...span(n),
  };
}

export function parsed<T>(p: Parsed<T>, n: Span, word: string | null): T {
  if (p.ok) return p.value;
  let hint = '';
  if (word !== null && looksLikeFieldName(word)) {
    const guess = suggestField(word);
    if (guess) hint = ` If you meant the field "${guess}", check its spelling.`;
  }
  fail(p.message + hint, n.start, n.end);
}

export function valueName(field: FieldDef | null, name: string): number | undefined {
  if (!field?.valueNames) return undefined;
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(field.valueNames)) if (v.toLowerCase() === want) return Number(k);
  return undefined;
}

export function checkRange(v: number, n: Span, text: string, field: FieldDef | null): void {
  if (!field || !field.bits || (field.type !== 'uint' && field.type !== 'int')) return;
  const max = field.type === 'uint' ? 2 ** field.bits - 1 : 2 ** (field.bits - 1) - 1;
  if (v > max) fail(`"${text}" too big for this field, maximum ${max}.`, n.start, n.end);
  const min = field.type === 'int' ? -(2 ** (field.bits - 1)) : -max;
  if (v < min) fail(`"${text}" too small for this field, minimum ${field.type === 'int' ? min : 0}.`, n.start, n.end);
}

export function numberLiteral(n: Span, text: string, ctx: Ctx): Val {
  const cls = ctx.cls;
  const named = valueName(ctx.field, text);
  if (cls === 'int') {
    const p = parseInteger(text);
    if (!p.ok && named !== undefined) return constant(n, cls, { num: named });
    const v = parsed(p, n, text);
    checkRange(v, n, text, ctx.field);
    return constant(n, cls, { num: v });
  }
  if (!parseDecimal(text).ok && named !== undefined) return constant(n, cls, { num: named });
  return constant(n, cls, { num: parsed(parseDecimal(text), n, text) });
}

export function wordLiteral(n: FilterNode & { k: 'word' }, ctx: Ctx): Val {
  const text = n.text;
  switch (ctx.cls) {
    case 'int':
    case 'float':
    case 'time':
      return numberLiteral(n, text, ctx);
    case 'bool': {
      const t = text.toLowerCase();
      if (t === 'true') return constant(n, 'bool', { num: 1 });
      if (t === 'false') return constant(n, 'bool', { num: 0 });
      const p = parseInteger(text);
      if (p.ok) return constant(n, 'bool', { num: p.value !== 0 ? 1 : 0 });
      const named = valueName(ctx.field, text);
      if (named !== undefined) return constant(n, 'bool', { num: named !== 0 ? 1 : 0 });
      return fail(
        `"${text}" cannot be found among the possible values for ${ctx.field?.name ?? 'a boolean'}; use True, False, 1 or 0.`,
        n.start,
        n.end,
      );
    }
    case 'ipv4': {
      const v = parsed(parseIPv4(text), n, text);
      const mask = ipv4Mask(v.bits);
      return constant(n, 'ipv4', { num: (v.addr & mask) >>> 0, mask });
    }
    case 'ipv6': {
      const v = parsed(parseIPv6(text), n, text);
      return constant(n, 'ipv6', { bytes: v.bytes, prefixBits: v.bits === 128 ? -1 : v.bits });
    }
    case 'ether':
      return constant(n, 'ether', { bytes: parsed(parseMac(text), n, text) });
    case 'bytes': {
      const b = parseByteString(text);
      if (!b.ok && /^\d+$/.test(text)) {
        fail(`"${text}" is not a valid byte string; bytes are written in hex (${Number(text) < 256 ? `0x${Number(text).toString(16).padStart(2, '0')}` : 'c0:a8'}).`, n.start, n.end);
      }
      return constant(n, 'bytes', { bytes: parsed(b, n, text) });
    }
    case 'string':
      return constant(n, 'string', { str: text });
  }
}

export function stringLiteral(n: FilterNode & { k: 'string' }, ctx: Ctx): Val {
  const text = utf8.decode(n.bytes);
  switch (ctx.cls) {
    case 'string':
      return constant(n, 'string', { str: text });
    case 'bytes':
    case 'ether':
      return constant(n, ctx.cls, { bytes: n.bytes });
    case 'ipv4':
    case 'ipv6':
      return wordLiteral({ k: 'word', text, layers: null, layerSpan: null, start: n.start, end: n.end }, ctx);
    case 'time':
      return constant(n, 'time', { num: parsed(parseAbsoluteTime(text), n, null) });
    case 'int':
    case 'float': {
      const named = valueName(ctx.field, text);
      if (named !== undefined) return constant(n, ctx.cls, { num: named });
      if (ctx.field?.valueNames) fail(`"${text}" cannot be found among the value names of ${ctx.field.name}.`, n.start, n.end);
      return fail(`${ctx.field ? ctx.field.name + ' is ' : 'This is '}${CLASS_NAMES[ctx.cls]} and cannot be converted from a string ("${text}").`, n.start, n.end);
    }
    case 'bool':
      return fail(`"${text}" cannot be found among the possible values for ${ctx.field?.name ?? 'a boolean'}; use True or False without quotes.`, n.start, n.end);
  }
}

export function charLiteral(n: FilterNode & { k: 'char' }, ctx: Ctx): Val {
  switch (ctx.cls) {
    case 'int':
    case 'float':
      return constant(n, ctx.cls, { num: n.code });
    case 'bytes':
      return constant(n, 'bytes', { bytes: Uint8Array.of(n.code) });
    case 'string':
      return constant(n, 'string', { str: String.fromCharCode(n.code) });
    default:
      return fail(`A character constant cannot be ${CLASS_NAMES[ctx.cls]}.`, n.start, n.end);
  }
}
