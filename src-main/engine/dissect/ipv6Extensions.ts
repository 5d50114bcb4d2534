// IPv6 extension headers (RFC 8200 §4): Hop-by-Hop and Destination Options, Routing
// (types 0, 2, 3, 4, 5/6), Fragment (with reassembly through c.reasm), and the IPsec
// headers AH (skipped by its length) and ESP (ends the chain: the rest is encrypted).
// Each function reads one header at `off` and returns where the next one starts, or -1
// when the chain ends there; the walk itself lives in ipv6.ts.

import { registerFields, registerProtocol } from '../fields/fieldRegistry.js';
import type { PacketFields } from '../fields/packetFields.js';
import { GENERATED } from '../fields/packetFields.js';
import { formatIPv6 } from '../fields/addressFormat.js';
import type { DissectCtx, InfoFormatter } from './context.js';
import { type Bounds, expertOn, has, need, subBounds } from './byteBounds.js';
import { dissectData } from './data.js';
import { type OptionHost, dissectOptionList } from './ipv6Options.js';
import { IP_PROTOCOL_NAMES as NEXT_HEADER_NAMES } from './ipProtocolNames.js';

/** The state one IPv6 datagram's header chain shares between its headers. */
export interface ChainState extends OptionHost {
  /** record index of the ipv6 layer, and the subtree it sits in (upper layers go there too) */
  top: number;
  root: number;
  /** limits of the datagram's payload in c.buf (absolute offsets) */
  b: Bounds;
  /** jumbo payload length from the Hop-by-Hop option, 0 when none */
  jumbo: number;
  /** payload bytes after the headers seen so far: what a fragment carries */
  fragPlen: number;
  /** header plus extension header bytes (the ipv6 layer's length in the tree) */
  itemLen: number;
  /** next header value announced by the header just dissected, and its record */
  nh: number;
  nhRec: number;
  /** where the addresses for pseudo-header, reassembly key and columns are */
  srcBuf: Uint8Array;
  srcOff: number;
  dstBuf: Uint8Array;
  dstOff: number;
  srcRec: number;
  dstRec: number;
  /** inside an ICMPv6 error quote: no reassembly */
  quoted: boolean;
  /** set when a fragment completed its datagram */
  reassembled: { payload: Uint8Array; frames: number[] } | null;
}

const ROUTING_TYPES: Readonly<Record<number, string>> = {
  0: 'Source Route',
  1: 'Nimrod',
  2: 'Type 2 Routing',
  3: 'RPL Source Route',
  4: 'Segment Routing',
  5: 'Compact Routing Header 16',
  6: 'Compact Routing Header 32',
  253: 'Experiment 1',
  254: 'Experiment 2',
};

export const HOPOPTS = registerProtocol('ipv6.hopopts', 'IPv6 Hop-by-Hop Option');
export const DSTOPTS = registerProtocol('ipv6.dstopts', 'Destination Options for IPv6');
export const ROUTING = registerProtocol('ipv6.routing', 'Routing Header for IPv6');
export const FRAGHDR = registerProtocol('ipv6.fraghdr', 'Fragment Header for IPv6');
export const AH = registerProtocol('ah', 'Authentication Header');
export const ESP = registerProtocol('esp', 'Encapsulating Security Payload');

