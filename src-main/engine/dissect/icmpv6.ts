// ICMPv6 (RFC 4443) with neighbour discovery (RFC 4861), MLD (RFC 2710/3810) and echo
// matching: type/code, checksum verified over the IPv6 pseudo-header, the message body,
// and for error messages the quoted datagram, dissected as IPv6 without touching the
// columns. Info texts follow tshark 4.0's defaults.

import { registerFields, registerProtocol } from '../fields/fieldRegistry.js';
import type { PacketFields } from '../fields/packetFields.js';
import { GENERATED } from '../fields/packetFields.js';
import { formatIPv6 } from '../fields/addressFormat.js';
import type { DissectCtx } from './context.js';
import { expectedChecksum, pseudoSumV4, pseudoSumV6, sumWords } from './checksum.js';
import { dissectData } from './data.js';
import { registerIpProto } from './dispatch.js';
import { type Bounds, STOP, bounds, enterOwn, expertOn, leaveOwn, need, stoppedSince } from './byteBounds.js';
import { IPV6, IPV6_F, dissectIPv6 } from './ipv6.js';
import { ND_F, directlyIn, dissectNdOptions } from './ndOptions.js';
import { quotedEntry } from './ipv6Extensions.js';
import { echoReply, echoRequest } from './icmpv6Echo.js';

const TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'Destination Unreachable',
  2: 'Packet Too Big',
  3: 'Time Exceeded',
  4: 'Parameter Problem',
  100: 'Private experimentation',
  101: 'Private experimentation',
  127: 'Reserved for expansion of ICMPv6 error messages',
  128: 'Echo (ping) request',
  129: 'Echo (ping) reply',
  130: 'Multicast Listener Query',
  131: 'Multicast Listener Report',
  132: 'Multicast Listener Done',
  133: 'Router Solicitation',
  134: 'Router Advertisement',
  135: 'Neighbor Solicitation',
  136: 'Neighbor Advertisement',
  137: 'Redirect',
  138: 'Router Renumbering',
  139: 'Node Information Query',
  140: 'Node Information Reply',
  141: 'Inverse Neighbor Discovery Solicitation',
  142: 'Inverse Neighbor Discovery Advertisement',
  143: 'Multicast Listener Report Message v2',
  144: 'Home Agent Address Discovery Request',
  145: 'Home Agent Address Discovery Reply',
  146: 'Mobile Prefix Solicitation',
  147: 'Mobile Prefix Advertisement',
  148: 'Certification Path Solicitation',
  149: 'Certification Path Advertisement',
  150: 'Experimental Mobility',
  151: 'Multicast Router Advertisement',
  152: 'Multicast Router Solicitation',
  153: 'Multicast Router Termination',
  154: 'FMIPv6',
  155: 'RPL Control',
  156: 'Locator Update',
  157: 'Duplicate Address Request',
  158: 'Duplicate Address Confirmation',
  159: 'MPL Control Message',
  160: 'Extended Echo request',
  161: 'Extended Echo reply',
  200: 'Private experimentation',
  201: 'Private experimentation',
  255: 'Reserved for expansion of ICMPv6 informational messages',
};

const UNREACH_CODES: Readonly<Record<number, string>> = {
  0: 'no route to destination',
  1: 'Administratively prohibited',
  2: 'Beyond scope of source address',
  3: 'Address unreachable',
  4: 'Port unreachable',
  5: 'Source address failed ingress/egress policy',
  6: 'Reject route to destination',
  7: 'Error in Source Routing Header',
};
const TIME_EXCEEDED_CODES: Readonly<Record<number, string>> = {
  0: 'hop limit exceeded in transit',
  1: 'fragment reassembly time exceeded',
};
const PARAM_PROBLEM_CODES: Readonly<Record<number, string>> = {
  0: 'erroneous header field encountered',
  1: 'unrecognized Next Header type encountered',
  2: 'unrecognized IPv6 option encountered',
  3: 'IPv6 First Fragment has incomplete IPv6 Header Chain',
};
const RENUMBERING_CODES: Readonly<Record<number, string>> = { 0: 'Command', 1: 'Result', 255: 'Sequence number reset' };
const NI_QUERY_CODES: Readonly<Record<number, string>> = {
  0: 'Query subject = IPv6 addresses',
  1: 'Query subject = Name',
  2: 'Query subject = IPv4 addresses',
};
const NI_REPLY_CODES: Readonly<Record<number, string>> = { 0: 'Successful', 1: 'Refused', 2: 'Unknown query type' };
const RPL_CODES: Readonly<Record<number, string>> = {
  0x00: 'DODAG Information Solicitation',
  0x01: 'DODAG Information Object',
  0x02: 'Destination Advertisement Object',
  0x03: 'Destination Advertisement Object Acknowledgment',
  0x04: 'Consistency Check',
  0x80: 'Secure DODAG Information Solicitation',
  0x81: 'Secure DODAG Information Object',
  0x82: 'Secure Destination Advertisement Object',
  0x83: 'Secure Destination Advertisement Object Acknowledgment',
  0x8a: 'Consistency Check',
};
const EXT_ECHO_REQUEST_CODES: Readonly<Record<number, string>> = { 0: 'No error' };
const EXT_ECHO_REPLY_CODES: Readonly<Record<number, string>> = {
  0: 'No error',
  1: 'Malformed Query',
  2: 'No Such Interface',
  3: 'No Such Table Entry',
  4: 'Multiple Interfaces Satisfy Query',
};

