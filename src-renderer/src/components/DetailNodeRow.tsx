// One line of the protocol tree: twisty, expert badge, label.

import type { DetailNode } from '../api/contractTypes';
import { selectNode, toggleExpanded } from '../state/selectionActions';

interface Props {
  path: string;
  node: DetailNode;
  depth: number;
  open: boolean;
  selected: boolean;
}

export function DetailNodeRow({ path, node, depth, open, selected }: Props) {
  const hasKids = node.children.length > 0;
  const cls = ['tnode', selected ? 'sel' : '', node.generated ? 'generated' : '', node.expert ? `expert-${node.expert.severity}` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={cls}
      style={{ paddingLeft: 4 + depth * 16 }}
      data-path={path}
      data-field={node.field}
      onMouseDown={() => selectNode(path)}
      onDoubleClick={() => hasKids && toggleExpanded(path)}
      title={node.field}
    >
      <span
        className="twist"
        onMouseDown={(e) => {
          e.stopPropagation();
          if (hasKids) toggleExpanded(path);
          selectNode(path);
        }}
      >
        {hasKids ? (open ? '▾' : '▸') : ''}
      </span>
      {node.expert && <span className={`xp xp-${node.expert.severity}`}>{node.expert.severity}</span>}
      <span className="label">{node.label}</span>
    </div>
  );
}
