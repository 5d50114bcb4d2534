// Opening and closing captures: a file from disk, or a live capture's growing file. The
// first slice is indexed before answering so the list can show rows at once; the rest is
// indexed by the background loop.

import { ApiError } from '../../../api/apiError.js';
import type { FileInfo } from '../../../api/contract.js';
import { loadFlowSource } from '../flowSource.js';
import type { EngineHandlers, EngineState } from '../engineState.js';
import { OpenCapture } from '../openCapture.js';

/** How long opening may index before it answers (time to first rows). */
const FIRST_SLICE_MS = 40;

function closeCurrent(state: EngineState): void {
  state.work.stop();
  state.capture?.close();
  state.capture = null;
  state.flows = null;
}

async function open(state: EngineState, path: string, live: boolean): Promise<FileInfo> {
  const makeFlows = await loadFlowSource();
  let cap: OpenCapture;
  try {
    cap = await OpenCapture.open(path, live);
  } catch (err) {
    throw new ApiError('EOPEN', err instanceof Error ? err.message : String(err));
  }
  const file = cap.file;
  const flows = makeFlows ? makeFlows(file.analyzers, (a) => file.addAnalyzer(a), () => firstTime(state)) : null;
  closeCurrent(state);
  state.capture = cap;
  state.flows = flows;
  state.work.indexFor(cap, FIRST_SLICE_MS);
  state.work.kick();
  const info = cap.info();
  state.emit('fileOpened', info);
  return info;
}

function firstTime(state: EngineState): number {
  const x = state.capture?.file.index;
  return x && x.count > 0 ? x.tsSec.data[0]! + x.tsNsec.data[0]! / 1e9 : 0;
}

export const fileHandlers = {
  openFile: ({ path }, state) => open(state, path, false),
  openLive: ({ path }, state) => open(state, path, true),
  liveEnded: (_p, state) => {
    const cap = state.capture;
    if (!cap || !cap.live) return null;
    cap.following = false;
    state.work.kick();
    return cap.info();
  },
  closeFile: (_p, state) => {
    if (state.capture) {
      closeCurrent(state);
      state.emit('fileClosed', null);
    }
    return null;
  },
  fileInfo: (_p, state) => state.capture?.info() ?? null,
} satisfies Partial<EngineHandlers>;
