// Internet checksum (RFC 1071) arithmetic shared by IPv4, ICMP, ICMPv6, TCP and UDP.

/** Adds 16-bit big-endian words of buf[off, off+len) to `sum` (an odd trailing byte is padded with zero). Not folded. */
export function sumWords(buf: Uint8Array, off: number, len: number, sum = 0): number {
  const end = off + len;
  let i = off;
  for (; i + 1 < end; i += 2) sum += (buf[i]! << 8) | buf[i + 1]!;
  if (i < end) sum += buf[i]! << 8;
  return sum;
}

/** Folds a running sum to 16 bits (end-around carry), without complementing it. */
export function foldSum(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/** Folds a running sum to 16 bits and complements it: 0 means the covered data checks out. */
export function finishChecksum(sum: number): number {
  return ~foldSum(sum) & 0xffff;
}

/**
 * The value the checksum field should have held, given the sum over the data with the
 * field itself included: Wireshark's "should be" value in its bad-checksum message.
 */
export function expectedChecksum(sumWithField: number, fieldValue: number): number {
  const folded = 0xffff - finishChecksum(sumWithField);
  // remove the field from the sum (ones' complement subtraction), then complement
  let s = folded + (~fieldValue & 0xffff);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

/** Pseudo-header sum for IPv4 (RFC 793/768): addresses, protocol, upper-layer length. */
export function pseudoSumV4(buf: Uint8Array, srcOff: number, dstOff: number, proto: number, length: number): number {
  return sumWords(buf, srcOff, 4, sumWords(buf, dstOff, 4)) + proto + length;
}

/** Pseudo-header sum for IPv6 (RFC 8200 §8.1). */
export function pseudoSumV6(buf: Uint8Array, srcOff: number, dstOff: number, nextHeader: number, length: number): number {
  return sumWords(buf, srcOff, 16, sumWords(buf, dstOff, 16)) + Math.floor(length / 0x10000) + (length & 0xffff) + nextHeader;
}
