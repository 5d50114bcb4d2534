// The messages every transport carries (WebSocket frames, Electron IPC payloads, worker
// messages): a request with an id, its response, and pushed events. Types only, so the
// renderer's WebSocket transport and the backend agree on one shape.

import type { EventName, MethodName } from './contract.js';

export interface WireRequest {
  t: 'req';
  id: number;
  method: MethodName;
  params: unknown;
}

export interface WireError {
  message: string;
  /** machine-readable reason when there is one (a capture error code, 'EBADPARAMS', ...) */
  code?: string;
}

export type WireResponse =
  | { t: 'res'; id: number; ok: true; result: unknown }
  | { t: 'res'; id: number; ok: false; error: WireError };

export interface WireEvent {
  t: 'evt';
  event: EventName;
  data: unknown;
}

export type WireMessage = WireRequest | WireResponse | WireEvent;
