// Display-filter errors: what went wrong and which columns of the filter text it concerns,
// so the command line can print a caret under the mistake and the UI can underline it.

/** A filter the compiler rejected; `start`/`end` are 0-based columns [start, end) in the text. */
export interface FilterError {
  message: string;
  start: number;
  end: number;
}

/** Thrown inside the compiler and turned into a FilterError at the API boundary. */
export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

export function fail(message: string, start: number, end: number): never {
  throw new FilterSyntaxError(message, start, end);
}

export function isFilterError(x: unknown): x is FilterError {
  return typeof x === 'object' && x !== null && 'message' in x && 'start' in x && !('match' in x);
}

/**
 * The message, the filter text and a caret line under the offending columns, as tshark
 * prints it (`^~~~`). Tabs before the error are repeated so the caret lines up.
 */
export function formatFilterError(text: string, e: FilterError): string {
  const start = Math.max(0, Math.min(e.start, text.length));
  const end = Math.max(start, Math.min(e.end, text.length));
  let pad = '';
  for (let i = 0; i < start; i++) pad += text[i] === '\t' ? '\t' : ' ';
  const marks = '^' + '~'.repeat(Math.max(0, end - start - 1));
  return `${e.message}\n    ${text}\n    ${pad}${marks}`;
}
