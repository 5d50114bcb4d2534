// What the fast index pass knows about one ordinary packet: the handful of numbers the
// packet index and the analyzers need (addresses, ports, TCP sequence state, ICMP echo
// ids), read straight from the bytes with no field records. Packets that are anything but
// ordinary never get here: the lean decoder declines them and the full dissector runs.
// One instance is reused for every packet.

import { FlowPacket, type FlowSlot } from '../flows/flowTypes.js';

export class LeanPacket {
  buf: Uint8Array = new Uint8Array(0);
  tsSec = 0;
  tsNsec = 0;
  /** 4 or 6 */
  l3 = 0;
  /** IPv4 addresses as numbers (l3 = 4) */
  v4src = 0;
  v4dst = 0;
  /** offsets of the IPv6 addresses in `buf` (l3 = 6) */
  v6srcOff = 0;
  v6dstOff = 0;
  /** 6 TCP, 17 UDP, 1 ICMP */
  l4 = 0;
  /** offset in `buf` of the transport (TCP/UDP/ICMP) header */
  l4Off = 0;
  /** IPv4 TTL or IPv6 hop limit */
  ttl = 0;
  /** window scale shift from a TCP option, NaN without one */
  wscale = NaN;
  icmpSeq = 0;
  /** tcp.stream / udp.stream, set by the stream analyzer for the analyzers after it */
  stream = -1;
  /**
   * Also set by the stream analyzer: the direction within the stream (0 from the side that
   * sent first) and, for TCP, the sequence and acknowledgment numbers relative to the
   * stream's bases (the acknowledgment number stays raw without the ACK flag), as full
   * dissection shows them in `tcp.seq` / `tcp.ack`.
   */
  dir = 0;
  relSeq = 0;
  relAck = 0;
  /**
   * The tuple and counters connection tracking reads, filled by the decoder: also where
   * the other analyzers find ports, TCP sequence numbers, flags, window and payload length,
   * and the ICMP type and identifier.
   */
  readonly flow = new FlowPacket();
  /**
   * The conversation entry of this tuple (TCP/UDP, set by the stream analyzer), where the
   * flow table keeps the conversation's flow so that most packets need no key at all.
   */
  slot: FlowSlot | null = null;
}
