// Reads what connection tracking needs from a dissected packet's field record: the outer
// IP header (kernel-dropped headers, fragments, the datagram length conntrack accounts,
// whole when reassembled), the transport tuple and its validity (checksum, TCP flags, UDP
// length), and for ICMP errors the tuple of the datagram they quote.

import type { DissectCtx } from '../dissect/context.js';
import { fieldByName } from '../fields/fieldRegistry.js';
import type { PacketFields } from '../fields/packetFields.js';
import { icmpProto, ipv4Key, ipv6Key, isIcmpError, isIcmpRequest } from './flowKey.js';
import { REASON, type FlowPacket, type PacketTuple } from './flowTypes.js';
import { validTcpFlags } from './tcpStates.js';

function id(name: string): number {
  return fieldByName(name)?.id ?? -1;
}

class Ids {
  readonly ip = id('ip');
  readonly ipv6 = id('ipv6');
  readonly tcp = id('tcp');
  readonly udp = id('udp');
  readonly icmp = id('icmp');
  readonly icmpv6 = id('icmpv6');
  readonly ipVersion = id('ip.version');
  readonly ipHdrLen = id('ip.hdr_len');
  readonly ipLen = id('ip.len');
  readonly ipMf = id('ip.flags.mf');
  readonly ipFragOffset = id('ip.frag_offset');
  readonly ipTtl = id('ip.ttl');
  readonly ipProto = id('ip.proto');
  readonly ipChecksumStatus = id('ip.checksum.status');
  readonly ipSrc = id('ip.src');
  readonly ipDst = id('ip.dst');
  readonly ipReassembledLength = id('ip.reassembled.length');
  readonly kernelDrops = ['ws.kernel.ip_inhdr', 'ws.kernel.pkt_too_small'].map(id).filter((x) => x >= 0);
  readonly kernelCsum = id('ws.kernel.ip_csum');
  readonly ipChecksum = id('ip.checksum');
  readonly ip6Plen = id('ipv6.plen');
  readonly ip6Nxt = id('ipv6.nxt');
  readonly ip6Hlim = id('ipv6.hlim');
  readonly ip6Src = id('ipv6.src');
  readonly ip6Dst = id('ipv6.dst');
  readonly ip6Fraghdr = id('ipv6.fraghdr');
  readonly ip6FragOffset = id('ipv6.fraghdr.offset');
  readonly ip6FragMore = id('ipv6.fraghdr.more');
  readonly ip6ReassembledLength = id('ipv6.reassembled.length');
  readonly tcpSrc = id('tcp.srcport');
  readonly tcpDst = id('tcp.dstport');
  readonly tcpSeq = id('tcp.seq_raw');
  readonly tcpAck = id('tcp.ack_raw');
  readonly tcpFlags = id('tcp.flags');
  readonly tcpLen = id('tcp.len');
  readonly tcpHdrLen = id('tcp.hdr_len');
  readonly tcpWin = id('tcp.window_size_value');
  readonly tcpChecksum = id('tcp.checksum');
  readonly tcpChecksumStatus = id('tcp.checksum.status');
  readonly udpSrc = id('udp.srcport');
  readonly udpDst = id('udp.dstport');
  readonly udpLength = id('udp.length');
  readonly udpLengthBad = id('udp.length.bad');
  readonly udpChecksum = id('udp.checksum');
  readonly udpChecksumStatus = id('udp.checksum.status');
  readonly icmpType = id('icmp.type');
  readonly icmpCode = id('icmp.code');
  readonly icmpIdent = id('icmp.ident');
  readonly icmpChecksumStatus = id('icmp.checksum.status');
  readonly icmp6Type = id('icmpv6.type');
  readonly icmp6Code = id('icmpv6.code');
  readonly icmp6Ident = id('icmpv6.echo.identifier');
  readonly icmp6ChecksumStatus = id('icmpv6.checksum.status');
  readonly layerIds = [this.ip, this.ipv6, this.tcp, this.udp, this.icmp, this.icmpv6].filter((x) => x >= 0);
}

/**
 * First record of `fid` after record `from` and before record `to`, or -1. A layer's own
 * fields follow its record and come before the next layer's record, so this finds them
 * without walking parent links.
 */
function inRange(f: PacketFields, fid: number, from: number, to: number): number {
  let i = f.first(fid);
  while (i >= 0 && i <= from) i = f.nexts[i]!;
  return i >= 0 && i < to ? i : -1;
}

