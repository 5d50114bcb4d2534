// One row of the packet list, colored by the coloring rule the backend chose for it.

import { memo } from 'react';
import type { PacketRow } from '../api/contractTypes';
import type { ColumnState } from '../state/appState';
import { selectRow } from '../state/selectionActions';

interface Props {
  row: number;
  data: PacketRow | undefined;
  columns: ColumnState[];
  selected: boolean;
  top: number;
}

function cellText(d: PacketRow, id: ColumnState['id']): string {
  switch (id) {
    case 'number': return String(d.number);
    case 'time': return d.time;
    case 'src': return d.src;
    case 'dst': return d.dst;
    case 'protocol': return d.protocol;
    case 'length': return String(d.length);
    case 'info': return d.info;
  }
}

export const PacketRowView = memo(function PacketRowView({ row, data, columns, selected, top }: Props) {
  const cls = `prow ${data ? `c-${data.color}` : 'pending c-none'}${selected ? ' sel' : ''}`;
  return (
    <div className={cls} style={{ transform: `translateY(${top}px)` }} data-row={row} onMouseDown={() => void selectRow(row)}>
      {columns.map((c) => (
        <div key={c.id} className={`cell ${c.id === 'number' ? 'num' : c.id === 'length' ? 'len' : ''}`} title={c.id === 'info' && data ? data.info : undefined}>
          {data ? cellText(data, c.id) : c.id === 'info' ? '…' : ''}
        </div>
      ))}
    </div>
  );
});
