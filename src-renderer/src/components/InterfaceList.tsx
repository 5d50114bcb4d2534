// Interfaces grouped by network namespace, each with a traffic sparkline computed from
// successive /proc/net/dev samples (polled once a second while the page is shown).

import { useEffect, useRef, useState } from 'react';
import { api } from '../api/api';
import type { InterfaceInfo } from '../api/contractTypes';
import { store } from '../state/appState';
import { startCapture } from '../state/captureActions';
import { Sparkline } from './Sparkline';
import { formatBytes } from '../util/formatBytes';

const POLL_MS = 1000;
const HISTORY = 40;

interface Sampled {
  info: InterfaceInfo;
  rates: number[];
}

const keyOf = (i: { name: string; netns: string | null }) => `${i.netns ?? ''}/${i.name}`;

export function InterfaceList() {
  const [ifaces, setIfaces] = useState<Sampled[]>([]);
  const [nsNames, setNsNames] = useState<string[]>([]);
  const selected = store.use((s) => s.captureIface);
  const prev = useRef(new Map<string, { bytes: number; t: number; rates: number[] }>());

  useEffect(() => {
    let stop = false;
    const poll = async () => {
      const list = await api.invoke('interfaces', {}).catch(() => [] as InterfaceInfo[]);
      if (stop) return;
      const now = performance.now();
      const next = new Map<string, { bytes: number; t: number; rates: number[] }>();
      const out = list.map((info) => {
        const k = keyOf(info);
        const bytes = info.rxBytes + info.txBytes;
        const p = prev.current.get(k);
        const rates = p ? [...p.rates, Math.max(0, ((bytes - p.bytes) * 1000) / Math.max(1, now - p.t))].slice(-HISTORY) : [];
        next.set(k, { bytes, t: now, rates });
        return { info, rates };
      });
      prev.current = next;
      setIfaces(out);
      if (!store.get().captureIface) {
        const first = out.find((o) => o.info.up && o.info.name !== 'lo') ?? out[0];
        if (first) store.set({ captureIface: { name: first.info.name, netns: first.info.netns } });
      }
    };
    void poll();
    void api.invoke('namespaces', {}).then((n) => !stop && setNsNames(n.map((x) => x.name))).catch(() => undefined);
    const t = setInterval(() => void poll(), POLL_MS);
    return () => {
      stop = true;
      clearInterval(t);
    };
  }, []);

  const groups = new Map<string, Sampled[]>([['', []]]);
  for (const n of nsNames) groups.set(n, []);
  for (const s of ifaces) {
    const g = s.info.netns ?? '';
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(s);
  }
  const selKey = selected ? keyOf(selected) : '';
  return (
    <div className="iface-list" data-testid="interfaces">
      {[...groups].map(([ns, list]) => (
        <div key={ns} className="iface-group">
          <h3>{ns ? `Namespace ${ns}` : 'This host'}</h3>
          {list.length === 0 && <div className="dim">{ns ? 'no interfaces visible (the capture helper lists namespaces)' : 'no interfaces'}</div>}
          {list.map(({ info, rates }) => {
            const k = keyOf(info);
            const rate = rates[rates.length - 1] ?? 0;
            return (
              <div
                key={k}
                className={`iface${k === selKey ? ' sel' : ''}${info.up ? '' : ' down'}`}
                data-iface={info.name}
                data-netns={info.netns ?? ''}
                onClick={() => store.set({ captureIface: { name: info.name, netns: info.netns } })}
                onDoubleClick={() => {
                  store.set({ captureIface: { name: info.name, netns: info.netns } });
                  void startCapture();
                }}
                title="Click to choose, double-click to start capturing"
              >
                <span className="name mono">{info.name}</span>
                <Sparkline values={rates} />
                <span className="rate">{formatBytes(rate)}/s</span>
                <span className="dim">{info.up ? 'up' : 'down'}</span>
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
