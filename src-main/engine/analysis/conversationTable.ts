// TCP and UDP conversation ("stream") indices as tshark numbers them (`tcp.stream`,
// `udp.stream`: 0-based, in first-seen order), plus TCP relative sequence numbers. The
// first pass assigns (observe); on-demand dissection of any single packet re-derives the
// same numbers from the table the pass left behind (annotate), without replaying the file.

import { fieldByName, fieldId } from '../fields/fieldRegistry.js';
import type { PacketFields } from '../fields/packetFields.js';
import { GENERATED } from '../fields/packetFields.js';
import { fieldBefore, fieldIn, valueIn } from './layerFields.js';
import { orderEndpoints } from '../flows/flowKey.js';
import { PacketTuple, type FlowSlot } from '../flows/flowTypes.js';
import { TupleIndex } from './tupleIndex.js';
import type { LeanPacket } from '../lean/leanPacket.js';

interface Stream extends FlowSlot {
  id: number;
  /** packet index (0-based) at which the stream was created */
  firstPacket: number;
  /** whether side A (the first sender) is the endpoint that sorts first in the key */
  aFirst: boolean;
  /** TCP base sequence numbers by direction: [A→B, B→A]; -1 while unknown */
  base: [number, number];
  /** the stream this one took the key over from (port reuse), or null */
  earlier: Stream | null;
}

export interface LayerIds {
  proto: number;
  srcport: number;
  dstport: number;
  stream: number;
}

function ids(proto: string): LayerIds {
  return { proto: fieldId(proto), srcport: fieldId(`${proto}.srcport`), dstport: fieldId(`${proto}.dstport`), stream: fieldId(`${proto}.stream`) };
}

export class ConversationTable {
  /** the latest stream of each tuple (both directions meet) */
  private readonly byTuple = new TupleIndex<Stream>();
  private readonly tuple = new PacketTuple();
  private readonly proto: number;
  readonly streams: Stream[] = [];
  private readonly l: LayerIds;
  private readonly ipSrc = fieldByName('ip.src')!.id;
  private readonly ipDst = fieldByName('ip.dst')!.id;
  private readonly ip6Src = fieldByName('ipv6.src')!.id;
  private readonly ip6Dst = fieldByName('ipv6.dst')!.id;
  private readonly tcp: { seqRaw: number; ackRaw: number; flags: number; seq: number; ack: number; len: number; nxtseq: number; hdrLen: number } | null;

  /**
   * tshark looks the conversation up only once it has read this far into the header
   * (TCP: the header length; UDP: the checksum, after the length checks): a layer cut or
   * rejected before it gets no stream number.
   */
  private readonly required: number;

  constructor(readonly protocol: 'tcp' | 'udp') {
    this.l = ids(protocol);
    this.proto = protocol === 'tcp' ? 6 : 17;
    this.required = fieldByName(protocol === 'tcp' ? 'tcp.hdr_len' : 'udp.checksum')!.id;
    this.tcp =
      protocol === 'tcp'
        ? {
            seqRaw: fieldByName('tcp.seq_raw')!.id,
            ackRaw: fieldByName('tcp.ack_raw')!.id,
            flags: fieldByName('tcp.flags')!.id,
            seq: fieldByName('tcp.seq')!.id,
            ack: fieldByName('tcp.ack')!.id,
            len: fieldByName('tcp.len')!.id,
            nxtseq: fieldByName('tcp.nxtseq')!.id,
            hdrLen: fieldByName('tcp.hdr_len')!.id,
          }
        : null;
  }

  get count(): number {
    return this.streams.length;
  }

  /**
   * First pass: assigns every TCP/UDP layer of the packet to a stream, creating streams as
   * needed, and records the stream fields. Returns the stream of the outermost layer or -1.
   */
  observe(f: PacketFields, packet: number): number {
    return this.visit(f, packet, true);
  }

  /** First pass, for a packet the lean decoder read: the same assignment and learning, no fields. */
  observeLean(p: LeanPacket, packet: number): number {
    if (p.l4 !== this.proto) return -1;
    const t = p.flow;
    const s = this.assign(t, t.tcpFlags, t.seq, packet);
    p.slot = s;
    if (this.tcp) learnBases(s, t.samePair || t.srcFirst === s.aFirst ? 0 : 1, t.tcpFlags, t.seq, t.ack);
    this.leaveNumbers(p, s);
    return s.id;
  }

  /**
   * Leaves on a lean packet what relativeSeq() records for a segment with a whole header:
   * its direction in the stream and (TCP) its relative sequence and acknowledgment numbers.
   */
  private leaveNumbers(p: LeanPacket, s: Stream): void {
    const t = p.flow;
    const dir = directionIn(s, t);
    p.dir = dir;
    if (!this.tcp) return;
    p.relSeq = (t.seq - s.base[dir]) >>> 0;
    p.relAck = t.tcpFlags & 0x10 ? (t.ack - s.base[1 - dir]!) >>> 0 : t.ack;
  }

  /** On demand: adds the same generated fields the first pass added to this packet. */
  annotate(f: PacketFields, packet: number): void {
    this.visit(f, packet, false);
  }

