// Per-packet dissection state shared by the dissectors of one frame: which bytes are being
// read, the summary columns being decided, the network-layer addresses a transport
// checksum needs, and how truncation is reported. One instance is reused for every packet.

import type { PacketFields } from '../fields/packetFields.js';
import { FragmentReassembler } from './reassembly.js';
import { WS } from './frameFields.js';

/**
 * A dissector reads its layer from `c.buf` at `off`. `end` is where the captured bytes of
 * its data stop, `rend` where they would stop had nothing been cut at capture (the
 * "reported" length). It returns the offset where its own data ended (the outer layer
 * uses that to find trailers), or `rend` when it took everything.
 */
export type Dissector = (f: PacketFields, c: DissectCtx, off: number, end: number, rend: number) => number;

/** Builds the Info column from the recorded fields; only called when a summary is wanted. */
export type InfoFormatter = (f: PacketFields, c: DissectCtx, anchor: number) => string;

export interface FrameMeta {
  number: number;
  /** seconds since the epoch and nanoseconds within the second */
  tsSec: number;
  tsNsec: number;
  capLen: number;
  origLen: number;
  linkType: number;
  interfaceId: number;
  /** 0 unknown, 1 inbound, 2 outbound (pcapng epb_flags; SLL/SLL2 packet type refines it) */
  direction: number;
  /** the capture file's comment on this packet (pcapng opt_comment), or null */
  comment: string | null;
}

export class DissectCtx {
  buf: Uint8Array = new Uint8Array(0);
  detail = false;
  meta: FrameMeta = { number: 0, tsSec: 0, tsNsec: 0, capLen: 0, origLen: 0, linkType: 1, interfaceId: 0, direction: 0, comment: null };
  /**
   * The frame was sent by the capturing host (SLL/SLL2 "outgoing", pcapng outbound flag).
   * Such frames carry checksums the NIC fills in later and TSO super-frames: transport
   * checksum mismatches on them are reported as unverified, not as errors.
   */
  outbound = false;

  /** Protocol column text (the last dissector to claim the packet wins). */
  protocol = '';
  /** record indices of the fields shown as Source / Destination, or -1 */
  colSrc = -1;
  colDst = -1;
  /** false while a quoted datagram (inside an ICMP error) is dissected: it must not change the columns */
  colWritable = true;
  info: InfoFormatter | null = null;
  infoAnchor = -1;
  /** tshark's frame.protocols layers, outermost first */
  layers: string[] = [];

  /** network layer of the segment being dissected, for transport pseudo-header checksums */
  netVersion = 0;
  netBuf: Uint8Array = this.buf;
  netSrcOff = 0;
  netDstOff = 0;
  /** nesting depth of ICMP/ICMPv6 error quotes */
  quoteDepth = 0;

  reasm: FragmentReassembler = new FragmentReassembler();
  /** frame numbers of the fragments when this frame completed a reassembled datagram */
  reassembledFrom: number[] | null = null;

  reset(meta: FrameMeta, frame: Uint8Array, detail: boolean): void {
    this.meta = meta;
    this.buf = frame;
    this.detail = detail;
    this.protocol = '';
    this.colSrc = -1;
    this.colDst = -1;
    this.colWritable = true;
    this.info = null;
    this.infoAnchor = -1;
    this.layers.length = 0;
    this.netVersion = 0;
    this.quoteDepth = 0;
    this.outbound = meta.direction === 2;
    this.reassembledFrom = null;
  }

  /** Claims the Protocol and Info columns for a layer (ignored inside quoted datagrams). */
  setColumns(protocol: string, info: InfoFormatter | null, anchor: number): void {
    if (!this.colWritable) return;
    this.protocol = protocol;
    this.info = info;
    this.infoAnchor = anchor;
  }

  /** Claims the Source / Destination columns (record indices of address fields). */
  setAddresses(src: number, dst: number): void {
    if (!this.colWritable) return;
    this.colSrc = src;
    this.colDst = dst;
  }

  /**
   * Reports that a layer needed bytes up to `need` but the data stops at `end`: a
   * snaplen cut (`_ws.short`) when the reported length covers it, otherwise a malformed
   * packet (`_ws.malformed` plus the "Exception occurred" expert), as tshark does.
   */
  truncated(f: PacketFields, protoName: string, need: number, end: number, rend: number): void {
    if (need <= rend && end < rend) {
      f.addString(WS.short, end, 0, `[Packet size limited during capture: ${protoName} truncated]`);
    } else {
      this.malformed(f, protoName, end);
    }
  }

  malformed(f: PacketFields, protoName: string, at: number): void {
    const parent = f.parent;
    f.parent = -1;
    const m = f.addString(WS.malformed, at, 0, `[Malformed Packet: ${protoName}]`);
    f.parent = m;
    f.addString(WS.expertMalformed, at, 0, 'Malformed Packet (Exception occurred)');
    f.parent = parent;
  }

  /** Adds an expert entry (a field registered with `expert`) under the current subtree. */
  expert(f: PacketFields, id: number, start: number, len: number, message: string): number {
    return f.addString(id, start, len, message);
  }
}
