// Checksum arithmetic TCP and UDP share: the pseudo header of the network layer the
// segment arrived in (IPv4 or IPv6, as the IP dissector left it in the context), and the
// checksum status values tshark reports.

import type { DissectCtx } from './context.js';
import { finishChecksum, pseudoSumV4, pseudoSumV6, sumWords } from './checksum.js';

export const CK_BAD = 0;
export const CK_GOOD = 1;
export const CK_UNVERIFIED = 2;
export const CK_NOT_PRESENT = 3;
export const CK_ILLEGAL = 4;

export const CHECKSUM_STATUS_NAMES: Readonly<Record<number, string>> = {
  [CK_BAD]: 'Bad',
  [CK_GOOD]: 'Good',
  [CK_UNVERIFIED]: 'Unverified',
  [CK_NOT_PRESENT]: 'Not present',
  [CK_ILLEGAL]: 'Illegal',
};

/**
 * The value the checksum field at `fieldOff` should hold for the segment bytes
 * [off, off+len) of `c.buf`, with a pseudo header claiming `pseudoLen` bytes; -1 when the
 * network layer is unknown (no pseudo header to build).
 */
export function expectedTransportChecksum(c: DissectCtx, proto: number, off: number, len: number, fieldOff: number, pseudoLen = len): number {
  let pseudo: number;
  if (c.netVersion === 4) pseudo = pseudoSumV4(c.netBuf, c.netSrcOff, c.netDstOff, proto, pseudoLen);
  else if (c.netVersion === 6) pseudo = pseudoSumV6(c.netBuf, c.netSrcOff, c.netDstOff, proto, pseudoLen);
  else return -1;
  const field = fieldOff + 2 <= off + len ? (c.buf[fieldOff]! << 8) | c.buf[fieldOff + 1]! : 0;
  return finishChecksum(pseudo + sumWords(c.buf, off, len) - field);
}
