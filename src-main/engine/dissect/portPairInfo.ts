// "50216 → 8080": how the Info of TCP and UDP starts, written into a text sink.

import type { TextSink } from '../output/textSink.js';

export function writePortPair(out: TextSink, sport: number, dport: number): void {
  out.uint(sport);
  out.text(' → ');
  out.uint(dport);
}
