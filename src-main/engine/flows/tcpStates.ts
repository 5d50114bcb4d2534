// The TCP connection-tracking states, the transition table and the default timeouts of
// Linux's nf_conntrack TCP tracker, written from its documented behaviour (state names
// as /proc/net/nf_conntrack prints them; values are the kernel's enum order).

export const TCP = {
  NONE: 0,
  SYN_SENT: 1,
  SYN_RECV: 2,
  ESTABLISHED: 3,
  FIN_WAIT: 4,
  CLOSE_WAIT: 5,
  LAST_ACK: 6,
  TIME_WAIT: 7,
  CLOSE: 8,
  SYN_SENT2: 9,
  /** "invalid": the packet does not fit the state (the kernel's TCP_CONNTRACK_MAX) */
  INVALID: 10,
  /** the packet is let through but changes nothing (the tracker may be out of sync) */
  IGNORE: 11,
} as const;

export const TCP_STATE_NAMES = [
  'NONE',
  'SYN_SENT',
  'SYN_RECV',
  'ESTABLISHED',
  'FIN_WAIT',
  'CLOSE_WAIT',
  'LAST_ACK',
  'TIME_WAIT',
  'CLOSE',
  'SYN_SENT2',
] as const;

/** Which row of the table a segment uses, from its flags (RST wins, then SYN, FIN, ACK). */
export const SEG = { SYN: 0, SYNACK: 1, FIN: 2, ACK: 3, RST: 4, NONE: 5 } as const;

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;
export const TCP_URG = 0x20;
export const TCP_ECE = 0x40;
export const TCP_CWR = 0x80;

export function segmentIndex(flags: number): number {
  if (flags & TCP_RST) return SEG.RST;
  if (flags & TCP_SYN) return flags & TCP_ACK ? SEG.SYNACK : SEG.SYN;
  if (flags & TCP_FIN) return SEG.FIN;
  if (flags & TCP_ACK) return SEG.ACK;
  return SEG.NONE;
}

/**
 * Flag combinations the kernel accepts (PSH, ECE and CWR ignored); anything else, such as
 * SYN+FIN, FIN without ACK or no flags at all, makes the packet INVALID before lookup.
 */
export function validTcpFlags(flags: number): boolean {
  switch (flags & (TCP_FIN | TCP_SYN | TCP_RST | TCP_ACK | TCP_URG)) {
    case TCP_SYN:
    case TCP_SYN | TCP_URG:
    case TCP_SYN | TCP_ACK:
    case TCP_RST:
    case TCP_RST | TCP_ACK:
    case TCP_FIN | TCP_ACK:
    case TCP_FIN | TCP_ACK | TCP_URG:
    case TCP_ACK:
    case TCP_ACK | TCP_URG:
      return true;
    default:
      return false;
  }
}

const sSS = TCP.SYN_SENT;
const sSR = TCP.SYN_RECV;
const sES = TCP.ESTABLISHED;
const sFW = TCP.FIN_WAIT;
const sCW = TCP.CLOSE_WAIT;
const sLA = TCP.LAST_ACK;
const sTW = TCP.TIME_WAIT;
const sCL = TCP.CLOSE;
const sS2 = TCP.SYN_SENT2;
const sIV = TCP.INVALID;
const sIG = TCP.IGNORE;

/**
 * NEXT[direction][segment][state] → state. Direction 0 is the original direction (the
 * side that opened the flow), 1 the reply. Columns: NONE, SYN_SENT, SYN_RECV, ESTABLISHED,
 * FIN_WAIT, CLOSE_WAIT, LAST_ACK, TIME_WAIT, CLOSE, SYN_SENT2.
 */
export const TCP_NEXT: readonly (readonly (readonly number[])[])[] = [
  [
    /* SYN    */ [sSS, sSS, sIG, sIG, sIG, sIG, sIG, sSS, sSS, sS2],
    /* SYNACK */ [sIV, sIV, sSR, sIV, sIV, sIV, sIV, sIV, sIV, sSR],
    /* FIN    */ [sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV],
    /* ACK    */ [sES, sIV, sES, sES, sCW, sCW, sTW, sTW, sCL, sIV],
    /* RST    */ [sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL],
    /* NONE   */ [sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV],
  ],
  [
    /* SYN    */ [sIV, sS2, sIV, sIV, sIV, sIV, sIV, sSS, sIV, sS2],
    /* SYNACK */ [sIV, sSR, sIG, sIG, sIG, sIG, sIG, sIG, sIG, sSR],
    /* FIN    */ [sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV],
    /* ACK    */ [sIV, sIG, sSR, sES, sCW, sCW, sTW, sTW, sCL, sIG],
    /* RST    */ [sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL],
    /* NONE   */ [sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV],
  ],
];

/** Timeouts in seconds, as the net.netfilter.nf_conntrack_*_timeout* sysctls default them. */
export interface ConntrackTimeouts {
  /** by TCP state (index = TCP.*); NONE is unused */
  tcp: readonly number[];
  /** applies once the same segment was seen `tcpMaxRetrans` times, and on a zero window */
  tcpRetrans: number;
  /** applies while data sent in either direction is not acknowledged yet */
  tcpUnack: number;
  tcpMaxRetrans: number;
  udp: number;
  udpStream: number;
  icmp: number;
  icmpv6: number;
  generic: number;
}

export const DEFAULT_TIMEOUTS: ConntrackTimeouts = {
  tcp: [0, 120, 60, 432000, 120, 60, 30, 120, 10, 120],
  tcpRetrans: 300,
  tcpUnack: 300,
  tcpMaxRetrans: 3,
  udp: 30,
  udpStream: 120,
  icmp: 30,
  icmpv6: 30,
  generic: 600,
};
