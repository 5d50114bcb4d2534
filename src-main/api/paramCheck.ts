// Checks a request's method name and parameter shapes at the trust boundary (WebSocket
// frames and IPC messages come from outside the backend), so handlers can rely on types.

import { ApiError } from './apiError.js';
import type { MethodName } from './contract.js';

type Kind = 'string' | 'number' | 'boolean' | 'string|null';
/** a trailing '?' marks an optional parameter */
type Shape = Record<string, `${Kind}` | `${Kind}?`>;

const SHAPES: Record<MethodName, Shape> = {
  openFile: { path: 'string' },
  closeFile: {},
  fileInfo: {},
  rows: { start: 'number', count: 'number', timeFormat: 'string' },
  packetDetail: { index: 'number' },
  findPacket: { number: 'number' },
  findText: { text: 'string', fromRow: 'number', mode: 'string' },
  setDisplayFilter: { text: 'string' },
  checkFilter: { text: 'string' },
  sortRows: { column: 'string|null', descending: 'boolean' },
  fields: {},
  flows: { sort: 'string?', descending: 'boolean?', search: 'string?', all: 'boolean?', offset: 'number?', limit: 'number?' },
  flowFilter: { id: 'number' },
  flowText: { id: 'number', as: 'string' },
  exportFlows: { path: 'string', format: 'string', all: 'boolean?' },
  saveFile: { path: 'string', format: 'string', displayedOnly: 'boolean' },
  interfaces: {},
  namespaces: {},
  captureStart: { iface: 'string', netns: 'string|null?', filter: 'string?', promisc: 'boolean?' },
  captureStop: {},
  captureStatus: {},
  captureGrant: {},
  recentFiles: {},
  samples: {},
  listDir: { path: 'string' },
  chooseFile: { mode: 'string', title: 'string?', defaultPath: 'string?' },
};

const ENUMS: Partial<Record<string, readonly string[]>> = {
  'rows.timeFormat': ['relative', 'delta', 'epoch', 'absolute', 'utc'],
  'findText.mode': ['filter', 'string'],
  'sortRows.column': ['number', 'time', 'src', 'dst', 'protocol', 'length', 'info'],
  'flowText.as': ['conntrack', 'nft', 'iptables'],
  'exportFlows.format': ['csv', 'json', 'zeek'],
  'saveFile.format': ['pcapng', 'pcap'],
  'chooseFile.mode': ['open', 'save'],
};

export function isMethodName(x: unknown): x is MethodName {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(SHAPES, x);
}

function fits(v: unknown, kind: string): boolean {
  if (kind === 'string|null') return v === null || typeof v === 'string';
  if (kind === 'number') return typeof v === 'number' && Number.isFinite(v);
  return typeof v === kind;
}

/** Throws EBADPARAMS unless `params` has the method's shape (unknown keys are refused too). */
export function checkParams(method: MethodName, params: unknown): void {
  const shape = SHAPES[method];
  const p = (params ?? {}) as Record<string, unknown>;
  if (typeof p !== 'object' || Array.isArray(p)) throw new ApiError('EBADPARAMS', `${method}: params must be an object`);
  for (const key of Object.keys(p)) {
    if (!(key in shape)) throw new ApiError('EBADPARAMS', `${method}: unknown parameter "${key}"`);
  }
  for (const [key, spec] of Object.entries(shape)) {
    const optional = spec.endsWith('?');
    const kind = optional ? spec.slice(0, -1) : spec;
    const v = p[key];
    if (v === undefined) {
      if (!optional) throw new ApiError('EBADPARAMS', `${method}: missing parameter "${key}"`);
      continue;
    }
    if (!fits(v, kind)) throw new ApiError('EBADPARAMS', `${method}: "${key}" must be ${kind}`);
    const allowed = ENUMS[`${method}.${key}`];
    if (allowed && v !== null && !allowed.includes(v as string)) {
      throw new ApiError('EBADPARAMS', `${method}: "${key}" must be one of ${allowed.join(', ')}`);
    }
  }
}
