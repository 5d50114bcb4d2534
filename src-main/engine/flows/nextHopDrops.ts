// Which ICMP errors mean "the next hop dropped this packet before its conntrack entry was
// confirmed". Linux creates an entry when a packet enters (PREROUTING) and keeps it only
// if the packet leaves (POSTROUTING) or is delivered locally (INPUT). When the capture is
// taken in front of such a host, the errors it raises on the way in tell that its entry
// for a flow's first packet was discarded, so no flow should remain:
//   - TTL / hop limit exceeded in transit (checked before forwarding);
//   - IPv4 fragmentation needed (IPv4 checks the route MTU before forwarding; IPv6 checks
//     it after POSTROUTING, so an IPv6 "packet too big" leaves the entry in place);
//   - no route, and the rejects of a firewall's forward chain (administratively
//     prohibited, or port / protocol unreachable sent by someone other than the
//     destination).
// "Host / address unreachable" is left out: a router sends it after neighbour resolution
// failed, when the entry is already confirmed.
//
// The error must come from the adjacent node itself: its TTL / hop limit is still at a
// usual initial value (64, 128 or 255), i.e. it was not forwarded by anyone, and its sender
// is not the quoted packet's destination.

import type { FlowPacket } from './flowTypes.js';

const INITIAL_TTLS = new Set([64, 128, 255]);

function droppingError(l3: number, type: number, code: number): boolean {
  if (l3 === 4) {
    if (type === 11) return code === 0;
    if (type === 3) return code === 0 || code === 2 || code === 3 || code === 4 || code === 9 || code === 10 || code === 13;
    return false;
  }
  if (type === 3) return code === 0;
  if (type === 1) return code === 0 || code === 1 || code === 2 || code === 4 || code === 5 || code === 6;
  return false;
}

export function droppedBeforeConfirmation(p: FlowPacket): boolean {
  if (!p.isError) return false;
  if (!droppingError(p.l3, p.icmpType, p.icmpCode)) return false;
  if (!INITIAL_TTLS.has(p.errTtl)) return false;
  return p.errSrc !== p.quoted.dst;
}
