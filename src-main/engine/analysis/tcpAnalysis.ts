// TCP sequence analysis with Wireshark's `tcp.analysis.*` names and expert texts:
// retransmissions (plain, fast, spurious), out-of-order, lost and ACKed-unseen segments,
// duplicate ACKs, zero window (and probes), window full, window update, keep-alives,
// connection closing, reused ports, each stream's handshake RTT and the scaled window. The
// rules are tshark 4.0's as observed on crafted captures (order of the checks, raw 32-bit
// numbers with 0 for "unknown", which packets show the iRTT), so both tools flag the same packets.

import { registerFields, fieldById, fieldId } from '../fields/fieldRegistry.js';
import { GENERATED, type PacketFields } from '../fields/packetFields.js';
import type { DissectCtx } from '../dissect/context.js';
import type { Analyzer } from '../pass/analyzer.js';
import { Column } from '../index/growableColumns.js';
import { fieldIn, isQuoted, valueIn } from './layerFields.js';
import { MAX_UNACKED, TcpDirection, seqGt, seqLt, seqLe } from './tcpDirection.js';
import { ipv4Key, ipv6Key } from '../flows/flowKey.js';
import type { LeanPacket } from '../lean/leanPacket.js';

const seq = (severity: 'Chat' | 'Note' | 'Warning', description: string) =>
  ({ name: '', type: 'none', description, expert: { severity, group: 'Sequence' } }) as const;

/** Analysis results, one bit each, kept per packet. */
export const TA = {
  retransmission: 1 << 0,
  fastRetransmission: 1 << 1,
  spuriousRetransmission: 1 << 2,
  outOfOrder: 1 << 3,
  lostSegment: 1 << 4,
  ackLostSegment: 1 << 5,
  duplicateAck: 1 << 6,
  zeroWindow: 1 << 7,
  zeroWindowProbe: 1 << 8,
  zeroWindowProbeAck: 1 << 9,
  windowFull: 1 << 10,
  windowUpdate: 1 << 11,
  keepAlive: 1 << 12,
  keepAliveAck: 1 << 13,
  finActive: 1 << 14,
  finPassive: 1 << 15,
  reusedPorts: 1 << 16,
} as const;

/** Kept with a packet's flags, not reported as one: tshark shows the iRTT on this packet. */
const SHOW_IRTT = 1 << 24;
/**
 * Kept with a packet's flags: its direction's window scale at the time, as shift + 3 (see
 * TcpDirection.winScale); 0 when the packet got no TCP fields from the analyzer at all.
 */
const SCALE_SHIFT = 25;
const SCALE_MASK = 0x1f;
const NON_FLAG_BITS = SHOW_IRTT | (SCALE_MASK << SCALE_SHIFT);

