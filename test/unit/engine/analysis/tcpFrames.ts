// Test helper for the TCP stream and sequence analysis tests: builds Ethernet + IPv4/IPv6 +
// TCP/UDP frames byte by byte (valid IP and transport checksums), writes them as a pcap file
// in a temporary folder, indexes it with CaptureFile and reads back, per packet, the fields
// the stream numbering and the TCP analysis add, both as the first pass recorded them and as
// on-demand dissection shows them, and checks the summary lines of the lean path against
// full dissection. Set TCP_TEST_CAPTURE_DIR to keep the files (to run tshark
// on them while writing expectations).

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CaptureFile } from '../../../../src-main/engine/captureFile.js';
import { fieldByName } from '../../../../src-main/engine/fields/fieldRegistry.js';
import type { PacketFields } from '../../../../src-main/engine/fields/packetFields.js';
import { assertSameSummaries } from '../lean/summaryParity.js';

// ------------------------------------------------------------------ frames

/** An endpoint written "192.0.2.1:40000" or "[2001:db8::1]:40000". */
export interface Endpoint {
  addr: number[];
  port: number;
}

export function ep(text: string): Endpoint {
  const m = /^\[(.+)\]:(\d+)$/.exec(text) ?? /^([\d.]+):(\d+)$/.exec(text);
  if (!m) throw new Error(`bad endpoint ${text}`);
  return { addr: m[1]!.includes(':') ? ipv6Bytes(m[1]!) : m[1]!.split('.').map(Number), port: Number(m[2]) };
}

function ipv6Bytes(text: string): number[] {
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const words = (s: string | undefined) => (s ? s.split(':').map((w) => parseInt(w, 16)) : []);
  const h = words(head);
  const t = words(tail);
  const all = tail === undefined ? h : [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  return all.flatMap((w) => [w >> 8, w & 255]);
}

const be16 = (v: number) => [(v >>> 8) & 255, v & 255];
const be32 = (v: number) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];