export const EXT_F = registerFields({
  hopNxt: { name: 'ipv6.hopopts.nxt', type: 'uint', description: 'Next Header', valueNames: NEXT_HEADER_NAMES },
  hopLen: { name: 'ipv6.hopopts.len', type: 'uint', description: 'Length' },
  hopLenOct: { name: 'ipv6.hopopts.len_oct', type: 'uint', description: 'Length' },
  hopNotFirst: {
    name: 'ipv6.hopopts.not_first',
    type: 'none',
    description: 'IPv6 Hop-by-Hop extension header must appear immediately after IPv6 header',
    expert: { severity: 'Error', group: 'Protocol' },
  },
  dstNxt: { name: 'ipv6.dstopts.nxt', type: 'uint', description: 'Next Header', valueNames: NEXT_HEADER_NAMES },
  dstLen: { name: 'ipv6.dstopts.len', type: 'uint', description: 'Length' },
  dstLenOct: { name: 'ipv6.dstopts.len_oct', type: 'uint', description: 'Length' },
  rtNxt: { name: 'ipv6.routing.nxt', type: 'uint', description: 'Next Header', valueNames: NEXT_HEADER_NAMES },
  rtLen: { name: 'ipv6.routing.len', type: 'uint', description: 'Length' },
  rtLenOct: { name: 'ipv6.routing.len_oct', type: 'uint', description: 'Length' },
  rtType: { name: 'ipv6.routing.type', type: 'uint', description: 'Type', valueNames: ROUTING_TYPES },
  rtSegLeft: { name: 'ipv6.routing.segleft', type: 'uint', description: 'Segments Left' },
  rtUnknownData: { name: 'ipv6.routing.unknown_data', type: 'bytes', description: 'Type-Specific Data' },
  rt0Reserved: { name: 'ipv6.routing.src.reserved', type: 'bytes', description: 'Reserved' },
  rt0Addr: { name: 'ipv6.routing.src.addr', type: 'ipv6', description: 'Address' },
  rt2Reserved: { name: 'ipv6.routing.mipv6.reserved', type: 'bytes', description: 'Reserved' },
  rt2Home: { name: 'ipv6.routing.mipv6.home_address', type: 'ipv6', description: 'Home Address' },
  rplCmprI: { name: 'ipv6.routing.rpl.cmprI', type: 'uint', description: 'Compressed Internal Octets (CmprI)' },
  rplCmprE: { name: 'ipv6.routing.rpl.cmprE', type: 'uint', description: 'Compressed Final Octets (CmprE)' },
  rplPad: { name: 'ipv6.routing.rpl.pad', type: 'uint', description: 'Padding Bytes' },
  rplReserved: { name: 'ipv6.routing.rpl.reserved', type: 'uint', description: 'Reserved' },
  rplAddrCount: { name: 'ipv6.routing.rpl.addr_count', type: 'int', description: 'Total Address Count' },
  rplAddr: { name: 'ipv6.routing.rpl.address', type: 'bytes', description: 'Address' },
  rplFullAddr: { name: 'ipv6.routing.rpl.full_address', type: 'bytes', description: 'Full Address' },
  srhLastEntry: { name: 'ipv6.routing.srh.last_entry', type: 'uint', description: 'Last Entry' },
  srhFlags: { name: 'ipv6.routing.srh.flags', type: 'uint', base: 'hex', bits: 8, description: 'Flags' },
  srhTag: { name: 'ipv6.routing.srh.tag', type: 'bytes', description: 'Tag' },
  srhAddr: { name: 'ipv6.routing.srh.addr', type: 'ipv6', description: 'Address' },
  crh16Current: { name: 'ipv6.routing.crh16.current_sid', type: 'uint', description: 'Current SID' },
  crh32Current: { name: 'ipv6.routing.crh32.current_sid', type: 'uint', description: 'Current SID' },
  crh16Sid: { name: 'ipv6.routing.crh16.sid', type: 'uint', description: 'Segment ID' },
  crh32Sid: { name: 'ipv6.routing.crh32.sid', type: 'uint', description: 'Segment ID' },
  rtInvalidLength: {
    name: 'ipv6.routing.invalid_length',
    type: 'none',
    description: 'Invalid IPv6 Routing header length',
    expert: { severity: 'Error', group: 'Malformed' },
  },
  rtInvalidSegLeft: {
    name: 'ipv6.routing.invalid_segleft',
    type: 'none',
    description: 'IPv6 Routing Header segments left field must not exceed address count',
    expert: { severity: 'Warning', group: 'Protocol' },
  },
  rtUndecoded: {
    name: 'ipv6.routing.undecoded',
    type: 'none',
    description: 'Undecoded IPv6 routing header field',
    expert: { severity: 'Note', group: 'Undecoded' },
  },
  rtDeprecated: {
    name: 'ipv6.routing.deprecated',
    type: 'none',
    description: 'Routing header type is deprecated',
    expert: { severity: 'Note', group: 'Deprecated' },
  },
  rtMulticastInList: {
    name: 'ipv6.src_route_list.multicast_addr',
    type: 'none',
    description: 'Multicast addresses must not appear in the source route list',
    expert: { severity: 'Warning', group: 'Protocol' },
  },
  rtSrcInList: {
    name: 'ipv6.src_route_list.src_addr',
    type: 'none',
    description: 'Source address must not appear in the source route list',
    expert: { severity: 'Warning', group: 'Protocol' },
  },
  rtDstInList: {
    name: 'ipv6.src_route_list.dst_addr',
    type: 'none',
    description: 'Destination address must not appear in the source route list',
    expert: { severity: 'Warning', group: 'Protocol' },
  },
  rtDstMulticast: {
    name: 'ipv6.dst_addr.not_multicast',
    type: 'none',
    description: 'Destination address must not be a multicast address',
    expert: { severity: 'Warning', group: 'Protocol' },
  },
  rplPadNotZero: {
    name: 'ipv6.routing.rpl.cmprI_cmprE_pad',
    type: 'none',
    description: 'When cmprI equals 0 and cmprE equals 0, pad MUST equal 0 but instead was X',
    expert: { severity: 'Warning', group: 'Protocol' },
  },
  rplAddrCountNegative: {
    name: 'ipv6.routing.rpl.addr_count_ge0',
    type: 'none',
    description: 'Calculated total address count must be greater than or equal to 0, instead was X',
    expert: { severity: 'Error', group: 'Malformed' },
  },
  rplReservedNotZero: {
    name: 'ipv6.routing.rpl.reserved_not0',
    type: 'none',
    description: 'Reserved field must equal 0 but instead was X',
    expert: { severity: 'Note', group: 'Protocol' },
  },
  fragNxt: { name: 'ipv6.fraghdr.nxt', type: 'uint', description: 'Next header', valueNames: NEXT_HEADER_NAMES },
  fragReservedOctet: { name: 'ipv6.fraghdr.reserved_octet', type: 'uint', base: 'hex', bits: 8, description: 'Reserved octet' },
  fragOffset: { name: 'ipv6.fraghdr.offset', type: 'uint', description: 'Offset' },
  fragReservedBits: { name: 'ipv6.fraghdr.reserved_bits', type: 'uint', description: 'Reserved bits' },
  fragMore: { name: 'ipv6.fraghdr.more', type: 'bool', description: 'More Fragments' },
  fragIdent: { name: 'ipv6.fraghdr.ident', type: 'uint', base: 'hex', bits: 32, description: 'Identification' },
  jumboFragment: {
    name: 'ipv6.opt.jumbo.fragment',
    type: 'none',
    description: 'Jumbo Payload option cannot be used with a fragment header',
    expert: { severity: 'Warning', group: 'Protocol' },
  },
  fragments: { name: 'ipv6.fragments', type: 'none', description: 'IPv6 Fragments' },
  fragment: { name: 'ipv6.fragment', type: 'uint', description: 'IPv6 Fragment' },
  fragmentCount: { name: 'ipv6.fragment.count', type: 'uint', description: 'Fragment count' },
  reassembledLength: { name: 'ipv6.reassembled.length', type: 'uint', description: 'Reassembled IPv6 length' },
  ahNxt: { name: 'ah.next_header', type: 'uint', description: 'Next header', valueNames: NEXT_HEADER_NAMES },
  ahLength: { name: 'ah.length', type: 'uint', description: 'Length' },
  ahReserved: { name: 'ah.reserved', type: 'bytes', description: 'Reserved' },
  ahSpi: { name: 'ah.spi', type: 'uint', base: 'hex', bits: 32, description: 'AH SPI' },
  ahSequence: { name: 'ah.sequence', type: 'uint', description: 'AH Sequence' },
  ahIcv: { name: 'ah.icv', type: 'bytes', description: 'AH ICV' },
  espSpi: { name: 'esp.spi', type: 'uint', base: 'hex', bits: 32, description: 'ESP SPI' },
  espSequence: { name: 'esp.sequence', type: 'uint', description: 'ESP Sequence' },
});

