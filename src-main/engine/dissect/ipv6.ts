// IPv6 (RFC 8200): the fixed 40-byte header, then the walk along the extension header
// chain (ipv6Extensions.ts) to the upper layer, which is found by its protocol number.
// Mirrors tshark 4.0: the payload length limits what the upper layers may read, a
// Hop-by-Hop Jumbo Payload option replaces a zero payload length, a routing header's
// final hop becomes the destination (columns and transport checksums), and completed
// fragment sets are dissected from a reassembled buffer.

import { registerFields, registerProtocol } from '../fields/fieldRegistry.js';
import type { PacketFields } from '../fields/packetFields.js';
import { HIDDEN } from '../fields/packetFields.js';
import { formatIPv6 } from '../fields/addressFormat.js';
import type { DissectCtx } from './context.js';
import { dissectData } from './data.js';
import { ipProtoDissector, registerEtherType, registerIpProto } from './dispatch.js';
import { type Bounds, STOP, bounds, enterOwn, expertOn, leaveOwn, malformedExpert, need } from './byteBounds.js';
import {
  AH,
  type ChainState,
  DSTOPTS,
  EXT_F,
  FRAGHDR,
  HOPOPTS,
  ROUTING,
  ahInfo,
  dissectAH,
  dissectESPHeader,
  dissectFragment,
  dissectOptionsHeader,
  dissectRouting,
  firstChild,
  hex8,
  recordReassembly,
} from './ipv6Extensions.js';
import { IP_PROTOCOL_NAMES as NEXT_HEADER_NAMES, ipProtocolName } from './ipProtocolNames.js';

const DSCP_NAMES: Readonly<Record<number, string>> = {
  0: 'Default',
  1: 'Lower Effort',
  8: 'Class Selector 1',
  10: 'Assured Forwarding 11',
  12: 'Assured Forwarding 12',
  14: 'Assured Forwarding 13',
  16: 'Class Selector 2',
  18: 'Assured Forwarding 21',
  20: 'Assured Forwarding 22',
  22: 'Assured Forwarding 23',
  24: 'Class Selector 3',
  26: 'Assured Forwarding 31',
  28: 'Assured Forwarding 32',
  30: 'Assured Forwarding 33',
  32: 'Class Selector 4',
  34: 'Assured Forwarding 41',
  36: 'Assured Forwarding 42',
  38: 'Assured Forwarding 43',
  40: 'Class Selector 5',
  44: 'Voice Admit',
  46: 'Expedited Forwarding',
  48: 'Class Selector 6',
  56: 'Class Selector 7',
};

const ECN_NAMES: Readonly<Record<number, string>> = {
  0: 'Not ECN-Capable Transport',
  1: "ECN-Capable Transport codepoint '01'",
  2: "ECN-Capable Transport codepoint '10'",
  3: 'Congestion Experienced',
};

export const IPV6 = registerProtocol('ipv6', 'Internet Protocol Version 6');

export const IPV6_F = registerFields({
  version: { name: 'ipv6.version', type: 'uint', description: 'Version' },
  ipVersion: { name: 'ip.version', type: 'uint', description: 'Version' },
  tclass: { name: 'ipv6.tclass', type: 'uint', base: 'hex', bits: 32, description: 'Traffic Class' },
  dscp: { name: 'ipv6.tclass.dscp', type: 'uint', description: 'Differentiated Services Codepoint', valueNames: DSCP_NAMES },
  ecn: { name: 'ipv6.tclass.ecn', type: 'uint', description: 'Explicit Congestion Notification', valueNames: ECN_NAMES },
  flow: { name: 'ipv6.flow', type: 'uint', base: 'hex', bits: 24, description: 'Flow Label' },
  plen: { name: 'ipv6.plen', type: 'uint', description: 'Payload Length' },
  nxt: { name: 'ipv6.nxt', type: 'uint', description: 'Next Header', valueNames: NEXT_HEADER_NAMES },
  hlim: { name: 'ipv6.hlim', type: 'uint', description: 'Hop Limit' },
  src: { name: 'ipv6.src', type: 'ipv6', description: 'Source Address' },
  dst: { name: 'ipv6.dst', type: 'ipv6', description: 'Destination Address' },
  addr: { name: 'ipv6.addr', type: 'ipv6', description: 'Source or Destination Address' },
  bogusVersion: {
    name: 'ipv6.bogus_ipv6_version',
    type: 'none',
    description: 'Bogus IP version',
    expert: { severity: 'Error', group: 'Malformed' },
  },
  invalidHeader: {
    name: 'ipv6.invalid_header',
    type: 'none',
    description: 'Invalid IPv6 header',
    expert: { severity: 'Error', group: 'Malformed' },
  },
  plenExceedsFraming: {
    name: 'ipv6.plen_exceeds_framing',
    type: 'none',
    description: 'IPv6 payload length does not match expected framing length',
    expert: { severity: 'Warning', group: 'Protocol' },
  },
  plenZero: {
    name: 'ipv6.plen_zero',
    type: 'none',
    description: 'IPv6 payload length equals 0 (maybe because of "TCP segmentation offload" (TSO))',
    expert: { severity: 'Chat', group: 'Protocol' },
  },
  jumboMissing: {
    name: 'ipv6.opt.jumbo.missing',
    type: 'none',
    description: 'IPv6 payload length equals 0 and Hop-By-Hop present and Jumbo Payload option missing',
    expert: { severity: 'Error', group: 'Malformed' },
  },
});

