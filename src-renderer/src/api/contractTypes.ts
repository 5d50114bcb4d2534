// The renderer's window onto the backend's API contract: types only (the lint rule and
// verbatimModuleSyntax keep it so), re-exported so components import from one place.

export type * from '../../../src-main/api/contract.js';
export type { WireEvent, WireRequest, WireResponse } from '../../../src-main/api/wire.js';
