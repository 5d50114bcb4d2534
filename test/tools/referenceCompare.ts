// Compares Wiresight's per-packet JSON with tshark's reference dissections in
// ../shared/captures (NAME.ref.json): field by field, with the scope rules the corpus
// README describes (frame.protocols up to our layers; expert and malformed items of the
// layers we dissect) and the known differences listed in test/referenceDifferences.json.

import { readFileSync } from 'node:fs';
import { CaptureReader } from '../../src-main/engine/read/captureReader.js';
import { PacketPass } from '../../src-main/engine/pass/packetPass.js';
import { standardAnalyzers } from '../../src-main/engine/pass/standardAnalyzers.js';
import { packetJson, type JsonValue } from '../../src-main/engine/output/referenceJson.js';

export const CORPUS = new URL('../../../../shared/captures/', import.meta.url).pathname;

interface KnownDifference {
  file: string;
  field: string;
  /** frame numbers, or omitted for every frame of the file */
  frames?: number[];
  reason: string;
}

interface DifferenceList {
  outOfScopeExperts: { pattern: string; reason: string }[];
  outOfScopeMalformed: { protocol: string; reason: string }[];
  /** frame.protocols layer names of the protocols we dissect; tshark's layers beyond them are not compared */
  ourLayers: string[];
  known: KnownDifference[];
}

export const differences: DifferenceList = JSON.parse(
  readFileSync(new URL('../../../test/referenceDifferences.json', import.meta.url), 'utf8'),
);
const expertOut = differences.outOfScopeExperts.map((e) => new RegExp(e.pattern));
const malformedOut = new Set(differences.outOfScopeMalformed.map((m) => m.protocol));

export interface Mismatch {
  frame: number;
  field: string;
  ours: JsonValue | undefined;
  ref: JsonValue | undefined;
  known?: string;
}

export interface FileComparison {
  file: string;
  packetsRef: number;
  packetsOurs: number;
  /** number of (packet, field) values compared and how many agreed */
  compared: number;
  agreed: number;
  mismatches: Mismatch[];
  damage: string | null;
  error?: string;
}

const asList = (v: JsonValue | undefined): (string | number)[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

const EXCEPTION = 'Expert Info (Error/Malformed): Malformed Packet (Exception occurred)';

/**
 * Expert items in scope; tshark's generic "Exception occurred" item follows a malformed
 * layer, so it is only compared when one of the packet's malformed layers is ours.
 */
function scopeExperts(v: JsonValue | undefined, malformed: JsonValue | undefined, upperLayer: boolean): string[] {
  const ownMalformed = scopeMalformed(malformed, upperLayer).length > 0;
  return asList(v)
    .map(String)
    .filter((e) => !expertOut.some((re) => re.test(e)) && (e !== EXCEPTION || ownMalformed))
    .sort();
}

/**
 * Malformed/short items of the layers we dissect. A bare "_ws.malformed" (no label) comes
 * from an upper layer when tshark dissected one, so it is only compared when it did not.
 */
function scopeMalformed(v: JsonValue | undefined, upperLayer = false): string[] {
  return asList(v)
    .map(String)
    .filter((e) => {
      if (e === '_ws.malformed') return !upperLayer;
      const m = /^\[(?:Malformed Packet|Packet size limited during capture): (.*?)(?: truncated)?\]$/.exec(e);
      return !(m && malformedOut.has(m[1]!));
    })
    .sort();
}

/**
 * frame.protocols agree when ours, minus a trailing "data", is a layer prefix of tshark's
 * and tshark's next layer (if any) is one we do not dissect. tshark leaves "data" out when
 * TCP reassembly holds the payload for a later frame, so ours may end in data where it ends.
 */
function protocolsAgree(ours: string, ref: string): boolean {
  if (ours === ref) return true;
  const o = ours.split(':');
  const r = ref.split(':');
  if (o[o.length - 1] === 'data') o.pop();
  if (o.length > r.length) return false;
  for (let i = 0; i < o.length; i++) if (o[i] !== r[i]) return false;
  return o.length === r.length || !differences.ourLayers.includes(r[o.length]!);
}

function isSubMultiset(small: string[], big: string[]): boolean {
  const left = [...big];
  for (const x of small) {
    const i = left.indexOf(x);
    if (i < 0) return false;
    left.splice(i, 1);
  }
  return true;
}

/** Whether tshark dissected a layer we do not (its stack names a protocol outside ours). */
function hasUpperLayer(protocols: string): boolean {
  return protocols.split(':').some((l) => l !== '' && !differences.ourLayers.includes(l));
}

function same(field: string, ours: Record<string, JsonValue>, ref: Record<string, JsonValue>): boolean {
  const a = ours[field];
  const b = ref[field];
  if (field === 'frame.protocols') return protocolsAgree(String(a ?? ''), String(b ?? ''));
  const upper = hasUpperLayer(String(ref['frame.protocols'] ?? ''));
  if (field === '_ws.expert') {
    const mine = scopeExperts(a, ours['_ws.malformed'], upper);
    const theirs = scopeExperts(b, ref['_ws.malformed'], upper);
    // where tshark went on into layers we show as data, its list also holds their items:
    // then every item of ours must be among tshark's (as a multiset)
    if (upper) return isSubMultiset(mine, theirs);
    return JSON.stringify(mine) === JSON.stringify(theirs);
  }
  if (field === '_ws.malformed' || field === '_ws.short') {
    return JSON.stringify(scopeMalformed(a, upper)) === JSON.stringify(scopeMalformed(b, upper));
  }
  return JSON.stringify(asList(a).map(String)) === JSON.stringify(asList(b).map(String));
}

function knownReason(file: string, frame: number, field: string): string | undefined {
  return differences.known.find((k) => k.file === file && k.field === field && (!k.frames || k.frames.includes(frame)))?.reason;
}

export async function compareFile(file: string): Promise<FileComparison> {
  const ref = JSON.parse(readFileSync(CORPUS + file.replace(/\.pcap(ng)?$/, '.ref.json'), 'utf8'));
  const fields: string[] = ref.fields;
  const out: FileComparison = { file, packetsRef: ref.packet_count, packetsOurs: 0, compared: 0, agreed: 0, mismatches: [], damage: null };
  const reader = await CaptureReader.open(CORPUS + file);
  try {
    const pass = new PacketPass(reader, standardAnalyzers());
    let k = 0;
    while (pass.next()) {
      const refPacket: Record<string, JsonValue> | undefined = ref.packets[k++];
      if (!refPacket) continue;
      const ours = packetJson(pass.f, pass.meta, fields);
      for (const field of fields) {
        const a = ours[field];
        const b = refPacket[field];
        if (a === undefined && b === undefined) continue;
        out.compared++;
        if (same(field, ours, refPacket)) {
          out.agreed++;
          continue;
        }
        const m: Mismatch = { frame: pass.meta.number, field, ours: a, ref: b };
        const known = knownReason(file, m.frame, field);
        if (known) m.known = known;
        out.mismatches.push(m);
      }
    }
    out.packetsOurs = k;
    out.damage = reader.damage ? `${reader.damage.message}` : null;
  } catch (err) {
    out.error = err instanceof Error ? (err.stack ?? err.message) : String(err);
  } finally {
    reader.close();
  }
  return out;
}
