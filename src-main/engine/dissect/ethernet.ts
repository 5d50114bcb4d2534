// Ethernet (LINKTYPE_ETHERNET, 1): destination and source MAC with their I/G and L/G bits,
// then either an EtherType (Ethernet II, handed on through the EtherType layer) or an 802.3
// length followed by LLC. Values 1501-1535 are neither and are flagged as tshark does; a
// zero type/length counts as EtherType 0, as in tshark.

import type { PacketFields } from '../fields/packetFields.js';
import { HIDDEN } from '../fields/packetFields.js';
import { registerFields, registerProtocol } from '../fields/fieldRegistry.js';
import { formatMac } from '../fields/addressFormat.js';
import type { DissectCtx, InfoFormatter } from './context.js';
import { registerLinkType } from './dispatch.js';
import { dissectEtherType, etherTypeLabel } from './ethertype.js';
import { ETH_TRAILER_F, type TrailerSite } from './ethTrailer.js';
import { dissect8023, type LengthSite } from './ieee8023.js';
import { ETHERTYPE_NAMES } from './etherTypeNames.js';
import { reportCut } from './cutReport.js';

export const ETH = registerProtocol('eth', 'Ethernet');
export const ETH_F = registerFields({
  dst: { name: 'eth.dst', type: 'ether', description: 'Destination' },
  dstOui: { name: 'eth.dst.oui', type: 'uint', description: 'Destination OUI' },
  src: { name: 'eth.src', type: 'ether', description: 'Source' },
  srcOui: { name: 'eth.src.oui', type: 'uint', description: 'Source OUI' },
  addr: { name: 'eth.addr', type: 'ether', description: 'Address' },
  addrOui: { name: 'eth.addr.oui', type: 'uint', description: 'Address OUI' },
  dstLg: { name: 'eth.dst.lg', type: 'bool', description: 'LG bit' },
  dstIg: { name: 'eth.dst.ig', type: 'bool', description: 'IG bit' },
  srcLg: { name: 'eth.src.lg', type: 'bool', description: 'LG bit' },
  srcIg: { name: 'eth.src.ig', type: 'bool', description: 'IG bit' },
  lg: { name: 'eth.lg', type: 'bool', description: 'LG bit' },
  ig: { name: 'eth.ig', type: 'bool', description: 'IG bit' },
  len: { name: 'eth.len', type: 'uint', description: 'Length' },
  type: { name: 'eth.type', type: 'uint', base: 'hex', bits: 16, description: 'Type', valueNames: ETHERTYPE_NAMES },
  invalidLentype: { name: 'eth.invalid_lentype', type: 'uint', base: 'hex', bits: 16, description: 'Invalid length/type' },
  invalidLentypeExpert: {
    name: 'eth.invalid_lentype.expert',
    type: 'none',
    description: 'Invalid length/type',
    expert: { severity: 'Warning', group: 'Protocol' },
  },
  srcNotGroup: {
    name: 'eth.src_not_group',
    type: 'none',
    description: 'Source MAC must not be a group address: IEEE 802.3-2002, Section 3.2.3(b)',
    expert: { severity: 'Warning', group: 'Protocol' },
  },
  lenPastEnd: {
    name: 'eth.len.past_end',
    type: 'none',
    description: 'Length field value goes past the end of the payload',
    expert: { severity: 'Error', group: 'Malformed' },
  },
});

const HEADER = 14;
const MAX_802_3_LENGTH = 1500;
const MIN_ETHERTYPE = 1536;

const ethernetIIInfo: InfoFormatter = () => 'Ethernet II';
const ieee8023Info: InfoFormatter = () => 'IEEE 802.3 Ethernet';
const invalidInfo: InfoFormatter = (f, _c, anchor) => `Ethernet Unknown: Invalid length/type: ${hexDec(f.vals[anchor]!)}`;

function hexDec(v: number): string {
  return `0x${v.toString(16).padStart(4, '0')} (${v})`;
}

