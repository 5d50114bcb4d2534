// The flow table's records, one fixed-size row of numbers per flow id in one flat
// Float64Array: a capture with hundreds of thousands of flows keeps them where the garbage
// collector never looks, instead of a dozen small objects per flow, and a packet touches
// its flow's row in two cache lines (the fields a packet updates come first). Only flows
// still alive hold objects (their TCP tracker and Zeek tracking state, recycled when the
// flow goes); when a flow goes, its Zeek summary is frozen into a second, cold table.

import { TcpTrack } from './tcpTrack.js';
import { ZeekConn } from './zeekConn.js';
import { TrackerList, type PackedTrackers } from './trackerPacking.js';
import { StringColumn, type PackedStrings } from '../index/stringColumn.js';

/** Field offsets in a flow's row. */
export const FR = {
  /** FLOW_FLAG bits */
  FLAGS: 0,
  TCP_STATE: 1,
  PROTO: 2,
  L3: 3,
  LAST_TIME: 4,
  LAST_PACKET: 5,
  /** capture time at which the flow times out */
  EXPIRES: 6,
  /** timeout (seconds) set by the last packet that refreshed the flow */
  TIMEOUT: 7,
  /** time of the flow's authoritative entry in the expiry heap */
  HEAP_TIME: 8,
  /** UDP: the time after which a replied flow counts as a stream (ASSURED, long timeout) */
  UDP_STREAM_AFTER: 9,
  /** conntrack accounting per direction: packets and IP bytes, plus frame bytes for conversation tables */
  ORIG_PACKETS: 10,
  ORIG_BYTES: 11,
  ORIG_FRAME_BYTES: 12,
  /** the same three for the reply direction, in the same order (accounting relies on it) */
  REPLY_PACKETS: 13,
  REPLY_BYTES: 14,
  REPLY_FRAME_BYTES: 15,
  FIRST_TIME: 16,
  FIRST_PACKET: 17,
  /** capture time at which the flow was destroyed (Infinity while it is not) */
  END_TIME: 18,
  SPORT: 19,
  DPORT: 20,
  /** ICMP type of the original direction, -1 for other protocols */
  ICMP_TYPE: 21,
  ICMP_CODE: 22,
  ICMP_ID: 23,
} as const;
export const FLOW_STRIDE = 24;

/** Bits of the FLAGS field. */
export const FLOW_FLAG = {
  seenReply: 1,
  assured: 2,
  /** cleared when the next hop dropped the only packet before the kernel confirmed the entry */
  confirmed: 4,
  /** destroyed (timed out, killed by RST, replaced by a reopening SYN or never confirmed) */
  dead: 8,
  /** the original source endpoint sorts first in the key (direction of later packets) */
  origFirst: 16,
} as const;

/** Field offsets in a gone flow's frozen Zeek summary; per-side fields at +0 (orig) and +1 (resp). */
export const ZR = { CONN_STATE: 0, LAST_TIME: 1, PACKETS: 2, IP_BYTES: 4, BYTES: 6 } as const;
const ZEEK_STRIDE = 8;

/** conn.log's conn_state values, by the code kept in the frozen summary. */
export const CONN_STATES = ['OTH', 'S0', 'S1', 'SF', 'REJ', 'S2', 'S3', 'RSTO', 'RSTR', 'RSTOS0', 'RSTRH', 'SH', 'SHR'] as const;
const CONN_STATE_CODE = new Map<string, number>(CONN_STATES.map((s, i) => [s, i]));

export class FlowColumns {
  count = 0;
  /** rows of FLOW_STRIDE numbers; replaced when it grows (only when a flow is added) */
  rec: Float64Array<ArrayBuffer> = new Float64Array(1024 * FLOW_STRIDE);
  /** frozen Zeek summaries of gone flows, ZEEK_STRIDE numbers a flow */
  zrec: Float64Array<ArrayBuffer> = new Float64Array(1024 * ZEEK_STRIDE);
  /** the table key (flowKey.ts), which also holds the tuple's addresses */
  readonly keys = new StringColumn();
  /** live flows only: TCP tracker and Zeek state */
  readonly tcp = new TrackerList(() => new TcpTrack());
  readonly zeek = new TrackerList(() => new ZeekConn());
  /** gone flows only: Zeek's history letters as the flow ended */
  readonly zHistory = new StringColumn();

