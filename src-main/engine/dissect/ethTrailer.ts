// What follows an Ethernet payload: padding up to the 60-byte minimum, an undecoded trailer,
// and an FCS when the frame is long enough to carry one. Ethernet II (through the EtherType
// layer), 802.3, 802.1Q and Linux cooked captures all end this way, so they share this file.
// The rules are tshark 4.0's, observed with tshark itself: padding only counts when it is all
// zeros; a short frame whose extra bytes are not zeros gets a Note instead; an FCS is assumed
// when the frame (from the layer that carries the EtherType) is 64 bytes or more. Before a
// trailer is shown as bytes, tshark offers it to its heuristic trailer dissectors, and two of
// them (VSS-Monitoring, F5) claim or trip over fuzzed data: `trailerHeuristics.ts` mimics them.

import type { PacketFields } from '../fields/packetFields.js';
import { GENERATED } from '../fields/packetFields.js';
import { registerFields, registerProtocol } from '../fields/fieldRegistry.js';
import type { DissectCtx } from './context.js';
import { WS } from './frameFields.js';
import { claimTrailer } from './trailerHeuristics.js';
import { reportCut } from './cutReport.js';

// registered here too so that "eth" comes before its padding fields in the registry
registerProtocol('eth', 'Ethernet');

export const ETH_TRAILER_F = registerFields({
  padding: { name: 'eth.padding', type: 'bytes', description: 'Padding' },
  trailer: { name: 'eth.trailer', type: 'bytes', description: 'Trailer' },
  fcs: { name: 'eth.fcs', type: 'uint', base: 'hex', bits: 32, description: 'Frame check sequence' },
  fcsStatus: {
    name: 'eth.fcs.status',
    type: 'uint',
    description: 'FCS Status',
    valueNames: { 0: 'Bad', 1: 'Good', 2: 'Unverified', 3: 'Not present', 4: 'Illegal' },
  },
  paddingBad: {
    name: 'eth.padding_bad',
    type: 'none',
    description: 'Padding identification may be inaccurate and impact trailer dissector',
    expert: { severity: 'Note', group: 'Protocol' },
  },
});

const MIN_FRAME = 60;
const FCS_FRAME = 64;

/** Where the trailer belongs and how it is labelled. */
export interface TrailerSite {
  /** offset of the layer tshark measures for the 64-byte FCS rule (Ethernet: 0, the frame) */
  layerStart: number;
  /** record index of the subtree the padding, trailer and FCS records join */
  tree: number;
  /** field id of the trailer ("eth.trailer", "vlan.trailer", "sll.trailer") */
  trailerField: number;
  /** Ethernet may carry an FCS; VLAN and Linux cooked payloads never do */
  maybeFcs: boolean;
  /** tshark's protocol name for a read past the captured bytes here ("Ethertype", "Ethernet") */
  protoName: string;
}

/**
 * Records padding, trailer and FCS for the bytes [start, rend) after a payload (captured up
 * to `end`). Returns false when tshark would have stopped on an exception (already recorded).
 */
export function addEthernetTrailer(
  f: PacketFields,
  c: DissectCtx,
  start: number,
  end: number,
  rend: number,
  site: TrailerSite,
): boolean {
  let capLen = Math.max(0, end - start);
  let repLen = rend - start;
  if (repLen <= 0) return true;
  const pktLen = c.meta.origLen;
  const before = pktLen - repLen;
  const maybePadded = pktLen >= MIN_FRAME && before < MIN_FRAME;
  let padLen = 0;
  if (maybePadded) {
    padLen = MIN_FRAME - before;
    for (let i = 0; i < padLen; i++) {
      if (start + i >= end) return stopAt(f, c, site, start + i + 1, end, rend);
      if (c.buf[start + i] !== 0) {
        padLen = 0;
        break;
      }
    }
    if (padLen > 0) {
      withParent(f, site.tree, () => f.add(ETH_TRAILER_F.padding, start, padLen));
      capLen -= padLen;
      repLen -= padLen;
    }
  }

  let hasFcs = false;
  if (site.maybeFcs && rend - site.layerStart >= FCS_FRAME && repLen >= 4) {
    hasFcs = true;
    if (capLen < repLen) {
      repLen -= 4;
      capLen = Math.min(capLen, repLen);
    } else {
      capLen -= 4;
      repLen -= 4;
    }
  }

  // The heuristic dissectors see everything after the padding, FCS included.
  const rest = start + padLen;
  if (rend - rest > 0) {
    const claim = claimTrailer(f, c, rest, end, rend);
    if (claim === 'claimed') return true;
    if (claim === 'stopped') return false;
    if (capLen > 0) {
      withParent(f, site.tree, () => {
        const t = f.add(site.trailerField, rest, capLen);
        if (maybePadded && padLen === 0) {
          const parent = f.parent;
          f.parent = t;
          c.expert(f, ETH_TRAILER_F.paddingBad, rest, capLen,
            "Didn't find padding of zeros, and an undecoded trailer exists. There may be padding of non-zeros.");
          f.parent = parent;
        }
      });
    }
  }

  if (hasFcs) {
    const at = rest + capLen;
    if (at + 4 > end) return stopAt(f, c, site, at + 4, end, rend);
    const b = c.buf;
    const fcs = ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
    withParent(f, site.tree, () => {
      f.add(ETH_TRAILER_F.fcs, at, 4, fcs);
      f.add(ETH_TRAILER_F.fcsStatus, at, 0, 2, GENERATED);
    });
  }
  return true;
}

function stopAt(f: PacketFields, c: DissectCtx, site: TrailerSite, need: number, end: number, rend: number): false {
  reportCut(f, c, site.protoName, need, end, rend);
  return false;
}

function withParent(f: PacketFields, parent: number, add: () => void): void {
  const saved = f.parent;
  f.parent = parent;
  add();
  f.parent = saved;
}

/** Whether a layer dissected since record `mark` stopped at the end of the captured bytes. */
export function cutShort(f: PacketFields, mark: number): boolean {
  for (let i = mark; i < f.count; i++) if (f.ids[i] === WS.short) return true;
  return false;
}
