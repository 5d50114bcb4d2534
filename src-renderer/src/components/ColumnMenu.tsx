// The packet list's column chooser (right-click on the headers): show/hide columns and
// pick the time format.

import { useEffect, useRef } from 'react';
import type { TimeFormat } from '../api/contractTypes';
import { store } from '../state/appState';
import { setTimeFormat, toggleColumn } from '../state/viewActions';

export const TIME_FORMATS: { id: TimeFormat; label: string; short: string }[] = [
  { id: 'relative', label: 'Seconds since start of capture', short: 'Since start' },
  { id: 'delta', label: 'Seconds since previous packet', short: 'Since previous' },
  { id: 'absolute', label: 'Date and time of day', short: 'Time of day' },
  { id: 'utc', label: 'UTC date and time of day', short: 'UTC' },
  { id: 'epoch', label: 'Seconds since 1970-01-01', short: 'Epoch' },
];

export function ColumnMenu({ x, y, onClose }: { x: number; y: number; onClose: () => void }) {
  const columns = store.use((s) => s.columns);
  const timeFormat = store.use((s) => s.timeFormat);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const down = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('mousedown', down);
    return () => window.removeEventListener('mousedown', down);
  }, [onClose]);
  return (
    <div className="col-menu" ref={ref} style={{ left: x, top: y }} onClick={(e) => e.stopPropagation()}>
      {columns.map((c) => (
        <label key={c.id}>
          <input type="checkbox" checked={c.visible} onChange={() => toggleColumn(c.id)} /> {c.title}
        </label>
      ))}
      <hr />
      {TIME_FORMATS.map((t) => (
        <label key={t.id}>
          <input type="radio" name="tf" checked={timeFormat === t.id} onChange={() => setTimeFormat(t.id)} /> {t.label}
        </label>
      ))}
    </div>
  );
}
