// Hand-built packets for the flow-table tests: a client 192.0.2.10 and a server
// 198.51.100.20 (or their IPv6 twins) exchanging TCP segments whose sequence and
// acknowledgement numbers follow what each side has sent, UDP datagrams, ICMP queries and
// errors, all fed straight into a FlowTable with a controllable clock.

import { FlowTable, type FlowTableOptions } from '../../../../src-main/engine/flows/flowTable.js';
import { FlowPacket, PW, type FlowEvent, type Flow } from '../../../../src-main/engine/flows/flowTypes.js';
import { ipv4Key } from '../../../../src-main/engine/flows/flowKey.js';
import { TCP_STATE_NAMES } from '../../../../src-main/engine/flows/tcpStates.js';

export const CLIENT = ipv4Key(0xc000020a); // 192.0.2.10
export const SERVER = ipv4Key(0xc6336414); // 198.51.100.20
export const ROUTER = ipv4Key(0xc0000201); // 192.0.2.1
export const T0 = 1795426000;

const FLAG_BITS: Record<string, number> = { F: 0x01, S: 0x02, R: 0x04, P: 0x08, A: 0x10, U: 0x20 };

export function flagsOf(text: string): number {
  let v = 0;
  for (const ch of text) v |= FLAG_BITS[ch] ?? 0;
  return v;
}

export interface Sent {
  packet: number;
  flow: number;
  word: number;
  /** state after the packet ('SYN_SENT', ...), or '' for non-TCP / untracked */
  state: string;
  counted: boolean;
  reason: number;
}

export interface SegmentOpts {
  len?: number;
  win?: number;
  seq?: number;
  ack?: number;
  /** seconds to advance the clock before sending */
  dt?: number;
  badChecksum?: boolean;
}

/** A TCP conversation between a client and a server port; 'o' = client → server, 'r' = server → client. */
export class Sim {
  readonly table: FlowTable;
  readonly events: FlowEvent[] = [];
  time = T0;
  private n = 0;
  /** next sequence number each side would send */
  next = { o: 1000, r: 5000 };

  constructor(
    opts: FlowTableOptions = {},
    readonly sport = 40000,
    readonly dport = 80,
  ) {
    this.table = new FlowTable({ ...opts, onEvent: (e) => this.events.push(e) });
  }

  private packet(): FlowPacket {
    const p = new FlowPacket();
    p.packet = this.n++;
    p.time = this.time;
    return p;
  }

  private result(p: FlowPacket): Sent {
    const flow = this.table.flowOf(p.packet);
    const word = this.table.wordOf(p.packet);
    const f = flow >= 0 ? this.table.flows[flow] : undefined;
    const counted = (word & PW.counted) !== 0;
    return {
      packet: p.packet,
      flow,
      word,
      state: f?.isTcp && (counted || (word & PW.stateMask) !== 0) ? TCP_STATE_NAMES[word & PW.stateMask]! : '',
      counted,
      reason: word >> PW.reasonShift,
    };
  }

  /** Sends a TCP segment; flags as letters ('S', 'SA', 'A', 'FA', 'R', 'RA', 'PA'). */
  tcp(dir: 'o' | 'r', flags: string, o: SegmentOpts = {}): Sent {
    if (o.dt) this.time += o.dt;
    const p = this.packet();
    const fl = flagsOf(flags);
    p.l3 = 4;
    p.proto = 6;
    const out = dir === 'o';
    p.src = out ? CLIENT : SERVER;
    p.dst = out ? SERVER : CLIENT;
    p.sport = out ? this.sport : this.dport;
    p.dport = out ? this.dport : this.sport;
    const len = o.len ?? 0;
    p.seq = o.seq ?? this.next[dir];
    p.ack = fl & 0x10 ? (o.ack ?? this.next[out ? 'r' : 'o']) : 0;
    p.tcpFlags = fl;
    p.payload = len;
    p.win = o.win ?? 502;
    p.l3Bytes = 40 + len;
    p.frameBytes = 54 + len;
    if (o.badChecksum) {
      p.checksumBad = true;
      p.reason = 5;
    } else if (!validFlags(fl)) {
      p.reason = 6;
    }
    if (o.seq === undefined) this.next[dir] = (p.seq + len + (fl & 0x02 ? 1 : 0) + (fl & 0x01 ? 1 : 0)) >>> 0;
    this.table.process(p);
    return this.result(p);
  }

  udp(dir: 'o' | 'r', len = 20, dt = 0): Sent {
    this.time += dt;
    const p = this.packet();
    const out = dir === 'o';
    p.l3 = 4;
    p.proto = 17;
    p.src = out ? CLIENT : SERVER;
    p.dst = out ? SERVER : CLIENT;
    p.sport = out ? this.sport : this.dport;
    p.dport = out ? this.dport : this.sport;
    p.payload = len;
    p.l3Bytes = 28 + len;
    p.frameBytes = 42 + len;
    this.table.process(p);
    return this.result(p);
  }

  /** An ICMP message from `src` to `dst` (type, code, identifier). */
  icmp(src: string, dst: string, type: number, code: number, id: number, dt = 0, bytes = 84): Sent {
    this.time += dt;
    const p = this.packet();
    p.l3 = 4;
    p.proto = 1;
    p.src = src;
    p.dst = dst;
    p.icmpType = type;
    p.icmpCode = code;
    p.icmpId = id;
    p.l3Bytes = bytes;
    p.frameBytes = bytes + 14;
    p.payload = bytes - 28;
    this.table.process(p);
    return this.result(p);
  }

  /**
   * An ICMP error from `from` quoting a UDP datagram client → server with these ports
   * (or a TCP segment when proto = 6); `ttl` is the error's own TTL.
   */
  icmpError(from: string, type: number, code: number, ttl = 64, proto = 17, dt = 0): Sent {
    this.time += dt;
    const p = this.packet();
    p.l3 = 4;
    p.proto = 1;
    p.src = from;
    p.dst = CLIENT;
    p.icmpType = type;
    p.icmpCode = code;
    p.l3Bytes = 56;
    p.frameBytes = 70;
    p.isError = true;
    p.errSrc = from;
    p.errTtl = ttl;
    const q = p.quoted;
    q.l3 = 4;
    q.proto = proto;
    q.src = CLIENT;
    q.dst = SERVER;
    q.sport = this.sport;
    q.dport = this.dport;
    this.table.process(p);
    return this.result(p);
  }

  /** Lets capture time pass (the table expires what timed out). */
  wait(seconds: number): void {
    this.time += seconds;
    this.table.expireUntil(this.time);
  }

  flow(id: number): Flow {
    return this.table.flows[id]!;
  }

  /** Seconds left on a flow's timeout right now. */
  left(id: number): number {
    return this.flow(id).expires - this.time;
  }
}

function validFlags(f: number): boolean {
  const m = f & 0x37;
  return [0x02, 0x22, 0x12, 0x04, 0x14, 0x11, 0x31, 0x10, 0x30].includes(m);
}
