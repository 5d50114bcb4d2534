// pcapng files: a sequence of blocks (type, total length, body, total length again) grouped in
// sections, each opened by a section header block that also fixes the byte order. Packet
// blocks (enhanced, simple, obsolete) become records; interface, statistics and name blocks
// update the reader's tables; unknown and custom blocks are skipped. Interface ids restart in
// every section and are mapped to global ids.

import type { FileSource } from './fileSource.js';
import {
  BT_EPB, BT_IDB, BT_ISB, BT_NRB, BT_PB, BT_SHB, BT_SPB, BYTE_ORDER_MAGIC, OPT_COMMENT,
  isbInterface, optionText, parseIdb, parseIsb, parseNrb, parseShb,
} from './pcapngBlocks.js';
import { MAX_RECORD_BYTES, type ReaderOutput, type RecordParser } from './readerTypes.js';
import { setTimestamp, tsUnitsFromResol, type TsUnits } from './timestamps.js';

/** What one block turned out to be. */
const STOP = 0;
const PACKET = 1;
const OTHER = 2;
type Step = typeof STOP | typeof PACKET | typeof OTHER;

const BLOCK_NAMES: Record<number, string> = {
  [BT_SHB]: 'section header block', [BT_IDB]: 'interface description block', [BT_PB]: 'packet block',
  [BT_SPB]: 'simple packet block', [BT_NRB]: 'name resolution block', [BT_ISB]: 'interface statistics block',
  [BT_EPB]: 'enhanced packet block',
};
/** Smallest valid total length of a block type (a switch: this runs once per block). */
function minBlockLength(type: number): number {
  switch (type) {
    case BT_EPB:
    case BT_PB:
      return 32;
    case BT_SHB:
      return 28;
    case BT_ISB:
      return 24;
    case BT_IDB:
      return 20;
    case BT_SPB:
      return 16;
    default:
      return 12;
  }
}

