// tshark's `_ws.expert`, `_ws.expert.message`, `.severity` and `.group` as filter fields.
// Dissectors record each expert entry as its own field (`ip.checksum_bad.expert`, with the
// severity and group in the registry), so these are virtual: the filter finds every
// record whose field is an expert one. Severity and group use Wireshark's numeric codes and
// names, so `_ws.expert.severity >= "Warning"` works as in Wireshark.

import { allFields, fieldCount, isTsharkExpert, type ExpertGroup, type ExpertSeverity, type FieldDef } from '../fields/fieldRegistry.js';
import type { PacketFields } from '../fields/packetFields.js';

const SEVERITY_CODES: Record<ExpertSeverity, number> = {
  Comment: 0x00100000,
  Chat: 0x00200000,
  Note: 0x00400000,
  Warning: 0x00600000,
  Error: 0x00800000,
};

const GROUP_CODES: Record<ExpertGroup, number> = {
  Checksum: 0x01000000,
  Sequence: 0x02000000,
  Response: 0x03000000,
  Request: 0x04000000,
  Undecoded: 0x05000000,
  Reassemble: 0x06000000,
  Malformed: 0x07000000,
  Debug: 0x08000000,
  Protocol: 0x09000000,
  Security: 0x0a000000,
  Comment: 0x0b000000,
  Deprecated: 0x0e000000,
};

function names(codes: Record<string, number>): Record<number, string> {
  return Object.fromEntries(Object.entries(codes).map(([k, v]) => [v, k]));
}

export type ExpertPart = 'any' | 'message' | 'severity' | 'group';

function virtualDef(id: number, name: string, type: FieldDef['type'], description: string, valueNames?: Record<number, string>): FieldDef {
  return { id, name, type, description, protocol: '_ws', base: type === 'uint' ? 'hex' : undefined, bits: type === 'uint' ? 32 : undefined, valueNames };
}

/** Virtual field definitions; negative ids mark them as not recorded by any dissector. */
export const EXPERT_DEFS: Record<string, FieldDef> = {
  '_ws.expert': virtualDef(-2, '_ws.expert', 'none', 'Expert Info'),
  '_ws.expert.message': virtualDef(-3, '_ws.expert.message', 'string', 'Message'),
  '_ws.expert.severity': virtualDef(-4, '_ws.expert.severity', 'uint', 'Severity level', names(SEVERITY_CODES)),
  '_ws.expert.group': virtualDef(-5, '_ws.expert.group', 'uint', 'Group', names(GROUP_CODES)),
};

const PARTS: Record<number, ExpertPart> = { [-2]: 'any', [-3]: 'message', [-4]: 'severity', [-5]: 'group' };

export function expertPartOf(def: FieldDef): ExpertPart | undefined {
  return def.id < 0 ? PARTS[def.id] : undefined;
}

/** Per field id: 0 when not an expert field, else its severity code; group codes alongside. */
let severityById = new Int32Array(0);
let groupById = new Int32Array(0);
let expertIds: number[] = [];

function refresh(): void {
  if (severityById.length === fieldCount()) return;
  severityById = new Int32Array(fieldCount());
  groupById = new Int32Array(fieldCount());
  expertIds = [];
  for (const def of allFields()) {
    // the kernel drop-reason notes are Wiresight's own; like the JSON writer's _ws.expert, leave them out
    if (!isTsharkExpert(def)) continue;
    severityById[def.id] = SEVERITY_CODES[def.expert.severity];
    groupById[def.id] = GROUP_CODES[def.expert.group];
    expertIds.push(def.id);
  }
}

/** Ids of every registered expert field (what the virtual fields read). */
export function expertFieldIds(): number[] {
  refresh();
  return expertIds;
}

/**
 * Calls `each(i, severity, group)` for every expert record of the packet, in record order;
 * stops early when `each` returns true, and returns whether it did.
 */
export function forEachExpert(f: PacketFields, each: (i: number, severity: number, group: number) => boolean): boolean {
  refresh();
  const ids = f.ids;
  const sev = severityById;
  for (let i = 0; i < f.count; i++) {
    const id = ids[i]!;
    if (id < sev.length && sev[id] !== 0 && each(i, sev[id]!, groupById[id]!)) return true;
  }
  return false;
}
