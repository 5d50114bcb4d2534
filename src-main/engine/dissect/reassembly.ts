// IP fragment reassembly, shared by IPv4 and IPv6. The first pass feeds fragments in file
// order; on-demand dissection of a frame that completed a datagram replays the earlier
// fragments first (the index lists them), so the same code serves both. Bounded: at most
// MAX_PENDING datagrams wait for their missing pieces, the oldest is dropped first.

const MAX_PENDING = 4096;
const MAX_DATAGRAM = 65535 + 40;

interface Pending {
  parts: { off: number; data: Uint8Array }[];
  /** total payload length once the last fragment (MF = 0) was seen, else -1 */
  total: number;
  frames: number[];
}

export interface Reassembled {
  payload: Uint8Array;
  /** frame numbers of every fragment, in arrival order, the completing one last */
  frames: number[];
}

export class FragmentReassembler {
  private pending = new Map<string, Pending>();

  /**
   * Adds one fragment's payload (copied). Returns the whole datagram when this fragment
   * completes it, else null. A repeated (frame, offset) is ignored so replays are harmless.
   */
  add(key: string, frame: number, offset: number, data: Uint8Array, more: boolean): Reassembled | null {
    let p = this.pending.get(key);
    if (!p) {
      if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
      p = { parts: [], total: -1, frames: [] };
      this.pending.set(key, p);
    }
    if (offset + data.length > MAX_DATAGRAM) return null;
    if (!p.frames.includes(frame)) p.frames.push(frame);
    p.parts.push({ off: offset, data: data.slice() });
    if (!more) p.total = offset + data.length;
    if (p.total < 0) return null;
    const payload = this.assemble(p);
    if (!payload) return null;
    this.pending.delete(key);
    return { payload, frames: p.frames };
  }

  clear(): void {
    this.pending.clear();
  }

  private assemble(p: Pending): Uint8Array | null {
    // pieces lying beyond the datagram's end are ignored (tshark flags them "too long")
    const sorted = p.parts.filter((part) => part.off < p.total).sort((a, b) => a.off - b.off);
    let covered = 0;
    for (const part of sorted) {
      if (part.off > covered) return null;
      covered = Math.max(covered, part.off + part.data.length);
    }
    if (covered < p.total) return null;
    const out = new Uint8Array(p.total);
    // where fragments overlap, the bytes that arrived first win: write the latest first
    for (let i = p.parts.length - 1; i >= 0; i--) {
      const part = p.parts[i]!;
      const room = p.total - part.off;
      if (room > 0) out.set(part.data.subarray(0, room), part.off);
    }
    return out;
  }
}
