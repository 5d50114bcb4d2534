// frame.time_relative (since the first packet) and frame.time_delta (since the previous
// one): generated from the packet order, so they are an analyzer, not part of dissection.

import { fieldByName } from '../fields/fieldRegistry.js';
import { GENERATED, type PacketFields } from '../fields/packetFields.js';
import type { DissectCtx } from '../dissect/context.js';
import type { Analyzer } from '../pass/analyzer.js';
import type { LeanPacket } from '../lean/leanPacket.js';

/** Capture time of a packet by index, for on-demand dissection (the packet index supplies it). */
export type PacketTime = (packet: number) => number;

export class FrameTimeAnalyzer implements Analyzer {
  private first = NaN;
  private prev = NaN;
  private readonly relative = fieldByName('frame.time_relative')!.id;
  private readonly delta = fieldByName('frame.time_delta')!.id;
  private readonly frame = fieldByName('frame')!.id;
  /** set by the owner of a packet index so that any packet can be annotated later */
  timeOf: PacketTime | null = null;

  observe(f: PacketFields, c: DissectCtx): void {
    const t = c.meta.tsSec + c.meta.tsNsec / 1e9;
    if (Number.isNaN(this.first)) this.first = t;
    this.record(f, t - this.first, Number.isNaN(this.prev) ? 0 : t - this.prev);
    this.prev = t;
  }

  observeLean(p: LeanPacket): void {
    const t = p.tsSec + p.tsNsec / 1e9;
    if (Number.isNaN(this.first)) this.first = t;
    this.prev = t;
  }

  annotate(f: PacketFields, c: DissectCtx, packet: number): void {
    if (!this.timeOf) return;
    const t = c.meta.tsSec + c.meta.tsNsec / 1e9;
    this.record(f, t - this.timeOf(0), packet > 0 ? t - this.timeOf(packet - 1) : 0);
  }

  private record(f: PacketFields, relative: number, delta: number): void {
    const saved = f.parent;
    f.parent = f.first(this.frame);
    f.add(this.relative, 0, 0, relative, GENERATED);
    f.add(this.delta, 0, 0, delta, GENERATED);
    f.parent = saved;
  }
}
