// Display-filter benchmark on the big capture, next to `tshark -Y` in the same run:
// for five representative filters, the whole filtered read (read + dissect + analyze +
// match) and the cost of match() alone per million packets. Figures only, no assertions.
//   npm run bench:filter        (BENCH_SIZE=100M for a quick run)

import { CaptureReader } from '../../src-main/engine/read/captureReader.js';
import { PacketPass } from '../../src-main/engine/pass/packetPass.js';
import { standardAnalyzers } from '../../src-main/engine/pass/standardAnalyzers.js';
import { compileFilter, isFilterError, type CompiledFilter } from '../../src-main/engine/filter/index.js';
import { bigCapture, fmt, timeCommand } from './benchFiles.js';

const FILTERS = [
  'tcp.port == 80',
  'ip.addr == 198.18.0.0/16 && tcp.flags.syn == 1',
  'udp.port in {53, 5353} || icmp || icmpv6',
  'tcp.analysis.retransmission || tcp.analysis.duplicate_ack',
  'eth.src[0:3] == 02:00:00 || frame.len > 1400',
];

const file = bigCapture(process.env.BENCH_SIZE ?? '1G');
const root = new URL('../../../', import.meta.url).pathname;
console.log(`bench file: ${file}\n`);

const compiled: CompiledFilter[] = FILTERS.map((text) => {
  const c = compileFilter(text);
  if (isFilterError(c)) throw new Error(`${text}: ${c.message}`);
  return c;
});

// match() alone, over every packet's record as the pass leaves it
const reader = await CaptureReader.open(file);
const pass = new PacketPass(reader, standardAnalyzers());
const spent = new Array<bigint>(FILTERS.length).fill(0n);
const hits = new Array<number>(FILTERS.length).fill(0);
let packets = 0;
while (pass.next()) {
  packets++;
  for (let k = 0; k < compiled.length; k++) {
    const t = process.hrtime.bigint();
    if (compiled[k]!.match(pass.f)) hits[k]!++;
    spent[k] = spent[k]! + (process.hrtime.bigint() - t);
  }
}
reader.close();

console.log('| filter | matches | match() per 1M packets | wiresight read -Y s | tshark -Y s | ratio |');
console.log('|---|---:|---:|---:|---:|---:|');
for (let k = 0; k < FILTERS.length; k++) {
  const perMillion = Number(spent[k]!) / 1e9 / (packets / 1e6);
  const ours = timeCommand(process.execPath, [`${root}bin/wiresight.js`, 'read', file, '-Y', FILTERS[k]!, '-T', 'fields', '-e', 'frame.number']);
  const tshark = timeCommand('tshark', ['-r', file, '-Y', FILTERS[k]!, '-T', 'fields', '-e', 'frame.number']);
  console.log(
    `| \`${FILTERS[k]}\` | ${fmt(hits[k]!)} | ${(perMillion * 1000).toFixed(0)} ms | ${ours.seconds.toFixed(2)} | ${tshark.seconds.toFixed(2)} | ${(tshark.seconds / ours.seconds).toFixed(1)}x |`,
  );
}
console.log(`\npackets: ${fmt(packets)}. "match() per 1M" is the compiled predicate alone on dissected records;`);
console.log('"read -Y" is the whole filtered read (dissection included), the figure to set against tshark.');