/** Hop-by-Hop (hopByHop) or Destination Options header. */
export function dissectOptionsHeader(f: PacketFields, c: DissectCtx, st: ChainState, off: number, hopByHop: boolean): number {
  const notFirst = hopByHop && c.layers[c.layers.length - 1] !== 'ipv6';
  const layer = hopByHop ? 'ipv6.hopopts' : 'ipv6.dstopts';
  const quoted = c.quoteDepth > 0;
  const b: Bounds = { ...st.b, name: hopByHop ? 'IPv6 Hop-by-Hop' : 'IPv6 Destination' };
  const buf = c.buf;
  f.parent = st.top;
  // tshark reads the two length bytes before adding its item. Outside quotes the item is
  // opened first anyway, so the Info column (built from items) names the header even
  // when those bytes are missing; inside a quote, a missing item also drops the layer.
  let rec = quoted ? -1 : openOptionsHeader(f, c, off, hopByHop);
  if (!quoted) c.layers.push(layer);
  need(f, c, b, off, 1);
  const nxt = buf[off]!;
  need(f, c, b, off + 1, 1);
  const len = (buf[off + 1]! + 1) * 8;
  st.fragPlen -= len;
  st.itemLen += len;
  if (quoted) {
    rec = openOptionsHeader(f, c, off, hopByHop);
    c.layers.push(layer);
  }
  f.lens[rec] = Math.min(len, Math.max(0, b.cap - off));
  if (notFirst) {
    expertOn(f, c, rec, EXT_F.hopNotFirst, 'IPv6 Hop-by-Hop extension header must appear immediately after IPv6 header');
  }
  st.nhRec = f.add(hopByHop ? EXT_F.hopNxt : EXT_F.dstNxt, off, 1, nxt);
  f.add(hopByHop ? EXT_F.hopLen : EXT_F.dstLen, off + 1, 1, buf[off + 1]!);
  f.add(hopByHop ? EXT_F.hopLenOct : EXT_F.dstLenOct, off + 1, 1, len, GENERATED);
  dissectOptionList(f, c, b, off + 2, off + len, hopByHop, st);
  f.close(rec);
  f.parent = st.top;
  need(f, c, b, off + len, 0);
  st.nh = nxt;
  return off + len;
}

