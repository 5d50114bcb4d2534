// Zeek's view of a connection, computed from the same packets as the conntrack entry:
// the per-endpoint TCP states behind conn.log's `conn_state` (S0, S1, SF, REJ, S2, S3,
// RSTO, RSTR, RSTOS0, RSTRH, SH, SHR, OTH) and the `history` letters (upper case for the
// originator: S SYN, H SYN+ACK, A pure ACK, D data, F FIN, R RST, Q/I multi-flag, and the
// scaled C bad checksum, T retransmission, W zero window at the 1st, 10th, 100th... time).
// Written from Zeek's documented behaviour; content gaps (G) and role flips (^) are not
// derived.

import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from './tcpStates.js';

export const ZEEK_EP = {
  INACTIVE: 0,
  SYN_SENT: 1,
  SYN_ACK_SENT: 2,
  PARTIAL: 3,
  ESTABLISHED: 4,
  CLOSED: 5,
  RESET: 6,
} as const;

const HIST = { SYN: 1, FIN: 2, RST: 4, DATA: 8, ACK: 16, MULTI: 32, FIN_RST: 64 } as const;
/** History letters as the responder's (lower case), looked up rather than made for every letter of every flow. */
const RESPONDER_LETTER: Readonly<Record<string, string>> = { S: 's', H: 'h', A: 'a', D: 'd', F: 'f', R: 'r', C: 'c', T: 't', W: 'w', I: 'i', Q: 'q' };

const after = (a: number, b: number): boolean => ((b - a) | 0) < 0;

/** What an endpoint needs only while packets still arrive (dropped when the flow is gone). */
class ZeekTracking {
  /** HIST.* letters already logged */
  seen = 0;
  lastSyn = -1;
  lastFin = -1;
  lastRst = -1;
  /** occurrences of C / T / W so far, and the count at which the letter is logged next */
  csum = 0;
  csumNext = 1;
  retrans = 0;
  retransNext = 1;
  zeroWin = 0;
  zeroWinNext = 1;

  reset(): void {
    this.seen = 0;
    this.lastSyn = -1;
    this.lastFin = -1;
    this.lastRst = -1;
    this.csum = 0;
    this.csumNext = 1;
    this.retrans = 0;
    this.retransNext = 1;
    this.zeroWin = 0;
    this.zeroWinNext = 1;
  }

  /** Writes every field as numbers at `o` of `a` (see trackerPacking.ts); returns the next offset. */
  pack(a: Float64Array, o: number): number {
    a[o] = this.seen;
    a[o + 1] = this.lastSyn;
    a[o + 2] = this.lastFin;
    a[o + 3] = this.lastRst;
    a[o + 4] = this.csum;
    a[o + 5] = this.csumNext;
    a[o + 6] = this.retrans;
    a[o + 7] = this.retransNext;
    a[o + 8] = this.zeroWin;
    a[o + 9] = this.zeroWinNext;
    return o + 10;
  }

  unpack(a: Float64Array, o: number): number {
    this.seen = a[o]!;
    this.lastSyn = a[o + 1]!;
    this.lastFin = a[o + 2]!;
    this.lastRst = a[o + 3]!;
    this.csum = a[o + 4]!;
    this.csumNext = a[o + 5]!;
    this.retrans = a[o + 6]!;
    this.retransNext = a[o + 7]!;
    this.zeroWin = a[o + 8]!;
    this.zeroWinNext = a[o + 9]!;
    return o + 10;
  }
}

class ZeekEndpoint {
  state: number = ZEEK_EP.INACTIVE;
  prevState: number = ZEEK_EP.INACTIVE;
  /** first sequence number of data (ISN + 1), NaN until known */
  base = NaN;
  /** sequence number just past the highest data byte sent, NaN before any data */
  dataEnd = NaN;
  /** UDP / ICMP payload bytes */
  payload = 0;
  /** every packet this side sent, and their IP bytes (Zeek's orig_pkts / orig_ip_bytes) */
  packets = 0;
  ipBytes = 0;
  active = false;
  readonly t = new ZeekTracking();

