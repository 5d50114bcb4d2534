// The desktop app's main process (thin): one instance, one window, menus, native dialogs;
// the same Backend as `wiresight serve`, reached over IPC instead of a WebSocket.
// `wiresight-app FILE` (or a second launch with FILE) opens that file.

import { app, BrowserWindow, Menu } from 'electron';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Backend, PACKAGE_ROOT } from '../api/backend/backend.js';
import { buildMenu } from './appMenu.js';
import { registerAppScheme, serveRenderer } from './appProtocol.js';
import { bridgeIpc } from './ipcBridge.js';
import { createMainWindow } from './mainWindow.js';
import { chooseFile } from './nativeDialogs.js';

const PRELOAD = fileURLToPath(new URL('./preload.js', import.meta.url));

function configDir(): string {
  return process.env.WIRESIGHT_CONFIG_DIR ?? join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'wiresight');
}

/** The capture file named on a command line, if any (skips Electron's and Chromium's own arguments). */
function fileFromArgv(argv: readonly string[], cwd: string): string | null {
  const args = argv.slice(app.isPackaged ? 1 : 2);
  const f = args.find((a) => !a.startsWith('-'));
  if (!f) return null;
  const p = resolve(cwd, f);
  return existsSync(p) ? p : null;
}

registerAppScheme();

// packaged: the capture helper ships as an extra resource (see electron-builder.yml)
if (app.isPackaged && !process.env.WIRESIGHT_CAPTURE_HELPER) {
  process.env.WIRESIGHT_CAPTURE_HELPER = join(process.resourcesPath, 'bin', 'wiresight-capture');
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  const backend = new Backend({ configDir: configDir(), host: { chooseFile } });
  const openPath = (p: string): void => {
    void backend.handlers.openFile({ path: p }).then(refreshMenu, () => undefined);
  };
  const refreshMenu = (): void => Menu.setApplicationMenu(buildMenu(backend.recent.list(), openPath));

  app.on('second-instance', (_e, argv, cwd) => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
    const f = fileFromArgv(argv, cwd);
    if (f) openPath(f);
  });

  app.whenReady().then(() => {
    serveRenderer(join(PACKAGE_ROOT, 'dist', 'renderer'));
    bridgeIpc(backend);
    refreshMenu();
    win = createMainWindow({ preload: PRELOAD, configDir: configDir(), onDropFile: openPath });
    win.on('closed', () => (win = null));
    const f = fileFromArgv(process.argv, process.cwd());
    if (f) openPath(f);
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void backend.dispose());
}
