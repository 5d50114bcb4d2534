// Routes a method call to its handler with the worker's state. Used by the worker entry
// and directly by unit tests (no thread needed to test the handlers).

import { ApiError } from '../../api/apiError.js';
import { BackgroundWork } from './backgroundWork.js';
import type { EngineMethodName, EngineMethods } from './engineMethods.js';
import type { EngineHandlers, EngineState } from './engineState.js';
import type { EmitEvent } from './eventSink.js';
import { detailHandlers } from './handlers/detailHandlers.js';
import { fieldHandlers } from './handlers/fieldHandlers.js';
import { fileHandlers } from './handlers/fileHandlers.js';
import { filterHandlers } from './handlers/filterHandlers.js';
import { flowHandlers } from './handlers/flowHandlers.js';
import { rowHandlers } from './handlers/rowHandlers.js';
import { saveHandlers } from './handlers/saveHandlers.js';

/** How often the flow view is told to refresh while packets are being indexed. */
const FLOWS_EVERY_MS = 500;

const handlers: EngineHandlers = {
  ...fileHandlers,
  ...rowHandlers,
  ...detailHandlers,
  ...filterHandlers,
  ...fieldHandlers,
  ...flowHandlers,
  ...saveHandlers,
};

export class EngineDispatcher {
  readonly state: EngineState;

  constructor(emit: EmitEvent) {
    const state: EngineState = {
      capture: null,
      flows: null,
      emit,
      work: new BackgroundWork(() => state.capture, emit),
    };
    let lastFlows = 0;
    state.work.onIndexed = () => {
      const now = performance.now();
      if (!state.flows || now - lastFlows < FLOWS_EVERY_MS) return;
      lastFlows = now;
      emit('flowsChanged', { total: state.flows.count() });
    };
    this.state = state;
  }

  async call<K extends EngineMethodName>(method: K, params: EngineMethods[K]['params']): Promise<EngineMethods[K]['result']> {
    const h = (handlers as Record<string, unknown>)[method] as EngineHandlers[K] | undefined;
    if (!h) throw new ApiError('ENOMETHOD', `unknown method ${String(method)}`);
    return await h(params ?? ({} as EngineMethods[K]['params']), this.state);
  }
}
