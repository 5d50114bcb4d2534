// Well-known ports → the protocol name tshark shows in the Protocol column for a payload
// on that port. Wiresight does not decode these protocols; the name tells the reader what
// the bytes probably are. Like tshark, the lower port of the pair is tried first.

const TCP_SERVICES: ReadonlyMap<number, string> = new Map([
  [20, 'FTP-DATA'],
  [21, 'FTP'],
  [22, 'SSH'],
  [23, 'TELNET'],
  [25, 'SMTP'],
  [53, 'DNS'],
  [80, 'HTTP'],
  [110, 'POP'],
  [111, 'Portmap'],
  [119, 'NNTP'],
  [139, 'NBSS'],
  [143, 'IMAP'],
  [179, 'BGP'],
  [389, 'LDAP'],
  [443, 'TLS'],
  [445, 'SMB'],
  [465, 'TLS'],
  [587, 'SMTP'],
  [636, 'TLS'],
  [646, 'LDP'],
  [853, 'TLS'],
  [993, 'TLS'],
  [995, 'TLS'],
  [1433, 'TDS'],
  [1883, 'MQTT'],
  [3306, 'MySQL'],
  [5432, 'PGSQL'],
  [6379, 'RESP'],
  [8080, 'HTTP'],
]);

const UDP_SERVICES: ReadonlyMap<number, string> = new Map([
  [7, 'ECHO'],
  [53, 'DNS'],
  [67, 'DHCP'],
  [68, 'DHCP'],
  [69, 'TFTP'],
  [88, 'KRB5'],
  [123, 'NTP'],
  [137, 'NBNS'],
  [138, 'BROWSER'],
  [161, 'SNMP'],
  [162, 'SNMP'],
  [443, 'QUIC'],
  [500, 'ISAKMP'],
  [514, 'Syslog'],
  [520, 'RIPv2'],
  [546, 'DHCPv6'],
  [547, 'DHCPv6'],
  [646, 'LDP'],
  [1812, 'RADIUS'],
  [1813, 'RADIUS'],
  [1900, 'SSDP'],
  [3784, 'BFD Control'],
  [4789, 'VXLAN'],
  [5060, 'SIP'],
  [5353, 'MDNS'],
  [5355, 'LLMNR'],
]);

/** The service name for a segment between two ports, or undefined when neither is known. */
export function serviceName(transport: 'tcp' | 'udp', srcPort: number, dstPort: number): string | undefined {
  const table = transport === 'tcp' ? TCP_SERVICES : UDP_SERVICES;
  const low = Math.min(srcPort, dstPort);
  const high = Math.max(srcPort, dstPort);
  return table.get(low) ?? table.get(high);
}
