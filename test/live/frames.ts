// Just enough Ethernet/IPv4/ICMP/UDP/TCP decoding for the live tests to check the captured
// packets against the traffic they sent, without depending on the dissectors under test.

export interface DecodedFrame {
  dstMac: string;
  srcMac: string;
  etherType: number;
  ip?: { src: string; dst: string; proto: number; totalLength: number };
  icmp?: { type: number; seq: number };
  udp?: { srcPort: number; dstPort: number; payload: Buffer };
  tcp?: { srcPort: number; dstPort: number; flags: number; payload: Buffer };
}

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_ACK = 0x10;

const macText = (b: Buffer) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(':');
const ipText = (b: Buffer) => [...b].join('.');

export function decodeFrame(f: Buffer): DecodedFrame {
  const d: DecodedFrame = { dstMac: macText(f.subarray(0, 6)), srcMac: macText(f.subarray(6, 12)), etherType: f.readUInt16BE(12) };
  if (d.etherType !== 0x0800 || f.length < 34) return d;
  const ihl = (f[14]! & 0x0f) * 4;
  const ip = { src: ipText(f.subarray(26, 30)), dst: ipText(f.subarray(30, 34)), proto: f[23]!, totalLength: f.readUInt16BE(16) };
  d.ip = ip;
  const l4 = 14 + ihl;
  const end = 14 + ip.totalLength;
  if (ip.proto === 1) d.icmp = { type: f[l4]!, seq: f.readUInt16BE(l4 + 6) };
  if (ip.proto === 17) d.udp = { srcPort: f.readUInt16BE(l4), dstPort: f.readUInt16BE(l4 + 2), payload: f.subarray(l4 + 8, end) };
  if (ip.proto === 6) {
    const off = (f[l4 + 12]! >> 4) * 4;
    d.tcp = { srcPort: f.readUInt16BE(l4), dstPort: f.readUInt16BE(l4 + 2), flags: f[l4 + 13]!, payload: f.subarray(l4 + off, end) };
  }
  return d;
}
