// One tshark-style summary line per packet (No., Time, Source → Destination, Protocol,
// Length, Info), for `wiresight read` and for packets arriving during a live capture.

import type { CaptureReader } from '../engine/read/captureReader.js';
import { PacketPass } from '../engine/pass/packetPass.js';
import { standardAnalyzers } from '../engine/pass/standardAnalyzers.js';
import { summaryColumns } from '../engine/output/summary.js';
import { TimeFormatter, type TimeFormat } from '../engine/output/timeFormat.js';

export function timeDigits(reader: CaptureReader): number {
  // tshark prints nanoseconds for any resolution finer than a microsecond (nsec, 2^-20...)
  return reader.interfaces.some((i) => i.tsResolution !== 'usec' && i.tsResolution !== 'msec') ? 9 : 6;
}

/** Formats summary lines for packets coming out of a PacketPass, keeping first/previous times. */
export class SummaryLineFormatter {
  private time_: TimeFormatter | null = null;
  private prevSec = 0;
  private prevNsec = 0;

  constructor(
    private readonly format: TimeFormat,
    private readonly digits: () => number,
  ) {}

  /**
   * Formats the packet's time column and advances the "previous packet" time; call for
   * every packet, displayed or not, so relative and delta times count from the file.
   */
  time(pass: PacketPass): string {
    const m = pass.meta;
    if (!this.time_) {
      this.time_ = new TimeFormatter(this.format, this.digits(), m.tsSec, m.tsNsec);
      this.prevSec = m.tsSec;
      this.prevNsec = m.tsNsec;
    }
    const t = this.time_.text(m.tsSec, m.tsNsec, this.prevSec, this.prevNsec);
    this.prevSec = m.tsSec;
    this.prevNsec = m.tsNsec;
    return t;
  }

  /** The whole summary line; `t` is what time() returned for this packet. */
  line(pass: PacketPass, t = this.time(pass)): string {
    const m = pass.meta;
    const s = summaryColumns(pass.f, pass.c);
    const no = String(m.number).padStart(5);
    const info = s.info ? ' ' + s.info : '';
    return `${no} ${t.padStart(12)} ${s.src.padStart(12)} → ${s.dst.padEnd(12)} ${s.protocol} ${m.origLen}${info}`;
  }
}

const following = new WeakMap<CaptureReader, { pass: PacketPass; fmt: SummaryLineFormatter }>();

/**
 * Prints a line for every complete packet the reader has now and returns how many; call
 * again as a live capture's file grows (the pass and its stream numbering continue).
 */
export function printSummaries(reader: CaptureReader, write: (line: string) => void): number {
  let state = following.get(reader);
  if (!state) {
    state = { pass: new PacketPass(reader, standardAnalyzers()), fmt: new SummaryLineFormatter('relative', () => timeDigits(reader)) };
    following.set(reader, state);
  }
  let n = 0;
  while (state.pass.next()) {
    write(state.fmt.line(state.pass));
    n++;
  }
  return n;
}
