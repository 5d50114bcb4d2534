// Writes summary lines in a thread of its own: takes the records the pass puts in the
// shared ring (summaryRecords.ts), builds each line as the in-thread printer does (the
// same formatter, address texts and Info writers) and writes it to the file descriptor.
// When the output closes (`| head`), it says so in the ring's user word and drains the rest.

import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import type { FrameMeta } from '../engine/dissect/context.js';
import type { TimeFormat } from '../engine/output/timeFormat.js';
import { LeanPacket } from '../engine/lean/leanPacket.js';
import { LeanLineColumns } from '../engine/lean/leanColumns.js';
import { LeanLineNotes, writeLeanInfo } from '../engine/lean/leanSummary.js';
import { RING, type RingMemory } from '../engine/threads/recordRing.js';
import { runConsumer } from '../engine/threads/consumerThread.js';
import { OutputBuffer } from './outputBuffer.js';
import { SummaryLineFormatter } from './summaryPrinter.js';
import { decodeFrame, decodeLean, LINE_KIND, OUTPUT_CLOSED, recordDigits } from './summaryRecords.js';

export interface SummaryWriterData {
  ring: RingMemory;
  port: MessagePort;
  format: TimeFormat;
  fd: number;
}

function run({ ring, port, format, fd }: SummaryWriterData): void {
  runConsumer(ring, port, (reader) => {
    const { i32, u8, ctl } = reader;
    const out = new OutputBuffer(fd);
    let digits = 6;
    const fmt = new SummaryLineFormatter(format, () => digits);
    const meta: FrameMeta = { number: 0, tsSec: 0, tsNsec: 0, capLen: 0, origLen: 0, linkType: 1, interfaceId: 0, direction: 0, comment: null };
    const p = new LeanPacket();
    const notes = new LeanLineNotes();
    const cols = new LeanLineColumns();
    const info = { writeInfo: (o: OutputBuffer) => writeLeanInfo(o, p, notes) };
    for (let at = reader.next(); at >= 0; at = reader.next()) {
      const kind = decodeFrame(i32, at, meta);
      const text = kind === LINE_KIND.TEXT ? (receiveMessageOnPort(port)?.message as string[] | undefined) : undefined;
      if (!out.closed) {
        digits = recordDigits(i32, at);
        fmt.advance(meta);
        if (kind === LINE_KIND.LEAN) {
          decodeLean(i32, u8, at, p, notes);
          cols.take(p);
          fmt.write(out, meta, cols, info);
        } else {
          const [src = '', dst = '', protocol = '', infoText = ''] = text ?? [];
          fmt.write(out, meta, { src, dst, protocol }, infoText);
        }
        out.endLine();
        if (out.closed) Atomics.store(ctl, RING.USER, OUTPUT_CLOSED);
      }
      reader.done();
    }
    out.flush();
    if (out.closed) Atomics.store(ctl, RING.USER, OUTPUT_CLOSED);
  });
}

run(workerData as SummaryWriterData);