const NH_HOPOPTS = 0;
const NH_ROUTING = 43;
const NH_FRAGMENT = 44;
const NH_AH = 51;
const NH_NONE = 59;
const NH_DSTOPTS = 60;

/**
 * Dissects an IPv6 datagram at `off`. Returns the end of the datagram (what lies beyond
 * it in [end) is a trailer), or `off` itself when the version is not 6: the packet was
 * not IPv6 and the caller may show the bytes as data, as tshark does.
 */
export function dissectIPv6(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number {
  const parent = f.parent;
  const result = { end };
  enterOwn();
  try {
    return dissectDatagram(f, c, off, end, rend, result);
  } catch (e) {
    if (e !== STOP) throw e;
    return result.end;
  } finally {
    f.parent = parent;
    leaveOwn(f);
  }
}

function dissectDatagram(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number, result: { end: number }): number {
  const buf = c.buf;
  const root = f.parent;
  const hb: Bounds = bounds(end, rend, rend, 'IPv6');
  const top = f.open(IPV6, off, Math.max(0, Math.min(40, end - off)));
  c.setColumns('IPv6', chainInfo, top);
  if (off >= end) {
    c.layers.push('ipv6');
    need(f, c, hb, off, 1);
  }
  const version = buf[off]! >> 4;
  const versionRec = f.add(IPV6_F.version, off, 1, version);
  f.add(IPV6_F.ipVersion, off, 1, version, HIDDEN);
  if (version !== 6) {
    malformedExpert(f, c, IPV6_F.bogusVersion, off, 1, 'Bogus IPv6 version');
    c.setColumns('IPv6', bogusInfo, versionRec);
    f.close(top);
    return off;
  }
  c.layers.push('ipv6');
  const reported = rend - off;
  if (reported < 40) {
    const e = malformedExpert(f, c, IPV6_F.invalidHeader, off, Math.max(0, Math.min(40, end - off)), 'IPv6 header must be exactly 40 bytes');
    f.vals[e] = reported;
  }
  need(f, c, hb, off, 4);
  const word = ((buf[off]! << 24) | (buf[off + 1]! << 16) | (buf[off + 2]! << 8) | buf[off + 3]!) >>> 0;
  const tclass = (word >>> 20) & 0xff;
  const tcRec = f.add(IPV6_F.tclass, off, 4, tclass);
  f.parent = tcRec;
  f.add(IPV6_F.dscp, off, 4, tclass >> 2);
  f.add(IPV6_F.ecn, off, 4, tclass & 3);
  f.parent = top;
  f.add(IPV6_F.flow, off + 1, 3, word & 0xfffff);
  need(f, c, hb, off + 4, 2);
  const plen = (buf[off + 4]! << 8) | buf[off + 5]!;
  need(f, c, hb, off + 6, 1);
  const nxt = buf[off + 6]!;
  const plenRec = f.add(IPV6_F.plen, off + 4, 2, plen);
  if (plen === 0 && nxt !== NH_HOPOPTS && nxt !== NH_NONE) {
    expertOn(f, c, plenRec, IPV6_F.plenZero, 'IPv6 payload length equals 0 (maybe because of "TCP segmentation offload" (TSO))');
  }
  const nxtRec = f.add(IPV6_F.nxt, off + 6, 1, nxt);
  need(f, c, hb, off + 7, 1);
  const hlim = buf[off + 7]!;
  f.add(IPV6_F.hlim, off + 7, 1, hlim);
  need(f, c, hb, off + 8, 16);
  const srcRec = f.add(IPV6_F.src, off + 8, 16);
  f.add(IPV6_F.addr, off + 8, 16, 0, HIDDEN);
  c.setAddresses(srcRec, c.colDst);
  need(f, c, hb, off + 24, 16);
  const dstRec = f.add(IPV6_F.dst, off + 24, 16);
  f.add(IPV6_F.addr, off + 24, 16, 0, HIDDEN);
  c.setAddresses(srcRec, dstRec);
  if (c.detail) f.setText(top, `Internet Protocol Version 6, Src: ${formatIPv6(buf, off + 8)}, Dst: ${formatIPv6(buf, off + 24)}`);

  let length = plen;
  let jumbo = 0;
  if (plen === 0 && nxt === NH_HOPOPTS) {
    jumbo = jumboPayloadLength(buf, off + 40, end);
    if (jumbo !== 0) length = jumbo;
    else expertOn(f, c, plenRec, IPV6_F.jumboMissing, 'IPv6 payload length equals 0 and Hop-By-Hop present and Jumbo Payload option missing', true);
  }
  const framed = reported - 40;
  if (c.quoteDepth === 0 && length > framed) {
    expertOn(f, c, plenRec, IPV6_F.plenExceedsFraming, `IPv6 payload length exceeds framing length (${framed} bytes)`);
  }
  // the datagram ends where the payload length says, unless the frame ends first
  const rep = Math.min(rend, off + 40 + length);
  const cap = Math.min(end, rep);
  result.end = cap;
  f.close(top);

  const st: ChainState = {
    top,
    root,
    b: bounds(cap, rep, rep, 'IPv6'),
    plen,
    hlim,
    jumbo,
    fragPlen: plen,
    itemLen: 40,
    nh: nxt,
    nhRec: nxtRec,
    srcBuf: buf,
    srcOff: off + 8,
    dstBuf: buf,
    dstOff: off + 24,
    srcRec,
    dstRec,
    quoted: c.quoteDepth > 0,
    reassembled: null,
    homeAddress(record: number, hbuf: Uint8Array, hoff: number): void {
      this.srcBuf = hbuf;
      this.srcOff = hoff;
      this.srcRec = record;
      c.setAddresses(record, this.dstRec);
    },
  };
  walkChain(f, c, st, off + 40, nxt);
  return cap;
}

/** Follows extension headers from `off` until an upper layer (or the end) is reached. */
function walkChain(f: PacketFields, c: DissectCtx, st: ChainState, off: number, nh: number): void {
  for (;;) {
    let next: number;
    switch (nh) {
      case NH_HOPOPTS:
        next = dissectOptionsHeader(f, c, st, off, true);
        break;
      case NH_DSTOPTS:
        next = dissectOptionsHeader(f, c, st, off, false);
        break;
      case NH_ROUTING:
        next = dissectRouting(f, c, st, off);
        break;
      case NH_FRAGMENT:
        next = dissectFragment(f, c, st, off);
        if (next >= 0 && st.reassembled) {
          continueReassembled(f, c, st);
          return;
        }
        break;
      case NH_AH: {
        const ah = dissectAH(f, c, st.b, off, st.root, chainInfo, st.top);
        st.nh = ah.nh;
        st.nhRec = ah.nhRec;
        next = ah.next;
        break;
      }
      default:
        upperLayer(f, c, st, off, nh);
        return;
    }
    if (next < 0) return;
    off = next;
    nh = st.nh;
  }
}

/** A fragment completed its datagram: dissect the rest of the chain from the reassembled bytes. */
function continueReassembled(f: PacketFields, c: DissectCtx, st: ChainState): void {
  const { payload, frames } = st.reassembled!;
  st.reassembled = null;
  const frameBuf = c.buf;
  const frameSrc = f.src;
  const frameBounds = st.b;
  f.addSource(payload, `Reassembled IPv6 (${payload.length} bytes)`);
  c.buf = payload;
  if (c.quoteDepth === 0) c.reassembledFrom = frames;
  st.b = bounds(payload.length, payload.length, payload.length, 'IPv6');
  try {
    recordReassembly(f, st, frames, payload.length);
    walkChain(f, c, st, 0, st.nh);
  } finally {
    c.buf = frameBuf;
    f.src = frameSrc;
    st.b = frameBounds;
  }
}

/** End of the header chain: hand the payload to the protocol named by `nh`. */
function upperLayer(f: PacketFields, c: DissectCtx, st: ChainState, off: number, nh: number): void {
  f.lens[st.top] = st.itemLen;
  f.parent = st.root;
  if (nh === NH_NONE) {
    c.setColumns(c.protocol || 'IPv6', noNextHeaderInfo, st.top);
    dissectData(f, c, off, st.b.cap, st.b.rep);
    return;
  }
  const d = ipProtoDissector(nh);
  if (!d) {
    c.setColumns(c.protocol || 'IPv6', unknownProtocolInfo, st.nhRec);
    dissectData(f, c, off, st.b.cap, st.b.rep);
    return;
  }
  c.netVersion = 6;
  if (st.srcBuf === st.dstBuf) {
    c.netBuf = st.srcBuf;
    c.netSrcOff = st.srcOff;
    c.netDstOff = st.dstOff;
  } else {
    const pair = new Uint8Array(32);
    pair.set(st.srcBuf.subarray(st.srcOff, st.srcOff + 16), 0);
    pair.set(st.dstBuf.subarray(st.dstOff, st.dstOff + 16), 16);
    c.netBuf = pair;
    c.netSrcOff = 0;
    c.netDstOff = 16;
  }
  d(f, c, off, st.b.cap, st.b.rep);
}

/**
 * The Jumbo Payload length announced by a Hop-by-Hop header at `off`, 0 when there is
 * none (or it is not above 65535). Only looks at captured bytes, never reports.
 */
function jumboPayloadLength(buf: Uint8Array, off: number, end: number): number {
  if (off + 2 > end) return 0;
  const stop = off + (buf[off + 1]! + 1) * 8;
  let at = off + 2;
  while (at < stop && at + 6 <= end) {
    const type = buf[at++]!;
    if (type === 0) continue;
    const len = buf[at++]!;
    if (type === 0xc2 && len === 4) {
      const v = ((buf[at]! << 24) | (buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!) >>> 0;
      return v > 0xffff ? v : 0;
    }
    at += len;
  }
  return 0;
}

/** Info while IPv6 owns the columns: the extension headers seen, as tshark appends them. */
function chainInfo(f: PacketFields, _c: DissectCtx, anchor: number): string {
  let text = '';
  const add = (s: string): void => {
    text = text ? `${text} , ${s}` : s;
  };
  for (let i = anchor + 1; i < f.count; i++) {
    const id = f.ids[i]!;
    if (id === IPV6) break;
    if (id === IPV6_F.invalidHeader) text = `Invalid IPv6 header (${f.vals[i]} bytes, need exactly 40)`;
    else if (id === IPV6_F.jumboMissing) text = 'Invalid IPv6 payload length';
    else if (id === HOPOPTS) add('IPv6 hop-by-hop options');
    else if (id === DSTOPTS) add('IPv6 destination options');
    else if (id === ROUTING) add('IPv6 routing');
    else if (id === FRAGHDR) text = fragmentInfo(f, i);
    else if (id === AH) text = ahInfo(f, _c, i);
  }
  return text;
}

function fragmentInfo(f: PacketFields, rec: number): string {
  const off = f.vals[firstChild(f, rec, EXT_F.fragOffset)]! * 8;
  const more = f.vals[firstChild(f, rec, EXT_F.fragMore)] ? 'y' : 'n';
  const ident = hex8(f.vals[firstChild(f, rec, EXT_F.fragIdent)]!);
  const nxt = f.vals[firstChild(f, rec, EXT_F.fragNxt)]!;
  return `IPv6 fragment (off=${off} more=${more} ident=0x${ident} nxt=${nxt})`;
}

function bogusInfo(f: PacketFields, _c: DissectCtx, anchor: number): string {
  return `Bogus IPv6 version (${f.vals[anchor]}, must be 6)`;
}

function noNextHeaderInfo(): string {
  return 'IPv6 no next header';
}

function unknownProtocolInfo(f: PacketFields, _c: DissectCtx, anchor: number): string {
  const nh = f.vals[anchor]!;
  return `Unknown IP Protocol: ${ipProtocolName(nh)} (${nh})`;
}

/** AH reached from IPv4: its fields, then the protocol it protects. */
function dissectAHStandalone(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number {
  const parent = f.parent;
  try {
    const ah = dissectAH(f, c, bounds(end, rend, rend, 'AH'), off, parent);
    f.parent = parent;
    const d = ipProtoDissector(ah.nh);
    if (d) return d(f, c, ah.next, end, rend);
    c.setColumns('AH', unknownProtocolInfo, ah.nhRec);
    dissectData(f, c, ah.next, end, rend);
  } catch (e) {
    if (e !== STOP) throw e;
  } finally {
    f.parent = parent;
  }
  return rend;
}

/** ESP: only the SPI and sequence number are readable without keys. */
function dissectESP(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number {
  const parent = f.parent;
  try {
    dissectESPHeader(f, c, bounds(end, rend, rend, 'ESP'), off);
  } catch (e) {
    if (e !== STOP) throw e;
  } finally {
    f.parent = parent;
  }
  return rend;
}

registerEtherType(0x86dd, dissectIPv6);
registerIpProto(41, dissectIPv6);
registerIpProto(50, dissectESP);
registerIpProto(51, dissectAHStandalone);
