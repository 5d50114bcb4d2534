// What the flow tracker works on: the conntrack tuple and accounting facts taken from one
// packet (FlowPacket), the flow record it keeps (Flow), the events it reports, and the
// reasons a packet is not counted, which the tests and the `ct.reason` field explain.

import { CONN_STATES, FLOW_FLAG, FR, ZR, type FlowColumns } from './flowColumns.js';
import { keyAddress } from './flowKey.js';
import type { ZeekSummary } from './zeekConn.js';

export const ORIGINAL = 0;
export const REPLY = 1;

/** A conntrack tuple as one packet carries it, source → destination. */
export class PacketTuple {
  /** 4 or 6; 0 when the packet has no usable IP layer */
  l3 = 0;
  /** layer-4 protocol number, -1 when unknown */
  proto = -1;
  /** the addresses as 16-bit words (2 for IPv4, 8 for IPv6): keys are built from these */
  readonly srcW = new Uint16Array(8);
  readonly dstW = new Uint16Array(8);
  sport = 0;
  dport = 0;
  /** ICMP / ICMPv6 type, code and identifier (query messages) */
  icmpType = -1;
  icmpCode = 0;
  icmpId = 0;
  /** set by flowKey(): the source endpoint sorts first in the key / both endpoints are equal */
  srcFirst = true;
  samePair = false;
  private srcKey: string | null = null;
  private dstKey: string | null = null;

  /** The source address key (see flowKey.ts), made on first use. */
  get src(): string {
    return (this.srcKey ??= wordsKey(this.srcW, this.l3));
  }

  set src(key: string) {
    keyWords(key, this.srcW);
    this.srcKey = key;
  }

  get dst(): string {
    return (this.dstKey ??= wordsKey(this.dstW, this.l3));
  }

  set dst(key: string) {
    keyWords(key, this.dstW);
    this.dstKey = key;
  }

  /** Sets an IPv4 address pair (as 32-bit numbers). */
  setIPv4(src: number, dst: number): void {
    this.l3 = 4;
    this.srcW[0] = src >>> 16;
    this.srcW[1] = src & 0xffff;
    this.dstW[0] = dst >>> 16;
    this.dstW[1] = dst & 0xffff;
    this.srcKey = null;
    this.dstKey = null;
  }

  /** Sets an IPv6 address pair from 16 bytes each at the given offsets. */
  setIPv6(sb: Uint8Array, so: number, db: Uint8Array, dof: number): void {
    this.l3 = 6;
    for (let i = 0; i < 8; i++) {
      this.srcW[i] = (sb[so + 2 * i]! << 8) | sb[so + 2 * i + 1]!;
      this.dstW[i] = (db[dof + 2 * i]! << 8) | db[dof + 2 * i + 1]!;
    }
    this.srcKey = null;
    this.dstKey = null;
  }

  /** Sets the address pair from 16-bit words (2 each for IPv4, 8 for IPv6) at `srcAt` and `dstAt` of `w`. */
  setWords(l3: number, w: Uint16Array, srcAt: number, dstAt: number): void {
    this.l3 = l3;
    const n = l3 === 6 ? 8 : 2;
    for (let i = 0; i < n; i++) {
      this.srcW[i] = w[srcAt + i]!;
      this.dstW[i] = w[dstAt + i]!;
    }
    this.srcKey = null;
    this.dstKey = null;
  }

  clear(): void {
    this.l3 = 0;
    this.proto = -1;
    this.srcKey = null;
    this.dstKey = null;
    this.sport = 0;
    this.dport = 0;
    this.icmpType = -1;
    this.icmpCode = 0;
    this.icmpId = 0;
  }
}

function wordsKey(w: Uint16Array, l3: number): string {
  if (l3 === 4) return String.fromCharCode(w[0]!, w[1]!);
  if (l3 === 6) return String.fromCharCode(w[0]!, w[1]!, w[2]!, w[3]!, w[4]!, w[5]!, w[6]!, w[7]!);
  return '';
}

function keyWords(key: string, w: Uint16Array): void {
  for (let i = 0; i < key.length && i < 8; i++) w[i] = key.charCodeAt(i);
}