  reset(): void {
    this.state = ZEEK_EP.INACTIVE;
    this.prevState = ZEEK_EP.INACTIVE;
    this.base = NaN;
    this.dataEnd = NaN;
    this.payload = 0;
    this.packets = 0;
    this.ipBytes = 0;
    this.active = false;
    this.t.reset();
  }

  /** Writes every field as numbers at `o` of `a` (see trackerPacking.ts); returns the next offset. */
  pack(a: Float64Array, o: number): number {
    a[o] = this.state;
    a[o + 1] = this.prevState;
    a[o + 2] = this.base;
    a[o + 3] = this.dataEnd;
    a[o + 4] = this.payload;
    a[o + 5] = this.packets;
    a[o + 6] = this.ipBytes;
    a[o + 7] = this.active ? 1 : 0;
    return this.t.pack(a, o + 8);
  }

  unpack(a: Float64Array, o: number): number {
    this.state = a[o]!;
    this.prevState = a[o + 1]!;
    this.base = a[o + 2]!;
    this.dataEnd = a[o + 3]!;
    this.payload = a[o + 4]!;
    this.packets = a[o + 5]!;
    this.ipBytes = a[o + 6]!;
    this.active = a[o + 7] !== 0;
    return this.t.unpack(a, o + 8);
  }

  set(s: number): void {
    if (s === this.state) return;
    this.prevState = this.state;
    this.state = s;
  }

  get closed(): boolean {
    return this.state === ZEEK_EP.CLOSED || this.state === ZEEK_EP.RESET;
  }

  get inactive(): boolean {
    return this.state === ZEEK_EP.INACTIVE || this.state === ZEEK_EP.PARTIAL;
  }

  tcpBytes(): number {
    return Number.isNaN(this.dataEnd) || Number.isNaN(this.base) ? 0 : (this.dataEnd - this.base) >>> 0;
  }
}

/** What is shown of a connection's Zeek state: the live tracker's, or a gone flow's frozen summary. */
export interface ZeekSummary {
  readonly history: string;
  /** capture time of the last packet seen in either direction */
  readonly lastTime: number;
  readonly orig: { readonly packets: number; readonly ipBytes: number };
  readonly resp: { readonly packets: number; readonly ipBytes: number };
  connState(proto: number): string;
  bytes(isOrig: boolean, proto: number): number;
}

export class ZeekConn implements ZeekSummary {
  history = '';
  /** capture time of the last packet seen in either direction */
  lastTime = 0;
  readonly orig = new ZeekEndpoint();
  readonly resp = new ZeekEndpoint();

  private add(code: string, isOrig: boolean): void {
    this.history += isOrig ? code : (RESPONDER_LETTER[code] ?? code.toLowerCase());
  }

  /** Adds the letter the first time this endpoint shows the behaviour; true if seen before. */
  private once(t: ZeekTracking, mask: number, code: string, isOrig: boolean): boolean {
    if (t.seen & mask) return true;
    t.seen |= mask;
    this.add(code, isOrig);
    return false;
  }

  /** Makes the tracker as good as new, for the next connection (trackers are recycled). */
  reset(): void {
    this.history = '';
    this.lastTime = 0;
    this.orig.reset();
    this.resp.reset();
  }

  /** Writes every field but the history letters (text) as numbers at `o` of `a` (see trackerPacking.ts); returns the next offset. */
  pack(a: Float64Array, o: number): number {
    a[o] = this.lastTime;
    return this.resp.pack(a, this.orig.pack(a, o + 1));
  }

  unpack(a: Float64Array, o: number): number {
    this.lastTime = a[o]!;
    return this.resp.unpack(a, this.orig.unpack(a, o + 1));
  }

  get text(): string {
    return this.history;
  }

  set text(s: string) {
    this.history = s;
  }

