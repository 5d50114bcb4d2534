// Turns a packet's flat field record into the protocol tree people read in the details
// pane and in `wiresight read -V`: labels as Wireshark writes them ("Time to Live: 64",
// "Protocol: TCP (6)"), generated fields in brackets, each node with its byte range.

import { fieldById, type FieldDef } from '../fields/fieldRegistry.js';
import { formatFieldValue } from '../fields/fieldFormat.js';
import { GENERATED, HIDDEN, type PacketFields } from '../fields/packetFields.js';

export interface TreeNode {
  /** record index in the packet's field record */
  record: number;
  field: string;
  label: string;
  /** data source index (0 = frame) and byte range within it */
  source: number;
  start: number;
  length: number;
  generated: boolean;
  expert?: { severity: string; group: string };
  children: TreeNode[];
}

function label(f: PacketFields, i: number, def: FieldDef): string {
  const text = f.strs[i];
  if (def.expert) return text ?? def.description;
  if (def.type === 'protocol' || def.type === 'none') return text ?? def.description;
  if (def.type === 'string') return `${def.description}: ${text ?? ''}`;
  if (text !== undefined && def.type !== 'bytes') return text;
  const value = formatFieldValue(f, i);
  const name = def.valueNames?.[f.vals[i]!];
  return name !== undefined ? `${def.description}: ${name} (${value})` : `${def.description}: ${value}`;
}

/** The packet's tree; hidden fields are left out. */
export function buildTree(f: PacketFields): TreeNode[] {
  const nodes: (TreeNode | undefined)[] = new Array(f.count);
  const roots: TreeNode[] = [];
  for (let i = 0; i < f.count; i++) {
    const flags = f.flags[i]!;
    if (flags & HIDDEN) continue;
    const def = fieldById(f.ids[i]!);
    const generated = (flags & GENERATED) !== 0;
    let text = label(f, i, def);
    if (generated && !def.expert) text = `[${text}]`;
    const node: TreeNode = {
      record: i,
      field: def.name,
      label: text,
      source: f.srcs[i]!,
      start: f.starts[i]!,
      length: f.lens[i]!,
      generated,
      children: [],
    };
    if (def.expert) node.expert = { severity: def.expert.severity, group: def.expert.group };
    nodes[i] = node;
    let p = f.parents[i]!;
    while (p >= 0 && !nodes[p]) p = f.parents[p]!;
    if (p >= 0) nodes[p]!.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The tree as indented text lines, as `tshark -V` prints it. */
export function treeLines(roots: readonly TreeNode[], indent = ''): string[] {
  const out: string[] = [];
  for (const n of roots) {
    const mark = n.expert ? ` [${n.expert.severity}/${n.expert.group}]` : '';
    out.push(`${indent}${n.label}${mark}`);
    out.push(...treeLines(n.children, indent + '    '));
  }
  return out;
}
