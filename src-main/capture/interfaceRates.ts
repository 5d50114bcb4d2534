// Live rx/tx rates per interface for the interface picker's sparklines: samples the
// /proc/net/dev counters (through the helper for another namespace) at a fixed interval
// and emits rates computed from consecutive samples.

import { EventEmitter } from 'node:events';
import { listInterfaces } from './interfaceList.js';
import { readProcNetDev, type DevCounters } from './procNetDev.js';

export interface InterfaceRate {
  name: string;
  rxBytesPerS: number;
  txBytesPerS: number;
  rxPacketsPerS: number;
  txPacketsPerS: number;
}

/**
 * Rates between two samples `dtMs` apart, for interfaces present in both. A counter that
 * went down (interface re-created, counters reset) gives 0 rather than a negative rate.
 */
export function computeRates(prev: Map<string, DevCounters>, next: Map<string, DevCounters>, dtMs: number): InterfaceRate[] {
  const out: InterfaceRate[] = [];
  if (dtMs <= 0) return out;
  const per = (a: number, b: number) => Math.max(0, b - a) * (1000 / dtMs);
  for (const [name, b] of next) {
    const a = prev.get(name);
    if (!a) continue;
    out.push({
      name,
      rxBytesPerS: per(a.rxBytes, b.rxBytes),
      txBytesPerS: per(a.txBytes, b.txBytes),
      rxPacketsPerS: per(a.rxPackets, b.rxPackets),
      txPacketsPerS: per(a.txPackets, b.txPackets),
    });
  }
  return out;
}

export type RateMonitorEvents = {
  sample: [rates: InterfaceRate[], counters: Map<string, DevCounters>];
  error: [err: Error];
};

export interface RateMonitorOptions {
  netns?: string;
  intervalMs?: number;
  helperPath?: string | null;
}

export class InterfaceRateMonitor extends EventEmitter<RateMonitorEvents> {
  private timer: NodeJS.Timeout | null = null;
  private prev: { at: number; counters: Map<string, DevCounters> } | null = null;
  private sampling = false;

  constructor(private readonly o: RateMonitorOptions = {}) {
    super();
  }

  start(): void {
    if (this.timer) return;
    void this.sample();
    this.timer = setInterval(() => void this.sample(), this.o.intervalMs ?? 1000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.prev = null;
  }

  private async read(): Promise<Map<string, DevCounters>> {
    if (!this.o.netns) return readProcNetDev();
    const listing = await listInterfaces({ netns: this.o.netns, helperPath: this.o.helperPath });
    return new Map(listing.interfaces.filter((i) => i.counters).map((i) => [i.name, i.counters!]));
  }

  private async sample(): Promise<void> {
    if (this.sampling) return; // a slow helper must not pile up samples
    this.sampling = true;
    try {
      const counters = await this.read();
      const at = performance.now();
      if (this.prev && this.timer) this.emit('sample', computeRates(this.prev.counters, counters, at - this.prev.at), counters);
      this.prev = { at, counters };
    } catch (err) {
      // an EventEmitter throws on an 'error' nobody listens to: sampling errors are not fatal
      if (this.listenerCount('error') > 0) this.emit('error', err as Error);
    } finally {
      this.sampling = false;
    }
  }
}
