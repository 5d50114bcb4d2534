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

export class TcpDirection {
  /** whether a segment was seen in this direction */
  seen = false;
  /** next expected sequence number (-1 before any segment) */
  nextSeq = -1;
  nextSeqTime = 0;
  /** highest sequence number sent that the peer must still acknowledge (-1 unknown) */
  maxSeqToBeAcked = -1;
  lastAck = 0;
  lastAckTime = 0;
  /** advertised window, scaled when the scale is known */
  window = -1;
  /** window scale shift: -1 unknown (no handshake seen), -2 not negotiated, else the shift */
  winScale = -1;
  dupAckCount = 0;
  lastNonDupAckFrame = 0;
  /** analysis flags of the last segment sent in this direction */
  lastFlags = 0;

  scaled(win: number): number {
    return this.winScale >= 0 ? win * 2 ** this.winScale : win;
  }
}
