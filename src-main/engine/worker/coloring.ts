// Wireshark's default coloring rules, evaluated in their order on a dissected packet (the
// first rule that matches colors the row). Written as predicates over the field record
// rather than filter text so they work whatever the filter compiler supports; the rule
// conditions follow Wireshark's default `colorfilters` file.

import type { ColorRule } from '../../api/contract.js';
import { fieldByName } from '../fields/fieldRegistry.js';
import type { PacketFields } from '../fields/packetFields.js';
import { MARK } from '../index/packetIndex.js';

type Ids = Record<
  | 'tcp' | 'udp' | 'arp' | 'icmp' | 'icmpv6' | 'icmpType' | 'icmpv6Type' | 'analysisFlags' | 'windowUpdate'
  | 'keepAlive' | 'keepAliveAck' | 'tcpFlags' | 'tcpSrc' | 'tcpDst' | 'ipDst' | 'ipTtl' | 'eth' | 'ethDst'
  | 'igmp' | 'cdp' | 'ospf' | 'bgp' | 'vrrp' | 'eigrp' | 'hsrp' | 'gvrp',
  number
>;

let ids: Ids | null = null;

function lookup(): Ids {
  const id = (name: string): number => fieldByName(name)?.id ?? -1;
  return {
    tcp: id('tcp'), udp: id('udp'), arp: id('arp'), icmp: id('icmp'), icmpv6: id('icmpv6'),
    icmpType: id('icmp.type'), icmpv6Type: id('icmpv6.type'),
    analysisFlags: id('tcp.analysis.flags'), windowUpdate: id('tcp.analysis.window_update'),
    keepAlive: id('tcp.analysis.keep_alive'), keepAliveAck: id('tcp.analysis.keep_alive_ack'),
    tcpFlags: id('tcp.flags'), tcpSrc: id('tcp.srcport'), tcpDst: id('tcp.dstport'),
    ipDst: id('ip.dst'), ipTtl: id('ip.ttl'), eth: id('eth'), ethDst: id('eth.dst'),
    igmp: id('igmp'), cdp: id('cdp'), ospf: id('ospf'), bgp: id('bgp'), vrrp: id('vrrp'), eigrp: id('eigrp'),
    hsrp: id('hsrp'), gvrp: id('gvrp'),
  };
}

const has = (f: PacketFields, id: number): boolean => id >= 0 && f.has(id);
const val = (f: PacketFields, id: number): number => (id >= 0 ? f.value(id) : NaN);

function badTcp(f: PacketFields, x: Ids): boolean {
  return has(f, x.analysisFlags) && !has(f, x.windowUpdate) && !has(f, x.keepAlive) && !has(f, x.keepAliveAck);
}

function icmpError(f: PacketFields, x: Ids): boolean {
  const t = val(f, x.icmpType);
  if (t === 3 || t === 4 || t === 5 || t === 11) return true;
  const t6 = val(f, x.icmpv6Type);
  return t6 >= 1 && t6 <= 4;
}

function ttlLow(f: PacketFields, x: Ids): boolean {
  const dst = val(f, x.ipDst);
  const ttl = val(f, x.ipTtl);
  if (Number.isNaN(dst) || Number.isNaN(ttl)) return false;
  const multicast = dst >>> 28 === 0xe;
  if (!multicast && ttl < 5 && !has(f, x.ospf)) return true;
  const localControl = dst >>> 8 === 0xe00000; // 224.0.0.0/24
  return localControl && dst !== 0xe00000fb && ttl !== 1 && !has(f, x.vrrp);
}

function tcpPort(f: PacketFields, x: Ids, port: number): boolean {
  return val(f, x.tcpSrc) === port || val(f, x.tcpDst) === port;
}

function routing(f: PacketFields, x: Ids): boolean {
  return has(f, x.hsrp) || has(f, x.eigrp) || has(f, x.ospf) || has(f, x.bgp) || has(f, x.cdp) ||
    has(f, x.vrrp) || has(f, x.gvrp) || has(f, x.igmp);
}

function broadcast(f: PacketFields, x: Ids): boolean {
  const i = x.ethDst >= 0 ? f.first(x.ethDst) : -1;
  if (i < 0) return false;
  return (f.sources[f.srcs[i]!]![f.starts[i]!]! & 1) === 1;
}

/** The coloring rule for a packet, from its field record and its index marks. */
export function colorRule(f: PacketFields, marks: number): ColorRule {
  const x = (ids ??= lookup());
  if (badTcp(f, x)) return 'badTcp';
  if (icmpError(f, x)) return 'icmpError';
  if (has(f, x.arp)) return 'arp';
  if (has(f, x.icmp) || has(f, x.icmpv6)) return 'icmp';
  const flags = val(f, x.tcpFlags);
  if (flags & 0x04) return 'tcpRst';
  if (ttlLow(f, x)) return 'ttlLow';
  if (marks & MARK.badChecksum) return 'checksumError';
  if (marks & (MARK.expertError | MARK.expertWarning | MARK.malformed)) return 'expertWarning';
  if (tcpPort(f, x, 80)) return 'http';
  if (routing(f, x)) return 'routing';
  if (flags & 0x03) return 'tcpSynFin';
  if (has(f, x.tcp)) return 'tcp';
  if (has(f, x.udp)) return 'udp';
  if (broadcast(f, x)) return 'broadcast';
  return 'none';
}
