// The fields of the TCP layer with Wireshark's names (`tcp.*`): header, flags, checksum,
// options and the expert entries the dissector reports. The stream analyzer fills some of
// them after dissection (`tcp.stream`, relative `tcp.seq`/`tcp.ack`, `tcp.nxtseq`,
// `tcp.window_size`); they are registered here so the registry knows them even before it
// runs. Kept apart from the dissector so the option parser and the Info formatter share them.

import type { FieldSpec } from '../fields/fieldRegistry.js';
import { registerFields, registerProtocol } from '../fields/fieldRegistry.js';
import { CHECKSUM_STATUS_NAMES } from './transportChecksum.js';

export const TCP = registerProtocol('tcp', 'Transmission Control Protocol');
/** MPTCP options open a layer of their own in tshark (frame.protocols shows `tcp:mptcp`). */
export const MPTCP = registerProtocol('mptcp', 'Multipath Transmission Control Protocol');

export const TCP_OPTION_KIND_NAMES: Readonly<Record<number, string>> = {
  0: 'End of Option List', 1: 'No-Operation', 2: 'Maximum Segment Size', 3: 'Window Scale', 4: 'SACK Permitted',
  5: 'SACK', 6: 'Echo', 7: 'Echo Reply', 8: 'Time Stamp Option', 9: 'Partial Order Connection Permitted',
  10: 'Partial Order Service Profile', 11: 'CC', 12: 'CC.NEW', 13: 'CC.ECHO', 14: 'TCP Alternate Checksum Request',
  15: 'TCP Alternate Checksum Data', 16: 'Skeeter', 17: 'Bubba', 18: 'Trailer Checksum Option',
  19: 'MD5 Signature Option', 20: 'SCPS Capabilities', 21: 'Selective Negative Acknowledgements',
  22: 'Record Boundaries', 23: 'Corruption experienced', 24: 'SNAP', 25: 'Unassigned', 26: 'TCP Compression Filter',
  27: 'Quick-Start Response', 28: 'User Timeout Option', 29: 'The TCP Authentication Option', 30: 'Multipath TCP',
  34: 'TCP Fast Open Cookie', 76: 'Riverbed Probe', 78: 'Riverbed Transparency', 172: 'Accurate ECN Order 0',
  174: 'Accurate ECN Order 1', 253: 'RFC3692-style Experiment 1', 254: 'RFC3692-style Experiment 2',
};

const MPTCP_SUBTYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'Multipath Capable', 1: 'Join Connection', 2: 'Data Sequence Signal', 3: 'Add Address', 4: 'Remove Address',
  5: 'Change Subflow Priority', 6: 'TCP Fallback', 7: 'Fast Close', 8: 'TCP Reset',
};

const EXPERIMENT_IDS: Readonly<Record<number, string>> = {
  0xac: 'TCP ACK Rate Request', 0x348: 'Host ID', 0xa0d: 'Autonomous System Compensation', 0xca0: 'Capability Option',
  0xed0: 'Extended Data Offset', 0x454e: 'Encryption Negotiation', 0x5323: 'Service Number',
  0x75ec: 'Timestamp Interval', 0xacc0: 'Accurate ECN - Order 0', 0xacc1: 'Accurate ECN - Order 1',
  0xacce: 'Accurate ECN', 0xe2d4: 'Shared Memory communications over RMDA protocol', 0xf989: 'Fast Open',
  0xf990: 'Low Latency',
};

const bool = (name: string, description: string): FieldSpec => ({ name, type: 'bool', description });
const uint = (name: string, description: string, bits?: number): FieldSpec =>
  bits === undefined ? { name, type: 'uint', description } : { name, type: 'uint', description, bits };
const hex = (name: string, description: string, bits: number): FieldSpec => ({ name, type: 'uint', base: 'hex', bits, description });
const bytes = (name: string, description: string): FieldSpec => ({ name, type: 'bytes', description });
/** tshark registers each option's subtree as a protocol of its own: its value is the option's bytes */
const option = (name: string, description: string): FieldSpec => ({ name, type: 'protocol', description });
const expert = (name: string, description: string, severity: 'Chat' | 'Note' | 'Warning' | 'Error', group: 'Sequence' | 'Protocol' | 'Checksum' | 'Malformed' | 'Undecoded'): FieldSpec => ({
  name,
  type: 'none',
  description,
  expert: { severity, group },
});

