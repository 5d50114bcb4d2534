// Finding nodes in a packet's protocol tree by path ("0.2.1") and by byte: the node that
// owns a byte is the deepest one whose range covers it (smallest range wins on ties).

import type { DetailNode } from '../api/contractTypes';

export function nodeAt(tree: readonly DetailNode[], path: string): DetailNode | null {
  let list = tree;
  let node: DetailNode | null = null;
  for (const part of path.split('.')) {
    node = list[Number(part)] ?? null;
    if (!node) return null;
    list = node.children;
  }
  return node;
}

/** Paths of a node's ancestors (not including itself), outermost first. */
export function ancestorPaths(path: string): string[] {
  const parts = path.split('.');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'));
}

/** Path of the deepest node covering byte `offset` of data source `source`, or null. */
export function nodeOwningByte(tree: readonly DetailNode[], source: number, offset: number): string | null {
  let best: { path: string; length: number; depth: number } | null = null;
  const walk = (list: readonly DetailNode[], prefix: string, depth: number): void => {
    list.forEach((n, i) => {
      const path = prefix ? `${prefix}.${i}` : String(i);
      if (n.source === source && n.length > 0 && offset >= n.start && offset < n.start + n.length) {
        if (!best || depth > best.depth || (depth === best.depth && n.length < best.length)) best = { path, length: n.length, depth };
      }
      walk(n.children, path, depth + 1);
    });
  };
  walk(tree, '', 0);
  return (best as { path: string } | null)?.path ?? null;
}

/** Paths of every visible node in display order, given which field names are expanded. */
export function visiblePaths(tree: readonly DetailNode[], expanded: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const walk = (list: readonly DetailNode[], prefix: string): void => {
    list.forEach((n, i) => {
      const path = prefix ? `${prefix}.${i}` : String(i);
      out.push(path);
      if (n.children.length > 0 && expanded.has(expandKey(n))) walk(n.children, path);
    });
  };
  walk(tree, '');
  return out;
}

/** What "expanded" remembers a node by: its field name (so the same subtree stays open on the next packet). */
export function expandKey(n: DetailNode): string {
  return n.field || n.label;
}
