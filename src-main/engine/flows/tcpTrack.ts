// The per-connection memory of the TCP tracker: the state, the last segment seen (for
// retransmission counting and for recognising segments that answer one it ignored), and
// per direction the highest sequence end sent and the highest ACK sent. Window sizes are
// not tracked: every segment is taken as in-window (see tcpConntrack.ts).

import { SEG } from './tcpStates.js';

/** Per-direction flags (the kernel's IP_CT_TCP_FLAG_* that matter here). */
export const DIR_FLAG = {
  /** this side started closing (sent the FIN that entered FIN_WAIT) */
  CLOSE_INIT: 1,
  /** this side sent data the other side has not acknowledged yet */
  DATA_UNACK: 2,
  /** tdMaxack holds a value */
  MAXACK_SET: 4,
} as const;

/** Connection-wide flags kept with the last segment (the kernel's last_flags). */
export const LAST_FLAG = {
  SIMULTANEOUS_OPEN: 1,
  /** an ignored SYN in LAST_ACK may draw an RFC 5961 challenge ACK */
  EXP_CHALLENGE_ACK: 2,
} as const;

export class TcpDirection {
  /** the side has sent a segment the tracker used to learn its sequence space */
  init = false;
  /** sequence number just past the highest segment sent (SYN and FIN count one) */
  tdEnd = 0;
  /** highest acknowledgement number sent */
  tdMaxack = 0;
  flags = 0;

  reset(): void {
    this.init = false;
    this.tdEnd = 0;
    this.tdMaxack = 0;
    this.flags = 0;
  }

  /** Writes every field as numbers at `o` of `a` (see trackerPacking.ts); returns the next offset. */
  pack(a: Float64Array, o: number): number {
    a[o] = this.init ? 1 : 0;
    a[o + 1] = this.tdEnd;
    a[o + 2] = this.tdMaxack;
    a[o + 3] = this.flags;
    return o + 4;
  }

  unpack(a: Float64Array, o: number): number {
    this.init = a[o] !== 0;
    this.tdEnd = a[o + 1]!;
    this.tdMaxack = a[o + 2]!;
    this.flags = a[o + 3]!;
    return o + 4;
  }
}

export class TcpTrack {
  state = 0;
  lastIndex: number = SEG.NONE;
  lastDir = 0;
  lastSeq = 0;
  lastAck = 0;
  lastEnd = 0;
  lastWin = 0;
  retrans = 0;
  lastFlags = 0;
  readonly dirs: [TcpDirection, TcpDirection] = [new TcpDirection(), new TcpDirection()];

  /** Makes the tracker as good as new, for the next connection (trackers are recycled). */
  reset(): void {
    this.state = 0;
    this.lastIndex = SEG.NONE;
    this.lastDir = 0;
    this.lastSeq = 0;
    this.lastAck = 0;
    this.lastEnd = 0;
    this.lastWin = 0;
    this.retrans = 0;
    this.lastFlags = 0;
    this.dirs[0].reset();
    this.dirs[1].reset();
  }

  /** Writes every field as numbers at `o` of `a` (see trackerPacking.ts); returns the next offset. */
  pack(a: Float64Array, o: number): number {
    a[o] = this.state;
    a[o + 1] = this.lastIndex;
    a[o + 2] = this.lastDir;
    a[o + 3] = this.lastSeq;
    a[o + 4] = this.lastAck;
    a[o + 5] = this.lastEnd;
    a[o + 6] = this.lastWin;
    a[o + 7] = this.retrans;
    a[o + 8] = this.lastFlags;
    return this.dirs[1].pack(a, this.dirs[0].pack(a, o + 9));
  }

  unpack(a: Float64Array, o: number): number {
    this.state = a[o]!;
    this.lastIndex = a[o + 1]!;
    this.lastDir = a[o + 2]!;
    this.lastSeq = a[o + 3]!;
    this.lastAck = a[o + 4]!;
    this.lastEnd = a[o + 5]!;
    this.lastWin = a[o + 6]!;
    this.retrans = a[o + 7]!;
    this.lastFlags = a[o + 8]!;
    return this.dirs[1].unpack(a, this.dirs[0].unpack(a, o + 9));
  }
}