  /** Adds a row for a new flow and returns its id; fields not set here start at zero. */
  add(key: string, l3: number, proto: number, time: number, packet: number): number {
    const id = this.count++;
    if ((id + 1) * FLOW_STRIDE > this.rec.length) {
      this.rec = grown(this.rec);
      this.zrec = grown(this.zrec);
    }
    const r = this.rec;
    const o = id * FLOW_STRIDE;
    r[o + FR.FLAGS] = FLOW_FLAG.confirmed;
    r[o + FR.L3] = l3;
    r[o + FR.PROTO] = proto;
    r[o + FR.FIRST_TIME] = time;
    r[o + FR.LAST_TIME] = time;
    r[o + FR.FIRST_PACKET] = packet;
    r[o + FR.LAST_PACKET] = packet;
    r[o + FR.HEAP_TIME] = Infinity;
    r[o + FR.END_TIME] = Infinity;
    this.keys.push(key);
    this.tcp.push();
    this.zeek.push();
    this.zHistory.push('');
    return id;
  }

  get(id: number, field: number): number {
    return this.rec[id * FLOW_STRIDE + field]!;
  }

  put(id: number, field: number, v: number): void {
    this.rec[id * FLOW_STRIDE + field] = v;
  }

  has(id: number, flag: number): boolean {
    return (this.rec[id * FLOW_STRIDE]! & flag) !== 0;
  }

  set(id: number, flag: number, on: boolean): void {
    const o = id * FLOW_STRIDE;
    const v = this.rec[o]!;
    this.rec[o] = on ? v | flag : v & ~flag;
  }

  /** Keeps what is shown of a gone flow's Zeek state and lets its tracker objects go. */
  freeze(id: number, z: ZeekConn): void {
    const proto = this.get(id, FR.PROTO);
    const zr = this.zrec;
    const o = id * ZEEK_STRIDE;
    this.zHistory.set(id, z.history);
    zr[o + ZR.CONN_STATE] = CONN_STATE_CODE.get(z.connState(proto)) ?? 0;
    zr[o + ZR.LAST_TIME] = z.lastTime;
    zr[o + ZR.PACKETS] = z.orig.packets;
    zr[o + ZR.PACKETS + 1] = z.resp.packets;
    zr[o + ZR.IP_BYTES] = z.orig.ipBytes;
    zr[o + ZR.IP_BYTES + 1] = z.resp.ipBytes;
    zr[o + ZR.BYTES] = z.bytes(true, proto);
    zr[o + ZR.BYTES + 1] = z.bytes(false, proto);
    this.tcp.set(id, undefined);
    this.zeek.set(id, undefined);
  }

  /** Everything the columns hold, as data another thread can take over (adopt); the arrays are transferable. */
  state(): FlowColumnsState {
    return {
      count: this.count,
      rec: this.rec,
      zrec: this.zrec,
      keys: this.keys.pack(),
      tcp: this.tcp.pack(),
      zeek: this.zeek.pack(),
      zHistory: this.zHistory.pack(),
    };
  }

  /** Takes over the state() of columns built elsewhere, making its trackers live objects again. */
  adopt(s: FlowColumnsState): void {
    this.count = s.count;
    this.rec = s.rec;
    this.zrec = s.zrec;
    this.keys.adopt(s.keys);
    this.zHistory.adopt(s.zHistory);
    this.tcp.adopt(s.tcp, s.count);
    this.zeek.adopt(s.zeek, s.count);
  }

  /** A field of a gone flow's frozen Zeek summary. */
  frozen(id: number, field: number): number {
    return this.zrec[id * ZEEK_STRIDE + field]!;
  }
}

export interface FlowColumnsState {
  count: number;
  rec: Float64Array<ArrayBuffer>;
  zrec: Float64Array<ArrayBuffer>;
  keys: PackedStrings;
  tcp: PackedTrackers;
  zeek: PackedTrackers;
  zHistory: PackedStrings;
}

function grown(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const next = new Float64Array(a.length * 2);
  next.set(a);
  return next;
}
