// The Protocol, Source and Destination columns of a packet the lean decoder read, as full
// dissection sets them: the transport's name or the service its ports suggest, and the IP
// addresses. Shared by the lean index pass and the lean summary lines.

import { serviceName } from '../dissect/servicePorts.js';
import { AddressTable } from '../index/addressTable.js';
import type { LeanPacket } from './leanPacket.js';

/**
 * The Protocol column: ICMP, or TCP/UDP named by port (as the full path does when a
 * payload follows the header; lean packets have it all captured).
 */
export function leanProtocol(p: LeanPacket): string {
  if (p.l4 === 1) return 'ICMP';
  const t = p.flow;
  const tcp = p.l4 === 6;
  const service = t.payload > 0 ? serviceName(tcp ? 'tcp' : 'udp', t.sport, t.dport) : undefined;
  return service ?? (tcp ? 'TCP' : 'UDP');
}

/**
 * The Source, Destination and Protocol columns of lean packets, one packet at a time. The
 * address texts are formatted once per address: a TCP or UDP stream always joins the same
 * two addresses, so each stream and direction keeps its pair and most packets cost an
 * array look-up.
 */
export class LeanLineColumns {
  private readonly table = new AddressTable();
  /** TCP and UDP streams: source text at 4 * stream + 2 * direction, destination text after it */
  private readonly tcp: string[] = [];
  private readonly udp: string[] = [];
  src = '';
  dst = '';
  protocol = '';

  /** Sets the columns for packet `p` (after the stream analyzer has seen it). */
  take(p: LeanPacket): void {
    this.protocol = leanProtocol(p);
    this.addresses(p);
  }

  private addresses(p: LeanPacket): void {
    const texts = p.stream < 0 ? null : p.l4 === 6 ? this.tcp : p.l4 === 17 ? this.udp : null;
    if (!texts) {
      this.format(p);
      return;
    }
    const at = 4 * p.stream + 2 * p.dir;
    const src = texts[at];
    if (src !== undefined) {
      this.src = src;
      this.dst = texts[at + 1]!;
      return;
    }
    this.format(p);
    texts[at] = this.src;
    texts[at + 1] = this.dst;
  }

  private format(p: LeanPacket): void {
    const a = this.table;
    if (p.l3 === 4) {
      this.src = a.text(a.internIPv4(p.v4src));
      this.dst = a.text(a.internIPv4(p.v4dst));
    } else {
      this.src = a.text(a.internIPv6(p.buf, p.v6srcOff));
      this.dst = a.text(a.internIPv6(p.buf, p.v6dstOff));
    }
  }
}