  /** Zeek's scaled history: the letter at the 1st, 10th, 100th... occurrence. Returns the next threshold. */
  private scaled(count: number, next: number, code: string, isOrig: boolean): number {
    if (count !== next) return next;
    this.add(code, isOrig);
    return next * 10;
  }

  /** Counts a packet of the connection (every packet, whatever conntrack made of it). */
  private seenPacket(ep: ZeekEndpoint, time: number, ipBytes: number): void {
    ep.packets++;
    ep.ipBytes += ipBytes;
    if (time > this.lastTime) this.lastTime = time;
  }

  tcp(isOrig: boolean, time: number, ipBytes: number, flags: number, seq: number, len: number, win: number, badChecksum: boolean): void {
    const ep = isOrig ? this.orig : this.resp;
    const peer = isOrig ? this.resp : this.orig;
    this.seenPacket(ep, time, ipBytes);
    const t = ep.t;
    if (badChecksum) {
      t.csumNext = this.scaled(++t.csum, t.csumNext, 'C', isOrig);
      return;
    }
    ep.active = true;
    this.letters(t, isOrig, flags, seq, len);
    if (flags & TCP_SYN) ep.base = (seq + 1) >>> 0;
    else if (Number.isNaN(ep.base)) ep.base = seq;
    if (len > 0) {
      const end = (seq + len) >>> 0;
      if (!Number.isNaN(ep.dataEnd) && !after(end, ep.dataEnd)) t.retransNext = this.scaled(++t.retrans, t.retransNext, 'T', isOrig);
      else ep.dataEnd = end;
    }
    if (win === 0 && !(flags & (TCP_SYN | TCP_RST))) t.zeroWinNext = this.scaled(++t.zeroWin, t.zeroWinNext, 'W', isOrig);
    this.transition(ep, peer, isOrig, flags, len);
  }

  udp(isOrig: boolean, time: number, ipBytes: number, len: number, badChecksum: boolean): void {
    const ep = isOrig ? this.orig : this.resp;
    this.seenPacket(ep, time, ipBytes);
    const t = ep.t;
    if (badChecksum) {
      t.csumNext = this.scaled(++t.csum, t.csumNext, 'C', isOrig);
      return;
    }
    ep.active = true;
    ep.payload += len;
    if (len > 0) this.once(t, HIST.DATA, 'D', isOrig);
  }

  /** ICMP queries and any other protocol: packets and payload only. */
  other(isOrig: boolean, time: number, ipBytes: number, len: number): void {
    const ep = isOrig ? this.orig : this.resp;
    this.seenPacket(ep, time, ipBytes);
    ep.active = true;
    ep.payload += len;
  }

  private letters(t: ZeekTracking, isOrig: boolean, flags: number, seq: number, len: number): void {
    const bits = (flags & TCP_SYN ? 1 : 0) + (flags & TCP_FIN ? 1 : 0) + (flags & TCP_RST ? 1 : 0);
    if (bits > 1) {
      if (flags & TCP_FIN && flags & TCP_RST) this.once(t, HIST.FIN_RST, 'I', isOrig);
      else this.once(t, HIST.MULTI, 'Q', isOrig);
    } else if (bits === 1) {
      if (flags & TCP_SYN) {
        const code = flags & TCP_ACK ? 'H' : 'S';
        if (this.once(t, HIST.SYN, code, isOrig) && seq !== t.lastSyn) this.add(code, isOrig);
        t.lastSyn = seq;
      }
      if (flags & TCP_FIN) {
        const end = (seq + len) >>> 0;
        if (this.once(t, HIST.FIN, 'F', isOrig) && end !== t.lastFin) this.add('F', isOrig);
        t.lastFin = end;
      }
      if (flags & TCP_RST) {
        if (this.once(t, HIST.RST, 'R', isOrig) && seq !== t.lastRst) this.add('R', isOrig);
        t.lastRst = seq;
      }
    } else if (len > 0) {
      this.once(t, HIST.DATA, 'D', isOrig);
    } else if (flags & TCP_ACK) {
      this.once(t, HIST.ACK, 'A', isOrig);
    }
  }

