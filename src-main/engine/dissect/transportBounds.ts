// Read limits and error reporting shared by the TCP and UDP dissectors, modelled on how
// tshark's exceptions surface: reading past the captured bytes of a segment the packet
// still claims is a snaplen cut (`_ws.short`), reading past what the packet claims is a
// malformed packet. After reporting, `needBytes` throws STOP; the exported dissectors catch
// it, so nothing escapes to their callers.

import type { PacketFields } from '../fields/packetFields.js';
import { HIDDEN } from '../fields/packetFields.js';
import type { DissectCtx } from './context.js';
import { WS } from './frameFields.js';

/** Thrown after a bounds error was recorded (or, inside a quote, when the quote ends). */
export const STOP: unique symbol = Symbol('transport-stop');

export interface Bounds {
  /** end of the captured bytes */
  cap: number;
  /** end of the bytes the enclosing layer holds */
  cont: number;
  /** end of the bytes this item claims */
  rep: number;
  /** tshark's protocol name in its messages ("TCP", "MPTCP") */
  name: string;
}

export function bounds(cap: number, cont: number, rep: number, name: string): Bounds {
  return { cap, cont, rep, name };
}

/** An item claiming `len` bytes from `start` inside `b`. */
export function subBounds(b: Bounds, start: number, len: number, name = b.name): Bounds {
  const rep = start + len;
  return { cap: Math.min(b.cap, rep), cont: Math.min(b.cont, rep), rep, name };
}

export function has(b: Bounds, start: number, len: number): boolean {
  return start >= 0 && start + len <= b.cap;
}

/**
 * Ensures bytes [start, start+len) were captured, else records why and throws STOP. Inside
 * an ICMP error quote a header that merely ends where the quote ends stops silently: only
 * a snaplen cut of the outer frame is reported ("IPv4 truncated"), as tshark does. The
 * report goes to the top of the tree, where tshark shows it; callers restore their parent
 * when they catch STOP.
 */
export function needBytes(f: PacketFields, c: DissectCtx, b: Bounds, start: number, len: number, quoted: boolean): void {
  if (has(b, start, len)) return;
  const stop = start + len;
  const snaplenCut = stop <= b.cont && b.cap < b.cont;
  if (quoted && !snaplenCut) throw STOP;
  f.parent = -1;
  // tshark names a cut inside a quote after the quoted network layer, whatever was being read
  const name = quoted ? (c.netVersion === 6 ? 'IPv6' : 'IPv4') : b.name;
  if (snaplenCut) c.truncated(f, name, stop, b.cap, b.cont);
  else c.malformed(f, name, b.cap);
  throw STOP;
}

/** Records an expert entry as a child of record `item` (tshark attaches experts to the item they concern). */
export function expertOn(f: PacketFields, c: DissectCtx, item: number, id: number, message: string): number {
  const parent = f.parent;
  f.parent = item;
  const e = c.expert(f, id, f.starts[item]!, f.lens[item]!, message);
  f.parent = parent;
  return e;
}

/**
 * tshark adds a `_ws.malformed` item under every expert entry of group Malformed; its field
 * output (and so the references) shows that bare marker only when no "[Malformed Packet: X]"
 * item of an exception exists. Called when a layer is done: adds the hidden marker if one of
 * `ids` was recorded since record `from` and nothing else marks the packet malformed.
 */
export function markMalformed(f: PacketFields, from: number, ids: readonly number[]): void {
  let due = false;
  for (const id of ids) if (f.last(id) >= from) due = true;
  if (!due) return;
  for (let i = f.first(WS.malformed); i >= 0; i = f.nexts[i]!) if (f.strs[i] !== undefined) return;
  const parent = f.parent;
  f.parent = -1;
  f.addString(WS.malformed, 0, 0, '_ws.malformed', HIDDEN);
  f.parent = parent;
}
