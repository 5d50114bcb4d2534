// An open capture as the rest of the app sees it: the first pass builds the packet index
// (incrementally, so callers can report progress or follow a growing file), and any
// packet can then be dissected on demand from its bytes re-read by file offset.

import { DissectCtx, type FrameMeta } from './dissect/context.js';
import { dissectFrame } from './dissect/dissectFrame.js';
import { fieldByName, fieldById, fieldId } from './fields/fieldRegistry.js';
import { PacketFields } from './fields/packetFields.js';
import { MARK, PacketIndex } from './index/packetIndex.js';
import type { Analyzer } from './pass/analyzer.js';
import { PacketPass } from './pass/packetPass.js';
import { standardAnalyzers } from './pass/standardAnalyzers.js';
import { FrameTimeAnalyzer } from './analysis/frameTimes.js';
import { FlowAnalyzer } from './flows/flowAnalyzer.js';
import { FLOW_THREAD_MIN_BYTES } from './flows/flowOffload.js';
import { CaptureReader, type ReadDamage } from './read/captureReader.js';
import { summaryColumns, type SummaryColumns } from './output/summary.js';
import { LeanIndexer } from './lean/leanIndexer.js';
import { IndexRecordWriter } from './lean/indexRecord.js';
import { IndexPredicates } from './lean/indexPredicate.js';
import { TcpAnalyzer } from './analysis/tcpAnalysis.js';
import type { CompiledFilter } from './filter/index.js';

export interface DissectedPacket {
  f: PacketFields;
  c: DissectCtx;
  meta: FrameMeta;
}

/** packets read before the index is sized for the whole file, and the estimate's margin */
const SIZE_PROBE = 16384;
const SIZE_MARGIN = 1.03;

export class CaptureFile {
  readonly index = new PacketIndex();
  readonly analyzers: Analyzer[] = standardAnalyzers();
  private readonly pass: PacketPass;
  private readonly flows: FlowAnalyzer | null;
  private readonly tcp: TcpAnalyzer | null;
  /** the fast path for ordinary packets; undefined until indexing starts, null when unavailable */
  private lean: LeanIndexer | null | undefined;
  /** false: every packet is dissected in full (the reference the lean path is tested against) */
  leanIndexing = true;
  /** files at least this big track flows in their own thread during the first pass */
  flowThreadMinBytes = FLOW_THREAD_MIN_BYTES;
  /** filter evaluators over the index, built on first use */
  private indexRecords: IndexRecordWriter | null = null;
  private indexPredicates: IndexPredicates | null = null;
  private readonly demandF = new PacketFields();
  private readonly demandC = new DissectCtx();
  private readonly ids = {
    tcpSrc: fieldId('tcp.srcport'),
    tcpDst: fieldId('tcp.dstport'),
    udpSrc: fieldId('udp.srcport'),
    udpDst: fieldId('udp.dstport'),
    tcpStream: fieldId('tcp.stream'),
    udpStream: fieldId('udp.stream'),
    tcpFlags: fieldId('tcp.flags'),
    malformed: fieldId('_ws.malformed'),
    short: fieldId('_ws.short'),
  };
  /** comments the file attaches to packets, by packet index (rare, so not an index column) */
  private readonly comments = new Map<number, string>();
  /** expert severity by field id: 0 none, 1 comment/chat/note, 2 warning, 3 error */
  private readonly severity: Uint8Array;
  private readonly checksumStatus: number[];

  private constructor(readonly reader: CaptureReader) {
    this.pass = new PacketPass(reader, this.analyzers);
    const x = this.index;
    this.flows = this.analyzers.find((a): a is FlowAnalyzer => a instanceof FlowAnalyzer) ?? null;
    this.tcp = this.analyzers.find((a): a is TcpAnalyzer => a instanceof TcpAnalyzer) ?? null;
    for (const a of this.analyzers) {
      if (a instanceof FrameTimeAnalyzer) a.timeOf = (i) => x.tsSec.data[i]! + x.tsNsec.data[i]! / 1e9;
    }
    this.severity = new Uint8Array(4096);
    for (let id = 0; ; id++) {
      let def;
      try {
        def = fieldById(id);
      } catch {
        break;
      }
      const sev = def.expert?.severity;
      if (sev && id < this.severity.length) this.severity[id] = sev === 'Error' ? 3 : sev === 'Warning' ? 2 : 1;
    }
    this.checksumStatus = ['ip', 'tcp', 'udp', 'icmp', 'icmpv6']
      .map((p) => fieldByName(`${p}.checksum.status`)?.id ?? -1)
      .filter((id) => id >= 0);
  }

