// The one API object the renderer uses. In Electron the preload script provides it
// (window.wiresight: invoke + subscribe, nothing else); in a browser it is the WebSocket
// transport. Nothing else in the renderer knows which.

import type { ApiTransport } from './contractTypes';
import { WsTransport } from './wsTransport';

declare global {
  interface Window {
    wiresight?: ApiTransport;
  }
}

function createTransport(): ApiTransport {
  if (window.wiresight) return window.wiresight;
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return new WsTransport(`${proto}//${location.host}/api`);
}

export const api: ApiTransport = createTransport();

/** Message of an error thrown by an API call, for the UI. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Whether dropping a file on the window opens it without help from the page: the desktop
 * shell turns the drop's navigation into an open; a browser would leave the app instead.
 */
export const hostOpensDroppedFiles = window.wiresight !== undefined;
