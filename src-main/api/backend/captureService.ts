// Live capture for the UI: starts the capture (the privileged helper, see src-main/capture),
// hands its growing pcapng file to the engine to follow, reports status (counts, drops)
// as events, and on failure says why with the one-step fix when it is a permission problem.

import { execFile } from 'node:child_process';
import type { CaptureSession } from '../../capture/captureSession.js';
import { CaptureError } from '../../capture/captureError.js';
import { findHelper, defaultHelperPath } from '../../capture/helperPath.js';
import { startCapture } from '../../capture/startCapture.js';
import { ApiError } from '../apiError.js';
import type { CaptureStartParams, CaptureStatus } from '../contract.js';
import type { EventHub } from './eventHub.js';

export interface LiveFileSink {
  openLive(path: string): Promise<unknown>;
  liveEnded(): Promise<unknown>;
}

const idle = (): CaptureStatus => ({
  state: 'idle', iface: null, netns: null, filter: '', packets: 0, dropped: 0, ifDropped: 0, elapsedMs: 0, file: null, error: null,
});

/** The command that lets the helper capture without root (run through pkexec from the UI). */
export function grantArgs(helper: string): string[] {
  return ['setcap', 'cap_net_raw,cap_net_admin+eip', helper];
}

export class CaptureService {
  private session: CaptureSession | null = null;
  private status_: CaptureStatus = idle();
  /** temp folders of earlier captures, deleted when the next one starts or on dispose */
  private leftovers: CaptureSession[] = [];

  constructor(
    private readonly events: EventHub,
    private readonly sink: LiveFileSink,
  ) {}

  get status(): CaptureStatus {
    return { ...this.status_ };
  }

  private set(patch: Partial<CaptureStatus>): void {
    this.status_ = { ...this.status_, ...patch };
    this.events.emit('captureStatus', this.status);
  }

  async start(p: CaptureStartParams): Promise<CaptureStatus> {
    if (this.session) throw new ApiError('EBUSY', 'a capture is already running; stop it first');
    if (typeof p.iface !== 'string' || p.iface === '') throw new ApiError('EBADPARAMS', 'choose an interface to capture on');
    for (const old of this.leftovers.splice(0)) old.dispose();
    this.status_ = { ...idle(), state: 'starting', iface: p.iface, netns: p.netns ?? null, filter: p.filter ?? '' };
    this.events.emit('captureStatus', this.status);
    let session: CaptureSession;
    try {
      session = await startCapture({
        iface: p.iface,
        ...(p.netns ? { netns: p.netns } : {}),
        ...(p.filter ? { filter: p.filter } : {}),
        promisc: p.promisc !== false,
        progressIntervalS: 0.25,
      });
    } catch (err) {
      this.set({ state: 'failed', error: describe(err) });
      return this.status;
    }
    this.session = session;
    session.on('progress', (pr) => this.set({ packets: pr.packets, dropped: pr.dropped, ifDropped: pr.ifDropped, elapsedMs: pr.elapsedMs }));
    session.on('stopped', (s) => {
      if (this.session === session) this.session = null;
      this.leftovers.push(session);
      void this.sink.liveEnded().catch(() => undefined);
      this.set({
        state: s.error ? 'failed' : 'stopped',
        packets: s.packets, dropped: s.dropped, ifDropped: s.ifDropped, elapsedMs: s.elapsedMs,
        error: s.error ? describe(s.error) : null,
      });
    });
    const file = session.files[0] ?? session.info.file;
    this.set({ state: 'running', file });
    try {
      await this.sink.openLive(file);
    } catch (err) {
      await session.stop();
      throw err;
    }
    return this.status;
  }

  async stop(): Promise<CaptureStatus> {
    const s = this.session;
    if (!s) return this.status;
    this.set({ state: 'stopping' });
    await s.stop();
    return this.status;
  }

  /** Runs `pkexec setcap ...` on the helper (a graphical password prompt on a desktop). */
  grant(): Promise<{ ok: boolean; message: string }> {
    const helper = findHelper() ?? defaultHelperPath();
    return new Promise((resolve) => {
      execFile('pkexec', grantArgs(helper), { timeout: 120_000 }, (err, _out, stderr) => {
        if (err) resolve({ ok: false, message: `pkexec setcap failed: ${(stderr || err.message).trim()}` });
        else resolve({ ok: true, message: `The capture helper may now capture (${helper}).` });
      });
    });
  }

  async dispose(): Promise<void> {
    if (this.session) await this.session.stop().catch(() => undefined);
    for (const old of this.leftovers.splice(0)) old.dispose();
  }
}

/** A capture failure as the UI shows it, with the fix for permission problems. */
export function describe(err: unknown): NonNullable<CaptureStatus['error']> {
  const code = err instanceof CaptureError ? err.code : 'ECAPTURE';
  const message = err instanceof Error ? err.message : String(err);
  let fix: string | null = null;
  if (code === 'EPERM') {
    const helper = findHelper() ?? defaultHelperPath();
    fix = `pkexec ${grantArgs(helper).join(' ')}`;
  } else if (code === 'ENOHELPER') {
    fix = 'npm run build:native';
  }
  return { code, message, fix };
}