function openOptionsHeader(f: PacketFields, c: DissectCtx, off: number, hopByHop: boolean): number {
  const rec = f.open(hopByHop ? HOPOPTS : DSTOPTS, off, 0);
  if (c.detail) f.setText(rec, hopByHop ? 'IPv6 Hop-by-Hop Option' : 'Destination Options for IPv6');
  return rec;
}

/** Routing header; types 0, 2, 3 and 4 move the effective destination to the final hop. */
export function dissectRouting(f: PacketFields, c: DissectCtx, st: ChainState, off: number): number {
  const b: Bounds = { ...st.b, name: 'IPv6 Routing' };
  quotedEntry(f, c, b, off, 1);
  c.layers.push('ipv6.routing');
  const buf = c.buf;
  f.parent = st.top;
  const rec = f.open(ROUTING, off, Math.max(0, Math.min(8, b.cap - off)));
  need(f, c, b, off, 1);
  const nxt = buf[off]!;
  st.nhRec = f.add(EXT_F.rtNxt, off, 1, nxt);
  need(f, c, b, off + 1, 1);
  const hdrLen = buf[off + 1]!;
  const total = (hdrLen + 1) * 8;
  f.lens[rec] = Math.max(0, Math.min(total, b.cap - off));
  const lenRec = f.add(EXT_F.rtLen, off + 1, 1, hdrLen);
  f.add(EXT_F.rtLenOct, off + 1, 1, total, GENERATED);
  st.fragPlen -= total;
  st.itemLen += total;
  need(f, c, b, off + 2, 1);
  const type = buf[off + 2]!;
  const typeRec = f.add(EXT_F.rtType, off + 2, 1, type);
  if (c.detail) f.setText(rec, `Routing Header for IPv6 (${ROUTING_TYPES[type] ?? `Unknown type ${type}`})`);
  need(f, c, b, off + 3, 1);
  const segLeft = buf[off + 3]!;
  const segRec = f.add(EXT_F.rtSegLeft, off + 3, 1, segLeft);
  const dataOff = off + 4;
  const dataLen = total - 4;
  const rt: RoutingHeader = { off, hdrLen, type, segLeft, lenRec, typeRec, segRec };
  if (type <= 6 && type !== 1) {
    need(f, c, b, dataOff, 0);
    const tb = subBounds(b, dataOff, dataLen);
    switch (type) {
      case 0:
        routingType0(f, c, st, tb, rt);
        break;
      case 2:
        routingType2(f, c, st, tb, rt);
        break;
      case 3:
        routingRpl(f, c, st, tb, rt);
        break;
      case 4:
        routingSrh(f, c, st, tb, rt);
        break;
      default:
        routingCompact(f, c, tb, rt);
        break;
    }
  } else {
    need(f, c, b, dataOff, dataLen);
    const u = f.add(EXT_F.rtUnknownData, dataOff, dataLen);
    expertOn(f, c, u, EXT_F.rtUndecoded, 'Undecoded IPv6 routing header field');
  }
  f.close(rec);
  f.parent = st.top;
  need(f, c, b, off + total, 0);
  st.nh = nxt;
  return off + total;
}

/**
 * Adds a layer to frame.protocols. Inside a quoted datagram tshark drops the layer of a
 * header that ended before it could add its tree item, so there the name is added only
 * once the item exists (`itemMade`); elsewhere it is added on entry.
 */
function enterLayer(c: DissectCtx, name: string, itemMade: boolean): void {
  if ((c.quoteDepth > 0) === itemMade) c.layers.push(name);
}

