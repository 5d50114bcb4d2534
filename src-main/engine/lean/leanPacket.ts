// What the fast index pass knows about one ordinary packet: the handful of numbers the
// packet index and the analyzers need (addresses, ports, TCP sequence state, ICMP echo
// ids), read straight from the bytes with no field records. Packets that are anything but
// ordinary never get here: the lean decoder declines them and the full dissector runs.
// One instance is reused for every packet.

import { FlowPacket } from '../flows/flowTypes.js';

export class LeanPacket {
  buf: Uint8Array = new Uint8Array(0);
  tsSec = 0;
  tsNsec = 0;
  capLen = 0;
  origLen = 0;
  /** 0 unknown, 1 inbound, 2 outbound (as FrameMeta.direction) */
  direction = 0;
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
  sport = 0;
  dport = 0;
  /** TCP header */
  seq = 0;
  ack = 0;
  tcpFlags = 0;
  win = 0;
  /** window scale shift from a SYN's option, NaN without one */
  wscale = NaN;
  /** TCP or UDP payload bytes (all captured) */
  payload = 0;
  icmpType = 0;
  icmpId = 0;
  icmpSeq = 0;
  /** tcp.stream / udp.stream, set by the stream analyzer for the analyzers after it */
  stream = -1;
  /** the tuple and counters connection tracking reads, filled by the decoder */
  readonly flow = new FlowPacket();
  /** flowKey(flow): the conntrack key, which for TCP/UDP is also the conversation key */
  key = '';
}
