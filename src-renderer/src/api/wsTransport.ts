// The API over the web host's WebSocket (/api on the page's own origin; the page's cookie
// carries the access token). Requests made before the socket opens wait for it; a lost
// connection is retried, and requests in flight then fail.

import type { ApiEvents, ApiTransport, EventName, MethodName, ParamsOf, ResultOf, WireEvent, WireRequest, WireResponse } from './contractTypes';

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

export class ApiCallError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export class WsTransport implements ApiTransport {
  private ws: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly queue: string[] = [];
  private readonly listeners = new Map<string, Set<(d: unknown) => void>>();
  private retryMs = 250;
  /** called when the connection is (re)established, so views can refetch */
  onConnect: (() => void) | null = null;

  constructor(private readonly url: string) {
    this.connect();
  }

  private connect(): void {
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.retryMs = 250;
      for (const m of this.queue.splice(0)) ws.send(m);
      this.onConnect?.();
    };
    ws.onmessage = (ev) => this.receive(JSON.parse(String(ev.data)) as WireResponse | WireEvent);
    ws.onclose = () => {
      for (const p of this.pending.values()) p.reject(new ApiCallError('connection to the backend lost', 'EDISCONNECTED'));
      this.pending.clear();
      this.ws = null;
      setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 5000);
    };
  }

  private receive(m: WireResponse | WireEvent): void {
    if (m.t === 'evt') {
      for (const l of this.listeners.get(m.event) ?? []) l(m.data);
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.ok) p.resolve(m.result);
    else p.reject(new ApiCallError(m.error.message, m.error.code));
  }

  invoke<K extends MethodName>(method: K, params: ParamsOf<K>): Promise<ResultOf<K>> {
    const id = this.nextId++;
    const req: WireRequest = { t: 'req', id, method, params };
    const text = JSON.stringify(req);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(text);
      else this.queue.push(text);
    });
  }

  subscribe<E extends EventName>(event: E, listener: (data: ApiEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const l = listener as (d: unknown) => void;
    set.add(l);
    return () => set.delete(l);
  }
}
