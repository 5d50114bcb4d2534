// The conntrack-style flow table: finds or opens the flow of each packet (by tuple, both
// directions), runs the protocol's tracker, accounts packets and IP bytes per direction,
// expires flows by capture time (a later packet with the same tuple opens a new flow),
// relates ICMP errors to the flow they quote, and reports conntrack -E style events.
// It also remembers, per packet, the flow and the state after the packet (6 bytes a packet).
// Flows are rows of typed-array columns (flowColumns.ts); `flows` hands out views of them.

import { Column } from '../index/growableColumns.js';
import { ExpiryHeap } from './expiryHeap.js';
import { flowKey, icmpProto, isIcmpRequest, orderEndpoints } from './flowKey.js';
import { FLOW_FLAG, FLOW_STRIDE, FR, FlowColumns, type FlowColumnsState } from './flowColumns.js';
import { Flow, ORIGINAL, PW, REASON, REPLY, type FlowEvent, type FlowEventType, type FlowPacket, type FlowSlot, type PacketTuple } from './flowTypes.js';
import { droppedBeforeConfirmation } from './nextHopDrops.js';
import { TcpOutcome, VERDICT, tcpOpeningState, tcpPacket, tcpStart } from './tcpConntrack.js';
import { DEFAULT_TIMEOUTS, type ConntrackTimeouts } from './tcpStates.js';
import { TcpTrack } from './tcpTrack.js';
import { ZeekConn } from './zeekConn.js';
import { JIFFY, secondsLeft } from './conntrackText.js';

export interface FlowTableOptions {
  timeouts?: ConntrackTimeouts;
  /** pick up TCP connections mid-stream (net.netfilter.nf_conntrack_tcp_loose, default on) */
  tcpLoose?: boolean;
  /**
   * The capture is taken in front of the conntrack host's input (on its interface or the
   * wire next to it): when that next hop answers a flow's only packet with an error it
   * raises before confirming entries (TTL exceeded, fragmentation needed, a firewall
   * reject, no route), the kernel never kept the entry, so neither does the table.
   */
  nextHopDrops?: boolean;
  onEvent?: (e: FlowEvent) => void;
}

export interface FlowTableState {
  now: number;
  packets: number;
  startsInOrder: boolean;
  /** the flows the key map points at (each under its own key) */
  keyed: Int32Array<ArrayBuffer>;
  heap: { times: Float64Array<ArrayBuffer>; ids: Int32Array<ArrayBuffer> };
  packetFlow: Int32Array<ArrayBuffer>;
  packetWord: Uint16Array<ArrayBuffer>;
  cols: FlowColumnsState;
}

export class FlowTable {
  readonly cols = new FlowColumns();
  /** capture time of the latest packet (the table's clock; never runs backwards) */
  now = -Infinity;
  /** tuple key → id of the flow that holds it now */
  private readonly byKey = new Map<string, number>();
  private readonly heap = new ExpiryHeap();
  private readonly packetFlow = new Column(Int32Array, 1024);
  private readonly packetWord = new Column(Uint16Array, 1024);
  private packets = 0;
  private readonly to: ConntrackTimeouts;
  private readonly loose: boolean;
  private readonly nextHopDrops: boolean;
  /** receives NEW / UPDATE / DESTROY events (a NEW whose flow ends up unconfirmed should be dropped) */
  onEvent: ((e: FlowEvent) => void) | undefined;
  private readonly tcpOut = new TcpOutcome();
  /** trackers of gone flows, for the next flows to reuse */
  private readonly spareTcp: TcpTrack[] = [];
  private readonly spareZeek: ZeekConn[] = [];
  private readonly views: Flow[] = [];
  /** every flow started no earlier than the one before it (capture timestamps in order) */
  startsInOrder = true;

  constructor(opts: FlowTableOptions = {}) {
    this.to = opts.timeouts ?? DEFAULT_TIMEOUTS;
    this.loose = opts.tcpLoose ?? true;
    this.nextHopDrops = opts.nextHopDrops ?? true;
    this.onEvent = opts.onEvent;
  }

