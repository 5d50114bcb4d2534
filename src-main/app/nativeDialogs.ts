// The chooseFile API method in the desktop app: the system's open and save dialogs.

import { BrowserWindow, dialog } from 'electron';
import type { ApiHandlers } from '../api/contract.js';

const CAPTURE_FILTERS = [
  { name: 'Capture files', extensions: ['pcapng', 'pcap', 'cap', 'gz'] },
  { name: 'All files', extensions: ['*'] },
];

export const chooseFile: ApiHandlers['chooseFile'] = async ({ mode, title, defaultPath }) => {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  if (mode === 'open') {
    const opts = { title: title ?? 'Open capture file', properties: ['openFile' as const], filters: CAPTURE_FILTERS, ...(defaultPath ? { defaultPath } : {}) };
    const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
    return { path: r.canceled ? null : (r.filePaths[0] ?? null), native: true };
  }
  const opts = { title: title ?? 'Save capture as', filters: CAPTURE_FILTERS, ...(defaultPath ? { defaultPath } : {}) };
  const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
  return { path: r.canceled ? null : (r.filePath ?? null), native: true };
};
