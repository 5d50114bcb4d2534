// Names of pcap/pcapng link types (LINKTYPE_* values as stored in files), for display only.
// The readers report link types as found; dissection picks a dissector by the number.

export interface LinkTypeInfo {
  /** LINKTYPE_ name without the prefix, e.g. 'ETHERNET'. */
  name: string;
  /** Human text, e.g. 'Ethernet'. */
  description: string;
}

export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

const TABLE: Record<number, [string, string]> = {
  0: ['NULL', 'BSD loopback'],
  1: ['ETHERNET', 'Ethernet'],
  3: ['AX25', 'AX.25'],
  6: ['IEEE802_5', 'Token Ring'],
  7: ['ARCNET_BSD', 'ARCNET'],
  8: ['SLIP', 'SLIP'],
  9: ['PPP', 'PPP'],
  10: ['FDDI', 'FDDI'],
  // 12 and 14 are BSD DLT_RAW values that some old files carry instead of 101
  12: ['RAW', 'Raw IP (DLT 12)'],
  14: ['RAW', 'Raw IP (DLT 14)'],
  50: ['PPP_HDLC', 'PPP in HDLC-like framing'],
  51: ['PPP_ETHER', 'PPPoE'],
  100: ['ATM_RFC1483', 'RFC 1483 LLC/SNAP-encapsulated ATM'],
  101: ['RAW', 'Raw IP'],
  104: ['C_HDLC', 'Cisco HDLC'],
  105: ['IEEE802_11', 'IEEE 802.11 Wireless LAN'],
  107: ['FRELAY', 'Frame Relay'],
  108: ['LOOP', 'OpenBSD loopback'],
  113: ['LINUX_SLL', 'Linux cooked-mode capture v1'],
  117: ['PFLOG', 'OpenBSD PF log'],
  119: ['IEEE802_11_PRISM', 'IEEE 802.11 plus Prism header'],
  127: ['IEEE802_11_RADIOTAP', 'IEEE 802.11 plus radiotap header'],
  129: ['ARCNET_LINUX', 'ARCNET (Linux)'],
  138: ['APPLE_IP_OVER_IEEE1394', 'Apple IP over IEEE 1394'],
  143: ['DOCSIS', 'DOCSIS'],
  163: ['IEEE802_11_AVS', 'IEEE 802.11 plus AVS header'],
  187: ['BLUETOOTH_HCI_H4', 'Bluetooth HCI UART'],
  189: ['USB_LINUX', 'USB (Linux)'],
  192: ['PPI', 'Per-Packet Information'],
  195: ['IEEE802_15_4_WITHFCS', 'IEEE 802.15.4'],
  197: ['ERF', 'Endace ERF'],
  201: ['BLUETOOTH_HCI_H4_WITH_PHDR', 'Bluetooth HCI UART with direction'],
  220: ['USB_LINUX_MMAPPED', 'USB (Linux, memory-mapped)'],
  226: ['IPNET', 'Solaris ipnet'],
  227: ['CAN_SOCKETCAN', 'SocketCAN'],
  228: ['IPV4', 'Raw IPv4'],
  229: ['IPV6', 'Raw IPv6'],
  230: ['IEEE802_15_4_NOFCS', 'IEEE 802.15.4 without FCS'],
  231: ['DBUS', 'D-Bus'],
  239: ['NFLOG', 'Linux netfilter log'],
  240: ['NETANALYZER', 'Hilscher netANALYZER'],
  242: ['IPOIB', 'IP over InfiniBand'],
  243: ['MPEG_2_TS', 'MPEG-2 transport stream'],
  249: ['USBPCAP', 'USBPcap (Windows)'],
  251: ['BLUETOOTH_LE_LL', 'Bluetooth Low Energy link layer'],
  253: ['NETLINK', 'Linux netlink'],
  254: ['BLUETOOTH_LINUX_MONITOR', 'Bluetooth Linux monitor'],
  256: ['BLUETOOTH_LE_LL_WITH_PHDR', 'Bluetooth Low Energy link layer with pseudo-header'],
  258: ['PKTAP', 'Apple PKTAP'],
  263: ['WATTSTOPPER_DLM', 'WattStopper DLM'],
  266: ['USB_DARWIN', 'USB (macOS)'],
  271: ['VSOCK', 'Linux vsock'],
  272: ['NORDIC_BLE', 'Nordic BLE sniffer'],
  274: ['ETHERNET_MPACKET', 'Ethernet mPackets'],
  276: ['LINUX_SLL2', 'Linux cooked-mode capture v2'],
  279: ['EBHSCR', 'Elektrobit high speed capture and replay'],
  281: ['DSA_TAG_BRCM', 'Broadcom DSA tag'],
  283: ['IEEE802_15_4_TAP', 'IEEE 802.15.4 TAP'],
  288: ['USB_2_0', 'USB 2.0 packets'],
  290: ['ETW', 'Event Tracing for Windows'],
};
for (let i = 0; i < 16; i++) TABLE[147 + i] = [`USER${i}`, `User DLT ${i}`];

/** Name and description of a link type; unknown numbers get a generic text. */
export function linkTypeInfo(linkType: number): LinkTypeInfo {
  const e = TABLE[linkType];
  if (e) return { name: e[0], description: e[1] };
  return { name: `LINKTYPE_${linkType}`, description: `Unknown link type ${linkType}` };
}

/** Short display name, e.g. 'ETHERNET' or 'LINKTYPE_999'. */
export function linkTypeName(linkType: number): string {
  return linkTypeInfo(linkType).name;
}
