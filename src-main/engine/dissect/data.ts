// The "data" pseudo-protocol: bytes no dissector claimed, shown with their length, as
// Wireshark does for payloads above the layers we decode.

import type { PacketFields } from '../fields/packetFields.js';
import { registerFields, registerProtocol } from '../fields/fieldRegistry.js';
import type { DissectCtx } from './context.js';

export const DATA = registerProtocol('data', 'Data');
export const DATA_F = registerFields({
  data: { name: 'data.data', type: 'bytes', description: 'Data' },
  len: { name: 'data.len', type: 'uint', description: 'Length' },
});

/** Records bytes [off, end) as data; `rend` > `end` means the capture cut the rest off. */
export function dissectData(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number {
  if (end <= off && rend <= off) return rend;
  c.layers.push('data');
  const top = f.open(DATA, off, Math.max(0, end - off));
  f.add(DATA_F.data, off, Math.max(0, end - off));
  f.add(DATA_F.len, off, 0, Math.max(0, rend - off), 1);
  f.close(top);
  return rend;
}