export const TA_F = registerFields({
  analysis: { name: 'tcp.analysis', type: 'none', description: 'SEQ/ACK analysis' },
  flags: { name: 'tcp.analysis.flags', type: 'none', description: 'TCP Analysis Flags' },
  retransmission: { ...seq('Note', 'This frame is a (suspected) retransmission'), name: 'tcp.analysis.retransmission' },
  fastRetransmission: { ...seq('Note', 'This frame is a (suspected) fast retransmission'), name: 'tcp.analysis.fast_retransmission' },
  spuriousRetransmission: { ...seq('Note', 'This frame is a (suspected) spurious retransmission'), name: 'tcp.analysis.spurious_retransmission' },
  outOfOrder: { ...seq('Warning', 'This frame is a (suspected) out-of-order segment'), name: 'tcp.analysis.out_of_order' },
  lostSegment: { ...seq('Warning', 'Previous segment(s) not captured (common at capture start)'), name: 'tcp.analysis.lost_segment' },
  ackLostSegment: { ...seq('Warning', "ACKed segment that wasn't captured (common at capture start)"), name: 'tcp.analysis.ack_lost_segment' },
  duplicateAck: { ...seq('Note', 'Duplicate ACK'), name: 'tcp.analysis.duplicate_ack' },
  duplicateAckNum: { name: 'tcp.analysis.duplicate_ack_num', type: 'uint', description: 'Duplicate ACK #' },
  duplicateAckFrame: { name: 'tcp.analysis.duplicate_ack_frame', type: 'uint', description: 'Duplicate to the ACK in frame' },
  zeroWindow: { ...seq('Warning', 'TCP Zero Window segment'), name: 'tcp.analysis.zero_window' },
  zeroWindowProbe: { ...seq('Note', 'TCP Zero Window Probe'), name: 'tcp.analysis.zero_window_probe' },
  zeroWindowProbeAck: { ...seq('Note', 'ACK to a TCP Zero Window Probe'), name: 'tcp.analysis.zero_window_probe_ack' },
  windowFull: { ...seq('Warning', 'TCP window specified by the receiver is now completely full'), name: 'tcp.analysis.window_full' },
  windowUpdate: { ...seq('Chat', 'TCP window update'), name: 'tcp.analysis.window_update' },
  keepAlive: { ...seq('Note', 'TCP keep-alive segment'), name: 'tcp.analysis.keep_alive' },
  keepAliveAck: { ...seq('Note', 'ACK to a TCP keep-alive segment'), name: 'tcp.analysis.keep_alive_ack' },
  finActive: { ...seq('Note', 'This frame initiates the connection closing'), name: 'tcp.connection.fin_active' },
  finPassive: { ...seq('Note', 'This frame undergoes the connection closing'), name: 'tcp.connection.fin_passive' },
  reusedPorts: { ...seq('Note', 'A new tcp session is started with the same ports as an earlier session in this trace'), name: 'tcp.analysis.reused_ports' },
  initialRtt: { name: 'tcp.analysis.initial_rtt', type: 'reltime', description: 'iRTT' },
});

/** Flag bit → the expert field reporting it, in the order tshark lists them. */
export const REPORTS: readonly [number, number][] = [
  [TA.fastRetransmission, TA_F.fastRetransmission],
  [TA.spuriousRetransmission, TA_F.spuriousRetransmission],
  [TA.retransmission, TA_F.retransmission],
  [TA.outOfOrder, TA_F.outOfOrder],
  [TA.reusedPorts, TA_F.reusedPorts],
  [TA.lostSegment, TA_F.lostSegment],
  [TA.ackLostSegment, TA_F.ackLostSegment],
  [TA.keepAlive, TA_F.keepAlive],
  [TA.keepAliveAck, TA_F.keepAliveAck],
  [TA.zeroWindowProbe, TA_F.zeroWindowProbe],
  [TA.zeroWindowProbeAck, TA_F.zeroWindowProbeAck],
  [TA.zeroWindow, TA_F.zeroWindow],
  [TA.windowFull, TA_F.windowFull],
  [TA.windowUpdate, TA_F.windowUpdate],
];

/** TA bits whose expert entries are warnings (what the packet index marks). */
export const TA_WARNINGS = REPORTS.reduce((mask, [bit, id]) => {
  const severity = fieldById(id).expert?.severity;
  return severity === 'Warning' || severity === 'Error' ? mask | bit : mask;
}, 0);

const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const ACK = 0x10;

interface StreamState {
  dirs: [TcpDirection, TcpDirection];
  /** endpoint of direction 0's sender: "srcport" of the first segment */
  firstSrcPort: number;
  firstSrcAddr: string;
  /** direction that sent the first FIN, -1 before */
  finFrom: number;
  /** time (ns) of the most recent SYN without ACK, NaN before one */
  synTime: number;
  /** handshake RTT in ns; 0 while unknown (tshark treats a zero RTT as unknown too) */
  initialRtt: number;
}

