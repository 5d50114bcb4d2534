// The helper's failures a person will meet — bad capture filter, unknown interface, no
// privilege, unknown namespace — each end with the right code and a message that says
// what to do, both from the helper itself and through the supervisor. Needs root to run
// the unprivileged case (via setpriv) and the namespace cases.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { CaptureError } from '../../src-main/capture/captureError.js';
import { HelperCaptureSession } from '../../src-main/capture/helperSession.js';
import { parseDiagnosticLine, type HelperDiagnostic } from '../../src-main/capture/helperProtocol.js';
import { HELPER, createVethPair, liveSkipReason, tempDir } from './liveEnv.js';

const skip = liveSkipReason();

function runOnce(args: string[], wrap: string[] = [], helper = HELPER!): { code: number | null; error: HelperDiagnostic | null; stderr: string } {
  const r = spawnSync(wrap[0] ?? helper, [...wrap.slice(1), ...(wrap.length ? [helper] : []), ...args], { encoding: 'utf8', timeout: 10000 });
  const error = r.stderr.split('\n').map(parseDiagnosticLine).find((d) => d?.type === 'error') ?? null;
  return { code: r.status, error, stderr: r.stderr };
}

async function supervisorError(opts: Parameters<typeof HelperCaptureSession.start>[1], helper = HELPER!): Promise<CaptureError> {
  try {
    const s = await HelperCaptureSession.start(helper, opts);
    await s.stop();
    s.dispose();
  } catch (err) {
    assert.ok(err instanceof CaptureError);
    return err;
  }
  assert.fail('the capture should not have started');
}

test('a bad capture filter fails with EBADFILTER and libpcap\'s message', { skip }, async (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  const r = runOnce(['-i', 'lo', '-w', path.join(tmp.dir, 'x.pcapng'), '-f', 'tcp prot 80']);
  assert.equal(r.code, 1);
  assert.equal(r.error?.code, 'EBADFILTER');
  assert.match(r.error!.message, /^Invalid capture filter "tcp prot 80": .*syntax error/);
  assert.match(r.error!.message, /man pcap-filter/);

  const e = await supervisorError({ iface: 'lo', filter: 'host 300.1.1.1' });
  assert.equal(e.code, 'EBADFILTER');
  assert.match(e.message, /"host 300\.1\.1\.1"/);
});

test('an unknown interface fails with ENODEV and lists the interfaces there are', { skip }, async (t) => {
  const pair = createVethPair();
  const tmp = tempDir();
  t.after(() => {
    pair.teardown();
    tmp.remove();
  });
  const r = runOnce(['--netns', pair.nsA, '-i', 'ws-nosuch0', '-w', path.join(tmp.dir, 'x.pcapng')]);
  assert.equal(r.code, 1);
  assert.equal(r.error?.code, 'ENODEV');
  assert.equal(r.error!.message, `No interface named "ws-nosuch0" in network namespace ${pair.nsA}. Interfaces here: lo, ${pair.ifA}.`);

  const e = await supervisorError({ iface: 'ws-nosuch1' });
  assert.equal(e.code, 'ENODEV');
});

test('an unknown network namespace fails with ENETNS', { skip }, () => {
  const r = runOnce(['--netns', 'ws-does-not-exist', '--list']);
  assert.equal(r.code, 1);
  assert.equal(r.error?.code, 'ENETNS');
  assert.match(r.error!.message, /^Network namespace "ws-does-not-exist" does not exist \(\/run\/netns\/ws-does-not-exist not found\)\. Known namespaces: /);
});

test('without privileges the helper fails with EPERM and the exact setcap command', { skip }, async (t) => {
  // a copy nobody can reach, since the checkout may sit in a root-only directory
  const tmp = tempDir();
  t.after(tmp.remove);
  chmodSync(tmp.dir, 0o755);
  const helper = path.join(tmp.dir, 'wiresight-capture');
  copyFileSync(HELPER!, helper);
  chmodSync(helper, 0o755);
  const nobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];

  const r = runOnce(['-i', 'lo', '-w', '/tmp/never-written.pcapng'], nobody, helper);
  assert.equal(r.code, 1);
  assert.equal(r.error?.code, 'EPERM', r.stderr);
  assert.ok(
    r.error!.message.endsWith(`give it the capabilities once with: sudo setcap cap_net_raw,cap_net_admin+eip ${helper}`),
    r.error!.message,
  );

  // entering a namespace needs CAP_SYS_ADMIN on top, and the message says so
  const pair = createVethPair();
  t.after(pair.teardown);
  const ns = runOnce(['--netns', pair.nsA, '-i', pair.ifA, '-w', '/tmp/never-written.pcapng'], nobody, helper);
  assert.equal(ns.error?.code, 'EPERM');
  assert.match(ns.error!.message, /CAP_SYS_ADMIN/);
  assert.ok(ns.error!.message.includes(`sudo setcap cap_net_raw,cap_net_admin,cap_sys_admin+eip ${helper}`));

  // listing needs no privilege at all
  const list = spawnSync(nobody[0]!, [...nobody.slice(1), helper, '--list'], { encoding: 'utf8' });
  assert.equal(list.status, 0, list.stderr);
  assert.ok((JSON.parse(list.stdout) as { interfaces: Array<{ name: string }> }).interfaces.some((i) => i.name === 'lo'));
});

test('bad command lines fail with EUSAGE and exit code 2', { skip: !HELPER && 'the capture helper is not built' }, () => {
  for (const [args, message] of [
    [['-i', 'lo'], /no output given/],
    [['-w', '-'], /no interface given/],
    [['-i', 'lo', '-w', '-', '-b', 'files:3,filesize:10'], /ring buffer \(-b\) needs -w FILE/],
    [['-i', 'lo', '-w', 'x', '-a', 'duration:abc'], /-a duration: expected seconds > 0, got "abc"/],
    [['-i', 'lo', '-w', 'x', 'tcp'], /quote the capture filter/],
  ] as const) {
    const r = runOnce([...args]);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.error?.code, 'EUSAGE');
    assert.match(r.error!.message, message);
  }
});
