// Where the e2e tests find things: the repository root (this file runs from
// dist/test/e2e/support), the shared capture corpus, the screenshots folder.

import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const CORPUS = process.env.WIRESIGHT_CORPUS ?? path.resolve(ROOT, '..', 'shared', 'captures');
export const RENDERER = path.join(ROOT, 'dist', 'renderer', 'index.html');
export const CLI = path.join(ROOT, 'bin', 'wiresight.js');
export const CHROMIUM = process.env.WIRESIGHT_CHROMIUM ?? '/usr/bin/chromium';
export const BIG_CAPTURE = process.env.WIRESIGHT_BIG_CAPTURE ?? '/tmp/wiresight-bench/big1g.pcapng';

export function screenshotPath(name: string): string {
  const dir = path.join(ROOT, 'test', 'e2e', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

export function corpusFile(name: string): string {
  return path.join(CORPUS, name);
}

/** Why the browser e2e tests cannot run here, or false. */
export function e2eSkipReason(): string | false {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium, or set WIRESIGHT_CHROMIUM)`;
  if (!existsSync(RENDERER)) return `the renderer is not built (${RENDERER}): run npm run build`;
  return false;
}