/** What the analysis reads from one segment, from a field record or from the lean decoder. */
class TcpSegment {
  stream = 0;
  seq = 0;
  ack = 0;
  flags = 0;
  win = 0;
  len = 0;
  srcPort = 0;
  dstPort = 0;
  /** window scale shift option, NaN without one */
  wscale = NaN;
  /** the header was cut or malformed: only the handshake is timed */
  cut = false;
  tsSec = 0;
  tsNsec = 0;
  /** where the network addresses come from, for the rare keys that need them */
  lean: LeanPacket | null = null;
  f: PacketFields | null = null;
  layer = -1;
}

/**
 * The window as the receiver means it, from a packet's stored bits: scaled unless the
 * segment is a SYN or the scale is unknown (a shift is at most 14: the factor is a small
 * integer, and a shift is much cheaper than `**`).
 */
function scaledWindow(stored: number, win: number, flags: number): number {
  const winScale = ((stored >>> SCALE_SHIFT) & SCALE_MASK) - 3;
  return !(flags & SYN) && winScale >= 0 ? win * (1 << winScale) : win;
}

const NS_PER_S = 1e9;
/** a resend this soon after the peer's last ACK can answer its duplicate ACKs */
const FAST_RETRANSMISSION_NS = 20_000_000;
/** out-of-order window before the handshake RTT is known */
const DEFAULT_OOO_NS = 3_000_000;

export class TcpAnalyzer implements Analyzer {
  private readonly streams: StreamState[] = [];
  /** TA bits per packet, plus SHOW_IRTT and the window scale (NON_FLAG_BITS) */
  private readonly flagsByPacket = new Column(Uint32Array, 1024);
  private readonly dupAcks = new Map<number, [number, number]>();
  /** address/port pairs that already had a stream: a new stream for one of them reuses its ports */
  private readonly pairs = new Set<string>();
  /**
   * Times are integer nanoseconds since the first packet's second, so that differences
   * compare exactly with tshark's thresholds (seconds since the epoch as a double would
   * blur them by a few hundred nanoseconds).
   */
  private baseSec = NaN;
  private readonly seg = new TcpSegment();
  private readonly icmpIds = [fieldId('icmp'), fieldId('icmpv6')];
  private readonly id = {
    tcp: fieldId('tcp'),
    stream: fieldId('tcp.stream'),
    seq: fieldId('tcp.seq_raw'),
    ack: fieldId('tcp.ack_raw'),
    flags: fieldId('tcp.flags'),
    win: fieldId('tcp.window_size_value'),
    windowSize: fieldId('tcp.window_size'),
    malformed: fieldId('_ws.malformed'),
    short: fieldId('_ws.short'),
    len: fieldId('tcp.len'),
    srcport: fieldId('tcp.srcport'),
    dstport: fieldId('tcp.dstport'),
    wscale: fieldId('tcp.options.wscale.shift'),
    ipSrc: fieldId('ip.src'),
    ipDst: fieldId('ip.dst'),
    ip6Src: fieldId('ipv6.src'),
    ip6Dst: fieldId('ipv6.dst'),
  };

  /** Duplicate ACK number and the frame it duplicates, for a packet flagged as one. */
  duplicateAckOf(packet: number): readonly [number, number] | undefined {
    return this.dupAcks.get(packet);
  }

  reserve(packets: number): void {
    this.flagsByPacket.reserve(packets);
  }

  /** Analysis flags (TA bits) of a packet. */
  flagsOf(packet: number): number {
    return packet < this.flagsByPacket.capacity ? this.flagsByPacket.data[packet]! & ~NON_FLAG_BITS : 0;
  }

  /** `tcp.window_size` of an analysed packet whose header has window `win` and flags `flags`. */
  windowSizeOf(packet: number, win: number, flags: number): number {
    return scaledWindow(packet < this.flagsByPacket.capacity ? this.flagsByPacket.data[packet]! : 0, win, flags);
  }

