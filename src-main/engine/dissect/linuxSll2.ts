// Linux cooked capture header, version 2 (LINKTYPE_LINUX_SLL2, 276; what `tcpdump -i any`
// writes by default): protocol first, then the interface index, hardware type, packet type
// and address. tshark 4.0 names its fields like version 1's (`sll.*`), which this follows.

import type { PacketFields } from '../fields/packetFields.js';
import type { DissectCtx } from './context.js';
import { registerLinkType } from './dispatch.js';
import type { InfoFormatter } from './context.js';
import { SLL, SLL_F, addSllAddress, addSllProtocol, dispatchSllPayload, packetTypeName, sllStop } from './linuxSll.js';

const HEADER = 20;

/** tshark 4.0 names the packet type in Info from bytes 10-11 read as one number (type and address length). */
const packetTypeWordInfo: InfoFormatter = (f, _c, anchor) => {
  const b = f.sources[f.srcs[anchor]!]!;
  const at = f.starts[anchor]!;
  return packetTypeName((b[at]! << 8) | b[at + 1]!);
};
const SENT_BY_US = 4;

export function dissectLinuxSll2(f: PacketFields, c: DissectCtx, off: number, end: number, rend: number): number {
  c.layers.push('sll');
  // tshark reads bytes 10-11 (packet type and address length) before it shows anything
  if (off + 12 > end) return sllStop(f, c, off + 12, end, rend);
  const b = c.buf;
  const top = f.open(SLL, off, HEADER);
  try {
    if (c.detail) f.setText(top, 'Linux cooked capture v2');
    const hatype = (b[off + 8]! << 8) | b[off + 9]!;
    const pkttype = b[off + 10]!;
    const protocol = addSllProtocol(f, c, hatype, off);
    f.add(SLL_F.ifindex, off + 4, 4, ((b[off + 4]! << 24) | (b[off + 5]! << 16) | (b[off + 6]! << 8) | b[off + 7]!) >>> 0);
    f.add(SLL_F.hatype, off + 8, 2, hatype);
    const typeRec = f.add(SLL_F.pkttype, off + 10, 1, pkttype);
    c.setColumns('SLL', packetTypeWordInfo, typeRec);
    if (pkttype === SENT_BY_US) c.outbound = true;
    const halen = b[off + 11]!;
    f.add(SLL_F.halen, off + 11, 1, halen);
    const addr = addSllAddress(f, c, off + 12, halen, end, rend);
    if (addr === null) return rend;
    if (addr >= 0) c.setAddresses(addr, -1);
    f.close(top);
    dispatchSllPayload(f, c, top, protocol, off + HEADER, end, rend);
    return rend;
  } finally {
    if (f.parent === top) f.close(top);
  }
}

registerLinkType(276, dissectLinuxSll2);
