// The JSON lines the capture helper writes: status lines on --status-fd (started, file,
// file-removed, progress, stopped) and error/warning lines on stderr. Parsing is strict
// about shape so a garbled line is ignored instead of corrupting the session state.

import type { CaptureErrorCode } from './captureError.js';
import type { SnmpCounters } from './kernelSnmp.js';

export interface HelperStarted {
  type: 'started';
  pid: number;
  interface: string;
  ifindex: number;
  netns: string | null;
  linkType: number;
  snaplen: number;
  bufferMiB: number;
  /** decimal exponent of the timestamps: 9 = nanoseconds */
  tsresol: number;
  /** 3 with the default settings, 2 with --immediate */
  tpacketVersion: number;
  promisc: boolean;
  filter: string;
  file: string;
  /** capture start, in 10^-tsresol seconds since the epoch */
  time: number;
  snmp: SnmpCounters;
}

export interface HelperFile {
  type: 'file';
  path: string;
  index: number;
}

export interface HelperFileRemoved {
  type: 'file-removed';
  path: string;
}

export interface HelperCounts {
  /** packets written */
  packets: number;
  /** pcapng bytes written, all files */
  bytes: number;
  /** libpcap ps_recv: packets that passed the filter, dropped ones included */
  received: number;
  /** libpcap ps_drop: the kernel ring was full */
  dropped: number;
  /** rx drops the interface itself counted (/proc/net/dev) during the capture */
  ifDropped: number;
  elapsedMs: number;
}

export interface HelperProgress extends HelperCounts {
  type: 'progress';
  file: string;
}

export type StopReason =
  | 'signal'
  | 'packets'
  | 'duration'
  | 'filesize'
  | 'files'
  | 'stdout-closed'
  | 'status-closed'
  | 'error';

export interface HelperStopped extends HelperCounts {
  type: 'stopped';
  reason: StopReason;
  files: string[];
  snmp: SnmpCounters;
}

export type HelperStatus = HelperStarted | HelperFile | HelperFileRemoved | HelperProgress | HelperStopped;

export interface HelperDiagnostic {
  type: 'error' | 'warning';
  code: CaptureErrorCode;
  message: string;
}

const COUNT_KEYS = ['packets', 'bytes', 'received', 'dropped', 'ifDropped', 'elapsedMs'] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function hasNumbers(o: Record<string, unknown>, keys: readonly string[]): boolean {
  return keys.every((k) => typeof o[k] === 'number');
}

function hasStrings(o: Record<string, unknown>, keys: readonly string[]): boolean {
  return keys.every((k) => typeof o[k] === 'string');
}

function parseJson(line: string): Record<string, unknown> | null {
  const text = line.trim();
  if (!text.startsWith('{')) return null;
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) ? v : null;
  } catch {
    return null;
  }
}

/** One status line, or null when it is not a status line the supervisor understands. */
export function parseStatusLine(line: string): HelperStatus | null {
  const o = parseJson(line);
  if (!o) return null;
  switch (o.type) {
    case 'started':
      return hasNumbers(o, ['pid', 'ifindex', 'linkType', 'snaplen', 'tsresol', 'time']) &&
        hasStrings(o, ['interface', 'file']) &&
        typeof o.promisc === 'boolean' &&
        isObject(o.snmp)
        ? (o as unknown as HelperStarted)
        : null;
    case 'file':
      return hasStrings(o, ['path']) && hasNumbers(o, ['index']) ? (o as unknown as HelperFile) : null;
    case 'file-removed':
      return hasStrings(o, ['path']) ? (o as unknown as HelperFileRemoved) : null;
    case 'progress':
      return hasNumbers(o, COUNT_KEYS) && hasStrings(o, ['file']) ? (o as unknown as HelperProgress) : null;
    case 'stopped':
      return hasNumbers(o, COUNT_KEYS) && hasStrings(o, ['reason']) && Array.isArray(o.files) && isObject(o.snmp)
        ? (o as unknown as HelperStopped)
        : null;
    default:
      return null;
  }
}

/** One stderr line as an error/warning, or null for anything else (plain text from libpcap, say). */
export function parseDiagnosticLine(line: string): HelperDiagnostic | null {
  const o = parseJson(line);
  if (!o || (o.type !== 'error' && o.type !== 'warning') || !hasStrings(o, ['code', 'message'])) return null;
  return o as unknown as HelperDiagnostic;
}
