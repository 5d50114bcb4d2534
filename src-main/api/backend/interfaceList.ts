// The start page's interface and namespace lists, adapted from the capture module's
// listing (helper --list, `cap`, or sysfs, merged with /proc/net/dev counters). The
// renderer polls this and turns successive counters into rate sparklines.

import { listInterfaces, listNamespacesWithInterfaces, type InterfaceInfo as CaptureIface } from '../../capture/interfaceList.js';
import type { InterfaceInfo, NamespaceInfo } from '../contract.js';

function toUi(i: CaptureIface, netns: string | null): InterfaceInfo {
  const c = i.counters;
  return {
    name: i.name,
    netns,
    up: i.flags.up,
    rxBytes: c?.rxBytes ?? 0,
    txBytes: c?.txBytes ?? 0,
    rxPackets: c?.rxPackets ?? 0,
    txPackets: c?.txPackets ?? 0,
  };
}

export async function hostInterfaces(): Promise<InterfaceInfo[]> {
  const listing = await listInterfaces();
  return listing.interfaces.map((i) => toUi(i, null));
}

export async function namespaces(): Promise<NamespaceInfo[]> {
  const list = await listNamespacesWithInterfaces();
  return list.map((n) => ({ name: n.name, interfaces: (n.interfaces ?? []).map((i) => i.name) }));
}

/** Host interfaces plus every interface of every named namespace that can be entered. */
export async function allInterfaces(): Promise<InterfaceInfo[]> {
  const [host, inNs] = await Promise.all([hostInterfaces(), listNamespacesWithInterfaces()]);
  return [...host, ...inNs.flatMap((n) => (n.interfaces ?? []).map((i) => toUi(i, n.name)))];
}