  get packetCount(): number {
    return this.packets;
  }

  /**
   * Everything the table holds after the packets so far, as structured-cloneable data
   * (transfer the typed arrays' buffers), for a table in another thread to adopt.
   */
  state(): FlowTableState {
    return {
      now: this.now,
      packets: this.packets,
      startsInOrder: this.startsInOrder,
      keyed: Int32Array.from(this.byKey.values()),
      heap: this.heap.entries(),
      packetFlow: this.packetFlow.data,
      packetWord: this.packetWord.data,
      cols: this.cols.state(),
    };
  }

  /** Takes over the state() of a table built elsewhere with the same options (this one must be new). */
  adopt(s: FlowTableState): void {
    if (this.packets > 0 || this.cols.count > 0) throw new Error('a flow table can only adopt state when empty');
    this.now = s.now;
    this.packets = s.packets;
    this.startsInOrder = s.startsInOrder;
    this.heap.adopt(s.heap);
    this.packetFlow.adopt(s.packetFlow);
    this.packetWord.adopt(s.packetWord);
    this.cols.adopt(s.cols);
    for (const f of s.keyed) this.byKey.set(this.cols.keys.get(f), f);
  }

  /** Every flow so far, by id (views made on first use). */
  get flows(): readonly Flow[] {
    const v = this.views;
    while (v.length < this.cols.count) v.push(new Flow(this.cols, v.length));
    return v;
  }

  /** The flow a packet belongs to (0-based packet index), or -1. */
  flowOf(packet: number): number {
    return packet < this.packets ? this.packetFlow.data[packet]! : -1;
  }

  /** The per-packet word (PW.*): state after the packet, flags, direction, reason. */
  wordOf(packet: number): number {
    return packet < this.packets ? this.packetWord.data[packet]! : 0;
  }

  /** Destroys every flow whose timeout passed at or before `time` (DESTROY at its expiry time). */
  expireUntil(time: number): void {
    if (time > this.now) this.now = time;
    const now = this.now;
    const heap = this.heap;
    const c = this.cols;
    while (heap.due(now)) {
      const f = heap.pop();
      const r = c.rec;
      const o = f * FLOW_STRIDE;
      if (c.has(f, FLOW_FLAG.dead) || r[o + FR.HEAP_TIME] !== heap.poppedTime) continue;
      const expires = r[o + FR.EXPIRES]!;
      if (expires > now) {
        c.put(f, FR.HEAP_TIME, expires);
        heap.push(expires, f);
      } else {
        c.put(f, FR.HEAP_TIME, Infinity);
        this.destroy(f, expires);
      }
    }
  }

  /** Flows alive at `time` (no later packets considered): not destroyed and not timed out. */
  aliveAt(time: number): Flow[] {
    return this.flows.filter((f) => !f.dead && f.expires > time && f.firstTime <= time);
  }

  /** Records a packet the table does not look at (after a `--at` cut-off). */
  skip(packet: number): void {
    this.room(packet);
    this.packetFlow.data[packet] = -1;
    this.packetWord.data[packet] = 0;
  }

  /** Makes room for the records of `packets` packets at once. */
  reserve(packets: number): void {
    this.packetFlow.reserve(packets);
    this.packetWord.reserve(packets);
  }

  private room(i: number): void {
    if (i >= this.packetFlow.capacity) {
      this.packetFlow.ensure(i + 1);
      this.packetWord.ensure(i + 1);
    }
    if (i + 1 > this.packets) this.packets = i + 1;
  }

