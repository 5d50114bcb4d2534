// Opening, closing and saving captures, and keeping the file state in step with the
// backend's events (progress while indexing or capturing live).

import { api, errorText } from '../api/api';
import type { FileInfo, FileProgress, SaveParams } from '../api/contractTypes';
import { store } from './appState';
import { toast } from './toast';

export async function openFile(path: string): Promise<void> {
  store.set({ busy: `Opening ${path}…` });
  try {
    await api.invoke('openFile', { path });
    // the fileOpened event resets the views (it also arrives when another window opened it)
  } catch (err) {
    toast(`Cannot open ${path}: ${errorText(err)}`, 'error');
  } finally {
    store.set({ busy: null });
  }
}

export function fileOpened(info: FileInfo): void {
  const s = store.get();
  store.set({
    file: info,
    progress: info,
    displayed: info.displayed,
    filterApplied: info.filter,
    filterProgress: null,
    rowsVersion: s.rowsVersion + 1,
    selectedRow: null,
    selectedPacket: null,
    detail: null,
    selectedNode: null,
    byteSelection: null,
    byteSource: 0,
    sort: null,
    follow: true,
    view: s.view === 'flows' ? 'flows' : 'packets',
  });
}

export function fileProgress(p: FileProgress): void {
  const s = store.get();
  store.set({
    progress: p,
    displayed: p.displayed,
    file: s.file ? { ...s.file, ...p } : s.file,
  });
}

export function fileClosed(): void {
  const s = store.get();
  store.set({
    file: null,
    progress: null,
    displayed: 0,
    detail: null,
    selectedRow: null,
    selectedPacket: null,
    selectedNode: null,
    byteSelection: null,
    rowsVersion: s.rowsVersion + 1,
    view: 'start',
  });
}

export async function closeFile(): Promise<void> {
  await api.invoke('closeFile', {});
}

export async function saveFile(p: SaveParams): Promise<boolean> {
  store.set({ busy: `Saving ${p.path}…` });
  try {
    const r = await api.invoke('saveFile', p);
    toast(`Saved ${r.packets.toLocaleString()} packets to ${r.path}`, 'info');
    return true;
  } catch (err) {
    toast(`Cannot save: ${errorText(err)}`, 'error');
    return false;
  } finally {
    store.set({ busy: null });
  }
}

/** Opens a file through the host's native dialog when it has one, else the built-in dialog. */
export async function chooseAndOpen(): Promise<void> {
  const r = await api.invoke('chooseFile', { mode: 'open', title: 'Open capture file' }).catch(() => ({ path: null, native: false }));
  if (r.path) await openFile(r.path);
  else if (!r.native) store.set({ dialog: { kind: 'open' } });
}
