// The web host's access token: random per server start, carried by the printed URL
// (?token=...), then by an HttpOnly cookie the first authorised page load sets, so the
// page's own scripts, assets and WebSocket are authorised without the token in their URLs.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function cookieName(port: number): string {
  // cookies ignore the port, so two servers on one host must not share a name
  return `wiresight_token_${port}`;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
  }
  return out;
}

export type TokenSource = 'query' | 'cookie' | 'header' | null;

/** Where the request carried a valid token, or null when it did not. */
export function tokenSource(req: IncomingMessage, url: URL, token: string, port: number): TokenSource {
  const q = url.searchParams.get('token');
  if (q !== null && same(q, token)) return 'query';
  const c = cookies(req).get(cookieName(port));
  if (c !== undefined && same(c, token)) return 'cookie';
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ') && same(auth.slice(7), token)) return 'header';
  return null;
}

export function setCookieHeader(token: string, port: number): string {
  return `${cookieName(port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}
