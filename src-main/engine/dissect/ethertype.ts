// The EtherType step shared by Ethernet II, 802.1Q/802.1ad tags and Linux cooked captures:
// hand the payload to the dissector registered for its EtherType (data when there is none),
// then show what the payload left unclaimed as padding, trailer and FCS. tshark runs this as
// a pseudo-protocol named "ethertype", which is why frame.protocols reads eth:ethertype:ip.

import type { PacketFields } from '../fields/packetFields.js';
import type { DissectCtx, InfoFormatter } from './context.js';
import { dissectData } from './data.js';
import { etherTypeDissector } from './dispatch.js';
import { ETHERTYPE_NAMES } from './etherTypeNames.js';
import { addEthernetTrailer, cutShort, type TrailerSite } from './ethTrailer.js';

/** "IPv4" for 0x0800, undefined for types tshark has no name for. */
export function etherTypeName(type: number): string | undefined {
  return ETHERTYPE_NAMES[type];
}

/** Tree text of an EtherType field: "IPv4 (0x0800)", "Unknown (0x9999)". */
export function etherTypeLabel(type: number): string {
  return `${ETHERTYPE_NAMES[type] ?? 'Unknown'} (0x${type.toString(16).padStart(4, '0')})`;
}

const typeNameInfo: InfoFormatter = (f, _c, anchor) => ETHERTYPE_NAMES[f.vals[anchor]!] ?? '';

/**
 * Dissects the payload [off, rend) (captured to `end`) of EtherType `type`, recorded by the
 * caller at record `typeRecord`, and adds the trailer the payload leaves over at `site`.
 */
export function dissectEtherType(
  f: PacketFields,
  c: DissectCtx,
  type: number,
  typeRecord: number,
  off: number,
  end: number,
  rend: number,
  site: TrailerSite,
): void {
  const next = etherTypeDissector(type);
  let used = off;
  const mark = f.count;
  if (next) {
    c.layers.push('ethertype');
    used = next(f, c, off, end, rend);
  }
  // No dissector, or one that claimed nothing (it rejected the payload, as IPv6 does a packet
  // of another version): tshark shows the payload as data and names the type in the columns.
  if (!next || (used <= off && end > off)) {
    // tshark drops its "ethertype" layer when an unknown type has no payload bytes at all
    if (!next && end > off) c.layers.push('ethertype');
    used = dissectData(f, c, off, end, rend);
    const hex = `0x${type.toString(16).padStart(4, '0')}`;
    if (ETHERTYPE_NAMES[type] !== undefined) c.setColumns(hex, typeNameInfo, typeRecord);
    else c.setColumns(hex, c.info, c.infoAnchor);
  }
  // what the payload did not claim is a trailer, if any of it was captured; a snaplen cut
  // in the payload ends the packet there (tshark only carries on after malformations)
  if (used < rend && used < end && !cutShort(f, mark)) {
    const parent = f.parent;
    addEthernetTrailer(f, c, used, end, rend, site);
    f.parent = parent;
  }
}