/**
 * In a quoted datagram, a header whose item tshark could not add (its first `n` bytes,
 * read before the item, are missing) leaves no layer behind: stop before naming it.
 */
export function quotedEntry(f: PacketFields, c: DissectCtx, b: Bounds, off: number, n: number): void {
  if (c.quoteDepth > 0) need(f, c, b, off, n);
}

interface RoutingHeader {
  off: number;
  hdrLen: number;
  type: number;
  segLeft: number;
  lenRec: number;
  typeRec: number;
  segRec: number;
}

function isMulticast(buf: Uint8Array, off: number): boolean {
  return buf[off] === 0xff;
}

function sameAddress(a: Uint8Array, aOff: number, b: Uint8Array, bOff: number): boolean {
  for (let i = 0; i < 16; i++) if (a[aOff + i] !== b[bOff + i]) return false;
  return true;
}

function setFinalDestination(c: DissectCtx, st: ChainState, buf: Uint8Array, off: number, rec: number): void {
  st.dstBuf = buf;
  st.dstOff = off;
  st.dstRec = rec;
  c.setAddresses(st.srcRec, rec);
}

function routingType0(f: PacketFields, c: DissectCtx, st: ChainState, tb: Bounds, rt: RoutingHeader): void {
  const buf = c.buf;
  const start = rt.off + 4;
  const count = rt.hdrLen >> 1;
  // tshark adds the type's notes while reading the addresses, attached to the fields above;
  // they are recorded here in that tree order, and only if tshark would get that far
  const reaches = has(tb, start, 4);
  const completes = has(tb, start, 4 + count * 16);
  if (reaches && rt.hdrLen % 2 !== 0) {
    expertOn(f, c, rt.lenRec, EXT_F.rtInvalidLength, 'IPv6 Routing Header extension header length must not be odd', true);
  }
  if (completes) expertOn(f, c, rt.typeRec, EXT_F.rtDeprecated, 'Routing header type is deprecated');
  if (reaches && rt.segLeft > count) {
    expertOn(f, c, rt.segRec, EXT_F.rtInvalidSegLeft, `IPv6 Type 0 Routing Header segments left field must not exceed address count (${count})`);
  }
  need(f, c, tb, start, 4);
  f.add(EXT_F.rt0Reserved, start, 4);
  let last = -1;
  for (let i = 0; i < count; i++) {
    const at = start + 4 + i * 16;
    need(f, c, tb, at, 16);
    last = f.add(EXT_F.rt0Addr, at, 16);
    if (c.detail) f.setText(last, `Address[${i + 1}]: ${formatIPv6(buf, at)}`);
    if (isMulticast(buf, at)) expertOn(f, c, last, EXT_F.rtMulticastInList, 'Multicast addresses must not appear in the source route list');
  }
  if (last >= 0 && rt.segLeft > 0) setFinalDestination(c, st, buf, f.starts[last]!, last);
}

function routingType2(f: PacketFields, c: DissectCtx, st: ChainState, tb: Bounds, rt: RoutingHeader): void {
  const buf = c.buf;
  const start = rt.off + 4;
  const reaches = has(tb, start, 4);
  if (reaches && rt.hdrLen !== 2) {
    expertOn(f, c, rt.lenRec, EXT_F.rtInvalidLength, 'IPv6 Type 2 Routing Header extension header length must equal 2', true);
  }
  if (reaches && rt.segLeft !== 1) {
    expertOn(f, c, rt.segRec, EXT_F.rtInvalidSegLeft, 'IPv6 Type 2 Routing Header segments left field must equal 1');
  }
  need(f, c, tb, start, 4);
  f.add(EXT_F.rt2Reserved, start, 4);
  need(f, c, tb, start + 4, 16);
  const rec = f.add(EXT_F.rt2Home, start + 4, 16);
  if (c.detail) f.setText(rec, `Address[1]: ${formatIPv6(buf, start + 4)}`);
  if (isMulticast(buf, start + 4)) expertOn(f, c, rec, EXT_F.rtMulticastInList, 'Multicast addresses must not appear in the source route list');
  if (rt.segLeft > 0) setFinalDestination(c, st, buf, start + 4, rec);
}