export const TCP_F = registerFields({
  srcport: uint('tcp.srcport', 'Source Port', 16),
  dstport: uint('tcp.dstport', 'Destination Port', 16),
  port: uint('tcp.port', 'Source or Destination Port', 16),
  stream: uint('tcp.stream', 'Stream index'),
  completeness: uint('tcp.completeness', 'Conversation completeness'),
  len: uint('tcp.len', 'TCP Segment Len'),
  seq: uint('tcp.seq', 'Sequence Number'),
  seqRaw: uint('tcp.seq_raw', 'Sequence Number (raw)', 32),
  nxtseq: uint('tcp.nxtseq', 'Next Sequence Number'),
  ack: uint('tcp.ack', 'Acknowledgment Number'),
  ackRaw: uint('tcp.ack_raw', 'Acknowledgment number (raw)', 32),
  hdrLen: uint('tcp.hdr_len', 'Header Length'),
  flags: hex('tcp.flags', 'Flags', 16),
  flagRes: bool('tcp.flags.res', 'Reserved'),
  flagAe: bool('tcp.flags.ae', 'Accurate ECN'),
  flagCwr: bool('tcp.flags.cwr', 'Congestion Window Reduced'),
  flagEce: bool('tcp.flags.ece', 'ECN-Echo'),
  flagUrg: bool('tcp.flags.urg', 'Urgent'),
  flagAck: bool('tcp.flags.ack', 'Acknowledgment'),
  flagPush: bool('tcp.flags.push', 'Push'),
  flagReset: bool('tcp.flags.reset', 'Reset'),
  flagSyn: bool('tcp.flags.syn', 'Syn'),
  flagFin: bool('tcp.flags.fin', 'Fin'),
  flagStr: { name: 'tcp.flags.str', type: 'string', description: 'TCP Flags' },
  window: uint('tcp.window_size_value', 'Window', 16),
  windowSize: uint('tcp.window_size', 'Calculated window size'),
  windowScale: { name: 'tcp.window_size_scalefactor', type: 'int', description: 'Window size scaling factor' },
  checksum: hex('tcp.checksum', 'Checksum', 16),
  checksumStatus: { name: 'tcp.checksum.status', type: 'uint', description: 'Checksum Status', valueNames: CHECKSUM_STATUS_NAMES },
  checksumCalculated: hex('tcp.checksum_calculated', 'Calculated Checksum', 16),
  urgentPointer: uint('tcp.urgent_pointer', 'Urgent Pointer', 16),
  payload: bytes('tcp.payload', 'TCP payload'),
  resetCause: { name: 'tcp.reset_cause', type: 'string', description: 'Reset cause' },

  options: bytes('tcp.options', 'TCP Options'),
  optionKind: { name: 'tcp.option_kind', type: 'uint', description: 'Kind', valueNames: TCP_OPTION_KIND_NAMES },
  optionLen: uint('tcp.option_len', 'Length'),
  // one subtree per option, named as tshark names them
  optEol: option('tcp.options.eol', 'TCP Option - End of Option List (EOL)'),
  optNop: option('tcp.options.nop', 'TCP Option - No-Operation (NOP)'),
  optMss: option('tcp.options.mss', 'TCP Option - Maximum segment size'),
  optWscale: option('tcp.options.wscale', 'TCP Option - Window scale'),
  optSackPerm: option('tcp.options.sack_perm', 'TCP Option - SACK permitted'),
  optSack: option('tcp.options.sack', 'TCP Option - SACK'),
  optEcho: option('tcp.options.echo', 'TCP Option - Echo'),
  optEchoReply: option('tcp.options.echoreply', 'TCP Option - Echo reply'),
  optTimestamp: option('tcp.options.timestamp', 'TCP Option - Timestamps'),
  optCc: option('tcp.options.cc', 'TCP Option - CC'),
  optCcNew: option('tcp.options.ccnew', 'TCP Option - CC.NEW'),
  optCcEcho: option('tcp.options.ccecho', 'TCP Option - CC.ECHO'),
  optMd5: bytes('tcp.options.md5', 'TCP Option - TCP MD5 signature'),
  optScps: option('tcp.options.scps', 'TCP Option - SCPS capabilities'),
  optSnack: option('tcp.options.snack', 'TCP Option - Selective Negative Acknowledgment'),
  optScpsRec: option('tcp.options.scpsrec', 'TCP Option - SCPS record boundary'),
  optScpsCor: option('tcp.options.scpscor', 'TCP Option - SCPS corruption experienced'),
  optQs: option('tcp.options.qs', 'TCP Option - Quick-Start'),
  optUserTo: option('tcp.options.user_to', 'TCP Option - User Timeout'),
  optAo: option('tcp.options.ao', 'TCP Option - TCP AO'),
  optTfo: option('tcp.options.tfo', 'TCP Option - TCP Fast Open'),
  optRvbdProbe: option('tcp.options.rvbd.probe', 'TCP Option - Riverbed Probe'),
  optRvbdTrpy: option('tcp.options.rvbd.trpy', 'TCP Option - Riverbed Transparency'),
  optAccEcn: option('tcp.options.acc_ecn', 'TCP Option - Accurate ECN'),
  optExperimental: option('tcp.options.experimental', 'TCP Option - Experimental'),
  optUnknown: option('tcp.options.unknown', 'TCP Option - Unknown'),
  // option contents
  mssVal: uint('tcp.options.mss_val', 'MSS Value', 16),
  wscaleShift: uint('tcp.options.wscale.shift', 'Shift count', 8),
  wscaleMultiplier: uint('tcp.options.wscale.multiplier', 'Multiplier', 16),
  sackLe: uint('tcp.options.sack_le', 'TCP SACK Left Edge', 32),
  sackRe: uint('tcp.options.sack_re', 'TCP SACK Right Edge', 32),
  sackCount: uint('tcp.options.sack.count', 'TCP SACK Count', 8),
  dsackLe: uint('tcp.options.sack.dsack_le', 'TCP D-SACK Left Edge', 32),
  dsackRe: uint('tcp.options.sack.dsack_re', 'TCP D-SACK Right Edge', 32),
  echoValue: uint('tcp.options.echo_value', 'TCP Echo Option', 32),
  tsval: uint('tcp.options.timestamp.tsval', 'Timestamp value', 32),
  tsecr: uint('tcp.options.timestamp.tsecr', 'Timestamp echo reply', 32),
  ccValue: uint('tcp.options.cc_value', 'TCP CC Option', 32),
  md5Digest: bytes('tcp.options.md5.digest', 'MD5 digest'),
  aoKeyId: uint('tcp.options.ao.keyid', 'AO KeyID', 8),
  aoRnextKeyId: uint('tcp.options.ao.rnextkeyid', 'AO RNextKeyID', 8),
  aoMac: bytes('tcp.options.ao.mac', 'AO MAC'),
  userToGranularity: bool('tcp.options.user_to_granularity', 'Granularity'),
  userToVal: uint('tcp.options.user_to_val', 'User Timeout', 16),
  tfoRequest: { name: 'tcp.options.tfo.request', type: 'none', description: 'Fast Open Cookie Request' },
  tfoCookie: bytes('tcp.options.tfo.cookie', 'Fast Open Cookie'),
  expExid: { name: 'tcp.options.experimental.exid', type: 'uint', base: 'hex', bits: 16, description: 'Experiment Identifier', valueNames: EXPERIMENT_IDS },
  expData: bytes('tcp.options.experimental.data', 'Data'),
  unknownPayload: bytes('tcp.options.unknown.payload', 'Payload'),
  mptcpSubtype: { name: 'tcp.options.mptcp.subtype', type: 'uint', description: 'Multipath TCP subtype', valueNames: MPTCP_SUBTYPE_NAMES },

  // expert entries, with tshark's severities and groups
  connectionSyn: expert('tcp.connection.syn', 'Connection establish request (SYN)', 'Chat', 'Sequence'),
  connectionSynAck: expert('tcp.connection.synack', 'Connection establish acknowledge (SYN+ACK)', 'Chat', 'Sequence'),
  connectionFin: expert('tcp.connection.fin', 'Connection finish (FIN)', 'Chat', 'Sequence'),
  connectionRst: expert('tcp.connection.rst', 'Connection reset (RST)', 'Warning', 'Sequence'),
  ackNonzero: expert('tcp.ack.nonzero', 'The acknowledgment number field is nonzero while the ACK flag is not set', 'Note', 'Protocol'),
  urgentNonzero: expert('tcp.urgent_pointer.non_zero', 'The urgent pointer field is nonzero while the URG flag is not set', 'Note', 'Protocol'),
  bogusHeaderLength: expert('tcp.bogus_header_length', 'Bogus TCP header length', 'Error', 'Protocol'),
  shortSegment: expert('tcp.short_segment', 'Short segment', 'Warning', 'Malformed'),
  checksumBad: expert('tcp.checksum_bad.expert', 'Bad checksum', 'Error', 'Checksum'),
  checksumFfff: expert('tcp.checksum.ffff', 'TCP Checksum 0xffff instead of 0x0000 (see RFC 1624)', 'Warning', 'Checksum'),
  checksumOffload: expert('tcp.checksum.offload', 'Checksum not verified: outgoing frame (checksum offload)', 'Note', 'Checksum'),
  optionLenInvalid: expert('tcp.option.len.invalid', 'Invalid length for option', 'Note', 'Sequence'),
  suboptionMalformed: expert('tcp.suboption_malformed', 'suboption would go past end of option', 'Error', 'Malformed'),
  nopRun: expert('tcp.nop', '4 NOP in a row - a router may have removed some options', 'Warning', 'Protocol'),
  nonZeroAfterEol: expert('tcp.non_zero_bytes_after_eol', 'Non-zero header padding', 'Error', 'Protocol'),
  wscaleShiftInvalid: expert('tcp.options.wscale.shift.invalid', 'Window scale shift exceeds 14', 'Warning', 'Protocol'),
  mssAbsent: expert('tcp.options.mss.absent', 'The SYN packet does not contain a MSS option', 'Note', 'Protocol'),
  mssPresent: expert('tcp.options.mss.present', 'The non-SYN packet does contain a MSS option', 'Warning', 'Protocol'),
  dsack: expert('tcp.options.sack.dsack', 'D-SACK Sequence', 'Warning', 'Sequence'),
  tfoSyn: expert('tcp.analysis.tfo_syn', 'TCP SYN with TFO Cookie', 'Note', 'Sequence'),
  mptcpNoAlgorithm: expert('mptcp.connection.missing_algorithm', 'No crypto algorithm specified', 'Warning', 'Protocol'),
  mptcpBadAlgorithm: expert('mptcp.connection.unsupported_algorithm', 'Unsupported algorithm', 'Warning', 'Protocol'),
  stringTrailing: expert('_ws.string.trailing_stray_characters', 'Trailing stray characters', 'Warning', 'Undecoded'),
});
