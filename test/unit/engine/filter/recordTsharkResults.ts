// Records which frames tshark's display filter selects for every (capture, expression) of
// tsharkFilterCases.ts into tsharkFilterResults.json, so the comparison test does not have
// to run tshark ~1,700 times. Run it again after changing the table:
//
//   npm run build && node dist/test/unit/engine/filter/recordTsharkResults.js
//
// Each run is `tshark -n -o tcp.check_checksum:TRUE -o udp.check_checksum:TRUE
// -o ip.check_checksum:TRUE -r CAPTURE -Y EXPR -T fields -e frame.number` (the options the
// corpus references were made with). Frame numbers are stored as ranges ("1-5,9").
// Results already in the file are kept for expressions still in the table (pass --all to
// run everything again); expressions no longer in the table are dropped.

import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_DIR } from '../corpusFiles.js';
import { CAPTURES, FILTER_CASES } from './tsharkFilterCases.js';

const OUT = fileURLToPath(new URL('../../../../../test/unit/engine/filter/tsharkFilterResults.json', import.meta.url));
const OPTIONS = ['-n', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE', '-o', 'ip.check_checksum:TRUE'];
const PARALLEL = 2;

export type Recorded = string | { error: string };

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('tshark', args, { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** "1,2,3,5,7,8" -> "1-3,5,7-8" */
export function toRanges(nums: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < nums.length; ) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
    out.push(i === j ? `${nums[i]}` : `${nums[i]}-${nums[j]}`);
    i = j + 1;
  }
  return out.join(',');
}

function cleanStderr(s: string): string {
  return s
    .split('\n')
    .filter((l) => l && !l.startsWith('Running as user'))
    .join('\n');
}

async function main(): Promise<void> {
  const version = (await run(['--version'])).stdout.split('\n')[0]!;
  const expressions = FILTER_CASES.map((c) => (typeof c === 'string' ? c : c[1]));
  const previous: Record<string, Record<string, Recorded>> =
    existsSync(OUT) && !process.argv.includes('--all') ? (JSON.parse(readFileSync(OUT, 'utf8')) as { results: Record<string, Record<string, Recorded>> }).results : {};
  const jobs: { expr: string; capture: string }[] = [];
  const results: Record<string, Record<string, Recorded>> = {};
  for (const expr of expressions) {
    results[expr] = {};
    for (const capture of CAPTURES) {
      const old = previous[expr]?.[capture];
      if (old !== undefined) results[expr]![capture] = old;
      else jobs.push({ expr, capture });
    }
  }
  process.stderr.write(`${jobs.length} tshark runs to make\n`);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const r = await run([...OPTIONS, '-r', join(CORPUS_DIR, job.capture), '-Y', job.expr, '-T', 'fields', '-e', 'frame.number']);
      const err = cleanStderr(r.stderr);
      if (r.code !== 0 && r.stdout.trim() === '') {
        results[job.expr]![job.capture] = { error: err || `exit ${r.code}` };
      } else {
        const nums = r.stdout.split('\n').filter((l) => l.trim() !== '').map(Number);
        results[job.expr]![job.capture] = toRanges(nums);
      }
      if (++done % 100 === 0) process.stderr.write(`${done}/${jobs.length}\n`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const doc = {
    tshark_version: version,
    made_by: 'npm run build && node dist/test/unit/engine/filter/recordTsharkResults.js',
    command: `tshark ${OPTIONS.join(' ')} -r CAPTURE -Y EXPR -T fields -e frame.number`,
    captures: CAPTURES,
    results,
  };
  writeFileSync(OUT, JSON.stringify(doc, null, 1) + '\n');
  process.stderr.write(`wrote ${OUT}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
