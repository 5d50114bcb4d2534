// The packet list's column headers: click to sort (ascending, descending, file order),
// drag the right edge to resize, right-click to choose which columns are shown.

import { useState, type MouseEvent } from 'react';
import type { ColumnState } from '../state/appState';
import { store } from '../state/appState';
import { setColumnWidth, sortBy } from '../state/viewActions';
import { ColumnMenu } from './ColumnMenu';

export function PacketListHeader({ columns }: { columns: ColumnState[] }) {
  const sort = store.use((s) => s.sort);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);

  const startResize = (e: MouseEvent, c: ColumnState) => {
    e.preventDefault();
    e.stopPropagation();
    const x0 = e.clientX;
    const w0 = c.width;
    const move = (ev: globalThis.MouseEvent) => setColumnWidth(c.id, w0 + ev.clientX - x0);
    const up = () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  };

  return (
    <div
      className="plist-head"
      onContextMenu={(e) => {
        e.preventDefault();
        setMenu({ x: e.clientX, y: e.clientY });
      }}
    >
      {columns.map((c) => (
        <div key={c.id} className="hcell" data-col={c.id} onClick={() => void sortBy(c.id)} title="Click to sort; right-click to choose columns">
          {c.title}
          {sort?.column === c.id ? (sort.descending ? ' ▼' : ' ▲') : ''}
          <span className="grip" onMouseDown={(e) => startResize(e, c)} onClick={(e) => e.stopPropagation()} />
        </div>
      ))}
      {menu && <ColumnMenu x={menu.x} y={menu.y} onClose={() => setMenu(null)} />}
    </div>
  );
}
