// Benchmark of flow tracking: the index pass over the big capture with the flow analyzer
// and without it, each in a fresh process, alternating, best of BENCH_ROUNDS by wall time
// (and each round's own ratio: a shared machine can have slow spells that last minutes);
// prints the figures and the cost ratio (target: flow tracking within 25% of the pass
// without it). On a big file the flow table runs in a thread of its own, so the pass's
// wall time is what flow tracking costs the user; the CPU time of both threads is printed
// next to it, and so is the time the pass's own thread spends on flows (handing packets
// over and taking the table back).
//   npm run build && node dist/test/bench/flowBench.js          (BENCH_SIZE=100M for a quick run)
// Internally: flowBench.js --pass FILE on|off|timed runs one pass and prints its figures as JSON.

import { bigCapture, fmt, timeCommand } from './benchFiles.js';

/** mode: 'off' without the flow analyzer, 'on' with it, 'timed' with it and its time measured. */
async function onePass(file: string, mode: string): Promise<void> {
  const withFlows = mode !== 'off';
  const { CaptureFile } = await import('../../src-main/engine/captureFile.js');
  const { FlowAnalyzer } = await import('../../src-main/engine/flows/flowAnalyzer.js');
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const cap = await CaptureFile.open(file);
  const flows = cap.analyzers.find((a): a is InstanceType<typeof FlowAnalyzer> => a instanceof FlowAnalyzer);
  if (!withFlows && flows) cap.analyzers.splice(cap.analyzers.indexOf(flows), 1);
  // time the pass's thread spends inside the flow analyzer, to set against the rest of the
  // same pass (performance.now: no allocation per call, unlike hrtime.bigint)
  let inFlows = 0;
  if (mode === 'timed' && flows) {
    const settle = flows.settle.bind(flows);
    flows.settle = () => {
      const t = performance.now();
      settle();
      inFlows += performance.now() - t;
    };
    const observe = flows.observe.bind(flows);
    flows.observe = (f, c, packet) => {
      const t = performance.now();
      observe(f, c, packet);
      inFlows += performance.now() - t;
    };
    const observeLean = flows.observeLean.bind(flows);
    flows.observeLean = (p, packet) => {
      const t = performance.now();
      observeLean(p, packet);
      inFlows += performance.now() - t;
    };
  }
  cap.indexSome();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const table = withFlows ? flows?.table : undefined;
  console.log(
    JSON.stringify({
      packets: cap.index.count,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      flowSeconds: inFlows / 1e3,
      flows: table ? table.flows.length : 0,
      alive: table ? table.aliveAt(table.now).length : 0,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
    }),
  );
  cap.close();
}

interface PassResult {
  packets: number;
  seconds: number;
  cpuSeconds: number;
  flowSeconds: number;
  flows: number;
  alive: number;
  peakRssMiB: number;
}

function measure(file: string, mode: 'on' | 'off' | 'timed'): PassResult {
  const self = new URL(import.meta.url).pathname;
  const r = timeCommand(process.execPath, [self, '--pass', file, mode], true);
  if (r.status !== 0) throw new Error(`pass ${mode} failed with status ${r.status}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as PassResult;
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--pass') {
    await onePass(args[1]!, args[2]!);
    return;
  }
  const size = process.env.BENCH_SIZE ?? '1G';
  const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
  const file = bigCapture(size);
  console.log(`bench file: ${file}`);
  const best: Record<'on' | 'off', PassResult | null> = { on: null, off: null };
  const shares: number[] = [];
  /** each round's own on/off ratio: the pair ran seconds apart, so a slow spell of the machine hits both alike */
  const pairs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const round: Partial<Record<'on' | 'off', PassResult>> = {};
    for (const mode of ['off', 'on'] as const) {
      const r = measure(file, mode);
      round[mode] = r;
      if (!best[mode] || r.seconds < best[mode]!.seconds) best[mode] = r;
    }
    pairs.push((round.on!.seconds / round.off!.seconds - 1) * 100);
    const t = measure(file, 'timed');
    shares.push((t.flowSeconds / (t.seconds - t.flowSeconds)) * 100);
  }
  const off = best.off!;
  const on = best.on!;
  console.log('');
  console.log('| index pass | wall seconds | packets per second | CPU seconds (all threads) | peak RSS MiB |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, r] of [['without flow tracking', off], ['with flow tracking', on]] as const) {
    console.log(`| ${name} | ${r.seconds.toFixed(2)} | ${fmt(r.packets / r.seconds)} | ${r.cpuSeconds.toFixed(2)} | ${fmt(r.peakRssMiB)} |`);
  }
  console.log('');
  console.log(`packets: ${fmt(on.packets)}; flows: ${fmt(on.flows)} (${fmt(on.alive)} alive at the last packet); best of ${rounds} rounds`);
  const cost = (on.seconds / off.seconds - 1) * 100;
  const cpuCost = (on.cpuSeconds / off.cpuSeconds - 1) * 100;
  console.log(`flow tracking cost: ${cost.toFixed(1)}% more wall time than the pass without it (target <= 25%); ${cpuCost.toFixed(1)}% more CPU time`);
  console.log(`the same, round by round: ${pairs.map((x) => `${x.toFixed(1)}%`).join(', ')} (median ${median(pairs).toFixed(1)}%)`);
  // within one process, contention slows both parts alike: the steadier figure
  console.log(`time the pass's thread spends on flows / the rest of its pass: ${median(shares).toFixed(1)}% (median of ${shares.length}; ${shares.map((x) => x.toFixed(1)).join(', ')})`);
}

await main();
