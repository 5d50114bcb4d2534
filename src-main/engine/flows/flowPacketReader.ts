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

/** Slots for the fields read from the outer headers, in the order of FIELD_NAMES. */
const FIELD_NAMES = [
  'ip.version',
  'ip.hdr_len',
  'ip.len',
  'ip.flags.mf',
  'ip.frag_offset',
  'ip.ttl',
  'ip.proto',
  'ip.checksum',
  'ip.checksum.status',
  'ip.src',
  'ip.dst',
  'ip.reassembled.length',
  'ws.kernel.ip_inhdr',
  'ws.kernel.pkt_too_small',
  'ws.kernel.ip_csum',
  'ipv6.plen',
  'ipv6.nxt',
  'ipv6.hlim',
  'ipv6.src',
  'ipv6.dst',
  'ipv6.fraghdr',
  'ipv6.fraghdr.offset',
  'ipv6.fraghdr.more',
  'ipv6.reassembled.length',
  'tcp.srcport',
  'tcp.dstport',
  'tcp.seq_raw',
  'tcp.ack_raw',
  'tcp.flags',
  'tcp.len',
  'tcp.hdr_len',
  'tcp.window_size_value',
  'tcp.checksum',
  'tcp.checksum.status',
  'udp.srcport',
  'udp.dstport',
  'udp.length',
  'udp.length.bad',
  'udp.checksum',
  'udp.checksum.status',
  'icmp.type',
  'icmp.code',
  'icmp.ident',
  'icmp.checksum.status',
  'icmpv6.type',
  'icmpv6.code',
  'icmpv6.echo.identifier',
  'icmpv6.checksum.status',
] as const;