  observe(f: PacketFields, c: DissectCtx, packet: number): void {
    this.flagsByPacket.ensure(packet + 1);
    this.flagsByPacket.data[packet] = 0;
    this.quotedWindows(f);
    const layer = this.primaryLayer(f);
    if (layer < 0) return;
    const get = (id: number): number => valueIn(f, id, layer);
    const g = this.seg;
    g.stream = get(this.id.stream);
    g.seq = get(this.id.seq);
    g.flags = get(this.id.flags);
    g.srcPort = get(this.id.srcport);
    g.dstPort = get(this.id.dstport);
    // a header cut before its flags (or with a bogus length) is not analysed
    if (Number.isNaN(g.stream) || Number.isNaN(g.seq) || Number.isNaN(g.flags)) return;
    g.cut = f.has(this.id.malformed) || f.has(this.id.short);
    g.ack = get(this.id.ack) || 0;
    g.win = get(this.id.win) || 0;
    g.len = get(this.id.len) || 0;
    g.wscale = get(this.id.wscale);
    g.tsSec = c.meta.tsSec;
    g.tsNsec = c.meta.tsNsec;
    g.lean = null;
    g.f = f;
    g.layer = layer;
    const stored = this.analyze(g, packet);
    this.report(f, layer, packet, stored, this.streams[g.stream]);
  }

  observeLean(p: LeanPacket, packet: number): void {
    this.flagsByPacket.ensure(packet + 1);
    this.flagsByPacket.data[packet] = 0;
    if (p.l4 !== 6) return;
    const g = this.seg;
    const t = p.flow;
    g.stream = p.stream;
    g.seq = t.seq;
    g.flags = t.tcpFlags;
    g.srcPort = t.sport;
    g.dstPort = t.dport;
    g.cut = false;
    g.ack = t.ack;
    g.win = t.win;
    g.len = t.payload;
    g.wscale = p.wscale;
    g.tsSec = p.tsSec;
    g.tsNsec = p.tsNsec;
    g.lean = p;
    g.f = null;
    this.analyze(g, packet);
  }