function valueIn(f: PacketFields, fid: number, from: number, to: number, dflt = -1): number {
  const i = inRange(f, fid, from, to);
  return i < 0 ? dflt : f.vals[i]!;
}

export class FlowPacketReader {
  private ids: Ids | null = null;

  /** Fills `p` from the packet just dissected into `f` / `c` (packet = 0-based index). */
  read(f: PacketFields, c: DissectCtx, packet: number, p: FlowPacket): void {
    const ids = (this.ids ??= new Ids());
    p.clear();
    p.packet = packet;
    p.time = c.meta.tsSec + c.meta.tsNsec / 1e9;
    p.frameBytes = c.meta.origLen;
    const v4 = f.first(ids.ip);
    const v6 = f.first(ids.ipv6);
    const net = v4 >= 0 && (v6 < 0 || v4 < v6) ? v4 : v6;
    if (net < 0) {
      p.reason = REASON.NOT_IP;
      return;
    }
    const next = this.nextLayer(f, net, f.count);
    const netEnd = next < 0 ? f.count : next;
    const hdrLen = net === v4 ? this.readIPv4(f, c, net, netEnd, p) : this.readIPv6(f, c, net, netEnd, p);
    if (p.l3 === 0) return;
    if (next < 0 || f.ids[next] === ids.ip || f.ids[next] === ids.ipv6) {
      // a tunnel (conntrack keys on the outer header only), or nothing decoded above IP
      const known = p.proto === 6 || p.proto === 17 || p.proto === icmpProto(p.l3);
      if (p.proto < 0 || (next < 0 && known)) p.reason ||= REASON.L4_TRUNCATED;
      return;
    }
    const after = this.nextLayer(f, next, f.count);
    this.readTransport(f, next, after < 0 ? f.count : after, p, hdrLen);
    if (p.isError && !p.reason) this.readQuote(f, next, p);
  }

  /** The next IP or transport layer record after `from` (exclusive) and before `to`. */
  private nextLayer(f: PacketFields, from: number, to: number): number {
    let best = -1;
    for (const lid of this.ids!.layerIds) {
      const i = inRange(f, lid, from, to);
      if (i >= 0 && (best < 0 || i < best)) best = i;
    }
    return best;
  }

  /** Fills the IPv4 addresses and protocol of a tuple from records (layer, end); false when the header lacks them. */
  private tupleIPv4(f: PacketFields, layer: number, end: number, t: PacketTuple): boolean {
    const ids = this.ids!;
    const src = inRange(f, ids.ipSrc, layer, end);
    const dst = inRange(f, ids.ipDst, layer, end);
    const proto = inRange(f, ids.ipProto, layer, end);
    if (valueIn(f, ids.ipVersion, layer, end) !== 4 || src < 0 || dst < 0 || proto < 0) return false;
    t.l3 = 4;
    t.src = ipv4Key(f.vals[src]!);
    t.dst = ipv4Key(f.vals[dst]!);
    t.proto = f.vals[proto]!;
    return true;
  }

  private tupleIPv6(f: PacketFields, layer: number, end: number, t: PacketTuple): boolean {
    const ids = this.ids!;
    const src = inRange(f, ids.ip6Src, layer, end);
    const dst = inRange(f, ids.ip6Dst, layer, end);
    if (src < 0 || dst < 0) return false;
    t.l3 = 6;
    t.src = ipv6Key(f.bytes(src));
    t.dst = ipv6Key(f.bytes(dst));
    t.proto = valueIn(f, ids.ip6Nxt, layer, end);
    return true;
  }

