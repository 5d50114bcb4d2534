// IPv4 (RFC 791): the header and tshark's checks on it, options, fragment reassembly and
// the hand-off of the payload to the transport dissector registered for its protocol
// number. Beside tshark's expert entries it reports what Linux's receive path
// (ip_rcv_core) would do with the datagram, as Wiresight-only `ws.kernel.*` entries.
// Inside an ICMP error (c.quoteDepth > 0) the quoted header is read the way tshark reads
// it: no complaint about the cut datagram's length and no kernel verdict.

import type { PacketFields } from '../fields/packetFields.js';
import { GENERATED, HIDDEN } from '../fields/packetFields.js';
import { formatIPv4 } from '../fields/addressFormat.js';
import { fieldBefore, fieldIn } from '../analysis/layerFields.js';
import type { DissectCtx, InfoFormatter } from './context.js';
import { expectedChecksum, finishChecksum, sumWords } from './checksum.js';
import { dissectData } from './data.js';
import { etherTypeDissector, ipProtoDissector, registerEtherType, registerIpProto } from './dispatch.js';
import { IP, IP_EXPERT, IP_F, IP_KERNEL_DROP } from './ipv4Fields.js';
import { dissectIPv4Options, sourceRouteDestination } from './ipv4Options.js';
import { ipProtocolName } from './ipProtocolNames.js';
import { truncatedUnlessQuoted } from './quotedTruncation.js';

export { IP, IP_F } from './ipv4Fields.js';

const MIN_HEADER = 20;
const PROTO_TCP = 6;
const PROTO_UDP = 17;
const PROTO_OSPF = 89;
const PROTO_PIM = 103;
/** Nested IP-in-IP (or quotes of quotes) beyond this many layers is shown as data: a stack guard. */
const MAX_LAYERS = 64;

/** What the header told the payload hand-off. */
interface Header {
  layer: number;
  ihl: number;
  /** end of the datagram as far as it was reported (total length, or the frame if that is shorter) */
  payloadRend: number;
  proto: number;
  id: number;
  mf: boolean;
  /** fragment offset in 8-byte units */
  fragOffset: number;
  /** every byte the total length announces was captured */
  whole: boolean;
  checksumStatus: number;
  srcOff: number;
  dstOff: number;
}