const FMIP_SUBTYPES: Readonly<Record<number, string>> = {
  2: 'Router Solicitation for Proxy Advertisement',
  3: 'Proxy Router Advertisement',
  4: 'Handover Initiate',
  5: 'Handover Acknowledge',
};

/** Types whose bodies tshark decodes (others get an "undecoded type" note). */
const KNOWN_TYPES = new Set([1, 2, 3, 4, ...Array.from({ length: 161 - 128 + 1 }, (_, i) => 128 + i)]);
const PREFERENCE = { 0: 'Medium', 1: 'High', 2: 'Reserved', 3: 'Low' };

export const ICMPV6 = registerProtocol('icmpv6', 'Internet Control Message Protocol v6');

export const ICMPV6_F = registerFields({
  type: { name: 'icmpv6.type', type: 'uint', description: 'Type', valueNames: TYPE_NAMES },
  code: { name: 'icmpv6.code', type: 'uint', description: 'Code' },
  checksum: { name: 'icmpv6.checksum', type: 'uint', base: 'hex', bits: 16, description: 'Checksum' },
  checksumStatus: {
    name: 'icmpv6.checksum.status',
    type: 'uint',
    description: 'Checksum Status',
    valueNames: { 0: 'Bad', 1: 'Good', 2: 'Unverified', 3: 'Not present', 4: 'Illegal' },
  },
  checksumBad: {
    name: 'icmpv6.checksum_bad.expert',
    type: 'none',
    description: 'Bad checksum',
    expert: { severity: 'Warning', group: 'Checksum' },
  },
  reserved: { name: 'icmpv6.reserved', type: 'bytes', description: 'Reserved' },
  data: { name: 'icmpv6.data', type: 'bytes', description: 'Data' },
  length: { name: 'icmpv6.length', type: 'uint', description: 'Length of original datagram' },
  mtu: { name: 'icmpv6.mtu', type: 'uint', description: 'MTU' },
  pointer: { name: 'icmpv6.pointer', type: 'uint', description: 'Pointer' },
  echoId: { name: 'icmpv6.echo.identifier', type: 'uint', base: 'hex', bits: 16, description: 'Identifier' },
  echoSeq: { name: 'icmpv6.echo.sequence_number', type: 'uint', description: 'Sequence' },
  respIn: { name: 'icmpv6.resp_in', type: 'uint', description: 'Response In' },
  respTo: { name: 'icmpv6.resp_to', type: 'uint', description: 'Response To' },
  raHopLimit: { name: 'icmpv6.nd.ra.cur_hop_limit', type: 'uint', description: 'Cur hop limit' },
  raFlag: { name: 'icmpv6.nd.ra.flag', type: 'uint', base: 'hex', bits: 8, description: 'Flags' },
  raFlagM: { name: 'icmpv6.nd.ra.flag.m', type: 'bool', description: 'Managed address configuration' },
  raFlagO: { name: 'icmpv6.nd.ra.flag.o', type: 'bool', description: 'Other configuration' },
  raFlagH: { name: 'icmpv6.nd.ra.flag.h', type: 'bool', description: 'Home Agent' },
  raFlagPrf: { name: 'icmpv6.nd.ra.flag.prf', type: 'uint', description: 'Prf (Default Router Preference)', valueNames: PREFERENCE },
  raFlagP: { name: 'icmpv6.nd.ra.flag.p', type: 'bool', description: 'Proxy' },
  raFlagRsv: { name: 'icmpv6.nd.ra.flag.rsv', type: 'uint', description: 'Reserved' },
  raLifetime: { name: 'icmpv6.nd.ra.router_lifetime', type: 'uint', description: 'Router lifetime (s)' },
  raReachable: { name: 'icmpv6.nd.ra.reachable_time', type: 'uint', description: 'Reachable time (ms)' },
  raRetrans: { name: 'icmpv6.nd.ra.retrans_timer', type: 'uint', description: 'Retrans timer (ms)' },
  nsTarget: { name: 'icmpv6.nd.ns.target_address', type: 'ipv6', description: 'Target Address' },
  naFlag: { name: 'icmpv6.nd.na.flag', type: 'uint', base: 'hex', bits: 32, description: 'Flags' },
  naFlagR: { name: 'icmpv6.nd.na.flag.r', type: 'bool', description: 'Router' },
  naFlagS: { name: 'icmpv6.nd.na.flag.s', type: 'bool', description: 'Solicited' },
  naFlagO: { name: 'icmpv6.nd.na.flag.o', type: 'bool', description: 'Override' },
  naFlagRsv: { name: 'icmpv6.nd.na.flag.rsv', type: 'uint', description: 'Reserved' },
  naTarget: { name: 'icmpv6.nd.na.target_address', type: 'ipv6', description: 'Target Address' },
  rdTarget: { name: 'icmpv6.nd.rd.target_address', type: 'ipv6', description: 'Target Address' },
  rdDestination: { name: 'icmpv6.rd.na.destination_address', type: 'ipv6', description: 'Destination Address' },
  mldMrd: { name: 'icmpv6.mld.maximum_response_delay', type: 'uint', description: 'Maximum Response Delay [ms]' },
  mldMrc: { name: 'icmpv6.mld.maximum_response_code', type: 'uint', description: 'Maximum Response Code' },
  mldAddress: { name: 'icmpv6.mld.multicast_address', type: 'ipv6', description: 'Multicast Address' },
  mldFlag: { name: 'icmpv6.mld.flag', type: 'uint', base: 'hex', bits: 8, description: 'Flags' },
  mldFlagS: { name: 'icmpv6.mld.flag.s', type: 'bool', description: 'Suppress Router-Side Processing' },
  mldFlagQrv: { name: 'icmpv6.mld.flag.qrv', type: 'uint', description: "QRV (Querier's Robustness Variable)" },
  mldFlagRsv: { name: 'icmpv6.mld.flag.reserved', type: 'uint', description: 'Reserved' },
  mldQqi: { name: 'icmpv6.mld.qqi', type: 'uint', description: "QQIC (Querier's Query Interval Code)" },
  mldSources: { name: 'icmpv6.mld.nb_sources', type: 'uint', description: 'Number of Sources' },
  mldSource: { name: 'icmpv6.mld.source_address', type: 'ipv6', description: 'Source Address' },
  mldrRecords: { name: 'icmpv6.mldr.nb_mcast_records', type: 'uint', description: 'Number of Multicast Address Records' },
  mldrRecord: { name: 'icmpv6.mldr.mar', type: 'none', description: 'Multicast Address Record' },
  mldrType: {
    name: 'icmpv6.mldr.mar.record_type',
    type: 'uint',
    description: 'Record Type',
    valueNames: {
      1: 'Include',
      2: 'Exclude',
      3: 'Changed to include',
      4: 'Changed to exclude',
      5: 'Allow new sources',
      6: 'Block old sources',
    },
  },
  mldrAuxLen: { name: 'icmpv6.mldr.mar.aux_data_len', type: 'uint', description: 'Aux Data Len' },
  mldrSources: { name: 'icmpv6.mldr.mar.nb_sources', type: 'uint', description: 'Number of Sources' },
  mldrAddress: { name: 'icmpv6.mldr.mar.multicast_address', type: 'ipv6', description: 'Multicast Address' },
  mldrSource: { name: 'icmpv6.mldr.mar.source_address', type: 'ipv6', description: 'Source Address' },
  mldrAux: { name: 'icmpv6.mldr.mar.auxiliary_data', type: 'bytes', description: 'Auxiliary Data' },
  mipIdentifier: { name: 'icmpv6.mip6.identifier', type: 'uint', base: 'hex', bits: 16, description: 'Identifier' },
  mipHomeAgent: { name: 'icmpv6.mip6.home_agent_address', type: 'ipv6', description: 'Home Agent Address' },
  extEchoSeq: { name: 'icmpv6.ext.echo.seq', type: 'uint', description: 'Sequence number' },
  extEchoReqRes: { name: 'icmpv6.ext.echo.req.res', type: 'uint', base: 'hex', bits: 8, description: 'Reserved' },
  extEchoReqLocal: { name: 'icmpv6.ext.echo.req.local', type: 'bool', description: 'Local bit' },
  extEchoRspState: {
    name: 'icmpv6.ext.echo.rsp.state',
    type: 'uint',
    description: 'State',
    valueNames: { 0: 'Reserved', 1: 'Incomplete', 2: 'Reachable', 3: 'Stale', 4: 'Delay', 5: 'Probe', 6: 'Failed' },
  },
  extEchoRspRes: { name: 'icmpv6.ext.echo.rsp.res', type: 'uint', base: 'hex', bits: 8, description: 'Reserved' },
  extEchoRspActive: { name: 'icmpv6.ext.echo.rsp.active', type: 'bool', description: 'Active bit' },
  extEchoRspIpv4: { name: 'icmpv6.ext.echo.rsp.ipv4', type: 'bool', description: 'IPv4 bit' },
  extEchoRspIpv6: { name: 'icmpv6.ext.echo.rsp.ipv6', type: 'bool', description: 'IPv6 bit' },
  mipFlag: { name: 'icmpv6.mip6.flag', type: 'uint', base: 'hex', bits: 16, description: 'Flags' },
  mipFlagM: { name: 'icmpv6.mip6.flag.m', type: 'bool', description: 'Managed address configuration' },
  mipFlagO: { name: 'icmpv6.mip6.flag.o', type: 'bool', description: 'Other configuration' },
  mipFlagRsv: { name: 'icmpv6.mip6.flag.rsv', type: 'uint', description: 'Reserved' },
  sendIdentifier: { name: 'icmpv6.send.identifier', type: 'uint', description: 'Identifier' },
  sendAllComponents: { name: 'icmpv6.send.all_components', type: 'uint', description: 'All Components' },
  sendComponent: { name: 'icmpv6.send.component', type: 'uint', description: 'Component' },
  fmipSubtype: { name: 'icmpv6.fmip6.subtype', type: 'uint', description: 'Subtype', valueNames: FMIP_SUBTYPES },
  fmipIdentifier: { name: 'icmpv6.fmip6.identifier', type: 'uint', description: 'Identifier' },
  daStatus: {
    name: 'icmpv6.6lowpannd.da.status',
    type: 'uint',
    description: 'Status',
    valueNames: { 0: 'Success', 1: 'Duplicate Exists', 2: 'Neighbor Cache Full' },
  },
  daReserved: { name: 'icmpv6.6lowpannd.da.rsv', type: 'uint', description: 'Reserved' },
  daLifetime: { name: 'icmpv6.6lowpannd.da.lifetime', type: 'uint', description: 'Lifetime' },
  daEui64: { name: 'icmpv6.6lowpannd.da.eui64', type: 'bytes', description: 'EUI-64' },
  daAddress: { name: 'icmpv6.6lowpannd.da.reg_addr', type: 'ipv6', description: 'Registered Address' },
  mcastQueryInterval: { name: 'icmpv6.mcast_ra.query_interval', type: 'uint', description: 'Query Interval' },
  mcastRobustness: { name: 'icmpv6.mcast_ra.robustness_variable', type: 'uint', description: 'Robustness Variable' },
  undecodedType: {
    name: 'icmpv6.undecoded.type',
    type: 'none',
    description: 'Undecoded type',
    expert: { severity: 'Note', group: 'Undecoded' },
  },
});

