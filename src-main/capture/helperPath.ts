// Where the capture helper lives and whether it can capture: built by `npm run build:native`
// into native/build/wiresight-capture; WIRESIGHT_CAPTURE_HELPER overrides the path (a
// packaged app ships it elsewhere, and tests point at copies with file capabilities).

import { accessSync, constants, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Repository / package root: this file is dist/src-main/capture/helperPath.js once built. */
function packageRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
}

export function defaultHelperPath(): string {
  return path.join(packageRoot(), 'native', 'build', 'wiresight-capture');
}

/** The helper's absolute path when it exists and is executable, else null. */
export function findHelper(): string | null {
  const candidate = process.env.WIRESIGHT_CAPTURE_HELPER || defaultHelperPath();
  try {
    accessSync(candidate, constants.X_OK);
    return path.resolve(candidate);
  } catch {
    return null;
  }
}

/** What to tell someone whose helper is missing. */
export function helperMissingMessage(): string {
  const where = process.env.WIRESIGHT_CAPTURE_HELPER || defaultHelperPath();
  const built = existsSync(where);
  return built
    ? `The capture helper ${where} is not executable.`
    : `The capture helper is not built (${where} is missing). Build it with "npm run build:native" ` +
        `(it needs: sudo apt-get install -y libpcap-dev build-essential).`;
}

/** The one-time command that lets the helper capture without root. */
export function setcapCommand(helperPath: string): string {
  return `sudo setcap cap_net_raw,cap_net_admin+eip ${helperPath}`;
}
