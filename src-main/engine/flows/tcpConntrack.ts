// The TCP part of connection tracking, following the behaviour of Linux's
// nf_conntrack_proto_tcp.c with its defaults (nf_conntrack_tcp_loose=1, be_liberal=0,
// ignore_invalid_rst=0): which segment may open an entry, the state transitions with their
// special cases (reopening from TIME_WAIT/CLOSE, resynchronising on a SYN/ACK that answers
// an ignored SYN, simultaneous open, challenge ACKs, RST checks), and which timeout each
// segment leaves (UNACK and RETRANS overrides, mid-stream pick-up capped at UNACK).
//
// Not modelled: window tracking. The kernel marks segments far outside the receiver's
// window INVALID; here every segment is in-window (as with nf_conntrack_tcp_be_liberal=1,
// except that the RST sequence checks below still apply).

import type { FlowPacket } from './flowTypes.js';
import { ORIGINAL, REASON, REPLY } from './flowTypes.js';
import { DIR_FLAG, LAST_FLAG, type TcpTrack } from './tcpTrack.js';
import { TCP, TCP_ACK, TCP_FIN, TCP_NEXT, TCP_RST, TCP_SYN, SEG, segmentIndex, type ConntrackTimeouts } from './tcpStates.js';

export const VERDICT = {
  /** account the packet and refresh the timeout */
  COUNT: 0,
  /** let it pass without accounting (ignored, retransmitted SYN) or reject it (INVALID) */
  SKIP: 1,
  /** account it, then destroy the entry at once (RST before any reply) */
  KILL: 2,
  /** destroy the entry and look the packet up again: it opens a new connection */
  REPEAT: 3,
} as const;

export class TcpOutcome {
  verdict: number = VERDICT.COUNT;
  /** REASON.* for SKIP */
  reason = 0;
  /** SKIP only: whether the kernel still treats the packet as part of the entry (NF_ACCEPT) */
  accepted = false;
  timeout = 0;
  stateChanged = false;
  assure = false;

  reset(): void {
    this.verdict = VERDICT.COUNT;
    this.reason = 0;
    this.accepted = false;
    this.timeout = 0;
    this.stateChanged = false;
    this.assure = false;
  }
}

const before = (a: number, b: number): boolean => ((a - b) | 0) < 0;
const after = (a: number, b: number): boolean => ((b - a) | 0) < 0;

/** Sequence number just past the segment: data, plus one each for SYN and FIN. */
export function segmentEnd(p: FlowPacket): number {
  return (p.seq + p.payload + (p.tcpFlags & TCP_SYN ? 1 : 0) + (p.tcpFlags & TCP_FIN ? 1 : 0)) >>> 0;
}

/** The state a segment would open a new entry in, or -1 when it cannot open one. */
export function tcpOpeningState(flags: number, loose: boolean): number {
  const s = TCP_NEXT[ORIGINAL]![segmentIndex(flags)]![TCP.NONE]!;
  if (s === TCP.SYN_SENT) return s;
  if (s === TCP.ESTABLISHED && loose) return s;
  return -1;
}

/** Initialises a new entry from its first segment (the kernel's tcp_new). */
export function tcpStart(t: TcpTrack, p: FlowPacket): void {
  const d = t.dirs[ORIGINAL];
  d.init = true;
  d.tdEnd = segmentEnd(p);
  t.lastIndex = SEG.NONE;
}

function canEarlyDrop(state: number): boolean {
  return (
    state === TCP.FIN_WAIT ||
    state === TCP.LAST_ACK ||
    state === TCP.TIME_WAIT ||
    state === TCP.CLOSE ||
    state === TCP.CLOSE_WAIT
  );
}

