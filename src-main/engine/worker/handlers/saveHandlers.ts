// Save As / Export Specified Packets, and Export Flows. Saving every packet of a file in
// its own format copies it (keeping comments and statistics blocks); anything else is
// rewritten packet by packet.

import { copyFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApiError } from '../../../api/apiError.js';
import { writeCapture } from '../captureWriter.js';
import { requireCapture, type EngineHandlers } from '../engineState.js';

export const saveHandlers = {
  saveFile: ({ path, format, displayedOnly }, state) => {
    const cap = requireCapture(state);
    const target = resolve(path);
    if (target === resolve(cap.path)) throw new ApiError('ESAME', 'choose a different file than the one that is open');
    const total = cap.total;
    const filtered = displayedOnly && cap.view.matcher !== null;
    const whole = !filtered && cap.indexDone && !cap.file.damage;
    if (whole && format === cap.file.reader.format && !cap.file.reader.compressed) {
      copyFileSync(cap.path, target);
      return { path: target, packets: total };
    }
    const packets = filtered ? cap.view.displayedPackets(total) : range(total);
    return { path: target, packets: writeCapture(cap.file, packets, target, format) };
  },

  exportFlows: ({ path, format, all }, state) => {
    requireCapture(state);
    const flows = state.flows;
    if (!flows) throw new ApiError('ENOFLOWS', 'the flow tracker is not available in this build');
    const target = resolve(path);
    writeFileSync(target, flows.export(format, all === true));
    return { path: target, flows: flows.rows(all === true).length };
  },
} satisfies Partial<EngineHandlers>;

function* range(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}
