// Reading the renderer's state through its test hooks (window.__wiresight) and waiting
// for conditions on it: the predicate runs here, and between checks the page resolves a
// promise at its next state change (no fixed sleeps; no eval in the page, which the CSP
// forbids).

import type { Page } from 'playwright-core';

/** The renderer state as the hooks return it (a JSON-able snapshot). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type UiState = any;

export function snapshot(page: Page): Promise<UiState> {
  return page.evaluate('window.__wiresight.state()');
}

/** Waits until `pred(state)` holds; fails with the last state's summary after `timeout`. */
export async function waitState(page: Page, pred: (s: UiState) => boolean, what = 'condition', timeout = 30_000): Promise<UiState> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const s = await snapshot(page);
    if (pred(s)) return s;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; displayed=${s.displayed} file=${s.file?.name} selected=${s.selectedRow} toast=${JSON.stringify(s.toast)}`);
    }
    // the page answers at its next change; the bound only keeps a stuck page from hanging the test
    await page.evaluate('window.__wiresight.changed(500)');
  }
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
  return page.evaluate(`window.__wiresight.row(${Number(r)})`) as Promise<UiRow | undefined>;
}

/** Waits until rows [from, to) are in the renderer's row cache. */
export async function waitRows(page: Page, to: number, from = 0, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  const expr = `(() => { for (let r = ${from}; r < ${to}; r++) if (!window.__wiresight.row(r)) return false; return true; })()`;
  while (!(await page.evaluate(expr))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for rows ${from}..${to}`);
    await page.evaluate('window.__wiresight.changed(500)');
  }
}
