// `npm start`: runs the desktop app from source when an Electron binary is installed;
// otherwise says so and offers the web host (`wiresight serve`), which needs no Electron.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The Electron binary's path, or why there is none. */
export function electronBinary(): { path: string } | { reason: string } {
  let p: unknown;
  try {
    p = require('electron');
  } catch (err) {
    return { reason: `the electron package cannot be loaded (${(err as Error).message.split('\n')[0]})` };
  }
  if (typeof p !== 'string') return { reason: 'the electron package did not give a binary path' };
  if (!existsSync(p)) return { reason: `the Electron binary ${p} is not installed (it was installed with ELECTRON_SKIP_BINARY_DOWNLOAD)` };
  return { path: p };
}

function main(): void {
  const bin = electronBinary();
  if ('reason' in bin) {
    process.stderr.write(
      `wiresight: cannot start the desktop app: ${bin.reason}.\n` +
        `Use the same UI in a browser instead:\n  npx wiresight serve [FILE]\n` +
        `(or install Electron's binary: npm rebuild electron, with network access to its download site)\n`,
    );
    process.exitCode = 1;
    return;
  }
  const child = spawn(bin.path, [ROOT, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => (process.exitCode = code ?? 0));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
