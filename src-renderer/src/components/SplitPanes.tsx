// Three panes stacked vertically (packet list, details, bytes) with draggable splitters;
// the split is remembered for the session.

import { useRef, useState, type MouseEvent, type ReactNode } from 'react';

export function SplitPanes({ children }: { children: [ReactNode, ReactNode, ReactNode] }) {
  const [sizes, setSizes] = useState([0.5, 0.3, 0.2]);
  const ref = useRef<HTMLDivElement>(null);

  const drag = (e: MouseEvent, k: 0 | 1) => {
    e.preventDefault();
    const box = ref.current!.getBoundingClientRect();
    const y0 = e.clientY;
    const s0 = [...sizes];
    const move = (ev: globalThis.MouseEvent) => {
      const d = (ev.clientY - y0) / box.height;
      const a = Math.max(0.08, Math.min(s0[k]! + s0[k + 1]! - 0.08, s0[k]! + d));
      const next = [...s0];
      next[k] = a;
      next[k + 1] = s0[k]! + s0[k + 1]! - a;
      setSizes(next);
    };
    const up = () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  };

  return (
    <div className="panes" ref={ref}>
      <div className="pane" style={{ flex: sizes[0] }}>{children[0]}</div>
      <div className="splitter" onMouseDown={(e) => drag(e, 0)} />
      <div className="pane" style={{ flex: sizes[1] }}>{children[1]}</div>
      <div className="splitter" onMouseDown={(e) => drag(e, 1)} />
      <div className="pane" style={{ flex: sizes[2] }}>{children[2]}</div>
    </div>
  );
}
