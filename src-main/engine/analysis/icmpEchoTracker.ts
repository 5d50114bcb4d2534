// Pairs ICMP echo requests with their replies (icmp.resp_in / icmp.resp_to /
// icmp.resptime) as an Analyzer of the packet pass. In the first pass a reply learns its
// request, as in tshark's single pass; dissected again on demand, a request also learns
// its reply, or that none was seen ("no response found!"), as tshark's second pass shows.
// A request is keyed by source, destination, identifier and sequence number; its reply
// travels the other way with the same identifier and sequence number.

import { fieldId } from '../fields/fieldRegistry.js';
import type { PacketFields } from '../fields/packetFields.js';
import { GENERATED } from '../fields/packetFields.js';
import type { DissectCtx } from '../dissect/context.js';
import type { Analyzer } from '../pass/analyzer.js';
import type { LeanPacket } from '../lean/leanPacket.js';
import { fieldBefore, fieldIn } from './layerFields.js';

const ECHO_REPLY = 0;
const ECHO_REQUEST = 8;

interface Exchange {
  /** packet indices (0-based), -1 while unknown */
  request: number;
  reply: number;
  requestSec: number;
  requestNsec: number;
}

interface Echo {
  layer: number;
  request: boolean;
  key: string;
}

export class IcmpEchoTracker implements Analyzer {
  /** the latest unanswered request per key */
  private readonly byKey = new Map<string, Exchange>();
  /** the exchange each request or reply packet belongs to */
  private readonly byPacket = new Map<number, Exchange>();
  private readonly f = {
    icmp: fieldId('icmp'),
    type: fieldId('icmp.type'),
    ident: fieldId('icmp.ident'),
    seq: fieldId('icmp.seq'),
    respIn: fieldId('icmp.resp_in'),
    respTo: fieldId('icmp.resp_to'),
    resptime: fieldId('icmp.resptime'),
    noResp: fieldId('icmp.no_resp'),
    respNotFound: fieldId('icmp.resp_not_found'),
    src: fieldId('ip.src'),
    dst: fieldId('ip.dst'),
  };

  observe(f: PacketFields, c: DissectCtx, packet: number): void {
    const echo = this.echoOf(f);
    if (!echo) return;
    const e = this.pair(echo.request, echo.key, packet, c.meta.tsSec, c.meta.tsNsec);
    if (e && !echo.request) this.addReplyFields(f, c, echo.layer, e);
  }

  observeLean(p: LeanPacket, packet: number): void {
    if (p.l4 !== 1) return;
    const request = p.flow.icmpType === ECHO_REQUEST;
    const from = request ? p.v4src : p.v4dst;
    const to = request ? p.v4dst : p.v4src;
    this.pair(request, echoKey(from, to, p.flow.icmpId, p.icmpSeq), packet, p.tsSec, p.tsNsec);
  }

  /** The request (packet index) the reply at `packet` was matched with in the first pass, or -1. */
  requestOf(packet: number): number {
    const e = this.byPacket.get(packet);
    return e && e.reply === packet ? e.request : -1;
  }

  /** Files a request, or matches a reply with its request (returned). */
  private pair(request: boolean, key: string, packet: number, tsSec: number, tsNsec: number): Exchange | undefined {
    if (request) {
      const e: Exchange = { request: packet, reply: -1, requestSec: tsSec, requestNsec: tsNsec };
      this.byKey.set(key, e);
      this.byPacket.set(packet, e);
      return e;
    }
    const e = this.byKey.get(key);
    if (!e) return undefined;
    e.reply = packet;
    this.byKey.delete(key);
    this.byPacket.set(packet, e);
    return e;
  }

  annotate(f: PacketFields, c: DissectCtx, packet: number): void {
    const echo = this.echoOf(f);
    if (!echo) return;
    const e = this.byPacket.get(packet);
    if (!echo.request) {
      if (e) this.addReplyFields(f, c, echo.layer, e);
      return;
    }
    const parent = f.parent;
    f.parent = echo.layer;
    if (e && e.request === packet && e.reply >= 0) {
      f.add(this.f.respIn, 0, 0, e.reply + 1, GENERATED);
    } else {
      const i = f.add(this.f.noResp, 0, 0, 0, GENERATED);
      f.parent = i;
      f.addString(this.f.respNotFound, 0, 0, 'No response seen to ICMP request');
    }
    f.parent = parent;
  }

  private addReplyFields(f: PacketFields, c: DissectCtx, layer: number, e: Exchange): void {
    const parent = f.parent;
    f.parent = layer;
    f.add(this.f.respTo, 0, 0, e.request + 1, GENERATED);
    const ms = (c.meta.tsSec - e.requestSec) * 1000 + (c.meta.tsNsec - e.requestNsec) / 1e6;
    f.add(this.f.resptime, 0, 0, ms, GENERATED);
    f.parent = parent;
  }

  /** The packet's own (not quoted) ICMP echo request or reply, with its pairing key. */
  private echoOf(f: PacketFields): Echo | null {
    const layer = f.first(this.f.icmp);
    if (layer < 0 || f.parents[layer] !== -1) return null;
    const t = fieldIn(f, this.f.type, layer);
    const ident = fieldIn(f, this.f.ident, layer);
    const seq = fieldIn(f, this.f.seq, layer);
    const src = fieldBefore(f, this.f.src, layer);
    const dst = fieldBefore(f, this.f.dst, layer);
    if (t < 0 || ident < 0 || seq < 0 || src < 0 || dst < 0) return null;
    const type = f.vals[t]!;
    if (type !== ECHO_REQUEST && type !== ECHO_REPLY) return null;
    const request = type === ECHO_REQUEST;
    const from = request ? f.vals[src]! : f.vals[dst]!;
    const to = request ? f.vals[dst]! : f.vals[src]!;
    return { layer, request, key: echoKey(from, to, f.vals[ident]!, f.vals[seq]!) };
  }
}

function echoKey(from: number, to: number, ident: number, seq: number): string {
  return `${from}|${to}|${ident}|${seq}`;
}