/** Dissects an ICMPv6 message at `off` (registered for IP protocol 58). */
export function dissectICMPv6(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number {
  const parent = f.parent;
  enterOwn();
  try {
    dissectMessage(f, c, bounds(end, rend, rend, 'ICMPv6'), off);
  } catch (e) {
    if (e !== STOP) throw e;
  } finally {
    f.parent = parent;
    leaveOwn(f);
  }
  return rend;
}

function dissectMessage(f: PacketFields, c: DissectCtx, b: Bounds, off: number): void {
  const buf = c.buf;
  quotedEntry(f, c, b, off, 1);
  c.layers.push('icmpv6');
  const top = f.open(ICMPV6, off, Math.max(0, b.cap - off));
  c.setColumns('ICMPv6', icmpv6Info, top);
  need(f, c, b, off, 1);
  const type = buf[off]!;
  f.add(ICMPV6_F.type, off, 1, type);
  need(f, c, b, off + 1, 1);
  const code = buf[off + 1]!;
  f.add(ICMPV6_F.code, off + 1, 1, code);
  need(f, c, b, off + 2, 2);
  const cksum = (buf[off + 2]! << 8) | buf[off + 3]!;
  addChecksum(f, c, b, off, cksum);
  let at = off + 4;

  if (type === 128 || type === 129) {
    need(f, c, b, at, 2);
    const id = (buf[at]! << 8) | buf[at + 1]!;
    f.add(ICMPV6_F.echoId, at, 2, id);
    need(f, c, b, at + 2, 2);
    const seq = (buf[at + 2]! << 8) | buf[at + 3]!;
    f.add(ICMPV6_F.echoSeq, at + 2, 2, seq);
    at += 4;
    if (c.quoteDepth === 0 && c.netVersion !== 0) {
      if (type === 128) {
        const reply = echoRequest(c, id, seq, cksum);
        if (reply) f.add(ICMPV6_F.respIn, off, 0, reply, GENERATED);
      } else {
        const request = echoReply(c, id, seq, cksum);
        if (request) f.add(ICMPV6_F.respTo, off, 0, request, GENERATED);
      }
    }
    dissectData(f, c, at, b.cap, b.rep);
    f.close(top);
    return;
  }

  switch (type) {
    case 1:
    case 3: {
      need(f, c, b, at, 1);
      const origLen = buf[at]!;
      if (origLen) {
        f.add(ICMPV6_F.length, at, 1, origLen);
        need(f, c, b, at + 1, 3);
        f.add(ICMPV6_F.reserved, at + 1, 3);
      } else {
        need(f, c, b, at, 4);
        f.add(ICMPV6_F.reserved, at, 4);
      }
      at += 4;
      quoteDatagram(f, c, b, at, top);
      if (origLen) dissectData(f, c, at + 8 * origLen, b.cap, b.rep);
      break;
    }
    case 2:
      need(f, c, b, at, 4);
      f.add(ICMPV6_F.mtu, at, 4, readU32(buf, at));
      quoteDatagram(f, c, b, at + 4, top);
      break;
    case 4:
      need(f, c, b, at, 4);
      f.add(ICMPV6_F.pointer, at, 4, readU32(buf, at));
      quoteDatagram(f, c, b, at + 4, top);
      break;
    case 130:
    case 131:
    case 132:
      if (type === 130 && b.cap - off >= 28) mldv2Query(f, c, b, at);
      else mldv1(f, c, b, at);
      break;
    case 133:
    case 141:
    case 142:
      need(f, c, b, at, 4);
      f.add(ICMPV6_F.reserved, at, 4);
      ndOptions(f, c, b, at + 4, top);
      break;
    case 134:
      routerAdvertisement(f, c, b, at, top);
      break;
    case 135:
      need(f, c, b, at, 4);
      f.add(ICMPV6_F.reserved, at, 4);
      need(f, c, b, at + 4, 16);
      f.add(ICMPV6_F.nsTarget, at + 4, 16);
      ndOptions(f, c, b, at + 20, top);
      break;
    case 136: {
      need(f, c, b, at, 4);
      const flags = readU32(buf, at);
      const flagRec = f.add(ICMPV6_F.naFlag, at, 4, flags);
      f.parent = flagRec;
      f.add(ICMPV6_F.naFlagR, at, 4, flags >>> 31);
      f.add(ICMPV6_F.naFlagS, at, 4, (flags >>> 30) & 1);
      f.add(ICMPV6_F.naFlagO, at, 4, (flags >>> 29) & 1);
      f.add(ICMPV6_F.naFlagRsv, at, 4, flags & 0x1fffffff);
      f.parent = top;
      need(f, c, b, at + 4, 16);
      f.add(ICMPV6_F.naTarget, at + 4, 16);
      ndOptions(f, c, b, at + 20, top);
      break;
    }
    case 137:
      need(f, c, b, at, 4);
      f.add(ICMPV6_F.reserved, at, 4);
      need(f, c, b, at + 4, 16);
      f.add(ICMPV6_F.rdTarget, at + 4, 16);
      need(f, c, b, at + 20, 16);
      f.add(ICMPV6_F.rdDestination, at + 20, 16);
      ndOptions(f, c, b, at + 36, top);
      break;
    case 143:
      mldv2Report(f, c, b, at);
      break;
    case 144:
    case 146:
      need(f, c, b, at, 4);
      f.add(ICMPV6_F.mipIdentifier, at, 2, (buf[at]! << 8) | buf[at + 1]!);
      f.add(ICMPV6_F.reserved, at + 2, 2);
      break;
    case 145:
      need(f, c, b, at, 4);
      f.add(ICMPV6_F.mipIdentifier, at, 2, (buf[at]! << 8) | buf[at + 1]!);
      f.add(ICMPV6_F.reserved, at + 2, 2);
      for (at += 4; b.cap > at; at += 16) {
        need(f, c, b, at, 16);
        f.add(ICMPV6_F.mipHomeAgent, at, 16);
      }
      break;
    case 147: {
      need(f, c, b, at, 2);
      f.add(ICMPV6_F.mipIdentifier, at, 2, (buf[at]! << 8) | buf[at + 1]!);
      need(f, c, b, at + 2, 2);
      const flags = (buf[at + 2]! << 8) | buf[at + 3]!;
      const flagRec = f.add(ICMPV6_F.mipFlag, at + 2, 2, flags);
      f.parent = flagRec;
      f.add(ICMPV6_F.mipFlagM, at + 2, 2, flags >> 15);
      f.add(ICMPV6_F.mipFlagO, at + 2, 2, (flags >> 14) & 1);
      f.add(ICMPV6_F.mipFlagRsv, at + 2, 2, flags & 0x3fff);
      f.parent = top;
      ndOptions(f, c, b, at + 4, top);
      break;
    }
    case 148:
    case 149: {
      const ids = type === 148 ? [ICMPV6_F.sendIdentifier, ICMPV6_F.sendComponent] : [ICMPV6_F.sendIdentifier, ICMPV6_F.sendAllComponents, ICMPV6_F.sendComponent];
      for (const id of ids) {
        need(f, c, b, at, 2);
        f.add(id, at, 2, (buf[at]! << 8) | buf[at + 1]!);
        at += 2;
      }
      if (type === 149) {
        need(f, c, b, at, 2);
        f.add(ICMPV6_F.reserved, at, 2);
        at += 2;
      }
      ndOptions(f, c, b, at, top);
      break;
    }
    case 150:
    case 154: {
      need(f, c, b, at, 1);
      const subtype = buf[at]!;
      f.add(ICMPV6_F.fmipSubtype, at, 1, subtype);
      at += 1;
      if (subtype >= 2 && subtype <= 5) {
        need(f, c, b, at, 1);
        f.add(ICMPV6_F.reserved, at, 1);
      }
      at += 1;
      need(f, c, b, at, 2);
      f.add(ICMPV6_F.fmipIdentifier, at, 2, (buf[at]! << 8) | buf[at + 1]!);
      ndOptions(f, c, b, at + 2, top);
      break;
    }
    case 157:
    case 158:
      need(f, c, b, at, 1);
      f.add(ICMPV6_F.daStatus, at, 1, buf[at]!);
      need(f, c, b, at + 1, 1);
      f.add(ICMPV6_F.daReserved, at + 1, 1, buf[at + 1]!);
      need(f, c, b, at + 2, 2);
      f.add(ICMPV6_F.daLifetime, at + 2, 2, (buf[at + 2]! << 8) | buf[at + 3]!);
      need(f, c, b, at + 4, 8);
      f.add(ICMPV6_F.daEui64, at + 4, 8);
      need(f, c, b, at + 12, 16);
      f.add(ICMPV6_F.daAddress, at + 12, 16);
      break;
    case 160:
    case 161: {
      // extended echo (RFC 8335); the extension structure after it is shown as data
      need(f, c, b, at, 2);
      f.add(ICMPV6_F.echoId, at, 2, (buf[at]! << 8) | buf[at + 1]!);
      need(f, c, b, at + 2, 1);
      f.add(ICMPV6_F.extEchoSeq, at + 2, 1, buf[at + 2]!);
      need(f, c, b, at + 3, 1);
      const bits = buf[at + 3]!;
      if (type === 160) {
        f.add(ICMPV6_F.extEchoReqRes, at + 3, 1, bits >> 1);
        f.add(ICMPV6_F.extEchoReqLocal, at + 3, 1, bits & 1);
      } else {
        f.add(ICMPV6_F.extEchoRspState, at + 3, 1, bits >> 5);
        f.add(ICMPV6_F.extEchoRspRes, at + 3, 1, (bits >> 3) & 3);
        f.add(ICMPV6_F.extEchoRspActive, at + 3, 1, (bits >> 2) & 1);
        f.add(ICMPV6_F.extEchoRspIpv4, at + 3, 1, (bits >> 1) & 1);
        f.add(ICMPV6_F.extEchoRspIpv6, at + 3, 1, bits & 1);
      }
      dissectData(f, c, at + 4, b.cap, b.rep);
      break;
    }
    case 151:
      need(f, c, b, at, 4);
      f.add(ICMPV6_F.mcastQueryInterval, at, 2, (buf[at]! << 8) | buf[at + 1]!);
      f.add(ICMPV6_F.mcastRobustness, at + 2, 2, (buf[at + 2]! << 8) | buf[at + 3]!);
      break;
    default:
      if (!KNOWN_TYPES.has(type)) {
        expertOn(
          f,
          c,
          top,
          ICMPV6_F.undecodedType,
          `Dissector for ICMPv6 Type (${type}) code not implemented, Contact Wireshark developers if you want this supported`,
        );
        if (b.cap > at) f.add(ICMPV6_F.data, at, b.cap - at);
      }
      break;
  }
  f.close(top);
}

/** Checksum field and status; verified only for complete messages outside error quotes. */
function addChecksum(f: PacketFields, c: DissectCtx, b: Bounds, off: number, cksum: number): void {
  const rec = f.add(ICMPV6_F.checksum, off + 2, 2, cksum);
  const length = b.rep - off;
  let status = 2;
  if (b.cap >= b.rep && c.quoteDepth === 0 && c.netVersion !== 0) {
    const pseudo =
      c.netVersion === 6
        ? pseudoSumV6(c.netBuf, c.netSrcOff, c.netDstOff, 58, length)
        : pseudoSumV4(c.netBuf, c.netSrcOff, c.netDstOff, 58, length);
    const sum = sumWords(c.buf, off, length, pseudo);
    const folded = fold(sum);
    if (folded === 0xffff) {
      status = 1;
      if (c.detail) f.setText(rec, `Checksum: 0x${hex4(cksum)} [correct]`);
    } else {
      status = 0;
      const should = hex4(expectedChecksum(sum, cksum));
      if (c.detail) f.setText(rec, `Checksum: 0x${hex4(cksum)} incorrect, should be 0x${should}`);
      expertOn(f, c, rec, ICMPV6_F.checksumBad, `Bad checksum [should be 0x${should}]`);
    }
  } else if (c.detail) {
    f.setText(rec, `Checksum: 0x${hex4(cksum)} [${c.quoteDepth > 0 ? 'in ICMP error packet' : 'unverified'}]`);
  }
  f.add(ICMPV6_F.checksumStatus, off + 2, 0, status, GENERATED);
}

function fold(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/**
 * The invoking packet quoted by an error message: dissected as IPv6 when it looks like
 * one, never changing the columns. tshark unwinds the whole packet only when the quote
 * was cut by the capture's snaplen.
 */
function quoteDatagram(f: PacketFields, c: DissectCtx, b: Bounds, at: number, top: number): void {
  need(f, c, b, at, 1);
  f.parent = top;
  quoted(f, c, b, at);
}

/** Dissects a quoted datagram in [at, b.rep); returns where its dissection ended. */
function quoted(f: PacketFields, c: DissectCtx, b: Bounds, at: number): number {
  const mark = f.count;
  const writable = c.colWritable;
  const net = { v: c.netVersion, buf: c.netBuf, src: c.netSrcOff, dst: c.netDstOff };
  c.colWritable = false;
  c.quoteDepth++;
  let stop: number;
  try {
    stop = (c.buf[at]! & 0xf0) === 0x60 ? dissectIPv6(f, c, at, b.cap, b.rep) : dissectData(f, c, at, b.cap, b.rep);
  } finally {
    c.quoteDepth--;
    c.colWritable = writable;
    c.netVersion = net.v;
    c.netBuf = net.buf;
    c.netSrcOff = net.src;
    c.netDstOff = net.dst;
  }
  if (stoppedSince(f, mark)) throw STOP;
  return stop;
}

function ndOptions(f: PacketFields, c: DissectCtx, b: Bounds, at: number, top: number): void {
  f.parent = top;
  dissectNdOptions(f, c, b, at, (ff, cc, qb, qat) => {
    // the redirected packet is read within the option's own length
    return quoted(ff, cc, qb, qat);
  });
  f.parent = top;
}

function routerAdvertisement(f: PacketFields, c: DissectCtx, b: Bounds, at: number, top: number): void {
  const buf = c.buf;
  need(f, c, b, at, 1);
  f.add(ICMPV6_F.raHopLimit, at, 1, buf[at]!);
  need(f, c, b, at + 1, 1);
  const flags = buf[at + 1]!;
  const flagRec = f.add(ICMPV6_F.raFlag, at + 1, 1, flags);
  f.parent = flagRec;
  f.add(ICMPV6_F.raFlagM, at + 1, 1, flags >> 7);
  f.add(ICMPV6_F.raFlagO, at + 1, 1, (flags >> 6) & 1);
  f.add(ICMPV6_F.raFlagH, at + 1, 1, (flags >> 5) & 1);
  f.add(ICMPV6_F.raFlagPrf, at + 1, 1, (flags >> 3) & 3);
  f.add(ICMPV6_F.raFlagP, at + 1, 1, (flags >> 2) & 1);
  f.add(ICMPV6_F.raFlagRsv, at + 1, 1, flags & 3);
  f.parent = top;
  need(f, c, b, at + 2, 2);
  f.add(ICMPV6_F.raLifetime, at + 2, 2, (buf[at + 2]! << 8) | buf[at + 3]!);
  need(f, c, b, at + 4, 4);
  f.add(ICMPV6_F.raReachable, at + 4, 4, readU32(buf, at + 4));
  need(f, c, b, at + 8, 4);
  f.add(ICMPV6_F.raRetrans, at + 8, 4, readU32(buf, at + 8));
  ndOptions(f, c, b, at + 12, top);
}

function mldv1(f: PacketFields, c: DissectCtx, b: Bounds, at: number): void {
  const buf = c.buf;
  need(f, c, b, at, 2);
  f.add(ICMPV6_F.mldMrd, at, 2, (buf[at]! << 8) | buf[at + 1]!);
  need(f, c, b, at + 2, 2);
  f.add(ICMPV6_F.reserved, at + 2, 2);
  need(f, c, b, at + 4, 16);
  f.add(ICMPV6_F.mldAddress, at + 4, 16);
}

function mldv2Query(f: PacketFields, c: DissectCtx, b: Bounds, at: number): void {
  const buf = c.buf;
  need(f, c, b, at, 2);
  let mrc = (buf[at]! << 8) | buf[at + 1]!;
  if (mrc >= 32768) mrc = ((mrc & 0x0fff) | 0x1000) * 2 ** (((mrc & 0x7000) >> 12) + 3);
  f.add(ICMPV6_F.mldMrc, at, 2, mrc);
  need(f, c, b, at + 2, 2);
  f.add(ICMPV6_F.reserved, at + 2, 2);
  need(f, c, b, at + 4, 16);
  f.add(ICMPV6_F.mldAddress, at + 4, 16);
  need(f, c, b, at + 20, 1);
  const flags = buf[at + 20]!;
  const flagRec = f.add(ICMPV6_F.mldFlag, at + 20, 1, flags);
  const top = f.parent;
  f.parent = flagRec;
  f.add(ICMPV6_F.mldFlagS, at + 20, 1, (flags >> 3) & 1);
  f.add(ICMPV6_F.mldFlagQrv, at + 20, 1, flags & 7);
  f.add(ICMPV6_F.mldFlagRsv, at + 20, 1, flags >> 4);
  f.parent = top;
  need(f, c, b, at + 21, 1);
  let qqi = buf[at + 21]!;
  if (qqi >= 128) qqi = ((qqi & 0x0f) | 0x10) << (((qqi & 0x70) >> 4) + 3);
  f.add(ICMPV6_F.mldQqi, at + 21, 1, qqi);
  need(f, c, b, at + 22, 2);
  const sources = (buf[at + 22]! << 8) | buf[at + 23]!;
  f.add(ICMPV6_F.mldSources, at + 22, 2, sources);
  let p = at + 24;
  for (let i = 0; i < sources; i++, p += 16) {
    need(f, c, b, p, 16);
    f.add(ICMPV6_F.mldSource, p, 16);
  }
}

function mldv2Report(f: PacketFields, c: DissectCtx, b: Bounds, at: number): void {
  const buf = c.buf;
  need(f, c, b, at, 2);
  f.add(ICMPV6_F.reserved, at, 2);
  need(f, c, b, at + 2, 2);
  const records = (buf[at + 2]! << 8) | buf[at + 3]!;
  f.add(ICMPV6_F.mldrRecords, at + 2, 2, records);
  let p = at + 4;
  const top = f.parent;
  for (let r = 0; r < records; r++) {
    need(f, c, b, p, 4);
    const auxLen = buf[p + 1]!;
    const sources = (buf[p + 2]! << 8) | buf[p + 3]!;
    const recLen = 20 + sources * 16 + auxLen * 4;
    const rec = f.open(ICMPV6_F.mldrRecord, p, Math.max(0, Math.min(recLen, b.cap - p)));
    f.add(ICMPV6_F.mldrType, p, 1, buf[p]!);
    f.add(ICMPV6_F.mldrAuxLen, p + 1, 1, auxLen);
    f.add(ICMPV6_F.mldrSources, p + 2, 2, sources);
    need(f, c, b, p + 4, 16);
    f.add(ICMPV6_F.mldrAddress, p + 4, 16);
    if (c.detail) f.setText(rec, `Multicast Address Record ${records > 0 ? formatIPv6(buf, p + 4) : ''}`);
    let q = p + 20;
    for (let i = 0; i < sources; i++, q += 16) {
      need(f, c, b, q, 16);
      f.add(ICMPV6_F.mldrSource, q, 16);
    }
    if (auxLen) {
      need(f, c, b, q, auxLen * 4);
      f.add(ICMPV6_F.mldrAux, q, auxLen * 4);
      q += auxLen * 4;
    }
    f.close(rec);
    f.parent = top;
    p = q;
  }
}

/** Fields that add to the Info column. */
const INFO_FIELDS = new Set([
  ICMPV6_F.fmipSubtype,
  ICMPV6_F.echoSeq,
  ICMPV6_F.respTo,
  ICMPV6_F.nsTarget,
  ICMPV6_F.naTarget,
  ND_F.srcLinkaddr,
  ND_F.tgtLinkaddr,
  ND_F.srcLinkaddrEui64,
  ND_F.tgtLinkaddrEui64,
]);

/** The Info column, built from the message's fields the way tshark appends to it. */
function icmpv6Info(f: PacketFields, _c: DissectCtx, anchor: number): string {
  const typeRec = firstOf(f, anchor, ICMPV6_F.type);
  if (typeRec < 0) return '';
  const type = f.vals[typeRec]!;
  let text = TYPE_NAMES[type] ?? `Unknown (${type})`;
  const codeRec = firstOf(f, anchor, ICMPV6_F.code);
  if (codeRec >= 0) {
    const name = codeName(type, f.vals[codeRec]!);
    if (name !== null) text += ` (${name})`;
  }
  const boundary = [IPV6, ICMPV6];
  for (let i = anchor + 1; i < f.count; i++) {
    const id = f.ids[i]!;
    if (!INFO_FIELDS.has(id)) continue;
    // fields of a quoted datagram (under an inner ipv6 or icmpv6 record) do not count
    if (f.parents[i] !== anchor && !directlyIn(f, i, anchor, boundary)) continue;
    if (id === ICMPV6_F.fmipSubtype) {
      text += ` (${FMIP_SUBTYPES[f.vals[i]!] ?? `Unknown (${f.vals[i]})`})`;
    } else if (id === ICMPV6_F.echoSeq) {
      const idRec = firstOf(f, anchor, ICMPV6_F.echoId);
      text += ` id=0x${hex4(f.vals[idRec]!)}, seq=${f.vals[i]}`;
      const hlim = lastBefore(f, anchor, IPV6_F.hlim);
      if (hlim >= 0) text += `, hop limit=${f.vals[hlim]}`;
    } else if (id === ICMPV6_F.respTo) {
      text += ` (request in ${f.vals[i]})`;
    } else if (id === ICMPV6_F.nsTarget) {
      text += ` for ${formatIPv6(f.sources[f.srcs[i]!]!, f.starts[i]!)}`;
    } else if (id === ICMPV6_F.naTarget) {
      text += ` ${formatIPv6(f.sources[f.srcs[i]!]!, f.starts[i]!)} (${naFlagsText(f, anchor)})`;
    } else if (id === ND_F.srcLinkaddr && f.lens[i] === 6) {
      text += ` from ${f.strs[i]}`;
    } else if (id === ND_F.srcLinkaddrEui64 || id === ND_F.tgtLinkaddrEui64) {
      text += ` from ${f.strs[i]}`;
    } else if (id === ND_F.tgtLinkaddr && f.lens[i] === 6) {
      text += ` is at ${f.strs[i]}`;
    }
  }
  return text;
}

function codeName(type: number, code: number): string | null {
  switch (type) {
    case 1:
      return UNREACH_CODES[code] ?? 'Unknown';
    case 3:
      return TIME_EXCEEDED_CODES[code] ?? `Unknown (${code})`;
    case 4:
      return PARAM_PROBLEM_CODES[code] ?? `Unknown (${code})`;
    case 138:
      return RENUMBERING_CODES[code] ?? `Unknown (${code})`;
    case 139:
      return NI_QUERY_CODES[code] ?? `Unknown (${code})`;
    case 140:
      return NI_REPLY_CODES[code] ?? `Unknown (${code})`;
    case 155:
      return RPL_CODES[code] ?? `Unknown (${code})`;
    case 160:
      return EXT_ECHO_REQUEST_CODES[code] ?? `Unknown (${code})`;
    case 161:
      return EXT_ECHO_REPLY_CODES[code] ?? `Unknown (${code})`;
    default:
      return null;
  }
}

function naFlagsText(f: PacketFields, anchor: number): string {
  const flags = f.vals[firstOf(f, anchor, ICMPV6_F.naFlag)]!;
  const parts: string[] = [];
  if (flags & 0x80000000) parts.push('rtr');
  if (flags & 0x40000000) parts.push('sol');
  if (flags & 0x20000000) parts.push('ovr');
  return parts.length ? parts.join(', ') : 'none';
}

function firstOf(f: PacketFields, anchor: number, id: number): number {
  for (let i = anchor + 1; i < f.count; i++) {
    if (f.ids[i] === id && f.isWithin(i, anchor)) return i;
  }
  return -1;
}

function lastBefore(f: PacketFields, anchor: number, id: number): number {
  for (let i = anchor - 1; i >= 0; i--) if (f.ids[i] === id) return i;
  return -1;
}

function hex4(v: number): string {
  return v.toString(16).padStart(4, '0');
}

function readU32(buf: Uint8Array, at: number): number {
  return ((buf[at]! << 24) | (buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!) >>> 0;
}

registerIpProto(58, dissectICMPv6);