/** Ones' complement sum of 16-bit words, folded and complemented. */
function internetChecksum(bytes: number[]): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) + (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** TCP options the analysis cares about; written in the usual Linux order, NOP-padded. */
export interface TcpOptions {
  mss?: number;
  /** window scale shift */
  ws?: number;
  sackPerm?: boolean;
}

function optionBytes(o: TcpOptions | undefined): number[] {
  if (!o) return [];
  const out: number[] = [];
  if (o.mss !== undefined) out.push(2, 4, ...be16(o.mss));
  if (o.sackPerm) out.push(1, 1, 4, 2);
  if (o.ws !== undefined) out.push(1, 3, 3, o.ws);
  while (out.length % 4) out.push(1);
  return out;
}

const FLAG_LETTERS: Record<string, number> = { F: 0x01, S: 0x02, R: 0x04, P: 0x08, A: 0x10, U: 0x20 };

/** "SA" → 0x12, "PA" → 0x18, "FA" → 0x11 ... */
export function flagBits(letters: string): number {
  let v = 0;
  for (const ch of letters) {
    const bit = FLAG_LETTERS[ch];
    if (bit === undefined) throw new Error(`unknown flag ${ch}`);
    v |= bit;
  }
  return v;
}

export interface TcpSeg {
  seq: number;
  ack?: number;
  flags: string;
  win?: number;
  /** payload length (bytes i & 255) */
  len?: number;
  opts?: TcpOptions;
  /** header length written in the data offset (default: the real one), for malformed headers */
  hdrLen?: number;
  /** urgent pointer (default 0) */
  urg?: number;
}

function transportHeaderChecksum(src: Endpoint, dst: Endpoint, proto: number, segment: number[]): number {
  const len = segment.length;
  const pseudo =
    src.addr.length === 16
      ? [...src.addr, ...dst.addr, ...be32(len), 0, 0, 0, proto]
      : [...src.addr, ...dst.addr, 0, proto, ...be16(len)];
  return internetChecksum([...pseudo, ...segment]);
}

export function tcpBytes(src: Endpoint, dst: Endpoint, s: TcpSeg): number[] {
  const opts = optionBytes(s.opts);
  const flags = flagBits(s.flags);
  const payload = Array.from({ length: s.len ?? 0 }, (_, i) => (i + 0x41) & 255);
  const seg = [
    ...be16(src.port), ...be16(dst.port), ...be32(s.seq >>> 0), ...be32((s.ack ?? 0) >>> 0),
    ((s.hdrLen ?? 20 + opts.length) / 4) << 4, flags, ...be16(s.win ?? 64240), 0, 0, ...be16(s.urg ?? 0), ...opts, ...payload,
  ];
  const ck = transportHeaderChecksum(src, dst, 6, seg);
  seg[16] = ck >> 8;
  seg[17] = ck & 255;
  return seg;
}

export function udpBytes(src: Endpoint, dst: Endpoint, len = 4): number[] {
  const payload = Array.from({ length: len }, (_, i) => i & 255);
  const seg = [...be16(src.port), ...be16(dst.port), ...be16(8 + len), 0, 0, ...payload];
  let ck = transportHeaderChecksum(src, dst, 17, seg);
  if (ck === 0) ck = 0xffff;
  seg[6] = ck >> 8;
  seg[7] = ck & 255;
  return seg;
}

let ipId = 0x1000;

/** Ethernet frame carrying `transport` (protocol `proto`) in IPv4 or IPv6, by the address size. */
export function ethFrame(src: Endpoint, dst: Endpoint, proto: number, transport: number[]): Uint8Array {
  const macA = [0x02, 0, 0, 0, 0, 0x0a];
  const macB = [0x02, 0, 0, 0, 0, 0x0b];
  // the lower address gets MAC A, so each direction keeps its own pair
  const aFirst = src.addr.join('.') < dst.addr.join('.');
  const [smac, dmac] = aFirst ? [macA, macB] : [macB, macA];
  let ip: number[];
  let type: number;
  if (src.addr.length === 16) {
    type = 0x86dd;
    ip = [0x60, 0, 0, 0, ...be16(transport.length), proto, 64, ...src.addr, ...dst.addr];
  } else {
    type = 0x0800;
    ip = [0x45, 0, ...be16(20 + transport.length), ...be16(ipId++ & 0xffff), 0x40, 0, 64, proto, 0, 0, ...src.addr, ...dst.addr];
    const ck = internetChecksum(ip);
    ip[10] = ck >> 8;
    ip[11] = ck & 255;
  }
  return Uint8Array.from([...dmac, ...smac, ...be16(type), ...ip, ...transport]);
}

// ------------------------------------------------------------------ captures

export interface Frame {
  /** microseconds after the capture's start */
  us: number;
  bytes: Uint8Array;
  /** length on the wire when the capture kept only `bytes.length` bytes (snaplen) */
  origLen?: number;
}

export interface ConversationOptions {
  /** frame list shared with other conversations (frames interleave in call order) */
  into?: Frame[];
  /**
   * Initial sequence numbers [client, server]: segments then give `seq` and `ack` relative
   * to them (as tshark shows them), the raw numbers written are ISN + value. An `ack` on a
   * segment without the ACK flag is written as given.
   */
  isn?: [number, number];
}

/** Frames of one conversation between a client and a server, written in capture order. */
export class Conversation {
  readonly frames: Frame[] = [];
  constructor(
    readonly client: Endpoint,
    readonly server: Endpoint,
    private readonly o: ConversationOptions = {},
  ) {}

  /** A segment from the client. */
  c(us: number, s: TcpSeg): this {
    return this.push(us, s, this.client, this.server, 0);
  }

  /** A segment from the server. */
  s(us: number, s: TcpSeg): this {
    return this.push(us, s, this.server, this.client, 1);
  }

  private push(us: number, s: TcpSeg, src: Endpoint, dst: Endpoint, side: 0 | 1): this {
    const isn = this.o.isn ?? [0, 0];
    const raw: TcpSeg = { ...s, seq: (s.seq + isn[side]) >>> 0 };
    if (s.ack !== undefined && s.flags.includes('A')) raw.ack = (s.ack + isn[1 - side]) >>> 0;
    const frame = { us, bytes: ethFrame(src, dst, 6, tcpBytes(src, dst, raw)) };
    this.frames.push(frame);
    this.o.into?.push(frame);
    return this;
  }
}

/** A UDP datagram frame. */
export function udpFrame(us: number, src: string, dst: string, len = 4): Frame {
  const s = ep(src);
  const d = ep(dst);
  return { us, bytes: ethFrame(s, d, 17, udpBytes(s, d, len)) };
}

/** An ICMP port unreachable from the receiver of `quoted` (an IPv4 frame), quoting its whole IP packet. */
export function icmpUnreachable(us: number, quoted: Frame): Frame {
  const ip = Array.from(quoted.bytes.subarray(14));
  const msg = [3, 3, 0, 0, 0, 0, 0, 0, ...ip];
  const ck = internetChecksum(msg);
  msg[2] = ck >> 8;
  msg[3] = ck & 255;
  return { us, bytes: ethFrame({ addr: ip.slice(16, 20), port: 0 }, { addr: ip.slice(12, 16), port: 0 }, 1, msg) };
}

export function tcpPair(client: string, server: string, o: ConversationOptions = {}): Conversation {
  return new Conversation(ep(client), ep(server), o);
}

const START_SEC = 1_700_000_000;

/** A little-endian microsecond pcap file of Ethernet frames. */
export function pcapBytes(frames: readonly Frame[]): Uint8Array {
  const parts: number[] = [];
  const le32 = (v: number) => parts.push(v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255);
  const le16 = (v: number) => parts.push(v & 255, (v >>> 8) & 255);
  le32(0xa1b2c3d4);
  le16(2);
  le16(4);
  le32(0);
  le32(0);
  le32(65535);
  le32(1);
  for (const f of frames) {
    le32(START_SEC + Math.floor(f.us / 1e6));
    le32(f.us % 1e6);
    le32(f.bytes.length);
    le32(f.origLen ?? f.bytes.length);
    for (const b of f.bytes) parts.push(b);
  }
  return Uint8Array.from(parts);
}

let tempDir: string | null = null;

/** Writes the frames as NAME.pcap in the test's capture folder; returns the path. */
export function writeCapture(name: string, frames: readonly Frame[]): string {
  const keep = process.env['TCP_TEST_CAPTURE_DIR'];
  let dir: string;
  if (keep) {
    fs.mkdirSync(keep, { recursive: true });
    dir = keep;
  } else {
    tempDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'wiresight-tcp-analysis-'));
    dir = tempDir;
  }
  const file = path.join(dir, `${name}.pcap`);
  fs.writeFileSync(file, pcapBytes(frames));
  return file;
}

