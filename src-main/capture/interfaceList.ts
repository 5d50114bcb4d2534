// The interface list for the UI and `wiresight interfaces`: from the helper's --list (the
// only way to see inside another network namespace), else from `cap`'s device list, else
// from /sys/class/net — each merged with the /proc/net/dev counters. Also lists the named
// network namespaces in /run/netns.

import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { promisify } from 'node:util';
import { CaptureError } from './captureError.js';
import { loadCap, netmaskPrefix, type CapDevice } from './capBinding.js';
import { parseDiagnosticLine } from './helperProtocol.js';
import { findHelper } from './helperPath.js';
import { readProcNetDev, type DevCounters } from './procNetDev.js';

export interface InterfaceAddress {
  family: 'inet' | 'inet6';
  address: string;
  prefixLength: number;
  broadcast?: string;
}

export interface InterfaceFlags {
  up: boolean;
  running: boolean;
  loopback: boolean;
  /** set on the interface itself; a capture's socket membership does not show here */
  promisc: boolean;
}

export interface InterfaceInfo {
  name: string;
  index: number | null;
  flags: InterfaceFlags;
  mtu: number | null;
  /** LINKTYPE_* a capture on it will produce */
  linkType: number | null;
  linkTypeName: string | null;
  mac: string | null;
  addresses: InterfaceAddress[];
  counters: DevCounters | null;
}

export interface InterfaceListing {
  netns: string | null;
  source: 'helper' | 'cap' | 'sysfs';
  interfaces: InterfaceInfo[];
}

const run = promisify(execFile);

