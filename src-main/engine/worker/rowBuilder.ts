// One packet-list row: the index supplies number, time and length; Source, Destination,
// Protocol, Info and the coloring rule come from dissecting the packet again (cheap for a
// window of rows, and never stored, so memory does not grow with the file).

import type { PacketRow, TimeFormat } from '../../api/contract.js';
import { summaryColumns } from '../output/summary.js';
import { TimeFormatter } from '../output/timeFormat.js';
import { colorRule } from './coloring.js';
import type { OpenCapture } from './openCapture.js';

export class RowBuilder {
  private readonly time: TimeFormatter;

  constructor(
    private readonly cap: OpenCapture,
    format: TimeFormat,
  ) {
    const x = cap.file.index;
    this.time = new TimeFormatter(format, cap.timeDigits(), x.tsSec.data[0] ?? 0, x.tsNsec.data[0] ?? 0);
  }

  row(i: number): PacketRow {
    const x = this.cap.file.index;
    const prev = i > 0 ? i - 1 : 0;
    const time = this.time.text(x.tsSec.data[i]!, x.tsNsec.data[i]!, x.tsSec.data[prev]!, x.tsNsec.data[prev]!);
    let src = '';
    let dst = '';
    let protocol = x.protoNames[x.proto.data[i]!] ?? '';
    let info = '';
    let color: PacketRow['color'] = 'none';
    try {
      const { f, c } = this.cap.file.dissect(i, false);
      const s = summaryColumns(f, c);
      ({ src, dst, protocol, info } = s);
      color = colorRule(f, x.marks.data[i]!);
    } catch (err) {
      // the bytes could not be re-read (file truncated since indexing): show what the index has
      info = `[packet unavailable: ${err instanceof Error ? err.message : String(err)}]`;
      src = x.addresses.text(x.src.data[i]!);
      dst = x.addresses.text(x.dst.data[i]!);
    }
    return { index: i, number: i + 1, time, src, dst, protocol, length: x.origLen.data[i]!, info, color };
  }
}
