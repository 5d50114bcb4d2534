// Which API methods the engine worker answers (the backend routes these to it and handles
// the rest itself: capture, interfaces, dialogs), plus the worker-only methods the backend
// uses to hand it a live capture file.

import type { ApiMethods, FileInfo } from '../../api/contract.js';

export const ENGINE_METHODS = [
  'openFile', 'closeFile', 'fileInfo', 'rows', 'packetDetail', 'findPacket', 'findText', 'setDisplayFilter',
  'checkFilter', 'sortRows', 'fields', 'flows', 'flowFilter', 'flowText', 'exportFlows', 'saveFile',
] as const;

export type EngineApiMethod = (typeof ENGINE_METHODS)[number];

export interface EngineInternalMethods {
  /** opens a capture file that is still being written, following it as it grows */
  openLive: { params: { path: string }; result: FileInfo };
  /** the capture has stopped: read what is left, then stop following */
  liveEnded: { params: Record<string, never>; result: FileInfo | null };
}

export type EngineMethods = Pick<ApiMethods, EngineApiMethod> & EngineInternalMethods;
export type EngineMethodName = keyof EngineMethods;

export function isEngineMethod(name: string): name is EngineApiMethod {
  return (ENGINE_METHODS as readonly string[]).includes(name);
}
