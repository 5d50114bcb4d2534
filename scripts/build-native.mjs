#!/usr/bin/env node
// Builds the capture helper (native/ -> native/build/wiresight-capture) with make and cc.
// When a compiler, make or libpcap's headers are missing it says exactly what to install
// and exits non-zero (or 0 with a warning when run with --optional, so a plain
// `npm install` can still succeed on a machine that only opens files).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const INSTALL_LINE = 'sudo apt-get install -y libpcap-dev build-essential';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nativeDir = path.join(root, 'native');
const helper = path.join(nativeDir, 'build', 'wiresight-capture');
const optional = process.argv.includes('--optional');

function fail(reason) {
  process.stderr.write(
    `wiresight: cannot build the capture helper: ${reason}\n` +
      `Install the build tools and libpcap's headers, then run "npm run build:native":\n` +
      `  ${INSTALL_LINE}\n`,
  );
  if (optional) {
    process.stderr.write('wiresight: continuing without live capture (opening files still works).\n');
    process.exit(0);
  }
  process.exit(1);
}

function found(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

if (process.platform !== 'linux') {
  process.stderr.write('wiresight: the capture helper is Linux-only; skipping it.\n');
  process.exit(optional ? 0 : 1);
}
const cc = process.env.CC || 'cc';
if (!found(cc, ['--version'])) fail(`no C compiler ("${cc}" not found)`);
if (!found('make', ['--version'])) fail('"make" not found');

// Preprocess a one-line file that includes libpcap's header: the cheapest check
// that libpcap-dev is there, with the compiler that will be used.
const probe = spawnSync(cc, ['-E', '-x', 'c', '-'], { input: '#include <pcap/pcap.h>\n', encoding: 'utf8' });
if (probe.status !== 0) fail("libpcap's headers (pcap/pcap.h) are missing");

const make = spawnSync('make', ['-C', nativeDir], { stdio: 'inherit' });
if (make.status !== 0) fail(`make failed with exit code ${make.status}`);

process.stdout.write(`wiresight: built ${helper}\n`);
if (process.getuid && process.getuid() !== 0) {
  process.stdout.write(
    'To capture without running as root, give the helper its capabilities once:\n' +
      `  sudo setcap cap_net_raw,cap_net_admin+eip ${helper}\n`,
  );
}
