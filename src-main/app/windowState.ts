// Remembers the main window's size, position and maximized state between runs.

import type { BrowserWindow, Rectangle } from 'electron';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WindowState {
  bounds: Partial<Rectangle>;
  maximized: boolean;
}

const DEFAULT: WindowState = { bounds: { width: 1400, height: 900 }, maximized: false };

export function loadWindowState(configDir: string): WindowState {
  try {
    const s = JSON.parse(readFileSync(join(configDir, 'window-state.json'), 'utf8')) as WindowState;
    if (typeof s.bounds?.width === 'number' && typeof s.bounds?.height === 'number') return s;
  } catch {
    // first run, or an unreadable file: defaults
  }
  return DEFAULT;
}

export function trackWindowState(win: BrowserWindow, configDir: string): void {
  const save = (): void => {
    if (win.isDestroyed()) return;
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    try {
      mkdirSync(configDir, { recursive: true });
      writeFileSync(join(configDir, 'window-state.json'), JSON.stringify(state));
    } catch {
      // not remembering the size is harmless
    }
  };
  win.on('close', save);
}
