// The flow table itself: rows are flows, of which it holds only a window fetched around
// the visible ones (any number of flows costs the same); rows outside the window show as
// pending until their window arrives.

import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { FlowRow } from '../api/contractTypes';

export interface FlowSort {
  key: keyof FlowRow;
  descending: boolean;
}

const ROW_H = 20;

const COLUMNS: { key: keyof FlowRow; title: string; width: number; render: (f: FlowRow) => string }[] = [
  { key: 'protocol', title: 'Proto', width: 60, render: (f) => f.protocol },
  { key: 'state', title: 'State', width: 110, render: (f) => f.state },
  { key: 'origSrc', title: 'Original src → dst', width: 320, render: (f) => tuple(f.origSrc, f.origSport, f.origDst, f.origDport, f) },
  { key: 'replySrc', title: 'Reply src → dst', width: 320, render: (f) => tuple(f.replySrc, f.replySport, f.replyDst, f.replyDport, f) },
  { key: 'origPackets', title: 'Pkts →', width: 70, render: (f) => f.origPackets.toLocaleString('en-US') },
  { key: 'origBytes', title: 'Bytes →', width: 80, render: (f) => f.origBytes.toLocaleString('en-US') },
  { key: 'replyPackets', title: 'Pkts ←', width: 70, render: (f) => f.replyPackets.toLocaleString('en-US') },
  { key: 'replyBytes', title: 'Bytes ←', width: 80, render: (f) => f.replyBytes.toLocaleString('en-US') },
  { key: 'duration', title: 'Duration', width: 80, render: (f) => `${f.duration.toFixed(3)} s` },
  { key: 'timeout', title: 'Timeout', width: 70, render: (f) => (f.timeout >= 0 ? String(f.timeout) : f.fate) },
  { key: 'assured', title: 'Flags', width: 150, render: (f) => [f.assured ? 'ASSURED' : '', f.unreplied ? 'UNREPLIED' : ''].filter(Boolean).join(' ') },
  { key: 'zeekState', title: 'Zeek', width: 60, render: (f) => f.zeekState },
];

function tuple(src: string, sport: number, dst: string, dport: number, f: FlowRow): string {
  const ports = f.protocol === 'tcp' || f.protocol === 'udp' || f.protocol === 'sctp';
  const a = (ip: string, p: number) => (ports ? (ip.includes(':') ? `[${ip}]:${p}` : `${ip}:${p}`) : ip);
  return `${a(src, sport)} → ${a(dst, dport)}`;
}

interface Props {
  /** the fetched window of rows, starting at row `offset` */
  rows: FlowRow[];
  offset: number;
  /** how many rows the table has */
  count: number;
  /** told the first visible row, so the window can follow */
  onFirstVisible: (row: number) => void;
  sort: FlowSort;
  onSort: (s: FlowSort) => void;
  selected: number | null;
  onSelect: (id: number) => void;
  onActivate: (id: number) => void;
}

export function FlowTableView({ rows, offset, count, onFirstVisible, sort, onSort, selected, onSelect, onActivate }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(400);
  useLayoutEffect(() => {
    const el = ref.current!;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const first = Math.max(0, Math.floor(top / ROW_H) - 10);
  const last = Math.min(count, Math.ceil((top + height) / ROW_H) + 10);
  useEffect(() => onFirstVisible(first), [first, onFirstVisible]);
  const visible: number[] = [];
  for (let i = first; i < last; i++) visible.push(i);
  const cols = COLUMNS.map((c) => `${c.width}px`).join(' ');
  return (
    <div className="flow-table plist" ref={ref} onScroll={(e) => setTop(e.currentTarget.scrollTop)} style={{ ['--cols' as string]: cols }} tabIndex={0}>
      <div className="plist-head">
        {COLUMNS.map((c) => (
          <div key={c.key} className="hcell" onClick={() => onSort({ key: c.key, descending: sort.key === c.key ? !sort.descending : false })}>
            {c.title}
            {sort.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
          </div>
        ))}
      </div>
      <div className="plist-body" style={{ height: count * ROW_H }}>
        {visible.map((i) => {
          const f = rows[i - offset];
          const y = { transform: `translateY(${i * ROW_H}px)` };
          if (!f) return <div key={`p${i}`} className="prow pending" style={y} />;
          return (
            <div
              key={f.id}
              className={`prow ${f.protocol === 'tcp' ? 'c-tcp' : f.protocol === 'udp' ? 'c-udp' : f.protocol.startsWith('icmp') ? 'c-icmp' : 'c-none'}${f.id === selected ? ' sel' : ''}`}
              style={y}
              data-flow={f.id}
              onMouseDown={() => onSelect(f.id)}
              onDoubleClick={() => onActivate(f.id)}
            >
              {COLUMNS.map((c) => (
                <div key={c.key} className="cell">{c.render(f)}</div>
              ))}
            </div>
          );
        })}
      </div>
      {count === 0 && <div className="empty">No flows</div>}
    </div>
  );
}
