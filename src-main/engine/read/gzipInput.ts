// Gzip-compressed captures (`x.pcap.gz`, `x.pcapng.gz`): decompressed once, streaming, into a
// temporary file that the readers then use like any capture. Random access (re-reading one
// packet for the detail view) needs a seekable file, and streaming keeps memory bounded.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';

export interface DecompressedFile {
  path: string;
  /** Set when the compressed data was cut short or corrupt: the file holds what came out. */
  error: string | null;
  /** Deletes the temporary file and its folder. */
  dispose(): void;
}

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Names of compressions we recognise but cannot read, for a clear error message. */
export function unsupportedCompression(head: Uint8Array): string | null {
  const h = (i: number): number => head[i] ?? -1;
  if (h(0) === 0x28 && h(1) === 0xb5 && h(2) === 0x2f && h(3) === 0xfd) return 'zstd';
  if (h(0) === 0x04 && h(1) === 0x22 && h(2) === 0x4d && h(3) === 0x18) return 'lz4';
  if (h(0) === 0xfd && h(1) === 0x37 && h(2) === 0x7a && h(3) === 0x58 && h(4) === 0x5a) return 'xz';
  if (h(0) === 0x42 && h(1) === 0x5a && h(2) === 0x68) return 'bzip2';
  return null;
}

export async function gunzipToTemp(source: string): Promise<DecompressedFile> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiresight-gz-'));
  const target = path.join(dir, path.basename(source).replace(/\.gz$/i, '') || 'capture');
  const dispose = (): void => fs.rmSync(dir, { recursive: true, force: true });
  let error: string | null = null;
  try {
    await pipeline(fs.createReadStream(source), zlib.createGunzip(), fs.createWriteStream(target));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (!err.code?.startsWith('Z_')) {
      dispose();
      throw e;
    }
    error = `gzip data is damaged or cut short: ${err.message}`;
  }
  return { path: target, error, dispose };
}