/** RPL Source Route (RFC 6554): addresses with elided prefix octets taken from the destination. */
function routingRpl(f: PacketFields, c: DissectCtx, st: ChainState, tb: Bounds, rt: RoutingHeader): void {
  const buf = c.buf;
  const start = rt.off + 4;
  if (isMulticast(st.dstBuf, st.dstOff)) {
    expertOn(f, c, f.parent, EXT_F.rtDstMulticast, 'Destination address must not be a multicast address');
  }
  need(f, c, tb, start, 4);
  const cmprI = buf[start]! >> 4;
  const cmprE = buf[start]! & 0x0f;
  const pad = buf[start + 1]! >> 4;
  const reserved = ((buf[start + 1]! & 0x0f) << 16) | (buf[start + 2]! << 8) | buf[start + 3]!;
  f.add(EXT_F.rplCmprI, start, 4, cmprI);
  f.add(EXT_F.rplCmprE, start, 4, cmprE);
  const padRec = f.add(EXT_F.rplPad, start, 4, pad);
  if (cmprI === 0 && cmprE === 0 && pad !== 0) {
    expertOn(f, c, padRec, EXT_F.rplPadNotZero, `When cmprI equals 0 and cmprE equals 0, pad MUST equal 0 but instead was ${pad}`);
  }
  const resRec = f.add(EXT_F.rplReserved, start, 4, reserved);
  if (reserved !== 0) expertOn(f, c, resRec, EXT_F.rplReservedNotZero, `Reserved field must equal 0 but instead was ${reserved}`);
  let count = 0;
  if (rt.hdrLen > 0) count = Math.trunc((rt.hdrLen * 8 - pad - (16 - cmprE)) / (16 - cmprI)) + 1;
  const countRec = f.add(EXT_F.rplAddrCount, start, 2, count, GENERATED);
  if (count < 0) {
    expertOn(f, c, countRec, EXT_F.rplAddrCountNegative, `Calculated total address count must be greater than or equal to 0, instead was ${count}`, true);
  } else if (rt.segLeft > count) {
    expertOn(f, c, rt.segRec, EXT_F.rtInvalidSegLeft, `IPv6 RPL Routing Header segments left field must not exceed address count (${count})`);
  }
  let at = start + 4;
  for (let i = 1; i <= count; i++) {
    const n = i === count ? 16 - cmprE : 16 - cmprI;
    need(f, c, tb, at, n);
    f.add(EXT_F.rplAddr, at, n);
    // the full address: the destination's prefix with this entry's octets at the end
    const full = new Uint8Array(16);
    full.set(st.dstBuf.subarray(st.dstOff, st.dstOff + 16));
    full.set(buf.subarray(at, at + n), 16 - n);
    const fullRec = f.addString(EXT_F.rplFullAddr, at, n, formatIPv6(full, 0), GENERATED);
    if (c.detail) f.setText(fullRec, `Address[${i}]: ${formatIPv6(full, 0)}`);
    if (sameAddress(full, 0, st.srcBuf, st.srcOff)) {
      expertOn(f, c, fullRec, EXT_F.rtSrcInList, 'Source address must not appear in the source route list');
    }
    if (sameAddress(full, 0, st.dstBuf, st.dstOff)) {
      expertOn(f, c, fullRec, EXT_F.rtDstInList, 'Destination address must not appear in the source route list');
    }
    if (full[0] === 0xff) expertOn(f, c, fullRec, EXT_F.rtMulticastInList, 'Multicast addresses must not appear in the source route list');
    if (rt.segLeft > 0) setFinalDestination(c, st, full, 0, fullRec);
    at += n;
  }
}

/** Segment Routing Header (RFC 8754): Segment List[0] is the final destination. */
function routingSrh(f: PacketFields, c: DissectCtx, st: ChainState, tb: Bounds, rt: RoutingHeader): void {
  const buf = c.buf;
  const start = rt.off + 4;
  need(f, c, tb, start, 1);
  const lastEntry = buf[start]!;
  f.add(EXT_F.srhLastEntry, start, 1, lastEntry);
  need(f, c, tb, start + 1, 1);
  f.add(EXT_F.srhFlags, start + 1, 1, buf[start + 1]!);
  need(f, c, tb, start + 2, 2);
  f.add(EXT_F.srhTag, start + 2, 2);
  const count = lastEntry + 1;
  if (rt.segLeft > count) {
    expertOn(f, c, rt.segRec, EXT_F.rtInvalidSegLeft, `IPv6 Type 4 Routing Header segments left field must not exceed address count (${count})`);
  }
  const list = start + 4;
  if (rt.segLeft > 0) need(f, c, tb, list, 16);
  for (let i = 0; i < count; i++) {
    const at = list + i * 16;
    need(f, c, tb, at, 16);
    const rec = f.add(EXT_F.srhAddr, at, 16);
    if (c.detail) f.setText(rec, `Address[${i}]: ${formatIPv6(buf, at)}`);
    if (i === 0 && rt.segLeft > 0) setFinalDestination(c, st, buf, at, rec);
  }
}

