// The web host end to end without a browser: 401 without the token (page, assets and
// WebSocket), the cookie the first authorised load sets, the Host check, and the API over
// the WebSocket (open a corpus file, rows, a packet's tree, a filter, saving).

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { Backend } from '../../../src-main/api/backend/backend.js';
import type { WireEvent, WireResponse } from '../../../src-main/api/wire.js';
import { CaptureFile } from '../../../src-main/engine/captureFile.js';
import { startWebServer, type RunningWebServer } from '../../../src-main/web/webServer.js';

const CORPUS = process.env.WIRESIGHT_CORPUS ?? path.resolve(new URL('../../../../..', import.meta.url).pathname, 'shared', 'captures');
const FILE = path.join(CORPUS, 'lab-a-2if.pcapng');

let tmp: string;
let backend: Backend;
let web: RunningWebServer;

before(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'ws-web-test-'));
  const renderer = path.join(tmp, 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(renderer, 'assets', 'a.js'), 'export {}');
  backend = new Backend({ configDir: path.join(tmp, 'config'), samplesDir: tmp });
  web = await startWebServer({ backend, rendererDir: renderer, port: 0 });
});

after(async () => {
  await web?.close();
  await backend?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

function get(p: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: web.port, path: p, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('the printed URL is loopback and carries the token', () => {
  const u = new URL(web.url);
  assert.equal(u.hostname, '127.0.0.1');
  assert.equal(u.searchParams.get('token'), web.token);
  assert.ok(web.token.length >= 32);
});

test('requests without the token get 401', async () => {
  assert.equal((await get('/')).status, 401);
  assert.equal((await get('/assets/a.js')).status, 401);
  assert.equal((await get(`/?token=${web.token}x`)).status, 401);
  assert.equal((await get('/', { Cookie: `wiresight_token_${web.port}=nope` })).status, 401);
});

test('the token in the URL sets a cookie that authorises the rest', async () => {
  const first = await get(`/?token=${web.token}`);
  assert.equal(first.status, 200);
  assert.match(String(first.headers['content-security-policy']), /script-src 'self'/);
  const cookie = String(first.headers['set-cookie']).split(';')[0]!;
  assert.match(cookie, new RegExp(`^wiresight_token_${web.port}=`));
  assert.match(String(first.headers['set-cookie']), /HttpOnly; SameSite=Strict/);
  const asset = await get('/assets/a.js', { Cookie: cookie });
  assert.equal(asset.status, 200);
  assert.equal(asset.body, 'export {}');
  assert.equal((await get('/..%2f..%2fetc%2fpasswd', { Cookie: cookie })).status, 404);
});

test('a foreign Host header is refused even with the token (DNS rebinding)', async () => {
  assert.equal((await get(`/?token=${web.token}`, { Host: `evil.example:${web.port}` })).status, 421);
});

test('the WebSocket needs the token too', async () => {
  const ws = new WebSocket(`ws://127.0.0.1:${web.port}/api`);
  const err = await new Promise<Error>((resolve) => ws.on('error', resolve));
  assert.match(err.message, /401/);
});

class Client {
  private id = 0;
  readonly events: WireEvent[] = [];
  private readonly waiting = new Map<number, (r: WireResponse) => void>();
  constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as WireResponse | WireEvent;
      if (m.t === 'evt') this.events.push(m);
      else this.waiting.get(m.id)?.(m);
    });
  }
  call(method: string, params: unknown): Promise<WireResponse> {
    const id = ++this.id;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.ws.send(JSON.stringify({ t: 'req', id, method, params }));
    });
  }
  async ok<T>(method: string, params: unknown): Promise<T> {
    const r = await this.call(method, params);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.result as T;
  }
}

test('the API over the WebSocket: open, rows, details, filter, save', async () => {
  const ws = new WebSocket(`ws://127.0.0.1:${web.port}/api?token=${web.token}`);
  await new Promise((r) => ws.on('open', r));
  const c = new Client(ws);
  try {
    const bad = await c.call('rows', { start: 0 });
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.error.code, 'EBADPARAMS');
    assert.equal(((await c.call('openFile', { path: '/no/such.pcap' })) as { ok: boolean }).ok, false);

    const info = await c.ok<{ packets: number; name: string }>('openFile', { path: FILE });
    assert.equal(info.name, 'lab-a-2if.pcapng');
    let fi = await c.ok<{ indexing: boolean; packets: number }>('fileInfo', {});
    while (fi.indexing) {
      await new Promise((r) => setImmediate(r));
      fi = await c.ok('fileInfo', {});
    }
    assert.equal(fi.packets, 382);

    const engine = await CaptureFile.open(FILE);
    engine.indexSome();
    const w = await c.ok<{ rows: { number: number; protocol: string; info: string; color: string }[]; displayed: number }>('rows', { start: 55, count: 3, timeFormat: 'relative' });
    assert.equal(w.displayed, 382);
    assert.deepEqual(w.rows.map((r) => r.number), [56, 57, 58]);
    assert.equal(w.rows[0]!.protocol, 'ICMP');
    assert.equal(w.rows[0]!.info, engine.summary(55).info);
    assert.equal(w.rows[0]!.color, 'icmp', "Wireshark's ICMP coloring rule");
    engine.close();

    const d = await c.ok<{ tree: { field: string; children: { field: string; start: number; length: number }[] }[]; sources: { hex: string }[] }>('packetDetail', { index: 55 });
    const ip = d.tree.find((n) => n.field === 'ip')!;
    const ttl = ip.children.find((n) => n.field === 'ip.ttl')!;
    assert.deepEqual([ttl.start, ttl.length], [22, 1], 'Ethernet (14) + TTL offset 8');
    assert.equal(d.sources[0]!.hex.length, 98 * 2);

    const f = await c.ok<{ ok: boolean; complete: boolean; displayed: number }>('setDisplayFilter', { text: 'icmp' });
    assert.equal(f.ok, true);
    // the filter may finish in the background: its completion arrives as an event
    const displayed = f.complete
      ? f.displayed
      : await new Promise<number>((resolve) => {
          const check = (): void => {
            const e = c.events.find((x) => x.event === 'filterProgress' && (x.data as { complete: boolean }).complete);
            if (e) resolve((e.data as { displayed: number }).displayed);
            else setImmediate(check);
          };
          check();
        });
    const tshark = spawnSync('tshark', ['-n', '-r', FILE, '-Y', 'icmp', '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8' });
    if (tshark.status === 0) assert.equal(displayed, tshark.stdout.trim().split('\n').length, 'same count as tshark -Y icmp');
    const done = { displayed };
    const bad2 = await c.ok<{ ok: boolean; start: number }>('setDisplayFilter', { text: 'icmp andd' });
    assert.equal(bad2.ok, false);
    assert.equal(bad2.start, 5);

    const out = path.join(tmp, 'icmp.pcap');
    const saved = await c.ok<{ packets: number }>('saveFile', { path: out, format: 'pcap', displayedOnly: true });
    assert.equal(saved.packets, done.displayed);
    const back = await CaptureFile.open(out);
    back.indexSome();
    assert.equal(back.index.count, done.displayed);
    assert.equal(back.summary(0).protocol, 'ICMP');
    back.close();
  } finally {
    ws.close();
  }
});
