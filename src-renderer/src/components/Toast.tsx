// The current short message, if any.

import { store } from '../state/appState';

export function Toast() {
  const t = store.use((s) => s.toast);
  if (!t) return null;
  return (
    <div className={`toast ${t.kind}`} role="status" data-testid="toast" onClick={() => store.set({ toast: null })}>
      {t.text}
    </div>
  );
}
