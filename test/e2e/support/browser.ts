// A fresh headless Chromium (Debian's, through playwright-core) per test: its own
// profile folder, no network services, removed afterwards.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, screenshotPath } from './paths.js';

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** page errors and console errors seen so far */
  errors: string[];
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openBrowser(url: string, viewport = { width: 1400, height: 900 }): Promise<TestBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'ws-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  await page.waitForFunction('window.__wiresight?.ready === true');
  return {
    context,
    page,
    errors,
    screenshot: async (name) => {
      await page.screenshot({ path: screenshotPath(name) });
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
