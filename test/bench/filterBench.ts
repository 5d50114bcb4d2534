// Display-filter benchmark on the big capture, next to `tshark -Y` in the same run. The
// file is indexed once (as the app does on open); then each of five representative
// filters runs over every indexed packet, as the filter bar does, and the time per
// million packets is set against tshark's filtered read of the same file per million
// packets. Figures only, no assertions.
//   npm run bench:filter        (BENCH_SIZE=100M for a quick run)

import { CaptureFile } from '../../src-main/engine/captureFile.js';
import { compileFilter, isFilterError } from '../../src-main/engine/filter/index.js';
import { bigCapture, fmt, timeCommand } from './benchFiles.js';

const FILTERS = [
  'tcp.port == 80',
  'ip.addr == 198.18.0.0/16 && tcp.flags.syn == 1',
  'udp.port in {53, 5353} || icmp || icmpv6',
  'tcp.analysis.retransmission || tcp.analysis.duplicate_ack',
  'frame.len > 1400 && tcp.flags.ack == 1',
];
/** Filters on Wiresight's own fields (no tshark equivalent): timed, without a ratio. */
const OWN_FILTERS = ['ct.state == "ESTABLISHED" && ct.assured', 'conn.state == "REJ"'];

const file = bigCapture(process.env.BENCH_SIZE ?? '1G');
console.log(`bench file: ${file}\n`);

const t0 = process.hrtime.bigint();
const cap = await CaptureFile.open(file);
cap.indexSome();
const packets = cap.index.count;
console.log(`indexed ${fmt(packets)} packets in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(2)} s\n`);

/** Runs a filter over every indexed packet: matches and seconds per million packets. */
function timeFilter(text: string): { hits: number; perMillion: number } {
  const compiled = compileFilter(text);
  if (isFilterError(compiled)) throw new Error(`${text}: ${compiled.message}`);
  const match = cap.packetMatcher(compiled);
  const t = process.hrtime.bigint();
  let hits = 0;
  for (let i = 0; i < packets; i++) if (match(i)) hits++;
  return { hits, perMillion: Number(process.hrtime.bigint() - t) / 1e9 / (packets / 1e6) };
}

console.log('| filter | matches | wiresight s per 1M packets | tshark -Y s (whole file) | tshark s per 1M | ratio |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const text of FILTERS) {
  const { hits, perMillion } = timeFilter(text);
  // tshark's cheapest filtered read: summary lines of the matches (-T fields is about twice as slow)
  const tshark = timeCommand('tshark', ['-r', file, '-Y', text]);
  const tsharkPerMillion = tshark.seconds / (packets / 1e6);
  console.log(
    `| \`${text}\` | ${fmt(hits)} | ${perMillion.toFixed(3)} | ${tshark.seconds.toFixed(2)} | ${tsharkPerMillion.toFixed(2)} | ${(tsharkPerMillion / perMillion).toFixed(0)}x |`,
  );
}
for (const text of OWN_FILTERS) {
  const { hits, perMillion } = timeFilter(text);
  console.log(`| \`${text}\` | ${fmt(hits)} | ${perMillion.toFixed(3)} | (no such field) | | |`);
}
cap.close();
console.log(`\npackets: ${fmt(packets)}. Wiresight's figure is the filter over the indexed capture (what the`);
console.log('filter bar does); tshark has to read and dissect the file for every filter.');
