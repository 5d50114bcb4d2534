// Live capture from the toolbar: start on the chosen interface (with capture filter and
// promiscuous mode), stop, restart; a permission failure opens the dialog with the fix.

import { api, errorText } from '../api/api';
import type { CaptureStatus } from '../api/contractTypes';
import { store } from './appState';
import { toast } from './toast';

export function captureRunning(c: CaptureStatus): boolean {
  return c.state === 'running' || c.state === 'starting' || c.state === 'stopping';
}

export async function startCapture(): Promise<void> {
  const s = store.get();
  if (!s.captureIface) {
    toast('Choose an interface to capture on', 'error');
    store.set({ view: 'start' });
    return;
  }
  try {
    const st = await api.invoke('captureStart', {
      iface: s.captureIface.name,
      netns: s.captureIface.netns,
      filter: s.captureFilter,
      promisc: s.promisc,
    });
    captureStatus(st);
  } catch (err) {
    toast(`Cannot start the capture: ${errorText(err)}`, 'error');
  }
}

export async function stopCapture(): Promise<void> {
  try {
    captureStatus(await api.invoke('captureStop', {}));
  } catch (err) {
    toast(`Cannot stop the capture: ${errorText(err)}`, 'error');
  }
}

export async function toggleCapture(): Promise<void> {
  if (captureRunning(store.get().capture)) await stopCapture();
  else await startCapture();
}

export async function restartCapture(): Promise<void> {
  if (captureRunning(store.get().capture)) await stopCapture();
  await startCapture();
}

export function captureStatus(c: CaptureStatus): void {
  const prev = store.get().capture;
  store.set({ capture: c });
  if (c.state === 'failed' && c.error && prev.state !== 'failed') {
    if (c.error.code === 'EPERM' || c.error.code === 'ENOHELPER') store.set({ dialog: { kind: 'captureDenied', error: c.error } });
    else toast(`Capture failed: ${c.error.message}`, 'error');
  }
}
