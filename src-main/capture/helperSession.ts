// A capture run by the native helper: spawns it with a status pipe on fd 3, turns its JSON
// lines into session events, and stops it with SIGTERM (SIGKILL only if it hangs). The
// helper owns the file, so if this process dies the helper notices its pipes closing,
// finishes the file and exits: nothing is lost.

import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { CaptureError } from './captureError.js';
import { helperArgs, type CaptureOptions } from './captureOptions.js';
import {
  prepareOutput, removeTempDir, type CaptureProgress, type CaptureSession, type CaptureSessionEvents,
  type CaptureStartInfo, type CaptureSummary,
} from './captureSession.js';
import {
  parseDiagnosticLine, parseStatusLine, type HelperDiagnostic, type HelperProgress, type HelperStarted,
  type HelperStatus, type HelperStopped,
} from './helperProtocol.js';
import { readSnmp, snmpDelta, type SnmpCounters } from './kernelSnmp.js';

const STATUS_FD = 3;
/** How long stop() waits for the helper to flush and exit before SIGKILL. */
const STOP_GRACE_MS = 5000;

export class HelperCaptureSession extends EventEmitter<CaptureSessionEvents> implements CaptureSession {
  info!: CaptureStartInfo;
  readonly done: Promise<CaptureSummary>;
  private files_: string[] = [];
  private started: HelperStarted | null = null;
  private lastProgress: HelperProgress | null = null;
  private stoppedLine: HelperStopped | null = null;
  private lastError: HelperDiagnostic | null = null;
  private stderrText: string[] = [];
  private resolveDone!: (s: CaptureSummary) => void;
  private exited = false;
  private killTimer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly child: ChildProcess,
    private readonly opts: CaptureOptions,
    private readonly helperPath: string,
    readonly tempDir: string | null,
  ) {
    super();
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  get files(): readonly string[] {
    return this.files_;
  }

  /**
   * Starts the helper and resolves once it is capturing (its "started" line); rejects with
   * the helper's own error (code + message) when it cannot start.
   */
  static start(helperPath: string, opts: CaptureOptions): Promise<HelperCaptureSession> {
    const out = prepareOutput(opts);
    const streaming = out.outPath === '-';
    // stdout is a pipe even when unused: its closing tells the helper we are gone
    const child = spawn(helperPath, helperArgs(opts, out.outPath, STATUS_FD), {
      stdio: ['ignore', streaming ? 'inherit' : 'pipe', 'pipe', 'pipe'],
    });
    const session = new HelperCaptureSession(child, opts, helperPath, out.tempDir);
    return session.waitForStart();
  }

  private waitForStart(): Promise<HelperCaptureSession> {
    return new Promise((resolve, reject) => {
      const child = this.child;
      child.stdout?.resume();
      lines(child.stdio[STATUS_FD] as Readable, (l) => {
        const status = parseStatusLine(l);
        if (!status) return;
        this.onStatus(status);
        if (status.type === 'started') resolve(this);
      });
      lines(child.stderr!, (l) => {
        const diag = parseDiagnosticLine(l);
        if (!diag) {
          if (l.trim()) this.stderrText.push(l);
        } else if (diag.type === 'error') {
          this.lastError = diag;
        } else {
          this.emit('warning', diag.message);
        }
      });
      child.on('error', (err) => {
        this.exited = true;
        removeTempDir(this.tempDir);
        reject(new CaptureError('ENOHELPER', `Cannot run the capture helper ${this.helperPath}: ${err.message}`));
      });
      child.on('close', (code, signal) => {
        this.exited = true;
        if (this.killTimer) clearTimeout(this.killTimer);
        if (!this.started) {
          removeTempDir(this.tempDir);
          reject(this.exitError(code, signal));
          return;
        }
        void this.finish(code, signal);
      });
    });
  }

  private onStatus(s: HelperStatus): void {
    switch (s.type) {
      case 'started':
        this.started = s;
        this.info = {
          source: 'helper', interface: s.interface, netns: s.netns, linkType: s.linkType, snaplen: s.snaplen,
          promisc: s.promisc, tsresol: s.tsresol, filter: s.filter, file: s.file, pid: s.pid,
        };
        break;
      case 'file':
        if (s.path !== '-') this.files_.push(s.path);
        this.emit('file', s.path, s.index);
        break;
      case 'file-removed':
        this.files_ = this.files_.filter((f) => f !== s.path);
        this.emit('file-removed', s.path);
        break;
      case 'progress':
        this.lastProgress = s;
        this.emit('progress', progressOf(s));
        break;
      case 'stopped':
        this.stoppedLine = s;
        break;
    }
  }

  private exitError(code: number | null, signal: NodeJS.Signals | null): CaptureError {
    if (this.lastError) return new CaptureError(this.lastError.code, this.lastError.message);
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const text = this.stderrText.length ? `: ${this.stderrText.join(' ')}` : '';
    return new CaptureError('EHELPER', `The capture helper ${how}${text}`);
  }

  private async finish(code: number | null, signal: NodeJS.Signals | null): Promise<void> {
    const st = this.stoppedLine;
    let snmpEnd: SnmpCounters | null = st?.snmp ?? null;
    if (!snmpEnd) {
      snmpEnd = await readSnmp({ netns: this.opts.netns, helperPath: this.helperPath }).catch(() => null);
    }
    const snmpStart = this.started?.snmp ?? null;
    const counts = st ?? this.lastProgress;
    const failed = code !== 0 || (st?.reason === 'error');
    const summary: CaptureSummary = {
      reason: st?.reason ?? 'exited',
      packets: counts?.packets ?? 0,
      bytes: counts?.bytes ?? 0,
      received: counts?.received ?? 0,
      dropped: counts?.dropped ?? 0,
      ifDropped: counts?.ifDropped ?? 0,
      elapsedMs: counts?.elapsedMs ?? 0,
      files: st ? st.files.filter((f) => f !== '-') : [...this.files_],
      snmpStart,
      snmpEnd,
      snmpDelta: snmpStart && snmpEnd ? snmpDelta(snmpStart, snmpEnd) : null,
      error: failed ? this.exitError(code, signal) : null,
    };
    this.emit('stopped', summary);
    this.resolveDone(summary);
  }

  stop(): Promise<CaptureSummary> {
    if (!this.exited && this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      this.killTimer ??= setTimeout(() => {
        if (!this.exited) this.child.kill('SIGKILL');
      }, STOP_GRACE_MS);
    }
    return this.done;
  }

  dispose(): void {
    removeTempDir(this.tempDir);
  }
}

function progressOf(p: HelperProgress): CaptureProgress {
  return {
    packets: p.packets, bytes: p.bytes, received: p.received, dropped: p.dropped, ifDropped: p.ifDropped,
    elapsedMs: p.elapsedMs, file: p.file,
  };
}

function lines(stream: Readable, onLine: (line: string) => void): void {
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
}
