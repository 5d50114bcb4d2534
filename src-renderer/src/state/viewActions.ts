// Preferences and list presentation: theme, time format, columns (width, visibility),
// sorting by a column (done by the backend over the displayed packets).

import { api, errorText } from '../api/api';
import type { ColumnId, TimeFormat } from '../api/contractTypes';
import { store } from './appState';
import { saveSettings } from './settings';
import { toast } from './toast';

export function setTheme(theme: 'light' | 'dark'): void {
  store.set({ theme });
  saveSettings({ theme });
}

export function toggleTheme(): void {
  setTheme(store.get().theme === 'dark' ? 'light' : 'dark');
}

export function setTimeFormat(timeFormat: TimeFormat): void {
  store.set((s) => ({ timeFormat, rowsVersion: s.rowsVersion + 1 }));
  saveSettings({ timeFormat });
}

export function setColumnWidth(id: ColumnId, width: number): void {
  const columns = store.get().columns.map((c) => (c.id === id ? { ...c, width: Math.max(40, Math.round(width)) } : c));
  store.set({ columns });
  saveSettings({ columns });
}

export function toggleColumn(id: ColumnId): void {
  const cols = store.get().columns;
  if (cols.filter((c) => c.visible).length === 1 && cols.find((c) => c.id === id)?.visible) return;
  const columns = cols.map((c) => (c.id === id ? { ...c, visible: !c.visible } : c));
  store.set({ columns });
  saveSettings({ columns });
}

/** Cycles a column's sort: ascending, descending, then file order. */
export async function sortBy(column: ColumnId): Promise<void> {
  const cur = store.get().sort;
  const next = cur?.column !== column ? { column, descending: false } : !cur.descending ? { column, descending: true } : null;
  store.set({ busy: 'Sorting…' });
  try {
    await api.invoke('sortRows', { column: next?.column ?? null, descending: next?.descending ?? false });
    store.set((s) => ({ sort: next, rowsVersion: s.rowsVersion + 1, selectedRow: null }));
  } catch (err) {
    toast(errorText(err), 'error');
  } finally {
    store.set({ busy: null });
  }
}
