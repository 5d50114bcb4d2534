// Benchmark of flow tracking: the index pass over the big capture with the flow analyzer
// and without it, each in a fresh process, alternating, best of ROUNDS; prints the figures
// and the cost ratio (target: flow tracking within 25% of the pass without it).
//   npm run build && node dist/test/bench/flowBench.js          (BENCH_SIZE=100M for a quick run)
// Internally: flowBench.js --pass FILE on|off runs one pass and prints its figures as JSON.

import { bigCapture, fmt, timeCommand } from './benchFiles.js';

async function onePass(file: string, withFlows: boolean): Promise<void> {
  const { CaptureFile } = await import('../../src-main/engine/captureFile.js');
  const { FlowAnalyzer } = await import('../../src-main/engine/flows/flowAnalyzer.js');
  const start = process.hrtime.bigint();
  const cap = await CaptureFile.open(file);
  const flows = cap.analyzers.find((a): a is InstanceType<typeof FlowAnalyzer> => a instanceof FlowAnalyzer);
  if (!withFlows && flows) cap.analyzers.splice(cap.analyzers.indexOf(flows), 1);
  cap.indexSome();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const table = withFlows ? flows?.table : undefined;
  console.log(
    JSON.stringify({
      packets: cap.index.count,
      seconds,
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
  flows: number;
  alive: number;
  peakRssMiB: number;
}

function measure(file: string, mode: 'on' | 'off'): PassResult {
  const self = new URL(import.meta.url).pathname;
  const r = timeCommand(process.execPath, [self, '--pass', file, mode], true);
  if (r.status !== 0) throw new Error(`pass ${mode} failed with status ${r.status}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as PassResult;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--pass') {
    await onePass(args[1]!, args[2] === 'on');
    return;
  }
  const size = process.env.BENCH_SIZE ?? '1G';
  const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
  const file = bigCapture(size);
  console.log(`bench file: ${file}`);
  const best: Record<'on' | 'off', PassResult | null> = { on: null, off: null };
  for (let i = 0; i < rounds; i++) {
    for (const mode of ['off', 'on'] as const) {
      const r = measure(file, mode);
      if (!best[mode] || r.seconds < best[mode]!.seconds) best[mode] = r;
    }
  }
  const off = best.off!;
  const on = best.on!;
  console.log('');
  console.log('| index pass | seconds | packets/s | peak RSS MiB |');
  console.log('|---|---:|---:|---:|');
  console.log(`| without flow tracking | ${off.seconds.toFixed(2)} | ${fmt(off.packets / off.seconds)} | ${fmt(off.peakRssMiB)} |`);
  console.log(`| with flow tracking | ${on.seconds.toFixed(2)} | ${fmt(on.packets / on.seconds)} | ${fmt(on.peakRssMiB)} |`);
  console.log('');
  console.log(`packets: ${fmt(on.packets)}; flows: ${fmt(on.flows)} (${fmt(on.alive)} alive at the last packet); best of ${rounds} rounds`);
  const cost = (on.seconds / off.seconds - 1) * 100;
  console.log(`flow tracking cost: ${cost.toFixed(1)}% of the pass without it (target <= 25%)`);
}

await main();
