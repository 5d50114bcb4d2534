// Shared machinery for the tests that really capture: whether they can run here (root,
// the helper built, `ip netns` usable), test namespaces joined by a veth pair (names
// prefixed ws-, random suffix, always torn down), and running the helper with its status pipe.

import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { findHelper } from '../../src-main/capture/helperPath.js';
import { parseDiagnosticLine, parseStatusLine, type HelperDiagnostic, type HelperStarted, type HelperStatus, type HelperStopped } from '../../src-main/capture/helperProtocol.js';

export const HELPER = findHelper();

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

let cachedReason: string | false | undefined;

/** Why the live tests cannot run here, or false when they can. */
export function liveSkipReason(): string | false {
  if (cachedReason !== undefined) return cachedReason;
  cachedReason = (() => {
    if (process.platform !== 'linux') return 'live capture tests need Linux';
    if (process.getuid?.() !== 0) return 'live capture tests need root (they create network namespaces); run them with sudo';
    if (!HELPER) return 'the capture helper is not built: run "npm run build:native"';
    for (const cmd of ['ip', 'tshark', 'ping']) if (!has(cmd)) return `live capture tests need "${cmd}"`;
    const probe = `ws-probe-${randomBytes(3).toString('hex')}`;
    const r = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
    if (r.status !== 0) return `cannot create network namespaces here: ${r.stderr.trim()}`;
    spawnSync('ip', ['netns', 'del', probe]);
    return false;
  })();
  if (cachedReason) process.stdout.write(`# live capture tests skipped: ${cachedReason}\n`);
  return cachedReason;
}

export function sh(cmd: string, args: string[], input?: string): string {
  return execFileSync(cmd, args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Runs a command inside a namespace and returns its stdout. */
export function inNs(ns: string, cmd: string, args: string[]): string {
  return sh('ip', ['netns', 'exec', ns, cmd, ...args]);
}

export interface VethPair {
  nsA: string;
  nsB: string;
  ifA: string;
  ifB: string;
  ipA: string;
  ipB: string;
  macA: string;
  macB: string;
  /** A bridge in nsA with ifA as its port (only with { bridge: true }); it holds ipA. */
  bridge: string | null;
  teardown(): void;
}

function mac(ns: string, dev: string): string {
  const info = JSON.parse(sh('ip', ['-n', ns, '-j', 'link', 'show', dev])) as Array<{ address: string }>;
  return info[0]!.address;
}

/**
 * Two namespaces joined by a veth pair, IPv4 only (IPv6 disabled before the links come up)
 * with permanent neighbour entries, so the wire carries exactly the traffic a test sends:
 * no ARP, no neighbour discovery, no MLD. With `bridge`, nsA's end is a port of a bridge,
 * which (unlike a veth) only passes frames for foreign MAC addresses up when promiscuous.
 */
export function createVethPair(o: { bridge?: boolean } = {}): VethPair {
  const sfx = randomBytes(2).toString('hex');
  const nsA = `ws-a-${sfx}`;
  const nsB = `ws-b-${sfx}`;
  const ifA = `ws-va-${sfx}`;
  const ifB = `ws-vb-${sfx}`;
  const bridge = o.bridge ? `ws-br-${sfx}` : null;
  const ipA = '198.18.0.1';
  const ipB = '198.18.0.2';
  const teardown = () => {
    spawnSync('ip', ['netns', 'del', nsA]);
    spawnSync('ip', ['netns', 'del', nsB]);
  };
  try {
    sh('ip', ['netns', 'add', nsA]);
    sh('ip', ['netns', 'add', nsB]);
    sh('ip', ['link', 'add', ifA, 'netns', nsA, 'type', 'veth', 'peer', 'name', ifB, 'netns', nsB]);
    const hostA = bridge ?? ifA;
    if (bridge) {
      sh('ip', ['-n', nsA, 'link', 'add', bridge, 'type', 'bridge']);
      sh('ip', ['-n', nsA, 'link', 'set', ifA, 'master', bridge]);
    }
    for (const [ns, devs] of [[nsA, bridge ? [ifA, bridge] : [ifA]], [nsB, [ifB]]] as const) {
      for (const dev of devs) inNs(ns, 'sysctl', ['-q', '-w', `net.ipv6.conf.${dev}.disable_ipv6=1`]);
    }
    sh('ip', ['-n', nsA, 'addr', 'add', `${ipA}/24`, 'brd', '+', 'dev', hostA]);
    sh('ip', ['-n', nsB, 'addr', 'add', `${ipB}/24`, 'dev', ifB]);
    const macA = mac(nsA, hostA);
    const macB = mac(nsB, ifB);
    sh('ip', ['-n', nsA, 'neigh', 'add', ipB, 'lladdr', macB, 'dev', hostA, 'nud', 'permanent']);
    sh('ip', ['-n', nsB, 'neigh', 'add', ipA, 'lladdr', macA, 'dev', ifB, 'nud', 'permanent']);
    sh('ip', ['-n', nsA, 'link', 'set', ifA, 'up']);
    if (bridge) sh('ip', ['-n', nsA, 'link', 'set', bridge, 'up']);
    sh('ip', ['-n', nsB, 'link', 'set', ifB, 'up']);
    return { nsA, nsB, ifA, ifB, ipA, ipB, macA, macB, bridge, teardown };
  } catch (err) {
    teardown();
    throw err;
  }
}

export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ws-live-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunningHelper {
  child: ChildProcess;
  /** resolves with the started line, rejects if the helper exits first */
  started: Promise<HelperStarted>;
  statuses: HelperStatus[];
  diagnostics: HelperDiagnostic[];
  stderr: string[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stopped(): HelperStopped | undefined;
  /** SIGTERM and wait for exit */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function lines(stream: Readable, onLine: (l: string) => void): void {
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
}

/** Starts the helper with a status pipe on fd 3 (args without --status-fd). */
export function runHelper(args: string[], o: { helper?: string; wrap?: string[] } = {}): RunningHelper {
  const helper = o.helper ?? HELPER!;
  const [cmd, ...pre] = [...(o.wrap ?? []), helper];
  const child = spawn(cmd!, [...pre, ...args, '--status-fd', '3'], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  child.stdout!.resume();
  const statuses: HelperStatus[] = [];
  const diagnostics: HelperDiagnostic[] = [];
  const stderr: string[] = [];
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const started = new Promise<HelperStarted>((resolve, reject) => {
    lines(child.stdio[3] as Readable, (l) => {
      const s = parseStatusLine(l);
      if (!s) return;
      statuses.push(s);
      if (s.type === 'started') resolve(s);
    });
    void exit.then(({ code }) => reject(new Error(`helper exited (${code}) before starting: ${stderr.join('\n')}`)));
  });
  started.catch(() => undefined);
  lines(child.stderr!, (l) => {
    stderr.push(l);
    const d = parseDiagnosticLine(l);
    if (d) diagnostics.push(d);
  });
  return {
    child, started, statuses, diagnostics, stderr, exit,
    stopped: () => statuses.find((s): s is HelperStopped => s.type === 'stopped'),
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exit;
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until cond() is true or the timeout passes; returns cond()'s last value. */
export async function waitFor(cond: () => boolean, timeoutMs = 5000, stepMs = 20): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) return false;
    await sleep(stepMs);
  }
  return true;
}
