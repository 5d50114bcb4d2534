// Read-only hooks for the end-to-end tests: they wait on these conditions (rows loaded,
// filter finished, packet shown) instead of sleeping.

import { rowCache } from '../packets/rowCache';
import { store } from './appState';

declare global {
  interface Window {
    __wiresight?: {
      state: () => ReturnType<typeof store.get>;
      row: (r: number) => ReturnType<typeof rowCache.get>;
      rowTick: () => number;
      ready: boolean;
    };
  }
}

export function installTestHooks(): void {
  window.__wiresight = {
    state: () => store.get(),
    row: (r) => rowCache.get(r),
    rowTick: () => rowCache.tick,
    ready: true,
  };
}
