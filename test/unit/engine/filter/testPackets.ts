// Test fixtures for the display-filter tests: a private protocol `t` (and `u` for layer
// tests) with one field of every type, registered under names no dissector uses, and a
// builder that fills a PacketFields record by hand the way a dissector would.

import { registerFields, registerProtocol } from '../../../../src-main/engine/fields/fieldRegistry.js';
import { PacketFields, HIDDEN } from '../../../../src-main/engine/fields/packetFields.js';

export const T = registerProtocol('t', 'Test protocol');
export const U = registerProtocol('u', 'Second test protocol');
export const TF = registerFields({
  u8: { name: 't.u8', type: 'uint', description: '8-bit', bits: 8 },
  u16: { name: 't.u16', type: 'uint', description: '16-bit with names', bits: 16, valueNames: { 6: 'TCP', 17: 'UDP', 1: 'Echo (ping) request' } },
  u32: { name: 't.u32', type: 'uint', description: 'unsized' },
  i32: { name: 't.i32', type: 'int', description: 'signed', bits: 32 },
  flags: { name: 't.flags', type: 'uint', description: 'flags', base: 'hex', bits: 16 },
  flag: { name: 't.flag', type: 'bool', description: 'a flag' },
  ip: { name: 't.ip', type: 'ipv4', description: 'IPv4' },
  ip6: { name: 't.ip6', type: 'ipv6', description: 'IPv6' },
  mac: { name: 't.mac', type: 'ether', description: 'MAC' },
  bytes: { name: 't.bytes', type: 'bytes', description: 'bytes' },
  str: { name: 't.str', type: 'string', description: 'string' },
  time: { name: 't.time', type: 'time', description: 'absolute time' },
  rel: { name: 't.rel', type: 'reltime', description: 'relative time' },
  none: { name: 't.none', type: 'none', description: 'label' },
  port: { name: 't.port', type: 'uint', description: 'either port', bits: 16 },
  warn: { name: 't.warn.expert', type: 'none', description: 'A warning', expert: { severity: 'Warning', group: 'Sequence' } },
  err: { name: 't.err.expert', type: 'none', description: 'An error', expert: { severity: 'Error', group: 'Checksum' } },
});
export const UF = registerFields({
  port: { name: 'u.port', type: 'uint', description: 'port', bits: 16 },
  addr: { name: 'u.addr', type: 'ipv4', description: 'address' },
});

/** One entry of a hand-built packet: a field and its value, or a subtree open/close. */
export type Entry = [string, unknown?] | ['open', string] | ['close'];

const IDS: Record<string, number> = {
  t: T,
  u: U,
  ...Object.fromEntries(Object.entries(TF).map(([k, v]) => [`t.${k}`, v])),
  't.warn.expert': TF.warn,
  't.err.expert': TF.err,
  'u.port': UF.port,
  'u.addr': UF.addr,
};

function ipv4Bytes(s: string): number[] {
  return s.split('.').map(Number);
}

function ipv6Bytes(s: string): number[] {
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 255]);
}

function valueBytes(name: string, v: unknown): { bytes: number[]; num: number; str?: string } {
  const id = IDS[name];
  if (id === undefined) throw new Error(`unknown test field ${name}`);
  if (name === 't.ip' || name === 'u.addr') {
    const b = ipv4Bytes(v as string);
    return { bytes: b, num: ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0 };
  }
  if (name === 't.ip6') return { bytes: ipv6Bytes(v as string), num: 0 };
  if (name === 't.mac') return { bytes: (v as string).split(':').map((x) => parseInt(x, 16)), num: 0 };
  if (name === 't.bytes') return { bytes: v as number[], num: 0 };
  if (name === 't.str') return { bytes: [...new TextEncoder().encode(v as string)], num: 0, str: v as string };
  if (name.endsWith('.expert')) return { bytes: [], num: 0, str: v as string | undefined };
  if (name === 't.none') return { bytes: [], num: 0, str: (v as string) ?? '' };
  const n = Number(v ?? 0);
  const width = name === 't.u8' ? 1 : name === 't.u16' || name === 't.port' || name === 'u.port' || name === 't.flags' ? 2 : name === 't.flag' ? 1 : 4;
  const bytes: number[] = [];
  if (name === 't.time' || name === 't.rel') return { bytes: [], num: n };
  for (let i = width - 1; i >= 0; i--) bytes.push(Math.floor(Math.abs(n) / 2 ** (8 * i)) & 255);
  return { bytes, num: n };
}

/**
 * Builds a packet record from entries such as ['t.u16', 80], ['t.ip', '192.0.2.1'],
 * ['open', 't'] ... ['close']. Values are laid out one after the other in the frame bytes,
 * so byte-valued fields (and slices of them) read real bytes. ['hidden:t.port', 80] records
 * a hidden field.
 */
export function packet(entries: Entry[]): PacketFields {
  const frame: number[] = [];
  const plan: { id: number; start: number; len: number; num: number; str?: string; flags: number; kind: 'add' | 'open' | 'close' }[] = [];
  const opens: number[] = [];
  for (const e of entries) {
    if (e[0] === 'open') {
      opens.push(plan.length);
      plan.push({ id: IDS[e[1] as string]!, start: frame.length, len: 0, num: 0, flags: 0, kind: 'open' });
      continue;
    }
    if (e[0] === 'close') {
      const o = plan[opens.pop()!]!;
      o.len = frame.length - o.start;
      plan.push({ id: -1, start: frame.length, len: 0, num: 0, flags: 0, kind: 'close' });
      continue;
    }
    const hidden = e[0].startsWith('hidden:');
    const name = hidden ? e[0].slice(7) : e[0];
    const v = valueBytes(name, e[1]);
    plan.push({ id: IDS[name]!, start: frame.length, len: v.bytes.length, num: v.num, str: v.str, flags: hidden ? HIDDEN : 0, kind: 'add' });
    frame.push(...v.bytes);
  }
  const f = new PacketFields();
  f.reset(Uint8Array.from(frame));
  const stack: number[] = [];
  for (const p of plan) {
    if (p.kind === 'open') stack.push(f.open(p.id, p.start, p.len));
    else if (p.kind === 'close') f.close(stack.pop()!);
    else if (p.str !== undefined) f.addString(p.id, p.start, p.len, p.str, p.flags);
    else f.add(p.id, p.start, p.len, p.num, p.flags);
  }
  return f;
}