  /** Runs one segment through its stream's state; returns (and keeps) the packet's stored bits. */
  private analyze(g: TcpSegment, packet: number): number {
    const { stream: streamId, seq: seqNo, flags, srcPort, dstPort } = g;
    if (Number.isNaN(this.baseSec)) this.baseSec = g.tsSec;
    const now = (g.tsSec - this.baseSec) * NS_PER_S + g.tsNsec;

    let r = 0;
    let s = this.streams[streamId];
    if (!s) {
      const addr = srcPort === dstPort ? this.addressKey(g, true) : '';
      s = { dirs: [new TcpDirection(), new TcpDirection()], firstSrcPort: srcPort, firstSrcAddr: addr, finFrom: -1, synTime: NaN, initialRtt: 0 };
      this.streams[streamId] = s;
      // the stream table starts a second stream for an address/port pair only for a SYN with a new ISN
      const a = this.addressKey(g, true) + '/' + srcPort;
      const b = this.addressKey(g, false) + '/' + dstPort;
      const pair = a < b ? a + '|' + b : b + '|' + a;
      if (this.pairs.has(pair)) r |= TA.reusedPorts;
      else this.pairs.add(pair);
    }
    if (g.cut) {
      // tshark stops within the header (options, a header longer than the segment): it has
      // timed the handshake by then, but not scaled the window nor analysed the sequence
      this.timeHandshake(s, flags, now);
      const stored = (-1 + 3) << SCALE_SHIFT; // as with an unknown scale: the window as written
      this.flagsByPacket.data[packet] = stored;
      return stored;
    }
    const ackNo = g.ack;
    const win = g.win;
    const segLen = g.len;
    const d = this.directionOf(s, g);
    const fwd = s.dirs[d]!;
    const rev = s.dirs[1 - d]!;

    // window scaling as negotiated in the handshake: both SYNs must carry the option
    if (flags & SYN) {
      const ws = g.wscale;
      if (!Number.isNaN(ws)) fwd.winScale = Math.min(ws, 14);
      if (fwd.winScale === -1) {
        fwd.winScale = -2;
        rev.winScale = -2;
      } else if (flags & ACK && rev.winScale === -2) {
        fwd.winScale = -2;
      }
    }

    this.timeHandshake(s, flags, now);

    if (flags & ACK) rev.validBif = true;
    const sameAsLast = segLen === 0 && seqNo === fwd.nextSeq && ackNo === fwd.lastAck && !(flags & (SYN | FIN | RST));
    checks: {
      if (segLen === 1 && seqNo === fwd.nextSeq && rev.window === 0) {
        r |= TA.zeroWindowProbe;
        break checks;
      }
      if (win === 0 && !(flags & (RST | FIN | SYN))) r |= TA.zeroWindow;
      if (fwd.nextSeq !== 0 && seqGt(seqNo, fwd.nextSeq) && !(flags & RST)) {
        r |= TA.lostSegment;
        fwd.validBif = false;
      }
      if (segLen <= 1 && seqNo === ((fwd.nextSeq - 1) >>> 0) && !(flags & (SYN | FIN | RST))) r |= TA.keepAlive;
      if (sameAsLast && win !== 0 && win !== fwd.window) r |= TA.windowUpdate;
      if (
        segLen > 0 &&
        rev.winScale !== -1 &&
        ((seqNo + segLen) >>> 0) === ((rev.lastAck + rev.effectiveWindow()) >>> 0) &&
        !(flags & (SYN | FIN | RST))
      ) {
        r |= TA.windowFull;
      }
      if (sameAsLast && win !== 0 && win === fwd.window && rev.lastFlags & TA.keepAlive) {
        r |= TA.keepAliveAck;
        break checks;
      }
      if (sameAsLast && win === 0 && win === fwd.window && rev.lastFlags & TA.zeroWindowProbe) {
        r |= TA.zeroWindowProbeAck;
        break checks;
      }
      if (sameAsLast && win !== 0 && win === fwd.window) {
        fwd.dupAckCount = fwd.dupAckCount === -1 ? 1 : fwd.dupAckCount + 1;
        r |= TA.duplicateAck;
        this.dupAcks.set(packet, [fwd.dupAckCount, fwd.lastNonDupAckFrame]);
      }
    }
    if (ackNo !== fwd.lastAck) {
      fwd.lastNonDupAckFrame = packet + 1;
      fwd.dupAckCount = 0;
    }
    // an ACK beyond what the peer was seen to send always gets tshark's analysis, flagged or not
    const acksUnseen = (flags & ACK) !== 0 && rev.maxSeqToBeAcked !== 0 && seqGt(ackNo, rev.maxSeqToBeAcked);
    if (acksUnseen) {
      if (seqGt(rev.nextSeq, rev.maxSeqToBeAcked)) {
        // a hole in what the peer sent: the ACK covers a segment that was not captured
        rev.maxSeqToBeAcked = rev.nextSeq;
        r |= TA.ackLostSegment;
      } else {
        // no hole, yet acknowledged beyond it: report it once, until the peer acknowledges something new
        if (rev.dupAckCount === 0) r |= TA.ackLostSegment;
        rev.dupAckCount = -1;
      }
    }

    if ((segLen > 0 || flags & (SYN | FIN)) && !(r & TA.keepAlive)) {
      r |= this.retransmissionKind(fwd, rev, s, seqNo, segLen, flags, now);
    }

    let next = (seqNo + segLen) >>> 0;
    if ((segLen > 0 || flags & (SYN | FIN)) && fwd.unackedCount < MAX_UNACKED) {
      // tshark counts the SYN/FIN's sequence number only for segments it keeps for acknowledgment
      if (flags & (SYN | FIN)) next = (next + 1) >>> 0;
      fwd.addUnacked(next);
    }
    if (!(r & TA.zeroWindowProbe)) {
      if (fwd.nextSeq === 0 || seqGt(next, fwd.nextSeq)) {
        fwd.nextSeq = next;
        fwd.nextSeqTime = now;
      }
      if (fwd.maxSeqToBeAcked === 0 || seqNo === fwd.maxSeqToBeAcked) fwd.maxSeqToBeAcked = fwd.nextSeq;
    }
    fwd.window = win;
    fwd.windowFromSyn = (flags & SYN) !== 0;
    fwd.lastAck = ackNo;
    fwd.lastAckTime = now;
    fwd.lastFlags = r;
    // tshark shows its SEQ/ACK analysis (and the iRTT in it) only on segments it has something to say about
    const acksSegment = (flags & ACK) !== 0 && rev.acknowledge(ackNo);
    const analysed = r !== 0 || acksUnseen || acksSegment || (segLen > 0 && fwd.unackedCount > 0 && fwd.validBif);

    if (flags & FIN) {
      if (s.finFrom < 0) s.finFrom = d;
      r |= s.finFrom === d ? TA.finActive : TA.finPassive;
    }
    const stored = r | (analysed && s.initialRtt !== 0 ? SHOW_IRTT : 0) | ((fwd.winScale + 3) << SCALE_SHIFT);
    this.flagsByPacket.data[packet] = stored;
    return stored;
  }

