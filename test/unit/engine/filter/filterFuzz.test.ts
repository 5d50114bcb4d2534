// Robustness: random filters built from the language's tokens must either compile or come
// back as a FilterError with columns inside the text — never throw — and whatever compiles
// must run on packets without throwing. The generator is seeded, so a failure repeats.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFilter, isFilterError } from '../../../../src-main/engine/filter/index.js';
import { packet } from './testPackets.js';

const TOKENS = [
  't', 't.u8', 't.u16', 't.port', 't.ip', 't.ip6', 't.mac', 't.bytes', 't.str', 't.flag', 't.flags', 't.rel', 't.none', 'u.port', '_ws.expert',
  '==', '!=', '===', '!==', '~=', '<', '<=', '>', '>=', 'eq', 'contains', 'matches', '~', 'in', 'not', '!', 'and', 'or', 'xor', '&&', '||',
  '&', '+', '-', '*', '/', '%', '(', ')', '{', '}', '[0:2]', '[-1]', '[1-2]', '#2', '#[1-2]', ',', '..',
  '0', '1', '80', '0x12', '-5', '192.0.2.1', '10.0.0.0/8', '2001:db8::/32', '02:dc:a1:00:00:20', '02:dc', '"abc"', '"(?i)^h"', "'a'", 'True',
  'len(', 'count(', 'upper(', 'string(', 'max(', 'abs(', '"\\x', 'r"\\d"', '$', '@', '=',
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const pick = <T>(next: () => number, xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;

/** Any sequence of tokens: mostly rejected, which exercises the error paths. */
function soup(next: () => number): string {
  const parts: string[] = [];
  for (let i = 0, len = 1 + Math.floor(next() * 8); i < len; i++) parts.push(pick(next, TOKENS));
  return parts.join(next() < 0.8 ? ' ' : '');
}

const FIELDS = ['t.u8', 't.port', 't.ip', 't.ip6', 't.mac', 't.bytes', 't.str', 't.flag', 't.flags', 't.rel', 'u.port', '_ws.expert.severity', 't.ip#2'];
const VALUES = ['0', '1', '80', '0x12', '-5', '192.0.2.1', '10.0.0.0/8', '2001:db8::/32', '02:dc:a1:00:00:20', '02:dc', '"abc"', "'a'", 'True', 'Warning', 't.u8', '1.5'];
const OPS = ['==', '!=', '===', '!==', '<', '>=', 'contains', 'matches', 'in'];

/** Filters shaped like real ones (field op value, joined by logic), with some nonsense mixed in. */
function structured(next: () => number, depth: number): string {
  const r = next();
  if (depth < 3 && r < 0.25) return `${structured(next, depth + 1)} ${pick(next, ['and', 'or', 'xor', '&&'])} ${structured(next, depth + 1)}`;
  if (depth < 3 && r < 0.35) return `${pick(next, ['not ', '!', ''])}(${structured(next, depth + 1)})`;
  let field = pick(next, FIELDS);
  if (next() < 0.2) field = `${field}${pick(next, ['[0:2]', '[-1]', '[1-2]', '[:1]'])}`;
  if (next() < 0.15) field = `${pick(next, ['len', 'count', 'string', 'upper', 'abs', 'max'])}(${field})`;
  if (next() < 0.15) field = `${field} ${pick(next, ['+', '-', '&', '*'])} ${pick(next, VALUES)}`;
  if (next() < 0.15) return field;
  const op = pick(next, OPS);
  if (op === 'matches') return `${field} matches ${pick(next, ['"^a"', '"(?-i)B"', '"["', 'r"\\d+"'])}`;
  if (op === 'in') return `${field} in {${pick(next, VALUES)}, ${pick(next, VALUES)}..${pick(next, VALUES)}}`;
  return `${field} ${op} ${pick(next, VALUES)}`;
}

const PACKETS = [
  packet([['open', 't'], ['t.u8', 64], ['t.port', 80], ['t.port', 443], ['t.ip', '192.0.2.1'], ['t.ip6', '2001:db8::1'], ['t.mac', '02:dc:a1:00:00:20'],
    ['t.bytes', [1, 2, 3]], ['t.str', 'hello'], ['t.flag', 1], ['t.flags', 0x12], ['t.rel', 0.5], ['t.warn.expert', 'w'], ['close']]),
  packet([['t.u8', 0]]),
  packet([]),
];

test('random filters never throw, at compile time or when matching', () => {
  const next = rng(20240501);
  let compiled = 0;
  for (let n = 0; n < 4000; n++) {
    const text = next() < 0.5 ? soup(next) : structured(next, 0);
    let r;
    try {
      r = compileFilter(text);
    } catch (e) {
      assert.fail(`compileFilter threw on ${JSON.stringify(text)}: ${String(e)}`);
    }
    if (isFilterError(r)) {
      assert.ok(r.start >= 0 && r.start <= r.end && r.end <= text.length, `${JSON.stringify(text)}: columns ${r.start}-${r.end}`);
      assert.ok(r.message.length > 0);
      continue;
    }
    compiled++;
    for (const p of PACKETS) {
      try {
        r.match(p);
      } catch (e) {
        assert.fail(`match threw on ${JSON.stringify(text)}: ${String(e)}`);
      }
    }
  }
  assert.ok(compiled > 300, `only ${compiled} random filters compiled; the generator is too weak`);
});
