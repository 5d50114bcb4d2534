// One index pass over a file in a fresh process, printing its figures as JSON: packets,
// seconds, peak RSS and index bytes per packet. Run by indexBench.ts.

import { statSync } from 'node:fs';
import { CaptureFile } from '../../src-main/engine/captureFile.js';

const path = process.argv[2];
if (!path) throw new Error('usage: indexPass.js FILE');
const start = process.hrtime.bigint();
const cap = await CaptureFile.open(path);
cap.indexSome();
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const x = cap.index;
console.log(
  JSON.stringify({
    packets: x.count,
    leanPackets: cap.leanPackets,
    seconds,
    bytes: statSync(path).size,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    indexBytesPerPacket: x.bytesPerPacket(),
    indexAllocatedMiB: x.allocatedBytes() / 2 ** 20,
    damage: cap.damage,
  }),
);
cap.close();
