// In-process capture through `cap`, for when this process is itself privileged and the
// helper is not built. It writes the same pcapng a helper would, but inherits cap's limits
// (see capBinding.ts): JavaScript-clock timestamps, always promiscuous, 65535-byte snaplen,
// no namespaces, no ring buffer, no stdout stream.

import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { promisify } from 'node:util';
import { CaptureError } from './captureError.js';
import type { CaptureOptions } from './captureOptions.js';
import {
  prepareOutput, removeTempDir, type CaptureSession, type CaptureSessionEvents, type CaptureStartInfo,
  type CaptureSummary,
} from './captureSession.js';
import type { StopReason } from './helperProtocol.js';
import { capLinkType, capModulePath, type CapInstance, type CapModule } from './capBinding.js';
import { readSnmp, snmpDelta, type SnmpCounters } from './kernelSnmp.js';
import { PcapngFileWriter } from './pcapngWriter.js';

const CAP_SNAPLEN = 65535;
const FLUSH_INTERVAL_MS = 200;
const ISB_INTERVAL_MS = 5000;
const APPLICATION = 'Wiresight (in-process capture via cap)';

/** Wall clock in nanoseconds, advanced with the monotonic clock so it never steps back. */
function nanoClock(): () => bigint {
  const wall0 = BigInt(Date.now()) * 1_000_000n;
  const mono0 = process.hrtime.bigint();
  return () => wall0 + (process.hrtime.bigint() - mono0);
}

const run = promisify(execFile);

/** cap objects whose open() failed: kept alive forever, since finalizing one aborts the process. */
const quarantine: CapInstance[] = [];

const PROBE = `
const { Cap } = require(process.argv[1]);
const c = new Cap();
let result;
try {
  c.open(process.argv[2], process.argv[3], 65536, Buffer.alloc(65535));
  c.close();
  result = { ok: true };
} catch (e) {
  result = { ok: false, message: e.message };
}
process.stdout.write(JSON.stringify(result));
process.exit(0); // before a failed object can be finalized
`;

/**
 * Tries cap's open() in a throw-away child process, so a bad interface, filter or missing
 * privilege comes back as a message instead of a crash of this process later.
 */
async function probeOpen(iface: string, filter: string): Promise<{ ok: boolean; message?: string }> {
  const modulePath = capModulePath();
  if (!modulePath) return { ok: false, message: 'the cap module is not installed' };
  try {
    const { stdout } = await run(process.execPath, ['-e', PROBE, modulePath, iface, filter], {
      timeout: 10000,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, // process.execPath is Electron in the app
    });
    return JSON.parse(stdout) as { ok: boolean; message?: string };
  } catch (err) {
    return { ok: false, message: `cap could not be tried: ${(err as Error).message}` };
  }
}

/** Maps cap's (libpcap's) error text to our codes. */
function capOpenError(iface: string, filter: string | undefined, message: string): CaptureError {
  if (/permission|not permitted/i.test(message)) {
    return new CaptureError('EPERM', `No permission to capture on ${iface} in this process (${message}). ` +
      'Build the capture helper (npm run build:native) and give it its capabilities instead of running the app as root.');
  }
  if (/no such device|doesn't exist|does not exist/i.test(message)) {
    return new CaptureError('ENODEV', `No interface named "${iface}" (${message}).`);
  }
  if (filter && /syntax|parse|filter|unknown/i.test(message)) {
    return new CaptureError('EBADFILTER', `Invalid capture filter "${filter}": ${message}`);
  }
  return new CaptureError('ECAPTURE', `Cannot capture on ${iface}: ${message}`);
}

export class CapCaptureSession extends EventEmitter<CaptureSessionEvents> implements CaptureSession {
  readonly info: CaptureStartInfo;
  readonly done: Promise<CaptureSummary>;
  private resolveDone!: (s: CaptureSummary) => void;
  private packets = 0;
  private readonly startMs = Date.now();
  private readonly startNs: bigint;
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;

  private constructor(
    private readonly cap: CapInstance,
    private readonly buffer: Buffer,
    private readonly writer: PcapngFileWriter,
    private readonly opts: CaptureOptions,
    private readonly file: string,
    readonly tempDir: string | null,
    linkType: number,
    private readonly clock: () => bigint,
    private readonly snmpStart: SnmpCounters | null,
  ) {
    super();
    this.startNs = clock();
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.info = {
      source: 'cap', interface: opts.iface, netns: null, linkType, snaplen: CAP_SNAPLEN, promisc: true,
      tsresol: 9, filter: opts.filter ?? '', file, pid: null,
    };
  }

  get files(): readonly string[] {
    return [this.file];
  }

