// The one entry point for reading capture files: detects pcap / pcapng / gzip by the first
// bytes, then hands out packet records one at a time through a pull API (`next()`), with
// flat memory and no per-packet allocation besides the `data` view. Damage and truncation
// end the stream with `damage` set instead of throwing; follow mode keeps reading a file
// that a capture process is still writing.

import * as fs from 'node:fs';
import { FileSource } from './fileSource.js';
import { gunzipToTemp, isGzip, unsupportedCompression, type DecompressedFile } from './gzipInput.js';
import { PCAP_FILE_HEADER_LEN, PcapParser, pcapMagic } from './pcapReader.js';
import { PcapngParser } from './pcapngReader.js';
import {
  PacketRecord, type CaptureInterface, type FileHeader, type ReadDamage, type ReaderOutput, type RecordParser,
} from './readerTypes.js';

export type { CaptureInterface, FileHeader, InterfaceStats, ReadDamage } from './readerTypes.js';
export { PacketRecord } from './readerTypes.js';

export interface OpenOptions {
  /** Keep reading a file that is still being written (ignored for gzip input). */
  follow?: boolean;
  /** Read buffer size in bytes (default 256 KiB); tests use tiny ones to exercise chunk boundaries. */
  chunkSize?: number;
}

/** How long open() in follow mode waits for a just-created file to get its header. */
const FOLLOW_HEADER_WAIT_MS = 5000;
const EMPTY = new Uint8Array(0);

export class CaptureReader implements ReaderOutput {
  readonly rec = new PacketRecord();
  /**
   * The current packet is bytes [dataStart, dataStart + dataLength) of `chunk` (and of
   * `chunkView`), valid until the next call: fast paths read it there, without the
   * per-packet view `data` makes.
   */
  chunk: Uint8Array = EMPTY;
  chunkView: DataView = new DataView(EMPTY.buffer);
  dataStart = 0;
  dataLength = 0;
  private dataView: Uint8Array | null = EMPTY;
  /** The current packet's bytes: a view into the reader's buffer, valid until the next call. */
  get data(): Uint8Array {
    return (this.dataView ??= this.chunk.subarray(this.dataStart, this.dataStart + this.dataLength));
  }

  setData(buf: Uint8Array, view: DataView, start: number, length: number): void {
    this.chunk = buf;
    this.chunkView = view;
    this.dataStart = start;
    this.dataLength = length;
    this.dataView = null;
  }

  /** Set when next() returned false because the file is damaged or cut short. */
  damage: ReadDamage | null = null;
  /** Grows while a pcapng file is read (interface blocks may come later in the file). */
  interfaces: CaptureInterface[] = [];
  /** From name resolution blocks: address text -> host name. */
  names = new Map<string, string>();
  readonly fileHeader: FileHeader = { endianness: 'little', versionMajor: 0, versionMinor: 0, sectionCount: 0, comments: [] };
  private parser: RecordParser | null = null;
  private gzErrorReported = false;

  private constructor(
    readonly path: string,
    readonly format: 'pcap' | 'pcapng',
    readonly compressed: boolean,
    private readonly src: FileSource,
    private readonly gz: DecompressedFile | null,
  ) {}

  /**
   * Opens a pcap, pcapng, or gzip-compressed pcap/pcapng file. Throws only when the file
   * cannot be opened or is not a capture; later damage is reported through `damage`.
   */
  static async open(path: string, opts: OpenOptions = {}): Promise<CaptureReader> {
    let head = readHead(path);
    let follow = opts.follow === true;
    if (follow && head.length < 4) head = await waitFor(() => readHead(path), (h) => h.length >= 4);
    let gz: DecompressedFile | null = null;
    let src: FileSource | null = null;
    try {
      if (isGzip(head)) {
        gz = await gunzipToTemp(path);
        follow = false;
        head = readHead(gz.path);
      }
      const format = detectFormat(path, head, gz);
      src = new FileSource(gz ? gz.path : path, opts.chunkSize);
      const reader = new CaptureReader(path, format, gz !== null, src, gz);
      await reader.start(follow);
      return reader;
    } catch (e) {
      src?.close();
      gz?.dispose();
      throw e;
    }
  }

