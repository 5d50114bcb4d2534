// The status bar: file, packets, displayed, capture counts and drops, load and filter progress.

import { store } from '../state/appState';

function pct(a: number, b: number): number {
  return b > 0 ? Math.min(100, Math.round((a / b) * 100)) : 0;
}

export function StatusBar() {
  const file = store.use((s) => s.file);
  const progress = store.use((s) => s.progress);
  const displayed = store.use((s) => s.displayed);
  const fp = store.use((s) => s.filterProgress);
  const capture = store.use((s) => s.capture);
  const busy = store.use((s) => s.busy);
  const filter = store.use((s) => s.filterApplied);
  const live = capture.state === 'running' || capture.state === 'stopping';
  return (
    <div className="statusbar" data-testid="status">
      <span className="grow" title={file?.path}>{busy ?? (file ? file.name : 'Ready')}{file?.damage ? ` — damaged: ${file.damage}` : ''}</span>
      {progress?.indexing && !file?.live && (
        <span data-testid="load-progress">
          Loading <span className="progress"><div style={{ width: `${pct(progress.bytesRead, progress.size)}%` }} /></span> {pct(progress.bytesRead, progress.size)}%
        </span>
      )}
      {fp && (
        <span>
          Filtering <span className="progress"><div style={{ width: `${pct(fp.done, fp.total)}%` }} /></span>
        </span>
      )}
      {file && (
        <span>
          Packets: <b data-testid="packet-count">{(progress?.packets ?? file.packets).toLocaleString('en-US')}</b>
        </span>
      )}
      {file && (
        <span title={filter || 'no display filter'}>
          Displayed: <b data-testid="displayed-count">{displayed.toLocaleString('en-US')}</b>
          {file && progress && progress.packets > 0 && ` (${((displayed / progress.packets) * 100).toFixed(1)}%)`}
        </span>
      )}
      {(live || capture.state === 'stopped') && (
        <span data-testid="capture-status">
          {live ? 'Capturing' : 'Captured'} on {capture.netns ? `${capture.netns}/` : ''}{capture.iface}: <b>{capture.packets.toLocaleString('en-US')}</b> packets, dropped{' '}
          <b data-testid="dropped">{(capture.dropped + capture.ifDropped).toLocaleString('en-US')}</b>
        </span>
      )}
    </div>
  );
}
