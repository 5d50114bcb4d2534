// Connects backend events to the state once at startup, and loads what the backend
// already has (a file opened by `wiresight serve FILE`, a capture in progress).

import { api } from '../api/api';
import { store } from './appState';
import { captureStatus } from './captureActions';
import { runCommand } from './commands';
import { fileClosed, fileOpened, fileProgress } from './fileActions';
import { filterProgress } from './filterActions';

export function wireEvents(): void {
  api.subscribe('fileOpened', fileOpened);
  api.subscribe('fileProgress', fileProgress);
  api.subscribe('fileClosed', fileClosed);
  api.subscribe('filterProgress', filterProgress);
  api.subscribe('captureStatus', captureStatus);
  api.subscribe('command', (c) => runCommand(c.command));
  void api.invoke('fileInfo', {}).then((info) => {
    if (info && !store.get().file) fileOpened(info);
  });
  void api.invoke('captureStatus', {}).then(captureStatus);
}