  static async open(path: string, opts: { follow?: boolean } = {}): Promise<CaptureFile> {
    return new CaptureFile(await CaptureReader.open(path, opts));
  }

  /** Packets the index pass took through the lean path so far. */
  get leanPackets(): number {
    return this.lean ? this.lean.accepted : 0;
  }

  get damage(): ReadDamage | null {
    return this.reader.damage;
  }

  /** Adds an analyzer that must see every packet (call before indexing starts). */
  addAnalyzer(a: Analyzer): void {
    if (this.index.count > 0) throw new Error('analyzers must be added before indexing');
    this.analyzers.push(a);
  }

  /**
   * Indexes up to `budget` more packets. Returns true when it stopped because no more
   * complete packets are available (end of file, damage, or the tail of a growing file).
   */
  indexSome(budget = Infinity, onPacket?: (pass: PacketPass) => void): boolean {
    const pass = this.pass;
    const r = this.reader;
    if (this.lean === undefined) {
      this.lean = this.leanIndexing ? LeanIndexer.create(this.index, this.analyzers) : null;
      if (this.flows && r.fileSize >= this.flowThreadMinBytes) this.flows.offload();
    }
    const lean = onPacket ? null : this.lean;
    // packets handed to `onPacket` carry their flow fields: the table must be here
    if (onPacket) this.flows?.settle();
    const meta = pass.meta;
    for (let n = 0; n < budget; n++) {
      if (!pass.advance()) {
        // the first pass is over (for now, if the file grows): the flow table comes home
        this.flows?.settle();
        return true;
      }
      if (pass.packet === SIZE_PROBE) this.reserveForFile();
      if (lean && lean.tryIndex(meta, r.chunk, r.chunkView, r.dataStart, pass.packet, pass.fileOffset)) {
        if (meta.comment !== null) this.comments.set(pass.packet, meta.comment);
        continue;
      }
      pass.dissectCurrent();
      this.record(pass);
      if (onPacket) onPacket(pass);
    }
    return false;
  }

  /**
   * Sizes the index for the whole file from the packets read so far (their share of the
   * file's bytes), so a big file's columns are allocated once instead of doubling.
   */
  private reserveForFile(): void {
    const r = this.reader;
    if (r.bytesRead <= 0) return;
    const packets = Math.ceil(((this.index.count + 1) * r.fileSize * SIZE_MARGIN) / r.bytesRead);
    this.index.reserve(packets);
    for (const a of this.analyzers) a.reserve?.(packets);
  }

  private record(pass: PacketPass): void {
    const { f, c, meta } = pass;
    const x = this.index;
    const ids = this.ids;
    const i = x.appendFrame(meta, pass.fileOffset);
    x.proto.data[i] = x.protocolId(c.protocol);
    x.src.data[i] = x.addresses.intern(f, c.colSrc);
    x.dst.data[i] = x.addresses.intern(f, c.colDst);
    let l4 = 0;
    let sp = f.first(ids.tcpSrc);
    let dp = -1;
    let stream = -1;
    if (sp >= 0) {
      l4 = 6;
      dp = f.first(ids.tcpDst);
      stream = f.value(ids.tcpStream);
      x.tcpFlags.data[i] = f.value(ids.tcpFlags) || 0;
    } else {
      sp = f.first(ids.udpSrc);
      if (sp >= 0) {
        l4 = 17;
        dp = f.first(ids.udpDst);
        stream = f.value(ids.udpStream);
      }
      x.tcpFlags.data[i] = 0;
    }
    x.srcPort.data[i] = sp >= 0 ? f.vals[sp]! : 0;
    x.dstPort.data[i] = dp >= 0 ? f.vals[dp]! : 0;
    x.stream.data[i] = Number.isNaN(stream) ? -1 : stream;
    x.l4.data[i] = l4;
    x.marks.data[i] = this.marksOf(f) | (meta.direction << MARK.directionShift);
    if (c.reassembledFrom) x.reassembled.set(i, c.reassembledFrom);
    if (meta.comment !== null) this.comments.set(i, meta.comment);
  }

