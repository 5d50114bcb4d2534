// Reads what connection tracking needs from a dissected packet's field record: the outer
// IP header (kernel-dropped headers, fragments, the datagram length conntrack accounts,
// whole when reassembled), the transport tuple and its validity (checksum, TCP flags, UDP
// length), and for ICMP errors the tuple of the datagram they quote.
// It runs for every packet of a capture, so the outer headers are read in one scan of the
// record with a field-id → slot table rather than one lookup per field.

import type { DissectCtx } from '../dissect/context.js';
import { fieldByName, fieldCount } from '../fields/fieldRegistry.js';
import type { PacketFields } from '../fields/packetFields.js';
import { icmpProto, isIcmpError, isIcmpRequest } from './flowKey.js';
import { REASON, type FlowPacket, type PacketTuple } from './flowTypes.js';
import { validTcpFlags } from './tcpStates.js';

/** Field names by slot: the fields read from the outer headers (slot = position here). */
const FIELD_NAMES: string[] = [];

function slot(name: string): number {
  FIELD_NAMES.push(name);
  return FIELD_NAMES.length - 1;
}

const F_IP_VERSION = slot('ip.version');
const F_IP_HDR_LEN = slot('ip.hdr_len');
const F_IP_LEN = slot('ip.len');
const F_IP_FLAGS_MF = slot('ip.flags.mf');
const F_IP_FRAG_OFFSET = slot('ip.frag_offset');
const F_IP_TTL = slot('ip.ttl');
const F_IP_PROTO = slot('ip.proto');
const F_IP_CHECKSUM = slot('ip.checksum');
const F_IP_CHECKSUM_STATUS = slot('ip.checksum.status');
const F_IP_SRC = slot('ip.src');
const F_IP_DST = slot('ip.dst');
const F_IP_REASSEMBLED_LENGTH = slot('ip.reassembled.length');
const F_WS_KERNEL_IP_INHDR = slot('ws.kernel.ip_inhdr');
const F_WS_KERNEL_PKT_TOO_SMALL = slot('ws.kernel.pkt_too_small');
const F_WS_KERNEL_IP_CSUM = slot('ws.kernel.ip_csum');
const F_IPV6_PLEN = slot('ipv6.plen');
const F_IPV6_NXT = slot('ipv6.nxt');
const F_IPV6_HLIM = slot('ipv6.hlim');
const F_IPV6_SRC = slot('ipv6.src');
const F_IPV6_DST = slot('ipv6.dst');
const F_IPV6_FRAGHDR = slot('ipv6.fraghdr');
const F_IPV6_FRAGHDR_OFFSET = slot('ipv6.fraghdr.offset');
const F_IPV6_FRAGHDR_MORE = slot('ipv6.fraghdr.more');
const F_IPV6_REASSEMBLED_LENGTH = slot('ipv6.reassembled.length');
const F_TCP_SRCPORT = slot('tcp.srcport');
const F_TCP_DSTPORT = slot('tcp.dstport');
const F_TCP_SEQ_RAW = slot('tcp.seq_raw');
const F_TCP_ACK_RAW = slot('tcp.ack_raw');
const F_TCP_FLAGS = slot('tcp.flags');
const F_TCP_LEN = slot('tcp.len');
const F_TCP_HDR_LEN = slot('tcp.hdr_len');
const F_TCP_WINDOW_SIZE_VALUE = slot('tcp.window_size_value');
const F_TCP_CHECKSUM = slot('tcp.checksum');
const F_TCP_CHECKSUM_STATUS = slot('tcp.checksum.status');
const F_UDP_SRCPORT = slot('udp.srcport');
const F_UDP_DSTPORT = slot('udp.dstport');
const F_UDP_LENGTH = slot('udp.length');
const F_UDP_LENGTH_BAD = slot('udp.length.bad');
const F_UDP_CHECKSUM = slot('udp.checksum');
const F_UDP_CHECKSUM_STATUS = slot('udp.checksum.status');
const F_ICMP_TYPE = slot('icmp.type');
const F_ICMP_CODE = slot('icmp.code');
const F_ICMP_IDENT = slot('icmp.ident');
const F_ICMP_CHECKSUM_STATUS = slot('icmp.checksum.status');
const F_ICMPV6_TYPE = slot('icmpv6.type');
const F_ICMPV6_CODE = slot('icmpv6.code');
const F_ICMPV6_ECHO_IDENTIFIER = slot('icmpv6.echo.identifier');
const F_ICMPV6_CHECKSUM_STATUS = slot('icmpv6.checksum.status');
const LAYER_NAMES = ['ip', 'ipv6', 'tcp', 'udp', 'icmp', 'icmpv6'] as const;
/** slots below this one belong to the network layer */
const FIRST_TRANSPORT_SLOT = F_TCP_SRCPORT;
/** slot value of a protocol layer record */
const LAYER = -2;

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
  /** by field id: the slot of a field read here, LAYER for a layer record, -1 otherwise */
  readonly slot: Int8Array;
  /** field ids by slot (for the lookups inside an ICMP error's quote) */
  readonly bySlot = FIELD_NAMES.map(id);

  constructor() {
    this.slot = new Int8Array(fieldCount()).fill(-1);
    this.bySlot.forEach((fid, s) => {
      if (fid >= 0) this.slot[fid] = s;
    });
    for (const n of LAYER_NAMES) {
      const fid = id(n);
      if (fid >= 0) this.slot[fid] = LAYER;
    }
  }
}

