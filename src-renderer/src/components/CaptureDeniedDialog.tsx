// Shown when a capture cannot start for lack of privilege (or without the helper): why,
// and the one-step fix — give the capture helper its capabilities with pkexec setcap.

import { useState } from 'react';
import { api, errorText } from '../api/api';
import type { CaptureStatus } from '../api/contractTypes';
import { store } from '../state/appState';
import { startCapture } from '../state/captureActions';
import { DialogFrame } from './DialogFrame';

export function CaptureDeniedDialog({ error }: { error: NonNullable<CaptureStatus['error']> }) {
  const close = () => store.set({ dialog: null });
  const [result, setResult] = useState<string | null>(null);
  const perm = error.code === 'EPERM';
  const grant = async () => {
    try {
      const r = await api.invoke('captureGrant', {});
      setResult(r.message);
      if (r.ok) {
        close();
        await startCapture();
      }
    } catch (err) {
      setResult(errorText(err));
    }
  };
  return (
    <DialogFrame
      title={perm ? 'Capturing is not permitted' : 'Capture is not available'}
      onClose={close}
      testId="capture-denied"
      actions={
        <>
          <button onClick={close}>Close</button>
          {error.fix && <button onClick={() => void navigator.clipboard?.writeText(error.fix!)}>Copy command</button>}
          {perm && <button className="primary" onClick={() => void grant()}>Allow capturing…</button>}
        </>
      }
    >
      <div>{error.message}</div>
      {perm && (
        <div>
          Wiresight captures through a small helper program that needs the <code>cap_net_raw</code> and <code>cap_net_admin</code> capabilities (like
          Wireshark's dumpcap) — the app itself never runs as root. Grant them once with:
        </div>
      )}
      {error.fix && <pre data-testid="capture-fix">{error.fix}</pre>}
      {result && <div className="dim">{result}</div>}
    </DialogFrame>
  );
}
