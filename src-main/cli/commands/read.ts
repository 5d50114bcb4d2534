// `wiresight read FILE`: what the engine sees in a capture, printed like tshark — summary
// lines, the full tree (-V), hex (-x), JSON shaped like the corpus references (-T json)
// or tab-separated fields (-T fields -e ...), optionally only packets matching -Y.

import { CaptureReader } from '../../engine/read/captureReader.js';
import type { TimeFormat } from '../../engine/output/timeFormat.js';
import { fieldByName } from '../../engine/fields/fieldRegistry.js';
import { parseArgs, UsageError } from '../args.js';
import { OutputBuffer } from '../outputBuffer.js';
import { SummaryLineFormatter, SummaryLines, timeDigits } from '../summaryPrinter.js';
import { SUMMARY_THREAD_MIN_BYTES, ThreadedSummaryLines } from '../threadedSummaryLines.js';

export const usage = `usage: wiresight read FILE [-V] [-x] [-T text|json|fields] [-e FIELD]... [-c N] [-Y FILTER] [-t r|d|e|a|u]
  -V            print the full protocol tree of each packet
  -x            print the packet bytes as hex and ASCII
  -T json       one JSON object per packet, shaped like the corpus references (fields: -e, or the reference set)
  -T fields     tab-separated values of the -e fields
  -c N          stop after N packets (N matching packets with -Y)
  -Y FILTER     print only packets matching the display filter
  -t FORMAT     time column: r relative (default), d delta, e epoch, a absolute local, u UTC`;

const TIME_FORMATS: Record<string, TimeFormat> = { r: 'relative', d: 'delta', e: 'epoch', a: 'absolute', u: 'utc' };

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, [
    { names: ['-V', '--verbose'], key: 'verbose' },
    { names: ['-x', '--hex'], key: 'hex' },
    { names: ['-T'], key: 'format', takesValue: true },
    { names: ['-e'], key: 'fields', takesValue: true, repeat: true },
    { names: ['-c', '--count'], key: 'count', takesValue: true },
    { names: ['-Y', '--display-filter'], key: 'filter', takesValue: true },
    { names: ['-t'], key: 'time', takesValue: true },
    { names: ['-r'], key: 'file', takesValue: true },
  ]);
  const path = (args.options.file as string | undefined) ?? args.positional[0];
  if (!path) throw new UsageError('no capture file given');
  const format = (args.options.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'fields') throw new UsageError(`unknown output format -T ${format}`);
  const fields = (args.options.fields as string[] | undefined) ?? [];
  if (format === 'fields' && fields.length === 0) throw new UsageError('-T fields needs at least one -e FIELD');
  const verbose = args.options.verbose === true;
  const hex = args.options.hex === true;
  // plain summary lines need no field records: ordinary packets take the lean path; the
  // rest loads the full printer first, which registers the fields -e and -Y may name
  const plain = format === 'text' && fields.length === 0 && args.options.filter === undefined && !verbose && !hex;
  const printer = plain ? null : await import('../packetPrinter.js');
  for (const name of fields) {
    if (!fieldByName(name)) throw new UsageError(`unknown field ${name} (see: wiresight fields)`);
  }
  const limit = args.options.count === undefined ? Infinity : Number(args.options.count);
  if (!(limit >= 0)) throw new UsageError(`-c needs a number, not ${String(args.options.count)}`);
  const timeFormat = TIME_FORMATS[(args.options.time as string | undefined) ?? 'r'];
  if (!timeFormat) throw new UsageError(`unknown time format -t ${String(args.options.time)}`);

  let filter = null;
  if (typeof args.options.filter === 'string') {
    const { compileFilter, formatFilterError, isFilterError } = await import('../../engine/filter/index.js');
    const compiled = compileFilter(args.options.filter);
    if (isFilterError(compiled)) {
      process.stderr.write(formatFilterError(args.options.filter, compiled) + '\n');
      return 2;
    }
    filter = compiled;
  }

  const reader = await CaptureReader.open(path);
  const out = new OutputBuffer();
  const summary = new SummaryLineFormatter(timeFormat, () => timeDigits(reader));
  let threaded: ThreadedSummaryLines | null = null;
  try {
    if (printer) {
      printer.printPackets(reader, out, summary, { format, fields, verbose, hex, filter, limit });
    } else if (reader.fileSize >= SUMMARY_THREAD_MIN_BYTES && (threaded = ThreadedSummaryLines.start(reader, timeFormat))) {
      // a big file: the lines are built and written in a thread of their own
      let printed = 0;
      while (printed < limit && !threaded.outputClosed && threaded.printNext()) printed++;
      threaded.finish();
    } else {
      const lines = new SummaryLines(reader, summary);
      let printed = 0;
      while (printed < limit && !out.closed && lines.printNext(out)) printed++;
    }
  } finally {
    out.flush();
    reader.close();
  }
  if (reader.damage) {
    process.stderr.write(`wiresight: ${path}: ${reader.damage.message}\n`);
    return 2;
  }
  return 0;
}
