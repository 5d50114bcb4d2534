// How worker code pushes events to the renderer without knowing the transport.

import type { ApiEvents, EventName } from '../../api/contract.js';

export type EmitEvent = <E extends EventName>(event: E, data: ApiEvents[E]) => void;
