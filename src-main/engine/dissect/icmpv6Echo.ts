// Pairs ICMPv6 echo requests with their replies the way tshark does in one pass: a
// request is filed under (address pair, identifier, sequence, checksum); a reply looks for
// the request whose checksum differs from its own by exactly the type change (128 -> 129),
// which matches only if the echoed data is the same. The first reply wins; a later
// request with the same key replaces an earlier one.
// State lives per capture (keyed by the context's reassembler, which is per capture), and
// frames dissected again later (detail view) get the answer recorded on the first visit.

import type { DissectCtx } from './context.js';

interface Transaction {
  request: number;
  reply: number;
}

interface EchoState {
  open: Map<string, Transaction>;
  byFrame: Map<number, Transaction>;
  /** highest frame number seen: frames at or below it are being dissected again */
  lastFrame: number;
}

const states = new WeakMap<object, EchoState>();

function stateOf(c: DissectCtx): EchoState {
  let s = states.get(c.reasm);
  if (!s) {
    s = { open: new Map(), byFrame: new Map(), lastFrame: 0 };
    states.set(c.reasm, s);
  }
  return s;
}

/** Key of an echo exchange; `requestChecksum` is the request's checksum (0xffff folded to 0). */
function keyOf(c: DissectCtx, id: number, seq: number, requestChecksum: number): string {
  const a = addressText(c, c.netSrcOff);
  const b = addressText(c, c.netDstOff);
  return `${a < b ? a + b : b + a}|${id}|${seq}|${requestChecksum}`;
}

function addressText(c: DissectCtx, off: number): string {
  const n = c.netVersion === 4 ? 4 : 16;
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(c.netBuf[off + i] ?? 0);
  return s;
}

/** The request's checksum a reply with checksum `cksum` answers (ones' complement, type 128 -> 129). */
export function requestChecksumOfReply(cksum: number): number {
  let sum = (~cksum & 0xffff) + 0xfeff;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** Files an echo request; returns the reply's frame when known from an earlier visit, else 0. */
export function echoRequest(c: DissectCtx, id: number, seq: number, cksum: number): number {
  const s = stateOf(c);
  const frame = c.meta.number;
  if (frame <= s.lastFrame) return s.byFrame.get(frame)?.reply ?? 0;
  s.lastFrame = frame;
  const t: Transaction = { request: frame, reply: 0 };
  s.open.set(keyOf(c, id, seq, cksum === 0xffff ? 0 : cksum), t);
  s.byFrame.set(frame, t);
  return 0;
}

/** Matches an echo reply; returns the request's frame number, or 0 when there is none. */
export function echoReply(c: DissectCtx, id: number, seq: number, cksum: number): number {
  const s = stateOf(c);
  const frame = c.meta.number;
  if (frame <= s.lastFrame) {
    const t = s.byFrame.get(frame);
    return t && t.reply === frame ? t.request : 0;
  }
  s.lastFrame = frame;
  const t = s.open.get(keyOf(c, id, seq, requestChecksumOfReply(cksum)));
  if (!t || t.reply !== 0) return 0;
  t.reply = frame;
  s.byFrame.set(frame, t);
  return t.request;
}
