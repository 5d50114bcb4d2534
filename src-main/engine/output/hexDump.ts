// Offset / hex / ASCII lines of a byte buffer, 16 bytes a line, as `tshark -x` prints them.

import { hexByte } from '../fields/addressFormat.js';

export function hexDumpLines(bytes: Uint8Array): string[] {
  const lines: string[] = [];
  for (let off = 0; off < bytes.length; off += 16) {
    const row = bytes.subarray(off, Math.min(off + 16, bytes.length));
    let hex = '';
    let ascii = '';
    for (let i = 0; i < 16; i++) {
      if (i === 8) hex += ' ';
      if (i < row.length) {
        const b = row[i]!;
        hex += hexByte(b) + ' ';
        ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      } else {
        hex += '   ';
      }
    }
    lines.push(`${off.toString(16).padStart(4, '0')}  ${hex} ${ascii}`);
  }
  return lines;
}
