// Display filters: Wireshark's filter language compiled once into a predicate over a
// packet's field record (PacketFields). The command line's -Y and the UI's filter bar call
// compileFilter; a FilterError carries the columns of the mistake for a caret or underline.

import type { PacketFields } from '../fields/packetFields.js';
import { Checker } from './check.js';
import { FilterSyntaxError, type FilterError } from './errors.js';
import type { Test, Val } from './ir.js';
import { compileTest } from './compileTest.js';
import { expertFieldIds } from './expertFields.js';
import { parseFilter } from './parser.js';

export { formatFilterError, isFilterError, type FilterError } from './errors.js';
export type { Test } from './ir.js';

export interface CompiledFilter {
  /** the filter as given */
  text: string;
  /** ids of the fields it reads (a dissection pass must record at least these) */
  fields: number[];
  /**
   * Whether it reads only the fields' values: no slices of their bytes and no layer
   * numbers, so a record holding just those fields with their values answers it.
   */
  valuesOnly: boolean;
  match(f: PacketFields): boolean;
  /** the checked filter, for evaluators that work on something other than field records */
  test: Test;
}

/** Compiles a display filter; an empty (or all-blank) filter matches every packet. */
export function compileFilter(text: string): CompiledFilter | FilterError {
  try {
    const ast = parseFilter(text);
    const test: Test = ast ? new Checker(text).checkTest(ast) : { k: 'true' };
    const ids = new Set<number>();
    const shape = { valuesOnly: true };
    collectFields(test, ids, shape);
    return { text, fields: [...ids].sort((x, y) => x - y), valuesOnly: shape.valuesOnly, match: compileTest(test), test };
  } catch (e) {
    if (e instanceof FilterSyntaxError) return { message: e.message, start: e.start, end: e.end };
    throw e;
  }
}

interface Shape {
  valuesOnly: boolean;
}

function collectFields(t: Test, out: Set<number>, shape: Shape): void {
  switch (t.k) {
    case 'true':
      return;
    case 'exists':
    case 'truthy':
      return collectValueFields(t.v, out, shape);
    case 'logic':
      for (const item of t.items) collectFields(item, out, shape);
      return;
    case 'not':
      return collectFields(t.a, out, shape);
    case 'cmp':
      collectValueFields(t.a, out, shape);
      return collectValueFields(t.b, out, shape);
    case 'in':
      collectValueFields(t.a, out, shape);
      for (const it of t.items) {
        collectValueFields(it.lo, out, shape);
        if (it.hi) collectValueFields(it.hi, out, shape);
      }
  }
}

function collectValueFields(v: Val, out: Set<number>, shape: Shape): void {
  switch (v.k) {
    case 'field':
      if (v.def.id < 0) {
        for (const id of expertFieldIds()) out.add(id);
        return;
      }
      out.add(v.def.id);
      if (v.layers) {
        shape.valuesOnly = false;
        if (v.protoId >= 0) out.add(v.protoId);
      }
      return;
    case 'const':
      return;
    case 'slice':
      shape.valuesOnly = false;
      return collectValueFields(v.a, out, shape);
    case 'neg':
      return collectValueFields(v.a, out, shape);
    case 'arith':
      collectValueFields(v.a, out, shape);
      return collectValueFields(v.b, out, shape);
    case 'call':
      for (const a of v.args) collectValueFields(a, out, shape);
  }
}
