// The shared capture corpus (../shared/captures beside the repository, or
// WIRESIGHT_CORPUS): its capture files and their reference JSON.

import { existsSync, readdirSync, readFileSync } from 'node:fs';

export const CORPUS_DIR = process.env.WIRESIGHT_CORPUS ?? new URL('../../../../../shared/captures/', import.meta.url).pathname;

export function corpusAvailable(): boolean {
  return existsSync(CORPUS_DIR);
}

/** Capture files of the corpus, sorted; in CI a missing corpus is an error, not a skip. */
export function corpusCaptures(): string[] {
  if (!corpusAvailable()) {
    if (process.env.CI) throw new Error(`capture corpus not found at ${CORPUS_DIR}`);
    return [];
  }
  return readdirSync(CORPUS_DIR)
    .filter((f) => /\.pcap(ng)?$/.test(f))
    .sort();
}

export function referenceOf(file: string): { packet_count: number; tshark_exit_code: number; tshark_stderr: string } {
  return JSON.parse(readFileSync(CORPUS_DIR + file.replace(/\.pcap(ng)?$/, '.ref.json'), 'utf8'));
}
