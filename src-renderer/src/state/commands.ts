// What each command does, whether it came from a host menu (Electron), a toolbar button or
// a keyboard shortcut. The shortcuts are Wireshark's.

import type { UiCommand } from '../api/contractTypes';
import { store } from './appState';
import { restartCapture, toggleCapture } from './captureActions';
import { chooseAndOpen, closeFile } from './fileActions';
import { focusTarget } from './focusTargets';
import { moveSelection, selectRow } from './selectionActions';
import { toggleTheme } from './viewActions';

export function runCommand(cmd: UiCommand): void {
  const s = store.get();
  const hasFile = s.file !== null;
  switch (cmd) {
    case 'open': void chooseAndOpen(); break;
    case 'save':
    case 'saveAs': if (hasFile) store.set({ dialog: { kind: 'save', displayedOnly: false } }); break;
    case 'exportDisplayed': if (hasFile) store.set({ dialog: { kind: 'save', displayedOnly: true } }); break;
    case 'exportFlows': if (hasFile) store.set({ dialog: { kind: 'exportFlows' } }); break;
    case 'close': void closeFile(); break;
    case 'find': if (hasFile) store.set({ dialog: { kind: 'find' } }); break;
    case 'goToPacket': if (hasFile) store.set({ dialog: { kind: 'goto' } }); break;
    case 'focusFilter': store.set({ view: hasFile ? (s.view === 'start' ? 'packets' : s.view) : s.view }); focusTarget('filter'); break;
    case 'captureStartStop': void toggleCapture(); break;
    case 'captureRestart': void restartCapture(); break;
    case 'captureOptions': store.set({ view: 'start' }); break;
    case 'flows': if (hasFile) store.set({ view: 'flows' }); break;
    case 'packets': if (hasFile) store.set({ view: 'packets' }); break;
    case 'toggleTheme': toggleTheme(); break;
    case 'nextPacket': moveSelection(1); break;
    case 'prevPacket': moveSelection(-1); break;
    case 'firstPacket': void selectRow(0, true); break;
    case 'lastPacket': void selectRow(s.displayed - 1, true); break;
    case 'about': store.set({ dialog: { kind: 'about' } }); break;
  }
}

/** The command a key press means, or null. */
export function commandForKey(e: KeyboardEvent): UiCommand | null {
  const ctrl = e.ctrlKey || e.metaKey;
  if (!ctrl || e.altKey) return null;
  const k = e.key.toLowerCase();
  if (e.shiftKey) {
    if (k === 's') return 'saveAs';
    return null;
  }
  switch (k) {
    case 'o': return 'open';
    case 's': return 'save';
    case 'w': return 'close';
    case 'e': return 'captureStartStop';
    case 'k': return 'captureOptions';
    case 'f': return 'find';
    case 'g': return 'goToPacket';
    case '/': return 'focusFilter';
    case 'arrowdown': case '.': return 'nextPacket';
    case 'arrowup': case ',': return 'prevPacket';
    case 'home': return 'firstPacket';
    case 'end': return 'lastPacket';
    default: return null;
  }
}
