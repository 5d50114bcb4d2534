// One sequential walk over a capture: read the next record, dissect it, let the analyzers
// see it. The indexer, `wiresight read` and live-capture following all drive this loop;
// the record it leaves in `f`/`c` is valid until the next call.

import '../dissect/all.js';
import { DissectCtx, type FrameMeta } from '../dissect/context.js';
import { dissectFrame } from '../dissect/dissectFrame.js';
import { PacketFields } from '../fields/packetFields.js';
import type { CaptureReader } from '../read/captureReader.js';
import type { Analyzer } from './analyzer.js';

export class PacketPass {
  readonly f = new PacketFields();
  readonly c = new DissectCtx();
  readonly meta: FrameMeta = { number: 0, tsSec: 0, tsNsec: 0, capLen: 0, origLen: 0, linkType: 1, interfaceId: 0, direction: 0, comment: null };
  /** 0-based index of the packet in `f`/`c` (frame number - 1) */
  packet = -1;
  fileOffset = 0;

  constructor(
    readonly reader: CaptureReader,
    readonly analyzers: readonly Analyzer[],
    readonly detail = false,
  ) {}

  next(): boolean {
    if (!this.advance()) return false;
    this.dissectCurrent();
    return true;
  }

  /** Reads the next record into `meta` without dissecting it; false at the end. */
  advance(): boolean {
    const r = this.reader;
    if (!r.next()) return false;
    const rec = r.rec;
    const m = this.meta;
    this.packet++;
    m.number = this.packet + 1;
    m.tsSec = rec.tsSec;
    m.tsNsec = rec.tsNsec;
    m.capLen = rec.capLen;
    m.origLen = rec.origLen;
    m.interfaceId = rec.interfaceId;
    m.linkType = r.interfaces[rec.interfaceId]?.linkType ?? -1;
    m.direction = rec.direction;
    m.comment = rec.comment;
    this.fileOffset = rec.fileOffset;
    return true;
  }

  /** Dissects the record advance() read and lets the analyzers see it. */
  dissectCurrent(): void {
    dissectFrame(this.f, this.c, this.meta, this.reader.data, this.detail);
    for (const a of this.analyzers) a.observe(this.f, this.c, this.packet);
  }
}