function u16(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!;
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

function hex(v: number, digits: number): string {
  return v.toString(16).padStart(digits, '0');
}

function cut(f: PacketFields, c: DissectCtx, need: number, end: number, rend: number): void {
  truncatedUnlessQuoted(f, c, 'IPv4', need, end, rend);
}

const bogusVersionInfo: InfoFormatter = (f, _c, a) => `Bogus IPv4 version (${f.vals[a]}, must be 4)`;

const bogusHeaderLengthInfo: InfoFormatter = (f, _c, a) => `Bogus IP header length (${f.vals[a]}, must be at least 20)`;

const bogusLengthInfo: InfoFormatter = (f, _c, a) => {
  const hl = fieldBefore(f, IP_F.hdrLen, a);
  return `Bogus IP length (${f.vals[a]}, less than header length ${hl >= 0 ? f.vals[hl] : MIN_HEADER})`;
};

function layerValue(f: PacketFields, id: number, layer: number): number {
  const i = fieldIn(f, id, layer);
  return i < 0 ? 0 : f.vals[i]!;
}

const fragmentInfo: InfoFormatter = (f, _c, a) => {
  const proto = layerValue(f, IP_F.proto, a);
  const off = layerValue(f, IP_F.fragOffset, a) * 8;
  const id = layerValue(f, IP_F.id, a);
  return `Fragmented IP protocol (proto=${ipProtocolName(proto)} ${proto}, off=${off}, ID=${hex(id, 4)})`;
};

const protocolInfo: InfoFormatter = (f, _c, a) => {
  const proto = layerValue(f, IP_F.proto, a);
  return `${ipProtocolName(proto)} (${proto})`;
};

/**
 * tshark's TTL notes: to the local network control block (224.0.0.0/24) only TTL 1 is
 * right; elsewhere a unicast/broadcast TTL below 5 is worth a note (PIM and OSPF aside).
 */
function ttlNote(f: PacketFields, c: DissectCtx, at: number, ttl: number, proto: number, dst: number): void {
  if (dst >>> 8 === 0xe00000) {
    if (ttl !== 1) {
      c.expert(f, IP_EXPERT.ttlLncb, at, 1, '"Time To Live" != 1 for a packet sent to the Local Network Control Block (see RFC 3171)');
    }
  } else if (dst >>> 28 !== 0xe && ttl < 5 && proto !== PROTO_PIM && proto !== PROTO_OSPF) {
    c.expert(f, IP_EXPERT.ttlTooSmall, at, 1, `"Time To Live" only ${ttl}`);
  }
}

/**
 * The checks of Linux's ip_rcv_core, in its order, on the datagram as it arrived (the
 * reported length: a snaplen cut is not a short packet). Only the first failure counts,
 * as only it is the kernel's reason. Nothing is said when the capture lacks the bytes a
 * check needs.
 */
function kernelVerdict(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): void {
  const buf = c.buf;
  const wire = rend - off;
  const have = end - off;
  let id = -1;
  let why = '';
  if (wire < MIN_HEADER) {
    id = IP_KERNEL_DROP.inhdr;
    why = `only ${wire} bytes, less than an IPv4 header`;
  } else if (have < 1) {
    return;
  } else if (buf[off]! >> 4 !== 4 || (buf[off]! & 15) < 5) {
    id = IP_KERNEL_DROP.inhdr;
    why = buf[off]! >> 4 !== 4 ? `version ${buf[off]! >> 4}, not 4` : `header length ${(buf[off]! & 15) * 4}, less than 20`;
  } else {
    const ihl = (buf[off]! & 15) * 4;
    if (wire < ihl) {
      id = IP_KERNEL_DROP.inhdr;
      why = `header length ${ihl} exceeds the ${wire} bytes received`;
    } else if (have < ihl) {
      return;
    } else if (finishChecksum(sumWords(buf, off, ihl)) !== 0) {
      id = IP_KERNEL_DROP.ipCsum;
      why = 'bad IP header checksum';
    } else {
      const total = u16(buf, off + 2);
      // zero is the total length of GSO/BIG TCP super-packets; the kernel takes the skb length
      if (total === 0) return;
      if (wire < total) {
        id = IP_KERNEL_DROP.pktTooSmall;
        why = `packet too small: total length ${total} exceeds the ${wire} bytes received`;
      } else if (total < ihl) {
        id = IP_KERNEL_DROP.inhdr;
        why = `total length ${total} is less than the header length ${ihl}`;
      }
    }
  }
  if (id < 0) return;
  const name = id === IP_KERNEL_DROP.inhdr ? 'IP_INHDR' : id === IP_KERNEL_DROP.ipCsum ? 'IP_CSUM' : 'PKT_TOO_SMALL';
  c.expert(f, id, off, Math.max(0, Math.min(end - off, MIN_HEADER)), `Kernel would drop: SKB_DROP_REASON_${name} (${why})`);
}

function addAddress(f: PacketFields, c: DissectCtx, id: number, o: number): number {
  const v = u32(c.buf, o);
  const i = f.add(id, o, 4, v);
  f.add(IP_F.addr, o, 4, v, HIDDEN);
  return i;
}

/** Records the header; returns what the payload hand-off needs, 'ipv6' for a version-6 header, or null to stop. */
function dissectHeader(f: PacketFields, c: DissectCtx, layer: number, off: number, end: number, rend: number): Header | 'ipv6' | null {
  const buf = c.buf;
  const quoted = c.quoteDepth > 0;
  if (!quoted && !c.outbound) kernelVerdict(f, c, off, end, rend);
  if (end <= off) {
    cut(f, c, off + 1, end, rend);
    return null;
  }
  const version = buf[off]! >> 4;
  const vRec = f.add(IP_F.version, off, 1, version);
  if (version !== 4) {
    c.expert(f, IP_EXPERT.bogusVersion, off, 1, 'Bogus IPv4 version');
    c.setColumns('IPv4', bogusVersionInfo, vRec);
    return version === 6 ? 'ipv6' : null;
  }
  const ihl = (buf[off]! & 15) * 4;
  const hRec = f.add(IP_F.hdrLen, off, 1, ihl);
  if (c.detail) f.setText(hRec, `Header Length: ${ihl} bytes (${ihl / 4})`);
  f.lens[layer] = ihl;
  if (ihl < MIN_HEADER) {
    c.expert(f, IP_EXPERT.bogusHeaderLength, off, 1, `Bogus IP header length (${ihl}, must be at least 20)`);
    c.setColumns('IPv4', bogusHeaderLengthInfo, hRec);
    return null;
  }
  if (end < off + 2) {
    cut(f, c, off + 2, end, rend);
    return null;
  }
  const ds = buf[off + 1]!;
  const dsRec = f.open(IP_F.dsfield, off + 1, 1, ds);
  f.add(IP_F.dscp, off + 1, 1, ds >> 2);
  f.add(IP_F.ecn, off + 1, 1, ds & 3);
  f.close(dsRec);
  if (end < off + 4) {
    cut(f, c, off + 4, end, rend);
    return null;
  }

  // A zero total length is what segmentation offload leaves in super-frames: like tshark,
  // take the length of what was received instead. A TCP/UDP frame the host sent may also
  // be such a super-frame with a total length the frame does not hold: not an error.
  const total = u16(buf, off + 2);
  const reported = rend - off;
  const ipLen = total === 0 ? reported : total;
  const lRec = f.add(IP_F.len, off + 2, 2, ipLen);
  const offloaded = c.outbound && !quoted && end >= off + 10 && (buf[off + 9] === PROTO_TCP || buf[off + 9] === PROTO_UDP);
  if (total === 0 && offloaded) {
    c.expert(f, IP_EXPERT.offloadLength, off + 2, 2, `Total length 0 in an outgoing segmentation-offload super-frame; length taken from the frame (${reported} bytes)`);
  }
  if (ipLen < ihl) {
    c.expert(f, IP_EXPERT.bogusLength, off + 2, 2, 'Bogus IP length');
    c.setColumns('IPv4', bogusLengthInfo, lRec);
    return null;
  }
  let payloadRend = off + ipLen;
  if (ipLen > reported) {
    payloadRend = rend;
    if (quoted) {
      // a quote holds a prefix of the datagram by design
    } else if (offloaded) {
      c.expert(f, IP_EXPERT.offloadLength, off + 2, 2, `Total length ${ipLen} exceeds this outgoing frame: a segmentation-offload super-frame; length taken from the frame (${reported} bytes)`);
    } else {
      c.expert(f, IP_EXPERT.bogusLength, off + 2, 2, `IPv4 total length exceeds packet length (${reported} bytes)`);
    }
  }

  if (end < off + 6) {
    cut(f, c, off + 6, end, rend);
    return null;
  }
  const id = u16(buf, off + 4);
  f.add(IP_F.id, off + 4, 2, id);
  if (end < off + 8) {
    cut(f, c, off + 8, end, rend);
    return null;
  }
  const fl = u16(buf, off + 6);
  const flRec = f.open(IP_F.flags, off + 6, 1, fl >> 13);
  f.add(IP_F.flagRb, off + 6, 1, (fl >> 15) & 1);
  f.add(IP_F.flagDf, off + 6, 1, (fl >> 14) & 1);
  f.add(IP_F.flagMf, off + 6, 1, (fl >> 13) & 1);
  f.close(flRec);
  const fragOffset = fl & 0x1fff;
  const foRec = f.add(IP_F.fragOffset, off + 6, 2, fragOffset);
  if (c.detail) f.setText(foRec, `Fragment Offset: ${fragOffset * 8}`);
  if (end < off + 9) {
    cut(f, c, off + 9, end, rend);
    return null;
  }
  const ttl = buf[off + 8]!;
  f.add(IP_F.ttl, off + 8, 1, ttl);
  // tshark decides on the note once the destination is read, but files it under the TTL
  if (end >= off + MIN_HEADER) ttlNote(f, c, off + 8, ttl, buf[off + 9]!, u32(buf, off + 16));
  if (end < off + 10) {
    cut(f, c, off + 10, end, rend);
    return null;
  }
  const proto = buf[off + 9]!;
  f.add(IP_F.proto, off + 9, 1, proto);
  if (end < off + 12) {
    cut(f, c, off + 12, end, rend);
    return null;
  }
  const checksumStatus = recordChecksum(f, c, off, ihl, end);
  if (end < off + 16) {
    cut(f, c, off + 16, end, rend);
    return null;
  }
  const sRec = addAddress(f, c, IP_F.src, off + 12);
  c.setAddresses(sRec, c.colDst);
  if (end < off + MIN_HEADER) {
    cut(f, c, off + MIN_HEADER, end, rend);
    return null;
  }
  const finalDstOff = ihl > MIN_HEADER && end >= off + ihl ? sourceRouteDestination(buf, off + MIN_HEADER, off + ihl) : -1;
  let dRec: number;
  if (finalDstOff < 0) {
    dRec = addAddress(f, c, IP_F.dst, off + 16);
  } else {
    dRec = f.add(IP_F.curRt, off + 16, 4, u32(buf, off + 16));
  }
  c.setAddresses(sRec, dRec);
  if (ihl > MIN_HEADER) {
    if (end < off + ihl) {
      cut(f, c, off + ihl, end, rend);
      return null;
    }
    if (!dissectIPv4Options(f, c, off + MIN_HEADER, off + ihl, finalDstOff)) {
      if (!quoted) c.malformed(f, 'IPv4', off + ihl);
      return null;
    }
    // a final destination the option walk did not meet as an address keeps the current route shown
    if (finalDstOff >= 0 && f.last(IP_F.dst) > dRec) c.setAddresses(sRec, f.last(IP_F.dst));
  }
  if (c.detail) {
    const dstText = finalDstOff >= 0 ? `${formatIPv4(buf, finalDstOff)}, Via: ${formatIPv4(buf, off + 16)}` : formatIPv4(buf, off + 16);
    f.setText(layer, `Internet Protocol Version 4, Src: ${formatIPv4(buf, off + 12)}, Dst: ${dstText}`);
  }
  return {
    layer,
    ihl,
    payloadRend,
    proto,
    id,
    mf: ((fl >> 13) & 1) === 1,
    fragOffset,
    whole: (offloaded ? payloadRend : off + ipLen) <= end,
    checksumStatus,
    srcOff: off + 12,
    dstOff: finalDstOff >= 0 ? finalDstOff : off + 16,
  };
}

/** Header checksum: verified when the whole header was captured, else unverified (2). */
function recordChecksum(f: PacketFields, c: DissectCtx, off: number, ihl: number, end: number): number {
  const buf = c.buf;
  const value = u16(buf, off + 10);
  const ckRec = f.add(IP_F.checksum, off + 10, 2, value);
  if (end < off + ihl) {
    f.add(IP_F.checksumStatus, off + 10, 0, 2, GENERATED);
    if (c.detail) f.setText(ckRec, `Header Checksum: 0x${hex(value, 4)} [not all data available]`);
    return 2;
  }
  const sum = sumWords(buf, off, ihl);
  const good = finishChecksum(sum) === 0;
  const expected = expectedChecksum(sum, value);
  f.add(IP_F.checksumStatus, off + 10, 0, good ? 1 : 0, GENERATED);
  f.add(IP_F.checksumCalculated, off + 10, 2, expected, GENERATED);
  if (c.detail) f.setText(ckRec, `Header Checksum: 0x${hex(value, 4)} ${good ? '[correct]' : `incorrect, should be 0x${hex(expected, 4)}`}`);
  if (!good) c.expert(f, IP_EXPERT.checksumBad, off + 10, 2, `Bad checksum [should be 0x${hex(expected, 4)}]`);
  return good ? 1 : 0;
}

/**
 * Hands [off, end) of the current buffer to the dissector of `proto`, or shows it as data.
 * Inside a quote, a layer that ends before it could show a single field leaves no trace in
 * frame.protocols, as in tshark (a quoted transport header of 1-3 bytes, an ICMP header of
 * less than 6).
 */
function handOff(f: PacketFields, c: DissectCtx, h: Header, off: number, end: number, rend: number): void {
  const next = c.layers.length < MAX_LAYERS ? ipProtoDissector(h.proto) : undefined;
  if (!next) {
    c.setColumns('IPv4', protocolInfo, h.layer);
    dissectData(f, c, off, end, rend);
    return;
  }
  const layers = c.layers.length;
  const records = f.count;
  next(f, c, off, end, rend);
  if (c.quoteDepth > 0 && c.layers.length === layers + 1 && f.count <= records + 1) c.layers.pop();
}

/** The datagram this fragment completed: shown as its own data source, dissected from its start. */
function dissectReassembled(f: PacketFields, c: DissectCtx, h: Header, payload: Uint8Array, frames: number[]): void {
  const savedBuf = c.buf;
  const savedSrc = f.src;
  f.addSource(payload, `Reassembled IPv4 (${payload.length} bytes)`);
  c.reassembledFrom = frames;
  const t = f.open(IP_F.fragments, 0, payload.length, 0, GENERATED);
  if (c.detail) f.setText(t, `[${frames.length} IPv4 Fragments (${payload.length} bytes): ${frames.map((n) => `#${n}`).join(', ')}]`);
  for (const n of frames) f.add(IP_F.fragment, 0, 0, n, GENERATED);
  f.add(IP_F.fragmentCount, 0, 0, frames.length, GENERATED);
  f.add(IP_F.reassembledLength, 0, payload.length, payload.length, GENERATED);
  f.close(t);
  c.buf = payload;
  try {
    handOff(f, c, h, 0, payload.length, payload.length);
  } finally {
    c.buf = savedBuf;
    f.src = savedSrc;
  }
}

function dissectPayload(f: PacketFields, c: DissectCtx, h: Header, off: number, end: number): number {
  const pOff = off + h.ihl;
  const pRend = h.payloadRend;
  const pEnd = Math.min(end, pRend);
  c.netVersion = 4;
  c.netBuf = c.buf;
  c.netSrcOff = h.srcOff;
  c.netDstOff = h.dstOff;
  if (h.mf || h.fragOffset > 0) {
    // tshark reassembles only fragments it can trust and hold whole (quoted ones too); a
    // first fragment it does not reassemble is still dissected (its transport header is
    // there), later ones are not
    const reassembling = h.checksumStatus !== 0 && h.whole && pRend > pOff;
    if (reassembling) {
      const b = c.buf;
      const key = `4|${u32(b, h.srcOff)}|${u32(b, h.dstOff)}|${h.id}|${h.proto}`;
      const done = c.reasm.add(key, c.meta.number, h.fragOffset * 8, b.subarray(pOff, pEnd), h.mf);
      if (done) {
        dissectReassembled(f, c, h, done.payload, done.frames);
        return pRend;
      }
    }
    if (reassembling || h.fragOffset > 0) {
      c.setColumns('IPv4', fragmentInfo, h.layer);
      dissectData(f, c, pOff, pEnd, pRend);
      return pRend;
    }
  }
  if (pRend > pOff) handOff(f, c, h, pOff, pEnd, pRend);
  return pRend;
}

/** Dissects an IPv4 datagram at `off`; returns where it ends (its total length) for trailer detection. */
export function dissectIPv4(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number {
  c.setColumns('IPv4', null, -1);
  c.layers.push('ip');
  const layer = f.open(IP, off, Math.max(0, Math.min(end, rend) - off));
  const h = dissectHeader(f, c, layer, off, end, rend);
  f.close(layer);
  if (h === 'ipv6') {
    // tshark hands a version-6 header behind an IPv4 EtherType to its IPv6 dissector
    const v6 = etherTypeDissector(0x86dd);
    return v6 ? v6(f, c, off, end, rend) : rend;
  }
  if (!h) return rend;
  return dissectPayload(f, c, h, off, end);
}

/**
 * An IP datagram of either version, as an ICMP error quotes it: version 6 goes to the
 * IPv6 dissector, any other version than 4 is only named ("Bogus IP version").
 */
export function dissectIPAnyVersion(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number {
  const version = end > off ? c.buf[off]! >> 4 : 4;
  if (version === 4) return dissectIPv4(f, c, off, end, rend);
  // tshark's version dispatcher is itself the "ip" layer, then IPv6 follows
  c.layers.push('ip');
  const v6 = version === 6 ? etherTypeDissector(0x86dd) : undefined;
  if (v6) return v6(f, c, off, end, rend);
  const layer = f.open(IP, off, 1);
  if (c.detail) f.setText(layer, `Internet Protocol, bogus version (${version})`);
  f.add(IP_F.version, off, 1, version);
  c.expert(f, IP_EXPERT.bogusVersion, off, 1, 'Bogus IP version');
  f.close(layer);
  return rend;
}

registerEtherType(0x0800, dissectIPv4);
registerIpProto(4, dissectIPv4);
