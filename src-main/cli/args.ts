// A small command-line option parser: short and long options, options that take a value,
// options that repeat (-e FIELD -e FIELD), and positional arguments.

export interface OptionSpec {
  /** names as typed, e.g. ['-c', '--count'] */
  names: string[];
  key: string;
  takesValue?: boolean;
  repeat?: boolean;
}

export interface ParsedArgs {
  options: Record<string, string | string[] | boolean>;
  positional: string[];
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byName = new Map<string, OptionSpec>();
  for (const s of specs) for (const n of s.names) byName.set(n, s);
  const options: ParsedArgs['options'] = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    let name = arg;
    let inline: string | undefined;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    if (eq > 0) {
      name = arg.slice(0, eq);
      inline = arg.slice(eq + 1);
    }
    const spec = byName.get(name);
    if (!spec) {
      if (arg.startsWith('-') && arg.length > 1) throw new UsageError(`unknown option ${name}`);
      positional.push(arg);
      continue;
    }
    if (!spec.takesValue) {
      options[spec.key] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`option ${name} needs a value`);
    if (spec.repeat) {
      const list = (options[spec.key] as string[] | undefined) ?? [];
      list.push(value);
      options[spec.key] = list;
    } else {
      options[spec.key] = value;
    }
  }
  return { options, positional };
}
