// Serves the built renderer under app://wiresight/ (a standard, secure scheme, so the
// page has a real origin for its workers and CSP, instead of file://), with the CSP
// header on every response. Only files inside dist/renderer are reachable.

import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './contentPolicy.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  const root = normalize(rendererDir);
  protocol.handle('app', async (req) => {
    const url = new URL(req.url);
    if (url.host !== 'wiresight') return new Response('not found', { status: 404 });
    const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const full = normalize(join(root, rel));
    if (!full.startsWith(root + sep)) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(full);
      return new Response(body, {
        headers: { 'Content-Type': TYPES[extname(full)] ?? 'application/octet-stream', 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}
