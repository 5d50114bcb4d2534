// The big bench capture in the real UI: how long until the first rows show, scrolling to
// the end once indexed, the flow view with all its flows scrolled to the last one, and the
// renderer's memory (which must not grow with the file).
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

test('the big capture shows first rows at once and scrolls to its end, packets and flows', { skip, timeout: 15 * 60_000 }, async () => {
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

  // the flow view with every flow (ended ones too): the count, then the last rows once scrolled there
  const tFlows = Date.now();
  await page.click('[data-testid="view-flows"]');
  const countText = page.locator('[data-testid="flow-count"]', { hasText: /^[\d,]+ of [\d,]+ flows$/ });
  const alive = await countText.textContent();
  await page.click('[data-testid="flow-all"]');
  await page.waitForFunction(
    (before) => {
      const text = (globalThis as unknown as { document: { querySelector(q: string): { textContent: string | null } | null } }).document.querySelector('[data-testid="flow-count"]')?.textContent ?? '';
      return text !== before && /^([\d,]+) of \1 flows$/.test(text);
    },
    alive,
    { timeout: 60_000 },
  );
  const flowCount = Number((await countText.textContent())!.split(' ')[0]!.replace(/,/g, ''));
  const allFlowsMs = Date.now() - tFlows;
  assert.ok(flowCount > 10_000, `${flowCount} flows`);
  await page.$eval('.flow-table', (el) => {
    const e = el as unknown as { scrollTop: number; scrollHeight: number };
    e.scrollTop = e.scrollHeight;
  });
  await page.waitForFunction(
    (n) => {
      const rows = [...(globalThis as unknown as { document: { querySelectorAll(q: string): Iterable<{ style: { transform: string } }> } }).document.querySelectorAll('.flow-table [data-flow]')];
      // the browser may print a large offset in exponent form (translateY(3.66e+06px))
      return rows.some((r) => Math.round(parseFloat(r.style.transform.slice('translateY('.length))) === (n - 1) * 20);
    },
    flowCount,
    { timeout: 60_000 },
  );
  const flowRowsDrawn = await page.$$eval('.flow-table .prow', (els) => els.length);
  assert.ok(flowRowsDrawn < 200, `only the visible flows are drawn (${flowRowsDrawn})`);
  const flowHeap = await heapMB();

  const figures = {
    file: path.basename(BIG_CAPTURE),
    bytes: size,
    packets: total,
    timeToFirstRowsMs: firstRowsMs,
    timeToFullIndexMs: indexMs,
    rendererJsHeapUsedMB: Number(heap.used.toFixed(1)),
    rendererJsHeapTotalMB: Number(heap.total.toFixed(1)),
    rendererDomNodes: heap.nodes,
    flows: flowCount,
    timeToAllFlowsMs: allFlowsMs,
    rendererJsHeapUsedWithFlowsMB: Number(flowHeap.used.toFixed(1)),
  };
  process.stdout.write(`# big file: ${JSON.stringify(figures)}\n`);
  writeFileSync(screenshotPath('big-file-metrics').replace(/\.png$/, '.json'), JSON.stringify(figures, null, 1) + '\n');
  assert.ok(heap.used < 200, `renderer heap stays small (${heap.used.toFixed(1)} MB)`);
  // the renderer holds a window of flows: every one of them would take tens of megabytes
  assert.ok(flowHeap.used - heap.used < 20, `the flow view adds little to the renderer heap (${heap.used.toFixed(1)} → ${flowHeap.used.toFixed(1)} MB)`);
  assert.deepEqual(b.errors, []);
});