  /** The outer IPv4 header; returns its length (for payload sizes). */
  private readIPv4(f: PacketFields, c: DissectCtx, layer: number, end: number, p: FlowPacket): number {
    const ids = this.ids!;
    if (!this.tupleIPv4(f, layer, end, p)) {
      p.reason = REASON.IP_INVALID;
      return 0;
    }
    const ihl = valueIn(f, ids.ipHdrLen, layer, end, 20);
    for (const k of ids.kernelDrops) if (inRange(f, k, layer, end) >= 0) p.reason = REASON.IP_INVALID;
    const badSum = inRange(f, ids.kernelCsum, layer, end) >= 0 || (!c.outbound && valueIn(f, ids.ipChecksumStatus, layer, end) === 0);
    // a zero header checksum was never computed (offload, BSD loopback): not a damaged header
    if (badSum && valueIn(f, ids.ipChecksum, layer, end) !== 0) p.reason = REASON.IP_INVALID;
    p.l3Bytes = valueIn(f, ids.ipLen, layer, end, 0);
    p.errTtl = valueIn(f, ids.ipTtl, layer, end, 0);
    if (valueIn(f, ids.ipMf, layer, end, 0) === 1 || valueIn(f, ids.ipFragOffset, layer, end, 0) > 0) {
      const total = c.reassembledFrom ? inRange(f, ids.ipReassembledLength, layer, end) : -1;
      if (total >= 0) p.l3Bytes = ihl + f.vals[total]!;
      else p.reason ||= REASON.FRAGMENT;
    }
    return ihl;
  }

  /** The outer IPv6 header and its extension headers; returns the length of all of them. */
  private readIPv6(f: PacketFields, c: DissectCtx, layer: number, end: number, p: FlowPacket): number {
    const ids = this.ids!;
    if (!this.tupleIPv6(f, layer, end, p)) {
      p.reason = REASON.IP_INVALID;
      return 0;
    }
    p.l3Bytes = 40 + valueIn(f, ids.ip6Plen, layer, end, 0);
    p.errTtl = valueIn(f, ids.ip6Hlim, layer, end, 0);
    const frag = inRange(f, ids.ip6Fraghdr, layer, end);
    if (frag >= 0) {
      const offset = valueIn(f, ids.ip6FragOffset, frag, end, 0);
      const more = valueIn(f, ids.ip6FragMore, frag, end, 0);
      if (offset !== 0 || more !== 0) {
        const total = c.reassembledFrom ? inRange(f, ids.ip6ReassembledLength, layer, end) : -1;
        // the kernel's reassembled datagram: headers before the fragment header, then the payload
        if (total >= 0) p.l3Bytes = f.starts[frag]! - f.starts[layer]! + f.vals[total]!;
        else p.reason ||= REASON.FRAGMENT;
      }
    }
    return end < f.count && f.srcs[end] === f.srcs[layer] ? f.starts[end]! - f.starts[layer]! : 40;
  }

  /** Fills the transport part of a tuple from records (t, end); false when the header lacks it. */
  private tupleTransport(f: PacketFields, t: number, end: number, p: PacketTuple): boolean {
    const ids = this.ids!;
    const lid = f.ids[t]!;
    if (lid === ids.tcp || lid === ids.udp) {
      const tcp = lid === ids.tcp;
      p.proto = tcp ? 6 : 17;
      const sp = valueIn(f, tcp ? ids.tcpSrc : ids.udpSrc, t, end);
      const dp = valueIn(f, tcp ? ids.tcpDst : ids.udpDst, t, end);
      if (sp < 0 || dp < 0) return false;
      p.sport = sp;
      p.dport = dp;
      return true;
    }
    const v6 = lid === ids.icmpv6;
    p.proto = icmpProto(v6 ? 6 : 4);
    const type = valueIn(f, v6 ? ids.icmp6Type : ids.icmpType, t, end);
    if (type < 0) return false;
    p.icmpType = type;
    p.icmpCode = valueIn(f, v6 ? ids.icmp6Code : ids.icmpCode, t, end, 0);
    if (isIcmpRequest(p.l3, type) || isIcmpRequest(p.l3, reqOf(p.l3, type))) {
      const ident = valueIn(f, v6 ? ids.icmp6Ident : ids.icmpIdent, t, end);
      if (ident < 0) return false;
      p.icmpId = ident;
    }
    return true;
  }

  private readTransport(f: PacketFields, t: number, end: number, p: FlowPacket, ipHdrLen: number): void {
    const ids = this.ids!;
    const lid = f.ids[t]!;
    if (!this.tupleTransport(f, t, end, p)) {
      p.reason ||= REASON.L4_TRUNCATED;
      return;
    }
    if (lid === ids.tcp) return this.readTcp(f, t, end, p, ipHdrLen);
    if (lid === ids.udp) return this.readUdp(f, t, end, p);
    const v6 = lid === ids.icmpv6;
    if (valueIn(f, v6 ? ids.icmp6ChecksumStatus : ids.icmpChecksumStatus, t, end) === 0) {
      p.checksumBad = true;
      p.reason ||= REASON.BAD_CHECKSUM;
    }
    p.payload = Math.max(0, p.l3Bytes - ipHdrLen - 8);
    if (isIcmpError(p.l3, p.icmpType)) {
      p.isError = true;
      p.errSrc = p.src;
    }
  }

