// The packet list's requests: a window of rows, go to packet, find, and sorting.

import type { PacketRow } from '../../../api/contract.js';
import { summaryColumns } from '../../output/summary.js';
import { requireCapture, type EngineHandlers } from '../engineState.js';
import { RowBuilder } from '../rowBuilder.js';
import { sortedOrder } from '../sortOrder.js';
import { compileMatcher } from '../filterMatcher.js';

/** Rows per request at most: a screenful is ~50; the list asks for a few screens. */
const MAX_WINDOW = 1000;

export const rowHandlers = {
  rows: ({ start, count, timeFormat }, state) => {
    const cap = requireCapture(state);
    const displayed = cap.view.displayed(cap.total);
    const from = Math.max(0, Math.min(Math.floor(start), displayed));
    const to = Math.min(displayed, from + Math.max(0, Math.min(Math.floor(count), MAX_WINDOW)));
    const builder = new RowBuilder(cap, timeFormat);
    const rows: PacketRow[] = [];
    for (let r = from; r < to; r++) rows.push(builder.row(cap.view.packetAt(r)));
    return { start: from, rows, displayed };
  },

  findPacket: ({ number }, state) => {
    const cap = requireCapture(state);
    const total = cap.total;
    if (total === 0 || !Number.isFinite(number)) return null;
    const packet = Math.max(0, Math.min(Math.floor(number) - 1, total - 1));
    const exact = cap.view.rowOf(packet, total);
    if (exact >= 0) return { row: exact, number: packet + 1 };
    // not displayed: the next displayed packet after it, as Wireshark's Go To does
    const displayed = cap.view.displayed(total);
    if (displayed === 0) return null;
    const near = Math.min(cap.view.lowerBound(packet, total), displayed - 1);
    const p = cap.view.packetAt(near);
    return { row: cap.view.rowOf(p, total), number: p + 1 };
  },

  findText: ({ text, fromRow, mode }, state) => {
    const cap = requireCapture(state);
    const displayed = cap.view.displayed(cap.total);
    if (displayed === 0 || text === '') return null;
    let test: (i: number) => boolean;
    if (mode === 'filter') {
      const m = compileMatcher(cap, text);
      if ('message' in m) throw Object.assign(new Error(m.message), { code: 'EFILTER' });
      test = (i) => m.match(i);
    } else {
      const needle = text.toLowerCase();
      test = (i) => {
        const { f, c } = cap.file.dissect(i, false);
        const s = summaryColumns(f, c);
        return `${s.src} ${s.dst} ${s.protocol} ${s.info}`.toLowerCase().includes(needle);
      };
    }
    for (let k = 1; k <= displayed; k++) {
      const row = (Math.max(0, fromRow) + k) % displayed;
      if (test(cap.view.packetAt(row))) return { row };
    }
    return null;
  },

  sortRows: ({ column, descending }, state) => {
    const cap = requireCapture(state);
    if (column === null) cap.view.setOrder(null, false, null);
    else cap.view.setOrder(column, descending, sortedOrder(cap, column, descending));
    return { displayed: cap.view.displayed(cap.total) };
  },
} satisfies Partial<EngineHandlers>;