/** Compact Routing Headers (types 5 and 6): 16- or 32-bit segment identifiers. */
function routingCompact(f: PacketFields, c: DissectCtx, tb: Bounds, rt: RoutingHeader): void {
  const buf = c.buf;
  const start = rt.off + 4;
  const wide = rt.type === 6;
  const size = wide ? 4 : 2;
  const count = wide ? rt.hdrLen * 2 + 1 : rt.hdrLen * 4 + 2;
  const read = (at: number): number => {
    need(f, c, tb, at, size);
    return wide ? readU32(buf, at) : (buf[at]! << 8) | buf[at + 1]!;
  };
  // the length must hold at least the segments still to visit beyond the first word
  const perWord = wide ? 2 : 4;
  const inFirstWord = wide ? 1 : 2;
  if (rt.segLeft > inFirstWord) {
    const beyond = rt.segLeft - inFirstWord;
    const minimum = Math.ceil(beyond / perWord);
    if (minimum > rt.hdrLen) {
      expertOn(f, c, rt.lenRec, EXT_F.rtInvalidLength, `IPv6 Compact Routing Header minimum length must not exceed header length (${rt.hdrLen})`, true);
    }
  }
  const currentAt = start + size * rt.segLeft;
  f.add(wide ? EXT_F.crh32Current : EXT_F.crh16Current, currentAt, size, read(currentAt), GENERATED);
  let at = start;
  let sid = read(at);
  for (let i = 0; i < count && sid !== 0; i++) {
    f.add(wide ? EXT_F.crh32Sid : EXT_F.crh16Sid, at, size, sid);
    at += size;
    sid = read(at);
  }
}

/** Fragment header; returns -1 when the payload is shown as data (a fragment that did not complete a datagram). */
export function dissectFragment(f: PacketFields, c: DissectCtx, st: ChainState, off: number): number {
  enterLayer(c, 'ipv6.fraghdr', false);
  const b: Bounds = { ...st.b, name: 'IPv6 Fragment' };
  const buf = c.buf;
  need(f, c, b, off, 1);
  const nxt = buf[off]!;
  need(f, c, b, off + 2, 2);
  const offlg = (buf[off + 2]! << 8) | buf[off + 3]!;
  need(f, c, b, off + 4, 4);
  const ident = readU32(buf, off + 4);
  st.fragPlen -= 8;
  st.itemLen += 8;
  f.parent = st.top;
  const rec = f.open(FRAGHDR, off, 8);
  enterLayer(c, 'ipv6.fraghdr', true);
  if (st.jumbo !== 0) expertOn(f, c, rec, EXT_F.jumboFragment, 'Jumbo Payload option cannot be used with a fragment header');
  st.nhRec = f.add(EXT_F.fragNxt, off, 1, nxt);
  f.add(EXT_F.fragReservedOctet, off + 1, 1, buf[off + 1]!);
  f.add(EXT_F.fragOffset, off + 2, 2, offlg >> 3);
  f.add(EXT_F.fragReservedBits, off + 2, 2, (offlg >> 1) & 3);
  f.add(EXT_F.fragMore, off + 2, 2, offlg & 1);
  f.add(EXT_F.fragIdent, off + 4, 4, ident);
  f.close(rec);
  off += 8;
  st.nh = nxt;
  const fragOff = offlg & 0xfff8;
  const more = (offlg & 1) === 1;
  if (st.fragPlen <= 0 || (fragOff === 0 && !more)) return off;
  // a real fragment: only whole, captured fragments take part in reassembly
  if (!st.quoted && has(st.b, off, st.fragPlen)) {
    const key = reassemblyKey(st, ident);
    const done = c.reasm.add(key, c.meta.number, fragOff, buf.subarray(off, off + st.fragPlen), more);
    if (done) {
      st.fragPlen = 0;
      st.reassembled = done;
      return off;
    }
  }
  f.parent = st.root;
  dissectData(f, c, off, st.b.cap, st.b.rep);
  return -1;
}

function reassemblyKey(st: ChainState, ident: number): string {
  let key = 'v6';
  for (let i = 0; i < 16; i++) key += String.fromCharCode(st.srcBuf[st.srcOff + i]!);
  for (let i = 0; i < 16; i++) key += String.fromCharCode(st.dstBuf[st.dstOff + i]!);
  return `${key}${ident}`;
}

