// The recent-files list, kept in the host's config folder (one JSON array, newest first).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MAX_RECENT = 12;

export class RecentFiles {
  private readonly file: string;

  constructor(private readonly configDir: string) {
    this.file = join(configDir, 'recent-files.json');
  }

  list(): string[] {
    try {
      const v = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }

  add(path: string): void {
    const next = [path, ...this.list().filter((p) => p !== path)].slice(0, MAX_RECENT);
    try {
      mkdirSync(this.configDir, { recursive: true });
      writeFileSync(this.file, JSON.stringify(next, null, 1));
    } catch {
      // an unwritable config folder only costs the recent list
    }
  }
}
