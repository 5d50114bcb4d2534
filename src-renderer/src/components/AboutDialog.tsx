// About Wiresight.

import { store } from '../state/appState';
import { DialogFrame } from './DialogFrame';

export function AboutDialog() {
  const close = () => store.set({ dialog: null });
  return (
    <DialogFrame title="About Wiresight" onClose={close} actions={<button onClick={close}>Close</button>}>
      <div>Wiresight — a packet analyzer for Linux: pcap/pcapng files, live capture, dissection, and conntrack-style flows.</div>
      <div className="dim">Shortcuts: Ctrl+O open · Ctrl+Shift+S save as · Ctrl+E start/stop capture · Ctrl+K capture options · Ctrl+F find · Ctrl+G go to packet · Ctrl+/ filter</div>
    </DialogFrame>
  );
}
