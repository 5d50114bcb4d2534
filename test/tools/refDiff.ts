// Developer tool: `node dist/test/tools/refDiff.js [FILE...] [--field NAME] [--max N]`
// prints where Wiresight's dissection differs from tshark's references, per file and field.

import { readdirSync } from 'node:fs';
import { compareFile, CORPUS } from './referenceCompare.js';

const args = process.argv.slice(2);
const fieldIdx = args.indexOf('--field');
const onlyField = fieldIdx >= 0 ? args.splice(fieldIdx, 2)[1] : undefined;
const maxIdx = args.indexOf('--max');
const max = maxIdx >= 0 ? Number(args.splice(maxIdx, 2)[1]) : 10;
const showKnown = args.includes('--known') ? (args.splice(args.indexOf('--known'), 1), true) : false;
const files = args.length ? args.map((a) => a.replace(/^.*\//, '')) : readdirSync(CORPUS).filter((f) => /\.pcap(ng)?$/.test(f)).sort();

let compared = 0;
let agreed = 0;
const byField = new Map<string, number>();
for (const file of files) {
  const r = await compareFile(file);
  compared += r.compared;
  agreed += r.agreed;
  const shown = r.mismatches.filter((m) => (!onlyField || m.field === onlyField) && (showKnown || !m.known));
  for (const m of r.mismatches) if (!m.known) byField.set(m.field, (byField.get(m.field) ?? 0) + 1);
  const pct = r.compared ? ((100 * r.agreed) / r.compared).toFixed(2) : '100.00';
  const count = r.packetsOurs === r.packetsRef ? '' : ` PACKETS ours=${r.packetsOurs} ref=${r.packetsRef}`;
  console.log(`${file}: ${pct}% (${r.agreed}/${r.compared})${count}${r.error ? ' ERROR ' + r.error : ''}`);
  for (const m of shown.slice(0, max)) {
    console.log(`   #${m.frame} ${m.field}: ours=${JSON.stringify(m.ours)} ref=${JSON.stringify(m.ref)}${m.known ? ' (known: ' + m.known + ')' : ''}`);
  }
  if (shown.length > max) console.log(`   ... ${shown.length - max} more`);
}
console.log(`overall: ${((100 * agreed) / Math.max(1, compared)).toFixed(3)}% (${agreed}/${compared})`);
console.log('unexplained differences by field:', Object.fromEntries([...byField].sort((a, b) => b[1] - a[1])));