/** Records, in the frame that completed it, which fragments made up the reassembled payload. */
export function recordReassembly(f: PacketFields, st: ChainState, frames: number[], length: number): void {
  f.parent = st.top;
  const list = f.open(EXT_F.fragments, 0, length, 0, GENERATED);
  for (const n of frames) f.add(EXT_F.fragment, 0, 0, n, GENERATED);
  f.add(EXT_F.fragmentCount, 0, 0, frames.length, GENERATED);
  f.add(EXT_F.reassembledLength, 0, length, length, GENERATED);
  f.close(list);
}

/**
 * Authentication Header: fields, then the chain goes on after its length. It claims the
 * columns with `info` anchored at `anchor` (default: its own SPI text).
 */
export function dissectAH(
  f: PacketFields,
  c: DissectCtx,
  b0: Bounds,
  off: number,
  parent: number,
  info: InfoFormatter | null = null,
  anchor = -1,
): { next: number; nh: number; nhRec: number } {
  const b: Bounds = { ...b0, name: 'AH' };
  quotedEntry(f, c, b, off, 2);
  c.layers.push('ah');
  const buf = c.buf;
  f.parent = parent;
  const rec = f.open(AH, off, Math.max(0, Math.min(12, b.cap - off)));
  if (info) c.setColumns('AH', info, anchor);
  else c.setColumns('AH', ahInfo, rec);
  need(f, c, b, off, 1);
  const nxt = buf[off]!;
  const nhRec = f.add(EXT_F.ahNxt, off, 1, nxt);
  need(f, c, b, off + 1, 1);
  const len = (buf[off + 1]! + 2) * 4;
  f.lens[rec] = Math.max(0, Math.min(len, b.cap - off));
  f.add(EXT_F.ahLength, off + 1, 1, buf[off + 1]!);
  need(f, c, b, off + 2, 2);
  f.add(EXT_F.ahReserved, off + 2, 2);
  need(f, c, b, off + 4, 4);
  f.add(EXT_F.ahSpi, off + 4, 4, readU32(buf, off + 4));
  need(f, c, b, off + 8, 4);
  f.add(EXT_F.ahSequence, off + 8, 4, readU32(buf, off + 8));
  const icvLen = Math.max(0, len - 12);
  need(f, c, b, off + 12, icvLen);
  f.add(EXT_F.ahIcv, off + 12, icvLen);
  f.close(rec);
  need(f, c, b, off + len, 0);
  return { next: off + len, nh: nxt, nhRec };
}

/** "AH (SPI=0x...)" from an AH record's fields. */
export function ahInfo(f: PacketFields, _c: DissectCtx, anchor: number): string {
  const spi = firstChild(f, anchor, EXT_F.ahSpi);
  return spi < 0 ? '' : `AH (SPI=0x${hex8(f.vals[spi]!)})`;
}

/** Encapsulating Security Payload: SPI and sequence; the encrypted rest is not shown. */
export function dissectESPHeader(f: PacketFields, c: DissectCtx, b0: Bounds, off: number): void {
  const b: Bounds = { ...b0, name: 'ESP' };
  quotedEntry(f, c, b, off, 1);
  c.layers.push('esp');
  const buf = c.buf;
  const rec = f.open(ESP, off, Math.max(0, b.cap - off));
  c.setColumns('ESP', espInfo, rec);
  need(f, c, b, off, 4);
  f.add(EXT_F.espSpi, off, 4, readU32(buf, off));
  need(f, c, b, off + 4, 4);
  f.add(EXT_F.espSequence, off + 4, 4, readU32(buf, off + 4));
  f.close(rec);
}

function espInfo(f: PacketFields, _c: DissectCtx, anchor: number): string {
  const spi = firstChild(f, anchor, EXT_F.espSpi);
  const seq = firstChild(f, anchor, EXT_F.espSequence);
  return spi < 0 || seq < 0 ? '' : `ESP (SPI=0x${hex8(f.vals[spi]!)})`;
}

/** Index of the first child of `parent` with field `id`, or -1. */
export function firstChild(f: PacketFields, parent: number, id: number): number {
  for (let i = parent + 1; i < f.count; i++) {
    if (f.ids[i] === id && f.parents[i] === parent) return i;
  }
  return -1;
}

export function hex8(v: number): string {
  return v.toString(16).padStart(8, '0');
}

function readU32(buf: Uint8Array, at: number): number {
  return ((buf[at]! << 24) | (buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!) >>> 0;
}
