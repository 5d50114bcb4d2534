// `wiresight capture -i IF ...`: live capture through the helper (or `cap` in-process),
// printing tshark-style summary lines as packets arrive and/or writing the pcapng, and on
// stop the counts: captured, received, dropped by the kernel, and the kernel's own IP-stack
// counters over the same time.

import { CaptureError } from '../../capture/captureError.js';
import {
  completeRingBuffer, parseAutostop, parseRingBuffer, type Autostop, type CaptureOptions, type RingBuffer,
} from '../../capture/captureOptions.js';
import type { CaptureSession, CaptureSummary } from '../../capture/captureSession.js';
import { describeSnmpDelta } from '../../capture/kernelSnmp.js';
import { LiveFollower } from '../../capture/liveFollower.js';
import { startCapture } from '../../capture/startCapture.js';
import { parseArgs, UsageError, type ParsedArgs } from '../args.js';
import { OutputBuffer } from '../outputBuffer.js';

export const usage = `usage: wiresight capture -i IF [-f BPF] [-w FILE|-] [-c N] [-a duration:S|filesize:KB]...
                         [-b files:N,filesize:KB] [--no-promisc] [--netns NAME] [-s SNAPLEN] [-B MIB] [-q] [-P]
  -i IF            interface to capture on (see: wiresight interfaces)
  -f BPF           capture filter, libpcap syntax ("tcp port 80", "host 198.18.0.1")
  -w FILE          write the capture to FILE (pcapng); "-w -" streams pcapng to stdout
  -c N             stop after N packets
  -a duration:S    stop after S seconds; -a filesize:KB stops when the file reaches KB kB
  -b files:N,filesize:KB   ring buffer: switch files every KB kB, keep the last N
  --no-promisc, -p do not put the interface in promiscuous mode
  --netns NAME     capture in network namespace /run/netns/NAME
  --netns-pid PID  capture in the network namespace of process PID
  -s SNAPLEN       bytes kept per packet (default 262144)
  -B MIB           kernel capture buffer in MiB (default 8)
  -q               print no packet lines, only the counts at the end
  -P               print packet lines even when writing a file with -w
Without -w the packets are printed and the temporary capture file is deleted at the end.`;

