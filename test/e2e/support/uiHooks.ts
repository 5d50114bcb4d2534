// Reading the renderer's state through its test hooks (window.__wiresight), as string
// expressions so the tests compile without DOM types.

import type { Page } from 'playwright-core';

export function state<T>(page: Page, expr: string): Promise<T> {
  return page.evaluate(`(() => { const s = window.__wiresight.state(); return ${expr}; })()`) as Promise<T>;
}

/** Waits until `expr` (over s = the renderer state) is truthy. */
export async function waitState(page: Page, expr: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(`(() => { const s = window.__wiresight.state(); return !!(${expr}); })()`, undefined, { timeout });
}

export interface UiRow {
  index: number;
  number: number;
  time: string;
  src: string;
  dst: string;
  protocol: string;
  length: number;
  info: string;
  color: string;
}

export function row(page: Page, r: number): Promise<UiRow | undefined> {
  return page.evaluate(`window.__wiresight.row(${r})`) as Promise<UiRow | undefined>;
}

/** Waits until rows [0, n) are in the renderer's row cache. */
export async function waitRows(page: Page, n: number, timeout = 30_000): Promise<void> {
  await page.waitForFunction(`(() => { for (let r = 0; r < ${n}; r++) if (!window.__wiresight.row(r)) return false; return true; })()`, undefined, { timeout });
}
