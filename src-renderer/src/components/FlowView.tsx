// The conntrack-style flow table: protocol, state, original and reply tuples, packets and
// bytes each way, duration, ASSURED/UNREPLIED and Zeek's conn_state; sortable, searchable,
// refreshed while packets arrive. Choosing a flow filters the packet list to it; a flow
// can be copied as a `conntrack -L` line, an nft rule or an iptables rule.

import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorText } from '../api/api';
import type { FlowTable } from '../api/contractTypes';
import { store } from '../state/appState';
import { applyFilter } from '../state/filterActions';
import { toast } from '../state/toast';
import { FlowTableView, type FlowSort } from './FlowTableView';

const REFRESH_MS = 1000;
/** rows fetched at a time, and the step by which the fetched window follows the scrolling */
const WINDOW = 400;
const STEP = 100;

export function FlowView() {
  const [table, setTable] = useState<FlowTable | null>(null);
  const [search, setSearch] = useState('');
  const [all, setAll] = useState(false);
  const [sort, setSort] = useState<FlowSort>({ key: 'start', descending: false });
  const [selected, setSelected] = useState<number | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [firstVisible, setFirstVisible] = useState(0);
  const latest = useRef(0);
  const version = store.use((s) => s.rowsVersion);
  // the window starts a step before the first visible row, so scrolling either way stays inside it
  const offset = Math.max(0, Math.floor(firstVisible / STEP) * STEP - STEP);

  const load = useCallback(async () => {
    const n = ++latest.current;
    try {
      const t = await api.invoke('flows', { sort: sort.key, descending: sort.descending, all, offset, limit: WINDOW, ...(search ? { search } : {}) });
      if (n === latest.current) setTable(t);
    } catch (err) {
      toast(errorText(err), 'error');
    }
  }, [sort, search, all, offset]);

  useEffect(() => {
    void load();
  }, [load, version]);

  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = api.subscribe('flowsChanged', () => {
      const wait = Math.max(0, last + REFRESH_MS - Date.now());
      timer ??= setTimeout(() => {
        timer = null;
        last = Date.now();
        void load();
      }, wait);
    });
    const offProgress = api.subscribe('fileProgress', (p) => {
      if (!p.indexing) void load();
    });
    return () => {
      off();
      offProgress();
      if (timer) clearTimeout(timer);
    };
  }, [load]);

  const filterTo = async (id: number) => {
    const { filter } = await api.invoke('flowFilter', { id });
    const r = await applyFilter(filter);
    if (r.ok) store.set({ view: 'packets' });
    else toast(`The flow's filter was refused: ${r.message}`, 'error');
  };

  const copy = async (id: number, as: 'conntrack' | 'nft' | 'iptables') => {
    const { text } = await api.invoke('flowText', { id, as });
    setCopied(text);
    try {
      await navigator.clipboard.writeText(text);
      toast(`Copied as ${as}`, 'info');
    } catch {
      toast('Copied text is shown below (the clipboard is not available here)', 'info');
    }
  };

  if (table && !table.available) return <div className="empty">The flow tracker is not available in this build.</div>;
  return (
    <div className="flows" data-testid="flow-view">
      <div className="flow-tools">
        <input type="text" placeholder="Search flows (address, port, state…)" value={search} onChange={(e) => setSearch(e.target.value)} style={{ width: 280 }} data-testid="flow-search" />
        <label title="Also list flows that were closed or expired before the last packet">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} data-testid="flow-all" /> ended flows
        </label>
        <span className="dim" data-testid="flow-count">
          {table ? `${table.matched.toLocaleString('en-US')} of ${table.total.toLocaleString('en-US')} flows` : 'Loading…'}
        </span>
        <span className="spacer" />
        <button disabled={selected === null} onClick={() => selected !== null && void filterTo(selected)} data-testid="flow-filter">Filter packets</button>
        <button disabled={selected === null} onClick={() => selected !== null && void copy(selected, 'conntrack')} data-testid="copy-conntrack">Copy as conntrack</button>
        <button disabled={selected === null} onClick={() => selected !== null && void copy(selected, 'nft')} data-testid="copy-nft">Copy as nft rule</button>
        <button disabled={selected === null} onClick={() => selected !== null && void copy(selected, 'iptables')} data-testid="copy-iptables">Copy as iptables rule</button>
        <button onClick={() => store.set({ dialog: { kind: 'exportFlows' } })}>Export…</button>
      </div>
      <FlowTableView
        rows={table?.flows ?? []}
        offset={table?.offset ?? 0}
        count={table?.matched ?? 0}
        onFirstVisible={setFirstVisible}
        sort={sort}
        onSort={setSort}
        selected={selected}
        onSelect={setSelected}
        onActivate={(id) => void filterTo(id)}
      />
      {copied && <pre className="flow-copied mono" data-testid="flow-copied">{copied}</pre>}
    </div>
  );
}
