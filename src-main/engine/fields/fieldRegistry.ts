// The field registry: every field a dissector can report (name, type, description,
// protocol), with Wireshark's names so display-filter habits carry over. Dissectors
// register their fields at module load and get back small integer ids; the recorder,
// the display-filter compiler, the UI's completion and `wiresight fields` all read this.

export type FieldType =
  | 'protocol' // a protocol layer (ip, tcp): exists or not, value is its bytes
  | 'none' // a label or subtree with no value of its own
  | 'uint'
  | 'int'
  | 'bool'
  | 'ether' // 6-byte MAC, value in the bytes of its range
  | 'ipv4' // value also kept as an unsigned 32-bit number
  | 'ipv6' // 16 bytes, value in the bytes of its range
  | 'bytes'
  | 'string'
  | 'time' // absolute time, seconds since the epoch (number)
  | 'reltime' // relative time, seconds (number)
  | 'double';

export type NumberBase = 'dec' | 'hex' | 'oct' | 'dec_hex';

export type ExpertSeverity = 'Comment' | 'Chat' | 'Note' | 'Warning' | 'Error';
export type ExpertGroup =
  | 'Checksum'
  | 'Sequence'
  | 'Response'
  | 'Request'
  | 'Undecoded'
  | 'Reassemble'
  | 'Protocol'
  | 'Malformed'
  | 'Debug'
  | 'Deprecated'
  | 'Comment'
  | 'Security';

export interface FieldSpec {
  name: string;
  type: FieldType;
  description: string;
  /** display base for integers; hex fields print as 0x%0{width}x */
  base?: NumberBase;
  /** width in bits of an integer field, used for hex formatting and range checks */
  bits?: number;
  /** names for values, as Wireshark's value_string (icmp.type 8 = "Echo (ping) request") */
  valueNames?: Readonly<Record<number, string>>;
  /** for expert fields: how severe and which group */
  expert?: { severity: ExpertSeverity; group: ExpertGroup };
}

export interface FieldDef extends FieldSpec {
  id: number;
  /** the protocol abbreviation this field belongs to ("ip" for ip.src) */
  protocol: string;
}

const byId: FieldDef[] = [];
const byName = new Map<string, FieldDef>();

function protocolOf(name: string): string {
  const dot = name.indexOf('.');
  return dot < 0 ? name : name.slice(0, dot);
}

/** Registers one field; registering the same name twice returns the first id (modules may be loaded by several entry points). */
export function registerField(spec: FieldSpec): number {
  const existing = byName.get(spec.name);
  if (existing) return existing.id;
  const def: FieldDef = { ...spec, id: byId.length, protocol: protocolOf(spec.name) };
  byId.push(def);
  byName.set(def.name, def);
  return def.id;
}

/** Registers a record of fields at once and returns the same keys mapped to their ids. */
export function registerFields<K extends string>(specs: Record<K, FieldSpec>): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key of Object.keys(specs) as K[]) out[key] = registerField(specs[key]);
  return out;
}

export function registerProtocol(name: string, description: string): number {
  return registerField({ name, type: 'protocol', description });
}

/**
 * Whether a field is an expert item as tshark has it. Wiresight's own experts (the kernel's
 * drop reasons, `ws.kernel.*`) are left out of `_ws.expert` so it stays comparable with tshark.
 */
export function isTsharkExpert(def: FieldDef): def is FieldDef & Required<Pick<FieldDef, 'expert'>> {
  return def.expert !== undefined && !def.name.startsWith('ws.kernel.');
}

export function fieldById(id: number): FieldDef {
  const def = byId[id];
  if (!def) throw new RangeError(`no field with id ${id}`);
  return def;
}

export function fieldByName(name: string): FieldDef | undefined {
  return byName.get(name);
}

/** The id of a registered field; throws when the name is unknown (a programming error). */
export function fieldId(name: string): number {
  const def = byName.get(name);
  if (!def) throw new Error(`field ${name} is not registered (dissectors not loaded?)`);
  return def.id;
}

export function fieldCount(): number {
  return byId.length;
}

/** All registered fields in registration order (protocol first, then its fields). */
export function allFields(): readonly FieldDef[] {
  return byId;
}
