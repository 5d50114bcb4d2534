// Files the UI can offer without a native dialog: a folder listing (the web host's Open
// dialog) and the sample captures shipped in assets/samples.

import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ApiError } from '../apiError.js';
import type { DirEntry, SampleFile } from '../contract.js';

const CAPTURE_NAME = /\.(pcap|pcapng|cap|pcap\.gz|pcapng\.gz)$/i;

export function listDir(path: string): { path: string; parent: string | null; entries: DirEntry[] } {
  const dir = resolve(path || '/');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    throw new ApiError('ENOENT', `cannot list ${dir}: ${(err as Error).message}`);
  }
  const entries: DirEntry[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    try {
      const st = statSync(join(dir, name));
      if (st.isDirectory()) entries.push({ name, dir: true, size: 0 });
      else if (st.isFile()) entries.push({ name, dir: false, size: st.size });
    } catch {
      // dangling links and unreadable entries are left out
    }
  }
  entries.sort((a, b) => Number(b.dir) - Number(a.dir) || a.name.localeCompare(b.name));
  const parent = dirname(dir);
  return { path: dir, parent: parent === dir ? null : parent, entries };
}

export function samples(dir: string): SampleFile[] {
  try {
    return readdirSync(dir)
      .filter((n) => CAPTURE_NAME.test(n))
      .sort()
      .map((name) => {
        const path = join(dir, name);
        return { name, path, size: statSync(path).size };
      });
  } catch {
    return [];
  }
}