function hexBytes(buf: Uint8Array, at: number, n: number): string {
  return Array.from(buf.subarray(at, at + n), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

function blockName(type: number): string {
  return BLOCK_NAMES[type] ?? `block of type 0x${type.toString(16)}`;
}

export class PcapngParser implements RecordParser {
  pos = 0;
  private le = true;
  private section = -1;
  /** Section-local interface id -> global id. */
  private sectionIfaces: number[] = [];
  /** Per global interface id. */
  private units: TsUnits[] = [];
  private snaplens: number[] = [];
  private stopped = false;

  constructor(
    private readonly src: FileSource,
    private readonly out: ReaderOutput,
    private readonly follow: boolean,
  ) {}

  /** Reads the blocks before the first packet, so interfaces are known right after open. */
  readHeaderBlocks(): void {
    while (this.step(true) === OTHER);
  }

  next(): boolean {
    for (;;) {
      const s = this.step(false);
      if (s !== OTHER) return s === PACKET;
    }
  }

  /** Reads one block; with `beforePacket`, stops (without consuming) at a packet block. */
  private step(beforePacket: boolean): Step {
    if (this.stopped) return STOP;
    const src = this.src;
    const at = this.pos;
    let i = src.fill(at, 12);
    if (i < 0) return this.incomplete(at, -1, 0);
    const type = src.view.getUint32(i, this.le);
    let le = this.le;
    if (type === BT_SHB) {
      const bom = src.view.getUint32(i + 8, true);
      if (bom === BYTE_ORDER_MAGIC) le = true;
      else if (bom === 0x4d3c2b1a) le = false;
      else return this.fail(at, `section header block at byte ${at} has an unknown byte-order magic (bytes ${hexBytes(src.buf, i + 8, 4)})`);
    } else if (beforePacket && (type === BT_EPB || type === BT_SPB || type === BT_PB)) {
      return STOP;
    }
    const len = src.view.getUint32(i + 4, le);
    if ((len & 3) !== 0 || len < minBlockLength(type)) {
      return this.fail(at, `${blockName(type)} at byte ${at} has an invalid length ${len} (must be a multiple of 4 and at least ${minBlockLength(type)})`);
    }
    if (len > src.len - i) {
      if (len > MAX_RECORD_BYTES) {
        return this.fail(at, `${blockName(type)} at byte ${at} claims ${len} bytes, more than the ${MAX_RECORD_BYTES} this reader accepts`);
      }
      if (at + len > src.size && at + len > src.refreshSize()) return this.incomplete(at, type, len);
      i = src.fill(at, len);
      if (i < 0) return this.incomplete(at, type, len);
    }
    const v = src.view;
    const trailer = v.getUint32(i + len - 4, le);
    if (trailer !== len) {
      return this.fail(at, `${blockName(type)} at byte ${at} says it is ${len} bytes long but its trailing length field says ${trailer}`);
    }
    let result: Step = OTHER;
    if (type === BT_EPB) result = this.packet(i, at, len, v.getUint32(i + 8, le), BT_EPB);
    else if (type === BT_SPB) result = this.simplePacket(i, at, len);
    else if (type === BT_PB) result = this.packet(i, at, len, v.getUint16(i + 8, le), BT_PB);
    else if (type === BT_IDB) this.interfaceBlock(i, len);
    else if (type === BT_SHB) this.sectionHeader(i, len, le);
    else if (type === BT_ISB) this.statisticsBlock(i, len);
    else if (type === BT_NRB) parseNrb(src.buf, v, i, len, le, this.out.names);
    if (result !== STOP) this.pos = at + len;
    return result;
  }

  /** EPB and obsolete PB: same layout after the interface id (timestamp, lengths, data, options). */
  private packet(i: number, at: number, len: number, localIf: number, blockType: number): Step {
    const v = this.src.view;
    const le = this.le;
    const capLen = v.getUint32(i + 20, le);
    if (capLen > len - 32) {
      return this.fail(at, `${blockName(blockType)} at byte ${at} claims ${capLen} captured bytes but has room for only ${len - 32}`);
    }
    if (localIf >= this.sectionIfaces.length) return this.unknownInterface(at, blockType, localIf);
    const g = this.sectionIfaces[localIf]!;
    const rec = this.out.rec;
    setTimestamp(rec, v.getUint32(i + 12, le), v.getUint32(i + 16, le), this.units[g]!);
    rec.capLen = capLen;
    rec.origLen = v.getUint32(i + 24, le);
    rec.interfaceId = g;
    rec.blockType = blockType;
    rec.fileOffset = at + 28;
    rec.direction = 0;
    rec.comment = null;
    this.out.setData(this.src.buf, this.src.view, i + 28, capLen);
    const optStart = i + 28 + ((capLen + 3) & ~3);
    if (optStart < i + len - 4) this.packetOptions(optStart, i + len - 4);
    return PACKET;
  }

  /** opt_comment and epb_flags (pack_flags in the obsolete block share the code). */
  private packetOptions(start: number, end: number): void {
    const v = this.src.view;
    const le = this.le;
    const rec = this.out.rec;
    let p = start;
    while (p + 4 <= end) {
      const code = v.getUint16(p, le);
      const n = v.getUint16(p + 2, le);
      if (code === 0 || p + 4 + n > end) return;
      if (code === OPT_COMMENT) {
        const text = optionText(this.src.buf, p + 4, n);
        rec.comment = rec.comment === null ? text : `${rec.comment}\n${text}`;
      } else if (code === 2 && n >= 4) {
        const dir = v.getUint32(p + 4, le) & 3;
        rec.direction = dir === 3 ? 0 : dir;
      }
      p += 4 + ((n + 3) & ~3);
    }
  }

  /** SPB: no timestamp, no interface id (always the section's first), length limited by the snaplen. */
  private simplePacket(i: number, at: number, len: number): Step {
    if (this.sectionIfaces.length === 0) return this.unknownInterface(at, BT_SPB, 0);
    const g = this.sectionIfaces[0]!;
    const origLen = this.src.view.getUint32(i + 8, this.le);
    const snap = this.snaplens[g]!;
    let capLen = Math.min(origLen, len - 16);
    if (snap > 0 && snap < capLen) capLen = snap;
    const rec = this.out.rec;
    rec.tsSec = 0;
    rec.tsNsec = 0;
    rec.capLen = capLen;
    rec.origLen = origLen;
    rec.interfaceId = g;
    rec.blockType = BT_SPB;
    rec.fileOffset = at + 12;
    rec.direction = 0;
    rec.comment = null;
    this.out.setData(this.src.buf, this.src.view, i + 12, capLen);
    return PACKET;
  }

  private sectionHeader(i: number, len: number, le: boolean): void {
    const info = parseShb(this.src.buf, this.src.view, i, len, le);
    this.le = le;
    this.section++;
    this.sectionIfaces = [];
    const h = this.out.fileHeader;
    h.sectionCount = this.section + 1;
    h.comments.push(...info.comments);
    if (this.section > 0) return;
    h.endianness = le ? 'little' : 'big';
    h.versionMajor = info.versionMajor;
    h.versionMinor = info.versionMinor;
    if (info.hardware !== undefined) h.shbHardware = info.hardware;
    if (info.os !== undefined) h.shbOs = info.os;
    if (info.application !== undefined) h.shbApplication = info.application;
  }

  private interfaceBlock(i: number, len: number): void {
    const d = parseIdb(this.src.buf, this.src.view, i, len, this.le);
    const id = this.out.interfaces.length;
    const units = tsUnitsFromResol(d.tsresol, d.tsoffset);
    this.sectionIfaces.push(id);
    this.units.push(units);
    this.snaplens.push(d.snaplen);
    this.out.interfaces.push({
      id, section: this.section, linkType: d.linkType, snaplen: d.snaplen, tsResolution: units.text,
      ...(d.name !== undefined && { name: d.name }),
      ...(d.description !== undefined && { description: d.description }),
      ...(d.filter !== undefined && { filter: d.filter }),
      ...(d.os !== undefined && { os: d.os }),
    });
  }

  private statisticsBlock(i: number, len: number): void {
    const localIf = isbInterface(this.src.view, i, this.le);
    const g = this.sectionIfaces[localIf];
    if (g === undefined) return; // statistics for an interface never described: nothing to attach them to
    this.out.interfaces[g]!.stats = parseIsb(this.src.view, i, len, this.le, this.units[g]!);
  }

  private unknownInterface(at: number, blockType: number, localIf: number): Step {
    const n = this.sectionIfaces.length;
    return this.fail(at, `${blockName(blockType)} at byte ${at} refers to interface ${localIf} but its section describes ${n} interface${n === 1 ? '' : 's'}`);
  }

  /** The block at `at` is not all there: the end (clean or not), or wait in follow mode. */
  private incomplete(at: number, type: number, len: number): Step {
    const have = this.src.size - at;
    if (this.src.ioError !== null) return this.fail(at, `reading byte ${at} of the file failed: ${this.src.ioError}`);
    if (this.follow) return STOP;
    this.stopped = true;
    if (have <= 0) return STOP;
    if (len === 0) {
      this.fail(at, `block at byte ${at} is cut short: the file ends after ${have} bytes, inside the block header`);
    } else {
      this.fail(at, `${blockName(type)} at byte ${at} claims ${len} bytes but the file ends after ${have}`);
    }
    return STOP;
  }

  private fail(at: number, message: string): Step {
    this.stopped = true;
    this.out.damage = { offset: at, message };
    return STOP;
  }
}