  annotate(f: PacketFields, _c: DissectCtx, packet: number): void {
    this.quotedWindows(f);
    const layer = this.primaryLayer(f);
    const stored = packet < this.flagsByPacket.capacity ? this.flagsByPacket.data[packet]! : 0;
    if (layer < 0 || stored === 0) return;
    const i = fieldIn(f, this.id.stream, layer);
    this.report(f, layer, packet, stored, i >= 0 ? this.streams[f.vals[i]!] : undefined);
  }

  /** Handshake RTT: from the last SYN to the first segment with ACK but not SYN, either way. */
  private timeHandshake(s: StreamState, flags: number, now: number): void {
    if ((flags & (SYN | ACK)) === SYN) s.synTime = now;
    else if ((flags & (SYN | ACK)) === ACK && s.initialRtt === 0 && !Number.isNaN(s.synTime)) s.initialRtt = now - s.synTime;
  }

  /** Which of the stream's directions the segment travels in. */
  private directionOf(s: StreamState, g: TcpSegment): 0 | 1 {
    // ports tell the directions apart; only a connection between equal ports needs the addresses
    if (s.firstSrcPort !== g.srcPort) return 1;
    return g.srcPort !== g.dstPort || s.firstSrcAddr === this.addressKey(g, true) ? 0 : 1;
  }

  /** TCP headers quoted in ICMP errors: tshark shows their window as written. */
  private quotedWindows(f: PacketFields): void {
    const saved = f.parent;
    for (let l = f.first(this.id.tcp); l >= 0; l = f.nexts[l]!) {
      if (!isQuoted(f, l, this.icmpIds)) continue;
      const w = fieldIn(f, this.id.win, l);
      if (w < 0) continue;
      f.parent = l;
      f.add(this.id.windowSize, f.starts[w]!, f.lens[w]!, f.vals[w]!, GENERATED);
    }
    f.parent = saved;
  }

  private retransmissionKind(fwd: TcpDirection, rev: TcpDirection, s: StreamState, seqNo: number, segLen: number, flags: number, now: number): number {
    let notAdvanced = fwd.nextSeq !== 0 && seqLt(seqNo, fwd.nextSeq);
    // more than one byte from just before the expected number adds new data (after a zero-window probe)
    if (segLen > 1 && ((fwd.nextSeq - 1) >>> 0) === seqNo) notAdvanced = false;
    // data the peer has already acknowledged, whether or not it is behind the highest segment
    if (segLen > 0 && rev.lastAck !== 0 && seqLe((seqNo + segLen) >>> 0, rev.lastAck)) return TA.spuriousRetransmission | TA.retransmission;
    if (!notAdvanced) return 0;
    // time differences are unsigned in tshark: a segment timestamped before the reference (files
    // merged from several interfaces) is never "close" to it
    const sinceAck = now - rev.lastAckTime;
    if (rev.dupAckCount >= 2 && rev.lastAck === seqNo && sinceAck >= 0 && sinceAck < FAST_RETRANSMISSION_NS) {
      return TA.fastRetransmission | TA.retransmission;
    }
    const threshold = s.initialRtt === 0 ? DEFAULT_OOO_NS : s.initialRtt < 0 ? Infinity : s.initialRtt;
    const end = (seqNo + segLen + (flags & (SYN | FIN) ? 1 : 0)) >>> 0;
    const sinceNext = now - fwd.nextSeqTime;
    if (sinceNext >= 0 && sinceNext < threshold && fwd.nextSeq !== end) return TA.outOfOrder;
    return TA.retransmission;
  }

