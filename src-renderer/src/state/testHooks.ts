// Read-only hooks for the end-to-end tests: they read the state and wait for the next
// change (an event, not a timer) instead of sleeping. Polling predicates inside the page
// would need eval, which the CSP forbids.

import { rowCache } from '../packets/rowCache';
import { store, type AppState } from './appState';

type Snapshot = Omit<AppState, 'expanded'> & { expanded: string[] };

declare global {
  interface Window {
    __wiresight?: {
      state: () => Snapshot;
      row: (r: number) => ReturnType<typeof rowCache.get>;
      rowTick: () => number;
      /** resolves at the next state or row-cache change (or after `ms` at most) */
      changed: (ms: number) => Promise<void>;
      ready: boolean;
    };
  }
}

export function installTestHooks(): void {
  window.__wiresight = {
    state: () => {
      const s = store.get();
      return { ...s, expanded: [...s.expanded] };
    },
    row: (r) => rowCache.get(r),
    rowTick: () => rowCache.tick,
    changed: (ms) =>
      new Promise<void>((resolve) => {
        const done = () => {
          offStore();
          offRows();
          clearTimeout(t);
          resolve();
        };
        const offStore = store.subscribe(done);
        const offRows = rowCache.subscribe(done);
        const t = setTimeout(done, ms);
      }),
    ready: true,
  };
}
