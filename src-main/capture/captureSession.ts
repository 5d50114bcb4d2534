// What every capture source (the helper, or `cap` in-process) looks like to its users:
// start → events (new file, progress) → stop → a summary with the kernel's counters. Also
// decides where the capture file goes when the caller did not say.

import type { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CaptureError } from './captureError.js';
import type { CaptureOptions } from './captureOptions.js';
import type { StopReason } from './helperProtocol.js';
import type { SnmpCounters } from './kernelSnmp.js';

export interface CaptureProgress {
  packets: number;
  bytes: number;
  received: number;
  dropped: number;
  ifDropped: number;
  elapsedMs: number;
  file: string;
}

export interface CaptureSummary {
  /** 'exited' when the helper ended without its stopped line (killed, crashed) */
  reason: StopReason | 'exited';
  packets: number;
  bytes: number;
  /** packets that passed the capture filter in the kernel, dropped ones included */
  received: number;
  /** dropped because the capture buffer was full */
  dropped: number;
  /** rx drops the interface counted during the capture */
  ifDropped: number;
  elapsedMs: number;
  /** capture files still on disk, oldest first */
  files: string[];
  snmpStart: SnmpCounters | null;
  snmpEnd: SnmpCounters | null;
  snmpDelta: SnmpCounters | null;
  /** set when the capture ended because of an error */
  error: CaptureError | null;
}

export interface CaptureStartInfo {
  source: 'helper' | 'cap';
  interface: string;
  netns: string | null;
  linkType: number;
  snaplen: number;
  promisc: boolean;
  /** decimal exponent of the file's timestamps (9 = ns) */
  tsresol: number;
  filter: string;
  /** first capture file, or '-' for a stdout stream */
  file: string;
  /** helper pid; null for in-process capture */
  pid: number | null;
}

export type CaptureSessionEvents = {
  /** a new capture file was started (also emitted for the first one, before start resolves) */
  file: [path: string, index: number];
  /** the ring buffer deleted its oldest file */
  'file-removed': [path: string];
  progress: [progress: CaptureProgress];
  warning: [message: string];
  stopped: [summary: CaptureSummary];
};

export interface CaptureSession extends EventEmitter<CaptureSessionEvents> {
  readonly info: CaptureStartInfo;
  /** capture files on disk right now, oldest first */
  readonly files: readonly string[];
  /** the temporary folder holding the files when the caller gave no -w, else null */
  readonly tempDir: string | null;
  /** resolves when the capture has ended, for whatever reason */
  readonly done: Promise<CaptureSummary>;
  /** Asks the capture to stop, flushing everything; resolves like `done`. */
  stop(): Promise<CaptureSummary>;
  /** Deletes the temporary folder (if any); call once the files have been read. */
  dispose(): void;
}

export interface CaptureOutput {
  /** path for the helper's -w ('-' for stdout) */
  outPath: string;
  tempDir: string | null;
}

/** Where the capture goes: the caller's file, stdout, or capture.pcapng in a new private temp folder. */
export function prepareOutput(o: CaptureOptions): CaptureOutput {
  if (o.outFile === '-') return { outPath: '-', tempDir: null };
  if (o.outFile) return { outPath: path.resolve(o.outFile), tempDir: null };
  const tempDir = mkdtempSync(path.join(tmpdir(), 'wiresight-capture-'));
  return { outPath: path.join(tempDir, 'capture.pcapng'), tempDir };
}

export function removeTempDir(dir: string | null): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
