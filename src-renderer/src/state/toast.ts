// Short messages at the bottom of the window (saved, copied, errors); replaced by the next.

import { store } from './appState';

let timer: ReturnType<typeof setTimeout> | null = null;

export function toast(text: string, kind: 'info' | 'error' = 'info'): void {
  store.set({ toast: { text, kind } });
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => store.set({ toast: null }), kind === 'error' ? 8000 : 4000);
}
