// tshark's heuristic Ethernet-trailer dissectors, as far as they change what a packet shows.
// Before tshark prints leftover bytes as "Trailer" it lets enabled trailer heuristics try
// them. On ordinary traffic none matches, but on fuzzed frames two do: the VSS-Monitoring
// time stamp check accepts some 8/9/12/13-byte trailers, and the F5 trailer check reads
// past the end of short trailers and ends the packet with "[Malformed Packet: F5 Ethernet
// trailer]". The acceptance rules below were worked out by feeding tshark 4.0 generated
// trailers; the vendor trailers' contents are not decoded beyond a protocol record.
// (Ixia and Gigamon trailers need a checksum or magic that fuzz does not hit: not modelled.)

import type { PacketFields } from '../fields/packetFields.js';
import { registerFields, registerProtocol } from '../fields/fieldRegistry.js';
import type { DissectCtx } from './context.js';
import { reportCut } from './cutReport.js';

const VSS = registerProtocol('vssmonitoring', 'VSS-Monitoring ethernet trailer');
const VSS_F = registerFields({
  time: { name: 'vssmonitoring.time', type: 'time', description: 'Time Stamp' },
  clksrc: {
    name: 'vssmonitoring.clksrc',
    type: 'uint',
    description: 'Clock Source',
    valueNames: { 0: 'Not Synced', 1: 'NTP', 2: 'GPS', 3: 'PTP' },
  },
  srcport: { name: 'vssmonitoring.srcport', type: 'uint', description: 'Src Port' },
});
const F5 = registerProtocol('f5ethtrailer', 'F5 Ethernet trailer');

const THIRTY_DAYS = 2592000;
const F5_DPT_MAGIC = 0xf5deb0f5;
const F5_MIN_TRAILER = 7;

/** 'none': show the bytes as a trailer; 'claimed': a vendor trailer took them; 'stopped': an exception ended the packet. */
export type TrailerClaim = 'none' | 'claimed' | 'stopped';

/** Offers the trailer [start, rend) (captured to `end`) to the heuristics, in tshark's order. */
export function claimTrailer(f: PacketFields, c: DissectCtx, start: number, end: number, rend: number): TrailerClaim {
  const vss = vssMonitoring(f, c, start, end, rend);
  if (vss) return vss;
  return f5Trailer(f, c, start, end, rend);
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

/** VSS-Monitoring: an 8-byte time stamp, an optional 1-byte port stamp, possibly the FCS after them. */
function vssMonitoring(f: PacketFields, c: DissectCtx, start: number, end: number, rend: number): TrailerClaim | false {
  const len = rend - start;
  if (len !== 8 && len !== 9 && len !== 12 && len !== 13) return false;
  c.layers.push('vssmonitoring');
  if (end - start < 8) {
    reportCut(f, c, 'VSS Monitoring', start + 8, end, rend);
    return 'stopped';
  }
  const secs = u32(c.buf, start);
  const word = u32(c.buf, start + 4);
  const nsecs = word & 0x3fffffff;
  const reject = (): false => {
    c.layers.pop();
    return false;
  };
  if (secs === 0 || nsecs >= 1e9) return reject();
  if (secs > 3600 && Math.abs(secs - c.meta.tsSec) > THIRTY_DAYS) return reject();
  if (len & 1 && start + 9 > end) {
    reportCut(f, c, 'VSS Monitoring', start + 9, end, rend);
    return 'stopped';
  }
  const parent = f.parent;
  f.parent = -1;
  const top = f.open(VSS, start, len & 0xb);
  f.add(VSS_F.time, start, 8, secs + nsecs / 1e9);
  f.add(VSS_F.clksrc, start + 4, 1, word >>> 30);
  if (len & 1) f.add(VSS_F.srcport, start + 8, 1, c.buf[start + 8]!);
  f.close(top);
  f.parent = parent;
  return 'claimed';
}

/**
 * F5 trailer check: skips leading zeros, then looks for the new-format magic (there, or up
 * to 4 bytes further on, behind an FCS). Its length test compares the bytes left with the
 * zeros skipped as unsigned numbers, so after enough zeros it reads past the end of the
 * trailer: that exception is what the fuzzed ARP frames of the corpus show.
 */
function f5Trailer(f: PacketFields, c: DissectCtx, start: number, end: number, rend: number): TrailerClaim {
  const rep = rend - start;
  if (end - start !== rep) return 'none';
  const b = c.buf;
  let off = 0;
  while (off < rep && b[start + off] === 0) off++;
  const left = rep - off;
  if (left < F5_MIN_TRAILER) return 'none';
  const readable = (at: number, n: number): boolean => at + n <= rep;
  c.layers.push('f5ethtrailer');
  const malformed = (): TrailerClaim => {
    const parent = f.parent;
    c.malformed(f, 'F5 Ethernet trailer', end);
    f.parent = parent;
    return 'stopped';
  };
  // (left - off) as the unsigned arithmetic of the original: negative wraps to a huge value
  if (left - off < 0 || left - off >= 12) {
    if (!readable(off, 4)) return malformed();
    if (u32(b, start + off) === F5_DPT_MAGIC) {
      if (!readable(off + 4, 2)) return malformed();
      const dptLen = (b[start + off + 4]! << 8) | b[start + off + 5]!;
      if (dptLen > left) return notF5(c);
      return claimF5(f, c, start + off, dptLen, end, rend);
    }
    for (let i = 0; i <= off && i <= 4; i++) {
      const at = off + 4 - i;
      if (!readable(at, 4)) return malformed();
      if (u32(b, start + at) === F5_DPT_MAGIC) {
        if (!readable(at + 4, 2)) return malformed();
        const dptLen = (b[start + at + 4]! << 8) | b[start + at + 5]!;
        if (dptLen > left) return notF5(c);
        return claimF5(f, c, start + at, dptLen, end, rend);
      }
    }
  }
  // An old-format TLV (type 1-3, plausible length) is only taken when its contents decode,
  // which fuzzed trailers never did in tshark 4.0; they stay plain trailers here.
  return notF5(c);
}

function notF5(c: DissectCtx): TrailerClaim {
  c.layers.pop();
  return 'none';
}

/** A new-format block: a length shorter than its own 8-byte header makes tshark read out of bounds. */
function claimF5(f: PacketFields, c: DissectCtx, at: number, dptLen: number, end: number, rend: number): TrailerClaim {
  const parent = f.parent;
  f.parent = -1;
  if (dptLen < 8) {
    c.malformed(f, 'F5 Ethernet trailer', end);
    f.parent = parent;
    return 'stopped';
  }
  f.add(F5, at, rend - at);
  f.parent = parent;
  return 'claimed';
}