type FieldName = (typeof FIELD_NAMES)[number];
const S = Object.fromEntries(FIELD_NAMES.map((n, i) => [n, i])) as Record<FieldName, number>;
const LAYER_NAMES = ['ip', 'ipv6', 'tcp', 'udp', 'icmp', 'icmpv6'] as const;
/** slots below this one belong to the network layer */
const FIRST_TRANSPORT_SLOT = S['tcp.srcport'];
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
      } else if (rec[s]! < 0 && (next < 0 || s >= FIRST_TRANSPORT_SLOT)) {
        rec[s] = r;
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
    const src = rec[S['ip.src']]!;
    const dst = rec[S['ip.dst']]!;
    const proto = rec[S['ip.proto']]!;
    if (this.value(f, S['ip.version']) !== 4 || src < 0 || dst < 0 || proto < 0) {
      p.reason = REASON.IP_INVALID;
      return 0;
    }
    p.setIPv4(f.vals[src]!, f.vals[dst]!);
    p.proto = f.vals[proto]!;
    const ihl = this.value(f, S['ip.hdr_len'], 20);
    if (rec[S['ws.kernel.ip_inhdr']]! >= 0 || rec[S['ws.kernel.pkt_too_small']]! >= 0) p.reason = REASON.IP_INVALID;
    const badSum = rec[S['ws.kernel.ip_csum']]! >= 0 || (!c.outbound && this.value(f, S['ip.checksum.status']) === 0);
    // a zero header checksum was never computed (offload, BSD loopback): not a damaged header
    if (badSum && this.value(f, S['ip.checksum']) !== 0) p.reason = REASON.IP_INVALID;
    p.l3Bytes = this.value(f, S['ip.len'], 0);
    p.errTtl = this.value(f, S['ip.ttl'], 0);
    if (this.value(f, S['ip.flags.mf'], 0) === 1 || this.value(f, S['ip.frag_offset'], 0) > 0) {
      const total = c.reassembledFrom ? rec[S['ip.reassembled.length']]! : -1;
      if (total >= 0) p.l3Bytes = ihl + f.vals[total]!;
      else p.reason ||= REASON.FRAGMENT;
    }
    return ihl;
  }

  /** The outer IPv6 header and its extension headers; returns the length of all of them. */
  private readIPv6(f: PacketFields, c: DissectCtx, layer: number, next: number, p: FlowPacket): number {
    const rec = this.rec;
    const src = rec[S['ipv6.src']]!;
    const dst = rec[S['ipv6.dst']]!;
    if (src < 0 || dst < 0 || f.lens[src] !== 16 || f.lens[dst] !== 16) {
      p.reason = REASON.IP_INVALID;
      return 0;
    }
    p.setIPv6(f.sources[f.srcs[src]!]!, f.starts[src]!, f.sources[f.srcs[dst]!]!, f.starts[dst]!);
    p.proto = this.value(f, S['ipv6.nxt']);
    p.l3Bytes = 40 + this.value(f, S['ipv6.plen'], 0);
    p.errTtl = this.value(f, S['ipv6.hlim'], 0);
    const frag = rec[S['ipv6.fraghdr']]!;
    if (frag >= 0 && (this.value(f, S['ipv6.fraghdr.offset'], 0) !== 0 || this.value(f, S['ipv6.fraghdr.more'], 0) !== 0)) {
      const total = c.reassembledFrom ? rec[S['ipv6.reassembled.length']]! : -1;
      // the kernel's reassembled datagram: headers before the fragment header, then the payload
      if (total >= 0) p.l3Bytes = f.starts[frag]! - f.starts[layer]! + f.vals[total]!;
      else p.reason ||= REASON.FRAGMENT;
    }
    return next >= 0 && f.srcs[next] === f.srcs[layer] ? f.starts[next]! - f.starts[layer]! : 40;
  }

  private readTcp(f: PacketFields, p: FlowPacket, ipHdrLen: number): void {
    const sport = this.value(f, S['tcp.srcport']);
    const dport = this.value(f, S['tcp.dstport']);
    p.proto = 6;
    if (sport < 0 || dport < 0) {
      p.reason ||= REASON.L4_TRUNCATED;
      return;
    }
    p.sport = sport;
    p.dport = dport;
    const seq = this.value(f, S['tcp.seq_raw']);
    const flags = this.value(f, S['tcp.flags']);
    const len = this.value(f, S['tcp.len']);
    if (seq < 0 || flags < 0 || len < 0 || this.value(f, S['tcp.hdr_len'], 0) < 20) {
      p.reason ||= REASON.L4_TRUNCATED;
      return;
    }
    p.seq = seq;
    p.ack = this.value(f, S['tcp.ack_raw'], 0);
    p.tcpFlags = flags;
    p.payload = len;
    p.win = this.value(f, S['tcp.window_size_value'], 0);
    if (this.value(f, S['tcp.checksum.status']) === 0 && !offloaded(p, this.value(f, S['tcp.checksum']), p.l3Bytes - ipHdrLen)) {
      p.checksumBad = true;
      p.reason ||= REASON.BAD_CHECKSUM;
    }
    if (!validTcpFlags(flags)) p.reason ||= REASON.TCP_FLAGS;
  }

  private readUdp(f: PacketFields, p: FlowPacket): void {
    const sport = this.value(f, S['udp.srcport']);
    const dport = this.value(f, S['udp.dstport']);
    const length = this.value(f, S['udp.length']);
    p.proto = 17;
    if (sport < 0 || dport < 0 || length < 0) {
      p.reason ||= REASON.L4_TRUNCATED;
      return;
    }
    p.sport = sport;
    p.dport = dport;
    p.payload = Math.max(0, length - 8);
    if (this.rec[S['udp.length.bad']]! >= 0) p.reason ||= REASON.UDP_LENGTH;
    if (this.value(f, S['udp.checksum.status']) === 0 && !offloaded(p, this.value(f, S['udp.checksum']), length)) {
      p.checksumBad = true;
      p.reason ||= REASON.BAD_CHECKSUM;
    }
  }

  private readIcmp(f: PacketFields, p: FlowPacket, ipHdrLen: number, v6: boolean): void {
    p.proto = icmpProto(v6 ? 6 : 4);
    const type = this.value(f, S[v6 ? 'icmpv6.type' : 'icmp.type']);
    if (type < 0) {
      p.reason ||= REASON.L4_TRUNCATED;
      return;
    }
    p.icmpType = type;
    p.icmpCode = this.value(f, S[v6 ? 'icmpv6.code' : 'icmp.code'], 0);
    if (isIcmpRequest(p.l3, type) || isIcmpRequest(p.l3, requestOf(p.l3, type))) {
      const ident = this.value(f, S[v6 ? 'icmpv6.echo.identifier' : 'icmp.ident']);
      if (ident < 0) {
        p.reason ||= REASON.L4_TRUNCATED;
        return;
      }
      p.icmpId = ident;
    }
    if (this.value(f, S[v6 ? 'icmpv6.checksum.status' : 'icmp.checksum.status']) === 0) {
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
    const get = (name: FieldName, from: number, to: number): number => inRange(f, ids.bySlot[S[name]]!, from, to);
    if (f.ids[net] === ids.ip) {
      const src = get('ip.src', net, netEnd);
      const dst = get('ip.dst', net, netEnd);
      const proto = get('ip.proto', net, netEnd);
      if (src < 0 || dst < 0 || proto < 0) return;
      q.setIPv4(f.vals[src]!, f.vals[dst]!);
      q.proto = f.vals[proto]!;
    } else {
      const src = get('ipv6.src', net, netEnd);
      const dst = get('ipv6.dst', net, netEnd);
      if (src < 0 || dst < 0 || f.lens[src] !== 16 || f.lens[dst] !== 16) return;
      q.setIPv6(f.sources[f.srcs[src]!]!, f.starts[src]!, f.sources[f.srcs[dst]!]!, f.starts[dst]!);
      const nxt = get('ipv6.nxt', net, netEnd);
      q.proto = nxt < 0 ? -1 : f.vals[nxt]!;
    }
    if (t < 0) return;
    const tid = f.ids[t]!;
    let tEnd = t + 1;
    while (tEnd < end && ids.slot[f.ids[tEnd]!] !== LAYER) tEnd++;
    const val = (name: FieldName): number => {
      const r = get(name, t, tEnd);
      return r < 0 ? -1 : f.vals[r]!;
    };
    if (tid === ids.tcp || tid === ids.udp) {
      const tcp = tid === ids.tcp;
      q.proto = tcp ? 6 : 17;
      q.sport = val(tcp ? 'tcp.srcport' : 'udp.srcport');
      q.dport = val(tcp ? 'tcp.dstport' : 'udp.dstport');
      if (q.sport < 0 || q.dport < 0) q.clear();
    } else if (tid === ids.icmpv6 || tid === ids.icmp) {
      const v6 = tid === ids.icmpv6;
      q.proto = icmpProto(v6 ? 6 : 4);
      q.icmpType = val(v6 ? 'icmpv6.type' : 'icmp.type');
      q.icmpCode = Math.max(0, val(v6 ? 'icmpv6.code' : 'icmp.code'));
      q.icmpId = Math.max(0, val(v6 ? 'icmpv6.echo.identifier' : 'icmp.ident'));
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
