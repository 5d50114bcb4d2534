// One tshark-style summary line per packet (No., Time, Source → Destination, Protocol,
// Length, Info), for `wiresight read` and for packets arriving during a live capture.
// Ordinary packets take the lean path (no dissection, see engine/lean/leanSummary.ts);
// the rest are dissected in full; both give the same line.

import type { CaptureReader } from '../engine/read/captureReader.js';
import type { FrameMeta } from '../engine/dissect/context.js';
import type { Analyzer } from '../engine/pass/analyzer.js';
import { PacketPass } from '../engine/pass/packetPass.js';
import { summaryAnalyzers } from '../engine/pass/standardAnalyzers.js';
import { summaryColumns, type SummaryColumns } from '../engine/output/summary.js';
import { TimeFormatter, type TimeFormat } from '../engine/output/timeFormat.js';
import { LeanSummary } from '../engine/lean/leanSummary.js';

export function timeDigits(reader: CaptureReader): number {
  // tshark prints nanoseconds for any resolution finer than a microsecond (nsec, 2^-20...)
  return reader.interfaces.some((i) => i.tsResolution !== 'usec' && i.tsResolution !== 'msec') ? 9 : 6;
}

/** Distinct address pairs kept with their padded text before the cache starts over (bounds memory on scans). */
const MAX_PAIRS = 1 << 16;

/** Formats summary lines for packets coming out of a PacketPass, keeping first/previous times. */
export class SummaryLineFormatter {
  private time_: TimeFormatter | null = null;
  private prevSec = 0;
  private prevNsec = 0;
  /** "  10.0.0.1 → 10.0.0.2    " by source, then destination: most lines repeat a pair seen before */
  private pairs = new Map<string, Map<string, string>>();
  private pairCount = 0;

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

  /** The whole summary line of the packet dissected in `pass`; `t` is what time() returned for it. */
  line(pass: PacketPass, t = this.time(pass)): string {
    return this.compose(pass.meta, t, summaryColumns(pass.f, pass.c));
  }

  /** The line of a packet from its columns, however they were found. */
  compose(m: FrameMeta, t: string, s: SummaryColumns): string {
    const no = String(m.number).padStart(5);
    const info = s.info ? ' ' + s.info : '';
    return `${no} ${t.padStart(12)} ${this.endpoints(s.src, s.dst)} ${s.protocol} ${m.origLen}${info}`;
  }

  private endpoints(src: string, dst: string): string {
    let bySrc = this.pairs.get(src);
    if (!bySrc) {
      if (this.pairCount >= MAX_PAIRS) {
        this.pairs = new Map();
        this.pairCount = 0;
      }
      this.pairs.set(src, (bySrc = new Map()));
    }
    let text = bySrc.get(dst);
    if (text === undefined) {
      bySrc.set(dst, (text = `${src.padStart(12)} → ${dst.padEnd(12)}`));
      this.pairCount++;
    }
    return text;
  }
}

/**
 * The summary lines of a capture in file order, one per next(). Ordinary packets go the
 * lean way unless `lean` is false (the reference the lean path is tested against).
 */
export class SummaryLines {
  readonly pass: PacketPass;
  private readonly lean: LeanSummary | null;

  constructor(
    reader: CaptureReader,
    private readonly fmt: SummaryLineFormatter,
    analyzers: readonly Analyzer[] = summaryAnalyzers(),
    lean = true,
  ) {
    this.pass = new PacketPass(reader, analyzers);
    this.lean = lean ? LeanSummary.create(analyzers) : null;
  }

  /** Packets that took the lean path so far. */
  get leanPackets(): number {
    return this.lean ? this.lean.accepted : 0;
  }

  /** The next packet's line, or null when no complete packet is left (for now, on a growing file). */
  next(): string | null {
    const pass = this.pass;
    if (!pass.advance()) return null;
    const t = this.fmt.time(pass);
    const r = pass.reader;
    const lean = this.lean;
    if (lean && lean.observe(pass.meta, r.chunk, r.chunkView, r.dataStart, pass.packet)) return this.fmt.compose(pass.meta, t, lean.columns);
    pass.dissectCurrent();
    return this.fmt.line(pass, t);
  }
}

const following = new WeakMap<CaptureReader, SummaryLines>();

/**
 * Prints a line for every complete packet the reader has now and returns how many; call
 * again as a live capture's file grows (the pass and its stream numbering continue).
 */
export function printSummaries(reader: CaptureReader, write: (line: string) => void): number {
  let lines = following.get(reader);
  if (!lines) {
    lines = new SummaryLines(reader, new SummaryLineFormatter('relative', () => timeDigits(reader)));
    following.set(reader, lines);
  }
  let n = 0;
  for (let line = lines.next(); line !== null; line = lines.next()) {
    write(line);
    n++;
  }
  return n;
}
