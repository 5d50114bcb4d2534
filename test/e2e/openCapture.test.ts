// Opening a capture in the real UI (wiresight serve + Chromium): row count, the first
// rows' columns against the engine, selecting a packet shows its tree and bytes, clicking
// a field highlights its bytes and clicking a byte selects its field.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { CaptureFile } from '../../src-main/engine/captureFile.js';
import { summaryColumns } from '../../src-main/engine/output/summary.js';
import { openBrowser, type TestBrowser } from './support/browser.js';
import { corpusFile, e2eSkipReason } from './support/paths.js';
import { startServe, type ServeProcess } from './support/serveProcess.js';
import { row, waitRows, waitState } from './support/uiHooks.js';

const skip = e2eSkipReason();
if (skip) process.stdout.write(`# e2e skipped: ${skip}\n`);
const FILE = corpusFile('lab-a-2if.pcapng');
const SUMMARY = JSON.parse(readFileSync(corpusFile('lab-a-2if.summary.json'), 'utf8')) as { packet_count: number };

let serve: ServeProcess;
let b: TestBrowser;

before(async () => {
  if (skip) return;
  serve = await startServe(FILE);
  b = await openBrowser(serve.url);
});

after(async () => {
  await b?.close();
  await serve?.stop();
});

test('the list shows every packet, and the first rows match the engine', { skip }, async () => {
  const page = b.page;
  await waitState(page, (s) => s.file && !s.progress.indexing && s.displayed === SUMMARY.packet_count, 'the whole file indexed');
  assert.equal(await page.textContent('[data-testid="packet-count"]'), String(SUMMARY.packet_count));
  await waitRows(page, 15);
  const engine = await CaptureFile.open(FILE);
  try {
    engine.indexSome();
    for (let i = 0; i < 15; i++) {
      const r = (await row(page, i))!;
      const { f, c } = engine.dissect(i, false);
      const s = summaryColumns(f, c);
      assert.equal(r.number, i + 1);
      assert.equal(r.src, s.src, `row ${i + 1} source`);
      assert.equal(r.dst, s.dst, `row ${i + 1} destination`);
      assert.equal(r.protocol, s.protocol, `row ${i + 1} protocol`);
      assert.equal(r.info, s.info, `row ${i + 1} info`);
      assert.equal(r.length, engine.index.origLen.data[i]);
    }
  } finally {
    engine.close();
  }
  // what is on screen is what the hooks say
  const cells = await page.$$eval('[data-row="1"] .cell', (els) => els.map((e) => e.textContent));
  const r1 = (await row(page, 1))!;
  assert.deepEqual(cells, [String(r1.number), r1.time, r1.src, r1.dst, r1.protocol, String(r1.length), r1.info]);
  assert.equal(r1.time, '0.019978624', 'relative time with nanoseconds, as tshark prints it');
  await b.screenshot('packets-list');
});

test('go to a packet, see its tree and bytes; a field highlights its bytes and a byte selects its field', { skip }, async () => {
  const page = b.page;
  await page.locator('[data-testid="packet-list"]').click({ position: { x: 200, y: 40 } });
  await page.keyboard.press('Control+g');
  await page.fill('[data-testid="goto-number"]', '56');
  await page.keyboard.press('Enter');
  await waitState(page, (s) => s.detail?.number === 56, 'packet 56 shown');
  // the tree: frame, Ethernet, IPv4, ICMP
  const fields = await page.$$eval('[data-testid="details"] .tnode', (els) => els.map((e) => e.getAttribute('data-field')));
  for (const f of ['frame', 'eth', 'ip', 'icmp']) assert.ok(fields.includes(f), `tree has ${f}: ${fields.join(',')}`);
  // bytes pane: the first line is the frame's first 16 bytes
  const engine = await CaptureFile.open(FILE);
  let frame: Uint8Array;
  try {
    engine.indexSome();
    frame = engine.dissect(55, true).f.sources[0]!.slice();
  } finally {
    engine.close();
  }
  const firstLine = await page.$$eval('[data-testid="bytes"] .bline[data-line="0"] .b[data-off]', (els) => els.map((e) => e.textContent));
  assert.deepEqual(firstLine, Array.from(frame.subarray(0, 16), (x) => x.toString(16).padStart(2, '0')));

  // open IPv4 and click Time to Live: Ethernet header 14 bytes + TTL at 8 in the IPv4 header
  await page.click('[data-testid="details"] .tnode[data-field="ip"] .twist');
  await page.click('[data-testid="details"] .tnode[data-field="ip.ttl"] .label');
  await waitState(page, (s) => s.byteSelection?.start === 22, 'TTL byte highlighted');
  const hl = await page.$$eval('[data-testid="bytes"] .b.hl', (els) => els.map((e) => Number(e.getAttribute('data-off'))));
  assert.deepEqual(hl, [22]);

  // click the first byte of the destination address (14 + 16): the field is ip.dst, 4 bytes
  await page.click('[data-testid="bytes"] .b[data-off="30"]');
  await waitState(page, (s) => s.selectedNode && s.byteSelection?.start === 30, 'ip.dst selected');
  const sel = await page.getAttribute('[data-testid="details"] .tnode.sel', 'data-field');
  assert.equal(sel, 'ip.dst');
  const hl2 = await page.$$eval('[data-testid="bytes"] .b.hl', (els) => els.map((e) => Number(e.getAttribute('data-off'))));
  assert.deepEqual(hl2, [30, 31, 32, 33]);
  await b.screenshot('packet-details-light');

  await page.click('[data-testid="theme"]');
  await waitState(page, (s) => s.theme === 'dark', 'dark theme');
  await b.screenshot('packet-details-dark');
  assert.deepEqual(b.errors, []);
});
