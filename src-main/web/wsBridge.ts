// Carries the API over one WebSocket: requests in (checked), responses and every backend
// event out. Slow clients lose progress events rather than growing the send buffer.

import type { WebSocket } from 'ws';
import { toWireError } from '../api/apiError.js';
import type { Backend } from '../api/backend/backend.js';
import { isMethodName } from '../api/paramCheck.js';
import type { WireEvent, WireRequest, WireResponse } from '../api/wire.js';

/** Above this many queued bytes, droppable events are skipped for this client. */
const MAX_BUFFERED = 8 << 20;
const DROPPABLE = new Set(['fileProgress', 'filterProgress', 'flowsChanged']);

function parse(text: string): WireRequest | null {
  try {
    const m = JSON.parse(text) as Partial<WireRequest>;
    if (m && m.t === 'req' && typeof m.id === 'number' && isMethodName(m.method)) return m as WireRequest;
  } catch {
    // not JSON: ignored below
  }
  return null;
}

export function bridgeSocket(ws: WebSocket, backend: Backend): void {
  const send = (m: WireResponse | WireEvent): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
  };
  const stop = backend.events.listen((event, data) => {
    if (DROPPABLE.has(event) && ws.bufferedAmount > MAX_BUFFERED) return;
    send({ t: 'evt', event, data });
  });
  ws.on('message', (raw, isBinary) => {
    const req = isBinary ? null : parse(raw.toString());
    if (!req) {
      ws.close(1003, 'not an API request');
      return;
    }
    backend.invoke(req.method, req.params).then(
      (result) => send({ t: 'res', id: req.id, ok: true, result: result ?? null }),
      (err) => send({ t: 'res', id: req.id, ok: false, error: toWireError(err) }),
    );
  });
  ws.on('close', stop);
  ws.on('error', stop);
}
