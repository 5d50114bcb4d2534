// Summary lines written by a thread of their own (what `wiresight read` does on a big file)
// must be the bytes the in-thread printer writes. Every corpus capture and TCP analysis
// scenario is compared that way by summaryParity.ts; here: delta and epoch times, a packet
// limit, and a pipe whose reader has gone (the pass stops, nothing hangs).

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CaptureReader } from '../../../src-main/engine/read/captureReader.js';
import type { TimeFormat } from '../../../src-main/engine/output/timeFormat.js';
import { OutputBuffer } from '../../../src-main/cli/outputBuffer.js';
import { SummaryLineFormatter, SummaryLines, timeDigits } from '../../../src-main/cli/summaryPrinter.js';
import { ThreadedSummaryLines } from '../../../src-main/cli/threadedSummaryLines.js';
import { CORPUS_DIR } from '../engine/corpusFiles.js';
import { assertSameLines, summariseThreaded } from '../engine/lean/summaryParity.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-threaded-lines-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

async function inThread(file: string, format: TimeFormat, limit: number): Promise<string> {
  const reader = await CaptureReader.open(file);
  try {
    const blocks: Uint8Array[] = [];
    const out = new OutputBuffer((b) => blocks.push(b));
    const lines = new SummaryLines(reader, new SummaryLineFormatter(format, () => timeDigits(reader)));
    for (let n = 0; n < limit && lines.printNext(out); n++);
    out.flush();
    return Buffer.concat(blocks).toString('utf8');
  } finally {
    reader.close();
  }
}

test('threaded lines keep delta and epoch times and stop at a packet limit', { timeout: 60_000 }, async () => {
  const file = CORPUS_DIR + 'lab-a.pcap';
  for (const format of ['delta', 'epoch'] as const) {
    assertSameLines(await summariseThreaded(file, format), await inThread(file, format, Infinity), format);
  }
  const ten = await summariseThreaded(file, 'relative', 10);
  assert.equal(ten.split('\n').length - 1, 10);
  assertSameLines(ten, await inThread(file, 'relative', 10), 'the first 10');
});

test('threaded lines into a pipe nobody reads any more: the pass learns and stops, nothing hangs', { timeout: 60_000 }, async () => {
  const fifo = path.join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  // a reader first, so that opening for writing does not block; then it goes away
  const readEnd = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  const writeEnd = fs.openSync(fifo, 'w');
  fs.closeSync(readEnd);
  const reader = await CaptureReader.open(CORPUS_DIR + 'lab-a.pcap');
  try {
    const lines = ThreadedSummaryLines.start(reader, 'relative', writeEnd)!;
    let handed = 0;
    while (!lines.outputClosed && lines.printNext()) handed++;
    lines.finish();
    assert.ok(handed > 0);
    assert.equal(lines.outputClosed, true, 'the writer reports the closed output');
  } finally {
    fs.closeSync(writeEnd);
    reader.close();
  }
});
