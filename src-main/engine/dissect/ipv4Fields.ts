// The fields of the IPv4 layer (`ip.*`, named as Wireshark names them): header, options,
// reassembly and expert entries, plus the kernel receive-path drop reasons, which are
// Wiresight's own (`ws.kernel.*`) and never part of the tshark-comparable expert list.
// Kept apart from the dissector so the option parser and the header parser share them.

import { registerFields, registerProtocol } from '../fields/fieldRegistry.js';
import { IP_PROTOCOL_NAMES } from './ipProtocolNames.js';

export const IP = registerProtocol('ip', 'Internet Protocol Version 4');

const DSCP_NAMES: Readonly<Record<number, string>> = {
  0: 'Default', 1: 'Lower Effort', 8: 'Class Selector 1', 10: 'Assured Forwarding 11', 12: 'Assured Forwarding 12',
  14: 'Assured Forwarding 13', 16: 'Class Selector 2', 18: 'Assured Forwarding 21', 20: 'Assured Forwarding 22',
  22: 'Assured Forwarding 23', 24: 'Class Selector 3', 26: 'Assured Forwarding 31', 28: 'Assured Forwarding 32',
  30: 'Assured Forwarding 33', 32: 'Class Selector 4', 34: 'Assured Forwarding 41', 36: 'Assured Forwarding 42',
  38: 'Assured Forwarding 43', 40: 'Class Selector 5', 44: 'Voice Admit', 46: 'Expedited Forwarding',
  48: 'Class Selector 6', 56: 'Class Selector 7',
};

const ECN_NAMES: Readonly<Record<number, string>> = {
  0: 'Not ECN-Capable Transport',
  1: "ECN-Capable Transport codepoint '01'",
  2: "ECN-Capable Transport codepoint '10'",
  3: 'Congestion Experienced',
};

export const CHECKSUM_STATUS_NAMES: Readonly<Record<number, string>> = { 0: 'Bad', 1: 'Good', 2: 'Unverified' };

export const IP_F = registerFields({
  version: { name: 'ip.version', type: 'uint', description: 'Version' },
  hdrLen: { name: 'ip.hdr_len', type: 'uint', description: 'Header Length' },
  dsfield: { name: 'ip.dsfield', type: 'uint', base: 'hex', bits: 8, description: 'Differentiated Services Field' },
  dscp: { name: 'ip.dsfield.dscp', type: 'uint', description: 'Differentiated Services Codepoint', valueNames: DSCP_NAMES },
  ecn: { name: 'ip.dsfield.ecn', type: 'uint', description: 'Explicit Congestion Notification', valueNames: ECN_NAMES },
  len: { name: 'ip.len', type: 'uint', description: 'Total Length' },
  id: { name: 'ip.id', type: 'uint', base: 'hex', bits: 16, description: 'Identification' },
  flags: { name: 'ip.flags', type: 'uint', base: 'hex', bits: 8, description: 'Flags' },
  flagRb: { name: 'ip.flags.rb', type: 'bool', description: 'Reserved bit' },
  flagDf: { name: 'ip.flags.df', type: 'bool', description: "Don't fragment" },
  flagMf: { name: 'ip.flags.mf', type: 'bool', description: 'More fragments' },
  fragOffset: { name: 'ip.frag_offset', type: 'uint', description: 'Fragment Offset (in 8-byte units)' },
  ttl: { name: 'ip.ttl', type: 'uint', description: 'Time to Live' },
  proto: { name: 'ip.proto', type: 'uint', description: 'Protocol', valueNames: IP_PROTOCOL_NAMES },
  checksum: { name: 'ip.checksum', type: 'uint', base: 'hex', bits: 16, description: 'Header Checksum' },
  checksumCalculated: {
    name: 'ip.checksum_calculated',
    type: 'uint',
    base: 'hex',
    bits: 16,
    description: 'Calculated Checksum',
  },
  checksumStatus: {
    name: 'ip.checksum.status',
    type: 'uint',
    description: 'Header checksum status',
    valueNames: CHECKSUM_STATUS_NAMES,
  },
  src: { name: 'ip.src', type: 'ipv4', description: 'Source Address' },
  addr: { name: 'ip.addr', type: 'ipv4', description: 'Source or Destination Address' },
  dst: { name: 'ip.dst', type: 'ipv4', description: 'Destination Address' },
  curRt: { name: 'ip.cur_rt', type: 'ipv4', description: 'Current Route' },
  fragments: { name: 'ip.fragments', type: 'none', description: 'IPv4 Fragments' },
  fragment: { name: 'ip.fragment', type: 'uint', description: 'IPv4 Fragment' },
  fragmentCount: { name: 'ip.fragment.count', type: 'uint', description: 'Fragment count' },
  reassembledIn: { name: 'ip.reassembled_in', type: 'uint', description: 'Reassembled IPv4 in frame' },
  reassembledLength: { name: 'ip.reassembled.length', type: 'uint', description: 'Reassembled IPv4 length' },
});

