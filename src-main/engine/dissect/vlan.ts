// VLAN tags: 802.1Q (EtherType 0x8100, and 0x9100 which tshark treats the same) as `vlan.*`,
// and 802.1ad service tags (0x88a8) as `ieee8021ad.*`. Each tag is priority, drop
// eligibility and VLAN ID, then the next EtherType, so stacked tags (QinQ, triple tags) simply
// recurse through the EtherType table. An 802.1Q tag followed by a length (1500 or less)
// carries LLC; an 802.1ad tag hands any value to the EtherType table, as tshark does.

import type { PacketFields } from '../fields/packetFields.js';
import { registerFields, registerProtocol } from '../fields/fieldRegistry.js';
import type { DissectCtx, InfoFormatter } from './context.js';
import { registerEtherType } from './dispatch.js';
import { dissectEtherType, etherTypeLabel } from './ethertype.js';
import { ETHERTYPE_NAMES } from './etherTypeNames.js';
import { dissect8023 } from './ieee8023.js';
import { reportCut } from './cutReport.js';

const PRIORITY_NAMES: Readonly<Record<number, string>> = {
  0: 'Best Effort (default)', 1: 'Background', 2: 'Excellent Effort', 3: 'Critical Applications',
  4: 'Video, < 100ms latency and jitter', 5: 'Voice, < 10ms latency and jitter', 6: 'Internetwork Control',
  7: 'Network Control',
};

export const VLAN = registerProtocol('vlan', '802.1Q Virtual LAN');
export const VLAN_F = registerFields({
  priority: { name: 'vlan.priority', type: 'uint', description: 'Priority', valueNames: PRIORITY_NAMES },
  dei: { name: 'vlan.dei', type: 'bool', description: 'DEI' },
  id: { name: 'vlan.id', type: 'uint', description: 'ID' },
  etype: { name: 'vlan.etype', type: 'uint', base: 'hex', bits: 16, description: 'Type', valueNames: ETHERTYPE_NAMES },
  len: { name: 'vlan.len', type: 'uint', description: 'Length' },
  trailer: { name: 'vlan.trailer', type: 'bytes', description: 'Trailer' },
  lenPastEnd: {
    name: 'vlan.len.past_end',
    type: 'none',
    description: 'Length field value goes past the end of the payload',
    expert: { severity: 'Error', group: 'Malformed' },
  },
});

export const IEEE8021AD = registerProtocol('ieee8021ad', 'IEEE 802.1ad');
export const IEEE8021AD_F = registerFields({
  priority: { name: 'ieee8021ad.priority', type: 'uint', description: 'Priority' },
  dei: { name: 'ieee8021ad.dei', type: 'uint', description: 'DEI' },
  id: { name: 'ieee8021ad.id', type: 'uint', description: 'ID' },
  etype: { name: 'ieee8021ah.etype', type: 'uint', base: 'hex', bits: 16, description: 'Type', valueNames: ETHERTYPE_NAMES },
  trailer: { name: 'ieee8021ah.trailer', type: 'bytes', description: 'Trailer' },
});

function tciAt(f: PacketFields, anchor: number): number {
  const b = f.sources[f.srcs[anchor]!]!;
  const at = f.starts[anchor]!;
  return (b[at]! << 8) | b[at + 1]!;
}

const vlanInfo: InfoFormatter = (f, _c, anchor) => {
  const tci = tciAt(f, anchor);
  return `PRI: ${tci >> 13}  DEI: ${(tci >> 12) & 1}  ID: ${tci & 0xfff}`;
};

const serviceTagInfo: InfoFormatter = (f, _c, anchor) => {
  const tci = tciAt(f, anchor);
  return `PRI: ${tci >> 13}  DROP: ${(tci >> 12) & 1} ID: ${tci & 0xfff}`;
};

function stop(f: PacketFields, c: DissectCtx, name: string, need: number, end: number, rend: number): number {
  reportCut(f, c, name, need, end, rend);
  return rend;
}

/** 802.1Q tag: `off` is where the tag control information starts (after the 0x8100). */
export function dissectVlan(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number {
  c.layers.push('vlan');
  c.setColumns('VLAN', null, -1);
  if (off + 2 > end) return stop(f, c, 'VLAN', off + 2, end, rend);
  const b = c.buf;
  const tci = (b[off]! << 8) | b[off + 1]!;
  const top = f.open(VLAN, off, 4);
  f.add(VLAN_F.priority, off, 2, tci >> 13);
  f.add(VLAN_F.dei, off, 2, (tci >> 12) & 1);
  f.add(VLAN_F.id, off, 2, tci & 0xfff);
  if (c.detail) f.setText(top, `802.1Q Virtual LAN, PRI: ${tci >> 13}, DEI: ${(tci >> 12) & 1}, ID: ${tci & 0xfff}`);
  c.setColumns('VLAN', vlanInfo, top);
  if (off + 4 > end) {
    f.close(top);
    return stop(f, c, 'VLAN', off + 4, end, rend);
  }
  const type = (b[off + 2]! << 8) | b[off + 3]!;
  if (type <= 1500) {
    f.close(top);
    dissect8023(f, c, off + 2, type, end, rend, {
      lengthField: VLAN_F.len,
      pastEnd: VLAN_F.lenPastEnd,
      trailer: { layerStart: off, tree: top, trailerField: VLAN_F.trailer, maybeFcs: false, protoName: 'VLAN' },
    }, top);
    return rend;
  }
  const typeRec = f.add(VLAN_F.etype, off + 2, 2, type);
  if (c.detail) f.setText(typeRec, `Type: ${etherTypeLabel(type)}`);
  f.close(top);
  dissectEtherType(f, c, type, typeRec, off + 4, end, rend,
    { layerStart: off, tree: top, trailerField: VLAN_F.trailer, maybeFcs: false, protoName: 'Ethertype' });
  return rend;
}

/** 802.1ad service tag: all four bytes are read before anything is shown. */
export function dissectServiceTag(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number {
  c.layers.push('ieee8021ad');
  c.setColumns('802.1ad', null, -1);
  if (off + 2 > end) return stop(f, c, 'IEEE 802.1AD', off + 2, end, rend);
  const b = c.buf;
  const tci = (b[off]! << 8) | b[off + 1]!;
  const top = f.open(IEEE8021AD, off, 4);
  c.setColumns('802.1ad', serviceTagInfo, top);
  if (off + 4 > end) {
    f.close(top);
    return stop(f, c, 'IEEE 802.1AD', off + 4, end, rend);
  }
  f.add(IEEE8021AD_F.priority, off, 1, tci >> 13);
  f.add(IEEE8021AD_F.dei, off, 1, (tci >> 12) & 1);
  f.add(IEEE8021AD_F.id, off, 2, tci & 0xfff);
  if (c.detail) f.setText(top, `IEEE 802.1ad, ID: ${tci & 0xfff}`);
  const type = (b[off + 2]! << 8) | b[off + 3]!;
  const typeRec = f.add(IEEE8021AD_F.etype, off + 2, 2, type);
  if (c.detail) f.setText(typeRec, `Type: ${etherTypeLabel(type)}`);
  f.close(top);
  dissectEtherType(f, c, type, typeRec, off + 4, end, rend,
    { layerStart: off, tree: top, trailerField: IEEE8021AD_F.trailer, maybeFcs: false, protoName: 'Ethertype' });
  return rend;
}

registerEtherType(0x8100, dissectVlan);
registerEtherType(0x9100, dissectVlan);
registerEtherType(0x88a8, dissectServiceTag);
