// tshark's "Duplicate IP address configured" check for ARP: remembers which MAC address
// each IPv4 address was last seen with (sender of Ethernet/IPv4 requests and replies, and
// the target of replies) and flags a packet that shows the address with a different MAC.
// The table keeps the first MAC it learnt: a conflicting packet is reported, not learnt.
// Results are kept per packet so a packet dissected again on demand shows the same thing.

import type { PacketFields } from '../fields/packetFields.js';
import { GENERATED } from '../fields/packetFields.js';
import type { DissectCtx } from '../dissect/context.js';
import { ARP, ARP_F, DUP_CHECKED, markDuplicateInfo } from '../dissect/arp.js';
import type { Analyzer } from '../pass/analyzer.js';

interface Binding {
  mac: string;
  frame: number;
  /** capture time (whole seconds) the binding was last confirmed */
  secs: number;
}

interface Duplicate {
  ip: number;
  earlierFrame: number;
  seconds: number;
}

interface PacketResult {
  duplicates: Duplicate[];
  /** the address the Info column names, when the last check made found a duplicate */
  infoIp: number;
}

export class ArpDuplicateAnalyzer implements Analyzer {
  private readonly bindings = new Map<number, Binding>();
  private readonly results = new Map<number, PacketResult>();

  observe(f: PacketFields, c: DissectCtx, packet: number): void {
    const top = f.first(ARP);
    if (top < 0 || !(f.vals[top]! & DUP_CHECKED)) return;
    const b = f.sources[f.srcs[top]!]!;
    const off = f.starts[top]!;
    const cap = off + f.lens[top]!;
    const frame = packet + 1;
    const secs = c.meta.tsSec;
    const op = (b[off + 6]! << 8) | b[off + 7]!;
    const result: PacketResult = { duplicates: [], infoIp: -1 };
    let lastIp = -1;
    const check = (macAt: number, ipAt: number, isTarget: boolean): boolean => {
      if (ipAt + 4 > cap || macAt + 6 > cap) return false;
      const ip = ((b[ipAt]! << 24) | (b[ipAt + 1]! << 16) | (b[ipAt + 2]! << 8) | b[ipAt + 3]!) >>> 0;
      const multicast = (b[macAt]! & 1) !== 0;
      let allZero = true;
      for (let i = 0; i < 6; i++) if (b[macAt + i] !== 0) allZero = false;
      if (multicast || allZero || ip === 0) return true;
      if (isTarget && (op === 1 || ip === lastIp)) return true;
      const mac = String.fromCharCode(...b.subarray(macAt, macAt + 6));
      const known = this.bindings.get(ip);
      let found = false;
      if (!known) {
        this.bindings.set(ip, { mac, frame, secs });
      } else if (frame > known.frame) {
        if (known.mac === mac) {
          known.frame = frame;
          known.secs = secs;
        } else {
          result.duplicates.push({ ip, earlierFrame: known.frame, seconds: (secs - known.secs) >>> 0 });
          found = true;
          lastIp = ip;
        }
      }
      result.infoIp = found ? ip : -1;
      return true;
    };
    // sender (address 8 bytes in, IP 14 bytes in), then the target of a reply
    if (!check(off + 8, off + 14, false)) return;
    check(off + 18, off + 24, true);
    if (result.duplicates.length === 0) return;
    this.results.set(packet, result);
    this.annotate(f, c, packet);
  }

  /** The lean decoder never accepts ARP: nothing to learn. */
  observeLean(): void {}

  annotate(f: PacketFields, _c: DissectCtx, packet: number): void {
    const result = this.results.get(packet);
    const top = f.first(ARP);
    if (!result || top < 0) return;
    const parent = f.parent;
    f.parent = -1;
    for (const d of result.duplicates) {
      const ipText = `${(d.ip >>> 24) & 255}.${(d.ip >>> 16) & 255}.${(d.ip >>> 8) & 255}.${d.ip & 255}`;
      const rec = f.open(ARP_F.dupFrame, f.starts[top]!, 0, d.earlierFrame, GENERATED);
      const e = f.addString(ARP_F.dupDetected, f.starts[top]!, 0, `Duplicate IP address configured (${ipText})`);
      f.vals[e] = d.ip;
      f.close(rec);
      f.add(ARP_F.dupSeconds, f.starts[top]!, 0, d.seconds, GENERATED);
    }
    f.parent = parent;
    if (result.infoIp >= 0) markDuplicateInfo(f, top, result.infoIp);
  }
}
