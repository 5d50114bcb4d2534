// Entry point of the engine worker thread: the only place that parses packets. Takes
// WireRequests from the backend over the worker port, answers with WireResponses, and
// pushes events (progress, filter progress, flow changes) as WireEvents.

import { parentPort } from 'node:worker_threads';
import { toWireError } from '../../api/apiError.js';
import type { WireEvent, WireRequest, WireResponse } from '../../api/wire.js';
import { EngineDispatcher } from './engineDispatcher.js';
import type { EngineMethodName } from './engineMethods.js';

const port = parentPort;
if (!port) throw new Error('engineWorker.js must run as a worker thread');

const engine = new EngineDispatcher((event, data) => {
  const msg: WireEvent = { t: 'evt', event, data };
  port.postMessage(msg);
});

port.on('message', (req: WireRequest) => {
  engine
    .call(req.method as EngineMethodName, req.params as never)
    .then(
      (result): WireResponse => ({ t: 'res', id: req.id, ok: true, result: result ?? null }),
      (err): WireResponse => ({ t: 'res', id: req.id, ok: false, error: toWireError(err) }),
    )
    .then((res) => port.postMessage(res));
});
