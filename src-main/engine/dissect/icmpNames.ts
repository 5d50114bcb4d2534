// ICMP (v4) message type and code names, worded as tshark shows them in `icmp.type` /
// `icmp.code` and in the Info column ("Destination unreachable (Port unreachable)").

/** Type names; types not listed are "Unknown ICMP (obsolete or malformed?)". */
export const ICMP_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'Echo (ping) reply',
  1: 'Reserved',
  2: 'Reserved',
  3: 'Destination unreachable',
  4: 'Source quench (flow control)',
  5: 'Redirect',
  6: 'Alternate host address',
  8: 'Echo (ping) request',
  9: 'Router advertisement',
  10: 'Router solicitation',
  11: 'Time-to-live exceeded',
  12: 'Parameter problem',
  13: 'Timestamp request',
  14: 'Timestamp reply',
  15: 'Information request',
  16: 'Information reply',
  17: 'Address mask request',
  18: 'Address mask reply',
  19: 'Reserved (for security)',
  30: 'Traceroute',
  31: 'Datagram Conversion Error',
  32: 'Mobile Host Redirect',
  33: 'IPv6 Where-Are-You',
  34: 'IPv6 I-Am-Here',
  35: 'Mobile Registration Request',
  36: 'Mobile Registration Reply',
  37: 'Domain Name Request',
  38: 'Domain Name Reply',
  39: 'SKIP',
  40: 'Photuris',
  41: 'Experimental mobility protocols',
  42: 'Extended Echo request',
  43: 'Extended Echo reply',
};

const UNKNOWN_TYPE = 'Unknown ICMP (obsolete or malformed?)';

/** Code names of the types that have them; other types show the bare code number. */
const CODE_NAMES: Readonly<Record<number, Readonly<Record<number, string>>>> = {
  3: {
    0: 'Network unreachable',
    1: 'Host unreachable',
    2: 'Protocol unreachable',
    3: 'Port unreachable',
    4: 'Fragmentation needed',
    5: 'Source route failed',
    6: 'Destination network unknown',
    7: 'Destination host unknown',
    8: 'Source host isolated',
    9: 'Network administratively prohibited',
    10: 'Host administratively prohibited',
    11: 'Network unreachable for TOS',
    12: 'Host unreachable for TOS',
    13: 'Communication administratively filtered',
    14: 'Host precedence violation',
    15: 'Precedence cutoff in effect',
  },
  5: {
    0: 'Redirect for network',
    1: 'Redirect for host',
    2: 'Redirect for TOS and network',
    3: 'Redirect for TOS and host',
  },
  6: { 0: 'Alternate address for host' },
  9: { 0: 'Normal router advertisement', 16: 'Does not route common traffic' },
  11: { 0: 'Time to live exceeded in transit', 1: 'Fragment reassembly time exceeded' },
  12: { 0: 'Pointer indicates the error', 1: 'Required option missing', 2: 'Bad length' },
  40: {
    0: 'Bad SPI',
    1: 'Authentication Failed',
    2: 'Decompression Failed',
    3: 'Decryption Failed',
    4: 'Need Authentication',
    5: 'Need Authorization',
  },
  42: { 0: 'No error' },
  43: {
    0: 'No error',
    1: 'Malformed Query',
    2: 'No Such Interface',
    3: 'No Such Table Entry',
    4: 'Multiple Interfaces Satisfy Query',
  },
};

/** Name of a message type; a router advertisement with code 0 or 16 is shown as Mobile IP's. */
export function icmpTypeName(type: number, code: number): string {
  if (type === 9 && (code === 0 || code === 16)) return 'Mobile IP Advertisement';
  return ICMP_TYPE_NAMES[type] ?? UNKNOWN_TYPE;
}

/** Name of a code for its type, "Unknown code: N" for a type with named codes, '' otherwise. */
export function icmpCodeName(type: number, code: number): string {
  const table = CODE_NAMES[type];
  if (!table) return '';
  return table[code] ?? `Unknown code: ${code}`;
}