/** Everything the tracker needs from one packet; one instance is reused for every packet. */
export class FlowPacket extends PacketTuple {
  /** capture time, seconds since the epoch */
  time = 0;
  /** 0-based packet index in the capture */
  packet = -1;
  /** nonzero: the kernel would not track this packet at all (REASON.*) */
  reason = 0;
  /** the transport checksum is wrong (the kernel checks it at PREROUTING) */
  checksumBad = false;
  tcpFlags = 0;
  seq = 0;
  ack = 0;
  /** TCP/UDP/ICMP payload bytes */
  payload = 0;
  /** TCP window (unscaled) */
  win = 0;
  /** bytes conntrack accounts: the IP datagram length (whole datagram when reassembled) */
  l3Bytes = 0;
  /** frame length on the wire, for comparisons with tshark's conversation tables */
  frameBytes = 0;
  /** ICMP/ICMPv6 error: the datagram it quotes is in `quoted` */
  isError = false;
  errSrc = '';
  /** TTL / hop limit of the error's own IP header */
  errTtl = 0;
  readonly quoted = new PacketTuple();

  override clear(): void {
    super.clear();
    this.reason = 0;
    this.checksumBad = false;
    this.tcpFlags = 0;
    this.seq = 0;
    this.ack = 0;
    this.payload = 0;
    this.win = 0;
    this.l3Bytes = 0;
    this.frameBytes = 0;
    this.isError = false;
    this.errSrc = '';
    this.errTtl = 0;
    this.quoted.clear();
  }
}

/**
 * A place that lives with one tuple key (a conversation entry) where the flow table notes
 * the key's latest flow id (-1 for none). Only a hint: the table checks that the flow is
 * still alive and otherwise looks the key up.
 */
export interface FlowSlot {
  ctFlow: number;
}

/** Why a packet was not counted in a flow (0 = it was). */
export const REASON = {
  NONE: 0,
  NOT_IP: 1,
  IP_INVALID: 2,
  FRAGMENT: 3,
  L4_TRUNCATED: 4,
  BAD_CHECKSUM: 5,
  TCP_FLAGS: 6,
  CANNOT_START: 7,
  NOT_TRACKED: 8,
  RELATED: 9,
  RELATED_UNKNOWN: 10,
  IGNORED: 11,
  INVALID_STATE: 12,
  SYN_RETRANSMIT: 13,
  INVALID_RST: 14,
  DROPPED_UNCONFIRMED: 15,
  CHALLENGE_ACK: 16,
  UDP_LENGTH: 17,
} as const;

export const REASON_TEXT: readonly string[] = [
  '',
  'not an IP packet',
  'IP header the kernel drops before connection tracking',
  'fragment of a datagram not reassembled (conntrack sees whole datagrams)',
  'transport header missing or cut short',
  'bad transport checksum (INVALID)',
  'invalid TCP flag combination (INVALID)',
  'cannot start a connection (INVALID)',
  'ICMP message type connection tracking does not track',
  'ICMP error RELATED to this flow (not counted)',
  'ICMP error quoting no known flow',
  'TCP segment ignored: tracker possibly out of sync (not counted)',
  'TCP segment invalid in this state (INVALID)',
  'retransmitted SYN: timeout not renewed, not counted',
  'RST outside the window (INVALID)',
  'dropped by the next hop before the flow was confirmed: no entry',
  'RFC 5961 challenge ACK ignored (not counted)',
  'bad UDP length (INVALID)',
];

/**
 * Per-packet word kept by the tracker (16 bits): the flow state after the packet, so a
 * packet dissected again later shows the same generated fields.
 */
export const PW = {
  stateMask: 0x0f,
  assured: 0x10,
  unreplied: 0x20,
  reply: 0x40,
  counted: 0x80,
  reasonShift: 8,
} as const;

export type FlowEventType = 'NEW' | 'UPDATE' | 'DESTROY';

/** One `conntrack -E` event, with the values the flow had at that moment. */
export interface FlowEvent {
  type: FlowEventType;
  time: number;
  flow: Flow;
  tcpState: number;
  /** whole seconds left before the flow expires; -1 when none is printed */
  timeout: number;
  assured: boolean;
  unreplied: boolean;
  /** DESTROY only: [orig packets, orig bytes, reply packets, reply bytes] */
  counters: [number, number, number, number] | null;
}

/**
 * One flow as the rest of the app reads it: a view of its row in the table's columns,
 * made on demand (the table itself keeps no object per flow).
 */
export class Flow {
  constructor(
    private readonly c: FlowColumns,
    readonly id: number,
  ) {}

