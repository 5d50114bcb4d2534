// tshark as the reference for display-filter results and error positions.

import { spawnSync } from 'node:child_process';

export function hasTshark(): boolean {
  return spawnSync('tshark', ['-v'], { stdio: 'ignore' }).status === 0;
}

/** Packets tshark displays with `-Y filter`. */
export function tsharkCount(file: string, filter: string): number {
  const r = spawnSync('tshark', ['-n', '-r', file, '-Y', filter, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`tshark -Y ${filter} failed: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l.trim() !== '').length;
}

/** The 0-based column tshark's caret points at for a bad filter, or null when tshark accepts it. */
export function tsharkErrorColumn(filter: string): number | null {
  const r = spawnSync('tshark', ['-Y', filter, '-r', '/dev/null'], { encoding: 'utf8' });
  const lines = `${r.stderr}\n${r.stdout}`.split('\n');
  const i = lines.findIndex((l) => /^\s*\^/.test(l));
  if (i < 0) return null;
  const caretLine = lines[i]!;
  const textLine = lines[i - 1]!;
  // both lines carry the same indent: the caret's column minus the filter's start
  const indent = textLine.indexOf(filter);
  return caretLine.indexOf('^') - indent;
}
