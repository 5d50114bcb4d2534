// Open a capture where the host has no native file dialog (the web host): type a path or
// browse the backend's folders.

import { useEffect, useState } from 'react';
import { api, errorText } from '../api/api';
import type { DirEntry } from '../api/contractTypes';
import { store } from '../state/appState';
import { openFile } from '../state/fileActions';
import { DialogFrame } from './DialogFrame';
import { formatBytes } from '../util/formatBytes';

const LAST_DIR = 'wiresight.lastDir';

export function OpenDialog() {
  const close = () => store.set({ dialog: null });
  const [path, setPath] = useState('');
  const [dir, setDir] = useState<{ path: string; parent: string | null; entries: DirEntry[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const browse = async (p: string) => {
    try {
      const d = await api.invoke('listDir', { path: p });
      setDir(d);
      setError(null);
      localStorage.setItem(LAST_DIR, d.path);
    } catch (err) {
      setError(errorText(err));
    }
  };
  useEffect(() => {
    void browse(localStorage.getItem(LAST_DIR) ?? '/');
  }, []);

  const open = (p: string) => {
    close();
    void openFile(p);
  };
  const join = (name: string) => (dir!.path.endsWith('/') ? dir!.path + name : `${dir!.path}/${name}`);
  return (
    <DialogFrame
      title="Open capture file"
      onClose={close}
      testId="open-dialog"
      actions={
        <>
          <button onClick={close}>Cancel</button>
          <button className="primary" disabled={!path} onClick={() => open(path)} data-testid="open-confirm">Open</button>
        </>
      }
    >
      <div className="row">
        <input type="text" autoFocus placeholder="/path/to/capture.pcapng" value={path} onChange={(e) => setPath(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && path && open(path)} data-testid="open-path" />
      </div>
      {error && <div style={{ color: 'var(--bad)' }}>{error}</div>}
      {dir && (
        <>
          <div className="mono dim">{dir.path}</div>
          <div className="file-list">
            {dir.parent && <div onClick={() => void browse(dir.parent!)}>../</div>}
            {dir.entries.map((e) => (
              <div
                key={e.name}
                className={path === join(e.name) ? 'sel' : ''}
                onClick={() => (e.dir ? void browse(join(e.name)) : setPath(join(e.name)))}
                onDoubleClick={() => !e.dir && open(join(e.name))}
              >
                <span>{e.dir ? `${e.name}/` : e.name}</span>
                <span className="dim">{e.dir ? '' : formatBytes(e.size)}</span>
              </div>
            ))}
          </div>
        </>
      )}
    </DialogFrame>
  );
}
