// `wiresight interfaces [--netns NAME] [--json]`: the capture interfaces with their flags,
// addresses and /proc/net/dev counters, and the network namespaces that can be captured.

import { CaptureError } from '../../capture/captureError.js';
import { listInterfaces, listNamespaces, type InterfaceInfo } from '../../capture/interfaceList.js';
import { parseArgs, UsageError } from '../args.js';

export const usage = `usage: wiresight interfaces [--netns NAME] [--json]
  --netns NAME   list the interfaces of network namespace /run/netns/NAME
  --json         print the listing as JSON`;

const fmt = (v: number): string => v.toLocaleString('en-US');

function flagText(i: InterfaceInfo): string {
  const f = i.flags;
  return [f.up ? 'up' : 'down', f.running && 'running', f.loopback && 'loopback', f.promisc && 'promisc']
    .filter(Boolean)
    .join(',');
}

/** The text block for one interface. */
export function describeInterface(i: InterfaceInfo): string[] {
  const head = [
    `${String(i.index ?? '?').padStart(3)}. ${i.name}`,
    `<${flagText(i)}>`,
    i.mtu !== null ? `mtu ${i.mtu}` : null,
    i.linkTypeName ? `${i.linkTypeName} (${i.linkType})` : null,
    i.mac,
  ].filter(Boolean);
  const lines = [head.join('  ')];
  for (const a of i.addresses) lines.push(`       ${a.family} ${a.address}/${a.prefixLength}`);
  const c = i.counters;
  if (c) {
    lines.push(`       rx ${fmt(c.rxPackets)} packets, ${fmt(c.rxBytes)} bytes, ${fmt(c.rxErrs)} errors, ${fmt(c.rxDrop)} dropped`);
    lines.push(`       tx ${fmt(c.txPackets)} packets, ${fmt(c.txBytes)} bytes, ${fmt(c.txErrs)} errors, ${fmt(c.txDrop)} dropped`);
  }
  return lines;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, [
    { names: ['--netns'], key: 'netns', takesValue: true },
    { names: ['--json'], key: 'json' },
  ]);
  if (args.positional.length) throw new UsageError(`unexpected argument ${args.positional[0]}`);
  const netns = args.options.netns as string | undefined;
  try {
    const listing = await listInterfaces({ netns });
    const namespaces = await listNamespaces();
    if (args.options.json) {
      process.stdout.write(JSON.stringify({ ...listing, namespaces }, null, 2) + '\n');
      return 0;
    }
    const where = netns ? ` in network namespace ${netns}` : '';
    const out = [`Interfaces${where} (from ${listing.source}):`];
    for (const i of listing.interfaces) out.push(...describeInterface(i));
    if (namespaces.length) out.push('', `Network namespaces: ${namespaces.join(', ')} (wiresight interfaces --netns NAME)`);
    process.stdout.write(out.join('\n') + '\n');
    return 0;
  } catch (err) {
    if (err instanceof CaptureError) {
      process.stderr.write(`wiresight interfaces: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
