// The display-filter bar in the real UI: completion of field names (with type and
// description), a bad filter marked red at the column tshark points at, and a good filter
// applied with Enter giving the same count as `tshark -Y`.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openBrowser, type TestBrowser } from './support/browser.js';
import { corpusFile, e2eSkipReason } from './support/paths.js';
import { startServe, type ServeProcess } from './support/serveProcess.js';
import { hasTshark, tsharkCount, tsharkErrorColumn } from './support/tshark.js';
import { waitState } from './support/uiHooks.js';

const skip = e2eSkipReason() || (!hasTshark() && 'tshark is not installed (it is the reference)');
const FILE = corpusFile('lab-a-2if.pcapng');

let serve: ServeProcess;
let b: TestBrowser;

before(async () => {
  if (skip) return;
  serve = await startServe(FILE);
  b = await openBrowser(serve.url);
  await waitState(b.page, (s) => s.file && !s.progress.indexing, 'file indexed');
  await b.page.waitForSelector('[data-testid="filter-editor"] .monaco-editor');
});

after(async () => {
  await b?.close();
  await serve?.stop();
});

/** Closes Monaco's completion list if it is open (Escape with no list reverts the text). */
async function closeSuggest(): Promise<void> {
  if (await b.page.locator('.suggest-widget.visible').count()) await b.page.keyboard.press('Escape');
}

async function editorText(): Promise<string> {
  return b.page.evaluate('window.__wiresightFilter.editor.getValue()') as Promise<string>;
}

test('field names complete with their type and description', { skip }, async () => {
  const page = b.page;
  await page.click('[data-testid="filter-editor"] .monaco-editor');
  await page.keyboard.type('ip.sr');
  const widget = page.locator('.suggest-widget.visible');
  await widget.waitFor();
  await page.locator('.suggest-widget.visible .monaco-list-row', { hasText: 'ip.src' }).first().waitFor();
  const firstRow = await page.locator('.suggest-widget.visible .monaco-list-row.focused').textContent();
  assert.match(firstRow ?? '', /ip\.src/);
  assert.match(firstRow ?? '', /ipv4/, 'the type is shown next to the name');
  await b.screenshot('filter-completion');
  await page.keyboard.press('Enter'); // accepts the suggestion, does not apply
  assert.equal(await editorText(), 'ip.src');
  const s = await waitState(page, (st) => st.filterCheck.text === 'ip.src', 'check of the completed text');
  assert.equal(s.filterCheck.state, 'valid');
  assert.equal(s.filterApplied, '', 'Enter in the completion list does not apply the filter');
});

test('a bad filter is marked at the column the compiler reports, like tshark', { skip }, async () => {
  const page = b.page;
  const bad = 'ip.src == 192.0.2.10 andd udp';
  await page.keyboard.press('Control+a');
  await page.keyboard.type(bad);
  await closeSuggest();
  const s = await waitState(page, (st) => st.filterCheck.text === bad, 'check of the bad filter');
  assert.equal(s.filterCheck.state, 'invalid');
  const col = tsharkErrorColumn(bad);
  assert.equal(col, bad.indexOf('andd'), 'tshark points at "andd"');
  assert.equal(s.filterCheck.start, col);
  assert.equal(await page.getAttribute('[data-testid="filter-bar"]', 'data-state'), 'invalid');
  const markers = (await page.evaluate('window.__wiresightFilter.markers()')) as { startColumn: number; endColumn: number; severity: number }[];
  assert.equal(markers.length, 1);
  assert.equal(markers[0]!.startColumn, col! + 1, 'Monaco columns are 1-based');
  assert.equal(markers[0]!.endColumn, col! + 1 + 'andd'.length);
  await closeSuggest();
  await b.screenshot('filter-invalid');
  // Enter on a bad filter applies nothing
  await page.keyboard.press('Enter');
  assert.equal((await waitState(page, (st) => st.filterCheck.state === 'invalid', 'still invalid')).filterApplied, '');
});

test('a good filter applied with Enter displays what tshark -Y displays', { skip }, async () => {
  const page = b.page;
  const good = 'udp && ip.src == 192.0.2.10';
  await page.keyboard.press('Control+a');
  await page.keyboard.type(good);
  await closeSuggest();
  await waitState(page, (st) => st.filterCheck.text === good && st.filterCheck.state === 'valid', 'valid check');
  assert.equal(await page.getAttribute('[data-testid="filter-bar"]', 'data-state'), 'valid');
  await page.keyboard.press('Enter');
  const expected = tsharkCount(FILE, good);
  assert.ok(expected > 0, 'the filter matches something');
  const s = await waitState(page, (st) => st.filterApplied === good && st.filterProgress === null, 'filter applied');
  assert.equal(s.displayed, expected);
  assert.equal(await page.textContent('[data-testid="displayed-count"]'), expected.toLocaleString('en-US'));
  await b.screenshot('filter-applied');

  // a filter with a likely surprise turns the bar yellow
  await page.keyboard.press('Control+a');
  await page.keyboard.type('ip.addr != 192.0.2.1');
  await closeSuggest();
  await waitState(page, (st) => st.filterCheck.text === 'ip.addr != 192.0.2.1', 'warning check');
  assert.equal(await page.getAttribute('[data-testid="filter-bar"]', 'data-state'), 'warning');
  assert.deepEqual(b.errors, []);
});
