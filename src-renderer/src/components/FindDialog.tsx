// Find packet (Ctrl+F): the next displayed packet after the selection whose summary
// contains a string, or that matches a display filter.

import { useState } from 'react';
import { api, errorText } from '../api/api';
import { store } from '../state/appState';
import { selectRow } from '../state/selectionActions';
import { DialogFrame } from './DialogFrame';

export function FindDialog() {
  const close = () => store.set({ dialog: null });
  const [text, setText] = useState('');
  const [mode, setMode] = useState<'string' | 'filter'>('string');
  const [msg, setMsg] = useState<string | null>(null);
  const find = async () => {
    try {
      const r = await api.invoke('findText', { text, mode, fromRow: store.get().selectedRow ?? -1 });
      if (!r) setMsg('Not found');
      else {
        setMsg(null);
        await selectRow(r.row, true);
      }
    } catch (err) {
      setMsg(errorText(err));
    }
  };
  return (
    <DialogFrame title="Find packet" onClose={close} actions={<><button onClick={close}>Close</button><button className="primary" onClick={() => void find()}>Find next</button></>}>
      <div className="row">
        <select value={mode} onChange={(e) => setMode(e.target.value as 'string' | 'filter')}>
          <option value="string">String in summary</option>
          <option value="filter">Display filter</option>
        </select>
        <input type="text" autoFocus value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void find()} />
      </div>
      {msg && <div className="dim">{msg}</div>}
    </DialogFrame>
  );
}
