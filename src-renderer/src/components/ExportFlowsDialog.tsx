// Export Flows: the flow table as CSV, JSON, or Zeek conn.log JSON lines.

import { useState } from 'react';
import { api, errorText } from '../api/api';
import { store } from '../state/appState';
import { toast } from '../state/toast';
import { DialogFrame } from './DialogFrame';

const EXT = { csv: 'csv', json: 'json', zeek: 'conn.log.json' } as const;

export function ExportFlowsDialog() {
  const file = store.use((s) => s.file);
  const close = () => store.set({ dialog: null });
  const base = file?.path.replace(/(\.pcapng|\.pcap)?(\.gz)?$/, '') ?? '/tmp/capture';
  const [format, setFormat] = useState<'csv' | 'json' | 'zeek'>('csv');
  const [path, setPath] = useState(`${base}-flows.csv`);
  const pick = (f: 'csv' | 'json' | 'zeek') => {
    setFormat(f);
    setPath(`${base}-flows.${EXT[f]}`);
  };
  const save = async () => {
    try {
      const r = await api.invoke('exportFlows', { path, format });
      toast(`Exported ${r.flows} flows to ${r.path}`);
      close();
    } catch (err) {
      toast(`Cannot export flows: ${errorText(err)}`, 'error');
    }
  };
  return (
    <DialogFrame
      title="Export flows"
      onClose={close}
      actions={
        <>
          <button onClick={close}>Cancel</button>
          <button className="primary" onClick={() => void save()}>Export</button>
        </>
      }
    >
      <div className="row"><input type="text" value={path} onChange={(e) => setPath(e.target.value)} /></div>
      <div className="row">
        <label><input type="radio" checked={format === 'csv'} onChange={() => pick('csv')} /> CSV</label>
        <label><input type="radio" checked={format === 'json'} onChange={() => pick('json')} /> JSON</label>
        <label><input type="radio" checked={format === 'zeek'} onChange={() => pick('zeek')} /> Zeek conn.log (JSON)</label>
      </div>
    </DialogFrame>
  );
}
