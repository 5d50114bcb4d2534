// The packet list's columns for one dissected packet: Source, Destination, Protocol and
// Info as tshark's default summary shows them.

import type { DissectCtx } from '../dissect/context.js';
import { formatFieldValue } from '../fields/fieldFormat.js';
import type { PacketFields } from '../fields/packetFields.js';

export interface SummaryColumns {
  src: string;
  dst: string;
  protocol: string;
  info: string;
}

export function summaryColumns(f: PacketFields, c: DissectCtx): SummaryColumns {
  let info = '';
  if (c.info) {
    try {
      info = c.info(f, c, c.infoAnchor);
    } catch (err) {
      info = `[info unavailable: ${err instanceof Error ? err.message : String(err)}]`;
    }
  }
  return {
    src: c.colSrc >= 0 ? formatFieldValue(f, c.colSrc) : '',
    dst: c.colDst >= 0 ? formatFieldValue(f, c.colDst) : '',
    protocol: c.protocol,
    info,
  };
}
