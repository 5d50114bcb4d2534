// The error a handler throws when the caller should see a reason it can act on (a code
// plus a message); transports turn it into a WireError instead of a stack trace.

import type { WireError } from './wire.js';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What goes over the wire for any thrown value. */
export function toWireError(err: unknown): WireError {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' ? { message: err.message, code } : { message: err.message };
  }
  return { message: String(err) };
}
