// Live capture from the real UI: choose a ws- veth in a test namespace on the start page,
// start while traffic flows, see rows arrive, stop, save, and read the saved file back.
// Needs root (namespaces) and the capture helper; otherwise skipped with the reason.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { CaptureFile } from '../../src-main/engine/captureFile.js';
import { createVethPair, liveSkipReason, type VethPair } from '../live/liveEnv.js';
import { openBrowser, type TestBrowser } from './support/browser.js';
import { e2eSkipReason } from './support/paths.js';
import { startServe, type ServeProcess } from './support/serveProcess.js';
import { hasTshark, tsharkCount } from './support/tshark.js';
import { waitRows, waitState } from './support/uiHooks.js';

const skip = e2eSkipReason() || liveSkipReason() || (!hasTshark() && 'tshark is not installed');

let serve: ServeProcess;
let b: TestBrowser;
let veth: VethPair;
let ping: ChildProcess | null = null;
let tmp: string;

before(async () => {
  if (skip) return;
  tmp = mkdtempSync(path.join(tmpdir(), 'ws-e2e-live-'));
  veth = createVethPair();
  serve = await startServe();
  b = await openBrowser(serve.url);
});

after(async () => {
  ping?.kill('SIGINT');
  await b?.close();
  await serve?.stop();
  veth?.teardown();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('capture on a veth while traffic flows, stop, save, read the file back', { skip }, async () => {
  const page = b.page;
  const iface = page.locator(`[data-iface="${veth.ifA}"][data-netns="${veth.nsA}"]`);
  await iface.waitFor({ timeout: 15_000 });
  await iface.click();
  await waitState(page, (s) => s.captureIface?.name === veth.ifA && s.captureIface?.netns === veth.nsA, 'interface chosen');
  await b.screenshot('start-page');

  // traffic from the other namespace, a ping every 0.2 s until the test ends
  ping = spawn('ip', ['netns', 'exec', veth.nsB, 'ping', '-n', '-q', '-i', '0.2', veth.ipA], { stdio: 'ignore' });
  await page.click('[data-testid="capture-start"]');
  await waitState(page, (s) => s.capture.state === 'running' && s.file?.live === true, 'capture running', 15_000);
  // echo request + reply for each ping: wait for ten rows on screen
  await waitState(page, (s) => s.displayed >= 10, 'rows arriving', 20_000);
  await waitRows(page, 10);
  const first = (await page.evaluate('window.__wiresight.row(0)')) as { protocol: string; src: string; dst: string };
  assert.equal(first.protocol, 'ICMP');
  assert.ok([veth.ipA, veth.ipB].includes(first.src), `a ping between the namespaces: ${first.src}`);
  await b.screenshot('live-capture');

  await page.click('[data-testid="capture-stop"]');
  const stopped = await waitState(page, (s) => s.capture.state === 'stopped' && s.progress && !s.progress.indexing, 'capture stopped and read', 20_000);
  ping.kill('SIGINT');
  ping = null;
  const shown = stopped.progress.packets as number;
  assert.ok(shown >= 10);
  assert.equal(stopped.capture.packets, shown, 'the list has every packet the helper wrote');

  const saved = path.join(tmp, 'saved.pcapng');
  await page.click('[data-testid="save"]');
  await page.fill('[data-testid="save-path"]', saved);
  await page.click('[data-testid="save-confirm"]');
  await waitState(page, (s) => s.toast?.text?.startsWith('Saved'), 'saved');
  assert.equal(tsharkCount(saved, 'frame'), shown, 'tshark reads every saved packet');
  const back = await CaptureFile.open(saved);
  try {
    back.indexSome();
    assert.equal(back.index.count, shown);
    assert.equal(back.summary(0).protocol, 'ICMP');
  } finally {
    back.close();
  }
  assert.deepEqual(b.errors, []);
});
