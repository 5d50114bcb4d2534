// Sorting the displayed rows by a column. Number, time, length, addresses and protocol
// come straight from the index columns; Info needs every displayed packet dissected, so
// it is refused above a limit rather than freezing the worker.

import { ApiError } from '../../api/apiError.js';
import type { ColumnId } from '../../api/contract.js';
import { summaryColumns } from '../output/summary.js';
import type { OpenCapture } from './openCapture.js';

export const MAX_INFO_SORT = 200_000;

/** Rank of each text id when the texts are sorted, so rows compare by small integers. */
function ranks(texts: (id: number) => string, count: number): Uint32Array {
  const ids = Array.from({ length: count }, (_, i) => i);
  ids.sort((a, b) => compareText(texts(a), texts(b)));
  const rank = new Uint32Array(count);
  ids.forEach((id, r) => (rank[id] = r));
  return rank;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The displayed packets sorted by `column` (ties keep file order). */
export function sortedOrder(cap: OpenCapture, column: ColumnId, descending: boolean): Int32Array {
  const x = cap.file.index;
  const packets = cap.view.displayedPackets(cap.total);
  let key: (i: number) => number;
  switch (column) {
    case 'number':
      key = (i) => i;
      break;
    case 'time':
      key = (i) => x.tsSec.data[i]! * 1e9 + x.tsNsec.data[i]!;
      break;
    case 'length':
      key = (i) => x.origLen.data[i]!;
      break;
    case 'src':
    case 'dst': {
      const rank = ranks((id) => x.addresses.text(id), x.addresses.size + 1);
      const col = column === 'src' ? x.src.data : x.dst.data;
      key = (i) => rank[col[i]!]!;
      break;
    }
    case 'protocol': {
      const rank = ranks((id) => x.protoNames[id] ?? '', x.protoNames.length);
      key = (i) => rank[x.proto.data[i]!]!;
      break;
    }
    case 'info':
      return sortByInfo(cap, packets, descending);
  }
  const keys = new Float64Array(x.count);
  for (const i of packets) keys[i] = key(i);
  const dir = descending ? -1 : 1;
  return packets.sort((a, b) => (keys[a]! - keys[b]!) * dir || a - b);
}

function sortByInfo(cap: OpenCapture, packets: Int32Array, descending: boolean): Int32Array {
  if (packets.length > MAX_INFO_SORT) {
    throw new ApiError('ETOOBIG', `Sorting by Info dissects every displayed packet; filter to fewer than ${MAX_INFO_SORT.toLocaleString('en-US')} packets first`);
  }
  const info = new Map<number, string>();
  for (const i of packets) {
    const { f, c } = cap.file.dissect(i, false);
    info.set(i, summaryColumns(f, c).info);
  }
  const dir = descending ? -1 : 1;
  return packets.sort((a, b) => compareText(info.get(a)!, info.get(b)!) * dir || a - b);
}