const OPT_CLASS_NAMES: Readonly<Record<number, string>> = {
  0: 'Control',
  1: 'Reserved for future use',
  2: 'Debugging and measurement',
  3: 'Reserved for future use',
};

const OPT_NUMBER_NAMES: Readonly<Record<number, string>> = {
  0: 'End of Option List (EOL)', 1: 'No-Operation (NOP)', 2: 'Security', 3: 'Loose source route', 4: 'Time stamp',
  5: 'Extended security', 6: 'Commercial IP security option', 7: 'Record route', 8: 'Stream identifier',
  9: 'Strict source route', 10: 'Experimental Measurement', 11: 'MTU probe', 12: 'MTU Reply',
  13: 'Experimental Flow Control', 14: 'Experimental Access Control', 15: 'Ask Estrin', 16: 'IMI Traffic Descriptor',
  17: 'Extended Internet Protocol', 18: 'Traceroute', 19: 'Address Extension', 20: 'Router Alert',
  21: 'Selective Directed Broadcast', 22: 'Unassigned', 23: 'Dynamic Packet State', 24: 'Upstream Multicast Packet',
  25: 'Quick-Start', 30: 'RFC 3692-style experiment',
};

export const IP_OPT = registerFields({
  options: { name: 'ip.options', type: 'none', description: 'Options' },
  type: { name: 'ip.opt.type', type: 'uint', description: 'Type' },
  typeCopy: { name: 'ip.opt.type.copy', type: 'bool', description: 'Copy on fragmentation' },
  typeClass: { name: 'ip.opt.type.class', type: 'uint', description: 'Class', valueNames: OPT_CLASS_NAMES },
  typeNumber: { name: 'ip.opt.type.number', type: 'uint', description: 'Number', valueNames: OPT_NUMBER_NAMES },
  len: { name: 'ip.opt.len', type: 'uint', description: 'Length' },
  ptr: { name: 'ip.opt.ptr', type: 'uint', description: 'Pointer' },
  sid: { name: 'ip.opt.sid', type: 'uint', description: 'Stream Identifier' },
  mtu: { name: 'ip.opt.mtu', type: 'uint', description: 'MTU' },
  idNumber: { name: 'ip.opt.id_number', type: 'uint', description: 'ID Number' },
  ohc: { name: 'ip.opt.ohc', type: 'uint', description: 'Outbound Hop Count' },
  rhc: { name: 'ip.opt.rhc', type: 'uint', description: 'Return Hop Count' },
  originator: { name: 'ip.opt.originator', type: 'ipv4', description: 'Originator IP Address' },
  ra: {
    name: 'ip.opt.ra',
    type: 'uint',
    description: 'Router Alert',
    valueNames: { 0: 'Router shall examine packet' },
  },
  addr: { name: 'ip.opt.addr', type: 'ipv4', description: 'IP Address' },
  padding: { name: 'ip.opt.padding', type: 'bytes', description: 'Padding' },
  qsFunc: { name: 'ip.opt.qs_func', type: 'uint', description: 'Function', valueNames: { 0: 'Rate request', 8: 'Rate report' } },
  qsRate: { name: 'ip.opt.qs_rate', type: 'uint', description: 'Rate' },
  qsTtl: { name: 'ip.opt.qs_ttl', type: 'uint', description: 'QS TTL' },
  qsNonce: { name: 'ip.opt.qs_nonce', type: 'uint', base: 'hex', bits: 32, description: 'QS Nonce' },
  secCl: { name: 'ip.opt.sec_cl', type: 'uint', base: 'hex', bits: 8, description: 'Classification Level' },
  secFlags: {
    name: 'ip.opt.sec_prot_auth_flags',
    type: 'uint',
    base: 'hex',
    bits: 8,
    description: 'Protection Authority Flags',
  },
  extSecFormat: {
    name: 'ip.opt.ext_sec_add_sec_info_format_code',
    type: 'uint',
    base: 'hex',
    bits: 8,
    description: 'Additional Security Info Format Code',
  },
  extSecInfo: { name: 'ip.opt.ext_sec_add_sec_info', type: 'bytes', description: 'Additional Security Info' },
  cipsoDoi: { name: 'ip.cipso.doi', type: 'uint', description: 'DOI' },
  overflow: { name: 'ip.opt.overflow', type: 'uint', description: 'Overflow' },
  flag: {
    name: 'ip.opt.flag',
    type: 'uint',
    base: 'hex',
    bits: 8,
    description: 'Flag',
    valueNames: { 0: 'Time stamps only', 1: 'Time stamp and address', 3: 'Time stamps for prespecified addresses' },
  },
  timeStamp: { name: 'ip.opt.time_stamp', type: 'uint', description: 'Time stamp' },
  timeStampAddr: { name: 'ip.opt.time_stamp_addr', type: 'ipv4', description: 'Address' },
  recRt: { name: 'ip.rec_rt', type: 'ipv4', description: 'Recorded Route' },
  srcRt: { name: 'ip.src_rt', type: 'ipv4', description: 'Source Route' },
  emptyRt: { name: 'ip.empty_rt', type: 'ipv4', description: 'Empty Route' },
  unknown: { name: 'ip.opt.unknown', type: 'none', description: 'Unknown option' },
  eol: { name: 'ip.options.eol', type: 'none', description: 'IP Option - End of Options List (EOL)' },
  nop: { name: 'ip.options.nop', type: 'none', description: 'IP Option - No-Operation (NOP)' },
  security: { name: 'ip.options.security', type: 'none', description: 'IP Option - Security' },
  looseRoute: { name: 'ip.options.route', type: 'none', description: 'IP Option - Loose Source Route' },
  timestamp: { name: 'ip.options.timestamp', type: 'none', description: 'IP Option - Time Stamp' },
  extSecurity: { name: 'ip.options.ext_security', type: 'none', description: 'IP Option - Extended Security' },
  cipso: { name: 'ip.options.cipso', type: 'none', description: 'IP Option - Commercial Security' },
  recordRoute: { name: 'ip.options.record_route', type: 'none', description: 'IP Option - Record Route' },
  streamId: { name: 'ip.options.sid', type: 'none', description: 'IP Option - Stream ID' },
  strictRoute: { name: 'ip.options.source_route', type: 'none', description: 'IP Option - Strict Source Route' },
  mtuProbe: { name: 'ip.options.mtu_probe', type: 'none', description: 'IP Option - MTU Probe' },
  mtuReply: { name: 'ip.options.mtu_reply', type: 'none', description: 'IP Option - MTU Reply' },
  traceroute: { name: 'ip.options.traceroute', type: 'none', description: 'IP Option - Traceroute' },
  routerAlert: { name: 'ip.options.routeralert', type: 'none', description: 'IP Option - Router Alert' },
  sdb: { name: 'ip.options.sdb', type: 'none', description: 'IP Option - Selective Directed Broadcast' },
  quickStart: { name: 'ip.options.qs', type: 'none', description: 'IP Option - Quick-Start' },
});

