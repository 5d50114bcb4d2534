// Save As / Export Specified Packets: where, which format, all or only displayed packets.

import { useState } from 'react';
import { api } from '../api/api';
import { store } from '../state/appState';
import { saveFile } from '../state/fileActions';
import { DialogFrame } from './DialogFrame';

export function SaveDialog({ displayedOnly: initialDisplayed }: { displayedOnly: boolean }) {
  const file = store.use((s) => s.file);
  const filter = store.use((s) => s.filterApplied);
  const close = () => store.set({ dialog: null });
  const base = file?.path.replace(/(\.pcapng|\.pcap)?(\.gz)?$/, '') ?? '/tmp/capture';
  const [format, setFormat] = useState<'pcapng' | 'pcap'>('pcapng');
  const [path, setPath] = useState(`${base}-saved.pcapng`);
  const [displayedOnly, setDisplayedOnly] = useState(initialDisplayed && filter !== '');

  const pickFormat = (f: 'pcapng' | 'pcap') => {
    setFormat(f);
    setPath((p) => p.replace(/\.(pcapng|pcap)$/, '') + `.${f}`);
  };
  const native = async () => {
    const r = await api.invoke('chooseFile', { mode: 'save', title: 'Save capture as', defaultPath: path });
    if (r.path) setPath(r.path);
  };
  const save = async () => {
    if (await saveFile({ path, format, displayedOnly })) close();
  };
  return (
    <DialogFrame
      title={initialDisplayed ? 'Export specified packets' : 'Save capture as'}
      onClose={close}
      testId="save-dialog"
      actions={
        <>
          <button onClick={close}>Cancel</button>
          <button className="primary" onClick={() => void save()} disabled={!path} data-testid="save-confirm">Save</button>
        </>
      }
    >
      <div className="row">
        <input type="text" value={path} onChange={(e) => setPath(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void save()} data-testid="save-path" />
        <button onClick={() => void native()}>Browse…</button>
      </div>
      <div className="row">
        Format:
        <label><input type="radio" checked={format === 'pcapng'} onChange={() => pickFormat('pcapng')} /> pcapng</label>
        <label><input type="radio" checked={format === 'pcap'} onChange={() => pickFormat('pcap')} data-testid="save-pcap" /> pcap</label>
      </div>
      <div className="row">
        <label>
          <input type="checkbox" checked={displayedOnly} disabled={!filter} onChange={(e) => setDisplayedOnly(e.target.checked)} /> Only the displayed packets
          {filter ? <span className="mono dim"> ({filter})</span> : <span className="dim"> (no display filter)</span>}
        </label>
      </div>
    </DialogFrame>
  );
}
