// Display-filter requests: check (as the user types) and apply. Applying answers at once
// with what a short first slice found; the background loop evaluates the rest and reports
// filterProgress, so a filter on millions of packets never blocks the worker.

import { checkFilterText, compileMatcher } from '../filterMatcher.js';
import { requireCapture, type EngineHandlers } from '../engineState.js';

const FIRST_SLICE_MS = 60;

export const filterHandlers = {
  checkFilter: ({ text }) => checkFilterText(text),

  setDisplayFilter: ({ text }, state) => {
    const cap = requireCapture(state);
    const trimmed = text.trim();
    const view = cap.view;
    if (trimmed === '') {
      view.setFilter('', null);
    } else {
      const m = compileMatcher(cap, trimmed);
      if ('message' in m) return { ok: false as const, message: m.message, start: m.start, end: m.end };
      view.setFilter(trimmed, m);
      const deadline = performance.now() + FIRST_SLICE_MS;
      while (view.evaluated < cap.total && performance.now() < deadline) {
        const end = Math.min(cap.total, view.evaluated + 128);
        for (let i = view.evaluated; i < end; i++) if (m.match(i)) view.addMatch(i);
        view.evaluated = end;
      }
    }
    state.work.kick();
    const total = cap.total;
    return {
      ok: true as const,
      filter: view.filterText,
      displayed: view.displayed(total),
      total,
      complete: cap.indexDone && !view.pending(total),
    };
  },
} satisfies Partial<EngineHandlers>;
