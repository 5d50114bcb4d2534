// Live-capture benchmark: small-packet UDP and TCP bulk over a veth between two test
// namespaces at increasing rates, captured at the same time by the helper and by
// `tcpdump -w` with the same buffer and snaplen. Prints packets/s on the wire and captured,
// and kernel drops, for both (figures only, no pass/fail). Needs root:
//   npm run build && sudo node dist/test/bench/liveCaptureBench.js
// BENCH_SECONDS (default 2) sets the length of each run.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { listInterfaces } from '../../src-main/capture/interfaceList.js';
import { HELPER, createVethPair, liveSkipReason, runHelper, tempDir, waitFor, type VethPair } from '../live/liveEnv.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const BUFFER_MIB = 4;
const SNAPLEN = 262144;
/** Not B's address, but B's MAC: B receives the frames and, not forwarding, drops them silently. */
const BLACKHOLE = '198.18.0.77';

/** BENCH_HELPER_ARGS="--block-timeout 100" tries other helper settings. */
const EXTRA_HELPER_ARGS = (process.env.BENCH_HELPER_ARGS ?? '').split(/\s+/).filter(Boolean);
const ONLY = process.env.BENCH_ONLY; // "udp" or "tcp"

const fmt = (v: number): string => Math.round(v).toLocaleString('en-US');

const UDP_GEN = `
const dgram = require('node:dgram');
const [ip, rate, seconds] = process.argv.slice(1).map((v, i) => (i ? Number(v) : v));
const s = dgram.createSocket('udp4');
const payload = Buffer.alloc(18); // 14 + 20 + 8 + 18 = a 60-byte frame
s.connect(9, ip, () => {
  const t0 = process.hrtime.bigint();
  let sent = 0;
  const tick = () => {
    const el = Number(process.hrtime.bigint() - t0) / 1e9;
    if (el >= seconds) return s.close();
    const due = rate > 0 ? Math.min(Math.floor(el * rate) - sent, 2000) : 500;
    for (let i = 0; i < due; i++) s.send(payload);
    sent += Math.max(due, 0);
    setImmediate(tick);
  };
  tick();
});
`;

const TCP_SINK = `
const net = require('node:net');
const srv = net.createServer((c) => { c.resume(); c.on('end', () => srv.close()); });
srv.listen(5001, process.argv[1], () => console.log('ready'));
`;

const TCP_GEN = `
const net = require('node:net');
const [ip, bitsPerS, seconds] = process.argv.slice(1).map((v, i) => (i ? Number(v) : v));
const chunk = Buffer.alloc(64 * 1024);
const c = net.connect(5001, ip, () => {
  const t0 = process.hrtime.bigint();
  let sent = 0;
  const tick = () => {
    const el = Number(process.hrtime.bigint() - t0) / 1e9;
    if (el >= seconds) return c.end();
    if (bitsPerS === 0 || sent * 8 < el * bitsPerS) {
      sent += chunk.length;
      if (!c.write(chunk)) return c.once('drain', tick);
    }
    setImmediate(tick);
  };
  tick();
});
`;

function nodeInNs(ns: string, script: string, args: (string | number)[]): { child: ChildProcess; ready: Promise<void>; done: Promise<void> } {
  const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '-e', script, ...args.map(String)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<void>((r) => createInterface({ input: child.stdout! }).on('line', (l) => l === 'ready' && r()));
  const done = new Promise<void>((r) => child.on('close', () => r()));
  return { child, ready, done };
}

interface CaptureResult {
  captured: number;
  dropped: number;
}

