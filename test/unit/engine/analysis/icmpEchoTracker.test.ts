// Echo request/reply pairing: replies learn their request in the first pass (as tshark's
// single pass shows), requests learn their reply when dissected again, and an unanswered
// request says so; the Info column follows.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dissectIPv4 } from '../../../../src-main/engine/dissect/ipv4.js';
import '../../../../src-main/engine/dissect/icmp.js';
import { IcmpEchoTracker } from '../../../../src-main/engine/analysis/icmpEchoTracker.js';
import { summaryColumns } from '../../../../src-main/engine/output/summary.js';
import { expertText } from '../../../../src-main/engine/output/referenceJson.js';
import { has, icmp, ipv4, run, values, type Run } from '../dissect/ipv4Builder.js';

const A = '192.0.2.10';
const B = '198.51.100.20';

function echo(type: 0 | 8, seq: number, src: string, dst: string, frame: number, tsNsec = 0): Run {
  const msg = icmp(type, 0, [0x1a, 0x04, seq >> 8, seq & 255], new Uint8Array(16));
  return run(dissectIPv4, ipv4(msg, { proto: 1, src, dst, ttl: type === 8 ? 64 : 63 }), { frame, tsSec: 1_800_000_000, tsNsec });
}

test('a reply finds its request in the first pass; the request finds its reply afterwards', () => {
  const t = new IcmpEchoTracker();
  const req = echo(8, 1, A, B, 1, 1_000_000);
  t.observe(req.f, req.c, 0);
  assert.equal(has(req.f, 'icmp.resp_in'), false);
  assert.equal(summaryColumns(req.f, req.c).info, 'Echo (ping) request  id=0x1a04, seq=1/256, ttl=64');

  const rep = echo(0, 1, B, A, 2, 1_097_000);
  t.observe(rep.f, rep.c, 1);
  assert.deepEqual(values(rep.f, 'icmp.resp_to'), ['1']);
  assert.equal(Number(values(rep.f, 'icmp.resptime')[0]).toFixed(3), '0.097');
  assert.equal(summaryColumns(rep.f, rep.c).info, 'Echo (ping) reply    id=0x1a04, seq=1/256, ttl=63 (request in 1)');

  const again = echo(8, 1, A, B, 1, 1_000_000);
  t.annotate(again.f, again.c, 0);
  assert.deepEqual(values(again.f, 'icmp.resp_in'), ['2']);
  assert.equal(summaryColumns(again.f, again.c).info, 'Echo (ping) request  id=0x1a04, seq=1/256, ttl=64 (reply in 2)');
  const replyAgain = echo(0, 1, B, A, 2, 1_097_000);
  t.annotate(replyAgain.f, replyAgain.c, 1);
  assert.deepEqual(values(replyAgain.f, 'icmp.resp_to'), ['1']);
});

test('only the same identifier, sequence and reversed addresses pair up', () => {
  const t = new IcmpEchoTracker();
  const req = echo(8, 5, A, B, 1);
  t.observe(req.f, req.c, 0);
  for (const [seq, src, dst] of [[6, B, A], [5, A, B], [5, B, '198.51.100.99']] as const) {
    const rep = echo(0, seq, src, dst, 2);
    t.observe(rep.f, rep.c, 1);
    assert.equal(has(rep.f, 'icmp.resp_to'), false, `seq ${seq} ${src} -> ${dst}`);
  }
});

test('an unanswered request says so when dissected again', () => {
  const t = new IcmpEchoTracker();
  const req = echo(8, 3, A, B, 4);
  t.observe(req.f, req.c, 3);
  const again = echo(8, 3, A, B, 4);
  t.annotate(again.f, again.c, 3);
  assert.equal(has(again.f, 'icmp.no_resp'), true);
  assert.equal(summaryColumns(again.f, again.c).info, 'Echo (ping) request  id=0x1a04, seq=3/768, ttl=64 (no response found!)');
  const texts: string[] = [];
  for (let i = 0; i < again.f.count; i++) {
    const e = expertText(again.f, i);
    if (e) texts.push(e);
  }
  assert.deepEqual(texts, ['Expert Info (Warning/Sequence): No response seen to ICMP request']);
});

test('echoes quoted inside an ICMP error are not paired', () => {
  const t = new IcmpEchoTracker();
  const quoted = ipv4(icmp(8, 0, [0x1a, 0x04, 0, 7], new Uint8Array(8)), { proto: 1, src: A, dst: B });
  const err = run(dissectIPv4, ipv4(icmp(3, 1, [0, 0, 0, 0], quoted), { proto: 1, src: '192.0.2.1', dst: A }));
  t.observe(err.f, err.c, 0);
  const rep = echo(0, 7, B, A, 2);
  t.observe(rep.f, rep.c, 1);
  assert.equal(has(rep.f, 'icmp.resp_to'), false);
});