  get key(): string {
    return this.c.keys.get(this.id);
  }
  get l3(): number {
    return this.c.get(this.id, FR.L3);
  }
  get proto(): number {
    return this.c.get(this.id, FR.PROTO);
  }
  /** original-direction tuple: source and destination address keys (flowKey.ts), ports, ICMP query */
  get src(): string {
    return keyAddress(this.key, this.l3, this.proto, !this.c.has(this.id, FLOW_FLAG.origFirst));
  }
  get dst(): string {
    return keyAddress(this.key, this.l3, this.proto, this.c.has(this.id, FLOW_FLAG.origFirst));
  }
  get sport(): number {
    return this.c.get(this.id, FR.SPORT);
  }
  get dport(): number {
    return this.c.get(this.id, FR.DPORT);
  }
  get icmpType(): number {
    return this.c.get(this.id, FR.ICMP_TYPE);
  }
  get icmpCode(): number {
    return this.c.get(this.id, FR.ICMP_CODE);
  }
  get icmpId(): number {
    return this.c.get(this.id, FR.ICMP_ID);
  }
  get firstTime(): number {
    return this.c.get(this.id, FR.FIRST_TIME);
  }
  get firstPacket(): number {
    return this.c.get(this.id, FR.FIRST_PACKET);
  }
  get lastTime(): number {
    return this.c.get(this.id, FR.LAST_TIME);
  }
  get lastPacket(): number {
    return this.c.get(this.id, FR.LAST_PACKET);
  }
  /** capture time at which the flow times out */
  get expires(): number {
    return this.c.get(this.id, FR.EXPIRES);
  }
  /** timeout (seconds) set by the last packet that refreshed the flow */
  get timeout(): number {
    return this.c.get(this.id, FR.TIMEOUT);
  }
  /** capture time at which the flow was destroyed (Infinity while it is not) */
  get endTime(): number {
    return this.c.get(this.id, FR.END_TIME);
  }
  get origPackets(): number {
    return this.c.get(this.id, FR.ORIG_PACKETS);
  }
  get origBytes(): number {
    return this.c.get(this.id, FR.ORIG_BYTES);
  }
  get replyPackets(): number {
    return this.c.get(this.id, FR.REPLY_PACKETS);
  }
  get replyBytes(): number {
    return this.c.get(this.id, FR.REPLY_BYTES);
  }
  get origFrameBytes(): number {
    return this.c.get(this.id, FR.ORIG_FRAME_BYTES);
  }
  get replyFrameBytes(): number {
    return this.c.get(this.id, FR.REPLY_FRAME_BYTES);
  }
  get seenReply(): boolean {
    return this.c.has(this.id, FLOW_FLAG.seenReply);
  }
  get assured(): boolean {
    return this.c.has(this.id, FLOW_FLAG.assured);
  }
  /** false when the next hop dropped the only packet before the kernel confirmed the entry */
  get confirmed(): boolean {
    return this.c.has(this.id, FLOW_FLAG.confirmed);
  }
  /** destroyed (timed out, killed by RST, replaced by a reopening SYN or never confirmed) */
  get dead(): boolean {
    return this.c.has(this.id, FLOW_FLAG.dead);
  }
  get isTcp(): boolean {
    return this.proto === 6;
  }
  /** TCP conntrack state (TCP_STATE_NAMES), 0 for other protocols */
  get tcpState(): number {
    return this.c.get(this.id, FR.TCP_STATE);
  }
  get zeek(): ZeekSummary {
    return this.c.zeek.get(this.id) ?? new FrozenZeek(this.c, this.id);
  }
}

/** The Zeek summary of a flow that is gone, read from the columns it was frozen into. */
class FrozenZeek implements ZeekSummary {
  constructor(
    private readonly c: FlowColumns,
    private readonly id: number,
  ) {}

  get history(): string {
    return this.c.zHistory.get(this.id);
  }
  get lastTime(): number {
    return this.c.frozen(this.id, ZR.LAST_TIME);
  }
  get orig(): { packets: number; ipBytes: number } {
    return this.side(0);
  }
  get resp(): { packets: number; ipBytes: number } {
    return this.side(1);
  }
  connState(): string {
    return CONN_STATES[this.c.frozen(this.id, ZR.CONN_STATE)]!;
  }
  bytes(isOrig: boolean): number {
    return this.c.frozen(this.id, ZR.BYTES + (isOrig ? 0 : 1));
  }
  private side(s: number): { packets: number; ipBytes: number } {
    return { packets: this.c.frozen(this.id, ZR.PACKETS + s), ipBytes: this.c.frozen(this.id, ZR.IP_BYTES + s) };
  }
}
