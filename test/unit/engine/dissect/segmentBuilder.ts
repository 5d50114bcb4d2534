// Hand-built TCP and UDP segments for the transport dissector tests, and a way to run a
// dissector on one as if an IPv4 or IPv6 header had handed it over (addresses in front of
// the segment, the context's network-layer fields pointing at them). The addresses are
// the documentation ones used when the expected values were taken from tshark.

import '../../../../src-main/engine/dissect/tcp.js';
import '../../../../src-main/engine/dissect/udp.js';
import { DissectCtx } from '../../../../src-main/engine/dissect/context.js';
import type { Dissector } from '../../../../src-main/engine/dissect/context.js';
import { PacketFields } from '../../../../src-main/engine/fields/packetFields.js';
import { fieldByName } from '../../../../src-main/engine/fields/fieldRegistry.js';
import { formatFieldValue } from '../../../../src-main/engine/fields/fieldFormat.js';
import { expertText } from '../../../../src-main/engine/output/referenceJson.js';

export const V4_SRC = [192, 0, 2, 1];
export const V4_DST = [198, 51, 100, 2];
export const V6_SRC = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
export const V6_DST = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];

/** Ones' complement sum of 16-bit words, folded and complemented (a separate, plain implementation). */
function internetChecksum(bytes: number[]): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) + (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function pseudoHeader(v6: boolean, proto: number, length: number, swap = false): number[] {
  const [s, d] = v6 ? [V6_SRC, V6_DST] : [V4_SRC, V4_DST];
  const [a, b] = swap ? [d, s] : [s, d];
  if (v6) return [...a, ...b, (length >>> 24) & 255, (length >>> 16) & 255, (length >>> 8) & 255, length & 255, 0, 0, 0, proto];
  return [...a, ...b, 0, proto, (length >> 8) & 255, length & 255];
}

/** Bytes of a hex string ("9c40 0050 ..."; spaces ignored). */
export function hexBytes(hex: string): number[] {
  const h = hex.replace(/\s+/g, '');
  const out: number[] = [];
  for (let i = 0; i < h.length; i += 2) out.push(parseInt(h.slice(i, i + 2), 16));
  return out;
}

export interface TcpSpec {
  sport?: number;
  dport?: number;
  seq?: number;
  ack?: number;
  flags?: number;
  win?: number;
  urg?: number;
  options?: number[];
  payload?: number[];
  /** header length in bytes (default: 20 + options) */
  hdrLen?: number;
  /** checksum field value (default: the correct one) */
  checksum?: number;
  v6?: boolean;
  /** build the checksum for addresses swapped (a datagram quoted back by the receiver) */
  swapped?: boolean;
}

export function tcpSegment(s: TcpSpec): number[] {
  const opts = s.options ?? [];
  const hl = s.hdrLen ?? 20 + opts.length;
  const seq = s.seq ?? 1000;
  const ack = s.ack ?? 0;
  const flags = s.flags ?? 0x02;
  const win = s.win ?? 8192;
  const urg = s.urg ?? 0;
  const be16 = (v: number) => [(v >> 8) & 255, v & 255];
  const be32 = (v: number) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
  const bytes = [
    ...be16(s.sport ?? 1234),
    ...be16(s.dport ?? 80),
    ...be32(seq),
    ...be32(ack),
    ((hl / 4) << 4) | ((flags >> 8) & 15),
    flags & 255,
    ...be16(win),
    0,
    0,
    ...be16(urg),
    ...opts,
    ...(s.payload ?? []),
  ];
  const ck = s.checksum ?? internetChecksum([...pseudoHeader(!!s.v6, 6, bytes.length, s.swapped), ...bytes]);
  bytes[16] = ck >> 8;
  bytes[17] = ck & 255;
  return bytes;
}

export interface UdpSpec {
  sport?: number;
  dport?: number;
  payload?: number[];
  /** length field (default: 8 + payload) */
  length?: number;
  checksum?: number;
  v6?: boolean;
}

export function udpDatagram(s: UdpSpec): number[] {
  const payload = s.payload ?? [];
  const len = s.length ?? 8 + payload.length;
  const bytes = [(s.sport ?? 40000) >> 8, (s.sport ?? 40000) & 255, (s.dport ?? 40003) >> 8, (s.dport ?? 40003) & 255, len >> 8, len & 255, 0, 0, ...payload];
  let ck = s.checksum;
  if (ck === undefined) {
    ck = internetChecksum([...pseudoHeader(!!s.v6, 17, len), ...bytes.slice(0, len)]);
    if (ck === 0) ck = 0xffff;
  }
  bytes[6] = ck >> 8;
  bytes[7] = ck & 255;
  return bytes;
}

export interface RunOptions {
  v6?: boolean;
  /** bytes of the segment that were captured (default: all) */
  captured?: number;
  /** bytes the network layer says the segment has (default: its real length) */
  reported?: number;
  quoted?: boolean;
  outbound?: boolean;
  detail?: boolean;
  /** addresses in the order the segment travelled back (a quoted datagram) */
  swapped?: boolean;
  /** explicit network addresses (4 or 16 bytes each), e.g. those of a corpus packet */
  src?: number[];
  dst?: number[];
}

export interface Run {
  f: PacketFields;
  c: DissectCtx;
  /** where the segment starts in the frame */
  off: number;
  returned: number;
  /** formatted values of a field, in record order */
  values(name: string): string[];
  /** numeric values of a field, in record order */
  nums(name: string): number[];
  experts(): string[];
  info(): string;
}

/** Runs `dissector` on `segment` placed behind the network addresses, as IPv4/IPv6 would. */
export function run(dissector: Dissector, segment: number[], o: RunOptions = {}): Run {
  let [src, dst] = o.v6 ? [V6_SRC, V6_DST] : [V4_SRC, V4_DST];
  if (o.swapped) [src, dst] = [dst, src];
  const ordered = [...(o.src ?? src), ...(o.dst ?? dst)];
  const off = ordered.length;
  const captured = o.captured ?? segment.length;
  const buf = Uint8Array.from([...ordered, ...segment.slice(0, captured)]);
  const f = new PacketFields();
  const c = new DissectCtx();
  const reported = o.reported ?? segment.length;
  c.reset({ number: 1, tsSec: 0, tsNsec: 0, capLen: buf.length, origLen: off + reported, linkType: 101, interfaceId: 0, direction: o.outbound ? 2 : 0, comment: null }, buf, !!o.detail);
  f.reset(buf);
  c.netVersion = o.v6 ? 6 : 4;
  c.netBuf = buf;
  c.netSrcOff = 0;
  c.netDstOff = ordered.length / 2;
  if (o.quoted) {
    c.quoteDepth = 1;
    c.colWritable = false;
  }
  const returned = dissector(f, c, off, buf.length, off + reported);
  const id = (name: string): number => {
    const d = fieldByName(name);
    if (!d) throw new Error(`no field ${name}`);
    return d.id;
  };
  const records = (name: string): number[] => {
    const out: number[] = [];
    for (let i = f.first(id(name)); i >= 0; i = f.nexts[i]!) out.push(i);
    return out;
  };
  return {
    f,
    c,
    off,
    returned,
    values: (name) => records(name).map((i) => formatFieldValue(f, i)),
    nums: (name) => records(name).map((i) => f.vals[i]!),
    experts: () => {
      const out: string[] = [];
      for (let i = 0; i < f.count; i++) {
        const t = expertText(f, i);
        if (t !== null) out.push(t);
      }
      return out;
    },
    info: () => (c.info ? c.info(f, c, c.infoAnchor) : ''),
  };
}
