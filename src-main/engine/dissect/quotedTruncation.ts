// Truncation inside an ICMP/ICMPv6 error's quoted datagram, the way tshark reports it.
// Routers quote only a prefix of the offending packet, so a quoted header that simply
// ends with the error message is not reported at all; a cut made by the capture's
// snaplen is, but always in the name of the quoted network layer ("IPv4 truncated",
// "IPv6 truncated"), whichever header inside the quote was being read.

import type { PacketFields } from '../fields/packetFields.js';
import type { DissectCtx } from './context.js';

/** `c.truncated`, with tshark's treatment of quoted datagrams (see the file comment). */
export function truncatedUnlessQuoted(f: PacketFields, c: DissectCtx, protoName: string, need: number, end: number, rend: number): void {
  if (c.quoteDepth > 0) {
    if (!(need <= rend && end < rend)) return;
    protoName = c.netVersion === 6 ? 'IPv6' : 'IPv4';
  }
  c.truncated(f, protoName, need, end, rend);
}
