// `wiresight read` beyond plain summary lines: every packet dissected in full, with every
// analyzer, for the protocol tree (-V), the bytes (-x), JSON (-T json), fields (-T fields)
// and display filters (-Y). Loaded only for those, so that plain summary lines start
// sooner; loading it registers every analyzer's fields, which -e and -Y may name.

import type { CaptureReader } from '../engine/read/captureReader.js';
import type { CompiledFilter } from '../engine/filter/index.js';
import { PacketPass } from '../engine/pass/packetPass.js';
import { standardAnalyzers } from '../engine/pass/standardAnalyzers.js';
import { buildTree, treeLines } from '../engine/output/protocolTree.js';
import { hexDumpLines } from '../engine/output/hexDump.js';
import { fieldText, packetJson, REFERENCE_FIELDS } from '../engine/output/referenceJson.js';
import type { OutputBuffer } from './outputBuffer.js';
import type { SummaryLineFormatter } from './summaryPrinter.js';

export interface PacketPrintOptions {
  format: 'text' | 'json' | 'fields';
  /** -e fields (JSON: the reference set when none) */
  fields: readonly string[];
  verbose: boolean;
  hex: boolean;
  filter: CompiledFilter | null;
  /** packets to print at most (matching ones with a filter) */
  limit: number;
}

export function printPackets(reader: CaptureReader, out: OutputBuffer, summary: SummaryLineFormatter, o: PacketPrintOptions): void {
  const jsonFields = o.fields.length > 0 ? o.fields : REFERENCE_FIELDS;
  const pass = new PacketPass(reader, standardAnalyzers(), o.verbose);
  let printed = 0;
  if (o.format === 'json') out.line('[');
  try {
    while (printed < o.limit && !out.closed && pass.next()) {
      if (o.format === 'text') summary.advance(pass.meta);
      if (o.filter && !o.filter.match(pass.f)) continue;
      if (o.format === 'json') {
        out.line((printed > 0 ? ',' : '') + JSON.stringify(packetJson(pass.f, pass.meta, jsonFields)));
      } else if (o.format === 'fields') {
        out.line(o.fields.map((name) => fieldText(pass.f, pass.meta, name)).join('\t'));
      } else {
        out.line(summary.line(pass));
      }
      if (o.verbose) for (const l of treeLines(buildTree(pass.f))) out.line(l);
      if (o.hex) {
        for (let s = 0; s < pass.f.sources.length; s++) {
          if (s > 0) out.line(`${pass.f.sourceNames[s]}:`);
          for (const l of hexDumpLines(pass.f.sources[s]!)) out.line(l);
        }
      }
      if (o.verbose || o.hex) out.line('');
      printed++;
    }
  } finally {
    if (o.format === 'json') out.line(']');
  }
}
