// The conntrack-style flow table: finds or opens the flow of each packet (by tuple, both
// directions), runs the protocol's tracker, accounts packets and IP bytes per direction,
// expires flows by capture time (a later packet with the same tuple opens a new flow),
// relates ICMP errors to the flow they quote, and reports conntrack -E style events.
// It also remembers, per packet, the flow and the state after the packet (6 bytes a packet).

import { Column } from '../index/growableColumns.js';
import { ExpiryHeap } from './expiryHeap.js';
import { flowKey, icmpProto, isIcmpRequest } from './flowKey.js';
import { Flow, ORIGINAL, PW, REASON, REPLY, type FlowEvent, type FlowEventType, type FlowPacket, type PacketTuple } from './flowTypes.js';
import { droppedBeforeConfirmation } from './nextHopDrops.js';
import { TcpOutcome, VERDICT, tcpOpeningState, tcpPacket, tcpStart } from './tcpConntrack.js';
import { DEFAULT_TIMEOUTS, type ConntrackTimeouts } from './tcpStates.js';
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

export class FlowTable {
  readonly flows: Flow[] = [];
  /** capture time of the latest packet (the table's clock; never runs backwards) */
  now = -Infinity;
  private readonly byKey = new Map<string, Flow>();
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

  constructor(opts: FlowTableOptions = {}) {
    this.to = opts.timeouts ?? DEFAULT_TIMEOUTS;
    this.loose = opts.tcpLoose ?? true;
    this.nextHopDrops = opts.nextHopDrops ?? true;
    this.onEvent = opts.onEvent;
  }

  get packetCount(): number {
    return this.packets;
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
    while (heap.peekTime() <= now) {
      const at = heap.peekTime();
      const f = this.flows[heap.pop()]!;
      if (f.dead || f.heapTime !== at) continue;
      if (f.expires > now) {
        f.heapTime = f.expires;
        heap.push(f.expires, f.id);
      } else {
        f.heapTime = Infinity;
        this.destroy(f, f.expires);
      }
    }
  }

  /** Flows alive at `time` (no later packets considered): not destroyed and not timed out. */
  aliveAt(time: number): Flow[] {
    return this.flows.filter((f) => !f.dead && f.expires > time && f.firstTime <= time);
  }

  /** Records a packet the table does not look at (after a `--at` cut-off). */
  skip(packet: number): void {
    this.reserve(packet);
    this.packetFlow.data[packet] = -1;
    this.packetWord.data[packet] = 0;
  }

  private reserve(i: number): void {
    if (i >= this.packetFlow.capacity) {
      this.packetFlow.ensure(i + 1);
      this.packetWord.ensure(i + 1);
    }
    if (i + 1 > this.packets) this.packets = i + 1;
  }

  /**
   * Runs one packet (packets must come in capture order, `p.packet` counting up from 0).
   * `tupleKey`, when the caller has it, is flowKey(p) already computed.
   */
  process(p: FlowPacket, tupleKey?: string): void {
    const i = p.packet;
    this.reserve(i);
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
    const key = tupleKey ?? flowKey(p);
    if (!key) {
      this.mark(i, -1, REASON.NOT_TRACKED);
      return;
    }
    let f = this.byKey.get(key);
    if (f && (f.dead || f.expires <= this.now)) f = undefined;
    if (!f) {
      this.open(p, key);
      return;
    }
    this.run(f, this.directionOf(f, p), p, false);
  }

  /** Direction of a packet whose key (just built by flowKey) found flow `f`. */
  private directionOf(f: Flow, t: PacketTuple): number {
    if (t.samePair) return ORIGINAL;
    return t.srcFirst === f.origFirst ? ORIGINAL : REPLY;
  }

  /** Opens a flow with this packet when the protocol lets it. */
  private open(p: FlowPacket, key: string): void {
    if (p.proto === 6 && tcpOpeningState(p.tcpFlags, this.loose) < 0) {
      this.untracked(p, REASON.CANNOT_START);
      return;
    }
    if (p.proto === icmpProto(p.l3) && !isIcmpRequest(p.l3, p.icmpType)) {
      this.mark(p.packet, -1, REASON.CANNOT_START);
      return;
    }
    const f = new Flow(
      this.flows.length,
      key,
      p.l3,
      p.proto,
      p.src,
      p.dst,
      p.sport,
      p.dport,
      p.icmpType,
      p.icmpCode,
      p.icmpId,
      p.time,
      p.packet,
    );
    f.origFirst = p.srcFirst;
    this.flows.push(f);
    this.byKey.set(key, f);
    if (f.tcp) tcpStart(f.tcp, p);
    if (p.proto === 17) f.udpStreamAfter = this.now + 2;
    this.run(f, ORIGINAL, p, true);
  }

  /** A packet the kernel drops before lookup: still attributed to its flow when there is one. */
  private untracked(p: FlowPacket, reason: number): void {
    let flow = -1;
    if (p.l3 && p.proto >= 0) {
      const key = flowKey(p);
      const f = key ? this.byKey.get(key) : undefined;
      if (f && !f.dead && f.expires > this.now) {
        flow = f.id;
        const dir = this.directionOf(f, p);
        this.zeek(f, dir, p);
      }
    }
    this.mark(p.packet, flow, reason);
  }

