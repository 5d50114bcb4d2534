// Syntax tree of a display filter, as the parser builds it: every node keeps the columns
// it came from so the type checker can point at the exact mistake. Words are not yet
// known to be fields or literals; the checker decides with the field registry.

export interface Span {
  start: number;
  end: number;
}

/** A range inside `[...]` (slices and layer selections); `len` null means "to the end". */
export interface RangeSpec {
  /** first index; negative counts from the end */
  from: number;
  len: number | null;
  /** `i-j` form: the last index, inclusive (may be negative) */
  to?: number;
}

export type CompareOp =
  | 'any_eq' // ==
  | 'all_ne' // !=
  | 'all_eq' // ===
  | 'any_ne' // !== and ~=
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge'
  | 'contains'
  | 'matches';

export type ArithOp = '+' | '-' | '*' | '/' | '%' | '&';

export type FilterNode =
  | (Span & { k: 'logic'; op: 'and' | 'or' | 'xor'; a: FilterNode; b: FilterNode })
  | (Span & { k: 'not'; a: FilterNode })
  | (Span & { k: 'compare'; op: CompareOp; opSpan: Span; a: FilterNode; b: FilterNode })
  | (Span & { k: 'in'; negated: boolean; a: FilterNode; items: SetItem[] })
  | (Span & { k: 'word'; text: string; layers: RangeSpec[] | null; layerSpan: Span | null })
  | (Span & { k: 'string'; bytes: Uint8Array; raw: boolean })
  | (Span & { k: 'char'; code: number })
  | (Span & { k: 'slice'; a: FilterNode; ranges: RangeSpec[]; rangeSpan: Span })
  | (Span & { k: 'arith'; op: ArithOp; opSpan: Span; a: FilterNode; b: FilterNode })
  | (Span & { k: 'neg'; a: FilterNode })
  | (Span & { k: 'call'; name: string; nameSpan: Span; args: FilterNode[] })
  | (Span & { k: 'group'; a: FilterNode; braces: boolean });

export interface SetItem extends Span {
  lo: FilterNode;
  /** upper bound of a `lo..hi` range */
  hi: FilterNode | null;
}
