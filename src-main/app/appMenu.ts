// The application menu with Wireshark's shortcuts. Items send UI commands to the focused
// window (the renderer decides what they do, as for its own toolbar and keys).

import { app, BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import type { UiCommand } from '../api/contract.js';
import { sendEvent } from './ipcBridge.js';

function cmd(label: string, command: UiCommand, accelerator?: string): MenuItemConstructorOptions {
  return {
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => {
      const w = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
      if (w) sendEvent('command', { command }, w);
    },
  };
}

export function buildMenu(recent: string[], openPath: (p: string) => void): Menu {
  const template: MenuItemConstructorOptions[] = [
    {
      label: '&File',
      submenu: [
        cmd('&Open…', 'open', 'CmdOrCtrl+O'),
        { label: 'Open &Recent', submenu: recent.length ? recent.map((p) => ({ label: p, click: () => openPath(p) })) : [{ label: '(none)', enabled: false }] },
        { type: 'separator' },
        cmd('&Save As…', 'saveAs', 'CmdOrCtrl+Shift+S'),
        cmd('&Export Specified Packets…', 'exportDisplayed'),
        cmd('Export &Flows…', 'exportFlows'),
        { type: 'separator' },
        cmd('&Close', 'close', 'CmdOrCtrl+W'),
        { label: '&Quit', accelerator: 'CmdOrCtrl+Q', click: () => app.quit() },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        cmd('&Find Packet…', 'find', 'CmdOrCtrl+F'),
      ],
    },
    {
      label: '&View',
      submenu: [
        cmd('&Packets', 'packets'),
        cmd('&Flows', 'flows'),
        { type: 'separator' },
        cmd('&Dark Theme', 'toggleTheme'),
        { type: 'separator' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'resetZoom' },
        ...(process.env.WIRESIGHT_DEV ? [{ role: 'toggleDevTools' as const }] : []),
      ],
    },
    {
      label: '&Go',
      submenu: [
        cmd('&Go to Packet…', 'goToPacket', 'CmdOrCtrl+G'),
        cmd('&Next Packet', 'nextPacket', 'CmdOrCtrl+Down'),
        cmd('&Previous Packet', 'prevPacket', 'CmdOrCtrl+Up'),
        cmd('F&irst Packet', 'firstPacket', 'CmdOrCtrl+Home'),
        cmd('&Last Packet', 'lastPacket', 'CmdOrCtrl+End'),
        { type: 'separator' },
        cmd('Display &Filter', 'focusFilter', 'CmdOrCtrl+/'),
      ],
    },
    {
      label: '&Capture',
      submenu: [
        cmd('&Options…', 'captureOptions', 'CmdOrCtrl+K'),
        cmd('&Start / Stop', 'captureStartStop', 'CmdOrCtrl+E'),
        cmd('&Restart', 'captureRestart', 'CmdOrCtrl+R'),
      ],
    },
    { label: '&Statistics', submenu: [cmd('&Flows (conntrack)', 'flows')] },
    { label: '&Help', submenu: [cmd('&About Wiresight', 'about')] },
  ];
  return Menu.buildFromTemplate(template);
}
