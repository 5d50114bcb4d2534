// Classic libpcap files: a 24-byte file header, then records of a 16-byte header (seconds,
// micro- or nanoseconds, captured and original length) plus the packet bytes. Both byte
// orders, micro- and nanosecond magics, and the "modified" (Kuznetsov) variant whose record
// header carries 8 extra bytes.

import type { FileSource } from './fileSource.js';
import { MAX_RECORD_BYTES, type ReaderOutput, type RecordParser } from './readerTypes.js';

export const PCAP_FILE_HEADER_LEN = 24;

interface PcapMagic {
  le: boolean;
  nsec: boolean;
  recordHeaderLen: number;
}

/** The pcap variant announced by the first 4 bytes, or null. */
export function pcapMagic(head: Uint8Array): PcapMagic | null {
  if (head.length < 4) return null;
  const be = ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0;
  const le = ((head[3]! << 24) | (head[2]! << 16) | (head[1]! << 8) | head[0]!) >>> 0;
  for (const [value, isLe] of [[le, true], [be, false]] as const) {
    if (value === 0xa1b2c3d4) return { le: isLe, nsec: false, recordHeaderLen: 16 };
    if (value === 0xa1b23c4d) return { le: isLe, nsec: true, recordHeaderLen: 16 };
    if (value === 0xa1b2cd34) return { le: isLe, nsec: false, recordHeaderLen: 24 };
  }
  return null;
}

export class PcapParser implements RecordParser {
  pos = PCAP_FILE_HEADER_LEN;
  private readonly le: boolean;
  private readonly nsecScale: number;
  private readonly hdrLen: number;
  private stopped = false;

  /** Reads the file header (the caller made sure it is complete) and fills in `out`. */
  constructor(
    private readonly src: FileSource,
    private readonly out: ReaderOutput,
    private readonly follow: boolean,
    magic: PcapMagic,
  ) {
    this.le = magic.le;
    this.nsecScale = magic.nsec ? 1 : 1000;
    this.hdrLen = magic.recordHeaderLen;
    const i = src.fill(0, PCAP_FILE_HEADER_LEN);
    const v = src.view;
    const snaplen = v.getUint32(i + 16, this.le);
    const resolution = magic.nsec ? 'nsec' : 'usec';
    const h = out.fileHeader;
    h.endianness = this.le ? 'little' : 'big';
    h.versionMajor = v.getUint16(i + 4, this.le);
    h.versionMinor = v.getUint16(i + 6, this.le);
    h.snaplen = snaplen;
    h.resolution = resolution;
    h.sectionCount = 1;
    // the upper bits of the link-type word hold FCS information, not the link type
    const linkType = v.getUint32(i + 20, this.le) & 0xffff;
    out.interfaces.push({ id: 0, section: 0, linkType, snaplen, tsResolution: resolution });
  }

  next(): boolean {
    if (this.stopped) return false;
    const src = this.src;
    const at = this.pos;
    const hl = this.hdrLen;
    let i = src.fill(at, hl);
    if (i < 0) return this.incomplete(at, -1);
    const le = this.le;
    const capLen = src.view.getUint32(i + 8, le);
    const total = hl + capLen;
    if (i + total > src.len) {
      if (capLen > MAX_RECORD_BYTES) {
        return this.fail(at, `record at byte ${at} claims ${capLen} captured bytes, more than the ${MAX_RECORD_BYTES} this reader accepts`);
      }
      if (at + total > src.size && at + total > src.refreshSize()) return this.incomplete(at, capLen);
      i = src.fill(at, total);
      if (i < 0) return this.incomplete(at, capLen);
    }
    const v = src.view;
    const rec = this.out.rec;
    rec.tsSec = v.getUint32(i, le);
    rec.tsNsec = v.getUint32(i + 4, le) * this.nsecScale;
    rec.capLen = capLen;
    rec.origLen = v.getUint32(i + 12, le);
    rec.fileOffset = at + hl;
    this.out.setData(src.buf, src.view, i + hl, total - hl);
    this.pos = at + total;
    return true;
  }

  /** The record at `at` is not all there: the end (clean or not), or wait in follow mode. */
  private incomplete(at: number, capLen: number): boolean {
    const have = this.src.size - at;
    if (this.src.ioError !== null) return this.fail(at, `reading byte ${at} of the file failed: ${this.src.ioError}`);
    if (this.follow) return false;
    if (have <= 0) {
      this.stopped = true;
      return false;
    }
    if (capLen < 0 || have < this.hdrLen) {
      return this.fail(at, `record header at byte ${at} is cut short: the file ends after ${have} of its ${this.hdrLen} bytes`);
    }
    return this.fail(at, `record at byte ${at} claims ${capLen} captured bytes but the file ends after ${have - this.hdrLen}`);
  }

  private fail(at: number, message: string): boolean {
    this.stopped = true;
    this.out.damage = { offset: at, message };
    return false;
  }
}
