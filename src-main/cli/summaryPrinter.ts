// One tshark-style summary line per packet (No., Time, Source → Destination, Protocol,
// Length, Info), for `wiresight read` and for packets arriving during a live capture.
// Ordinary packets take the lean path (no dissection, see engine/lean/leanSummary.ts) and
// are written into the output as bytes; the rest are dissected in full. Both give the same line.

import type { CaptureReader } from '../engine/read/captureReader.js';
import type { FrameMeta } from '../engine/dissect/context.js';
import type { Analyzer } from '../engine/pass/analyzer.js';
import { PacketPass } from '../engine/pass/packetPass.js';
import { summaryAnalyzers } from '../engine/pass/summaryAnalyzers.js';
import { summaryColumns } from '../engine/output/summary.js';
import { encodeText, StringSink, type EncodedText, type TextSink } from '../engine/output/textSink.js';
import { TimeFormatter, type TimeFormat } from '../engine/output/timeFormat.js';
import { LeanSummary } from '../engine/lean/leanSummary.js';
import type { OutputBuffer } from './outputBuffer.js';

export function timeDigits(reader: CaptureReader): number {
  // tshark prints nanoseconds for any resolution finer than a microsecond (nsec, 2^-20...)
  return reader.interfaces.some((i) => i.tsResolution !== 'usec' && i.tsResolution !== 'msec') ? 9 : 6;
}

/** Distinct address pairs kept with their padded text before the cache starts over (bounds memory on scans). */
const MAX_PAIRS = 1 << 16;

/** The columns of a line besides No., Time, Length and Info. */
interface LineColumns {
  src: string;
  dst: string;
  protocol: string;
}

/** Info as text, or what writes it. */
type InfoSource = string | { writeInfo(out: TextSink): void };

/** Formats summary lines for packets coming out of a PacketPass, keeping first/previous times. */
export class SummaryLineFormatter {
  private time_: TimeFormatter | null = null;
  /** the time of the packet advance() saw last, and of the one before it */
  private sec = 0;
  private nsec = 0;
  private prevSec = 0;
  private prevNsec = 0;
  /** "  10.0.0.1 → 10.0.0.2    " by source, then destination: most lines repeat a pair seen before */
  private pairs = new Map<string, Map<string, EncodedText>>();
  private pairCount = 0;
  private readonly sink = new StringSink();

  constructor(
    private readonly format: TimeFormat,
    private readonly digits: () => number,
  ) {}

  /**
   * Takes the time of the packet to print next; call for every packet, displayed or not,
   * so relative and delta times count from the file.
   */
  advance(m: FrameMeta): void {
    const first = !this.time_;
    if (first) this.time_ = new TimeFormatter(this.format, this.digits(), m.tsSec, m.tsNsec);
    // the first packet is its own previous one
    this.prevSec = first ? m.tsSec : this.sec;
    this.prevNsec = first ? m.tsNsec : this.nsec;
    this.sec = m.tsSec;
    this.nsec = m.tsNsec;
  }

  /** The whole summary line of the packet dissected in `pass`, which advance() saw last. */
  line(pass: PacketPass): string {
    const s = summaryColumns(pass.f, pass.c);
    this.write(this.sink, pass.meta, s, s.info);
    return this.sink.take();
  }

  /** Writes the line of the packet advance() saw last, without its end, from its columns however they were found. */
  write(out: TextSink, m: FrameMeta, cols: LineColumns, info: InfoSource): void {
    out.uintRight(m.number, 5);
    out.text(' ');
    this.time_!.write(out, 12, this.sec, this.nsec, this.prevSec, this.prevNsec);
    out.text(' ');
    out.encoded(this.endpoints(cols.src, cols.dst));
    out.text(' ');
    out.text(cols.protocol);
    out.text(' ');
    out.uint(m.origLen);
    if (typeof info !== 'string') {
      out.text(' ');
      info.writeInfo(out);
    } else if (info) {
      out.text(' ');
      out.text(info);
    }
  }

  private endpoints(src: string, dst: string): EncodedText {
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
      bySrc.set(dst, (text = encodeText(`${src.padStart(12)} → ${dst.padEnd(12)}`)));
      this.pairCount++;
    }
    return text;
  }
}

/**
 * Prints the summary lines of a capture in file order, one per printNext(). Ordinary
 * packets go the lean way unless `lean` is false (the reference the lean path is tested against).
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

  /** Writes the next packet's line; false when no complete packet is left (for now, on a growing file). */
  printNext(out: OutputBuffer): boolean {
    const pass = this.pass;
    if (!pass.advance()) return false;
    this.fmt.advance(pass.meta);
    const r = pass.reader;
    const lean = this.lean;
    if (lean && lean.observe(pass.meta, r.chunk, r.chunkView, r.dataStart, pass.packet)) {
      this.fmt.write(out, pass.meta, lean.columns, lean);
    } else {
      pass.dissectCurrent();
      const s = summaryColumns(pass.f, pass.c);
      this.fmt.write(out, pass.meta, s, s.info);
    }
    out.endLine();
    return true;
  }
}

const following = new WeakMap<CaptureReader, SummaryLines>();

/**
 * Prints a line for every complete packet the reader has now and returns how many; call
 * again as a live capture's file grows (the pass and its stream numbering continue).
 */
export function printSummaries(reader: CaptureReader, out: OutputBuffer): number {
  let lines = following.get(reader);
  if (!lines) {
    lines = new SummaryLines(reader, new SummaryLineFormatter('relative', () => timeDigits(reader)));
    following.set(reader, lines);
  }
  let n = 0;
  while (lines.printNext(out)) n++;
  return n;
}
