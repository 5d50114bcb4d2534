// A tiny external store for React (useSyncExternalStore): the app state lives outside
// components, so actions can run from menus, keys and API events alike.

import { useSyncExternalStore } from 'react';

export interface Store<T> {
  get(): T;
  set(patch: Partial<T> | ((s: T) => Partial<T>)): void;
  subscribe(l: () => void): () => void;
  use<R>(select: (s: T) => R): R;
}

export function createStore<T extends object>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<() => void>();
  const store: Store<T> = {
    get: () => state,
    set(patch) {
      const p = typeof patch === 'function' ? patch(state) : patch;
      state = { ...state, ...p };
      for (const l of [...listeners]) l();
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    use(select) {
      return useSyncExternalStore(store.subscribe, () => select(state));
    },
  };
  return store;
}
