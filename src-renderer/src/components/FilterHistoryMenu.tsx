// The filter bar's drop-down of recently applied filters.

import { useEffect, useRef } from 'react';
import { filterHistory } from '../state/settings';

export function FilterHistoryMenu({ onPick, onClose }: { onPick: (text: string) => void; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const items = filterHistory();
  useEffect(() => {
    const down = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('mousedown', down);
    return () => window.removeEventListener('mousedown', down);
  }, [onClose]);
  return (
    <div className="fb-history" ref={ref}>
      {items.length === 0 && <div className="empty">No filters applied yet</div>}
      {items.map((t) => (
        <div key={t} className="mono" onMouseDown={() => onPick(t)}>
          {t}
        </div>
      ))}
    </div>
  );
}