  /**
   * Runs one packet (packets must come in capture order, `p.packet` counting up from 0).
   * `slot`, when the caller has one, is the place where the flow of this packet's TCP/UDP
   * conversation is noted (one tuple key per slot).
   */
  process(p: FlowPacket, slot?: FlowSlot | null): void {
    const i = p.packet;
    this.room(i);
    this.expireUntil(p.time);
    this.packetFlow.data[i] = -1;
    this.packetWord.data[i] = 0;
    if (p.reason) {
      this.untracked(p, p.reason);
      return;
    }
    if (p.isError) {
      this.related(p);
      return;
    }
    // a key has at most one live flow, so a noted flow that is still alive is the key's
    let f = slot && slot.ctFlow >= 0 && this.alive(slot.ctFlow) ? slot.ctFlow : -1;
    if (f >= 0) {
      // the direction, without building the key
      orderEndpoints(p);
      this.run(f, this.directionOf(f, p), p, false);
      return;
    }
    const key = flowKey(p);
    if (!key) {
      this.mark(i, -1, REASON.NOT_TRACKED);
      return;
    }
    f = this.live(key);
    if (f < 0) f = this.open(p, key);
    else this.run(f, this.directionOf(f, p), p, false);
    if (slot) slot.ctFlow = f;
  }

  /** The flow that holds a key now, or -1 (none, or it timed out and awaits its DESTROY). */
  private live(key: string): number {
    const f = this.byKey.get(key);
    return f !== undefined && this.alive(f) ? f : -1;
  }

  private alive(f: number): boolean {
    const c = this.cols;
    // read in place: asked for nearly every packet, and get() not inlined here hands out a boxed time
    return !c.has(f, FLOW_FLAG.dead) && c.rec[f * FLOW_STRIDE + FR.EXPIRES]! > this.now;
  }

  /** Direction of a packet found to belong to flow `f` (its endpoint order noted by flowKey or orderEndpoints). */
  private directionOf(f: number, t: PacketTuple): number {
    if (t.samePair) return ORIGINAL;
    return t.srcFirst === this.cols.has(f, FLOW_FLAG.origFirst) ? ORIGINAL : REPLY;
  }

  /** Opens a flow with this packet when the protocol lets it; returns its id or -1. */
  private open(p: FlowPacket, key: string): number {
    if (p.proto === 6 && tcpOpeningState(p.tcpFlags, this.loose) < 0) {
      this.untracked(p, REASON.CANNOT_START);
      return -1;
    }
    if (p.proto === icmpProto(p.l3) && !isIcmpRequest(p.l3, p.icmpType)) {
      this.mark(p.packet, -1, REASON.CANNOT_START);
      return -1;
    }
    const c = this.cols;
    if (c.count > 0 && p.time < c.get(c.count - 1, FR.FIRST_TIME)) this.startsInOrder = false;
    const f = c.add(key, p.l3, p.proto, p.time, p.packet);
    const r = c.rec;
    const o = f * FLOW_STRIDE;
    r[o + FR.SPORT] = p.sport;
    r[o + FR.DPORT] = p.dport;
    r[o + FR.ICMP_TYPE] = p.icmpType;
    r[o + FR.ICMP_CODE] = p.icmpCode;
    r[o + FR.ICMP_ID] = p.icmpId;
    c.set(f, FLOW_FLAG.origFirst, p.srcFirst);
    this.byKey.set(key, f);
    const z = this.spareZeek.pop() ?? new ZeekConn();
    z.reset();
    c.zeek.set(f, z);
    if (p.proto === 6) {
      const t = this.spareTcp.pop() ?? new TcpTrack();
      t.reset();
      c.tcp.set(f, t);
      tcpStart(t, p);
    }
    if (p.proto === 17) r[o + FR.UDP_STREAM_AFTER] = this.now + 2;
    this.run(f, ORIGINAL, p, true);
    return f;
  }

  /** A packet the kernel drops before lookup: still attributed to its flow when there is one. */
  private untracked(p: FlowPacket, reason: number): void {
    let flow = -1;
    if (p.l3 && p.proto >= 0) {
      const key = flowKey(p);
      flow = key ? this.live(key) : -1;
      if (flow >= 0) this.zeek(flow, this.directionOf(flow, p), p);
    }
    this.mark(p.packet, flow, reason);
  }

