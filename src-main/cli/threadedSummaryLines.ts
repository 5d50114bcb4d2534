// Summary lines of a big file with the writing in a thread of its own: this side runs the
// pass (reading, lean decoding, the analyzers) and puts each line's makings in the shared
// ring (summaryRecords.ts); summaryWriterThread.ts builds and writes the lines. The output
// is the one SummaryLines prints (test/unit/cli/threadedSummaryLines.test.ts).

import type { CaptureReader } from '../engine/read/captureReader.js';
import type { TimeFormat } from '../engine/output/timeFormat.js';
import { PacketPass } from '../engine/pass/packetPass.js';
import { summaryAnalyzers } from '../engine/pass/summaryAnalyzers.js';
import { summaryColumns } from '../engine/output/summary.js';
import { LeanSummary } from '../engine/lean/leanSummary.js';
import { ConsumerThread } from '../engine/threads/consumerThread.js';
import { encodeFrame, encodeLean, LINE_KIND, OUTPUT_CLOSED, SUMMARY_RECORD_WORDS } from './summaryRecords.js';
import type { SummaryWriterData } from './summaryWriterThread.js';
import { timeDigits } from './summaryPrinter.js';

/** files from this size on have their lines written in a thread of their own */
export const SUMMARY_THREAD_MIN_BYTES = 32 * 2 ** 20;

const THREAD_URL = new URL('./summaryWriterThread.js', import.meta.url);
/** records in the ring (about 6 MB) */
const RING_RECORDS = 32768;

export class ThreadedSummaryLines {
  private readonly pass: PacketPass;
  private readonly lean: LeanSummary | null;
  private readonly thread: ConsumerThread;
  private digits = -1;

  /** Lines go to file descriptor `fd`; null when no thread can be started (print in this one then). */
  static start(reader: CaptureReader, format: TimeFormat, fd = 1): ThreadedSummaryLines | null {
    try {
      return new ThreadedSummaryLines(reader, format, fd);
    } catch {
      return null;
    }
  }

  private constructor(reader: CaptureReader, format: TimeFormat, fd: number) {
    const analyzers = summaryAnalyzers();
    this.pass = new PacketPass(reader, analyzers);
    this.lean = LeanSummary.create(analyzers);
    this.thread = new ConsumerThread(THREAD_URL, RING_RECORDS, SUMMARY_RECORD_WORDS, (ring, port): SummaryWriterData => ({ ring, port, format, fd }));
  }

  /** The output closed (a pipe whose reader went away): no point in going on. */
  get outputClosed(): boolean {
    return this.thread.user === OUTPUT_CLOSED;
  }

  /** Hands the next packet's line over; false when no complete packet is left. */
  printNext(): boolean {
    const pass = this.pass;
    if (!pass.advance()) return false;
    const r = pass.reader;
    const m = pass.meta;
    // as the in-thread printer: the digits as the interfaces stand at the first packet
    if (this.digits < 0) this.digits = timeDigits(r);
    const w = this.thread.writer;
    const at = w.reserve();
    const lean = this.lean;
    if (lean && lean.observe(m, r.chunk, r.chunkView, r.dataStart, pass.packet, false)) {
      encodeFrame(w.i32, at, LINE_KIND.LEAN, m, this.digits);
      encodeLean(w.i32, w.u8, at, lean.p, lean.notes);
    } else {
      pass.dissectCurrent();
      const s = summaryColumns(pass.f, pass.c);
      encodeFrame(w.i32, at, LINE_KIND.TEXT, m, this.digits);
      // before the record is committed, so the thread finds the texts when it reaches it
      this.thread.port.postMessage([s.src, s.dst, s.protocol, s.info]);
    }
    w.commit();
    return true;
  }

  /** Waits until every line handed over is written. */
  finish(): void {
    this.thread.finish();
  }
}
