// Entry point of dissection for one frame: records the frame pseudo-layer, hands the bytes
// to the link-layer dissector of the frame's link type, and closes with frame.protocols.
// The fast index pass and the on-demand detail tree both call this; only `detail` differs.

import type { PacketFields } from '../fields/packetFields.js';
import { GENERATED } from '../fields/packetFields.js';
import type { DissectCtx, FrameMeta } from './context.js';
import { dissectData } from './data.js';
import { linkTypeDissector } from './dispatch.js';
import { FRAME, FRAME_F, WS } from './frameFields.js';

export function dissectFrame(f: PacketFields, c: DissectCtx, meta: FrameMeta, bytes: Uint8Array, detail: boolean): void {
  f.reset(bytes);
  c.reset(meta, bytes, detail);
  const capLen = Math.min(meta.capLen, bytes.length);
  const top = f.open(FRAME, 0, capLen);
  f.add(FRAME_F.interfaceId, 0, 0, meta.interfaceId, GENERATED);
  f.add(FRAME_F.linkType, 0, 0, meta.linkType, GENERATED);
  f.add(FRAME_F.time, 0, 0, meta.tsSec + meta.tsNsec / 1e9, GENERATED);
  f.add(FRAME_F.number, 0, 0, meta.number, GENERATED);
  f.add(FRAME_F.len, 0, 0, meta.origLen, GENERATED);
  f.add(FRAME_F.capLen, 0, 0, meta.capLen, GENERATED);
  const protocolsAt = f.add(FRAME_F.protocols, 0, 0, 0, GENERATED);
  if (meta.comment !== null) {
    const at = f.addString(FRAME_F.comment, 0, 0, meta.comment);
    f.parent = at;
    c.expert(f, WS.comment, 0, 0, meta.comment);
    f.parent = top;
  }
  f.close(top);

  const rend = Math.max(meta.origLen, capLen);
  const link = linkTypeDissector(meta.linkType);
  try {
    if (link) {
      link(f, c, 0, capLen, rend);
    } else {
      c.expert(f, WS.unknownLinkType, 0, 0, `Link type ${meta.linkType} is not decoded; the bytes are shown as data`);
      c.setColumns(`LINKTYPE ${meta.linkType}`, null, -1);
      dissectData(f, c, 0, capLen, rend);
    }
  } catch (err) {
    // A dissector bug must cost one packet's detail, never the file: report it on the packet.
    f.parent = -1;
    c.malformed(f, `dissector error (${err instanceof Error ? err.message : String(err)})`, 0);
  }
  f.strs[protocolsAt] = c.layers.join(':');
}