  private related(p: FlowPacket): void {
    const q = p.quoted;
    const key = q.l3 ? flowKey(q) : '';
    const f = key ? this.live(key) : -1;
    if (f < 0) {
      this.mark(p.packet, -1, REASON.RELATED_UNKNOWN);
      return;
    }
    this.mark(p.packet, f, REASON.RELATED);
    const c = this.cols;
    if (
      this.nextHopDrops &&
      !c.has(f, FLOW_FLAG.seenReply) &&
      c.get(f, FR.ORIG_PACKETS) === 1 &&
      c.get(f, FR.REPLY_PACKETS) === 0 &&
      p.time - c.get(f, FR.FIRST_TIME) <= 1 &&
      droppedBeforeConfirmation(p)
    ) {
      this.unconfirm(f);
    }
  }

  /** The next hop dropped the flow's only packet before the kernel confirmed the entry. */
  private unconfirm(f: number): void {
    const c = this.cols;
    c.set(f, FLOW_FLAG.confirmed, false);
    c.set(f, FLOW_FLAG.dead, true);
    c.put(f, FR.END_TIME, c.get(f, FR.FIRST_TIME));
    this.retire(f);
    this.packetWord.data[c.get(f, FR.FIRST_PACKET)] = REASON.DROPPED_UNCONFIRMED << PW.reasonShift;
  }

  private run(f: number, dir: number, p: FlowPacket, isNew: boolean): void {
    const c = this.cols;
    const wasUnreplied = !c.has(f, FLOW_FLAG.seenReply);
    let changed = false;
    let counted = true;
    let accepted = true;
    let reason = 0;
    if (p.proto === 6) {
      const out = this.tcpOut;
      const t = c.tcp.get(f)!;
      tcpPacket(t, dir, p, !wasUnreplied, c.has(f, FLOW_FLAG.assured), this.to, out);
      c.put(f, FR.TCP_STATE, t.state);
      if (out.verdict === VERDICT.REPEAT) {
        this.destroy(f, this.now);
        this.open(p, c.keys.get(f));
        return;
      }
      this.zeek(f, dir, p);
      if (out.verdict === VERDICT.SKIP) {
        counted = false;
        accepted = out.accepted;
        reason = out.reason;
      } else {
        this.account(f, dir, p);
        if (out.verdict === VERDICT.KILL) {
          this.mark(p.packet, f, 0, this.word(f, dir, true));
          this.destroy(f, this.now);
          return;
        }
        this.refresh(f, out.timeout);
        if (out.assure) {
          c.set(f, FLOW_FLAG.assured, true);
          changed = true;
        }
        if (out.stateChanged) changed = true;
      }
    } else {
      this.account(f, dir, p);
      this.zeek(f, dir, p);
      if (p.proto === 17) {
        if (!wasUnreplied) {
          const stream = this.now > c.rec[f * FLOW_STRIDE + FR.UDP_STREAM_AFTER]!;
          this.refresh(f, stream ? this.to.udpStream : this.to.udp);
          if (stream && !c.has(f, FLOW_FLAG.assured)) {
            c.set(f, FLOW_FLAG.assured, true);
            changed = true;
          }
        } else {
          this.refresh(f, this.to.udp);
        }
      } else if (p.proto === icmpProto(p.l3)) {
        this.refresh(f, p.l3 === 6 ? this.to.icmpv6 : this.to.icmp);
      } else {
        this.refresh(f, this.to.generic);
      }
    }
    if (accepted && dir === REPLY && wasUnreplied) {
      c.set(f, FLOW_FLAG.seenReply, true);
      changed = true;
    }
    this.mark(p.packet, f, reason, this.word(f, dir, counted));
    if (isNew) this.emit('NEW', f, this.now);
    else if (changed) this.emit('UPDATE', f, this.now);
  }

