// The `wiresight` command line: dispatches `wiresight COMMAND ARGS...` to
// src-main/cli/commands/COMMAND.js, each exporting run(args) → exit code.

import { statSync } from 'node:fs';
import { UsageError } from './args.js';

const COMMANDS: Record<string, string> = {
  read: 'Print the packets of a capture file (like tshark -r)',
  fields: 'List every field the dissectors know (like tshark -G fields)',
  flows: 'Print the conntrack-style flow table of a capture file',
  interfaces: 'List capture interfaces with their counters',
  capture: 'Capture live on an interface',
  serve: 'Serve the UI over HTTP on loopback',
};

function help(): string {
  const lines = Object.entries(COMMANDS).map(([name, what]) => `  ${name.padEnd(11)} ${what}`);
  return `usage: wiresight COMMAND [ARGS]   or   wiresight FILE (opens FILE in the UI)\n\ncommands:\n${lines.join('\n')}\n\nwiresight COMMAND --help for a command's options`;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export async function main(argv: string[]): Promise<number> {
  // `wiresight FILE` opens the file in the UI, as the desktop app does
  if (argv.length > 0 && !(argv[0]! in COMMANDS) && isFile(argv[0]!)) argv = ['serve', ...argv];
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(help() + '\n');
    return command ? 0 : 2;
  }
  if (!(command in COMMANDS)) {
    process.stderr.write(`wiresight: unknown command '${command}'\n${help()}\n`);
    return 2;
  }
  let mod: { run(args: string[]): Promise<number>; usage?: string };
  try {
    mod = await import(`./commands/${command}.js`);
  } catch (err) {
    process.stderr.write(`wiresight: the '${command}' command is not available in this build (${(err as Error).message})\n`);
    return 2;
  }
  if (rest.includes('--help')) {
    process.stdout.write((mod.usage ?? `wiresight ${command}`) + '\n');
    return 0;
  }
  try {
    return await mod.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`wiresight ${command}: ${err.message}\n${mod.usage ?? ''}\n`);
      return 2;
    }
    process.stderr.write(`wiresight ${command}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