/** Sequence bookkeeping of an accepted segment (the parts of tcp_in_window that matter without window checks). */
function track(t: TcpTrack, dir: number, index: number, p: FlowPacket): void {
  const s = t.dirs[dir]!;
  const r = t.dirs[1 - dir]!;
  const hasAck = (p.tcpFlags & TCP_ACK) !== 0;
  const end = segmentEnd(p);
  const ack = hasAck ? p.ack : r.tdEnd;
  if (!s.init) {
    s.init = true;
    s.tdEnd = end;
    if (p.tcpFlags & TCP_SYN) {
      // a SYN from the reply side in a simultaneous open: nothing else to learn
      if (!hasAck) return;
    } else if (!r.init) {
      r.tdEnd = ack;
    } else if (ack === ((r.tdEnd + 1) >>> 0)) {
      // likely the answer to a keep-alive
      r.tdEnd = ack;
    }
  } else if (p.tcpFlags & TCP_SYN && after(end, s.tdEnd) && (t.state === TCP.SYN_SENT || t.state === TCP.SYN_RECV)) {
    // a reinitialised SYN with a higher sequence number
    s.tdEnd = end;
  }
  if (after(end, s.tdEnd)) {
    s.tdEnd = end;
    s.flags |= DIR_FLAG.DATA_UNACK;
  }
  if (hasAck) {
    if (!(s.flags & DIR_FLAG.MAXACK_SET)) {
      s.tdMaxack = ack;
      s.flags |= DIR_FLAG.MAXACK_SET;
    } else if (after(ack, s.tdMaxack)) {
      s.tdMaxack = ack;
    }
  }
  if (ack === r.tdEnd) r.flags &= ~DIR_FLAG.DATA_UNACK;
  if (index === SEG.ACK) {
    if (t.lastDir === dir && t.lastSeq === p.seq && t.lastAck === ack && t.lastEnd === end && t.lastWin === p.win) {
      t.retrans++;
    } else {
      t.lastDir = dir;
      t.lastSeq = p.seq;
      t.lastAck = ack;
      t.lastEnd = end;
      t.lastWin = p.win;
      t.retrans = 0;
    }
  }
}

function ignore(t: TcpTrack, dir: number, index: number, oldState: number, p: FlowPacket, out: TcpOutcome): void {
  t.lastIndex = index;
  t.lastDir = dir;
  t.lastSeq = p.seq;
  t.lastEnd = segmentEnd(p);
  t.lastWin = p.win;
  if (index === SEG.SYN && dir === ORIGINAL) {
    t.lastFlags = 0;
    if (oldState === TCP.LAST_ACK) t.lastFlags |= LAST_FLAG.EXP_CHALLENGE_ACK;
  }
  out.verdict = VERDICT.SKIP;
  out.reason = REASON.IGNORED;
  out.accepted = true;
}

/**
 * Runs one segment of an existing entry (or of the entry it just opened) through the
 * state machine. `seenReply` / `assured` are the entry's status before this packet.
 */
