// Flows as records for tools downstream: Wiresight's JSON form (tuple, state, flags and
// per-direction counters, lifetime, Zeek summary) and Zeek conn.log entries (JSON lines
// with conn.log's field names).

import { addressText, icmpProto } from './flowKey.js';
import type { Flow } from './flowTypes.js';
import { TCP_STATE_NAMES } from './tcpStates.js';
import { secondsLeft } from './conntrackText.js';

const PROTO_NAMES: Readonly<Record<number, string>> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 58: 'icmpv6' };

export function protoName(f: Flow): string {
  return PROTO_NAMES[f.proto] ?? String(f.proto);
}

/** Why a flow is not (or no longer) in the table at `now`, or '' while it is. */
export function flowFate(f: Flow, now: number): string {
  if (!f.confirmed) return 'dropped';
  if (f.dead && f.endTime <= now) return f.endTime < f.expires ? 'closed' : 'expired';
  if (f.expires <= now) return 'expired';
  return '';
}

function round6(t: number): number {
  return Math.round(t * 1e6) / 1e6;
}

function endpoint(f: Flow, orig: boolean): Record<string, unknown> {
  const o: Record<string, unknown> = { src: addressText(orig ? f.src : f.dst), dst: addressText(orig ? f.dst : f.src) };
  if (f.proto === 6 || f.proto === 17) {
    o.sport = orig ? f.sport : f.dport;
    o.dport = orig ? f.dport : f.sport;
  }
  o.packets = orig ? f.origPackets : f.replyPackets;
  o.bytes = orig ? f.origBytes : f.replyBytes;
  return o;
}

/** A flow as JSON, as it stands at capture time `now`. */
export function flowJson(f: Flow, now: number): Record<string, unknown> {
  const fate = flowFate(f, now);
  const icmp = f.proto === icmpProto(f.l3);
  return {
    id: f.id,
    l3: f.l3 === 6 ? 'ipv6' : 'ipv4',
    proto: protoName(f),
    protonum: f.proto,
    state: f.isTcp ? TCP_STATE_NAMES[f.tcpState] : null,
    timeout: fate ? null : secondsLeft(now, f.expires),
    flags: [...(f.seenReply ? [] : ['UNREPLIED']), ...(f.assured ? ['ASSURED'] : [])],
    ...(icmp ? { icmp: { type: f.icmpType, code: f.icmpCode, id: f.icmpId } } : {}),
    orig: endpoint(f, true),
    reply: endpoint(f, false),
    first: round6(f.firstTime),
    last: round6(f.lastTime),
    end: fate ? round6(Math.min(f.endTime, f.expires)) : null,
    fate: fate || null,
    firstPacket: f.firstPacket + 1,
    lastPacket: f.lastPacket + 1,
    zeek: { conn_state: f.zeek.connState(f.proto), history: f.zeek.history },
  };
}

/** A Zeek conn.log entry (JSON form) for a flow. */
export function zeekConnLog(f: Flow): Record<string, unknown> {
  const z = f.zeek;
  const icmp = f.proto === icmpProto(f.l3);
  const ports = f.proto === 6 || f.proto === 17;
  const last = Math.max(z.lastTime, f.lastTime);
  const proto = f.proto === 6 ? 'tcp' : f.proto === 17 ? 'udp' : icmp ? 'icmp' : 'unknown_transport';
  return {
    ts: round6(f.firstTime),
    uid: `CWs${f.id.toString(36).padStart(6, '0')}`,
    'id.orig_h': addressText(f.src),
    'id.orig_p': ports ? f.sport : icmp ? f.icmpType : 0,
    'id.resp_h': addressText(f.dst),
    'id.resp_p': ports ? f.dport : icmp ? f.icmpCode : 0,
    proto,
    duration: round6(last - f.firstTime),
    orig_bytes: z.bytes(true, f.proto),
    resp_bytes: z.bytes(false, f.proto),
    conn_state: z.connState(f.proto),
    missed_bytes: 0,
    history: z.history,
    orig_pkts: z.orig.packets,
    orig_ip_bytes: z.orig.ipBytes,
    resp_pkts: z.resp.packets,
    resp_ip_bytes: z.resp.ipBytes,
  };
}
