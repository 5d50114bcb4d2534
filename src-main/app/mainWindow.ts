// The main window: remembered size, context isolation + sandbox, no Node in the page, the
// app:// renderer, no navigation away and no new windows. A file dropped on the window
// becomes a navigation to file://; that is turned into opening the file.

import { BrowserWindow, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import { APP_ORIGIN } from './contentPolicy.js';
import { loadWindowState, trackWindowState } from './windowState.js';

export function createMainWindow(o: { preload: string; configDir: string; onDropFile: (path: string) => void }): BrowserWindow {
  const state = loadWindowState(o.configDir);
  const win = new BrowserWindow({
    ...state.bounds,
    minWidth: 800,
    minHeight: 500,
    title: 'Wiresight',
    show: false,
    webPreferences: {
      preload: o.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (state.maximized) win.maximize();
  trackWindowState(win, o.configDir);
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (e, url) => {
    if (url.startsWith(`${APP_ORIGIN}/`)) return;
    e.preventDefault();
    if (url.startsWith('file://')) o.onDropFile(fileURLToPath(url));
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
