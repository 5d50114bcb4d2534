// PPP in HDLC-like framing (address 0xff, control 0x03, protocol), which some raw-IP and
// BSD loopback captures carry in front of IP. Only the framing and the IPv4 / IPv6 protocol
// numbers are decoded; anything else is data.

import type { PacketFields } from '../fields/packetFields.js';
import { registerFields, registerProtocol } from '../fields/fieldRegistry.js';
import type { DissectCtx } from './context.js';
import { dissectData } from './data.js';
import { etherTypeDissector } from './dispatch.js';
import { reportCut } from './cutReport.js';

export const PPP = registerProtocol('ppp', 'Point-to-Point Protocol');
export const PPP_F = registerFields({
  address: { name: 'ppp.address', type: 'uint', base: 'hex', bits: 8, description: 'Address' },
  control: { name: 'ppp.control', type: 'uint', base: 'hex', bits: 8, description: 'Control' },
  protocol: {
    name: 'ppp.protocol', type: 'uint', base: 'hex', bits: 16, description: 'Protocol',
    valueNames: { 0x0021: 'Internet Protocol version 4', 0x0057: 'Internet Protocol version 6' },
  },
});

/** Dissects PPP framing at `off` (the 0xff address byte). */
export function dissectPppHdlc(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number {
  c.layers.push('ppp');
  const b = c.buf;
  const top = f.open(PPP, off, 4);
  try {
    f.add(PPP_F.address, off, 1, b[off]!);
    f.add(PPP_F.control, off + 1, 1, b[off + 1]!);
    if (off + 3 > end) return stop(f, c, off + 3, end, rend);
    // an odd first byte is a compressed one-byte protocol number
    const plen = b[off + 2]! & 1 ? 1 : 2;
    if (off + 2 + plen > end) return stop(f, c, off + 2 + plen, end, rend);
    const protocol = plen === 1 ? b[off + 2]! : (b[off + 2]! << 8) | b[off + 3]!;
    f.add(PPP_F.protocol, off + 2, plen, protocol);
    f.close(top, off + 2 + plen);
    const next = protocol === 0x0021 ? etherTypeDissector(0x0800) : protocol === 0x0057 ? etherTypeDissector(0x86dd) : undefined;
    const payload = off + 2 + plen;
    if (next) return next(f, c, payload, end, rend);
    c.setColumns(`0x${protocol.toString(16).padStart(4, '0')}`, null, -1);
    return dissectData(f, c, payload, end, rend);
  } finally {
    if (f.parent === top) f.close(top);
  }
}

function stop(f: PacketFields, c: DissectCtx, need: number, end: number, rend: number): number {
  reportCut(f, c, 'PPP', need, end, rend);
  return rend;
}
