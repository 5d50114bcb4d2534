// The flow view's requests: the conntrack-style table (sorted and searched here, and sent
// a window at a time, so the renderer only receives what it shows however many flows a
// capture has), a flow's display filter, and copy-as text.

import { ApiError } from '../../../api/apiError.js';
import type { FlowRow } from '../../../api/contract.js';
import type { EngineHandlers, EngineState } from '../engineState.js';
import type { FlowSource } from '../flowSource.js';

function source(state: EngineState) {
  if (!state.flows) throw new ApiError('ENOFLOWS', 'the flow tracker is not available in this build');
  return state.flows;
}

function matches(r: FlowRow, needle: string): boolean {
  const text = `${r.protocol} ${r.state} ${r.origSrc}:${r.origSport} ${r.origDst}:${r.origDport} ${r.replySrc} ${r.replyDst} ${r.zeekState} ${r.assured ? 'ASSURED' : ''} ${r.unreplied ? 'UNREPLIED' : ''}`;
  return text.toLowerCase().includes(needle);
}

/**
 * The last ordered table, reused while only the window moves (scrolling) and nothing
 * changed: rows sorted by a value, or only ids when id order is the order asked for.
 */
let ordered: { src: FlowSource; key: string; rows: FlowRow[] | null; ids: number[]; total: number } | null = null;

/** Sorts that id order gives for free: flows get ids in the order their first packets come. */
function inIdOrder(src: FlowSource, sort: keyof FlowRow | undefined): boolean {
  return sort === undefined || sort === 'id' || sort === 'firstPacket' || (sort === 'start' && src.startsInIdOrder());
}

function orderedTable(src: FlowSource, all: boolean, sort: keyof FlowRow | undefined, descending: boolean, search: string) {
  const byId = !search && inIdOrder(src, sort);
  const key = JSON.stringify([src.version(), src.count(), all, byId ? 'id' : sort, descending, search]);
  if (ordered?.src === src && ordered.key === key) return ordered;
  if (byId) {
    const ids = src.ids(all);
    if (descending) ids.reverse();
    ordered = { src, key, rows: null, ids, total: ids.length };
    return ordered;
  }
  let rows = src.rows(all);
  const total = rows.length;
  if (search) rows = rows.filter((r) => matches(r, search));
  if (sort) {
    const dir = descending ? -1 : 1;
    rows = [...rows].sort((a, b) => {
      const x = a[sort];
      const y = b[sort];
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return c * dir || a.id - b.id;
    });
  }
  ordered = { src, key, rows, ids: rows.map((r) => r.id), total };
  return ordered;
}

export const flowHandlers = {
  flows: ({ sort, descending, search, all, offset, limit }, state) => {
    if (!state.capture || !state.flows) return { flows: [], offset: 0, matched: 0, total: 0, available: state.flows !== null || !state.capture };
    const src = state.flows;
    const t = orderedTable(src, all === true, sort, descending === true, search?.trim().toLowerCase() ?? '');
    const n = t.ids.length;
    const from = Math.max(0, Math.min(offset ?? 0, n));
    const to = limit === undefined ? n : Math.min(n, from + Math.max(0, limit));
    const flows = t.rows ? t.rows.slice(from, to) : t.ids.slice(from, to).map((id) => src.row(id));
    return { flows, offset: from, matched: n, total: t.total, available: true };
  },
  flowFilter: ({ id }, state) => ({ filter: source(state).filterFor(id) }),
  flowText: ({ id, as }, state) => ({ text: source(state).text(id, as) }),
} satisfies Partial<EngineHandlers>;
