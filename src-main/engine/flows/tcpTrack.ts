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
}