  private readTcp(f: PacketFields, t: number, end: number, p: FlowPacket, ipHdrLen: number): void {
    const ids = this.ids!;
    const seq = valueIn(f, ids.tcpSeq, t, end);
    const flags = valueIn(f, ids.tcpFlags, t, end);
    const len = valueIn(f, ids.tcpLen, t, end);
    if (seq < 0 || flags < 0 || len < 0 || valueIn(f, ids.tcpHdrLen, t, end, 0) < 20) {
      p.reason ||= REASON.L4_TRUNCATED;
      return;
    }
    p.seq = seq;
    p.ack = valueIn(f, ids.tcpAck, t, end, 0);
    p.tcpFlags = flags;
    p.payload = len;
    p.win = valueIn(f, ids.tcpWin, t, end, 0);
    if (valueIn(f, ids.tcpChecksumStatus, t, end) === 0 && !offloaded(p, valueIn(f, ids.tcpChecksum, t, end), p.l3Bytes - ipHdrLen)) {
      p.checksumBad = true;
      p.reason ||= REASON.BAD_CHECKSUM;
    }
    if (!validTcpFlags(flags)) p.reason ||= REASON.TCP_FLAGS;
  }

  private readUdp(f: PacketFields, t: number, end: number, p: FlowPacket): void {
    const ids = this.ids!;
    const length = valueIn(f, ids.udpLength, t, end);
    if (length < 0) {
      p.reason ||= REASON.L4_TRUNCATED;
      return;
    }
    p.payload = Math.max(0, length - 8);
    if (inRange(f, ids.udpLengthBad, t, end) >= 0) p.reason ||= REASON.UDP_LENGTH;
    if (valueIn(f, ids.udpChecksumStatus, t, end) === 0 && !offloaded(p, valueIn(f, ids.udpChecksum, t, end), length)) {
      p.checksumBad = true;
      p.reason ||= REASON.BAD_CHECKSUM;
    }
  }

  /** The datagram an ICMP error quotes (inside the error's subtree). */
  private readQuote(f: PacketFields, icmpLayer: number, p: FlowPacket): void {
    const ids = this.ids!;
    const q = p.quoted;
    let end = icmpLayer + 1;
    while (end < f.count && f.isWithin(end, icmpLayer)) end++;
    const net = this.nextLayer(f, icmpLayer, end);
    if (net < 0 || (f.ids[net] !== ids.ip && f.ids[net] !== ids.ipv6)) return;
    const t = this.nextLayer(f, net, end);
    const netEnd = t < 0 ? end : t;
    const ok = f.ids[net] === ids.ip ? this.tupleIPv4(f, net, netEnd, q) : this.tupleIPv6(f, net, netEnd, q);
    if (!ok) return;
    if (t < 0 || f.ids[t] === ids.ip || f.ids[t] === ids.ipv6) return;
    const tEnd = this.nextLayer(f, t, end);
    if (!this.tupleTransport(f, t, tEnd < 0 ? end : tEnd, q)) q.clear();
  }
}

/**
 * Whether a transport checksum that does not verify is what checksum offload leaves in the
 * packet: the folded sum of the pseudo header only, filled in for the NIC (or never, on
 * loopback). Captured on the sending host, such packets are valid to its own conntrack,
 * which checks checksums only on packets received from a wire.
 */
function offloaded(t: PacketTuple, checksum: number, l4Length: number): boolean {
  let sum = t.proto + l4Length;
  for (let i = 0; i < t.src.length; i++) sum += t.src.charCodeAt(i);
  for (let i = 0; i < t.dst.length; i++) sum += t.dst.charCodeAt(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return checksum === sum;
}

/** For a reply type, the request type it answers (so its identifier is read too). */
function reqOf(l3: number, type: number): number {
  if (l3 === 6) return type === 129 ? 128 : type === 140 ? 139 : -1;
  return type === 0 ? 8 : type === 14 ? 13 : type === 16 ? 15 : type === 18 ? 17 : -1;
}