function count(value: unknown, flag: string): number {
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} needs a positive number, not ${String(value)}`);
  return n;
}

/** Command-line arguments → CaptureOptions (throws UsageError). */
export function captureOptionsFromArgs(args: ParsedArgs): CaptureOptions {
  const o = args.options;
  if (args.positional.length) throw new UsageError(`unexpected argument ${args.positional[0]} (quote the capture filter and pass it with -f)`);
  if (typeof o.iface !== 'string') throw new UsageError('no interface given: use -i NAME (see: wiresight interfaces)');
  const opts: CaptureOptions = { iface: o.iface };
  try {
    const autostop: Autostop = {};
    for (const spec of (o.autostop as string[] | undefined) ?? []) parseAutostop(spec, autostop);
    if (o.count !== undefined) autostop.packets = count(o.count, '-c');
    if (Object.keys(autostop).length) opts.autostop = autostop;
    const ringSpecs = (o.ring as string[] | undefined) ?? [];
    if (ringSpecs.length) {
      const ring: Partial<RingBuffer> = {};
      for (const spec of ringSpecs) parseRingBuffer(spec, ring);
      opts.ring = completeRingBuffer(ring);
    }
  } catch (err) {
    if (err instanceof CaptureError) throw new UsageError(err.message);
    throw err;
  }
  if (typeof o.filter === 'string') opts.filter = o.filter;
  if (typeof o.write === 'string') opts.outFile = o.write;
  if (o.noPromisc === true) opts.promisc = false;
  if (typeof o.netns === 'string') opts.netns = o.netns;
  if (o.netnsPid !== undefined) opts.netnsPid = count(o.netnsPid, '--netns-pid');
  if (o.snaplen !== undefined) opts.snaplen = count(o.snaplen, '-s');
  if (o.buffer !== undefined) opts.bufferMiB = count(o.buffer, '-B');
  if (opts.ring && (!opts.outFile || opts.outFile === '-')) throw new UsageError('a ring buffer (-b) needs -w FILE');
  if (opts.autostop?.files !== undefined && !opts.ring) throw new UsageError('-a files:N needs a ring buffer (-b filesize:KB)');
  return opts;
}

const fmt = (v: number): string => v.toLocaleString('en-US');

/** The lines printed (on stderr, like tshark) when the capture ends. */
export function summaryLines(s: CaptureSummary): string[] {
  const lines = [
    `${fmt(s.packets)} packet${s.packets === 1 ? '' : 's'} captured`,
    `${fmt(s.received)} received by the kernel filter, ${fmt(s.dropped)} dropped by the kernel (buffer full), ` +
      `${fmt(s.ifDropped)} dropped by the interface`,
  ];
  if (s.snmpDelta) lines.push(...describeSnmpDelta(s.snmpDelta, s.packets));
  if (s.files.length) lines.push(`Capture file${s.files.length > 1 ? 's' : ''}: ${s.files.join(', ')}`);
  return lines;
}

interface PacketPrinter {
  follower: { finish(): Promise<number> };
  out: OutputBuffer;
}

/**
 * Summary lines while capturing, through the lead's src-main/cli/summaryPrinter.ts and the
 * engine's CaptureReader in follow mode. Loaded dynamically: if either cannot be loaded, the
 * capture still runs and only counts are printed.
 */
async function packetPrinter(session: CaptureSession): Promise<PacketPrinter | null> {
  let printer: typeof import('../summaryPrinter.js');
  let reader: typeof import('../../engine/read/captureReader.js');
  try {
    [printer, reader] = await Promise.all([import('../summaryPrinter.js'), import('../../engine/read/captureReader.js')]);
  } catch (err) {
    process.stderr.write(`wiresight capture: packet lines unavailable (${(err as Error).message}); printing counts only\n`);
    return null;
  }
  const out = new OutputBuffer();
  const follower = new LiveFollower(session, {
    open: (path) => reader.CaptureReader.open(path, { follow: true }),
    consume: (r) => {
      const n = printer.printSummaries(r, out);
      out.flush();
      return n;
    },
    onError: (path, err) => process.stderr.write(`wiresight capture: cannot follow ${path}: ${err.message}\n`),
  });
  follower.start();
  return { follower, out };
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, [
    { names: ['-i', '--interface'], key: 'iface', takesValue: true },
    { names: ['-f', '--filter'], key: 'filter', takesValue: true },
    { names: ['-w', '--write'], key: 'write', takesValue: true },
    { names: ['-c', '--count'], key: 'count', takesValue: true },
    { names: ['-a', '--autostop'], key: 'autostop', takesValue: true, repeat: true },
    { names: ['-b', '--ring-buffer'], key: 'ring', takesValue: true, repeat: true },
    { names: ['-p', '--no-promisc'], key: 'noPromisc' },
    { names: ['--netns'], key: 'netns', takesValue: true },
    { names: ['--netns-pid'], key: 'netnsPid', takesValue: true },
    { names: ['-s', '--snaplen'], key: 'snaplen', takesValue: true },
    { names: ['-B', '--buffer-size'], key: 'buffer', takesValue: true },
    { names: ['-q', '--quiet'], key: 'quiet' },
    { names: ['-P', '--print'], key: 'print' },
  ]);
  const opts = captureOptionsFromArgs(args);
  const err = (line: string) => process.stderr.write(line + '\n');

  let session: CaptureSession;
  try {
    session = await startCapture(opts);
  } catch (e) {
    if (e instanceof CaptureError) {
      err(`wiresight capture: ${e.message}`);
      return e.code === 'EUSAGE' ? 2 : 1;
    }
    throw e;
  }
  const where = opts.netns ? ` in network namespace ${opts.netns}` : '';
  err(`Capturing on '${opts.iface}'${where}${session.info.promisc ? '' : ' (not promiscuous)'}`);
  if (session.info.source === 'cap') {
    err('wiresight capture: the capture helper is not built; capturing in-process with cap (timestamps from the JavaScript clock)');
  }
  session.on('warning', (m) => err(`wiresight capture: ${m}`));

  const stop = () => void session.stop();
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, stop);

  const streaming = opts.outFile === '-';
  const wantLines = !streaming && args.options.quiet !== true && (!opts.outFile || args.options.print === true);
  const printer = wantLines ? await packetPrinter(session) : null;
  if (!printer && process.stderr.isTTY && !streaming) {
    session.on('progress', (p) => process.stderr.write(`\r${fmt(p.packets)} packets captured`));
  }

  const summary = await session.done;
  if (printer) {
    await printer.follower.finish();
    printer.out.flush();
  } else if (process.stderr.isTTY && !streaming) {
    process.stderr.write('\r');
  }
  for (const s of signals) process.off(s, stop);

  for (const line of summaryLines(opts.outFile ? summary : { ...summary, files: [] })) err(line);
  if (!opts.outFile) session.dispose();
  if (summary.error) {
    err(`wiresight capture: ${summary.error.message}`);
    return 1;
  }
  return 0;
}
