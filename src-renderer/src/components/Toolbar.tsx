// The main toolbar: file actions, the view switch (start / packets / flows), the capture
// controls, time format and theme.

import { store } from '../state/appState';
import { runCommand } from '../state/commands';
import { setTimeFormat } from '../state/viewActions';
import type { TimeFormat } from '../api/contractTypes';
import { CaptureToolbar } from './CaptureToolbar';
import { TIME_FORMATS } from './ColumnMenu';

export function Toolbar() {
  const view = store.use((s) => s.view);
  const hasFile = store.use((s) => s.file !== null);
  const theme = store.use((s) => s.theme);
  const timeFormat = store.use((s) => s.timeFormat);
  return (
    <div className="toolbar" role="toolbar">
      <span className="brand">Wiresight</span>
      <button onClick={() => runCommand('open')} title="Open a capture file (Ctrl+O)" data-testid="open">Open…</button>
      <button onClick={() => runCommand('saveAs')} disabled={!hasFile} title="Save As (Ctrl+Shift+S)" data-testid="save">Save As…</button>
      <button onClick={() => runCommand('exportDisplayed')} disabled={!hasFile} title="Export the displayed packets">Export…</button>
      <span className="sep" />
      <span className="tabs">
        <button className={view === 'start' ? 'active' : ''} onClick={() => store.set({ view: 'start' })} data-testid="view-start">Start</button>{' '}
        <button className={view === 'packets' ? 'active' : ''} disabled={!hasFile} onClick={() => runCommand('packets')} data-testid="view-packets">Packets</button>{' '}
        <button className={view === 'flows' ? 'active' : ''} disabled={!hasFile} onClick={() => runCommand('flows')} data-testid="view-flows">Flows</button>
      </span>
      <span className="sep" />
      <button onClick={() => runCommand('goToPacket')} disabled={!hasFile} title="Go to packet (Ctrl+G)">Go to…</button>
      <button onClick={() => runCommand('find')} disabled={!hasFile} title="Find packet (Ctrl+F)">Find…</button>
      <span className="sep" />
      <CaptureToolbar />
      <span className="spacer" />
      <select value={timeFormat} onChange={(e) => setTimeFormat(e.target.value as TimeFormat)} title="Time format" data-testid="time-format">
        {TIME_FORMATS.map((t) => (
          <option key={t.id} value={t.id}>{t.short}</option>
        ))}
      </select>
      <button onClick={() => runCommand('toggleTheme')} title="Light / dark theme" data-testid="theme">{theme === 'dark' ? '☀' : '☾'}</button>
    </div>
  );
}
