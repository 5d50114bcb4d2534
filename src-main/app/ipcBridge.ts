// Carries the API between the backend and the windows over Electron IPC: one invoke
// channel (checked: only our own windows, only pages from app://wiresight, only known
// methods with well-formed params) and one event channel.

import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { toWireError } from '../api/apiError.js';
import type { Backend } from '../api/backend/backend.js';
import type { EventName } from '../api/contract.js';
import { isMethodName } from '../api/paramCheck.js';
import { APP_ORIGIN } from './contentPolicy.js';

export const INVOKE_CHANNEL = 'wiresight:invoke';
export const EVENT_CHANNEL = 'wiresight:event';

function trusted(e: IpcMainInvokeEvent): boolean {
  const win = BrowserWindow.fromWebContents(e.sender);
  if (!win || win.webContents !== e.sender) return false;
  const url = e.senderFrame?.url ?? '';
  try {
    return new URL(url).origin === APP_ORIGIN && e.senderFrame === e.sender.mainFrame;
  } catch {
    return false;
  }
}

export function bridgeIpc(backend: Backend): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (e, method: unknown, params: unknown) => {
    if (!trusted(e)) throw new Error('refused: the request did not come from a Wiresight window');
    if (!isMethodName(method)) return { ok: false, error: { message: `unknown method ${String(method)}`, code: 'ENOMETHOD' } };
    try {
      return { ok: true, result: (await backend.invoke(method, params)) ?? null };
    } catch (err) {
      return { ok: false, error: toWireError(err) };
    }
  });
  const stop = backend.events.listen((event, data) => sendEvent(event, data));
  return () => {
    stop();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  };
}

/** Sends an event to every window (or one). */
export function sendEvent(event: EventName, data: unknown, only?: BrowserWindow): void {
  for (const w of only ? [only] : BrowserWindow.getAllWindows()) {
    if (!w.isDestroyed()) w.webContents.send(EVENT_CHANNEL, event, data);
  }
}
