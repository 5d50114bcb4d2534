// Display filters against tshark: for every expression of tsharkFilterCases.ts and every
// listed corpus capture, the frames our engine selects must be the frames tshark 4.0.17
// selected (recorded in tsharkFilterResults.json by recordTsharkResults.ts). Differences
// that come from elsewhere in the engine are listed, with reasons, in KNOWN_DIFFERENCES.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { compileFilter, isFilterError, type CompiledFilter } from '../../../../src-main/engine/filter/index.js';
import { CaptureReader } from '../../../../src-main/engine/read/captureReader.js';
import { PacketPass } from '../../../../src-main/engine/pass/packetPass.js';
import { standardAnalyzers } from '../../../../src-main/engine/pass/standardAnalyzers.js';
import { CORPUS_DIR, corpusAvailable } from '../corpusFiles.js';
import { CAPTURES, FILTER_CASES, KNOWN_DIFFERENCES } from './tsharkFilterCases.js';
import { toRanges, type Recorded } from './recordTsharkResults.js';

const RESULTS = new URL('../../../../../test/unit/engine/filter/tsharkFilterResults.json', import.meta.url).pathname;

interface RecordedFile {
  captures: string[];
  results: Record<string, Record<string, Recorded>>;
}

function parseRanges(s: string): number[] {
  if (s === '') return [];
  return s.split(',').flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    if (b === undefined) return [a!];
    return Array.from({ length: b - a! + 1 }, (_, i) => a! + i);
  });
}

/** The frames each compiled filter selects in one capture (one dissection pass for all filters). */
async function selectFrames(capture: string, filters: (CompiledFilter | null)[]): Promise<number[][]> {
  const out = filters.map(() => [] as number[]);
  const reader = await CaptureReader.open(CORPUS_DIR + capture);
  try {
    const pass = new PacketPass(reader, standardAnalyzers());
    while (pass.next()) {
      for (let i = 0; i < filters.length; i++) if (filters[i]?.match(pass.f)) out[i]!.push(pass.meta.number);
    }
  } finally {
    reader.close();
  }
  return out;
}

function knownDifference(expr: string, capture: string): string | undefined {
  const k = KNOWN_DIFFERENCES[expr];
  if (!k) return undefined;
  return k.captures.includes('*') || k.captures.includes(capture) ? k.reason : undefined;
}

test('display filters select the same frames as tshark', { skip: !corpusAvailable() || !existsSync(RESULTS) }, async (t) => {
  const recorded = JSON.parse(readFileSync(RESULTS, 'utf8')) as RecordedFile;
  assert.ok(FILTER_CASES.length >= 200, `only ${FILTER_CASES.length} expressions`);
  const cases = FILTER_CASES.map((c) => (typeof c === 'string' ? { ours: c, theirs: c } : { ours: c[0], theirs: c[1] }));
  const compiled = cases.map(({ ours }) => {
    const r = compileFilter(ours);
    return isFilterError(r) ? r : r;
  });
  const failures: string[] = [];
  const known: string[] = [];
  const stale: string[] = [];
  let compared = 0;
  let agreed = 0;
  for (const capture of CAPTURES) {
    const filters = compiled.map((c) => (isFilterError(c) ? null : c));
    const frames = await selectFrames(capture, filters);
    let capAgreed = 0;
    let capCompared = 0;
    cases.forEach(({ ours, theirs }, i) => {
      const want = recorded.results[theirs]?.[capture];
      if (want === undefined) {
        failures.push(`${capture}: "${theirs}" has no recorded tshark result; run recordTsharkResults`);
        return;
      }
      const c = compiled[i]!;
      const rejectedByTshark = typeof want !== 'string';
      if (rejectedByTshark || isFilterError(c)) {
        // both must reject the same expressions
        capCompared++;
        if (rejectedByTshark && isFilterError(c)) capAgreed++;
        else if (isFilterError(c)) failures.push(`${capture}: "${ours}" rejected by us (${c.message}) but accepted by tshark`);
        else failures.push(`${capture}: "${ours}" accepted by us but rejected by tshark (${(want as { error: string }).error})`);
        return;
      }
      capCompared++;
      const got = toRanges(frames[i]!);
      if (got === want) {
        capAgreed++;
        if (knownDifference(ours, capture)) stale.push(`${capture}: "${ours}" now agrees with tshark; remove it from KNOWN_DIFFERENCES`);
        return;
      }
      const reason = knownDifference(ours, capture);
      const wantSet = new Set(parseRanges(want));
      const gotSet = new Set(frames[i]!);
      const extra = frames[i]!.filter((n) => !wantSet.has(n)).slice(0, 8);
      const missing = [...wantSet].filter((n) => !gotSet.has(n)).slice(0, 8);
      const detail = `${capture}: "${ours}": extra frames [${extra.join(' ')}], missing [${missing.join(' ')}]`;
      if (reason) known.push(`${detail} (known: ${reason})`);
      else failures.push(detail);
    });
    compared += capCompared;
    agreed += capAgreed;
    t.diagnostic(`${capture}: ${capAgreed}/${capCompared} expressions select the same frames as tshark`);
  }
  t.diagnostic(`total: ${agreed}/${compared} agree; ${known.length} known differences; ${failures.length} unexpected`);
  for (const k of known) t.diagnostic(`known difference: ${k}`);
  for (const k of stale) t.diagnostic(k);
  assert.deepEqual(failures, []);
});
