// The backend's handle on the engine worker thread: sends it requests, matches responses
// by id, forwards its events, and starts a fresh worker if the old one died.

import { Worker } from 'node:worker_threads';
import { ApiError } from '../apiError.js';
import type { EventName } from '../contract.js';
import type { WireEvent, WireRequest, WireResponse } from '../wire.js';
import type { EngineMethodName, EngineMethods } from '../../engine/worker/engineMethods.js';

const WORKER_URL = new URL('../../engine/worker/engineWorker.js', import.meta.url);

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

export class EngineClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly onEvent: (event: EventName, data: unknown) => void) {}

  call<K extends EngineMethodName>(method: K, params: EngineMethods[K]['params']): Promise<EngineMethods[K]['result']> {
    const w = this.ensureWorker();
    const id = this.nextId++;
    const req: WireRequest = { t: 'req', id, method: method as WireRequest['method'], params };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      w.postMessage(req);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(WORKER_URL);
    w.on('message', (m: WireResponse | WireEvent) => {
      if (m.t === 'evt') {
        this.onEvent(m.event, m.data);
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new ApiError(m.error.code ?? 'EENGINE', m.error.message));
    });
    const died = (why: string): void => {
      if (this.worker !== w) return;
      this.worker = null;
      for (const p of this.pending.values()) p.reject(new ApiError('EENGINE', `the engine stopped: ${why}`));
      this.pending.clear();
      this.onEvent('fileClosed', null);
    };
    w.on('error', (err) => died(err.message));
    w.on('exit', (code) => died(`exit code ${code}`));
    this.worker = w;
    return w;
  }

  async terminate(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
