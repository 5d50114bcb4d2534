// Go to packet (Ctrl+G): a frame number; when it is filtered out, the next displayed one.

import { useState } from 'react';
import { store } from '../state/appState';
import { goToPacket } from '../state/selectionActions';
import { DialogFrame } from './DialogFrame';

export function GoToDialog() {
  const close = () => store.set({ dialog: null });
  const [n, setN] = useState('');
  const go = async () => {
    const num = Number(n);
    if (!Number.isInteger(num) || num < 1) return;
    close();
    await goToPacket(num);
  };
  return (
    <DialogFrame title="Go to packet" onClose={close} actions={<><button onClick={close}>Cancel</button><button className="primary" onClick={() => void go()}>Go</button></>}>
      <div className="row">
        Packet number:
        <input type="number" min={1} autoFocus value={n} onChange={(e) => setN(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void go()} data-testid="goto-number" />
      </div>
    </DialogFrame>
  );
}
