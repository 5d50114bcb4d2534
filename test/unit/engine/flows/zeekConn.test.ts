// Zeek's conn_state and history letters, fed packet by packet (is-originator, flags,
// sequence, payload length), one case per state Zeek documents.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ZeekConn } from '../../../../src-main/engine/flows/zeekConn.js';
import { flagsOf } from './flowSim.js';

type Step = [boolean, string, number?, number?];

/** Runs TCP steps [originator?, flags, payload length, window]; sequence numbers follow the payload. */
function run(steps: Step[]): ZeekConn {
  const z = new ZeekConn();
  const seq = { o: 100, r: 900 };
  let t = 0;
  for (const [orig, flags, len = 0, win = 1000] of steps) {
    const side = orig ? 'o' : 'r';
    const fl = flagsOf(flags);
    z.tcp(orig, (t += 0.1), 40 + len, fl, seq[side], len, win, false);
    seq[side] = (seq[side] + len + (fl & 0x02 ? 1 : 0) + (fl & 0x01 ? 1 : 0)) >>> 0;
  }
  return z;
}

const O = true;
const R = false;
const HANDSHAKE: Step[] = [[O, 'S'], [R, 'SA'], [O, 'A']];

test('conn_state for each way a TCP connection can go', () => {
  const cases: [string, Step[], string, string][] = [
    ['S0', [[O, 'S']], 'S', 'attempt, no reply'],
    ['REJ', [[O, 'S'], [R, 'RA']], 'Sr', 'rejected'],
    ['S1', [...HANDSHAKE, [O, 'PA', 10], [R, 'A']], 'ShADa', 'established, not terminated'],
    ['SF', [...HANDSHAKE, [O, 'PA', 10], [R, 'PA', 20], [O, 'FA'], [R, 'FA'], [O, 'A']], 'ShADdFf', 'normal close'],
    ['S2', [...HANDSHAKE, [O, 'FA']], 'ShAF', 'originator closed, no answer'],
    ['S3', [...HANDSHAKE, [R, 'FA']], 'ShAf', 'responder closed, no answer'],
    ['RSTO', [...HANDSHAKE, [O, 'RA']], 'ShAR', 'originator aborted'],
    ['RSTR', [...HANDSHAKE, [R, 'RA']], 'ShAr', 'responder aborted'],
    ['RSTOS0', [[O, 'S'], [O, 'R']], 'SR', 'SYN then RST from the originator, no SYN/ACK'],
    ['RSTRH', [[R, 'SA'], [R, 'R']], 'hr', 'responder SYN/ACK then RST, no SYN seen'],
    ['SH', [[O, 'S'], [O, 'FA']], 'SF', 'SYN then FIN, no SYN/ACK'],
    ['SHR', [[R, 'SA'], [R, 'FA']], 'hf', 'responder SYN/ACK then FIN, no SYN seen'],
    ['OTH', [[O, 'A'], [R, 'A']], 'Aa', 'midstream traffic'],
  ];
  for (const [state, steps, history, what] of cases) {
    const z = run(steps);
    assert.equal(z.connState(6), state, what);
    assert.equal(z.history, history, `${what}: history`);
  }
});

test('history: repeated letters only for a new SYN/FIN/RST sequence, Q and I for multi-flag packets', () => {
  const z = new ZeekConn();
  z.tcp(O, 0, 40, flagsOf('S'), 100, 0, 1000, false);
  z.tcp(O, 1, 40, flagsOf('S'), 100, 0, 1000, false);
  z.tcp(O, 2, 40, flagsOf('S'), 555, 0, 1000, false);
  assert.equal(z.history, 'SS', 'a retransmitted SYN adds nothing, one with a new ISN does');
  const q = new ZeekConn();
  q.tcp(O, 0, 40, flagsOf('SF'), 1, 0, 1000, false);
  q.tcp(O, 0, 40, flagsOf('FR'), 1, 0, 1000, false);
  assert.equal(q.history, 'QI');
});

test('history: C, T and W are logged at the 1st, 10th, 100th... occurrence', () => {
  const z = run(HANDSHAKE);
  for (let i = 0; i < 12; i++) z.tcp(R, 1, 40, flagsOf('A'), 901, 0, 0, false);
  for (let i = 0; i < 10; i++) z.tcp(O, 1, 40, flagsOf('A'), 101, 0, 1000, true);
  z.tcp(O, 2, 140, flagsOf('PA'), 101, 100, 1000, false);
  z.tcp(O, 2, 140, flagsOf('PA'), 101, 100, 1000, false);
  assert.equal(z.history, 'ShAawwCCDT');
});

test('UDP and ICMP: conn_state from which sides sent, D/d for payload', () => {
  const u = new ZeekConn();
  u.udp(O, 0, 60, 32, false);
  assert.equal(u.connState(17), 'S0');
  u.udp(R, 0.1, 80, 52, false);
  assert.equal(u.connState(17), 'SF');
  assert.equal(u.history, 'Dd');
  assert.deepEqual([u.bytes(true, 17), u.bytes(false, 17)], [32, 52]);
  const r = new ZeekConn();
  r.udp(R, 0, 60, 32, false);
  assert.equal(r.connState(17), 'SHR');
  const i = new ZeekConn();
  i.other(O, 0, 84, 56);
  assert.equal(i.connState(1), 'OTH');
});

test('TCP payload bytes are counted from sequence numbers, retransmissions once', () => {
  const z = run([...HANDSHAKE, [O, 'PA', 100], [O, 'PA', 50]]);
  z.tcp(O, 1, 140, flagsOf('PA'), 101, 100, 1000, false);
  assert.equal(z.bytes(true, 6), 150);
  assert.equal(z.orig.packets, 5, 'every packet counts toward orig_pkts');
});
