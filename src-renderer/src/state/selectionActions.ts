// Selection across the three panes: a row selects a packet (its tree and bytes are
// fetched), a tree node selects its bytes, a byte selects the node that owns it.

import { api, errorText } from '../api/api';
import { rowCache } from '../packets/rowCache';
import { ancestorPaths, expandKey, nodeAt, nodeOwningByte } from '../packets/treePaths';
import { store } from './appState';
import { toast } from './toast';

let detailSeq = 0;

export async function selectRow(row: number, scroll = false): Promise<void> {
  const s = store.get();
  if (s.displayed === 0) return;
  row = Math.max(0, Math.min(row, s.displayed - 1));
  store.set({ selectedRow: row, follow: row === s.displayed - 1 && s.follow, ...(scroll ? { scrollTo: { row, seq: Date.now() } } : {}) });
  const r = await rowCache.row(row);
  if (!r || store.get().selectedRow !== row) return;
  await showPacket(r.index);
}

async function showPacket(index: number): Promise<void> {
  const seq = ++detailSeq;
  try {
    const detail = await api.invoke('packetDetail', { index });
    if (seq !== detailSeq) return;
    const prev = store.get();
    // keep the same field selected when moving between packets, if it exists there
    const prevField = prev.detail && prev.selectedNode ? nodeAt(prev.detail.tree, prev.selectedNode)?.field : undefined;
    let selectedNode: string | null = null;
    if (prevField && prev.selectedNode && nodeAt(detail.tree, prev.selectedNode)?.field === prevField) selectedNode = prev.selectedNode;
    const n = selectedNode ? nodeAt(detail.tree, selectedNode) : null;
    store.set({
      selectedPacket: index,
      detail,
      selectedNode,
      byteSelection: n ? { source: n.source, start: n.start, length: n.length } : null,
      byteSource: n ? n.source : 0,
    });
  } catch (err) {
    if (seq === detailSeq) toast(`Cannot show packet ${index + 1}: ${errorText(err)}`, 'error');
  }
}

export function moveSelection(delta: number): void {
  const s = store.get();
  if (s.displayed === 0) return;
  const from = s.selectedRow ?? (delta > 0 ? -1 : s.displayed);
  void selectRow(Math.max(0, Math.min(s.displayed - 1, from + delta)), true);
}

export function selectNode(path: string | null): void {
  const s = store.get();
  const n = path && s.detail ? nodeAt(s.detail.tree, path) : null;
  if (!n) {
    store.set({ selectedNode: null, byteSelection: null });
    return;
  }
  store.set({
    selectedNode: path,
    byteSelection: n.length > 0 ? { source: n.source, start: n.start, length: n.length } : null,
    byteSource: n.length > 0 ? n.source : s.byteSource,
  });
}

export function toggleExpanded(path: string, open?: boolean): void {
  const s = store.get();
  const n = s.detail ? nodeAt(s.detail.tree, path) : null;
  if (!n || n.children.length === 0) return;
  const key = expandKey(n);
  const next = new Set(s.expanded);
  const want = open ?? !next.has(key);
  if (want) next.add(key);
  else next.delete(key);
  store.set({ expanded: next });
}

/** Clicking a byte: select the field that owns it, opening the subtrees above it. */
export function selectByte(source: number, offset: number): void {
  const s = store.get();
  if (!s.detail) return;
  const path = nodeOwningByte(s.detail.tree, source, offset);
  if (!path) {
    store.set({ selectedNode: null, byteSelection: { source, start: offset, length: 1 } });
    return;
  }
  const next = new Set(s.expanded);
  for (const a of ancestorPaths(path)) {
    const n = nodeAt(s.detail.tree, a);
    if (n) next.add(expandKey(n));
  }
  store.set({ expanded: next });
  selectNode(path);
}

export async function goToPacket(number: number): Promise<boolean> {
  const found = await api.invoke('findPacket', { number });
  if (!found) {
    toast(`Packet ${number} is not in the list`, 'error');
    return false;
  }
  if (found.number !== number) toast(`Packet ${number} is not displayed; showing ${found.number}`, 'info');
  await selectRow(found.row, true);
  return true;
}
