// Field records rebuilt from the packet index alone, so a display filter runs over an
// indexed capture without reading or dissecting packets. Only for packets the lean path
// indexed (MARK.lean: one IP layer, TCP/UDP or an ICMP echo, nothing quoted), and only
// for the fields those columns determine exactly: frame numbers and lengths, addresses,
// ports, streams, TCP flags, the TCP analysis flags and the conntrack fields. For such a
// packet the record holds those fields with the values, order and layers full dissection
// gives them (test/unit/engine/lean/indexRecord.test.ts compares the two on the corpus).

import { allFields, fieldId } from '../fields/fieldRegistry.js';
import { GENERATED, HIDDEN, PacketFields } from '../fields/packetFields.js';
import type { PacketIndex } from '../index/packetIndex.js';
import { REPORTS, TA, TA_F, type TcpAnalyzer } from '../analysis/tcpAnalysis.js';
import type { FlowAnalyzer } from '../flows/flowAnalyzer.js';
import { FLAG_BITS } from '../dissect/tcp.js';

const ALL_PARTS = 63;

const CT_FIELDS = ['ct', 'ct.id', 'ct.state', 'ct.assured', 'ct.unreplied', 'ct.reply', 'ct.related', 'ct.reason', 'conn.state', 'conn.history'];

/** Protocols an ordinary (MARK.lean) packet never carries: their fields are answered by being absent. */
export const ABSENT_PROTOCOLS: ReadonlySet<string> = new Set(['icmpv6', 'arp', 'llc', 'stp', 'ipx', 'cdp', 'lldp']);

/** Parts of an index record, written only when the filter reads one of their fields. */
const G_FRAME = 1;
const G_NET = 2;
const G_TRANSPORT = 4;
const G_ANALYSIS = 8 | G_TRANSPORT;
const G_CT = 16;
const G_TCP_FLAGS = 32 | G_TRANSPORT;

/** Fields an index record answers exactly (for MARK.lean packets), by the part that holds them. */
const INDEX_FIELDS: readonly (readonly [number, readonly string[]])[] = [
  [G_FRAME, ['frame', 'frame.number', 'frame.len', 'frame.cap_len']],
  [G_NET, ['ip', 'ip.src', 'ip.dst', 'ip.addr', 'ip.proto', 'ipv6', 'ipv6.src', 'ipv6.dst', 'ipv6.addr', 'ipv6.nxt']],
  [G_TRANSPORT, ['tcp', 'tcp.srcport', 'tcp.dstport', 'tcp.port', 'tcp.stream']],
  [G_TCP_FLAGS, ['tcp.flags']],
  [G_TRANSPORT, ['udp', 'udp.srcport', 'udp.dstport', 'udp.port', 'udp.stream', 'icmp']],
  [G_ANALYSIS, ['tcp.analysis.flags', 'tcp.analysis.duplicate_ack', 'tcp.analysis.duplicate_ack_num', 'tcp.analysis.duplicate_ack_frame']],
  [G_ANALYSIS, ['tcp.connection.fin_active', 'tcp.connection.fin_passive']],
  [G_CT, CT_FIELDS],
];

export class IndexRecordWriter {
  readonly f = new PacketFields();
  /** what the records' byte ranges point into: the addresses, so IPv6 comparisons see their bytes */
  private readonly bytes = new Uint8Array(32);
  /** field id → the parts that answer it (0: answered by being absent) */
  private readonly answerable = new Map<number, number>();
  private readonly ids = {
    frame: fieldId('frame'), number: fieldId('frame.number'), len: fieldId('frame.len'), capLen: fieldId('frame.cap_len'),
    ip: fieldId('ip'), ipSrc: fieldId('ip.src'), ipDst: fieldId('ip.dst'), ipAddr: fieldId('ip.addr'), ipProto: fieldId('ip.proto'),
    ipv6: fieldId('ipv6'), ip6Src: fieldId('ipv6.src'), ip6Dst: fieldId('ipv6.dst'), ip6Addr: fieldId('ipv6.addr'), ip6Nxt: fieldId('ipv6.nxt'),
    tcp: fieldId('tcp'), tcpSrc: fieldId('tcp.srcport'), tcpDst: fieldId('tcp.dstport'), tcpPort: fieldId('tcp.port'), tcpStream: fieldId('tcp.stream'),
    tcpFlags: fieldId('tcp.flags'),
    udp: fieldId('udp'), udpSrc: fieldId('udp.srcport'), udpDst: fieldId('udp.dstport'), udpPort: fieldId('udp.port'), udpStream: fieldId('udp.stream'),
    icmp: fieldId('icmp'),
  };

  constructor(
    private readonly index: PacketIndex,
    private readonly tcp: TcpAnalyzer | null,
    private readonly flows: FlowAnalyzer | null,
  ) {
    for (const [part, names] of INDEX_FIELDS) for (const name of names) this.answerable.set(fieldId(name), part);
    for (const [fid] of FLAG_BITS) this.answerable.set(fid, G_TCP_FLAGS);
    for (const [, fid] of REPORTS) this.answerable.set(fid, G_ANALYSIS);
    // protocols a lean packet never carries: their fields are answered by being absent
    for (const d of allFields()) if (ABSENT_PROTOCOLS.has(d.name.split('.')[0]!)) this.answerable.set(d.id, 0);
  }

