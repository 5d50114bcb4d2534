// Benchmark of the engine's first pass and of `wiresight read`, next to tshark on the same
// big capture in the same run (figures and ratios; never a pass/fail on time):
//   npm run bench               (1 GB capture; BENCH_SIZE=100M for a quick run)

import { bigCapture, fmt, timeCommand } from './benchFiles.js';

const size = process.env.BENCH_SIZE ?? '1G';
const file = bigCapture(size);
const root = new URL('../../../', import.meta.url).pathname;
console.log(`bench file: ${file}`);

const pass = timeCommand(process.execPath, [`${root}dist/test/bench/indexPass.js`, file], true);
const idx = JSON.parse(pass.stdout.trim().split('\n').pop()!);
const tshark = timeCommand('tshark', ['-r', file]);
const read = timeCommand(process.execPath, [`${root}bin/wiresight.js`, 'read', file]);

const pps = (s: number): number => idx.packets / s;
console.log('');
console.log(`| measure | seconds | packets/s | MB/s | peak RSS MiB |`);
console.log(`|---|---:|---:|---:|---:|`);
const row = (name: string, s: number, rss: number): void =>
  console.log(`| ${name} | ${s.toFixed(2)} | ${fmt(pps(s))} | ${fmt(idx.bytes / 1e6 / s, 1)} | ${fmt(rss)} |`);
row('wiresight index pass', idx.seconds, pass.peakRssMiB);
row('tshark -r FILE > /dev/null', tshark.seconds, tshark.peakRssMiB);
row('wiresight read FILE > /dev/null', read.seconds, read.peakRssMiB);
console.log('');
console.log(`packets: ${fmt(idx.packets)} (${fmt(idx.leanPackets)} through the lean path); index: ${idx.indexBytesPerPacket} B/packet (${fmt(idx.indexAllocatedMiB, 1)} MiB allocated)`);
console.log(`index pass vs tshark summary: ${(tshark.seconds / idx.seconds).toFixed(1)}x (target >= 30x)`);
console.log(`read summary lines vs tshark: ${(tshark.seconds / read.seconds).toFixed(1)}x (target >= 15x)`);
if (tshark.status !== 0 || read.status !== 0) console.log(`exit codes: tshark ${tshark.status}, wiresight read ${read.status}`);