  private marksOf(f: PacketFields): number {
    let m = 0;
    if (f.has(this.ids.malformed)) m |= MARK.malformed;
    if (f.has(this.ids.short)) m |= MARK.short;
    const sev = this.severity;
    for (let r = 0; r < f.count; r++) {
      const s = sev[f.ids[r]!]!;
      if (s === 3) m |= MARK.expertError;
      else if (s === 2) m |= MARK.expertWarning;
    }
    for (const id of this.checksumStatus) {
      for (let r = f.first(id); r >= 0; r = f.nexts[r]!) if (f.vals[r] === 0) m |= MARK.badChecksum;
    }
    return m;
  }

  metaOf(i: number): FrameMeta {
    const x = this.index;
    const iface = x.iface.data[i]!;
    return {
      number: i + 1,
      tsSec: x.tsSec.data[i]!,
      tsNsec: x.tsNsec.data[i]!,
      capLen: x.capLen.data[i]!,
      origLen: x.origLen.data[i]!,
      interfaceId: iface,
      linkType: this.reader.interfaces[iface]?.linkType ?? -1,
      direction: (x.marks.data[i]! >> MARK.directionShift) & 3,
      comment: this.comments.get(i) ?? null,
    };
  }

  /** Dissects packet `i` (0-based) again from the file, with the analyzers' generated fields. */
  dissect(i: number, detail = true): DissectedPacket {
    if (i < 0 || i >= this.index.count) throw new RangeError(`no packet ${i + 1}`);
    const f = this.demandF;
    const c = this.demandC;
    c.reasm.clear();
    const fragments = this.index.reassembled.get(i);
    if (fragments) {
      for (const n of fragments) if (n !== i + 1) this.dissectRaw(n - 1, false);
    }
    const meta = this.dissectRaw(i, detail);
    for (const a of this.analyzers) a.annotate(f, c, i);
    return { f, c, meta };
  }

  private dissectRaw(i: number, detail: boolean): FrameMeta {
    const meta = this.metaOf(i);
    const bytes = this.reader.readPacket(this.index.fileOffset.data[i]!, meta.capLen);
    dissectFrame(this.demandF, this.demandC, meta, bytes, detail);
    return meta;
  }

  /**
   * A predicate over packet indices for a compiled filter. Where the filter reads only
   * fields the index determines, ordinary packets are matched on the index columns (or on
   * a record rebuilt from them), without file access; the others are dissected again.
   */
  packetMatcher(filter: CompiledFilter): (i: number) => boolean {
    const byDissection = (i: number): boolean => filter.match(this.dissect(i, false).f);
    const x = this.index;
    const direct = (this.indexPredicates ??= new IndexPredicates(x, this.tcp)).compile(filter.test);
    if (direct) return (i) => (x.marks.data[i]! & MARK.lean ? direct(i) : byDissection(i));
    const w = (this.indexRecords ??= new IndexRecordWriter(x, this.tcp, this.flows));
    const parts = filter.valuesOnly ? w.partsFor(filter.fields) : -1;
    if (parts < 0) return byDissection;
    return (i) => (x.marks.data[i]! & MARK.lean ? filter.match(w.write(i, parts)) : byDissection(i));
  }

  /** Columns of packet `i` for the packet list. */
  summary(i: number): SummaryColumns {
    const { f, c } = this.dissect(i, false);
    return summaryColumns(f, c);
  }

  close(): void {
    this.reader.close();
    void this.flows?.abandon();
  }
}
