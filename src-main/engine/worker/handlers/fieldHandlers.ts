// The field list for the filter bar's completion: every registered field with its type
// and description (protocols first, as registered).

import { allFields } from '../../fields/fieldRegistry.js';
import type { EngineHandlers } from '../engineState.js';

export const fieldHandlers = {
  fields: () =>
    allFields()
      .filter((d) => d.name !== '')
      .map((d) => ({ name: d.name, type: d.type, description: d.description, protocol: d.protocol })),
} satisfies Partial<EngineHandlers>;
