// Link types without a link header. LINKTYPE_RAW (101, and the DLT_RAW values 12 and 14 some
// systems write) guesses like tshark: PPP framing at byte 0, 6 or 1, ten zero bytes before
// IPv4 (a Linux ISDN quirk), otherwise the version nibble picks IPv4 or IPv6. LINKTYPE_IPV4
// (228) and LINKTYPE_IPV6 (229) go straight to their network dissector, with no layer of
// their own in frame.protocols (tshark's IPv4 dissector passes a version-6 packet to IPv6).

import type { PacketFields } from '../fields/packetFields.js';
import { registerProtocol } from '../fields/fieldRegistry.js';
import type { DissectCtx, InfoFormatter } from './context.js';
import { dissectData } from './data.js';
import { etherTypeDissector, registerLinkType } from './dispatch.js';
import { dissectPppHdlc } from './pppHdlc.js';
import { dissectIPAnyVersion } from './ipv4.js';
import { reportCut } from './cutReport.js';

export const RAW = registerProtocol('raw', 'Raw packet data');

const rawInfo: InfoFormatter = () => 'Raw packet data';

function stop(f: PacketFields, c: DissectCtx, need: number, end: number, rend: number): number {
  reportCut(f, c, 'Raw', need, end, rend);
  return rend;
}

const isPppAt = (b: Uint8Array, at: number): boolean => b[at] === 0xff && b[at + 1] === 0x03;

export function dissectRawIp(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number {
  c.layers.push('raw');
  c.setColumns('N/A', rawInfo, -1);
  const b = c.buf;
  f.add(RAW, off, 0);
  if (off + 2 > end) return stop(f, c, off + 2, end, rend);
  if (isPppAt(b, off)) return dissectPppHdlc(f, c, off, end, rend);
  if (off + 8 > end) return stop(f, c, off + 8, end, rend);
  if (isPppAt(b, off + 6)) return dissectPppHdlc(f, c, off + 6, end, rend);
  if (isPppAt(b, off + 1)) return dissectPppHdlc(f, c, off + 1, end, rend);
  let zeros = off + 10 <= end;
  for (let i = 0; zeros && i < 10; i++) if (b[off + i] !== 0) zeros = false;
  const version = b[off]! >> 4;
  const start = zeros ? off + 10 : off;
  const next = zeros || version === 4 ? etherTypeDissector(0x0800) : version === 6 ? etherTypeDissector(0x86dd) : undefined;
  if (next) return next(f, c, start, end, rend);
  return dissectData(f, c, off, end, rend);
}

/** LINKTYPE_IPV4 / LINKTYPE_IPV6: the network layer starts the frame. */
function directly(etherType: number) {
  return (f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number => {
    const next = etherTypeDissector(etherType);
    return next ? next(f, c, off, end, rend) : dissectData(f, c, off, end, rend);
  };
}

registerLinkType(101, dissectRawIp);
registerLinkType(12, dissectRawIp);
registerLinkType(14, dissectRawIp);
// tshark's LINKTYPE_IPV4 goes through its IP version dispatcher: IPv4 as usual, and an IPv6
// packet inside shows as ip:ipv6 rather than as bogus IPv4
registerLinkType(228, (f, c, off, end, rend) =>
  end > off && c.buf[off]! >> 4 !== 4 ? dissectIPAnyVersion(f, c, off, end, rend) : directly(0x0800)(f, c, off, end, rend),
);
registerLinkType(229, directly(0x86dd));
