// The big bench capture in the real UI: how long until the first rows show, scrolling to
// the end once indexed, and the renderer's memory (which must not grow with the file).
// Prints the figures and writes them next to the screenshots; never fails on timing.

import assert from 'node:assert/strict';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openBrowser, type TestBrowser } from './support/browser.js';
import { BIG_CAPTURE, e2eSkipReason, screenshotPath } from './support/paths.js';
import { startServe, type ServeProcess } from './support/serveProcess.js';
import { row, waitRows, waitState } from './support/uiHooks.js';
import { bigCapture } from '../bench/benchFiles.js';

/** Builds the bench capture when the shared generator is there (a few seconds), so CI runs this test too. */
function ensureBigCapture(): boolean {
  if (existsSync(BIG_CAPTURE)) return true;
  if (process.env.WIRESIGHT_BIG_CAPTURE) return false;
  try {
    bigCapture('1G');
  } catch {
    return false;
  }
  return existsSync(BIG_CAPTURE);
}

const skip = e2eSkipReason() || (!ensureBigCapture() && `no bench capture at ${BIG_CAPTURE} (npm run bench makes it; or set WIRESIGHT_BIG_CAPTURE)`);
if (skip) process.stdout.write(`# big-file e2e skipped: ${skip}\n`);

let serve: ServeProcess;
let b: TestBrowser;

before(async () => {
  if (skip) return;
  serve = await startServe();
  b = await openBrowser(serve.url);
});

after(async () => {
  await b?.close();
  await serve?.stop();
});

async function heapMB(): Promise<{ used: number; total: number; nodes: number }> {
  const cdp = await b.context.newCDPSession(b.page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const m = (name: string) => metrics.find((x) => x.name === name)?.value ?? 0;
  return { used: m('JSHeapUsedSize') / 1e6, total: m('JSHeapTotalSize') / 1e6, nodes: m('Nodes') };
}

test('the big capture shows first rows at once and scrolls to its end', { skip, timeout: 15 * 60_000 }, async () => {
  const page = b.page;
  const size = statSync(BIG_CAPTURE).size;
  await page.click('[data-testid="open"]');
  await page.fill('[data-testid="open-path"]', BIG_CAPTURE);
  const t0 = Date.now();
  await page.click('[data-testid="open-confirm"]');
  await page.waitForSelector('.prow[data-row="0"]:not(.pending)', { timeout: 60_000 });
  const firstRowsMs = Date.now() - t0;
  const early = await waitState(page, (s) => s.progress, 'progress');
  await b.screenshot('big-file-loading');

  const done = await waitState(page, (s) => s.progress && !s.progress.indexing, 'indexing finished', 14 * 60_000);
  const indexMs = Date.now() - t0;
  const total = done.progress.packets as number;
  assert.ok(total > early.progress.packets, 'rows were shown before the file was indexed');

  // keyboard: End goes to the last packet; its row and details load
  await page.locator('[data-testid="packet-list"]').click({ position: { x: 300, y: 60 } });
  await page.keyboard.press('End');
  await waitState(page, (s) => s.selectedRow === total - 1 && s.detail?.number === total, 'last packet selected', 60_000);
  await waitRows(page, total, total - 5);
  assert.equal((await row(page, total - 1))!.number, total);
  await page.waitForSelector(`.prow[data-row="${total - 1}"]:not(.pending)`);
  await b.screenshot('big-file-end');

  // and back to the middle by dragging the scrollbar's position
  await page.$eval('[data-testid="packet-list"]', (el) => {
    const e = el as unknown as { scrollTop: number; scrollHeight: number };
    e.scrollTop = e.scrollHeight / 2;
  });
  const mid = Math.floor(total / 2);
  // wait until a loaded row near the middle is drawn (rows of the old position may still be there)
  await page.waitForFunction(
    ([m, tol]) =>
      [...(globalThis as unknown as { document: { querySelectorAll(q: string): Iterable<{ getAttribute(n: string): string | null }> } }).document.querySelectorAll('.prow:not(.pending)')].some(
        (e) => Math.abs(Number(e.getAttribute('data-row')) - m) < tol,
      ),
    [mid, total / 50] as const,
    { timeout: 60_000 },
  );
  const visible = await page.$$eval('.prow:not(.pending)', (els) => els.map((e) => Number(e.getAttribute('data-row'))));
  assert.ok(visible.some((r) => Math.abs(r - mid) < total / 50), `rows near the middle (${mid}) are shown: ${visible.slice(0, 3).join(',')}`);

  const heap = await heapMB();
  const figures = {
    file: path.basename(BIG_CAPTURE),
    bytes: size,
    packets: total,
    timeToFirstRowsMs: firstRowsMs,
    timeToFullIndexMs: indexMs,
    rendererJsHeapUsedMB: Number(heap.used.toFixed(1)),
    rendererJsHeapTotalMB: Number(heap.total.toFixed(1)),
    rendererDomNodes: heap.nodes,
  };
  process.stdout.write(`# big file: ${JSON.stringify(figures)}\n`);
  writeFileSync(screenshotPath('big-file-metrics').replace(/\.png$/, '.json'), JSON.stringify(figures, null, 1) + '\n');
  assert.ok(heap.used < 200, `renderer heap stays small (${heap.used.toFixed(1)} MB)`);
  assert.deepEqual(b.errors, []);
});