function asNumber(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The helper's --list JSON → InterfaceListing (unknown members are ignored, missing ones null). */
export function parseHelperList(json: string): InterfaceListing {
  const doc = JSON.parse(json) as { netns?: unknown; interfaces?: unknown };
  if (!Array.isArray(doc.interfaces)) throw new Error('the helper\'s --list output has no "interfaces" array');
  const interfaces = doc.interfaces.map((raw): InterfaceInfo => {
    const i = raw as Record<string, unknown>;
    const f = (i.flags ?? {}) as Record<string, unknown>;
    const counters = i.counters as DevCounters | null | undefined;
    return {
      name: String(i.name),
      index: asNumber(i.index),
      flags: { up: f.up === true, running: f.running === true, loopback: f.loopback === true, promisc: f.promisc === true },
      mtu: asNumber(i.mtu),
      linkType: asNumber(i.linkType),
      linkTypeName: typeof i.linkTypeName === 'string' ? i.linkTypeName : null,
      mac: typeof i.mac === 'string' ? i.mac : null,
      addresses: Array.isArray(i.addresses) ? (i.addresses as InterfaceAddress[]) : [],
      counters: counters && typeof counters === 'object' ? counters : null,
    };
  });
  return { netns: typeof doc.netns === 'string' ? doc.netns : null, source: 'helper', interfaces };
}

async function fromHelper(helper: string, netns: string | undefined): Promise<InterfaceListing> {
  try {
    const { stdout } = await run(helper, netns ? ['--list', '--netns', netns] : ['--list'], { maxBuffer: 16 << 20 });
    return parseHelperList(stdout);
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    const diag = (e.stderr ?? '').split('\n').map(parseDiagnosticLine).find((d) => d?.type === 'error');
    if (diag) throw new CaptureError(diag.code, diag.message);
    throw new CaptureError('EHELPER', `The capture helper could not list interfaces: ${e.message}`);
  }
}

async function sysfs(name: string, file: string): Promise<string | null> {
  return readFile(`/sys/class/net/${name}/${file}`, 'utf8').then((s) => s.trim(), () => null);
}

const IFF_UP = 0x1;
const IFF_LOOPBACK = 0x8;
const IFF_PROMISC = 0x100;

/** ARPHRD_* → pcap link type, as libpcap picks it on Linux. */
function linkTypeForArphrd(arphrd: number): [number, string] {
  if (arphrd === 1 || arphrd === 772) return [1, 'EN10MB'];
  if (arphrd === 0xfffe) return [101, 'RAW'];
  if (arphrd === 803) return [127, 'IEEE802_11_RADIOTAP'];
  if (arphrd === 280) return [227, 'CAN_SOCKETCAN'];
  if (arphrd === 824) return [253, 'NETLINK'];
  return [113, 'LINUX_SLL'];
}

async function describeFromSys(name: string, addresses: InterfaceAddress[], counters: Map<string, DevCounters>): Promise<InterfaceInfo> {
  const [index, flagsHex, mtu, type, mac, operstate] = await Promise.all(
    ['ifindex', 'flags', 'mtu', 'type', 'address', 'operstate'].map((f) => sysfs(name, f)),
  );
  // /sys shows the kernel's stored flags: IFF_PROMISC there also reflects socket
  // memberships, and IFF_RUNNING is never stored (operstate says it instead)
  const flags = flagsHex ? parseInt(flagsHex, 16) : 0;
  const running = (flags & IFF_UP) !== 0 && (operstate === 'up' || operstate === 'unknown');
  const lt = type !== null ? linkTypeForArphrd(Number(type)) : null;
  return {
    name,
    index: index !== null ? Number(index) : null,
    flags: { up: (flags & IFF_UP) !== 0, running, loopback: (flags & IFF_LOOPBACK) !== 0, promisc: (flags & IFF_PROMISC) !== 0 },
    mtu: mtu !== null ? Number(mtu) : null,
    linkType: lt ? lt[0] : null,
    linkTypeName: lt ? lt[1] : null,
    mac: type === '1' && mac ? mac : null,
    addresses,
    counters: counters.get(name) ?? null,
  };
}

function capAddresses(d: CapDevice): InterfaceAddress[] {
  return d.addresses
    .filter((a) => a.addr)
    .map((a) => ({
      family: a.addr!.includes(':') ? 'inet6' : 'inet',
      address: a.addr!.replace(/%.*$/, ''),
      prefixLength: netmaskPrefix(a.netmask),
      ...(a.broadaddr && !a.addr!.includes(':') ? { broadcast: a.broadaddr } : {}),
    }));
}

function osAddresses(name: string): InterfaceAddress[] {
  return (networkInterfaces()[name] ?? []).map((a) => ({
    family: a.family === 'IPv6' ? 'inet6' : 'inet',
    address: a.address,
    prefixLength: a.cidr ? Number(a.cidr.split('/')[1]) : -1,
  }));
}

/** Interfaces of this process's namespace without the helper. */
async function withoutHelper(): Promise<InterfaceListing> {
  const counters = await readProcNetDev().catch(() => new Map<string, DevCounters>());
  const kernelNames = new Set(await readdir('/sys/class/net').catch(() => [...counters.keys()]));
  const cap = await loadCap();
  let devices: CapDevice[] | null = null;
  try {
    devices = cap ? cap.Cap.deviceList() : null;
  } catch {
    devices = null;
  }
  if (devices) {
    // cap also lists libpcap pseudo-devices ("any", "nflog", "dbus-system"...): keep real interfaces
    const real = devices.filter((d) => kernelNames.has(d.name));
    const interfaces = await Promise.all(real.map((d) => describeFromSys(d.name, capAddresses(d), counters)));
    return { netns: null, source: 'cap', interfaces: sortByIndex(interfaces) };
  }
  const interfaces = await Promise.all([...kernelNames].map((n) => describeFromSys(n, osAddresses(n), counters)));
  return { netns: null, source: 'sysfs', interfaces: sortByIndex(interfaces) };
}

function sortByIndex(list: InterfaceInfo[]): InterfaceInfo[] {
  return list.sort((a, b) => (a.index ?? Infinity) - (b.index ?? Infinity) || a.name.localeCompare(b.name));
}

export interface ListOptions {
  netns?: string;
  /** use this helper instead of looking for one; null forbids the helper */
  helperPath?: string | null;
}

/** Interfaces with their counters, of this namespace or of /run/netns/NAME. */
export async function listInterfaces(o: ListOptions = {}): Promise<InterfaceListing> {
  const helper = o.helperPath === undefined ? findHelper() : o.helperPath;
  if (helper) return fromHelper(helper, o.netns);
  if (o.netns) {
    throw new CaptureError('ENOHELPER', `Listing the interfaces of network namespace "${o.netns}" needs the capture helper; build it with "npm run build:native".`);
  }
  return withoutHelper();
}

/** Names of the network namespaces in /run/netns (those `ip netns add` creates). */
export async function listNamespaces(): Promise<string[]> {
  const names = await readdir('/run/netns').catch(() => [] as string[]);
  return names.filter((n) => !n.startsWith('.')).sort();
}

export interface NamespaceListing {
  name: string;
  interfaces: InterfaceInfo[] | null;
  /** why the interfaces could not be listed (e.g. no privilege to enter the namespace) */
  error: string | null;
}

/** Every named namespace with its interfaces, as far as they can be read. */
export async function listNamespacesWithInterfaces(o: Omit<ListOptions, 'netns'> = {}): Promise<NamespaceListing[]> {
  const names = await listNamespaces();
  return Promise.all(
    names.map(async (name) => {
      try {
        return { name, interfaces: (await listInterfaces({ ...o, netns: name })).interfaces, error: null };
      } catch (err) {
        return { name, interfaces: null, error: (err as Error).message };
      }
    }),
  );
}
