// Per-interface counters from /proc/net/dev: what the interface list shows next to each
// interface and what the rx/tx rate sparklines are computed from.

import { readFile } from 'node:fs/promises';

export interface DevCounters {
  rxBytes: number;
  rxPackets: number;
  rxErrs: number;
  rxDrop: number;
  txBytes: number;
  txPackets: number;
  txErrs: number;
  txDrop: number;
}

/** Interface name → counters, from the text of /proc/net/dev. */
export function parseProcNetDev(text: string): Map<string, DevCounters> {
  const out = new Map<string, DevCounters>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const v = line.slice(colon + 1).trim().split(/\s+/).map(Number);
    // two header lines have a '|' instead of a name; a line needs its 16 numbers
    if (!name || name.includes('|') || v.length < 16 || v.some((x) => !Number.isFinite(x))) continue;
    out.set(name, {
      rxBytes: v[0]!, rxPackets: v[1]!, rxErrs: v[2]!, rxDrop: v[3]!,
      txBytes: v[8]!, txPackets: v[9]!, txErrs: v[10]!, txDrop: v[11]!,
    });
  }
  return out;
}

/** Counters of this process's network namespace. */
export async function readProcNetDev(): Promise<Map<string, DevCounters>> {
  return parseProcNetDev(await readFile('/proc/net/dev', 'utf8'));
}