export const IP_EXPERT = registerFields({
  bogusVersion: {
    name: 'ip.bogus_ip_version',
    type: 'none',
    description: 'Bogus IP version',
    expert: { severity: 'Error', group: 'Protocol' },
  },
  bogusHeaderLength: {
    name: 'ip.bogus_header_length',
    type: 'none',
    description: 'Bogus IP header length',
    expert: { severity: 'Error', group: 'Protocol' },
  },
  bogusLength: {
    name: 'ip.bogus_ip_length',
    type: 'none',
    description: 'Bogus IP length',
    expert: { severity: 'Error', group: 'Protocol' },
  },
  checksumBad: {
    name: 'ip.checksum_bad.expert',
    type: 'none',
    description: 'Bad checksum',
    expert: { severity: 'Error', group: 'Checksum' },
  },
  ttlLncb: {
    name: 'ip.ttl.lncb',
    type: 'none',
    description: 'Time To Live',
    expert: { severity: 'Note', group: 'Sequence' },
  },
  ttlTooSmall: {
    name: 'ip.ttl.too_small',
    type: 'none',
    description: 'Time To Live',
    expert: { severity: 'Note', group: 'Sequence' },
  },
  offloadLength: {
    name: 'ip.len.offload',
    type: 'none',
    description: 'Total length of a segmentation-offload super-frame',
    expert: { severity: 'Note', group: 'Protocol' },
  },
  nop: {
    name: 'ip.nop',
    type: 'none',
    description: '4 NOP in a row - a router may have removed some options',
    expert: { severity: 'Warning', group: 'Protocol' },
  },
  optLenInvalid: {
    name: 'ip.opt.len.invalid',
    type: 'none',
    description: 'Invalid length for option',
    expert: { severity: 'Warning', group: 'Protocol' },
  },
  ptrBeforeAddress: {
    name: 'ip.opt.ptr.before_address',
    type: 'none',
    description: 'Pointer points before first address',
    expert: { severity: 'Warning', group: 'Protocol' },
  },
  ptrMiddleAddress: {
    name: 'ip.opt.ptr.middle_address',
    type: 'none',
    description: 'Pointer points to middle of address',
    expert: { severity: 'Warning', group: 'Protocol' },
  },
  suboptTooLong: {
    name: 'ip.subopt_too_long',
    type: 'none',
    description: 'Suboption would go past end of option',
    expert: { severity: 'Warning', group: 'Protocol' },
  },
});

/**
 * Why Linux's IPv4 receive path (ip_rcv_core) would discard the datagram, named after the
 * kernel's skb drop reasons. Wiresight's own analysis: the `ws.kernel.` prefix keeps these
 * out of the tshark-comparable `_ws.expert` list.
 */
export const IP_KERNEL_DROP = registerFields({
  inhdr: {
    name: 'ws.kernel.ip_inhdr',
    type: 'none',
    description: 'Kernel would drop: SKB_DROP_REASON_IP_INHDR',
    expert: { severity: 'Warning', group: 'Protocol' },
  },
  pktTooSmall: {
    name: 'ws.kernel.pkt_too_small',
    type: 'none',
    description: 'Kernel would drop: SKB_DROP_REASON_PKT_TOO_SMALL',
    expert: { severity: 'Warning', group: 'Protocol' },
  },
  ipCsum: {
    name: 'ws.kernel.ip_csum',
    type: 'none',
    description: 'Kernel would drop: SKB_DROP_REASON_IP_CSUM',
    expert: { severity: 'Warning', group: 'Protocol' },
  },
});
