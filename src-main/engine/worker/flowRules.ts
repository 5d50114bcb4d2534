// One flow as text people paste elsewhere: a `conntrack -L` line, an nft rule and an
// iptables rule matching the flow's original direction.

import { tupleText } from '../flows/conntrackText.js';
import { addressText, icmpProto } from '../flows/flowKey.js';
import type { Flow } from '../flows/flowTypes.js';
import { TCP_STATE_NAMES } from '../flows/tcpStates.js';

const L4: Readonly<Record<number, string>> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 58: 'icmpv6' };

/** As `conntrack -L` prints it (accounting on): `tcp 6 117 TIME_WAIT src=... [ASSURED] mark=0 use=1`. */
export function conntrackLine(f: Flow, timeout: number): string {
  const l4 = L4[f.proto] ?? 'unknown';
  let s = `${l4.padEnd(8)} ${f.proto} ${timeout} `;
  if (f.isTcp) s += `${TCP_STATE_NAMES[f.tcpState]} `;
  s += `${tupleText(f, 0)}packets=${f.origPackets} bytes=${f.origBytes} `;
  if (!f.seenReply) s += '[UNREPLIED] ';
  s += `${tupleText(f, 1)}packets=${f.replyPackets} bytes=${f.replyBytes} `;
  if (f.assured) s += '[ASSURED] ';
  return s + 'mark=0 use=1';
}

function isIcmp(f: Flow): boolean {
  return f.proto === icmpProto(f.l3);
}

/** `nft add rule inet filter input ...` matching the flow's original direction. */
export function nftRule(f: Flow): string {
  const fam = f.l3 === 6 ? 'ip6' : 'ip';
  let m = `${fam} saddr ${addressText(f.src)} ${fam} daddr ${addressText(f.dst)}`;
  if (f.proto === 6 || f.proto === 17) {
    const l4 = f.proto === 6 ? 'tcp' : 'udp';
    m += ` ${l4} sport ${f.sport} ${l4} dport ${f.dport}`;
  } else if (isIcmp(f)) {
    const kw = f.l3 === 6 ? 'icmpv6' : 'icmp';
    m += ` ${kw} type ${f.icmpType} ${kw} code ${f.icmpCode}`;
  } else {
    m += ` meta l4proto ${f.proto}`;
  }
  return `nft add rule inet filter input ${m} counter accept`;
}

/** `iptables -A INPUT ...` (ip6tables for IPv6) matching the flow's original direction. */
export function iptablesRule(f: Flow): string {
  const cmd = f.l3 === 6 ? 'ip6tables' : 'iptables';
  let m = '';
  if (f.proto === 6 || f.proto === 17) {
    m = `-p ${f.proto === 6 ? 'tcp' : 'udp'} -s ${addressText(f.src)} -d ${addressText(f.dst)} --sport ${f.sport} --dport ${f.dport}`;
  } else if (isIcmp(f)) {
    m = f.l3 === 6
      ? `-p ipv6-icmp -s ${addressText(f.src)} -d ${addressText(f.dst)} --icmpv6-type ${f.icmpType}/${f.icmpCode}`
      : `-p icmp -s ${addressText(f.src)} -d ${addressText(f.dst)} --icmp-type ${f.icmpType}/${f.icmpCode}`;
  } else {
    m = `-p ${f.proto} -s ${addressText(f.src)} -d ${addressText(f.dst)}`;
  }
  return `${cmd} -A INPUT ${m} -j ACCEPT`;
}
