// Preferences kept in the renderer's local storage (per profile): theme, time format,
// column widths/visibility, and the display-filter history.

import type { TimeFormat } from '../api/contractTypes';
import type { ColumnState } from './appState';

export interface Settings {
  theme?: 'light' | 'dark';
  timeFormat?: TimeFormat;
  columns?: ColumnState[];
}

const KEY = 'wiresight.settings';
const HISTORY_KEY = 'wiresight.filterHistory';
const MAX_HISTORY = 30;

export function loadSettings(): Settings {
  try {
    return (JSON.parse(localStorage.getItem(KEY) ?? '{}') as Settings) ?? {};
  } catch {
    return {};
  }
}

export function saveSettings(patch: Settings): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...loadSettings(), ...patch }));
  } catch {
    // storage may be unavailable (private mode); preferences then last one session
  }
}

export function filterHistory(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberFilter(text: string): void {
  if (!text.trim()) return;
  const next = [text, ...filterHistory().filter((t) => t !== text)].slice(0, MAX_HISTORY);
  try {
    localStorage.setItem(HISTORY_KEY, JSON.stringify(next));
  } catch {
    // see saveSettings
  }
}