  private report(f: PacketFields, layer: number, packet: number, r: number, s: StreamState | undefined): void {
    const saved = f.parent;
    f.parent = layer;
    const w = fieldIn(f, this.id.win, layer);
    const flagsAt = fieldIn(f, this.id.flags, layer);
    if (w >= 0 && flagsAt >= 0) f.add(this.id.windowSize, f.starts[w]!, f.lens[w]!, scaledWindow(r, f.vals[w]!, f.vals[flagsAt]!), GENERATED);
    const shown = r & ~(TA.finActive | TA.finPassive | NON_FLAG_BITS);
    if (s && (shown || r & SHOW_IRTT)) {
      const top = f.open(TA_F.analysis, 0, 0, 0, GENERATED);
      if (r & SHOW_IRTT) f.add(TA_F.initialRtt, 0, 0, s.initialRtt / NS_PER_S, GENERATED);
      if (shown) this.addFlags(f, r, packet);
      f.close(top);
    }
    this.addFinMarks(f, r);
    f.parent = saved;
  }

  /** The `tcp.analysis.flags` subtree of a packet's stored bits `r`, under the current parent. */
  addFlags(f: PacketFields, r: number, packet: number): void {
    const flagsNode = f.open(TA_F.flags, 0, 0, 0, GENERATED);
    for (const [bit, id] of REPORTS) if (r & bit) f.add(id, 0, 0, 0, GENERATED);
    if (r & TA.duplicateAck) {
      const [num, frame] = this.dupAcks.get(packet) ?? [0, 0];
      f.addString(TA_F.duplicateAck, 0, 0, `Duplicate ACK (#${num})`, GENERATED);
      f.add(TA_F.duplicateAckNum, 0, 0, num, GENERATED);
      f.add(TA_F.duplicateAckFrame, 0, 0, frame, GENERATED);
    }
    f.close(flagsNode);
  }

  /** The FIN markers of stored bits `r` (tcp.connection.fin_active / fin_passive). */
  addFinMarks(f: PacketFields, r: number): void {
    if (r & TA.finActive) f.add(TA_F.finActive, 0, 0, 0, GENERATED);
    if (r & TA.finPassive) f.add(TA_F.finPassive, 0, 0, 0, GENERATED);
  }

  /** The packet's own TCP layer (not one quoted inside an ICMP error), or -1. */
  private primaryLayer(f: PacketFields): number {
    for (let l = f.first(this.id.tcp); l >= 0; l = f.nexts[l]!) if (!isQuoted(f, l, this.icmpIds)) return l;
    return -1;
  }


  /** The source (or destination) address of the segment's network layer, as a string key. */
  private addressKey(g: TcpSegment, source: boolean): string {
    const p = g.lean;
    // the lean decoder's tuple has these keys already (flowKey.ts's format, as below)
    if (p) return source ? p.flow.src : p.flow.dst;
    const f = g.f!;
    let v4 = -1;
    for (let i = f.first(source ? this.id.ipSrc : this.id.ipDst); i >= 0 && i < g.layer; i = f.nexts[i]!) v4 = i;
    let v6 = -1;
    for (let i = f.first(source ? this.id.ip6Src : this.id.ip6Dst); i >= 0 && i < g.layer; i = f.nexts[i]!) v6 = i;
    if (v4 > v6) return ipv4Key(f.vals[v4]!);
    if (v6 >= 0) return f.lens[v6] === 16 ? ipv6Key(f.bytes(v6)) : String.fromCharCode(...f.bytes(v6));
    return '';
  }
}