  static async start(mod: CapModule, opts: CaptureOptions): Promise<CapCaptureSession> {
    const unsupported = (what: string) =>
      new CaptureError('EUSAGE', `${what} needs the capture helper (npm run build:native); the in-process capture cannot do it.`);
    if (opts.netns || opts.netnsPid !== undefined) throw unsupported('Capturing in another network namespace');
    if (opts.promisc === false) throw unsupported('Capturing without promiscuous mode');
    if (opts.ring) throw unsupported('A ring buffer');
    if (opts.outFile === '-') throw unsupported('Streaming to stdout');

    const probe = await probeOpen(opts.iface, opts.filter ?? '');
    if (!probe.ok) throw capOpenError(opts.iface, opts.filter, probe.message ?? 'unknown error');
    const cap = new mod.Cap();
    const buffer = Buffer.alloc(CAP_SNAPLEN);
    let linkName: string;
    try {
      linkName = cap.open(opts.iface, opts.filter ?? '', (opts.bufferMiB ?? 8) * 1024 * 1024, buffer);
    } catch (err) {
      quarantine.push(cap);
      throw capOpenError(opts.iface, opts.filter, (err as Error).message);
    }
    cap.setMinBytes?.(0);
    const out = prepareOutput(opts);
    const linkType = capLinkType(linkName);
    let writer: PcapngFileWriter;
    try {
      writer = new PcapngFileWriter(out.outPath, {
        name: opts.iface, linkType, snaplen: CAP_SNAPLEN, tsresol: 9, filter: opts.filter,
      }, APPLICATION);
    } catch (err) {
      cap.close();
      removeTempDir(out.tempDir);
      throw new CaptureError('EOUTPUT', `Cannot create capture file ${out.outPath}: ${(err as Error).message}`);
    }
    const snmpStart = await readSnmp().catch(() => null);
    const session = new CapCaptureSession(cap, buffer, writer, opts, out.outPath, out.tempDir, linkType, nanoClock(), snmpStart);
    session.run();
    return session;
  }

  private run(): void {
    const a = this.opts.autostop ?? {};
    this.cap.on('packet', (nbytes) => {
      if (this.stopped) return;
      // cap copies each packet into the same buffer: write it out before returning
      this.writer.packet(this.clock(), this.buffer.subarray(0, nbytes), nbytes);
      this.packets++;
      if (a.packets !== undefined && this.packets >= a.packets) void this.finish('packets');
      else if (a.fileSizeKB !== undefined && this.writer.size >= a.fileSizeKB * 1000) void this.finish('filesize');
    });
    this.timers.push(setInterval(() => this.writer.dirty && this.writer.flush(), FLUSH_INTERVAL_MS));
    this.timers.push(setInterval(() => this.writer.stats(this.stats()), ISB_INTERVAL_MS));
    this.timers.push(setInterval(() => this.emit('progress', {
      packets: this.packets, bytes: this.writer.size, received: this.packets, dropped: 0, ifDropped: 0,
      elapsedMs: Date.now() - this.startMs, file: this.file,
    }), (this.opts.progressIntervalS ?? 0.5) * 1000));
    if (a.durationS !== undefined) this.timers.push(setTimeout(() => void this.finish('duration'), a.durationS * 1000));
    queueMicrotask(() => this.emit('file', this.file, 1));
  }

  private stats() {
    const n = BigInt(this.packets);
    return { time: this.clock(), startTime: this.startNs, received: n, dropped: 0n, delivered: n };
  }

  private async finish(reason: StopReason): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.cap.close();
    let error: CaptureError | null = null;
    try {
      this.writer.stats(this.stats());
      this.writer.close();
    } catch (err) {
      error = new CaptureError('EOUTPUT', `Cannot write ${this.file}: ${(err as Error).message}`);
    }
    const snmpEnd = await readSnmp().catch(() => null);
    const summary: CaptureSummary = {
      reason: error ? 'error' : reason, packets: this.packets, bytes: this.writer.size, received: this.packets,
      // cap exposes no pcap_stats: kernel drops are unknown, reported as 0
      dropped: 0, ifDropped: 0, elapsedMs: Date.now() - this.startMs, files: [this.file],
      snmpStart: this.snmpStart, snmpEnd,
      snmpDelta: this.snmpStart && snmpEnd ? snmpDelta(this.snmpStart, snmpEnd) : null, error,
    };
    this.emit('stopped', summary);
    this.resolveDone(summary);
  }

  stop(): Promise<CaptureSummary> {
    void this.finish('signal');
    return this.done;
  }

  dispose(): void {
    removeTempDir(this.tempDir);
  }
}