export function tcpPacket(
  t: TcpTrack,
  dir: number,
  p: FlowPacket,
  seenReply: boolean,
  assured: boolean,
  to: ConntrackTimeouts,
  out: TcpOutcome,
): void {
  out.reset();
  const index = segmentIndex(p.tcpFlags);
  let oldState = t.state;
  let newState = TCP_NEXT[dir]![index]![oldState]!;
  let skipTracking = false;

  switch (newState) {
    case TCP.SYN_SENT:
      if (oldState < TCP.TIME_WAIT) break;
      // A SYN on a closed or aborted connection reopens it when a FIN was seen or the
      // same side sent the RST; otherwise the tracker may be out of sync: ignore it.
      if ((t.dirs[0].flags | t.dirs[1].flags) & DIR_FLAG.CLOSE_INIT || (t.lastDir === dir && t.lastIndex === SEG.RST)) {
        out.verdict = VERDICT.REPEAT;
        return;
      }
      ignore(t, dir, index, oldState, p, out);
      return;
    case TCP.IGNORE:
      if (index === SEG.SYNACK && t.lastIndex === SEG.SYN && t.lastDir !== dir && p.ack === t.lastEnd) {
        // This SYN/ACK answers a SYN we ignored: both ends are in sync, so follow them.
        oldState = TCP.SYN_SENT;
        newState = TCP.SYN_RECV;
        const opener = t.dirs[t.lastDir]!;
        opener.init = true;
        opener.tdEnd = t.lastEnd;
        opener.flags = 0;
        t.lastFlags &= ~LAST_FLAG.EXP_CHALLENGE_ACK;
        t.dirs[dir]!.reset();
        break;
      }
      ignore(t, dir, index, oldState, p, out);
      return;
    case TCP.INVALID:
      out.verdict = VERDICT.SKIP;
      out.reason = REASON.INVALID_STATE;
      return;
    case TCP.TIME_WAIT:
      if (
        oldState === TCP.LAST_ACK &&
        index === SEG.ACK &&
        t.lastDir !== dir &&
        t.lastIndex === SEG.SYN &&
        t.lastFlags & LAST_FLAG.EXP_CHALLENGE_ACK
      ) {
        // an RFC 5961 challenge ACK answering a spurious SYN does not ack the last FIN
        t.lastFlags &= ~LAST_FLAG.EXP_CHALLENGE_ACK;
        out.verdict = VERDICT.SKIP;
        out.reason = REASON.CHALLENGE_ACK;
        out.accepted = true;
        return;
      }
      break;
    case TCP.SYN_SENT2:
      t.lastFlags |= LAST_FLAG.SIMULTANEOUS_OPEN;
      break;
    case TCP.SYN_RECV:
      if (dir === REPLY && index === SEG.ACK && t.lastFlags & LAST_FLAG.SIMULTANEOUS_OPEN) newState = TCP.ESTABLISHED;
      break;
    case TCP.CLOSE: {
      if (index !== SEG.RST) break;
      if (canEarlyDrop(oldState)) {
        skipTracking = true;
        break;
      }
      const established = oldState === TCP.ESTABLISHED && assured;
      const other = t.dirs[1 - dir]!;
      if (other.flags & DIR_FLAG.MAXACK_SET && t.lastIndex !== SEG.SYN) {
        const seq = p.seq;
        if (seq === 0 && !established) break;
        if (before(seq, other.tdMaxack)) {
          out.verdict = VERDICT.SKIP;
          out.reason = REASON.INVALID_RST;
          return;
        }
        if (!established || seq === other.tdMaxack) break;
        if (t.lastIndex === SEG.ACK && t.lastDir === dir && seq === t.lastEnd) break;
        // the RST does not match exactly: keep the state, a challenge ACK may follow
        newState = oldState;
      }
      if (((seenReply && t.lastIndex === SEG.SYN) || (!assured && t.lastIndex === SEG.ACK)) && p.ack === t.lastEnd) {
        // RST answering a SYN or ACK we let through while out of sync
        skipTracking = true;
      }
      break;
    }
    default:
      break;
  }

  if (!skipTracking) track(t, dir, index, p);
  t.lastIndex = index;
  t.lastDir = dir;
  t.state = newState;
  if (oldState !== newState && newState === TCP.FIN_WAIT) t.dirs[dir]!.flags |= DIR_FLAG.CLOSE_INIT;

  const tt = to.tcp;
  let timeout: number;
  if (t.retrans >= to.tcpMaxRetrans && tt[newState]! > to.tcpRetrans) timeout = to.tcpRetrans;
  else if (index === SEG.RST) timeout = tt[TCP.CLOSE]!;
  else if ((t.dirs[0].flags | t.dirs[1].flags) & DIR_FLAG.DATA_UNACK && tt[newState]! > to.tcpUnack) timeout = to.tcpUnack;
  else if (t.lastWin === 0 && tt[newState]! > to.tcpRetrans) timeout = to.tcpRetrans;
  else timeout = tt[newState]!;
  out.stateChanged = newState !== oldState;

  if (!seenReply) {
    if (p.tcpFlags & TCP_RST) {
      // the only answer is a reset: no connection, drop the entry now
      out.verdict = VERDICT.KILL;
      return;
    }
    if (index === SEG.SYN && oldState === TCP.SYN_SENT) {
      // a retransmitted SYN must not keep the entry alive (port reuse); not accounted
      out.verdict = VERDICT.SKIP;
      out.reason = REASON.SYN_RETRANSMIT;
      out.accepted = true;
      return;
    }
    // picked up mid-stream without a reply yet: no five-day timeout
    if (newState === TCP.ESTABLISHED && timeout > to.tcpUnack) timeout = to.tcpUnack;
  } else if (!assured && (oldState === TCP.SYN_RECV || oldState === TCP.ESTABLISHED) && newState === TCP.ESTABLISHED) {
    out.assure = true;
  }
  out.verdict = VERDICT.COUNT;
  out.timeout = timeout;
}
