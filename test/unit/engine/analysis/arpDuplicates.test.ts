// The ARP duplicate-address analysis over a sequence of hand-built frames, as tshark 4.0
// reports it ("Duplicate IP address configured", Info "(duplicate use of X detected!)").

import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../../../src-main/engine/dissect/ethernet.js';
import '../../../../src-main/engine/dissect/arp.js';
import { ArpDuplicateAnalyzer } from '../../../../src-main/engine/analysis/arpDuplicates.js';
import { DissectCtx } from '../../../../src-main/engine/dissect/context.js';
import { PacketFields } from '../../../../src-main/engine/fields/packetFields.js';
import { arpBody, dissectLink, hex, result, zeros } from '../dissect/linkFrames.js';

const frame = (op: number, sha: string, spa: string, tha: string, tpa: string): Uint8Array =>
  hex(`ffffffffffff 02dcc0000001 0806 ${arpBody(op, sha, spa, tha, tpa)} ${zeros(18)}`);

const A = '00:1f:29:da:2d:79';
const B = '00:1f:29:da:6d:79';
const NONE = '00:00:00:00:00:00';
const DUP = 'Expert Info (Warning/Sequence): Duplicate IP address configured (192.168.1.104)';

test('a sender IP seen with another MAC is reported, and the first MAC stays learnt', () => {
  const analyzer = new ArpDuplicateAnalyzer();
  const run = (n: number, bytes: Uint8Array, tsSec: number) => dissectLink(1, bytes, { number: n, tsSec, analyzers: [analyzer] });
  const first = run(1, frame(1, A, '192.168.1.104', NONE, '192.168.1.1'), 100);
  assert.deepEqual(first.experts(), []);
  const second = run(2, frame(1, B, '192.168.1.104', NONE, '192.168.1.209'), 130);
  assert.deepEqual(second.experts(), [DUP]);
  assert.deepEqual(second.values('arp.duplicate-address-frame'), ['1']);
  assert.deepEqual(second.values('arp.seconds-since-duplicate-address-frame'), ['30']);
  assert.equal(second.columns().info, 'Who has 192.168.1.209? Tell 192.168.1.104 (duplicate use of 192.168.1.104 detected!)');
  // the table still holds A: A again is fine, B again is reported against frame 1
  assert.deepEqual(run(3, frame(1, A, '192.168.1.104', NONE, '192.168.1.1'), 140).experts(), []);
  const fourth = run(4, frame(1, B, '192.168.1.104', NONE, '192.168.1.1'), 150);
  assert.deepEqual(fourth.values('arp.duplicate-address-frame'), ['3']);
});

test('replies are checked on the target too; requests, broadcast and zero addresses are not', () => {
  const analyzer = new ArpDuplicateAnalyzer();
  const run = (n: number, bytes: Uint8Array) => dissectLink(1, bytes, { number: n, analyzers: [analyzer] });
  run(1, frame(2, A, '192.168.1.1', B, '192.168.1.104'));
  // B's address now appears as a request target with another MAC: not checked
  assert.deepEqual(run(2, frame(1, 'ff:ff:ff:ff:ff:ff', '192.168.1.104', A, '192.168.1.104')).experts(), []);
  assert.deepEqual(run(3, frame(1, NONE, '192.168.1.104', NONE, '192.168.1.5')).experts(), []);
  const reply = run(4, frame(2, A, '192.168.1.7', A, '192.168.1.104'));
  assert.deepEqual(reply.experts(), [DUP]);
  assert.match(reply.columns().info, /\(duplicate use of 192\.168\.1\.104 detected!\)$/);
});

test('a packet dissected again later shows the same result', () => {
  const analyzer = new ArpDuplicateAnalyzer();
  dissectLink(1, frame(1, A, '192.168.1.104', NONE, '192.168.1.1'), { number: 1, analyzers: [analyzer] });
  dissectLink(1, frame(1, B, '192.168.1.104', NONE, '192.168.1.1'), { number: 2, analyzers: [analyzer] });
  const again = dissectLink(1, frame(1, B, '192.168.1.104', NONE, '192.168.1.1'), { number: 2 });
  analyzer.annotate(again.f, again.c, 1);
  assert.deepEqual(result(again.f, again.c).experts(), [DUP]);
  const other = new PacketFields();
  const c = new DissectCtx();
  const clean = dissectLink(1, frame(1, A, '192.168.1.104', NONE, '192.168.1.1'), { number: 1, f: other, c });
  analyzer.annotate(clean.f, clean.c, 0);
  assert.deepEqual(clean.experts(), []);
});
