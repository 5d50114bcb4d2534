// Linux "cooked" capture header, version 1 (LINKTYPE_LINUX_SLL, 113), written by captures on
// the "any" device: packet type (to us, broadcast, ..., sent by us), link-layer address type
// and the sender's link-layer address, then a protocol that is an EtherType above 1536 and a
// Linux protocol number (802.2 LLC, raw 802.3, Ethernet...) otherwise. Version 2 (276) shares
// the fields and the payload dispatch: see linuxSll2.ts.

import type { PacketFields } from '../fields/packetFields.js';
import { registerFields, registerProtocol } from '../fields/fieldRegistry.js';
import type { DissectCtx, InfoFormatter } from './context.js';
import { dissectData } from './data.js';
import { etherTypeDissector, registerLinkType } from './dispatch.js';
import { ARP_HARDWARE_NAMES } from './arpHardwareNames.js';
import { ETHERTYPE_NAMES } from './etherTypeNames.js';
import { dissectEtherType, etherTypeLabel } from './ethertype.js';
import { dissectEthernetFrame } from './ethernet.js';
import { dissectLlc } from './llc.js';
import { reportCut } from './cutReport.js';

const PACKET_TYPES: Readonly<Record<number, string>> = {
  0: 'Unicast to us', 1: 'Broadcast', 2: 'Multicast', 3: 'Unicast to another host', 4: 'Sent by us',
};
const LINUX_PROTOCOLS: Readonly<Record<number, string>> = {
  0x0001: 'Raw 802.3', 0x0003: 'Ethernet', 0x0004: '802.2 LLC', 0x0007: 'PPP (HDLC)', 0x000c: 'CAN', 0x000d: 'CAN FD',
  0x0017: 'IrDA LAP', 0x00f5: 'ISI', 0x00f6: 'IEEE 802.15.4',
};

export const SLL = registerProtocol('sll', 'Linux cooked-mode capture');
export const SLL_F = registerFields({
  pkttype: { name: 'sll.pkttype', type: 'uint', description: 'Packet type', valueNames: PACKET_TYPES },
  hatype: { name: 'sll.hatype', type: 'uint', description: 'Link-layer address type', valueNames: ARP_HARDWARE_NAMES },
  halen: { name: 'sll.halen', type: 'uint', description: 'Link-layer address length' },
  srcEth: { name: 'sll.src.eth', type: 'ether', description: 'Source' },
  srcIpv4: { name: 'sll.src.ipv4', type: 'ipv4', description: 'Source' },
  srcOther: { name: 'sll.src.other', type: 'bytes', description: 'Source' },
  unused: { name: 'sll.unused', type: 'bytes', description: 'Unused' },
  ltype: { name: 'sll.ltype', type: 'uint', base: 'hex', bits: 16, description: 'Protocol', valueNames: LINUX_PROTOCOLS },
  gretype: { name: 'sll.gretype', type: 'uint', base: 'hex', bits: 16, description: 'Protocol', valueNames: ETHERTYPE_NAMES },
  etype: { name: 'sll.etype', type: 'uint', base: 'hex', bits: 16, description: 'Protocol', valueNames: ETHERTYPE_NAMES },
  trailer: { name: 'sll.trailer', type: 'bytes', description: 'Trailer' },
  ifindex: { name: 'sll.ifindex', type: 'uint', description: 'Interface index' },
});

const ARPHRD_IPGRE = 778;
const SENT_BY_US = 4;

/** Info when nothing above claims the packet: the packet type ("Unicast to us", "Unknown (6)"). */
export const packetTypeInfo: InfoFormatter = (f, _c, anchor) => packetTypeName(f.vals[anchor]!);

export function packetTypeName(t: number): string {
  return PACKET_TYPES[t] ?? `Unknown (${t})`;
}

export function sllStop(f: PacketFields, c: DissectCtx, need: number, end: number, rend: number): number {
  reportCut(f, c, 'SLL', need, end, rend);
  return rend;
}

/**
 * Records the 8-byte address slot at `at` (length `halen`): the address as a MAC, an IPv4
 * address or bytes depending on its length, then the unused remainder. Returns the
 * address record (-1 if none), or null when the slot was not captured (already reported).
 */