  private transition(ep: ZeekEndpoint, peer: ZeekEndpoint, isOrig: boolean, flags: number, len: number): void {
    const E = ZEEK_EP;
    const syn = (flags & TCP_SYN) !== 0;
    const fin = (flags & TCP_FIN) !== 0;
    const rst = (flags & TCP_RST) !== 0;
    const ack = (flags & TCP_ACK) !== 0;
    switch (ep.state) {
      case E.INACTIVE:
        if (syn) ep.set(isOrig ? (ack ? E.SYN_ACK_SENT : E.SYN_SENT) : E.ESTABLISHED);
        if (fin) ep.set(E.CLOSED);
        if (rst) ep.set(E.RESET);
        if (ep.state === E.INACTIVE) {
          const orig = isOrig ? ep : peer;
          if (!isOrig && len === 0 && orig.state === E.SYN_SENT) {
            // an ACK answering a SYN before the SYN/ACK: not a partial connection
          } else if (ack && peer.state === E.ESTABLISHED) {
            ep.set(E.ESTABLISHED);
          } else {
            ep.set(E.PARTIAL);
          }
        }
        break;
      case E.SYN_SENT:
      case E.SYN_ACK_SENT:
        if (fin) ep.set(E.CLOSED);
        if (rst) ep.set(E.RESET);
        else if (ack && !syn && !fin && peer.state === E.ESTABLISHED) ep.set(E.ESTABLISHED);
        break;
      case E.PARTIAL:
      case E.ESTABLISHED:
        if (syn && ep.state === E.PARTIAL && peer.state === E.INACTIVE && !ack) ep.set(E.SYN_SENT);
        if (fin && !rst) {
          ep.set(E.CLOSED);
          if (peer.state === E.RESET && peer.prevState === E.CLOSED) peer.set(E.CLOSED);
        }
        if (rst) ep.set(E.RESET);
        break;
      case E.CLOSED:
        if (rst && !peer.closed) ep.set(E.RESET);
        break;
      default:
        break;
    }
  }

  /** conn.log's conn_state for a flow of this IP protocol. */
  connState(proto: number): string {
    const E = ZEEK_EP;
    const o = this.orig;
    const r = this.resp;
    if (proto === 17) {
      if (o.active) return r.active ? 'SF' : 'S0';
      return r.active ? 'SHR' : 'OTH';
    }
    if (proto !== 6) return 'OTH';
    const os = o.state;
    const rs = r.state;
    if (rs === E.RESET) {
      if (os === E.SYN_SENT || os === E.SYN_ACK_SENT || (os === E.RESET && o.tcpBytes() === 0 && r.tcpBytes() === 0)) return 'REJ';
      return o.inactive ? 'RSTRH' : 'RSTR';
    }
    if (os === E.RESET) {
      if (r.inactive) return /^\^?S[^HAFGIQ]*R.*$/.test(this.history) ? 'RSTOS0' : 'OTH';
      return 'RSTO';
    }
    if (rs === E.CLOSED && os === E.CLOSED) return 'SF';
    if (os === E.CLOSED) return r.inactive ? 'SH' : 'S2';
    if (rs === E.CLOSED) return o.inactive ? 'SHR' : 'S3';
    if (os === E.SYN_SENT && rs === E.INACTIVE) return 'S0';
    if (os === E.ESTABLISHED && rs === E.ESTABLISHED) return 'S1';
    return 'OTH';
  }

  /** Payload bytes sent by one side (TCP: from sequence numbers, as Zeek counts them). */
  bytes(isOrig: boolean, proto: number): number {
    const ep = isOrig ? this.orig : this.resp;
    return proto === 6 ? ep.tcpBytes() : ep.payload;
  }
}
