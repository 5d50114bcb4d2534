// Runs `wiresight serve` as a separate process, as a user would, and reads the URL (with
// its token) from what it prints. Each server gets its own config folder.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { CLI, ROOT } from './paths.js';

export interface ServeProcess {
  url: string;
  origin: string;
  child: ChildProcess;
  configDir: string;
  stop(): Promise<void>;
}

export async function startServe(file?: string, extra: string[] = []): Promise<ServeProcess> {
  const configDir = mkdtempSync(path.join(tmpdir(), 'ws-e2e-config-'));
  const args = [CLI, 'serve', ...(file ? [file] : []), '--port', '0', '--config-dir', configDir, ...extra];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (l) => {
      const m = /(http:\/\/\S+token=\S+)/.exec(l);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`wiresight serve exited (${code}) before printing its URL: ${stderr}`)));
  });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  return {
    url,
    origin: new URL(url).origin,
    child,
    configDir,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}
