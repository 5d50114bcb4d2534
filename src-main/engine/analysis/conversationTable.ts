// TCP and UDP conversation ("stream") indices as tshark numbers them (`tcp.stream`,
// `udp.stream`: 0-based, in first-seen order), plus TCP relative sequence numbers. The
// first pass assigns (observe); on-demand dissection of any single packet re-derives the
// same numbers from the table the pass left behind (annotate), without replaying the file.

import { fieldByName } from '../fields/fieldRegistry.js';
import type { PacketFields } from '../fields/packetFields.js';
import { GENERATED } from '../fields/packetFields.js';
import { fieldBefore, fieldIn, valueIn } from './layerFields.js';

interface Stream {
  id: number;
  /** packet index (0-based) at which the stream was created */
  firstPacket: number;
  /** endpoint key of side A (the first sender) */
  aKey: string;
  /** TCP base sequence numbers by direction: [A→B, B→A]; -1 while unknown */
  base: [number, number];
}

export interface LayerIds {
  proto: number;
  srcport: number;
  dstport: number;
  stream: number;
}

function ids(proto: string): LayerIds {
  const id = (n: string): number => {
    const d = fieldByName(n);
    if (!d) throw new Error(`field ${n} is not registered (dissectors not loaded?)`);
    return d.id;
  };
  return { proto: id(proto), srcport: id(`${proto}.srcport`), dstport: id(`${proto}.dstport`), stream: id(`${proto}.stream`) };
}

export class ConversationTable {
  private readonly byKey = new Map<string, Stream[]>();
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

  /** On demand: adds the same generated fields the first pass added to this packet. */
  annotate(f: PacketFields, packet: number): void {
    this.visit(f, packet, false);
  }

  private visit(f: PacketFields, packet: number, assign: boolean): number {
    let outer = -1;
    for (let layer = f.first(this.l.proto); layer >= 0; layer = f.nexts[layer]!) {
      const sp = fieldIn(f, this.l.srcport, layer);
      const dp = fieldIn(f, this.l.dstport, layer);
      if (sp < 0 || dp < 0 || fieldIn(f, this.required, layer) < 0) continue;
      const src = this.endpoint(f, layer, true, f.vals[sp]!);
      const dst = this.endpoint(f, layer, false, f.vals[dp]!);
      if (src === null || dst === null) continue;
      const key = src < dst ? src + '|' + dst : dst + '|' + src;
      const s = assign ? this.assign(f, layer, key, src, packet) : this.lookup(key, packet);
      if (!s) continue;
      if (outer < 0) outer = s.id;
      const parent = f.parent;
      f.parent = layer;
      f.add(this.l.stream, 0, 0, s.id, GENERATED);
      if (this.tcp) this.relativeSeq(f, layer, s, src === s.aKey ? 0 : 1, assign);
      f.parent = parent;
    }
    return outer;
  }

  private endpoint(f: PacketFields, layer: number, source: boolean, port: number): string | null {
    const v4 = fieldBefore(f, source ? this.ipSrc : this.ipDst, layer);
    const v6 = fieldBefore(f, source ? this.ip6Src : this.ip6Dst, layer);
    if (v4 < 0 && v6 < 0) return null;
    if (v4 > v6) {
      const a = f.vals[v4]!;
      return String.fromCharCode(4, a >>> 16, a & 0xffff, port);
    }
    const b = f.bytes(v6);
    let k = String.fromCharCode(6);
    for (let i = 0; i + 1 < b.length; i += 2) k += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
    return k + String.fromCharCode(port);
  }

  private assign(f: PacketFields, layer: number, key: string, src: string, packet: number): Stream {
    const list = this.byKey.get(key);
    let s = list?.[list.length - 1];
    if (s && this.tcp && this.startsNewStream(f, layer, s, src)) s = undefined;
    if (!s) {
      s = { id: this.streams.length, firstPacket: packet, aKey: src, base: [-1, -1] };
      this.streams.push(s);
      if (list) list.push(s);
      else this.byKey.set(key, [s]);
    }
    return s;
  }

  /** A SYN without ACK whose sequence number differs from the known base starts a new stream (port reuse). */
  private startsNewStream(f: PacketFields, layer: number, s: Stream, src: string): boolean {
    const t = this.tcp!;
    const fl = fieldIn(f, t.flags, layer);
    const sq = fieldIn(f, t.seqRaw, layer);
    if (fl < 0 || sq < 0) return false;
    const flags = f.vals[fl]!;
    if ((flags & 0x12) !== 0x02) return false;
    const base = s.base[src === s.aKey ? 0 : 1];
    return base >= 0 && base !== f.vals[sq]!;
  }

  private lookup(key: string, packet: number): Stream | undefined {
    const list = this.byKey.get(key);
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.firstPacket <= packet) return list[i];
    return undefined;
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
    if (learn && s.base[dir] < 0) s.base[dir] = flags & 0x02 ? seq : (seq - 1) >>> 0;
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
      if (learn && s.base[other] < 0) s.base[other] = (ack - 1) >>> 0;
      f.add(t.ack, f.starts[ak]!, f.lens[ak]!, (ack - s.base[other]!) >>> 0, GENERATED);
    } else {
      // without the ACK flag the field means nothing: tshark shows it as it is (0 in a SYN)
      f.add(t.ack, f.starts[ak]!, f.lens[ak]!, ack);
    }
  }
}
