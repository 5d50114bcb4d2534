// Read limits for the IPv6 / ICMPv6 dissectors, modelled on Wireshark's three lengths of a
// byte range: what was captured (`cap`), what the enclosing layer says it contains
// (`cont`) and what this layer claims (`rep`). Reading past them is reported the way
// tshark reports the exception it would raise: past `cap` but within `cont` is a snaplen
// cut (`_ws.short`), past `cont` but within `rep` is a contained-length error, past `rep`
// is a malformed packet. After reporting, `need` throws the private STOP sentinel; the
// exported dissectors catch it, so nothing escapes to callers. Inside a quoted datagram
// (c.quoteDepth > 0) only snaplen cuts are reported, as tshark does.

import type { PacketFields } from '../fields/packetFields.js';
import { HIDDEN } from '../fields/packetFields.js';
import type { DissectCtx } from './context.js';
import { WS } from './frameFields.js';

export interface Bounds {
  /** end of the captured bytes */
  cap: number;
  /** end of the bytes the enclosing layer holds (cap <= cont <= rep) */
  cont: number;
  /** end of the bytes this layer claims */
  rep: number;
  /** tshark's short protocol name used in exception texts ("IPv6 Hop-by-Hop") */
  name: string;
}

/** tshark's name for a snaplen cut anywhere inside a quoted (ICMPv6 error) datagram. */
const QUOTED_NAME = 'IPv6';

/** Thrown after a bounds error was recorded; caught by the exported dissectors. */
export const STOP: unique symbol = Symbol('bounds-stop');

export function bounds(cap: number, cont: number, rep: number, name: string): Bounds {
  return { cap, cont, rep, name };
}

/** A sub-range claiming `len` bytes from `start` (Wireshark's subset with a given length). */
export function subBounds(b: Bounds, start: number, len: number, name = b.name): Bounds {
  const rep = start + len;
  return { cap: Math.min(b.cap, rep), cont: Math.min(b.cont, rep), rep, name };
}

/** Ensures bytes [start, start+len) were captured; otherwise records the exception and throws STOP. */
export function need(f: PacketFields, c: DissectCtx, b: Bounds, start: number, len: number): void {
  const stop = start + len;
  if (stop <= b.cap && start >= 0) return;
  raise(f, c, b, stop);
  throw STOP;
}

/** Whether bytes [start, start+len) were captured (no report). */
export function has(b: Bounds, start: number, len: number): boolean {
  return start >= 0 && start + len <= b.cap;
}

function raise(f: PacketFields, c: DissectCtx, b: Bounds, stop: number): void {
  if (c.quoteDepth > 0) {
    // Inside an ICMPv6 error's quoted datagram tshark only reports snaplen cuts, and names
    // the quoted IPv6 datagram whichever header was cut; a quote that simply ends stops
    // the quoted layer silently.
    if (stop <= b.cont) c.truncated(f, QUOTED_NAME, stop, b.cap, b.cont);
    return;
  }
  if (stop <= b.cont) {
    c.truncated(f, b.name, stop, b.cap, b.cont);
  } else if (stop <= b.rep) {
    c.malformed(f, `${b.name}: length of contained item exceeds length of containing item`, b.cap);
  } else {
    c.malformed(f, b.name, b.cap);
  }
}

// tshark adds a hidden `_ws.malformed` item under every expert entry of group Malformed,
// so the filter "_ws.malformed" matches. When the packet also got a "[Malformed Packet: X]"
// item, that one already matches (and the references list only it), so the hidden marker
// is added once, when the outermost IPv6/ICMPv6 layer is done, and only if needed.
let ownDepth = 0;
let pendingMarker = false;

/** Marks the start of an IPv6/ICMPv6 dissection (nested calls are tracked). */
export function enterOwn(): void {
  if (ownDepth++ === 0) pendingMarker = false;
}

/** Marks its end; the outermost one adds the `_ws.malformed` marker if one is due. */
export function leaveOwn(f: PacketFields): void {
  if (--ownDepth > 0 || !pendingMarker) return;
  pendingMarker = false;
  for (let i = f.first(WS.malformed); i >= 0; i = f.nexts[i]!) if ((f.strs[i] ?? '').startsWith('[')) return;
  const parent = f.parent;
  f.parent = -1;
  f.addString(WS.malformed, 0, 0, '_ws.malformed', HIDDEN);
  f.parent = parent;
}

/** Records an expert entry of group Malformed (see above for its hidden marker). */
export function malformedExpert(f: PacketFields, c: DissectCtx, id: number, start: number, len: number, message: string): number {
  pendingMarker = true;
  return c.expert(f, id, start, len, message);
}

/** Records an expert entry as a child of record `item` (tshark attaches experts to the item they concern). */
export function expertOn(f: PacketFields, c: DissectCtx, item: number, id: number, message: string, malformed = false): number {
  const parent = f.parent;
  f.parent = item;
  const start = f.starts[item]!;
  const len = f.lens[item]!;
  const e = malformed ? malformedExpert(f, c, id, start, len, message) : c.expert(f, id, start, len, message);
  f.parent = parent;
  return e;
}

/** Whether a layer called after record index `mark` stopped on a bounds error (tshark would unwind). */
export function stoppedSince(f: PacketFields, mark: number): boolean {
  for (let i = f.count - 1; i >= mark; i--) {
    const id = f.ids[i]!;
    if (id === WS.short) return true;
    if (id === WS.malformed && (f.strs[i] ?? '').startsWith('[')) return true;
  }
  return false;
}
