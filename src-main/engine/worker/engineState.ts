// What every worker request handler gets: the open capture (if any), the background loop
// and the event sink; and the handler table's type, checked for completeness.

import { ApiError } from '../../api/apiError.js';
import type { BackgroundWork } from './backgroundWork.js';
import type { EngineMethodName, EngineMethods } from './engineMethods.js';
import type { EmitEvent } from './eventSink.js';
import type { FlowSource } from './flowSource.js';
import type { OpenCapture } from './openCapture.js';

export interface EngineState {
  capture: OpenCapture | null;
  readonly work: BackgroundWork;
  readonly emit: EmitEvent;
  /** the conntrack-style flow tracker of the open capture, when the flows module is present */
  flows: FlowSource | null;
}

export type Handler<K extends EngineMethodName> = (
  params: EngineMethods[K]['params'],
  state: EngineState,
) => EngineMethods[K]['result'] | Promise<EngineMethods[K]['result']>;

export type EngineHandlers = { [K in EngineMethodName]: Handler<K> };

/** The open capture, or an error the UI can show. */
export function requireCapture(state: EngineState): NonNullable<EngineState['capture']> {
  if (!state.capture) throw new ApiError('ENOFILE', 'no capture file is open');
  return state.capture;
}