  get bytesRead(): number {
    return this.parser ? this.parser.pos : 0;
  }

  get fileSize(): number {
    return this.src.size;
  }

  /** Pulls the next packet record into `rec` / `data`; false at the end of data or at damage. */
  next(): boolean {
    if (this.parser!.next()) return true;
    if (this.gz?.error && !this.gzErrorReported) {
      // a cut-short gzip stream usually also cuts the last record: say both
      this.gzErrorReported = true;
      this.damage = this.damage
        ? { offset: this.damage.offset, message: `${this.damage.message} (${this.gz.error})` }
        : { offset: this.parser!.pos, message: this.gz.error };
    }
    return false;
  }

  /** Fresh copy of a packet's bytes, by `rec.fileOffset` and `rec.capLen` (shorter if the file ends). */
  readPacket(fileOffset: number, capLen: number): Uint8Array {
    return this.src.readAt(fileOffset, capLen);
  }

  close(): void {
    this.src.close();
    this.gz?.dispose();
  }

  private async start(follow: boolean): Promise<void> {
    const src = this.src;
    if (this.format === 'pcap') {
      if (src.size < PCAP_FILE_HEADER_LEN && follow) await waitFor(() => src.refreshSize(), (n) => n >= PCAP_FILE_HEADER_LEN);
      if (src.size < PCAP_FILE_HEADER_LEN) {
        throw new Error(`"${this.path}" is cut short inside its pcap file header (${src.size} of ${PCAP_FILE_HEADER_LEN} bytes)`);
      }
      const head = src.readAt(0, 4);
      this.parser = new PcapParser(src, this, follow, pcapMagic(head)!);
      return;
    }
    const parser = new PcapngParser(src, this, follow);
    this.parser = parser;
    parser.readHeaderBlocks();
    if (this.fileHeader.sectionCount === 0 && follow && this.damage === null) {
      const readAgain = (): number => {
        parser.readHeaderBlocks();
        return this.fileHeader.sectionCount;
      };
      await waitFor(readAgain, (n) => n > 0 || this.damage !== null);
    }
    if (this.fileHeader.sectionCount === 0) {
      throw new Error(`"${this.path}" is not a readable pcapng file: ${this.damage?.message ?? 'its section header block is cut short'}`);
    }
  }
}

function readHead(path: string): Uint8Array {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch (e) {
    throw new Error(`Cannot open "${path}": ${(e as Error).message}`);
  }
  try {
    const head = new Uint8Array(16);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n);
  } catch (e) {
    throw new Error(`Cannot read "${path}": ${(e as Error).message}`);
  } finally {
    fs.closeSync(fd);
  }
}

function detectFormat(path: string, head: Uint8Array, gz: DecompressedFile | null): 'pcap' | 'pcapng' {
  const what = gz ? `the decompressed content of "${path}"` : `"${path}"`;
  if (pcapMagic(head)) return 'pcap';
  if (head.length >= 4 && head[0] === 0x0a && head[1] === 0x0d && head[2] === 0x0d && head[3] === 0x0a) return 'pcapng';
  if (gz?.error) throw new Error(`"${path}" cannot be read: ${gz.error}`);
  if (head.length === 0) throw new Error(`${what} is empty, not a capture file`);
  const comp = unsupportedCompression(head);
  if (comp) throw new Error(`${what} is ${comp}-compressed; only gzip-compressed captures can be read`);
  const hex = Array.from(head.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
  throw new Error(`${what} is not a pcap or pcapng capture file (it starts with ${hex})`);
}

/** Polls `get` until `ok` accepts its value or the follow-mode wait is over; returns the last value. */
async function waitFor<T>(get: () => T, ok: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + FOLLOW_HEADER_WAIT_MS;
  let v = get();
  while (!ok(v) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    v = get();
  }
  return v;
}
