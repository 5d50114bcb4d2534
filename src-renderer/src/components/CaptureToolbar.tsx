// Capture controls: interface, capture filter, promiscuous mode, start / stop / restart.

import { store } from '../state/appState';
import { captureRunning, restartCapture, startCapture, stopCapture } from '../state/captureActions';

export function CaptureToolbar() {
  const capture = store.use((s) => s.capture);
  const iface = store.use((s) => s.captureIface);
  const filter = store.use((s) => s.captureFilter);
  const promisc = store.use((s) => s.promisc);
  const running = captureRunning(capture);
  const label = iface ? (iface.netns ? `${iface.netns}/${iface.name}` : iface.name) : 'no interface';
  return (
    <span className="capture-bar">
      {running && <span className="live-dot" title="Capturing" />}
      <span className="mono" title="Capture interface (choose on the Start page)" data-testid="capture-iface">{label}</span>
      <input
        type="text"
        placeholder="capture filter (BPF)"
        value={filter}
        disabled={running}
        onChange={(e) => store.set({ captureFilter: e.target.value })}
        style={{ width: 150 }}
        data-testid="capture-filter"
      />
      <label title="Promiscuous mode">
        <input type="checkbox" checked={promisc} disabled={running} onChange={(e) => store.set({ promisc: e.target.checked })} /> promisc
      </label>
      {!running ? (
        <button className="primary" onClick={() => void startCapture()} disabled={!iface} title="Start capturing (Ctrl+E)" data-testid="capture-start">
          ● Start
        </button>
      ) : (
        <button onClick={() => void stopCapture()} disabled={capture.state === 'stopping'} title="Stop capturing (Ctrl+E)" data-testid="capture-stop">
          ■ Stop
        </button>
      )}
      <button onClick={() => void restartCapture()} disabled={!running} title="Restart the capture">↻</button>
    </span>
  );
}
