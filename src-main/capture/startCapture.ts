// Picks the capture source: the native helper whenever it is built (the normal case), else
// `cap` in this process when the process itself may capture (root or CAP_NET_RAW), else an
// error saying how to get the helper.

import { readFileSync } from 'node:fs';
import { CaptureError } from './captureError.js';
import type { CaptureOptions } from './captureOptions.js';
import type { CaptureSession } from './captureSession.js';
import { loadCap } from './capBinding.js';
import { CapCaptureSession } from './capSession.js';
import { findHelper, helperMissingMessage } from './helperPath.js';
import { HelperCaptureSession } from './helperSession.js';

const CAP_NET_RAW = 13;

/** Effective capability bits from /proc/self/status ("CapEff: 000001ffffffffff"). */
export function parseCapEff(status: string): bigint {
  const m = /^CapEff:\s*([0-9a-f]+)$/m.exec(status);
  return m ? BigInt('0x' + m[1]) : 0n;
}

/** True when this process could open a packet socket itself. */
export function processCanCapture(): boolean {
  try {
    return ((parseCapEff(readFileSync('/proc/self/status', 'utf8')) >> BigInt(CAP_NET_RAW)) & 1n) === 1n;
  } catch {
    return process.getuid?.() === 0;
  }
}

export interface StartOptions {
  /** use this helper instead of looking for one; null forbids the helper */
  helperPath?: string | null;
}

export async function startCapture(opts: CaptureOptions, how: StartOptions = {}): Promise<CaptureSession> {
  const helper = how.helperPath === undefined ? findHelper() : how.helperPath;
  if (helper) return HelperCaptureSession.start(helper, opts);
  if (processCanCapture()) {
    const cap = await loadCap();
    if (cap) return CapCaptureSession.start(cap, opts);
  }
  throw new CaptureError('ENOHELPER', helperMissingMessage());
}
