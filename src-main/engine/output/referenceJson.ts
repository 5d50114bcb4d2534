// Packets as flat JSON objects shaped like tshark's `-T json -e FIELD...` output, as the
// reference files in the shared corpus keep it: one key per field present, a scalar for
// one occurrence and an array for several, numbers for decimal integers, strings otherwise.

import type { FrameMeta } from '../dissect/context.js';
import { fieldById, fieldByName, isTsharkExpert } from '../fields/fieldRegistry.js';
import { formatFieldValue, isNumericJson } from '../fields/fieldFormat.js';
import type { PacketFields } from '../fields/packetFields.js';
import { formatSecNsec } from './timeFormat.js';

/** The field set of the shared references (what `-T json` prints when no -e is given). */
export const REFERENCE_FIELDS: readonly string[] = [
  'frame.number', 'frame.time_epoch', 'frame.len', 'frame.cap_len', 'frame.protocols',
  'eth.src', 'eth.dst', 'eth.type', 'vlan.id', 'ieee8021ad.id',
  'arp.opcode', 'arp.src.hw_mac', 'arp.src.proto_ipv4', 'arp.dst.hw_mac', 'arp.dst.proto_ipv4',
  'ip.version', 'ip.hdr_len', 'ip.len', 'ip.id', 'ip.flags.df', 'ip.flags.mf', 'ip.frag_offset', 'ip.ttl', 'ip.proto',
  'ip.checksum', 'ip.checksum.status', 'ip.src', 'ip.dst',
  'ipv6.plen', 'ipv6.nxt', 'ipv6.hlim', 'ipv6.src', 'ipv6.dst',
  'icmp.type', 'icmp.code', 'icmp.checksum.status', 'icmpv6.type', 'icmpv6.code',
  'tcp.srcport', 'tcp.dstport', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.flags', 'tcp.window_size_value', 'tcp.len',
  'tcp.checksum.status', 'tcp.options.mss_val', 'tcp.options.wscale.shift', 'tcp.stream',
  'udp.srcport', 'udp.dstport', 'udp.length', 'udp.checksum.status', 'udp.stream',
  '_ws.malformed', '_ws.short', '_ws.expert',
];


export type JsonValue = string | number | (string | number)[];

export function expertText(f: PacketFields, i: number): string | null {
  const def = fieldById(f.ids[i]!);
  if (!isTsharkExpert(def)) return null;
  return `Expert Info (${def.expert.severity}/${def.expert.group}): ${f.strs[i] ?? def.description}`;
}

function collect(f: PacketFields, meta: FrameMeta, name: string): (string | number)[] {
  if (name === 'frame.time_epoch') return [formatSecNsec(meta.tsSec, meta.tsNsec, 9)];
  if (name === '_ws.expert') {
    const out: string[] = [];
    for (let i = 0; i < f.count; i++) {
      const t = expertText(f, i);
      if (t !== null) out.push(t);
    }
    return out;
  }
  const def = fieldByName(name);
  if (!def) return [];
  const out: (string | number)[] = [];
  for (let i = f.first(def.id); i >= 0; i = f.nexts[i]!) {
    if (def.type === 'none') out.push(f.strs[i] ?? def.name);
    else out.push(isNumericJson(f, i) ? f.vals[i]! : formatFieldValue(f, i));
  }
  // tshark's JSON keeps the bare hidden marker only when no labelled "[Malformed Packet: X]" exists
  if (name === '_ws.malformed' && out.some((v) => v !== def.name)) return out.filter((v) => v !== def.name);
  return out;
}

/** One packet as an object with the given fields (those present only). */
export function packetJson(f: PacketFields, meta: FrameMeta, fields: readonly string[] = REFERENCE_FIELDS): Record<string, JsonValue> {
  const obj: Record<string, JsonValue> = {};
  for (const name of fields) {
    const values = collect(f, meta, name);
    if (values.length === 0) continue;
    const alwaysArray = name.startsWith('_ws.');
    obj[name] = values.length === 1 && !alwaysArray ? values[0]! : values;
  }
  return obj;
}

/** Values of one field for `-T fields` (occurrences joined with a comma, as tshark does). */
export function fieldText(f: PacketFields, meta: FrameMeta, name: string): string {
  return collect(f, meta, name).join(',');
}