/** Removes the temporary capture folder (call from the test file's `after`). */
export function removeCaptures(): void {
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  tempDir = null;
}

// ------------------------------------------------------------------ reading back

/** The analysis flags under their tshark field names without the `tcp.analysis.` prefix. */
const FLAG_FIELDS = [
  'retransmission', 'fast_retransmission', 'spurious_retransmission', 'out_of_order', 'lost_segment',
  'ack_lost_segment', 'duplicate_ack', 'zero_window', 'zero_window_probe', 'zero_window_probe_ack',
  'window_full', 'window_update', 'keep_alive', 'keep_alive_ack', 'reused_ports',
] as const;

/** What the stream numbering and TCP analysis added to one packet. */
export interface PacketView {
  tcpStream?: number;
  udpStream?: number;
  seq?: number;
  ack?: number;
  nxtseq?: number;
  /** tcp.window_size: the window scaled as negotiated */
  win?: number;
  /** analysis flags present, short names in a fixed order (see FLAG_FIELDS) */
  flags: string[];
  dupAckNum?: number;
  dupAckFrame?: number;
  /** initial RTT in microseconds (rounded) */
  irttUs?: number;
  fin?: 'active' | 'passive';
}

function idOf(name: string): number {
  return fieldByName(name)?.id ?? -1;
}

/** Reads the generated fields of the packet in `f`, dropping absent ones so views compare with deepEqual. */
export function viewOf(f: PacketFields): PacketView {
  const num = (name: string): number | undefined => {
    const id = idOf(name);
    if (id < 0) return undefined;
    const v = f.value(id);
    return Number.isNaN(v) ? undefined : v;
  };
  const v: PacketView = { flags: FLAG_FIELDS.filter((n) => f.has(idOf(`tcp.analysis.${n}`))) };
  const put = <K extends keyof PacketView>(k: K, x: PacketView[K] | undefined) => {
    if (x !== undefined) v[k] = x;
  };
  put('tcpStream', num('tcp.stream'));
  put('udpStream', num('udp.stream'));
  put('seq', num('tcp.seq'));
  put('ack', num('tcp.ack'));
  put('nxtseq', num('tcp.nxtseq'));
  put('win', num('tcp.window_size'));
  put('dupAckNum', num('tcp.analysis.duplicate_ack_num'));
  put('dupAckFrame', num('tcp.analysis.duplicate_ack_frame'));
  const irtt = num('tcp.analysis.initial_rtt');
  put('irttUs', irtt === undefined ? undefined : Math.round(irtt * 1e6));
  if (f.has(idOf('tcp.connection.fin_active'))) v.fin = 'active';
  else if (f.has(idOf('tcp.connection.fin_passive'))) v.fin = 'passive';
  return v;
}

export interface Indexed {
  cap: CaptureFile;
  /** views as the first (indexing) pass recorded them */
  firstPass: PacketView[];
  /** views of every packet dissected again on demand, last packet first (worst case for state leaks) */
  onDemand: PacketView[];
}

/** Opens a capture, indexes it all and reads every packet's view both ways. */
export async function indexCapture(file: string): Promise<Indexed> {
  const cap = await CaptureFile.open(file);
  const firstPass: PacketView[] = [];
  cap.indexSome(Infinity, (pass) => firstPass.push(viewOf(pass.f)));
  const onDemand: PacketView[] = new Array<PacketView>(cap.index.count);
  for (let i = cap.index.count - 1; i >= 0; i--) onDemand[i] = viewOf(cap.dissect(i).f);
  return { cap, firstPass, onDemand };
}

/**
 * Writes, indexes and closes a capture; returns the on-demand views after checking they
 * equal the first pass's, and that the summary lines printed through the lean path equal
 * those of full dissection (the analysis notes, relative numbers and windows in Info).
 */
export async function analyse(name: string, frames: readonly Frame[]): Promise<PacketView[]> {
  const file = writeCapture(name, frames);
  const { cap, firstPass, onDemand } = await indexCapture(file);
  cap.close();
  await assertSameSummaries(file);
  const mismatch = onDemand.findIndex((v, i) => JSON.stringify(v) !== JSON.stringify(firstPass[i]));
  if (mismatch >= 0) {
    throw new Error(
      `${name}: frame ${mismatch + 1} differs when dissected again: first pass ${JSON.stringify(firstPass[mismatch])}, on demand ${JSON.stringify(onDemand[mismatch])}`,
    );
  }
  return onDemand;
}