/** Records one address with tshark's children: OUI, eth.addr, L/G and I/G bits (generic and per side). */
function addAddress(f: PacketFields, c: DissectCtx, at: number, dst: boolean, checkGroup: boolean): number {
  const b = c.buf;
  const oui = (b[at]! << 16) | (b[at + 1]! << 8) | b[at + 2]!;
  const lg = (b[at]! >> 1) & 1;
  const ig = b[at]! & 1;
  const rec = f.open(dst ? ETH_F.dst : ETH_F.src, at, 6);
  f.add(dst ? ETH_F.dstOui : ETH_F.srcOui, at, 3, oui, HIDDEN);
  f.add(ETH_F.addr, at, 6);
  f.add(ETH_F.addrOui, at, 3, oui, HIDDEN);
  f.add(dst ? ETH_F.dstLg : ETH_F.srcLg, at, 3, lg);
  f.add(ETH_F.lg, at, 3, lg, HIDDEN);
  f.add(dst ? ETH_F.dstIg : ETH_F.srcIg, at, 3, ig);
  f.add(ETH_F.ig, at, 3, ig, HIDDEN);
  if (checkGroup && ig) c.expert(f, ETH_F.srcNotGroup, at, 6, 'Source MAC must not be a group address: IEEE 802.3-2002, Section 3.2.3(b)');
  f.close(rec);
  return rec;
}

/** Ethernet as a link layer: a trailer after the payload may end in an FCS. */
export function dissectEthernet(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number {
  return dissectEthernetFrame(f, c, off, end, rend, true);
}

/** An Ethernet frame at `off`; `maybeFcs` is false where the frame is known to come without FCS (inside SLL). */
export function dissectEthernetFrame(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number, maybeFcs: boolean): number {
  c.layers.push('eth');
  c.setColumns('Ethernet', null, -1);
  if (off + HEADER > end) {
    // tshark reads destination, source, then type: the first read that fails decides
    // between a snaplen cut and a malformed frame
    const need = off + ([6, 12, HEADER].find((n) => off + n > end) ?? HEADER);
    reportCut(f, c, 'Ethernet', need, end, rend);
    return rend;
  }
  const b = c.buf;
  const top = f.open(ETH, off, HEADER);
  const typeOrLength = (b[off + 12]! << 8) | b[off + 13]!;
  const is8023 = typeOrLength <= MAX_802_3_LENGTH && typeOrLength !== 0;
  // tshark warns about a group source address in Ethernet II frames only
  const dst = addAddress(f, c, off, true, false);
  const src = addAddress(f, c, off + 6, false, !is8023);
  c.setAddresses(src, dst);

  if (is8023) {
    if (c.detail) f.setText(top, 'IEEE 802.3 Ethernet ');
    c.setColumns('Ethernet', ieee8023Info, top);
    f.close(top);
    const site: LengthSite = {
      lengthField: ETH_F.len,
      pastEnd: ETH_F.lenPastEnd,
      trailer: { layerStart: off, tree: top, trailerField: ETH_TRAILER_F.trailer, maybeFcs, protoName: 'Ethernet' },
    };
    dissect8023(f, c, off + 12, typeOrLength, end, rend, site, top);
    return rend;
  }

  if (c.detail) f.setText(top, `Ethernet II, Src: ${formatMac(b, off + 6)}, Dst: ${formatMac(b, off)}`);
  if (typeOrLength > MAX_802_3_LENGTH && typeOrLength < MIN_ETHERTYPE) {
    const bad = f.add(ETH_F.invalidLentype, off + 12, 2, typeOrLength);
    const parent = f.parent;
    f.parent = bad;
    c.expert(f, ETH_F.invalidLentypeExpert, off + 12, 2, `Invalid length/type: ${hexDec(typeOrLength)}`);
    f.parent = parent;
    c.setColumns('Ethernet', invalidInfo, bad);
    f.close(top);
    return rend;
  }

  c.setColumns('Ethernet', ethernetIIInfo, top);
  const typeRec = f.add(ETH_F.type, off + 12, 2, typeOrLength);
  if (c.detail) f.setText(typeRec, `Type: ${etherTypeLabel(typeOrLength)}`);
  f.close(top);
  const site: TrailerSite = { layerStart: off, tree: top, trailerField: ETH_TRAILER_F.trailer, maybeFcs, protoName: 'Ethertype' };
  dissectEtherType(f, c, typeOrLength, typeRec, off + HEADER, end, rend, site);
  return rend;
}

registerLinkType(1, dissectEthernet);
