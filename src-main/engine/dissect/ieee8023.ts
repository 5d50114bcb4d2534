// An IEEE 802.3 length field (in place of an EtherType, value 1500 or less) and what it
// covers: the LLC frame (or, when it starts with 0xffff, Novell's raw IPX), then the
// padding and trailer after the length. Used by Ethernet and by 802.1Q tags.

import type { PacketFields } from '../fields/packetFields.js';
import { HIDDEN } from '../fields/packetFields.js';
import type { DissectCtx } from './context.js';
import { dissectData } from './data.js';
import { addEthernetTrailer, cutShort, type TrailerSite } from './ethTrailer.js';
import { WS } from './frameFields.js';
import { dissectLlcFrame } from './llc.js';
import { reportCut } from './cutReport.js';

export interface LengthSite {
  /** "eth.len" or "vlan.len" */
  lengthField: number;
  /** the Error/Malformed expert "Length field value goes past the end of the payload" */
  pastEnd: number;
  trailer: TrailerSite;
}

/** Dissects the 802.3 length at `lenOff` (value `length`) and the frame it delimits, inside subtree `tree`. */
export function dissect8023(
  f: PacketFields,
  c: DissectCtx,
  lenOff: number,
  length: number,
  end: number,
  rend: number,
  site: LengthSite,
  tree: number,
): void {
  const payload = lenOff + 2;
  const parent = f.parent;
  f.parent = tree;
  const lenRec = f.add(site.lengthField, lenOff, 2, length);
  let len = length;
  if (len > rend - payload) {
    len = Math.max(0, rend - payload);
    f.parent = lenRec;
    const e = c.expert(f, site.pastEnd, lenOff, 2, 'Length field value goes past the end of the payload');
    f.parent = e;
    f.addString(WS.malformed, lenOff, 0, '_ws.malformed', HIDDEN);
  }
  f.parent = parent;

  const pend = payload + len;
  const pcap = Math.min(end, pend);
  const mark = f.count;
  let foreign: boolean;
  if (pcap - payload >= 2 && c.buf[payload] === 0xff && c.buf[payload + 1] === 0xff) {
    // Novell "raw" 802.3: IPX with no LLC header (IPX itself is not decoded)
    c.setColumns('IPX', null, -1);
    dissectData(f, c, payload, pcap, pend);
    foreign = true;
  } else {
    foreign = dissectLlcFrame(f, c, payload, pcap, pend);
  }
  f.parent = parent;
  // a snaplen cut above ends the packet there (tshark only carries on after malformations)
  if (cutShort(f, mark)) return;
  if (pend > end) {
    // tshark fails on the trailer of a cut frame, unless a dissector above had failed on
    // the cut first: for payloads tshark decodes and Wiresight shows as data, assume it did
    if (foreign && pcap < pend) return;
    reportCut(f, c, site.trailer.protoName, pend, end, rend);
  } else {
    addEthernetTrailer(f, c, pend, end, rend, site.trailer);
  }
  f.parent = parent;
}
