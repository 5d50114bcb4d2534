// Loads `cap` (the npm libpcap binding) when it is installed — it is an optional
// dependency — and describes the small part of its API we use. Loaded with a computed
// module name so the build does not require it.
//
// Limits of `cap`, which is why the helper is preferred whenever it is built:
//  - no packet timestamps: the 'packet' event gives only a length, so times are taken
//    from the JavaScript clock when the event runs (late, and batched by the event loop);
//  - always promiscuous (it calls pcap_set_promisc(1)), no way to turn it off;
//  - a fixed 65535-byte snaplen, and no original length for truncated packets;
//  - a failed open() leaves a half-built object whose finalizer aborts the whole process
//    (libuv assertion in uv_poll_stop, cap 0.2.1), so opens are tried in a child process
//    first (capSession.ts) and a failed in-process object is never let go;
//  - runs in the calling process, which must itself hold CAP_NET_RAW (or be root),
//    cannot enter another network namespace, and is an addon rebuilt per Electron ABI.

import { createRequire } from 'node:module';

export interface CapDeviceAddress {
  addr?: string;
  netmask?: string;
  broadaddr?: string;
  dstaddr?: string;
}

export interface CapDevice {
  name: string;
  description?: string;
  addresses: CapDeviceAddress[];
  flags?: string;
}

export interface CapInstance {
  /** Returns the link type name ("ETHERNET", "RAW", ...); throws libpcap's message on failure. */
  open(device: string, filter: string, bufSize: number, buffer: Buffer): string;
  close(): boolean;
  setMinBytes?(n: number): void;
  on(event: 'packet', listener: (nbytes: number, truncated: boolean) => void): this;
}

export interface CapModule {
  Cap: { new (): CapInstance; deviceList(): CapDevice[] };
}

let loaded: Promise<CapModule | null> | null = null;

/** Where `cap` is installed, for the probe child process; null when it is not. */
export function capModulePath(): string | null {
  try {
    return createRequire(import.meta.url).resolve('cap');
  } catch {
    return null;
  }
}

/** The `cap` module, or null when it is not installed or fails to load (e.g. wrong ABI). */
export function loadCap(): Promise<CapModule | null> {
  const name = 'cap';
  loaded ??= import(name).then(
    (m: { default?: CapModule } & Partial<CapModule>) => (m.Cap ? (m as CapModule) : (m.default ?? null)),
    () => null,
  );
  return loaded;
}

/** LINKTYPE_* for cap's link type names (it reports others as "Unknown linktype N"; DLT = LINKTYPE for those on Linux). */
export function capLinkType(name: string): number {
  switch (name) {
    case 'ETHERNET': return 1;
    case 'NULL': return 0;
    case 'RAW': return 101;
    case 'IEEE802_11_RADIO': return 127;
    case 'LINUX_SLL':
    case 'LINKTYPE_LINUX_SLL': return 113;
  }
  const m = /(\d+)$/.exec(name);
  return m ? Number(m[1]) : 1;
}

/** Prefix length of a dotted or colon netmask ("255.255.255.0" → 24). */
export function netmaskPrefix(mask: string | undefined): number {
  if (!mask) return -1;
  if (mask.includes('.')) {
    return mask.split('.').reduce((bits, part) => bits + popcount(Number(part) & 0xff), 0);
  }
  // IPv6: expand "::" then count bits of each 16-bit group
  const [head, tail] = mask.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return groups.reduce((bits, g) => bits + popcount(parseInt(g || '0', 16) & 0xffff), 0);
}

function popcount(v: number): number {
  let c = 0;
  for (; v; v &= v - 1) c++;
  return c;
}
