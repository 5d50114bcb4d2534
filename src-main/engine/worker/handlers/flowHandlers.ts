// The flow view's requests: the conntrack-style table (sorted and searched here so the
// renderer only receives what it shows), a flow's display filter, and copy-as text.

import { ApiError } from '../../../api/apiError.js';
import type { FlowRow } from '../../../api/contract.js';
import type { EngineHandlers, EngineState } from '../engineState.js';

function source(state: EngineState) {
  if (!state.flows) throw new ApiError('ENOFLOWS', 'the flow tracker is not available in this build');
  return state.flows;
}

function matches(r: FlowRow, needle: string): boolean {
  const text = `${r.protocol} ${r.state} ${r.origSrc}:${r.origSport} ${r.origDst}:${r.origDport} ${r.replySrc} ${r.replyDst} ${r.zeekState} ${r.assured ? 'ASSURED' : ''} ${r.unreplied ? 'UNREPLIED' : ''}`;
  return text.toLowerCase().includes(needle);
}

export const flowHandlers = {
  flows: ({ sort, descending, search, all }, state) => {
    if (!state.capture || !state.flows) return { flows: [], total: 0, available: state.flows !== null || !state.capture };
    let rows = state.flows.rows(all === true);
    const total = rows.length;
    const needle = search?.trim().toLowerCase();
    if (needle) rows = rows.filter((r) => matches(r, needle));
    if (sort) {
      const dir = descending ? -1 : 1;
      rows = [...rows].sort((a, b) => {
        const x = a[sort];
        const y = b[sort];
        const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
        return c * dir || a.id - b.id;
      });
    }
    return { flows: rows, total, available: true };
  },
  flowFilter: ({ id }, state) => ({ filter: source(state).filterFor(id) }),
  flowText: ({ id, as }, state) => ({ text: source(state).text(id, as) }),
} satisfies Partial<EngineHandlers>;