  private zeek(f: number, dir: number, p: FlowPacket): void {
    const z = this.cols.zeek.get(f)!;
    const isOrig = dir === ORIGINAL;
    if (p.proto === 6) z.tcp(isOrig, p.time, p.l3Bytes, p.tcpFlags, p.seq, p.payload, p.win, p.checksumBad);
    else if (p.proto === 17) z.udp(isOrig, p.time, p.l3Bytes, p.payload, p.checksumBad);
    else z.other(isOrig, p.time, p.l3Bytes, p.payload);
  }

  private word(f: number, dir: number, counted: boolean): number {
    const c = this.cols;
    const flags = c.get(f, FR.FLAGS);
    return (
      (c.get(f, FR.TCP_STATE) & PW.stateMask) |
      (flags & FLOW_FLAG.assured ? PW.assured : 0) |
      (flags & FLOW_FLAG.seenReply ? 0 : PW.unreplied) |
      (dir === REPLY ? PW.reply : 0) |
      (counted ? PW.counted : 0)
    );
  }

  private mark(packet: number, flow: number, reason: number, word = 0): void {
    this.packetFlow.data[packet] = flow;
    this.packetWord.data[packet] = word | (reason << PW.reasonShift);
  }

  private account(f: number, dir: number, p: FlowPacket): void {
    const r = this.cols.rec;
    // the reply counters sit 3 fields after the original ones
    const base = f * FLOW_STRIDE;
    const o = base + (dir === ORIGINAL ? 0 : 3);
    r[o + FR.ORIG_PACKETS]++;
    r[o + FR.ORIG_BYTES] += p.l3Bytes;
    r[o + FR.ORIG_FRAME_BYTES] += p.frameBytes;
    r[base + FR.LAST_TIME] = p.time;
    r[base + FR.LAST_PACKET] = p.packet;
  }

  private refresh(f: number, timeout: number): void {
    // the record read in place, as in account(): times handed out of get() are boxed where it is not inlined
    const r = this.cols.rec;
    const o = f * FLOW_STRIDE;
    const expires = this.now + timeout;
    r[o + FR.TIMEOUT] = timeout;
    r[o + FR.EXPIRES] = expires;
    if (expires < r[o + FR.HEAP_TIME]!) {
      r[o + FR.HEAP_TIME] = expires;
      this.heap.push(expires, f);
    }
  }

  private destroy(f: number, time: number): void {
    const c = this.cols;
    if (c.has(f, FLOW_FLAG.dead)) return;
    c.set(f, FLOW_FLAG.dead, true);
    c.put(f, FR.END_TIME, time);
    this.emit('DESTROY', f, time);
    this.retire(f);
  }

  /** A flow is gone: its key is free, its Zeek summary frozen and its trackers recycled. */
  private retire(f: number): void {
    const c = this.cols;
    const key = c.keys.get(f);
    if (this.byKey.get(key) === f) this.byKey.delete(key);
    const t = c.tcp.get(f);
    if (t) this.spareTcp.push(t);
    const z = c.zeek.get(f)!;
    c.freeze(f, z);
    this.spareZeek.push(z);
  }

  private emit(type: FlowEventType, f: number, time: number): void {
    if (!this.onEvent) return;
    const c = this.cols;
    const expires = c.get(f, FR.EXPIRES);
    const timeout = c.get(f, FR.TIMEOUT);
    // timeouts run in jiffies from the refreshing packet: within the same tick, still all of it
    const left = time - (expires - timeout) < JIFFY ? timeout : secondsLeft(time, expires);
    const flow = this.flows[f]!;
    this.onEvent({
      type,
      time,
      flow,
      tcpState: c.get(f, FR.TCP_STATE),
      timeout: type !== 'DESTROY' || left > 0 ? left : -1,
      assured: c.has(f, FLOW_FLAG.assured),
      unreplied: !c.has(f, FLOW_FLAG.seenReply),
      counters: type === 'DESTROY' ? [flow.origPackets, flow.origBytes, flow.replyPackets, flow.replyBytes] : null,
    });
  }
}
