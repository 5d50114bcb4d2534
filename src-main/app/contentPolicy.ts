// The Electron window's Content-Security-Policy (the web host sends the same one from
// src-main/web/securityHeaders.ts): scripts and workers only from the app's own
// protocol; no remote content at all.

export const APP_ORIGIN = 'app://wiresight';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