  /**
   * The parts of the record a filter reading these fields needs (a non-zero mask), or -1
   * when records built here cannot answer it.
   */
  partsFor(fieldIds: readonly number[]): number {
    let parts = G_FRAME;
    for (const x of fieldIds) {
      const p = this.answerable.get(x);
      if (p === undefined) return -1;
      parts |= p;
    }
    return parts;
  }

  /** The record of packet `i` (a MARK.lean packet) with the given parts: valid until the next call. */
  write(i: number, parts = ALL_PARTS): PacketFields {
    const f = this.f;
    const x = this.index;
    const d = this.ids;
    const b = this.bytes;
    f.reset(b);
    if (parts & G_FRAME) {
      const frame = f.open(d.frame, 0, 0);
      f.add(d.number, 0, 0, i + 1, GENERATED);
      f.add(d.len, 0, 0, x.origLen.data[i]!, GENERATED);
      f.add(d.capLen, 0, 0, x.capLen.data[i]!, GENERATED);
      f.close(frame);
    }
    const l4 = x.l4.data[i]!;
    if (parts & G_NET) this.network(i, l4 === 0 ? 1 : l4);
    if (parts & G_TRANSPORT) {
      if (l4 === 6) {
        const layer = f.open(d.tcp, 0, 0);
        this.ports(d.tcpSrc, d.tcpDst, d.tcpPort, i);
        if ((parts & G_TCP_FLAGS) === G_TCP_FLAGS) this.tcpFlags(x.tcpFlags.data[i]!);
        f.add(d.tcpStream, 0, 0, x.stream.data[i]!, GENERATED);
        if ((parts & G_ANALYSIS) === G_ANALYSIS) this.analysis(i);
        f.close(layer);
      } else if (l4 === 17) {
        const layer = f.open(d.udp, 0, 0);
        this.ports(d.udpSrc, d.udpDst, d.udpPort, i);
        f.add(d.udpStream, 0, 0, x.stream.data[i]!, GENERATED);
        f.close(layer);
      } else {
        f.close(f.open(d.icmp, 0, 0));
      }
    }
    if (parts & G_CT) this.flows?.addFields(f, i);
    return f;
  }

  private network(i: number, proto: number): void {
    const f = this.f;
    const d = this.ids;
    const b = this.bytes;
    const a = this.index.addresses;
    const src = this.index.src.data[i]!;
    const dst = this.index.dst.data[i]!;
    if (a.kind(src) === 4) {
      const s4 = a.ipv4(src);
      const d4 = a.ipv4(dst);
      const ip = f.open(d.ip, 0, 0);
      f.add(d.ipProto, 0, 1, proto);
      writeU32(b, 0, s4);
      writeU32(b, 16, d4);
      f.add(d.ipSrc, 0, 4, s4);
      f.add(d.ipAddr, 0, 4, s4, HIDDEN);
      f.add(d.ipDst, 16, 4, d4);
      f.add(d.ipAddr, 16, 4, d4, HIDDEN);
      f.close(ip);
    } else {
      const ip = f.open(d.ipv6, 0, 0);
      f.add(d.ip6Nxt, 0, 1, proto);
      b.set(a.ipv6(src), 0);
      b.set(a.ipv6(dst), 16);
      f.add(d.ip6Src, 0, 16);
      f.add(d.ip6Addr, 0, 16, 0, HIDDEN);
      f.add(d.ip6Dst, 16, 16);
      f.add(d.ip6Addr, 16, 16, 0, HIDDEN);
      f.close(ip);
    }
  }

  private tcpFlags(flags: number): void {
    const f = this.f;
    const fl = f.open(this.ids.tcpFlags, 0, 2, flags);
    for (let k = 0; k < FLAG_BITS.length; k++) f.add(FLAG_BITS[k]![0], 0, 2, flags & FLAG_BITS[k]![1] ? 1 : 0);
    f.close(fl);
  }

  private ports(srcId: number, dstId: number, portId: number, i: number): void {
    const f = this.f;
    const sp = this.index.srcPort.data[i]!;
    const dp = this.index.dstPort.data[i]!;
    f.add(srcId, 0, 2, sp);
    f.add(dstId, 0, 2, dp);
    f.add(portId, 0, 2, sp, HIDDEN);
    f.add(portId, 0, 2, dp, HIDDEN);
  }

  /** The TCP analysis flags as the analyzer reports them (without windows and RTT). */
  private analysis(i: number): void {
    const r = this.tcp ? this.tcp.flagsOf(i) : 0;
    if (r === 0) return;
    const f = this.f;
    const tcp = this.tcp!;
    if (r & ~(TA.finActive | TA.finPassive)) {
      const top = f.open(TA_F.analysis, 0, 0, 0, GENERATED);
      tcp.addFlags(f, r, i);
      f.close(top);
    }
    tcp.addFinMarks(f, r);
  }
}

function writeU32(b: Uint8Array, at: number, v: number): void {
  b[at] = v >>> 24;
  b[at + 1] = (v >>> 16) & 255;
  b[at + 2] = (v >>> 8) & 255;
  b[at + 3] = v & 255;
}
