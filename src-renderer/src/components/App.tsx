// The window: toolbar, then the start page, the three packet panes or the flow view,
// then the status bar; dialogs and messages on top. Global keyboard shortcuts live here.

import { useEffect } from 'react';
import { hostOpensDroppedFiles } from '../api/api';
import { store } from '../state/appState';
import { commandForKey, runCommand } from '../state/commands';
import { toast } from '../state/toast';
import { BytesPane } from './BytesPane';
import { DetailsPane } from './DetailsPane';
import { Dialogs } from './Dialogs';
import { FilterBar } from './FilterBar';
import { FlowView } from './FlowView';
import { PacketList } from './PacketList';
import { SplitPanes } from './SplitPanes';
import { StartPage } from './StartPage';
import { StatusBar } from './StatusBar';
import { Toast } from './Toast';
import { Toolbar } from './Toolbar';

export function App() {
  const view = store.use((s) => s.view);
  const theme = store.use((s) => s.theme);
  const title = store.use((s) => s.file?.name);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    document.title = title ? `${title} — Wiresight` : 'Wiresight';
  }, [title]);

  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      const cmd = commandForKey(e);
      if (!cmd) return;
      e.preventDefault();
      e.stopPropagation();
      runCommand(cmd);
    };
    window.addEventListener('keydown', key, true);
    const drop = (e: DragEvent) => {
      e.preventDefault();
      toast('Dropping files works in the desktop app; here use Open…', 'info');
    };
    const over = (e: DragEvent) => e.preventDefault();
    if (!hostOpensDroppedFiles) {
      window.addEventListener('dragover', over);
      window.addEventListener('drop', drop);
    }
    return () => {
      window.removeEventListener('keydown', key, true);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return (
    <div className="app">
      <Toolbar />
      {view !== 'start' && <FilterBar />}
      <div className="app-main">
        {view === 'start' && <StartPage />}
        {view === 'packets' && (
          <SplitPanes>
            <PacketList />
            <DetailsPane />
            <BytesPane />
          </SplitPanes>
        )}
        {view === 'flows' && <FlowView />}
      </div>
      <StatusBar />
      <Dialogs />
      <Toast />
    </div>
  );
}
