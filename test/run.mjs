// Runs the compiled test suites (unit, then live-capture and e2e where present) with
// node's test runner and ends with one plain "N passed, N failed" line for CI.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
const suites = ['unit', 'live', 'e2e'];
const only = process.argv.slice(2);

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...testFiles(p));
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

let files = suites.flatMap((s) => testFiles(join(root, 'dist', 'test', s)));
if (only.length) files = files.filter((f) => only.some((o) => f.includes(o)));
const summaryFile = join(tmpdir(), `wiresight-test-summary-${process.pid}.json`);
const result = spawnSync(
  process.execPath,
  [
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${join(root, 'test', 'summaryReporter.mjs')}`,
    `--test-reporter-destination=${summaryFile}`,
    ...files,
  ],
  { stdio: 'inherit', cwd: root },
);
let passed = 0;
let failed = 0;
if (existsSync(summaryFile)) {
  ({ passed, failed } = JSON.parse(readFileSync(summaryFile, 'utf8')));
  rmSync(summaryFile);
}
if (result.status !== 0 && failed === 0) failed = 1; // the runner itself failed
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
