// Applying a display filter: the backend answers at once with a first count and reports
// the rest as filterProgress, so the list shows matches while the filter runs.

import { api, errorText } from '../api/api';
import type { FilterProgress } from '../api/contractTypes';
import { store } from './appState';
import { rememberFilter } from './settings';
import { toast } from './toast';

export interface ApplyOutcome {
  ok: boolean;
  message?: string;
  start?: number;
  end?: number;
}

export async function applyFilter(text: string): Promise<ApplyOutcome> {
  if (!store.get().file) return { ok: false, message: 'Open a capture first' };
  try {
    const r = await api.invoke('setDisplayFilter', { text });
    if (!r.ok) return { ok: false, message: r.message, start: r.start, end: r.end };
    rememberFilter(r.filter);
    const s = store.get();
    store.set({
      filterApplied: r.filter,
      displayed: r.displayed,
      rowsVersion: s.rowsVersion + 1,
      selectedRow: null,
      filterProgress: r.complete ? null : { filter: r.filter, done: 0, total: r.total, displayed: r.displayed, complete: false },
      sort: null,
    });
    // keep the selected packet selected if it is still displayed
    if (s.selectedPacket !== null) {
      const found = await api.invoke('findPacket', { number: s.selectedPacket + 1 });
      if (found && found.number === s.selectedPacket + 1) store.set({ selectedRow: found.row, scrollTo: { row: found.row, seq: Date.now() } });
    }
    return { ok: true };
  } catch (err) {
    toast(errorText(err), 'error');
    return { ok: false, message: errorText(err) };
  }
}

export function filterProgress(p: FilterProgress): void {
  const s = store.get();
  if (p.filter !== s.filterApplied) return;
  store.set({ filterProgress: p.complete ? null : p, displayed: p.displayed });
}
