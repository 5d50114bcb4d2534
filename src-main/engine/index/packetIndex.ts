// The packet index: what the first pass keeps per packet, in typed-array columns (about
// 49 bytes a packet; the flow of each packet is the flow table's own per-packet record), so the list, sorting, coloring and flow views work on 10 million
// packets without holding their bytes. Packet bytes are re-read from the file by offset.

import type { FrameMeta } from '../dissect/context.js';
import { AddressTable } from './addressTable.js';
import { Column } from './growableColumns.js';

/** Per-packet marks for coloring rules and quick filters. */
export const MARK = {
  malformed: 1,
  badChecksum: 2,
  expertError: 4,
  expertWarning: 8,
  reassembled: 16,
  short: 32,
  /** capture direction from the file (pcapng epb_flags): bits 6-7 hold FrameMeta.direction */
  directionShift: 6,
  /** indexed by the lean path: an ordinary packet whose index columns say all there is (lean/indexRecord.ts) */
  lean: 256,
} as const;

export class PacketIndex {
  count = 0;
  readonly fileOffset = new Column(Float64Array, 1024);
  readonly tsSec = new Column(Uint32Array, 1024);
  readonly tsNsec = new Column(Uint32Array, 1024);
  readonly capLen = new Column(Uint32Array, 1024);
  readonly origLen = new Column(Uint32Array, 1024);
  readonly iface = new Column(Uint16Array, 1024);
  readonly proto = new Column(Uint16Array, 1024);
  readonly src = new Column(Uint32Array, 1024);
  readonly dst = new Column(Uint32Array, 1024);
  readonly srcPort = new Column(Uint16Array, 1024);
  readonly dstPort = new Column(Uint16Array, 1024);
  readonly stream = new Column(Int32Array, 1024);
  readonly tcpFlags = new Column(Uint16Array, 1024);
  readonly marks = new Column(Uint16Array, 1024);
  readonly l4 = new Column(Uint8Array, 1024);

  readonly addresses = new AddressTable();
  private readonly protoIds = new Map<string, number>();
  readonly protoNames: string[] = [];
  /** frame numbers of the fragments behind packets that completed a reassembly, by packet index */
  readonly reassembled = new Map<number, number[]>();

  private readonly columns = [
    this.fileOffset, this.tsSec, this.tsNsec, this.capLen, this.origLen, this.iface, this.proto, this.src, this.dst,
    this.srcPort, this.dstPort, this.stream, this.tcpFlags, this.marks, this.l4,
  ];

  /** Makes room for `n` packets at once, so columns need not double (and copy) their way there. */
  reserve(n: number): void {
    for (const c of this.columns) c.reserve(n);
  }

  /** Reserves room for one more packet and returns its index. */
  append(): number {
    const i = this.count;
    if (i >= this.fileOffset.capacity) for (const c of this.columns) c.ensure(i + 1);
    this.count = i + 1;
    return i;
  }

  /** Appends a packet with the columns its record gives (where, when, how long, which interface); returns its index. */
  appendFrame(meta: FrameMeta, fileOffset: number): number {
    const i = this.append();
    this.fileOffset.data[i] = fileOffset;
    this.tsSec.data[i] = meta.tsSec;
    this.tsNsec.data[i] = meta.tsNsec;
    this.capLen.data[i] = meta.capLen;
    this.origLen.data[i] = meta.origLen;
    this.iface.data[i] = meta.interfaceId;
    return i;
  }

  protocolId(name: string): number {
    let id = this.protoIds.get(name);
    if (id === undefined) {
      id = this.protoNames.length;
      this.protoNames.push(name);
      this.protoIds.set(name, id);
    }
    return id;
  }

  /** Bytes of index per packet (the typed arrays only, at the current capacity's element sizes). */
  bytesPerPacket(): number {
    let n = 0;
    for (const c of this.columns) n += c.bytesPerElement;
    return n;
  }

  /** Bytes currently allocated by the index columns. */
  allocatedBytes(): number {
    let n = 0;
    for (const c of this.columns) n += c.data.byteLength;
    return n;
  }
}
