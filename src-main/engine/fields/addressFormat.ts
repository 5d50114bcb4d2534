// Text forms of link and network addresses: MAC as 00:1b:21:..., IPv4 dotted quad, IPv6
// per RFC 5952 (lower case, longest run of two or more zero groups shortened to ::).

const HEX2: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hexByte(b: number): string {
  return HEX2[b & 0xff]!;
}

export function formatMac(buf: Uint8Array, off: number): string {
  return `${HEX2[buf[off]!]}:${HEX2[buf[off + 1]!]}:${HEX2[buf[off + 2]!]}:${HEX2[buf[off + 3]!]}:${HEX2[buf[off + 4]!]}:${HEX2[buf[off + 5]!]}`;
}

export function formatIPv4(buf: Uint8Array, off: number): string {
  return `${buf[off]}.${buf[off + 1]}.${buf[off + 2]}.${buf[off + 3]}`;
}

export function formatIPv4Number(v: number): string {
  return `${(v >>> 24) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

export function formatIPv6(buf: Uint8Array, off: number): string {
  const g: number[] = new Array(8);
  for (let i = 0; i < 8; i++) g[i] = (buf[off + 2 * i]! << 8) | buf[off + 2 * i + 1]!;
  // IPv4-mapped (::ffff:a.b.c.d) keeps the dotted tail, as RFC 5952 §5 recommends
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    return `::ffff:${formatIPv4(buf, off + 12)}`;
  }
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestStart < 0) return g.map((x) => x.toString(16)).join(':');
  const head = g.slice(0, bestStart).map((x) => x.toString(16)).join(':');
  const tail = g.slice(bestStart + bestLen).map((x) => x.toString(16)).join(':');
  return `${head}::${tail}`;
}

export function formatHexBytes(buf: Uint8Array, off: number, len: number, sep = ''): string {
  const parts: string[] = new Array(len);
  for (let i = 0; i < len; i++) parts[i] = HEX2[buf[off + i]!]!;
  return parts.join(sep);
}
