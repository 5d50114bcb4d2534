// The selected packet's bytes: offset, hex and ASCII, 16 a line, the selected field's
// range highlighted; clicking a byte selects the field that owns it. Reassembled data
// sources get their own tabs.

import { useEffect, useMemo, useRef } from 'react';
import { store } from '../state/appState';
import { selectByte } from '../state/selectionActions';

function decodeHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function BytesPane() {
  const detail = store.use((s) => s.detail);
  const sel = store.use((s) => s.byteSelection);
  const sourceIndex = store.use((s) => s.byteSource);
  const ref = useRef<HTMLDivElement>(null);
  const source = detail?.sources[sourceIndex] ?? detail?.sources[0];
  const bytes = useMemo(() => (source ? decodeHex(source.hex) : new Uint8Array(0)), [source]);

  useEffect(() => {
    if (!sel) return;
    ref.current?.querySelector(`[data-line="${Math.floor(sel.start / 16)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [sel]);

  if (!detail || !source) return <div className="bytes empty">No packet selected</div>;
  const active = sel && sel.source === sourceIndex ? sel : null;
  const inSel = (o: number) => active !== null && o >= active.start && o < active.start + active.length;
  const lines = [];
  for (let off = 0; off < bytes.length; off += 16) {
    const hex = [];
    const ascii = [];
    for (let i = 0; i < 16; i++) {
      const o = off + i;
      if (i === 8) hex.push(<span key="gap" className="gap" />);
      if (o >= bytes.length) {
        hex.push(<span key={i} className="b">{'   '}</span>);
        continue;
      }
      const b = bytes[o]!;
      const hl = inSel(o) ? ' hl' : '';
      hex.push(
        <span key={i} className={`b${hl}`} data-off={o} onMouseDown={() => selectByte(sourceIndex, o)}>
          {HEX[b]}
        </span>,
      );
      hex.push(' ');
      ascii.push(
        <span key={i} className={`a${hl}`} data-aoff={o} onMouseDown={() => selectByte(sourceIndex, o)}>
          {b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'}
        </span>,
      );
    }
    lines.push(
      <div key={off} className="bline" data-line={off / 16}>
        <span className="off">{off.toString(16).padStart(4, '0')}</span>
        {hex}
        <span className="gap" />
        {ascii}
      </div>,
    );
  }
  return (
    <>
      <div className="bytes" ref={ref} data-testid="bytes">
        {lines}
      </div>
      {detail.sources.length > 1 && (
        <div className="src-tabs">
          {detail.sources.map((s, i) => (
            <button key={i} className={i === sourceIndex ? 'active' : ''} onClick={() => store.set({ byteSource: i })}>
              {s.name} ({s.hex.length / 2} bytes)
            </button>
          ))}
        </div>
      )}
    </>
  );
}