function startTcpdump(pair: VethPair, file: string) {
  const child = spawn('ip', ['netns', 'exec', pair.nsB, 'tcpdump', '-i', pair.ifB, '-w', file, '-B', String(BUFFER_MIB * 1024), '-s', String(SNAPLEN), '-n'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exit = new Promise<void>((r) => child.on('close', () => r()));
  return {
    ready: () => waitFor(() => stderr.includes('listening on'), 5000),
    async stop(): Promise<CaptureResult> {
      child.kill('SIGTERM');
      await exit;
      const num = (re: RegExp) => Number(re.exec(stderr)?.[1] ?? NaN);
      return { captured: num(/(\d+) packets? captured/), dropped: num(/(\d+) packets? dropped by kernel/) };
    },
  };
}

/** Packets through the captured interface, both directions (the capture sees B's ACKs too). */
async function wirePackets(pair: VethPair): Promise<number> {
  const l = await listInterfaces({ netns: pair.nsB, helperPath: HELPER });
  const c = l.interfaces.find((i) => i.name === pair.ifB)!.counters!;
  return c.rxPackets + c.txPackets;
}

interface Row {
  traffic: string;
  target: string;
  wire: number;
  helper: CaptureResult;
  tcpdump: CaptureResult;
}

async function measure(pair: VethPair, dir: string, traffic: string, target: string, generate: () => Promise<void>): Promise<Row> {
  const tag = `${traffic}-${target}`.replace(/[^a-z0-9]+/gi, '_');
  const helper = runHelper(['--netns', pair.nsB, '-i', pair.ifB, '-w', path.join(dir, `${tag}.helper.pcapng`), '-B', String(BUFFER_MIB), '-s', String(SNAPLEN), ...EXTRA_HELPER_ARGS]);
  const tcpdump = startTcpdump(pair, path.join(dir, `${tag}.tcpdump.pcap`));
  try {
    await helper.started;
    if (!(await tcpdump.ready())) throw new Error('tcpdump did not start');
    const wire0 = await wirePackets(pair);
    await generate();
    // tcpdump reads a TPACKET_V3 block only when it is full or after its 1 s timeout, and does
    // not drain on SIGTERM: wait that out so the columns compare drops, not stop behaviour
    await new Promise((r) => setTimeout(r, 1200));
    const wire = (await wirePackets(pair)) - wire0;
    await helper.stop();
    const stopped = helper.stopped();
    const t = await tcpdump.stop();
    return { traffic, target, wire, helper: { captured: stopped?.packets ?? NaN, dropped: stopped?.dropped ?? NaN }, tcpdump: t };
  } finally {
    helper.child.kill('SIGKILL');
  }
}

function printRow(r: Row): void {
  const pps = (n: number) => fmt(n / SECONDS);
  console.log(`| ${r.traffic} | ${r.target} | ${pps(r.wire)} | ${pps(r.helper.captured)} | ${fmt(r.helper.dropped)} | ${pps(r.tcpdump.captured)} | ${fmt(r.tcpdump.dropped)} |`);
}

async function main(): Promise<void> {
  const skip = liveSkipReason();
  if (skip) return void console.log(`live capture benchmark skipped: ${skip}`);
  if (spawnSync('sh', ['-c', 'command -v tcpdump']).status !== 0) return void console.log('live capture benchmark skipped: needs tcpdump');
  const pair = createVethPair();
  const tmp = tempDir();
  const rows: Row[] = [];
  try {
    spawnSync('ip', ['-n', pair.nsA, 'neigh', 'add', BLACKHOLE, 'lladdr', pair.macB, 'dev', pair.ifA, 'nud', 'permanent']);
    // MTU-sized TCP segments, as a NIC would deliver them, rather than 64 KiB GSO super-packets
    spawnSync('ip', ['netns', 'exec', pair.nsA, 'ethtool', '-K', pair.ifA, 'tso', 'off', 'gso', 'off'], { stdio: 'ignore' });
    console.log(`${SECONDS} s per run; both capture ${pair.ifB} with a ${BUFFER_MIB} MiB buffer and snaplen ${SNAPLEN}; packets/s are averages over the run`);
    console.log('');
    console.log('| traffic | target | on the wire pkt/s | helper pkt/s | helper kernel drops | tcpdump pkt/s | tcpdump kernel drops |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const rate of ONLY === 'tcp' ? [] : [20_000, 50_000, 100_000, 200_000, 0]) {
      const row = await measure(pair, tmp.dir, 'UDP 60-byte frames', rate ? `${fmt(rate)} pkt/s` : 'max', () =>
        nodeInNs(pair.nsA, UDP_GEN, [BLACKHOLE, rate, SECONDS]).done);
      rows.push(row);
      printRow(row);
    }
    for (const mbit of ONLY === 'udp' ? [] : [200, 1000, 0]) {
      const row = await measure(pair, tmp.dir, 'TCP bulk', mbit ? `${fmt(mbit)} Mbit/s` : 'max', async () => {
        const sink = nodeInNs(pair.nsB, TCP_SINK, [pair.ipB]);
        await sink.ready;
        await nodeInNs(pair.nsA, TCP_GEN, [pair.ipB, mbit * 1e6, SECONDS]).done;
        await sink.done;
      });
      rows.push(row);
      printRow(row);
    }
  } finally {
    pair.teardown();
    tmp.remove();
  }
  const worse = rows.filter((r) => r.helper.dropped > r.tcpdump.dropped);
  console.log('');
  console.log(worse.length === 0
    ? 'helper dropped no more than tcpdump in any run'
    : `helper dropped more than tcpdump in: ${worse.map((r) => `${r.traffic} @ ${r.target}`).join('; ')}`);
}

await main();
