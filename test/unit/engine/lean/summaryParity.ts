// Test helper: a capture's summary lines printed through the lean path (the summary
// analyzers, as `wiresight read` runs them) against those of a pass that dissects every
// packet with the standard analyzers, and against the lines written by a thread of their
// own (as `wiresight read` does on a big file). Used on the corpus and on the hand-built
// TCP scenarios of the analysis tests.

import assert from 'node:assert/strict';
import { CaptureFile } from '../../../../src-main/engine/captureFile.js';
import { CaptureReader } from '../../../../src-main/engine/read/captureReader.js';
import { standardAnalyzers } from '../../../../src-main/engine/pass/standardAnalyzers.js';
import { SummaryLineFormatter, SummaryLines, timeDigits } from '../../../../src-main/cli/summaryPrinter.js';
import { OutputBuffer } from '../../../../src-main/cli/outputBuffer.js';
import { ThreadedSummaryLines } from '../../../../src-main/cli/threadedSummaryLines.js';
import type { TimeFormat } from '../../../../src-main/engine/output/timeFormat.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';

export interface Summaries {
  /** the lines as `wiresight read` writes them (an Info may hold a line break of its own) */
  text: string;
  packets: number;
  /** packets that took the lean path */
  lean: number;
}

/** Every summary line of a capture, with the lean path or with full dissection only. */
export async function summarise(path: string, lean: boolean): Promise<Summaries> {
  const reader = await CaptureReader.open(path);
  try {
    const fmt = new SummaryLineFormatter('relative', () => timeDigits(reader));
    const s = lean ? new SummaryLines(reader, fmt) : new SummaryLines(reader, fmt, standardAnalyzers(), false);
    // the bytes `wiresight read` would write
    const blocks: Uint8Array[] = [];
    const out = new OutputBuffer((block) => blocks.push(block));
    let n = 0;
    while (s.printNext(out)) n++;
    out.flush();
    return { text: Buffer.concat(blocks).toString('utf8'), packets: n, lean: s.leanPackets };
  } finally {
    reader.close();
  }
}

/** The first `limit` summary lines of a capture as the writer thread writes them (into a file). */
export async function summariseThreaded(path: string, format: TimeFormat = 'relative', limit = Infinity): Promise<string> {
  const outDir = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'ws-threaded-lines-'));
  const target = nodePath.join(outDir, 'lines.txt');
  const reader = await CaptureReader.open(path);
  const fd = fs.openSync(target, 'w');
  try {
    const lines = ThreadedSummaryLines.start(reader, format, fd)!;
    for (let n = 0; n < limit && !lines.outputClosed && lines.printNext(); n++);
    lines.finish();
  } finally {
    fs.closeSync(fd);
    reader.close();
  }
  const text = fs.readFileSync(target, 'utf8');
  fs.rmSync(outDir, { recursive: true });
  return text;
}

/** Fails naming the first line where `got` differs from `want`. */
export function assertSameLines(got: string, want: string, what: string): void {
  if (got === want) return;
  const a = got.split('\n');
  const b = want.split('\n');
  const i = b.findIndex((line, k) => a[k] !== line);
  assert.equal(a[i], b[i], `${what}: line ${i + 1} differs`);
  assert.equal(got, want);
}

/**
 * Requires the lean lines, and those written by a thread of their own, to equal the fully
 * dissected ones, line for line, and the lean path to take exactly the packets the lean
 * index pass takes (the same decoder decides, so a lean summary that gave up on packets it
 * should show would be caught). Returns the lean path's output.
 */
export async function assertSameSummaries(path: string): Promise<Summaries> {
  const full = await summarise(path, false);
  const lean = await summarise(path, true);
  assert.equal(full.lean, 0);
  assert.equal(lean.packets, full.packets);
  assertSameLines(lean.text, full.text, `${path}, on the lean path`);
  assertSameLines(await summariseThreaded(path), full.text, `${path}, written by a thread of their own`);
  const indexed = await CaptureFile.open(path);
  try {
    indexed.indexSome();
    assert.equal(lean.lean, indexed.leanPackets, `${path}: lean summaries for ${lean.lean} packets, lean index for ${indexed.leanPackets}`);
  } finally {
    indexed.close();
  }
  return lean;
}
