// The protocol tree of the selected packet: expandable subtrees (remembered by field
// across packets), expert entries marked by severity; selecting a node highlights its
// bytes. Arrow keys move, Right/Left open and close, like a file tree.

import { useEffect, useRef, type KeyboardEvent } from 'react';
import { store } from '../state/appState';
import { selectNode, toggleExpanded } from '../state/selectionActions';
import { expandKey, nodeAt, visiblePaths } from '../packets/treePaths';
import { DetailNodeRow } from './DetailNodeRow';

export function DetailsPane() {
  const detail = store.use((s) => s.detail);
  const expanded = store.use((s) => s.expanded);
  const selected = store.use((s) => s.selectedNode);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!selected) return;
    ref.current?.querySelector(`[data-path="${selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected, detail]);

  if (!detail) return <div className="tree empty">Select a packet to see its protocol tree</div>;
  const paths = visiblePaths(detail.tree, expanded);

  const onKey = (e: KeyboardEvent) => {
    const i = selected ? paths.indexOf(selected) : -1;
    const node = selected ? nodeAt(detail.tree, selected) : null;
    const open = node ? expanded.has(expandKey(node)) : false;
    let handled = true;
    if (e.key === 'ArrowDown') selectNode(paths[Math.min(paths.length - 1, i + 1)] ?? null);
    else if (e.key === 'ArrowUp') selectNode(paths[Math.max(0, i - 1)] ?? null);
    else if (e.key === 'ArrowRight' && node && node.children.length && !open) toggleExpanded(selected!, true);
    else if (e.key === 'ArrowLeft' && node && open) toggleExpanded(selected!, false);
    else if (e.key === 'ArrowLeft' && selected?.includes('.')) selectNode(selected.slice(0, selected.lastIndexOf('.')));
    else if (e.key === 'Enter' && selected) toggleExpanded(selected);
    else handled = false;
    if (handled) e.preventDefault();
  };

  return (
    <div className="tree" ref={ref} tabIndex={0} onKeyDown={onKey} data-testid="details">
      {paths.map((p) => {
        const n = nodeAt(detail.tree, p)!;
        return (
          <DetailNodeRow
            key={p}
            path={p}
            node={n}
            depth={p.split('.').length - 1}
            open={expanded.has(expandKey(n))}
            selected={p === selected}
          />
        );
      })}
    </div>
  );
}
