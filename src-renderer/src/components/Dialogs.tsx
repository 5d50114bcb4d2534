// Shows whichever dialog the state asks for.

import { store } from '../state/appState';
import { AboutDialog } from './AboutDialog';
import { CaptureDeniedDialog } from './CaptureDeniedDialog';
import { ExportFlowsDialog } from './ExportFlowsDialog';
import { FindDialog } from './FindDialog';
import { GoToDialog } from './GoToDialog';
import { OpenDialog } from './OpenDialog';
import { SaveDialog } from './SaveDialog';

export function Dialogs() {
  const d = store.use((s) => s.dialog);
  if (!d) return null;
  switch (d.kind) {
    case 'open': return <OpenDialog />;
    case 'save': return <SaveDialog displayedOnly={d.displayedOnly} />;
    case 'exportFlows': return <ExportFlowsDialog />;
    case 'goto': return <GoToDialog />;
    case 'find': return <FindDialog />;
    case 'captureDenied': return <CaptureDeniedDialog error={d.error} />;
    case 'about': return <AboutDialog />;
  }
}
