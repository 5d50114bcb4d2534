// Helpers for the link-layer dissector tests: frames written as hex, dissected from a link
// type the way a capture pass does it, and the results read back as tshark would print them
// (fields, expert lines, frame.protocols, summary columns).

import { DissectCtx, type FrameMeta } from '../../../../src-main/engine/dissect/context.js';
import { dissectFrame } from '../../../../src-main/engine/dissect/dissectFrame.js';
import { fieldByName } from '../../../../src-main/engine/fields/fieldRegistry.js';
import { formatFieldValue } from '../../../../src-main/engine/fields/fieldFormat.js';
import { PacketFields } from '../../../../src-main/engine/fields/packetFields.js';
import { summaryColumns, type SummaryColumns } from '../../../../src-main/engine/output/summary.js';
import { expertText } from '../../../../src-main/engine/output/referenceJson.js';
import type { Analyzer } from '../../../../src-main/engine/pass/analyzer.js';

/** Bytes from hex text; spaces and line breaks are ignored. */
export function hex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 2) throw new Error(`odd hex length: ${text}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function zeros(n: number): string {
  return '00'.repeat(n);
}

export interface Dissected {
  f: PacketFields;
  c: DissectCtx;
  /** frame.protocols as tshark prints it */
  protocols: string;
  /** every occurrence of a field, formatted as tshark's -T fields prints it */
  values(name: string): string[];
  /** "Expert Info (Severity/Group): message" lines */
  experts(): string[];
  /** texts of _ws.malformed and _ws.short records (the hidden markers left out) */
  problems(): string[];
  columns(): SummaryColumns;
}

export interface LinkOptions {
  origLen?: number;
  number?: number;
  tsSec?: number;
  direction?: number;
  f?: PacketFields;
  c?: DissectCtx;
  analyzers?: Analyzer[];
}

export function dissectLink(linkType: number, bytes: Uint8Array, opts: LinkOptions = {}): Dissected {
  const f = opts.f ?? new PacketFields();
  const c = opts.c ?? new DissectCtx();
  const meta: FrameMeta = {
    number: opts.number ?? 1,
    tsSec: opts.tsSec ?? 1700000000,
    tsNsec: 0,
    capLen: bytes.length,
    origLen: opts.origLen ?? bytes.length,
    linkType,
    interfaceId: 0,
    direction: opts.direction ?? 0,
    comment: null,
  };
  dissectFrame(f, c, meta, bytes, true);
  for (const a of opts.analyzers ?? []) a.observe(f, c, meta.number - 1);
  return result(f, c);
}

export function result(f: PacketFields, c: DissectCtx): Dissected {
  const protocolsId = fieldByName('frame.protocols')!.id;
  return {
    f,
    c,
    protocols: (f.strs[f.first(protocolsId)] ?? '').replace(/^frame(:|$)/, ''),
    values(name) {
      const def = fieldByName(name);
      if (!def) throw new Error(`no field ${name}`);
      const out: string[] = [];
      for (let i = f.first(def.id); i >= 0; i = f.nexts[i]!) out.push(formatFieldValue(f, i));
      return out;
    },
    experts() {
      const out: string[] = [];
      for (let i = 0; i < f.count; i++) {
        const t = expertText(f, i);
        if (t) out.push(t);
      }
      return out;
    },
    problems() {
      const out: string[] = [];
      for (const name of ['_ws.malformed', '_ws.short']) {
        const id = fieldByName(name)!.id;
        for (let i = f.first(id); i >= 0; i = f.nexts[i]!) if (f.strs[i]?.startsWith('[')) out.push(f.strs[i]!);
      }
      return out;
    },
    columns: () => summaryColumns(f, c),
  };
}

export const PADDING_NOTE =
  "Expert Info (Note/Protocol): Didn't find padding of zeros, and an undecoded trailer exists. There may be padding of non-zeros.";

/** An ARP body (28 bytes) for Ethernet/IPv4. */
export function arpBody(op: number, sha: string, spa: string, tha: string, tpa: string): string {
  const ip = (s: string): string => s.split('.').map((n) => Number(n).toString(16).padStart(2, '0')).join('');
  const mac = (s: string): string => s.replace(/:/g, '');
  return `0001 0800 06 04 ${op.toString(16).padStart(4, '0')} ${mac(sha)} ${ip(spa)} ${mac(tha)} ${ip(tpa)}`;
}