  private related(p: FlowPacket): void {
    const q = p.quoted;
    const key = q.l3 ? flowKey(q) : '';
    const f = key ? this.byKey.get(key) : undefined;
    if (!f || f.dead || f.expires <= this.now) {
      this.mark(p.packet, -1, REASON.RELATED_UNKNOWN);
      return;
    }
    this.mark(p.packet, f.id, REASON.RELATED);
    if (
      this.nextHopDrops &&
      !f.seenReply &&
      f.origPackets === 1 &&
      f.replyPackets === 0 &&
      p.time - f.firstTime <= 1 &&
      droppedBeforeConfirmation(p)
    ) {
      this.unconfirm(f);
    }
  }

  /** The next hop dropped the flow's only packet before the kernel confirmed the entry. */
  private unconfirm(f: Flow): void {
    f.confirmed = false;
    f.dead = true;
    f.retire();
    f.endTime = f.firstTime;
    if (this.byKey.get(f.key) === f) this.byKey.delete(f.key);
    this.packetWord.data[f.firstPacket] = REASON.DROPPED_UNCONFIRMED << PW.reasonShift;
  }

  private run(f: Flow, dir: number, p: FlowPacket, isNew: boolean): void {
    const wasUnreplied = !f.seenReply;
    let changed = false;
    let counted = true;
    let accepted = true;
    let reason = 0;
    if (f.proto === 6) {
      const out = this.tcpOut;
      tcpPacket(f.tcp!, dir, p, f.seenReply, f.assured, this.to, out);
      if (out.verdict === VERDICT.REPEAT) {
        this.destroy(f, this.now);
        this.open(p, f.key);
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
          this.mark(p.packet, f.id, 0, this.word(f, dir, true));
          this.destroy(f, this.now);
          return;
        }
        this.refresh(f, out.timeout);
        if (out.assure) {
          f.assured = true;
          changed = true;
        }
        if (out.stateChanged) changed = true;
      }
    } else {
      this.account(f, dir, p);
      this.zeek(f, dir, p);
      if (f.proto === 17) {
        if (f.seenReply) {
          const stream = this.now > f.udpStreamAfter;
          this.refresh(f, stream ? this.to.udpStream : this.to.udp);
          if (stream && !f.assured) {
            f.assured = true;
            changed = true;
          }
        } else {
          this.refresh(f, this.to.udp);
        }
      } else if (f.proto === icmpProto(f.l3)) {
        this.refresh(f, f.l3 === 6 ? this.to.icmpv6 : this.to.icmp);
      } else {
        this.refresh(f, this.to.generic);
      }
    }
    if (accepted && dir === REPLY && wasUnreplied) {
      f.seenReply = true;
      changed = true;
    }
    this.mark(p.packet, f.id, reason, this.word(f, dir, counted));
    if (isNew) this.emit('NEW', f, this.now);
    else if (changed) this.emit('UPDATE', f, this.now);
  }

  private zeek(f: Flow, dir: number, p: FlowPacket): void {
    const z = f.zeek;
    const isOrig = dir === ORIGINAL;
    if (p.proto === 6) z.tcp(isOrig, p.time, p.l3Bytes, p.tcpFlags, p.seq, p.payload, p.win, p.checksumBad);
    else if (p.proto === 17) z.udp(isOrig, p.time, p.l3Bytes, p.payload, p.checksumBad);
    else z.other(isOrig, p.time, p.l3Bytes, p.payload);
  }

  private word(f: Flow, dir: number, counted: boolean): number {
    return (
      (f.tcpState & PW.stateMask) |
      (f.assured ? PW.assured : 0) |
      (f.seenReply ? 0 : PW.unreplied) |
      (dir === REPLY ? PW.reply : 0) |
      (counted ? PW.counted : 0)
    );
  }

  private mark(packet: number, flow: number, reason: number, word = 0): void {
    this.packetFlow.data[packet] = flow;
    this.packetWord.data[packet] = word | (reason << PW.reasonShift);
  }

  private account(f: Flow, dir: number, p: FlowPacket): void {
    if (dir === ORIGINAL) {
      f.origPackets++;
      f.origBytes += p.l3Bytes;
      f.origFrameBytes += p.frameBytes;
    } else {
      f.replyPackets++;
      f.replyBytes += p.l3Bytes;
      f.replyFrameBytes += p.frameBytes;
    }
    f.lastTime = p.time;
    f.lastPacket = p.packet;
  }

  private refresh(f: Flow, timeout: number): void {
    f.timeout = timeout;
    f.expires = this.now + timeout;
    if (f.expires < f.heapTime) {
      f.heapTime = f.expires;
      this.heap.push(f.expires, f.id);
    }
  }

  private destroy(f: Flow, time: number): void {
    if (f.dead) return;
    f.dead = true;
    f.endTime = time;
    if (this.byKey.get(f.key) === f) this.byKey.delete(f.key);
    this.emit('DESTROY', f, time);
    f.retire();
  }

  private emit(type: FlowEventType, f: Flow, time: number): void {
    if (!this.onEvent) return;
    // timeouts run in jiffies from the refreshing packet: within the same tick, still all of it
    const left = time - (f.expires - f.timeout) < JIFFY ? f.timeout : secondsLeft(time, f.expires);
    this.onEvent({
      type,
      time,
      flow: f,
      tcpState: f.tcpState,
      timeout: type !== 'DESTROY' || left > 0 ? left : -1,
      assured: f.assured,
      unreplied: !f.seenReply,
      counters: type === 'DESTROY' ? [f.origPackets, f.origBytes, f.replyPackets, f.replyBytes] : null,
    });
  }
}
