// `wiresight serve`: the renderer and the API over HTTP + WebSocket, on loopback unless
// told otherwise. Every request must carry the random token (printed URL, then a cookie);
// without it the answer is 401. Host and Origin are checked too, so a page on another
// site cannot talk to this server through DNS rebinding.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Backend } from '../api/backend/backend.js';
import { newToken, setCookieHeader, tokenSource } from './accessToken.js';
import { securityHeaders } from './securityHeaders.js';
import { resolveStatic, sendStatic } from './staticFiles.js';
import { bridgeSocket } from './wsBridge.js';

export interface WebServerOptions {
  backend: Backend;
  rendererDir: string;
  host?: string;
  /** 0 picks a free port */
  port?: number;
  token?: string;
}

export interface RunningWebServer {
  url: string;
  token: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function hostAllowed(req: IncomingMessage, bindHost: string, port: number): boolean {
  const h = req.headers.host;
  if (!h) return false;
  if (!LOOPBACK.has(bindHost)) return true; // explicitly exposed: the token is the guard
  const allowed = ['127.0.0.1', 'localhost', '[::1]'].map((n) => `${n}:${port}`);
  return allowed.includes(h.toLowerCase());
}

function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // not a browser page (e.g. a test client)
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function deny(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text + '\n');
}

export async function startWebServer(o: WebServerOptions): Promise<RunningWebServer> {
  const bindHost = o.host ?? '127.0.0.1';
  const token = o.token ?? newToken();
  let port = 0;
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });

  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!hostAllowed(req, bindHost, port)) return deny(res, 421, 'wrong Host');
    const src = tokenSource(req, url, token, port);
    if (!src) return deny(res, 401, 'Unauthorized: open the URL that `wiresight serve` printed (it carries the access token)');
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'method not allowed');
    // the Host header was checked above; the page's WebSocket goes back to the same host
    const h = securityHeaders(`ws://${req.headers.host}`);
    if (src === 'query') h['Set-Cookie'] = setCookieHeader(token, port);
    const file = resolveStatic(o.rendererDir, url.pathname);
    if (!file) return deny(res, 404, 'not found');
    if (!sendStatic(res, file, h)) {
      if (url.pathname === '/' || url.pathname === '/index.html') {
        return deny(res, 503, `the UI is not built (${o.rendererDir} is missing): run npm run build`);
      }
      deny(res, 404, 'not found');
    }
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const ok = url.pathname === '/api' && hostAllowed(req, bindHost, port) && originAllowed(req) && tokenSource(req, url, token, port);
    if (!ok) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => bridgeSocket(ws, o.backend));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, bindHost, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = bindHost === '0.0.0.0' || bindHost === '::' ? '127.0.0.1' : fmtHost(bindHost);
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    token,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function fmtHost(h: string): string {
  return h.includes(':') && !h.startsWith('[') ? `[${h}]` : h;
}
