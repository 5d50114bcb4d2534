// The details and bytes panes' request: one packet's protocol tree (with byte ranges and
// expert marks) and its data sources (the frame, reassembled payloads) as hex.

import type { DetailNode, PacketDetail } from '../../../api/contract.js';
import { buildTree, type TreeNode } from '../../output/protocolTree.js';
import { hexByte } from '../../fields/addressFormat.js';
import { requireCapture, type EngineHandlers } from '../engineState.js';
import { ApiError } from '../../../api/apiError.js';

function toDetail(n: TreeNode): DetailNode {
  const d: DetailNode = {
    field: n.field,
    label: n.label,
    source: n.source,
    start: n.start,
    length: n.length,
    generated: n.generated,
    children: n.children.map(toDetail),
  };
  if (n.expert) d.expert = n.expert as DetailNode['expert'];
  return d;
}

function hex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += hexByte(bytes[i]!);
  return s;
}

export const detailHandlers = {
  packetDetail: ({ index }, state): PacketDetail => {
    const cap = requireCapture(state);
    if (!Number.isInteger(index) || index < 0 || index >= cap.total) {
      throw new ApiError('ERANGE', `no packet ${index + 1} (the file has ${cap.total})`);
    }
    const { f } = cap.file.dissect(index, true);
    const tree = buildTree(f).map(toDetail);
    const sources = f.sources.map((b, k) => ({ name: f.sourceNames[k] ?? `Source ${k}`, hex: hex(b) }));
    return { index, number: index + 1, tree, sources };
  },
} satisfies Partial<EngineHandlers>;
