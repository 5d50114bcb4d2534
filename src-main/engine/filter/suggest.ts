// "Did you mean ...?" for misspelled field names: the registered name with the smallest
// edit distance (Damerau: a swap of two neighbours counts as one edit), if it is close
// enough to be a plausible typo.

import { allFields } from '../fields/fieldRegistry.js';

function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/** The registered field name closest to `name`, or undefined when none is a plausible typo. */
export function suggestField(name: string): string | undefined {
  if (!/[A-Za-z]/.test(name)) return undefined; // numbers and addresses are not misspelled fields
  const lower = name.toLowerCase();
  const limit = name.length <= 4 ? 1 : name.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestDist = limit + 1;
  for (const def of allFields()) {
    if (def.name.toLowerCase() === lower) return def.name;
    const d = editDistance(lower, def.name.toLowerCase(), Math.min(limit, bestDist));
    if (d < bestDist) {
      bestDist = d;
      best = def.name;
    }
  }
  return bestDist <= limit ? best : undefined;
}

/** Registered names starting with `prefix` (for hints like "tcp.flags." -> its members). */
export function fieldsWithPrefix(prefix: string, max: number): string[] {
  const out: string[] = [];
  for (const def of allFields()) {
    if (def.name.startsWith(prefix)) {
      out.push(def.name);
      if (out.length >= max) break;
    }
  }
  return out;
}
