// The start page: open a file (recent files, bundled samples), or pick an interface —
// of this host or of a network namespace — with its live traffic sparkline, set a
// capture filter and start capturing.

import { useEffect, useState } from 'react';
import { api } from '../api/api';
import type { SampleFile } from '../api/contractTypes';
import { store } from '../state/appState';
import { startCapture } from '../state/captureActions';
import { chooseAndOpen, openFile } from '../state/fileActions';
import { InterfaceList } from './InterfaceList';
import { formatBytes } from '../util/formatBytes';

export function StartPage() {
  const [recent, setRecent] = useState<string[]>([]);
  const [samples, setSamples] = useState<SampleFile[]>([]);
  const filter = store.use((s) => s.captureFilter);
  const iface = store.use((s) => s.captureIface);
  useEffect(() => {
    void api.invoke('recentFiles', {}).then(setRecent).catch(() => undefined);
    void api.invoke('samples', {}).then(setSamples).catch(() => undefined);
  }, []);
  return (
    <div className="start" data-testid="start-page">
      <section className="start-col">
        <h2>Open</h2>
        <button className="primary" onClick={() => void chooseAndOpen()}>Open a capture file…</button>
        <h3>Recent files</h3>
        {recent.length === 0 && <div className="dim">None yet</div>}
        <ul className="links">
          {recent.map((p) => (
            <li key={p}><a href="#" onClick={(e) => { e.preventDefault(); void openFile(p); }} title={p}>{p}</a></li>
          ))}
        </ul>
        <h3>Samples</h3>
        <ul className="links" data-testid="samples">
          {samples.map((s) => (
            <li key={s.path}>
              <a href="#" onClick={(e) => { e.preventDefault(); void openFile(s.path); }} title={s.path}>{s.name}</a> <span className="dim">{formatBytes(s.size)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="start-col wide">
        <h2>Capture</h2>
        <div className="row">
          <input type="text" placeholder="capture filter, e.g. tcp port 443 or icmp" value={filter} onChange={(e) => store.set({ captureFilter: e.target.value })} style={{ flex: 1 }} data-testid="start-capture-filter" />
          <button className="primary" disabled={!iface} onClick={() => void startCapture()}>● Start capture{iface ? ` on ${iface.name}` : ''}</button>
        </div>
        <InterfaceList />
      </section>
    </div>
  );
}
