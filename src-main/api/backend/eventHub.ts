// Fans backend events out to every connected UI (Electron windows, WebSocket clients).

import type { ApiEvents, EventName } from '../contract.js';

export type AnyEventListener = (event: EventName, data: unknown) => void;

export class EventHub {
  private readonly listeners = new Set<AnyEventListener>();

  emit<E extends EventName>(event: E, data: ApiEvents[E]): void {
    for (const l of [...this.listeners]) {
      try {
        l(event, data);
      } catch {
        // one broken connection must not stop the others from hearing the event
      }
    }
  }

  /** Listens to every event; returns the function that stops listening. */
  listen(l: AnyEventListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  get size(): number {
    return this.listeners.size;
  }
}