  private visit(f: PacketFields, packet: number, assign: boolean): number {
    let outer = -1;
    const t = this.tuple;
    for (let layer = f.first(this.l.proto); layer >= 0; layer = f.nexts[layer]!) {
      const sp = fieldIn(f, this.l.srcport, layer);
      const dp = fieldIn(f, this.l.dstport, layer);
      if (sp < 0 || dp < 0 || fieldIn(f, this.required, layer) < 0) continue;
      if (!this.addresses(f, layer)) continue;
      t.proto = this.proto;
      t.sport = f.vals[sp]!;
      t.dport = f.vals[dp]!;
      orderEndpoints(t);
      let s: Stream | undefined;
      if (assign) {
        const fl = this.tcp ? fieldIn(f, this.tcp.flags, layer) : -1;
        const sq = this.tcp ? fieldIn(f, this.tcp.seqRaw, layer) : -1;
        s = this.assign(t, fl < 0 ? 0 : f.vals[fl]!, sq < 0 ? -1 : f.vals[sq]!, packet);
      } else {
        s = this.lookup(t, packet);
      }
      if (!s) continue;
      if (outer < 0) outer = s.id;
      const parent = f.parent;
      f.parent = layer;
      f.add(this.l.stream, 0, 0, s.id, GENERATED);
      if (this.tcp) this.relativeSeq(f, layer, s, directionIn(s, t), assign);
      f.parent = parent;
    }
    return outer;
  }

  /** Puts the addresses of the network layer carrying `layer` into the scratch tuple. */
  private addresses(f: PacketFields, layer: number): boolean {
    const v4s = fieldBefore(f, this.ipSrc, layer);
    const v6s = fieldBefore(f, this.ip6Src, layer);
    if (v4s > v6s) {
      const v4d = fieldBefore(f, this.ipDst, layer);
      if (v4d < 0) return false;
      this.tuple.setIPv4(f.vals[v4s]!, f.vals[v4d]!);
      return true;
    }
    const v6d = fieldBefore(f, this.ip6Dst, layer);
    if (v6s < 0 || v6d < 0 || f.lens[v6s] !== 16 || f.lens[v6d] !== 16) return false;
    this.tuple.setIPv6(f.sources[f.srcs[v6s]!]!, f.starts[v6s]!, f.sources[f.srcs[v6d]!]!, f.starts[v6d]!);
    return true;
  }

  /**
   * The stream a segment belongs to, created when the key is new or (TCP) when a SYN
   * without ACK brings a sequence number other than the known base: the port is reused.
   */
  private assign(t: PacketTuple, flags: number, seq: number, packet: number): Stream {
    const known = this.byTuple.get(t);
    let s = known;
    if (s && this.tcp && (flags & 0x12) === 0x02 && seq >= 0) {
      const base = s.base[t.srcFirst === s.aFirst ? 0 : 1];
      if (base >= 0 && base !== seq) s = undefined;
    }
    if (!s) {
      s = { id: this.streams.length, firstPacket: packet, aFirst: t.srcFirst, base: [-1, -1], earlier: known ?? null, ctFlow: -1 };
      this.streams.push(s);
      this.byTuple.set(t, s);
    }
    return s;
  }

  private lookup(t: PacketTuple, packet: number): Stream | undefined {
    let s = this.byTuple.get(t) ?? null;
    while (s && s.firstPacket > packet) s = s.earlier;
    return s ?? undefined;
  }

  private relativeSeq(f: PacketFields, layer: number, s: Stream, dir: 0 | 1, learn: boolean): void {
    const t = this.tcp!;
    const sq = fieldIn(f, t.seqRaw, layer);
    if (sq < 0) return;
    const fl = fieldIn(f, t.flags, layer);
    const flags = fl >= 0 ? f.vals[fl]! : 0;
    const seq = f.vals[sq]!;
    const ak = fieldIn(f, t.ackRaw, layer);
    const ln = fieldIn(f, t.len, layer);
    if (ln < 0) {
      // a segment shorter than its header: tshark gives up before relative numbering and
      // shows the numbers as they are, learning nothing from them
      f.add(t.seq, f.starts[sq]!, f.lens[sq]!, seq);
      if (ak >= 0) f.add(t.ack, f.starts[ak]!, f.lens[ak]!, f.vals[ak]!);
      return;
    }
    if (learn) learnBases(s, dir, flags, seq, ak < 0 ? -1 : f.vals[ak]!);
    const base = s.base[dir];
    if (base < 0) return;
    const rel = (seq - base) >>> 0;
    f.add(t.seq, f.starts[sq]!, f.lens[sq]!, rel, GENERATED);
    // none after a bogus header length; SYN and FIN together still count one
    if (valueIn(f, t.hdrLen, layer) >= 20) {
      f.add(t.nxtseq, 0, 0, (rel + f.vals[ln]! + (flags & 0x03 ? 1 : 0)) >>> 0, GENERATED);
    }
    if (ak < 0) return;
    const ack = f.vals[ak]!;
    if (flags & 0x10) {
      const other = 1 - dir;
      f.add(t.ack, f.starts[ak]!, f.lens[ak]!, (ack - s.base[other]!) >>> 0, GENERATED);
    } else {
      // without the ACK flag the field means nothing: tshark shows it as it is (0 in a SYN)
      f.add(t.ack, f.starts[ak]!, f.lens[ak]!, ack);
    }
  }
}

/** 0 when the tuple's source is the stream's first sender (either way between equal endpoints), else 1. */
function directionIn(s: Stream, t: PacketTuple): 0 | 1 {
  return t.samePair || t.srcFirst === s.aFirst ? 0 : 1;
}

/** Base sequence numbers learnt from a segment: its own direction's, and from an ACK the peer's. */
function learnBases(s: Stream, dir: number, flags: number, seq: number, ack: number): void {
  if (s.base[dir] < 0) s.base[dir] = flags & 0x02 ? seq : (seq - 1) >>> 0;
  const other = 1 - dir;
  if (flags & 0x10 && ack >= 0 && s.base[other] < 0) s.base[other] = (ack - 1) >>> 0;
}
