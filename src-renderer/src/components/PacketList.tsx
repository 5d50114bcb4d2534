// The packet list: a virtualized grid that renders only the rows on screen and fetches
// them from the backend in pages. Past the browser's element-height limit the scrollbar
// is scaled, so ten million rows scroll as smoothly as ten thousand. Follows new packets
// during a live capture until the user scrolls away.

import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { rowCache } from '../packets/rowCache';
import { store } from '../state/appState';
import { registerFocus } from '../state/focusTargets';
import { moveSelection, selectRow } from '../state/selectionActions';
import { PacketListHeader } from './PacketListHeader';
import { PacketRowView } from './PacketRowView';

const ROW_H = 20;
const HEAD_H = 22;
/** Chromium stops growing elements around 16.7M px; stay well below */
const MAX_PX = 8_000_000;
const PREFETCH = 100;

export function PacketList() {
  const displayed = store.use((s) => s.displayed);
  const version = store.use((s) => s.rowsVersion);
  const timeFormat = store.use((s) => s.timeFormat);
  const columns = store.use((s) => s.columns);
  const selectedRow = store.use((s) => s.selectedRow);
  const follow = store.use((s) => s.follow);
  const live = store.use((s) => s.file?.live === true && s.progress?.indexing === true);
  const scrollTo = store.use((s) => s.scrollTo);
  useSyncExternalStore(rowCache.subscribe.bind(rowCache), () => rowCache.tick);
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);

  useLayoutEffect(() => rowCache.reset(version, timeFormat), [version, timeFormat]);

  const bodyH = Math.max(ROW_H, height - HEAD_H);
  const totalPx = displayed * ROW_H;
  const spacer = Math.min(totalPx, MAX_PX);
  const scale = spacer > bodyH ? (totalPx - bodyH) / (spacer - bodyH) : 1;
  const virtualTop = scrollTop * scale;
  const first = Math.max(0, Math.floor(virtualTop / ROW_H));
  const count = Math.min(displayed - first, Math.ceil(bodyH / ROW_H) + 1);

  useEffect(() => {
    rowCache.ensure(first - PREFETCH, first + count + PREFETCH, displayed);
  }, [first, count, displayed, version, timeFormat]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  useEffect(() => registerFocus('list', () => ref.current?.focus()), []);

  /** Puts `row` on screen (top margin of a few rows) unless it is already visible. */
  const reveal = useCallback(
    (row: number, force = false) => {
      const el = ref.current;
      if (!el) return;
      const visibleFirst = Math.ceil((el.scrollTop * scale) / ROW_H);
      const visibleLast = Math.floor((el.scrollTop * scale + bodyH) / ROW_H) - 1;
      if (!force && row >= visibleFirst && row <= visibleLast) return;
      const target = row < visibleFirst ? row * ROW_H : (row + 1) * ROW_H - bodyH;
      el.scrollTop = Math.max(0, target / scale);
    },
    [scale, bodyH],
  );

  useEffect(() => {
    if (scrollTo) reveal(scrollTo.row);
  }, [scrollTo, reveal]);

  // live capture: keep the newest rows in view while following
  useEffect(() => {
    const el = ref.current;
    if (el && live && follow) el.scrollTop = el.scrollHeight;
  }, [displayed, live, follow]);

  const onScroll = () => {
    const el = ref.current!;
    setScrollTop(el.scrollTop);
    if (live) {
      const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_H;
      if (atBottom !== store.get().follow) store.set({ follow: atBottom });
    }
  };

  const onKey = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(bodyH / ROW_H) - 1);
    const moves: Record<string, () => void> = {
      ArrowDown: () => moveSelection(1),
      ArrowUp: () => moveSelection(-1),
      PageDown: () => moveSelection(page),
      PageUp: () => moveSelection(-page),
      Home: () => void selectRow(0, true),
      End: () => void selectRow(displayed - 1, true),
    };
    const m = moves[e.key];
    if (m && !e.ctrlKey && !e.altKey) {
      e.preventDefault();
      m();
    }
  };

  const visible = columns.filter((c) => c.visible);
  const cols = visible.map((c) => `${c.width}px`).join(' ');
  const rows = [];
  for (let k = 0; k < count; k++) {
    const r = first + k;
    rows.push(
      <PacketRowView key={r} row={r} data={rowCache.get(r)} columns={visible} selected={r === selectedRow} top={r * ROW_H - virtualTop} />,
    );
  }
  return (
    <div className="plist" ref={ref} tabIndex={0} onScroll={onScroll} onKeyDown={onKey} style={{ ['--cols' as string]: cols }} data-testid="packet-list">
      <PacketListHeader columns={visible} />
      <div className="plist-body" style={{ height: spacer }}>
        <div className="plist-layer" style={{ top: scrollTop }}>
          {rows}
        </div>
      </div>
      {displayed === 0 && <div className="empty">{store.get().file ? 'No packets match the display filter' : 'No capture open'}</div>}
    </div>
  );
}
