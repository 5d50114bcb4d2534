// `wiresight serve [FILE] [--port N] [--host H]`: runs the backend and serves the UI over
// HTTP + WebSocket (loopback by default) and prints the URL, with its access token, to
// open in a browser. With FILE, that file is open when the page loads.

import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { Backend, PACKAGE_ROOT } from '../../api/backend/backend.js';
import { startWebServer } from '../../web/webServer.js';
import { parseArgs, UsageError } from '../args.js';

export const usage = `usage: wiresight serve [FILE] [--port N] [--host H]
  FILE          capture file to open
  --port N      TCP port (default: a free one)
  --host H      address to listen on (default 127.0.0.1; anything else exposes the UI,
                still behind the printed token)
  --config-dir  where recent files are kept (default $XDG_CONFIG_HOME/wiresight)`;

export function configDir(explicit?: string): string {
  if (explicit) return resolve(explicit);
  if (process.env.WIRESIGHT_CONFIG_DIR) return resolve(process.env.WIRESIGHT_CONFIG_DIR);
  return join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'wiresight');
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, [
    { names: ['--port', '-p'], key: 'port', takesValue: true },
    { names: ['--host'], key: 'host', takesValue: true },
    { names: ['--config-dir'], key: 'configDir', takesValue: true },
  ]);
  const port = args.options.port === undefined ? 0 : Number(args.options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port needs a port number, not ${String(args.options.port)}`);
  if (args.positional.length > 1) throw new UsageError('at most one capture file');
  const host = (args.options.host as string | undefined) ?? '127.0.0.1';

  const backend = new Backend({ configDir: configDir(args.options.configDir as string | undefined) });
  const file = args.positional[0];
  if (file) await backend.handlers.openFile({ path: resolve(file) });
  const web = await startWebServer({ backend, host, port, rendererDir: join(PACKAGE_ROOT, 'dist', 'renderer') });
  process.stdout.write(`Wiresight is serving on ${web.url}\nOpen that URL in a browser (it carries the access token). Ctrl+C stops.\n`);
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    process.stderr.write(`warning: listening on ${host}: anyone who can reach it and has the URL can read your captures\n`);
  }
  await new Promise<void>((done) => {
    const stop = (): void => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await web.close();
  await backend.dispose();
  return 0;
}