export function addSllAddress(
  f: PacketFields, c: DissectCtx, at: number, halen: number, end: number, rend: number,
): number | null {
  let addr = -1;
  const len = Math.min(halen, 8);
  if (len > 0) {
    if (at + len > end) {
      sllStop(f, c, at + len, end, rend);
      return null;
    }
    // tshark goes by the length alone: 6 bytes are a MAC address, 4 an IPv4 address
    if (halen === 6) addr = f.add(SLL_F.srcEth, at, 6);
    else if (halen === 4) {
      const b = c.buf;
      addr = f.add(SLL_F.srcIpv4, at, 4, ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0);
    } else addr = f.add(SLL_F.srcOther, at, len);
  }
  if (len < 8) {
    if (at + 8 > end) {
      sllStop(f, c, at + 8, end, rend);
      return null;
    }
    f.add(SLL_F.unused, at + len, 8 - len);
  }
  return addr;
}

/** How the protocol field of a cooked header is read: a GRE type, a Linux protocol number or an EtherType. */
export interface SllProtocol {
  kind: 'gre' | 'linux' | 'ether';
  protocol: number;
  record: number;
}

/** Records the protocol field at `protoAt` (its meaning depends on the hardware type and value). */
export function addSllProtocol(f: PacketFields, c: DissectCtx, hatype: number, protoAt: number): SllProtocol {
  const b = c.buf;
  const protocol = (b[protoAt]! << 8) | b[protoAt + 1]!;
  if (hatype === ARPHRD_IPGRE) return { kind: 'gre', protocol, record: f.add(SLL_F.gretype, protoAt, 2, protocol) };
  if (protocol <= 1536) return { kind: 'linux', protocol, record: f.add(SLL_F.ltype, protoAt, 2, protocol) };
  const record = f.add(SLL_F.etype, protoAt, 2, protocol);
  if (c.detail) f.setText(record, `Protocol: ${etherTypeLabel(protocol)}`);
  return { kind: 'ether', protocol, record };
}

/** Hands the payload at `off` on; `top` is the cooked header's record (the trailer joins it). */
export function dispatchSllPayload(
  f: PacketFields, c: DissectCtx, top: number, p: SllProtocol, off: number, end: number, rend: number,
): void {
  if (p.kind === 'gre') {
    // tshark looks the type up in its GRE table and shows nothing when no dissector has it
    const next = etherTypeDissector(p.protocol);
    if (next) next(f, c, off, end, rend);
  } else if (p.kind === 'linux') {
    if (p.protocol === 0x0004) dissectLlc(f, c, off, end, rend);
    else if (p.protocol === 0x0003) dissectEthernetFrame(f, c, off, end, rend, false);
    else dissectData(f, c, off, end, rend);
  } else {
    dissectEtherType(f, c, p.protocol, p.record, off, end, rend,
      { layerStart: off, tree: top, trailerField: SLL_F.trailer, maybeFcs: false, protoName: 'Ethertype' });
  }
}

const HEADER = 16;

export function dissectLinuxSll(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number {
  c.layers.push('sll');
  // tshark reads the packet type and the hardware type before it shows anything
  if (off + 4 > end) return sllStop(f, c, off + 4, end, rend);
  const b = c.buf;
  const u16 = (at: number): number => (b[at]! << 8) | b[at + 1]!;
  const top = f.open(SLL, off, HEADER);
  try {
    if (c.detail) f.setText(top, 'Linux cooked capture v1');
    const pkttype = u16(off);
    const typeRec = f.add(SLL_F.pkttype, off, 2, pkttype);
    c.setColumns('SLL', packetTypeInfo, typeRec);
    if (pkttype === SENT_BY_US) c.outbound = true;
    const hatype = u16(off + 2);
    f.add(SLL_F.hatype, off + 2, 2, hatype);
    if (off + 6 > end) return sllStop(f, c, off + 6, end, rend);
    const halen = u16(off + 4);
    f.add(SLL_F.halen, off + 4, 2, halen);
    const addr = addSllAddress(f, c, off + 6, halen, end, rend);
    if (addr === null) return rend;
    if (addr >= 0) c.setAddresses(addr, -1);
    if (off + HEADER > end) return sllStop(f, c, off + HEADER, end, rend);
    const protocol = addSllProtocol(f, c, hatype, off + 14);
    f.close(top);
    dispatchSllPayload(f, c, top, protocol, off + HEADER, end, rend);
    return rend;
  } finally {
    if (f.parent === top) f.close(top);
  }
}

registerLinkType(113, dissectLinuxSll);
