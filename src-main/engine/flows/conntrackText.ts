// The kernel's text forms of a flow: a /proc/net/nf_conntrack line (zero-padded IPv6,
// `mark= zone= delta-time= use=` as a kernel with zones and timestamps prints them) and a
// `conntrack -E -o timestamp,extended,id` event line. Counts of seconds are whole seconds,
// rounded down, as the kernel divides jiffies.

import { addressText, icmpInverseType, icmpProto } from './flowKey.js';
import { REPLY, type Flow, type FlowEvent } from './flowTypes.js';
import { TCP_STATE_NAMES } from './tcpStates.js';

const L4_NAMES: Readonly<Record<number, string>> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 33: 'dccp', 47: 'gre', 58: 'icmpv6', 132: 'sctp', 136: 'udplite' };

/** "ipv4     2 tcp      6 " */
function protoPrefix(f: Flow): string {
  const l3 = f.l3 === 6 ? 'ipv6' : 'ipv4';
  const l4 = f.proto === icmpProto(f.l3) || f.proto === 6 || f.proto === 17 ? L4_NAMES[f.proto]! : 'unknown';
  return `${l3.padEnd(8)} ${f.l3 === 6 ? 10 : 2} ${l4.padEnd(8)} ${f.proto} `;
}

/** One direction's tuple: "src=… dst=… sport=… dport=… " (or type/code/id for ICMP). */
export function tupleText(f: Flow, dir: number, paddedIPv6 = false): string {
  const reply = dir === REPLY;
  const src = addressText(reply ? f.dst : f.src, paddedIPv6);
  const dst = addressText(reply ? f.src : f.dst, paddedIPv6);
  let s = `src=${src} dst=${dst} `;
  if (f.proto === 6 || f.proto === 17) {
    s += reply ? `sport=${f.dport} dport=${f.sport} ` : `sport=${f.sport} dport=${f.dport} `;
  } else if (f.proto === icmpProto(f.l3)) {
    const type = reply ? icmpInverseType(f.l3, f.icmpType) : f.icmpType;
    s += `type=${type} code=${f.icmpCode} id=${f.icmpId} `;
  }
  return s;
}

function counters(packets: number, bytes: number): string {
  return `packets=${packets} bytes=${bytes} `;
}

/** Whole seconds from `from` to `to`, never negative (delta-time: the kernel counts nanoseconds). */
export function wholeSeconds(from: number, to: number): number {
  return Math.max(0, Math.floor(to - from + 1e-9));
}

/** Whole seconds before a flow expires, rounded down as the kernel divides its jiffies. */
export function secondsLeft(now: number, expires: number): number {
  return Math.max(0, Math.floor(expires - now + 1e-9));
}

/** One kernel clock tick (CONFIG_HZ=250, the usual distribution default), in seconds. */
export const JIFFY = 1 / 250;

/** The /proc/net/nf_conntrack line of a flow alive at `now` (capture time). */
export function procLine(f: Flow, now: number): string {
  let s = protoPrefix(f) + `${secondsLeft(now, f.expires)} `;
  if (f.isTcp) s += `${TCP_STATE_NAMES[f.tcpState]} `;
  s += tupleText(f, 0, f.l3 === 6) + counters(f.origPackets, f.origBytes);
  if (!f.seenReply) s += '[UNREPLIED] ';
  s += tupleText(f, 1, f.l3 === 6) + counters(f.replyPackets, f.replyBytes);
  if (f.assured) s += '[ASSURED] ';
  return s + `mark=0 zone=0 delta-time=${wholeSeconds(f.firstTime, now)} use=2`;
}

/** "[1795426065.361975]" */
export function eventTime(t: number): string {
  const us = Math.round(t * 1e6);
  const sec = Math.floor(us / 1e6);
  return `[${sec}.${String(us - sec * 1e6).padStart(6, '0')}]`;
}

/** A `conntrack -E -o timestamp,extended,id` line. */
export function eventLine(e: FlowEvent): string {
  const f = e.flow;
  let s = `${eventTime(e.time)}\t${`[${e.type}]`.padStart(9)} ${protoPrefix(f)}`;
  if (e.timeout >= 0) s += `${e.timeout} `;
  if (f.isTcp) s += `${TCP_STATE_NAMES[e.tcpState]} `;
  const c = e.counters;
  s += tupleText(f, 0);
  if (c) s += counters(c[0], c[1]);
  if (e.unreplied) s += '[UNREPLIED] ';
  s += tupleText(f, 1);
  if (c) s += counters(c[2], c[3]);
  if (e.assured) s += '[ASSURED] ';
  if (e.type === 'DESTROY') s += `delta-time=${wholeSeconds(f.firstTime, e.time)} `;
  return s + `id=${f.id}`;
}
