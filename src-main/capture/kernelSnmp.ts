// The kernel's own IP-stack counters (/proc/net/snmp and /proc/net/snmp6), snapshotted at
// capture start and stop so the capture can be compared with what the stack saw ("the
// kernel counted 1,204 IP packets in, the capture holds 1,199"). The shape matches what
// the helper prints (--snmp, and the snmp member of its started/stopped lines), which is
// how the counters of another network namespace are read.

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

/** Section ("Ip", "Tcp", "Ip6"...) → counter name ("InReceives") → value. */
export type SnmpCounters = Record<string, Record<string, number>>;

const SNMP4_SECTIONS = new Set(['Ip', 'Icmp', 'Tcp', 'Udp']);
const SNMP6_PREFIXES = ['Ip6', 'Icmp6', 'Udp6'];

/** /proc/net/snmp: a "Tcp: Name1 Name2..." line followed by "Tcp: 1 200...". */
export function parseSnmp(text: string, into: SnmpCounters = {}): SnmpCounters {
  const lines = text.split('\n');
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const names = lines[i]!.split(/\s+/).filter(Boolean);
    const values = lines[i + 1]!.split(/\s+/).filter(Boolean);
    const section = names[0]?.replace(/:$/, '');
    if (!section || names[0] !== values[0] || !SNMP4_SECTIONS.has(section)) continue;
    const out: Record<string, number> = {};
    for (let k = 1; k < names.length && k < values.length; k++) out[names[k]!] = Number(values[k]);
    into[section] = out;
  }
  return into;
}

/** /proc/net/snmp6: "Ip6InReceives   5" per line, grouped by the Ip6 / Icmp6 / Udp6 prefix. */
export function parseSnmp6(text: string, into: SnmpCounters = {}): SnmpCounters {
  for (const line of text.split('\n')) {
    const [name, value] = line.trim().split(/\s+/);
    if (!name || value === undefined) continue;
    for (const prefix of SNMP6_PREFIXES) {
      const next = name.charAt(prefix.length);
      // "Icmp6InMsgs" is not an Ip6 counter and "UdpLite6..." is not a Udp6 one
      if (name.startsWith(prefix) && next >= 'A' && next <= 'Z') {
        (into[prefix] ??= {})[name.slice(prefix.length)] = Number(value);
      }
    }
  }
  return into;
}

/** after − before for every counter in `after` (counters missing before count from 0). */
export function snmpDelta(before: SnmpCounters, after: SnmpCounters): SnmpCounters {
  const out: SnmpCounters = {};
  for (const [section, counters] of Object.entries(after)) {
    const was = before[section] ?? {};
    const d: Record<string, number> = {};
    for (const [name, value] of Object.entries(counters)) d[name] = value - (was[name] ?? 0);
    out[section] = d;
  }
  return out;
}

function n(c: SnmpCounters, section: string, name: string): number {
  return c[section]?.[name] ?? 0;
}

const fmt = (v: number): string => v.toLocaleString('en-US');

export interface SnmpTotals {
  ipIn: number;
  ipOut: number;
}

/** IP packets the stack received and sent (IPv4 + IPv6) in a delta. */
export function ipTotals(delta: SnmpCounters): SnmpTotals {
  return {
    ipIn: n(delta, 'Ip', 'InReceives') + n(delta, 'Ip6', 'InReceives'),
    ipOut: n(delta, 'Ip', 'OutRequests') + n(delta, 'Ip6', 'OutRequests'),
  };
}

/** Human-readable lines for a capture summary; `captured` is the number of packets in the capture. */
export function describeSnmpDelta(delta: SnmpCounters, captured: number): string[] {
  const t = ipTotals(delta);
  return [
    `Kernel counters during the capture (/proc/net/snmp, /proc/net/snmp6):`,
    `  IPv4: ${fmt(n(delta, 'Ip', 'InReceives'))} in, ${fmt(n(delta, 'Ip', 'OutRequests'))} out, ` +
      `${fmt(n(delta, 'Ip', 'InDiscards'))} discarded; IPv6: ${fmt(n(delta, 'Ip6', 'InReceives'))} in, ` +
      `${fmt(n(delta, 'Ip6', 'OutRequests'))} out`,
    `  ICMP: ${fmt(n(delta, 'Icmp', 'InMsgs'))} in, ${fmt(n(delta, 'Icmp', 'OutMsgs'))} out; ` +
      `ICMPv6: ${fmt(n(delta, 'Icmp6', 'InMsgs'))} in, ${fmt(n(delta, 'Icmp6', 'OutMsgs'))} out`,
    `  TCP: ${fmt(n(delta, 'Tcp', 'InSegs'))} segments in, ${fmt(n(delta, 'Tcp', 'OutSegs'))} out, ` +
      `${fmt(n(delta, 'Tcp', 'RetransSegs'))} retransmitted, ${fmt(n(delta, 'Tcp', 'InErrs'))} bad`,
    `  UDP: ${fmt(n(delta, 'Udp', 'InDatagrams') + n(delta, 'Udp6', 'InDatagrams'))} datagrams in, ` +
      `${fmt(n(delta, 'Udp', 'OutDatagrams') + n(delta, 'Udp6', 'OutDatagrams'))} out, ` +
      `${fmt(n(delta, 'Udp', 'NoPorts') + n(delta, 'Udp6', 'NoPorts'))} to closed ports, ` +
      `${fmt(n(delta, 'Udp', 'RcvbufErrors') + n(delta, 'Udp6', 'RcvbufErrors'))} dropped (receive buffer full)`,
    `The kernel counted ${fmt(t.ipIn)} IP packets in and ${fmt(t.ipOut)} out; the capture holds ${fmt(captured)} packets.`,
  ];
}

const run = promisify(execFile);

/**
 * Reads the counters of this process's namespace, or of /run/netns/NAME through the
 * helper (`--snmp --netns NAME`) or, without the helper, `ip netns exec` (root only).
 */
export async function readSnmp(opts: { netns?: string; helperPath?: string | null } = {}): Promise<SnmpCounters> {
  if (!opts.netns) {
    const counters = parseSnmp(await readFile('/proc/net/snmp', 'utf8'));
    return parseSnmp6(await readFile('/proc/net/snmp6', 'utf8').catch(() => ''), counters);
  }
  if (opts.helperPath) {
    const { stdout } = await run(opts.helperPath, ['--snmp', '--netns', opts.netns]);
    return JSON.parse(stdout) as SnmpCounters;
  }
  const cat = (file: string) => run('ip', ['netns', 'exec', opts.netns!, 'cat', file]).then((r) => r.stdout);
  const counters = parseSnmp(await cat('/proc/net/snmp'));
  return parseSnmp6(await cat('/proc/net/snmp6').catch(() => ''), counters);
}
