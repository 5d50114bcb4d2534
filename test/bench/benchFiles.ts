// Builds (once; the generator is idempotent) the big benchmark capture from the shared
// seed with ../shared/bench/make-big-capture.sh, and times commands for the benchmarks.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

export const BENCH_DIR = process.env.WIRESIGHT_BENCH_DIR ?? '/tmp/wiresight-bench';
const SCRIPT = new URL('../../../../shared/bench/make-big-capture.sh', import.meta.url).pathname;

/** Path of the big capture of the given size ('1G', '100M'), built if needed. */
export function bigCapture(size: string, format: 'pcapng' | 'pcap' = 'pcapng'): string {
  mkdirSync(BENCH_DIR, { recursive: true });
  const path = `${BENCH_DIR}/big${size.toLowerCase()}.${format}`;
  execFileSync(SCRIPT, [path, size], { stdio: ['ignore', 'ignore', 'inherit'] });
  return path;
}

export interface Timed {
  seconds: number;
  peakRssMiB: number;
  status: number | null;
  stdout: string;
}

/** Runs a command with stdout to /dev/null (or captured) under /usr/bin/time for its peak RSS. */
export function timeCommand(cmd: string, args: string[], captureStdout = false): Timed {
  const start = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], {
    stdio: ['ignore', captureStdout ? 'pipe' : 'ignore', 'pipe'],
    maxBuffer: 1 << 26,
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const lines = (r.stderr ?? '').trim().split('\n');
  const kb = Number(lines[lines.length - 1]);
  return { seconds, peakRssMiB: kb / 1024, status: r.status, stdout: r.stdout ?? '' };
}

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
