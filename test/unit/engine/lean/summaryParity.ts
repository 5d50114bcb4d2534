// Test helper: a capture's summary lines printed through the lean path (the summary
// analyzers, as `wiresight read` runs them) against those of a pass that dissects every
// packet with the standard analyzers. Used on the corpus and on the hand-built TCP
// scenarios of the analysis tests.

import assert from 'node:assert/strict';
import { CaptureFile } from '../../../../src-main/engine/captureFile.js';
import { CaptureReader } from '../../../../src-main/engine/read/captureReader.js';
import { standardAnalyzers } from '../../../../src-main/engine/pass/standardAnalyzers.js';
import { SummaryLineFormatter, SummaryLines, timeDigits } from '../../../../src-main/cli/summaryPrinter.js';

export interface Summaries {
  lines: string[];
  /** packets that took the lean path */
  lean: number;
}

/** Every summary line of a capture, with the lean path or with full dissection only. */
export async function summarise(path: string, lean: boolean): Promise<Summaries> {
  const reader = await CaptureReader.open(path);
  try {
    const fmt = new SummaryLineFormatter('relative', () => timeDigits(reader));
    const s = lean ? new SummaryLines(reader, fmt) : new SummaryLines(reader, fmt, standardAnalyzers(), false);
    const lines: string[] = [];
    for (let line = s.next(); line !== null; line = s.next()) lines.push(line);
    return { lines, lean: s.leanPackets };
  } finally {
    reader.close();
  }
}

/**
 * Requires the lean lines to equal the fully dissected ones, line for line, and the lean
 * path to take exactly the packets the lean index pass takes (the same decoder decides, so
 * a lean summary that gave up on packets it should show would be caught). Returns the lean lines.
 */
export async function assertSameSummaries(path: string): Promise<Summaries> {
  const full = await summarise(path, false);
  const lean = await summarise(path, true);
  assert.equal(full.lean, 0);
  assert.equal(lean.lines.length, full.lines.length);
  for (let i = 0; i < full.lines.length; i++) {
    if (lean.lines[i] !== full.lines[i]) assert.equal(lean.lines[i], full.lines[i], `${path}: packet ${i + 1} differs on the lean path`);
  }
  const indexed = await CaptureFile.open(path);
  try {
    indexed.indexSome();
    assert.equal(lean.lean, indexed.leanPackets, `${path}: lean summaries for ${lean.lean} packets, lean index for ${indexed.leanPackets}`);
  } finally {
    indexed.close();
  }
  return lean;
}
