// `wiresight fields`: every field the dissectors register, like `tshark -G fields`:
// name, type, protocol and description, tab-separated.

import '../../engine/dissect/all.js';
// analyzers register their generated fields (tcp.analysis.*, ct.*, icmp.resp_in...) at load
import '../../engine/pass/standardAnalyzers.js';
import { allFields } from '../../engine/fields/fieldRegistry.js';
import { OutputBuffer } from '../outputBuffer.js';

export const usage = 'usage: wiresight fields [PREFIX]   (list fields, optionally only those starting with PREFIX)';

export async function run(args: string[]): Promise<number> {
  const prefix = args[0] ?? '';
  const out = new OutputBuffer();
  for (const f of allFields()) {
    if (!f.name.startsWith(prefix)) continue;
    out.line([f.name, f.type, f.protocol, f.description].join('\t'));
  }
  out.flush();
  return 0;
}
