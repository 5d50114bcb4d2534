// The same checks against the desktop app, through Playwright's Electron launcher, where
// an Electron binary is installed; otherwise skipped with the reason printed.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { _electron as electron } from 'playwright-core';
import { electronBinary } from '../../src-main/app/start.js';
import { corpusFile, ROOT, screenshotPath } from './support/paths.js';
import { waitState } from './support/uiHooks.js';

const bin = electronBinary();
const skip = 'reason' in bin ? `Electron variant skipped: ${bin.reason}` : false;
if (skip) process.stdout.write(`# ${skip}\n`);

test('the desktop app opens a file given on its command line, with the typed preload API only', { skip }, async () => {
  const exe = (bin as { path: string }).path;
  const config = mkdtempSync(path.join(tmpdir(), 'ws-e2e-electron-'));
  const app = await electron.launch({
    executablePath: exe,
    args: [ROOT, corpusFile('lab-a-2if.pcapng'), '--no-sandbox', '--disable-gpu', `--user-data-dir=${path.join(config, 'profile')}`],
    env: { ...process.env, WIRESIGHT_CONFIG_DIR: config },
  });
  try {
    const page = await app.firstWindow();
    await page.waitForFunction(() => (globalThis as { __wiresight?: { ready: boolean } }).__wiresight?.ready === true);
    const s = await waitState(page, (st) => st.file && !st.progress.indexing, 'file indexed');
    assert.equal(s.file.packets, 382);
    // the page sees invoke/subscribe and nothing of Node
    const surface = await page.evaluate('[Object.keys(window.wiresight).sort().join(","), typeof require, typeof process]');
    assert.deepEqual(surface, ['invoke,subscribe', 'undefined', 'undefined']);
    await page.screenshot({ path: screenshotPath('electron-packets') });
  } finally {
    await app.close();
    rmSync(config, { recursive: true, force: true });
  }
});
