// The flow view in the real UI: the conntrack-style table's states and counters agree with
// `wiresight flows --format json`, and choosing a flow filters the packet list to it.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { openBrowser, type TestBrowser } from './support/browser.js';
import { CLI, corpusFile, e2eSkipReason } from './support/paths.js';
import { startServe, type ServeProcess } from './support/serveProcess.js';
import { waitState } from './support/uiHooks.js';

const skip = e2eSkipReason();
const FILE = corpusFile('lab-a-2if.pcapng');

interface CliFlow {
  id: number;
  proto: string;
  state: string | null;
  flags: string[];
  orig: { packets: number; bytes: number };
  reply: { packets: number; bytes: number };
  zeek: { conn_state: string };
}

let serve: ServeProcess;
let b: TestBrowser;

before(async () => {
  if (skip) return;
  serve = await startServe(FILE);
  b = await openBrowser(serve.url);
  await waitState(b.page, (s) => s.file && !s.progress.indexing, 'file indexed');
});

after(async () => {
  await b?.close();
  await serve?.stop();
});

test('the flow table matches `wiresight flows`; a flow filters the packet list', { skip }, async () => {
  const page = b.page;
  const cli = JSON.parse(execFileSync(process.execPath, [CLI, 'flows', FILE, '--format', 'json'], { encoding: 'utf8' })) as CliFlow[];
  assert.ok(cli.length > 5 && cli.some((f) => f.proto === 'tcp'), 'the file has flows, TCP among them');

  await page.click('[data-testid="view-flows"]');
  await page.waitForSelector('[data-testid="flow-view"] [data-flow]');
  await page.locator('[data-testid="flow-count"]', { hasText: `${cli.length} of ${cli.length} flows` }).waitFor();
  const rows = await page.$$eval('[data-flow]', (els) =>
    els.map((e) => ({ id: Number(e.getAttribute('data-flow')), cells: Array.from(e.querySelectorAll('.cell'), (c) => (c as { textContent: string | null }).textContent ?? '') })),
  );
  assert.equal(rows.length, cli.length);
  for (const f of cli) {
    const r = rows.find((x) => x.id === f.id);
    assert.ok(r, `flow ${f.id} is listed`);
    const [proto, state, , , pktsOut, bytesOut, pktsIn, bytesIn, , , flags, zeek] = r.cells;
    const what = `flow ${f.id}`;
    assert.equal(proto, f.proto, `${what} protocol`);
    assert.equal(state, f.state ?? '', `${what} state`);
    assert.equal(pktsOut, f.orig.packets.toLocaleString('en-US'), `${what} packets →`);
    assert.equal(bytesOut, f.orig.bytes.toLocaleString('en-US'), `${what} bytes →`);
    assert.equal(pktsIn, f.reply.packets.toLocaleString('en-US'), `${what} packets ←`);
    assert.equal(bytesIn, f.reply.bytes.toLocaleString('en-US'), `${what} bytes ←`);
    assert.equal(flags!.split(' ').filter(Boolean).sort().join(' '), [...f.flags].sort().join(' '), `${what} flags`);
    assert.equal(zeek, f.zeek.conn_state, `${what} Zeek conn_state`);
  }
  await b.screenshot('flows');

  // copy a TCP flow as a conntrack line
  const tcp = cli.find((f) => f.proto === 'tcp' && f.state)!;
  await page.click(`[data-flow="${tcp.id}"]`);
  await page.click('[data-testid="copy-conntrack"]');
  const line = await page.textContent('[data-testid="flow-copied"]');
  assert.match(line ?? '', new RegExp(`^tcp +6 \\d+ ${tcp.state} src=\\S+ dst=\\S+ sport=\\d+ dport=\\d+ packets=${tcp.orig.packets} bytes=${tcp.orig.bytes} `));
  assert.match(line ?? '', /\[ASSURED\] mark=0 use=1$/);
  // the copy is a round trip to the engine: wait for the shown text to change
  await page.click('[data-testid="copy-nft"]');
  await page.waitForFunction(
    (before) =>
      (globalThis as unknown as { document: { querySelector(q: string): { textContent: string | null } | null } }).document.querySelector('[data-testid="flow-copied"]')
        ?.textContent !== before,
    line,
  );
  assert.match((await page.textContent('[data-testid="flow-copied"]')) ?? '', /^nft add rule inet filter input ip6? saddr \S+ ip6? daddr \S+ tcp sport \d+ tcp dport \d+ counter accept$/);

  // choosing the flow filters the list to its packets
  await page.click('[data-testid="flow-filter"]');
  const s = await waitState(page, (st) => st.view === 'packets' && st.filterApplied === `ct.id == ${tcp.id}` && st.filterProgress === null, 'flow filter applied');
  assert.equal(s.displayed, tcp.orig.packets + tcp.reply.packets);
  await b.screenshot('flow-filtered-packets');
  assert.deepEqual(b.errors, []);
});
