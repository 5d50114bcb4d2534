// Types shared by the capture-file readers: what a reader reports about the file, its
// interfaces and each packet record, and the small contract between CaptureReader and the
// per-format parsers that fill those in.

export interface InterfaceStats {
  received?: number;
  dropped?: number;
  osDropped?: number;
  /** Seconds since the epoch (double, for display). */
  startTime?: number;
  endTime?: number;
}

export interface CaptureInterface {
  /** Global index over the whole file (pcapng: across sections); 0 for pcap. */
  id: number;
  /** pcapng section index (0-based); 0 for pcap. */
  section: number;
  /** LINKTYPE_* as in the file (no remapping). */
  linkType: number;
  snaplen: number;
  name?: string;
  description?: string;
  filter?: string;
  os?: string;
  /** 'usec' | 'nsec' | 'msec' | 'sec' | '10^-k' | '2^-k', for display. */
  tsResolution: string;
  /** From the interface statistics blocks; the last one wins. */
  stats?: InterfaceStats;
}

/** Where reading stopped because the file is damaged or cut short, and why. */
export interface ReadDamage {
  /** Byte offset in the (decompressed) file of the record or block that could not be read. */
  offset: number;
  message: string;
}

export interface FileHeader {
  endianness: 'little' | 'big';
  versionMajor: number;
  versionMinor: number;
  snaplen?: number;
  resolution?: string;
  sectionCount: number;
  comments: string[];
  shbHardware?: string;
  shbOs?: string;
  shbApplication?: string;
}

/** The current packet record; one object per reader, overwritten by every next(). */
export class PacketRecord {
  /** Offset in the (decompressed) file of the first packet byte: pass it to readPacket(). */
  fileOffset = 0;
  capLen = 0;
  origLen = 0;
  tsSec = 0;
  tsNsec = 0;
  /** Global interface id (index into CaptureReader.interfaces). */
  interfaceId = 0;
  /** 0 unknown, 1 inbound, 2 outbound (pcapng epb_flags). */
  direction = 0;
  comment: string | null = null;
  /** pcapng block type (6 EPB, 3 SPB, 2 obsolete PB); 0 for pcap records. */
  blockType = 0;
}

/** What a format parser writes into; implemented by CaptureReader. */
export interface ReaderOutput {
  readonly rec: PacketRecord;
  /** The current packet is bytes [start, start + length) of `buf` (whose `view` it also gets). */
  setData(buf: Uint8Array, view: DataView, start: number, length: number): void;
  damage: ReadDamage | null;
  interfaces: CaptureInterface[];
  names: Map<string, string>;
  readonly fileHeader: FileHeader;
}

export interface RecordParser {
  /** File offset of the next record to read (everything before it has been consumed). */
  readonly pos: number;
  next(): boolean;
}

/** Larger records or blocks are treated as damage rather than buffered. */
export const MAX_RECORD_BYTES = 128 * 1024 * 1024;
