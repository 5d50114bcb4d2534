// What a capture is asked to do, shared by the CLI, the UI and both capture sources, plus
// the parsing of the dumpcap-style "-a duration:S" / "-b files:N,filesize:KB" specs and the
// translation into the helper's command line.

import { CaptureError } from './captureError.js';

export interface Autostop {
  packets?: number;
  durationS?: number;
  /** kB = 1000 bytes, as dumpcap counts */
  fileSizeKB?: number;
  /** ring buffer only: stop after this many files */
  files?: number;
}

export interface RingBuffer {
  /** keep at most this many files (oldest deleted); unset keeps all */
  files?: number;
  /** switch to a new file when the current one reaches this size (kB = 1000 bytes) */
  fileSizeKB: number;
}

export interface CaptureOptions {
  iface: string;
  /** BPF capture filter (libpcap syntax) */
  filter?: string;
  /** where the pcapng goes; unset: a file in a fresh temporary folder; '-': stdout stream */
  outFile?: string;
  ring?: RingBuffer;
  autostop?: Autostop;
  /** default true */
  promisc?: boolean;
  /** name under /run/netns */
  netns?: string;
  /** capture in the network namespace of this process */
  netnsPid?: number;
  snaplen?: number;
  bufferMiB?: number;
  /** status progress interval in seconds (helper default 0.5) */
  progressIntervalS?: number;
}

function positiveNumber(key: string, value: string, integer: boolean, what: string): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
    throw new CaptureError('EUSAGE', `${key}: expected ${what}, got "${value}"`);
  }
  return v;
}

function pairs(spec: string, flag: string): Array<[string, string]> {
  return spec.split(',').map((item) => {
    const colon = item.indexOf(':');
    if (colon < 0) throw new CaptureError('EUSAGE', `${flag}: expected key:value, got "${item}"`);
    return [item.slice(0, colon), item.slice(colon + 1)];
  });
}

/** "-a duration:10,packets:5" style; merges into `into` (repeatable like dumpcap's -a). */
export function parseAutostop(spec: string, into: Autostop = {}): Autostop {
  for (const [key, value] of pairs(spec, '-a')) {
    switch (key) {
      case 'duration': into.durationS = positiveNumber('-a duration', value, false, 'seconds > 0'); break;
      case 'filesize': into.fileSizeKB = positiveNumber('-a filesize', value, true, 'kB > 0'); break;
      case 'packets': into.packets = positiveNumber('-a packets', value, true, 'a count > 0'); break;
      case 'files': into.files = positiveNumber('-a files', value, true, 'a count > 0'); break;
      default:
        throw new CaptureError('EUSAGE', `-a: unknown condition "${key}" (use duration:S, filesize:KB, packets:N or files:N)`);
    }
  }
  return into;
}

/** "-b files:5,filesize:1000" style; merges into `into`. */
export function parseRingBuffer(spec: string, into: Partial<RingBuffer> = {}): Partial<RingBuffer> {
  for (const [key, value] of pairs(spec, '-b')) {
    switch (key) {
      case 'files': into.files = positiveNumber('-b files', value, true, 'a count > 0'); break;
      case 'filesize': into.fileSizeKB = positiveNumber('-b filesize', value, true, 'kB > 0'); break;
      default:
        throw new CaptureError('EUSAGE', `-b: unknown option "${key}" (use files:N and filesize:KB)`);
    }
  }
  return into;
}

/** A complete RingBuffer, or an EUSAGE error saying what is missing. */
export function completeRingBuffer(ring: Partial<RingBuffer>): RingBuffer {
  if (ring.fileSizeKB === undefined) {
    throw new CaptureError('EUSAGE', '-b files:N needs -b filesize:KB to know when to switch files');
  }
  return { fileSizeKB: ring.fileSizeKB, ...(ring.files !== undefined ? { files: ring.files } : {}) };
}

/** The helper's arguments for a capture writing to `outPath` ('-' for stdout). */
export function helperArgs(o: CaptureOptions, outPath: string, statusFd: number | null): string[] {
  const args = ['-i', o.iface, '-w', outPath];
  if (o.filter) args.push('-f', o.filter);
  if (o.promisc === false) args.push('--no-promisc');
  if (o.snaplen !== undefined) args.push('-s', String(o.snaplen));
  if (o.bufferMiB !== undefined) args.push('-B', String(o.bufferMiB));
  const a = o.autostop ?? {};
  if (a.packets !== undefined) args.push('-c', String(a.packets));
  if (a.durationS !== undefined) args.push('-a', `duration:${a.durationS}`);
  if (a.fileSizeKB !== undefined) args.push('-a', `filesize:${a.fileSizeKB}`);
  if (a.files !== undefined) args.push('-a', `files:${a.files}`);
  if (o.ring) {
    const ring = o.ring.files !== undefined ? `files:${o.ring.files},filesize:${o.ring.fileSizeKB}` : `filesize:${o.ring.fileSizeKB}`;
    args.push('-b', ring);
  }
  if (o.netns) args.push('--netns', o.netns);
  if (o.netnsPid !== undefined) args.push('--netns-pid', String(o.netnsPid));
  if (o.progressIntervalS !== undefined) args.push('--progress-interval', String(o.progressIntervalS));
  if (statusFd !== null) args.push('--status-fd', String(statusFd));
  return args;
}
