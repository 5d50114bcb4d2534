// What TCP analysis remembers about one direction of a connection, and 32-bit sequence
// number comparisons that survive wrap-around (RFC 1982 style).

/** a > b in sequence space */
export function seqGt(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}

export function seqLt(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

export function seqLe(a: number, b: number): boolean {
  return ((a - b) | 0) <= 0;
}

/** tshark keeps at most this many unacknowledged segments per direction. */
export const MAX_UNACKED = 10_000;

/**
 * Like tshark, the analysis works on the raw 32-bit numbers and takes 0 for "not known yet"
 * (nextSeq, maxSeqToBeAcked, lastAck), which decides a few corner cases (a first segment with
 * sequence number 0) the same way.
 */
export class TcpDirection {
  /** next expected sequence number (0 before any segment) */
  nextSeq = 0;
  /** capture time (ns, see TcpAnalyzer) of the segment that set nextSeq */
  nextSeqTime = 0;
  /** end of the data seen without a hole, which the peer may acknowledge (0 unknown) */
  maxSeqToBeAcked = 0;
  lastAck = 0;
  lastAckTime = 0;
  /** advertised window as written in the header (-1 before any segment: never 0, never equal to one) */
  window = -1;
  /** the window came from a SYN, which is never scaled */
  windowFromSyn = false;
  /** window scale shift: -1 unknown (no handshake seen), -2 not negotiated, else the shift */
  winScale = -1;
  /** duplicate ACKs in a row; -1 after the peer's ACK of unseen data was reported (mutes repeats) */
  dupAckCount = 0;
  lastNonDupAckFrame = 0;
  /** analysis flags of the last segment sent in this direction */
  lastFlags = 0;
  /** bytes in flight are tracked (off after a gap until the peer acknowledges something) */
  validBif = true;
  /**
   * Where each segment sent and not yet acknowledged ends, in sequence order in
   * [head, tail) (created on first use). Segments are mostly sent in order and acknowledged
   * from the oldest, so adding and acknowledging touch only the ends of the list. The ends
   * are kept here and the array never shrinks: emptied (length 0) on every acknowledgment,
   * it gave its storage back and reallocated it on the next segment, half of the pass's
   * garbage. (A plain array rather than a typed one: a connection's worth of ArrayBuffers is
   * more for the garbage collector to track than the numbers are worth.)
   */
  private unacked: number[] | null = null;
  private head = 0;
  private tail = 0;

  get unackedCount(): number {
    return this.tail - this.head;
  }

  /** The advertised window in bytes as the window-full check reads it. */
  effectiveWindow(): number {
    // a shift is at most 14 (clamped where it is learnt), so the factor stays a small integer
    if (this.windowFromSyn || this.winScale < 0) return this.window;
    return this.window * (1 << this.winScale);
  }

  /** Remembers a segment ending at `next` until the peer acknowledges it. */
  addUnacked(next: number): void {
    const list = (this.unacked ??= []);
    if (this.tail === list.length && this.head > 0) {
      // at the end of the storage: drop the acknowledged front rather than grow
      list.copyWithin(0, this.head, this.tail);
      this.tail -= this.head;
      this.head = 0;
    }
    let i = this.tail++;
    if (i === list.length) list.push(next);
    for (; i > this.head && seqGt(list[i - 1]!, next); i--) list[i] = list[i - 1]!;
    list[i] = next;
  }

  /**
   * Forgets the segments that `ack` covers; returns whether one of them ends exactly at
   * `ack` (tshark then reports the ACK as acknowledging that segment).
   */
  acknowledge(ack: number): boolean {
    const list = this.unacked;
    if (!list) return false;
    let exact = false;
    let i = this.head;
    const tail = this.tail;
    for (; i < tail && !seqGt(list[i]!, ack); i++) if (list[i] === ack) exact = true;
    if (i === tail) {
      this.head = 0;
      this.tail = 0;
    } else {
      this.head = i;
    }
    return exact;
  }
}