export class FlowPacketReader {
  private ids: Ids | null = null;
  /** record index of each slot's field in the packet being read, -1 when absent */
  private readonly rec = new Int32Array(FIELD_NAMES.length);

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
    // one scan: the outer IP header's fields, the next layer, its fields, up to the layer after
    const rec = this.rec;
    rec.fill(-1);
    const slot = ids.slot;
    const fids = f.ids;
    let next = -1;
    let after = -1;
    // TCP and UDP: nothing needed lies beyond the checksum status (options, payload and
    // other analyzers' fields follow), so the scan stops there
    let last = -1;
    for (let r = net + 1; r < f.count; r++) {
      const fid = fids[r]!;
      const s = fid < slot.length ? slot[fid]! : -1;
      if (s === -1) continue;
      if (s === LAYER) {
        if (next >= 0) {
          after = r;
          break;
        }
        next = r;
        last = fid === ids.tcp ? F_TCP_CHECKSUM_STATUS : fid === ids.udp ? F_UDP_CHECKSUM_STATUS : -1;
      } else if (rec[s]! < 0 && (next < 0 || s >= FIRST_TRANSPORT_SLOT)) {
        rec[s] = r;
        if (s === last) break;
      }
    }
    const hdrLen = net === v4 ? this.readIPv4(f, c, p) : this.readIPv6(f, c, net, next, p);
    if (p.l3 === 0) return;
    const nid = next < 0 ? -1 : fids[next];
    if (next < 0 || nid === ids.ip || nid === ids.ipv6) {
      // a tunnel (conntrack keys on the outer header only), or nothing decoded above IP
      const known = p.proto === 6 || p.proto === 17 || p.proto === icmpProto(p.l3);
      if (p.proto < 0 || (next < 0 && known)) p.reason ||= REASON.L4_TRUNCATED;
      return;
    }
    if (nid === ids.tcp) this.readTcp(f, p, hdrLen);
    else if (nid === ids.udp) this.readUdp(f, p);
    else this.readIcmp(f, p, hdrLen, nid === ids.icmpv6);
    if (p.isError && !p.reason && after >= 0) this.readQuote(f, next, after, p);
  }

  private value(f: PacketFields, s: number, dflt = -1): number {
    const r = this.rec[s]!;
    return r < 0 ? dflt : f.vals[r]!;
  }

  /** The outer IPv4 header; returns its length (for payload sizes). */
  private readIPv4(f: PacketFields, c: DissectCtx, p: FlowPacket): number {
    const rec = this.rec;
    const src = rec[F_IP_SRC]!;
    const dst = rec[F_IP_DST]!;
    const proto = rec[F_IP_PROTO]!;
    if (this.value(f, F_IP_VERSION) !== 4 || src < 0 || dst < 0 || proto < 0) {
      p.reason = REASON.IP_INVALID;
      return 0;
    }
    p.setIPv4(f.vals[src]!, f.vals[dst]!);
    p.proto = f.vals[proto]!;
    const ihl = this.value(f, F_IP_HDR_LEN, 20);
    if (rec[F_WS_KERNEL_IP_INHDR]! >= 0 || rec[F_WS_KERNEL_PKT_TOO_SMALL]! >= 0) p.reason = REASON.IP_INVALID;
    const badSum = rec[F_WS_KERNEL_IP_CSUM]! >= 0 || (!c.outbound && this.value(f, F_IP_CHECKSUM_STATUS) === 0);
    // a zero header checksum was never computed (offload, BSD loopback): not a damaged header
    if (badSum && this.value(f, F_IP_CHECKSUM) !== 0) p.reason = REASON.IP_INVALID;
    p.l3Bytes = this.value(f, F_IP_LEN, 0);
    p.errTtl = this.value(f, F_IP_TTL, 0);
    if (this.value(f, F_IP_FLAGS_MF, 0) === 1 || this.value(f, F_IP_FRAG_OFFSET, 0) > 0) {
      const total = c.reassembledFrom ? rec[F_IP_REASSEMBLED_LENGTH]! : -1;
      if (total >= 0) p.l3Bytes = ihl + f.vals[total]!;
      else p.reason ||= REASON.FRAGMENT;
    }
    return ihl;
  }

  /** The outer IPv6 header and its extension headers; returns the length of all of them. */
  private readIPv6(f: PacketFields, c: DissectCtx, layer: number, next: number, p: FlowPacket): number {
    const rec = this.rec;
    const src = rec[F_IPV6_SRC]!;
    const dst = rec[F_IPV6_DST]!;
    if (src < 0 || dst < 0 || f.lens[src] !== 16 || f.lens[dst] !== 16) {
      p.reason = REASON.IP_INVALID;
      return 0;
    }
    p.setIPv6(f.sources[f.srcs[src]!]!, f.starts[src]!, f.sources[f.srcs[dst]!]!, f.starts[dst]!);
    p.proto = this.value(f, F_IPV6_NXT);
    p.l3Bytes = 40 + this.value(f, F_IPV6_PLEN, 0);
    p.errTtl = this.value(f, F_IPV6_HLIM, 0);
    const frag = rec[F_IPV6_FRAGHDR]!;
    if (frag >= 0 && (this.value(f, F_IPV6_FRAGHDR_OFFSET, 0) !== 0 || this.value(f, F_IPV6_FRAGHDR_MORE, 0) !== 0)) {
      const total = c.reassembledFrom ? rec[F_IPV6_REASSEMBLED_LENGTH]! : -1;
      // the kernel's reassembled datagram: headers before the fragment header, then the payload
      if (total >= 0) p.l3Bytes = f.starts[frag]! - f.starts[layer]! + f.vals[total]!;
      else p.reason ||= REASON.FRAGMENT;
    }
    return next >= 0 && f.srcs[next] === f.srcs[layer] ? f.starts[next]! - f.starts[layer]! : 40;
  }

  private readTcp(f: PacketFields, p: FlowPacket, ipHdrLen: number): void {
    const sport = this.value(f, F_TCP_SRCPORT);
    const dport = this.value(f, F_TCP_DSTPORT);
    p.proto = 6;
    if (sport < 0 || dport < 0) {
      p.reason ||= REASON.L4_TRUNCATED;
      return;
    }
    p.sport = sport;
    p.dport = dport;
    const seq = this.value(f, F_TCP_SEQ_RAW);
    const flags = this.value(f, F_TCP_FLAGS);
    const len = this.value(f, F_TCP_LEN);
    if (seq < 0 || flags < 0 || len < 0 || this.value(f, F_TCP_HDR_LEN, 0) < 20) {
      p.reason ||= REASON.L4_TRUNCATED;
      return;
    }
    p.seq = seq;
    p.ack = this.value(f, F_TCP_ACK_RAW, 0);
    p.tcpFlags = flags;
    p.payload = len;
    p.win = this.value(f, F_TCP_WINDOW_SIZE_VALUE, 0);
    if (this.value(f, F_TCP_CHECKSUM_STATUS) === 0 && !offloaded(p, this.value(f, F_TCP_CHECKSUM), p.l3Bytes - ipHdrLen)) {
      p.checksumBad = true;
      p.reason ||= REASON.BAD_CHECKSUM;
    }
    if (!validTcpFlags(flags)) p.reason ||= REASON.TCP_FLAGS;
  }

  private readUdp(f: PacketFields, p: FlowPacket): void {
    const sport = this.value(f, F_UDP_SRCPORT);
    const dport = this.value(f, F_UDP_DSTPORT);
    const length = this.value(f, F_UDP_LENGTH);
    p.proto = 17;
    if (sport < 0 || dport < 0 || length < 0) {
      p.reason ||= REASON.L4_TRUNCATED;
      return;
    }
    p.sport = sport;
    p.dport = dport;
    p.payload = Math.max(0, length - 8);
    if (this.rec[F_UDP_LENGTH_BAD]! >= 0) p.reason ||= REASON.UDP_LENGTH;
    if (this.value(f, F_UDP_CHECKSUM_STATUS) === 0 && !offloaded(p, this.value(f, F_UDP_CHECKSUM), length)) {
      p.checksumBad = true;
      p.reason ||= REASON.BAD_CHECKSUM;
    }
  }

  private readIcmp(f: PacketFields, p: FlowPacket, ipHdrLen: number, v6: boolean): void {
    p.proto = icmpProto(v6 ? 6 : 4);
    const type = this.value(f, v6 ? F_ICMPV6_TYPE : F_ICMP_TYPE);
    if (type < 0) {
      p.reason ||= REASON.L4_TRUNCATED;
      return;
    }
    p.icmpType = type;
    p.icmpCode = this.value(f, v6 ? F_ICMPV6_CODE : F_ICMP_CODE, 0);
    if (isIcmpRequest(p.l3, type) || isIcmpRequest(p.l3, requestOf(p.l3, type))) {
      const ident = this.value(f, v6 ? F_ICMPV6_ECHO_IDENTIFIER : F_ICMP_IDENT);
      if (ident < 0) {
        p.reason ||= REASON.L4_TRUNCATED;
        return;
      }
      p.icmpId = ident;
    }
    if (this.value(f, v6 ? F_ICMPV6_CHECKSUM_STATUS : F_ICMP_CHECKSUM_STATUS) === 0) {
      p.checksumBad = true;
      p.reason ||= REASON.BAD_CHECKSUM;
    }
    p.payload = Math.max(0, p.l3Bytes - ipHdrLen - 8);
    if (isIcmpError(p.l3, type)) {
      p.isError = true;
      p.errSrc = p.src;
    }
  }

  /** The tuple of the datagram an ICMP error quotes: layers inside the error's subtree, from `net` on. */
  private readQuote(f: PacketFields, icmpLayer: number, net: number, p: FlowPacket): void {
    const ids = this.ids!;
    const q = p.quoted;
    if (!f.isWithin(net, icmpLayer)) return;
    let end = net + 1;
    while (end < f.count && f.isWithin(end, icmpLayer)) end++;
    let t = -1;
    for (let r = net + 1; r < end && t < 0; r++) if (ids.slot[f.ids[r]!] === LAYER) t = r;
    const netEnd = t < 0 ? end : t;
    const get = (slotOf: number, from: number, to: number): number => inRange(f, ids.bySlot[slotOf]!, from, to);
    if (f.ids[net] === ids.ip) {
      const src = get(F_IP_SRC, net, netEnd);
      const dst = get(F_IP_DST, net, netEnd);
      const proto = get(F_IP_PROTO, net, netEnd);
      if (src < 0 || dst < 0 || proto < 0) return;
      q.setIPv4(f.vals[src]!, f.vals[dst]!);
      q.proto = f.vals[proto]!;
    } else {
      const src = get(F_IPV6_SRC, net, netEnd);
      const dst = get(F_IPV6_DST, net, netEnd);
      if (src < 0 || dst < 0 || f.lens[src] !== 16 || f.lens[dst] !== 16) return;
      q.setIPv6(f.sources[f.srcs[src]!]!, f.starts[src]!, f.sources[f.srcs[dst]!]!, f.starts[dst]!);
      const nxt = get(F_IPV6_NXT, net, netEnd);
      q.proto = nxt < 0 ? -1 : f.vals[nxt]!;
    }
    if (t < 0) return;
    const tid = f.ids[t]!;
    let tEnd = t + 1;
    while (tEnd < end && ids.slot[f.ids[tEnd]!] !== LAYER) tEnd++;
    const val = (slotOf: number): number => {
      const r = get(slotOf, t, tEnd);
      return r < 0 ? -1 : f.vals[r]!;
    };
    if (tid === ids.tcp || tid === ids.udp) {
      const tcp = tid === ids.tcp;
      q.proto = tcp ? 6 : 17;
      q.sport = val(tcp ? F_TCP_SRCPORT : F_UDP_SRCPORT);
      q.dport = val(tcp ? F_TCP_DSTPORT : F_UDP_DSTPORT);
      if (q.sport < 0 || q.dport < 0) q.clear();
    } else if (tid === ids.icmpv6 || tid === ids.icmp) {
      const v6 = tid === ids.icmpv6;
      q.proto = icmpProto(v6 ? 6 : 4);
      q.icmpType = val(v6 ? F_ICMPV6_TYPE : F_ICMP_TYPE);
      q.icmpCode = Math.max(0, val(v6 ? F_ICMPV6_CODE : F_ICMP_CODE));
      q.icmpId = Math.max(0, val(v6 ? F_ICMPV6_ECHO_IDENTIFIER : F_ICMP_IDENT));
      if (q.icmpType < 0) q.clear();
    }
  }
}

/** First record of `fid` after record `from` and before record `to`, or -1. */
function inRange(f: PacketFields, fid: number, from: number, to: number): number {
  let i = f.first(fid);
  while (i >= 0 && i <= from) i = f.nexts[i]!;
  return i >= 0 && i < to ? i : -1;
}

/**
 * Whether a transport checksum that does not verify is what checksum offload leaves in the
 * packet: the folded sum of the pseudo header only, filled in for the NIC (or never, on
 * loopback). Captured on the sending host, such packets are valid to its own conntrack,
 * which checks checksums only on packets received from a wire.
 */
function offloaded(t: PacketTuple, checksum: number, l4Length: number): boolean {
  let sum = t.proto + l4Length;
  const n = t.l3 === 4 ? 2 : 8;
  for (let i = 0; i < n; i++) sum += t.srcW[i]! + t.dstW[i]!;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return checksum === sum;
}

/** For a reply type, the request type it answers (so its identifier is read too). */
function requestOf(l3: number, type: number): number {
  if (l3 === 6) return type === 129 ? 128 : type === 140 ? 139 : -1;
  return type === 0 ? 8 : type === 14 ? 13 : type === 16 ? 15 : type === 18 ? 17 : -1;
}
