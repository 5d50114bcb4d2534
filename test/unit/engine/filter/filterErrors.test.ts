// Invalid display filters: each must be rejected with a message saying what is wrong and
// the exact columns of the mistake. The expected columns are drawn as a caret line under
// the filter (`^~~~` covers [start, end); a lone `$` marks an empty span at that column).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFilter, formatFilterError, isFilterError } from '../../../../src-main/engine/filter/index.js';
import { packet } from './testPackets.js';

/** [filter, caret line, message pattern] */
const INVALID: [string, string, RegExp][] = [
  // unknown fields, with suggestions
  ['t.srcc == 1', '^~~~~~', /^"t\.srcc" is neither a field nor a protocol name\.$/],
  ['t.u166 == 1', '^~~~~~', /neither a field nor a protocol name\. Did you mean "t\.u16"\?/],
  ['T.U8 == 1', '^~~~', /Did you mean "t\.u8"\?/],
  ['t.u8 == 1 and t.flga', '              ^~~~~~', /"t\.flga" is neither .* Did you mean "t\.flag"\?/],
  ['t.u8 in {1} or foo', '               ^~~', /"foo" is neither a field nor a protocol name/],
  ['count(t.u8x) == 1', '      ^~~~~', /"t\.u8x" is neither .* Did you mean "t\.u8"\?/],
  // syntax
  ['t.u8 == ', '        $', /^Unexpected end of filter expression\.$/],
  ['t.u8 == 1 and', '             $', /Unexpected end/],
  ['and t.u8', '^~~', /^"and" was unexpected in this context\.$/],
  ['(t.u8 == 1', '^', /"\(" at column 1 is never closed/],
  ['t.u8 == 1)', '         ^', /"\)" was unexpected/],
  ['t.u8 = 1', '     ^', /"=" was unexpected.*Use "=="/],
  ['t.u8 == 1 == 1', '          ^~', /cannot be chained/],
  ['t.u8 == 1 or or t.u8', '             ^~', /"or" was unexpected/],
  ['t.u8 AND t.u16', '     ^~~', /"AND" was unexpected.*lower case/],
  ['t.u8 | 1', '     ^', /"\|" was unexpected/],
  ['t.u8 == @t.u16', '        ^', /not supported/],
  ['t.u8 in {}', '        ^~', /at least one member/],
  ['t.u8 in {1,}', '           ^', /"}" was unexpected/],
  ['t.u8 in 1', '        ^', /set in braces must follow "in"/],
  ['t.u8 in {1..}', '            ^', /"}" was unexpected/],
  // literals of the wrong kind or out of range
  ['t.u8 == 256', '        ^~~', /^"256" too big for this field, maximum 255\.$/],
  ['t.u16 == 70000', '         ^~~~~', /maximum 65535/],
  ['t.u8 == -300', '        ^~~~', /too small for this field/],
  ['t.u8 == 1.5', '        ^~~', /^"1\.5" is not a valid number\.$/],
  ['t.u8 == 08', '        ^~', /"08" is not a valid number/],
  ['t.u8 == "abc"', '        ^~~~~', /cannot be converted from a string \("abc"\)/],
  ['t.u16 == "SCTP"', '         ^~~~~~', /"SCTP" cannot be found among the value names of t\.u16/],
  ['t.flag == maybe', '          ^~~~~', /"maybe" cannot be found among the possible values for t\.flag/],
  ['t.flag == "True"', '          ^~~~~~', /without quotes/],
  ['t.ip == 1.2.3', '        ^~~~~', /^"1\.2\.3" is not a valid IPv4 address\.$/],
  ['t.ip == 1.2.3.4/33', '        ^~~~~~~~~~', /should be <= 32, not 33/],
  ['t.ip == 300.1.1.1', '        ^~~~~~~~~', /not a valid IPv4 address/],
  ['t.ip6 == 2001:db8:::1', '         ^~~~~~~~~~~~', /not a valid IPv6 address/],
  ['t.ip6 == 2001:db8::/129', '         ^~~~~~~~~~~~~~', /<= 128, not 129/],
  ['t.mac == 02:dc:a1', '         ^~~~~~~~', /too few bytes to be a valid Ethernet address/],
  ['t.mac == 02:dc:a1:00:00:20:30', '         ^~~~~~~~~~~~~~~~~~~~', /too many bytes/],
  ['t.mac == zz:dc:a1:00:00:20', '         ^~~~~~~~~~~~~~~~~', /not a valid Ethernet address/],
  ['t.bytes == 0x0102', '           ^~~~~~', /not a valid byte string/],
  ['t.bytes == 1:2:3', '           ^~~~~', /not a valid byte string/],
  ['t.ip == t.srcc', '        ^~~~~~', /"t\.srcc" is not a valid IPv4 address/],
  // quoted literals
  ['t.str == "abc', '         ^~~~', /final quote was missing/],
  ['t.str == "a\\q"', '           ^~', /\\q is not a valid character escape sequence/],
  ['t.str == "\\x"', '          ^~', /\\x must be followed by one or two hexadecimal digits/],
  ['t.str == "\\u12"', '          ^~~~~', /\\u must be followed by 4 hexadecimal digits/],
  ["t.u8 == 'ab'", '        ^~~~', /too long to be a valid character constant/],
  // operators that do not apply to the type
  ['t.u8 contains 1', '^~~~', /cannot participate in "contains" comparison/],
  ['t.ip contains 1.2.3.4', '^~~~', /t\.ip \(an IPv4 address\) cannot participate in "contains"/],
  ['t.u8 matches "a"', '^~~~', /cannot participate in "matches"/],
  ['t.str matches t.str', '              ^~~~~', /must be a quoted regular expression/],
  ['t.str matches "("', '              ^~~', /not a valid regular expression/],
  ['t.str matches "(?x)a"', '              ^~~~~~~', /\(\?x\) is not supported/],
  ['t.flag & 1', '^~~~~~', /boolean and cannot be used with "&"/],
  ['t.ip + 1 == 1', '^~~~', /arithmetic works on numbers/],
  ['t.str * 2 == 1', '^~~~~', /cannot be used with "\*"/],
  ['t.ip == t.mac', '        ^~~~~', /not of compatible types \(an IPv4 address and an Ethernet address\)/],
  ['t.str == t.u8', '         ^~~~', /not of compatible types/],
  ['t.none == 1', '^~~~~~', /label without a value/],
  // slices
  ['t.u8[0] == 1', '^~~~', /integer and cannot be sliced/],
  ['t.mac[0:0] == 00', '      ^~~', /length 0 isn't positive/],
  ['t.mac[3-1] == 00', '      ^~~', /3 is greater than 1/],
  ['t.mac[-2-3] == 00', '      ^~~~', /different signs/],
  ['t.mac[a] == 00', '      ^', /"a" is not a valid range/],
  ['t.mac[0:2', '     ^~~~', /missing its closing "\]"/],
  // functions
  ['len(t.u8)', '^~~', /cannot test whether a function is present/],
  ['LEN(t.str) == 1', '^~~', /Function 'LEN' does not exist\. Did you mean 'len'\?/],
  ['foo(t.u8) == 1', '^~~', /Function 'foo' does not exist/],
  ['count(t.u8 + 1) == 1', '      ^~~~~~~~', /Only fields can be used as parameter for count\(\)/],
  ['upper(t.u8) == "A"', '      ^~~~', /upper\(\) works on strings/],
  ['abs(t.str) == 1', '    ^~~~~', /abs\(\) works on numbers/],
  ['len(t.u8, t.u16) == 1', '^~~~~~~~~~~~~~~~', /takes exactly one argument/],
  // values that do not involve the packet
  ['"abc"', '^~~~~', /"abc" is neither a field nor a protocol name/],
  ['80', '^~', /^"80" is neither a field nor a protocol name\.$/],
  ['1 == 1', '^', /^"1" is neither a field nor a protocol name\.$/],
  ['-1', '^~', /does not involve a field/],
  // layers
  ['t.u8#0 == 1', '     ^', /numbered from 1/],
  ['t.u8#x == 1', '    ^~', /layer number .* must follow "#"/],
];

function caretSpan(caret: string): [number, number] {
  const dollar = caret.indexOf('$');
  if (dollar >= 0) return [dollar, dollar];
  const start = caret.indexOf('^');
  return [start, start + 1 + (caret.length - start - 1)];
}

test('at least 40 invalid filters are covered', () => {
  assert.ok(INVALID.length >= 40, `only ${INVALID.length}`);
});

test('invalid filters report the message and the columns of the mistake', () => {
  for (const [text, caret, message] of INVALID) {
    const r = compileFilter(text);
    assert.ok(isFilterError(r), `${text}: should be rejected`);
    const [start, end] = caretSpan(caret);
    assert.deepEqual([r.start, r.end], [start, end], `${text}: columns (${r.message})`);
    assert.match(r.message, message, text);
  }
});

test('formatFilterError draws the caret under the columns', () => {
  const text = 't.u8 == 256';
  const r = compileFilter(text);
  assert.ok(isFilterError(r));
  assert.equal(formatFilterError(text, r), '"256" too big for this field, maximum 255.\n    t.u8 == 256\n            ^~~');
  const eof = 't.u8 ==';
  const e = compileFilter(eof);
  assert.ok(isFilterError(e));
  assert.equal(formatFilterError(eof, e), 'Unexpected end of filter expression.\n    t.u8 ==\n           ^');
  // a tab before the mistake is kept so the caret still lines up
  const tab = 't.u8 ==\t1.5';
  const t = compileFilter(tab);
  assert.ok(isFilterError(t));
  assert.equal(formatFilterError(tab, t).split('\n')[2], '    ' + ' '.repeat(7) + '\t^~~');
});

test('deep nesting is rejected at compile time; long and/or chains are not nesting', () => {
  const deep = '('.repeat(5000) + 't.u8' + ')'.repeat(5000);
  const r = compileFilter(deep);
  assert.ok(isFilterError(r));
  assert.match(r.message, /nested too deeply/);
  assert.equal(r.start, 200);
  const nots = compileFilter('!'.repeat(1000) + 't.u8');
  assert.ok(isFilterError(nots) && /nested too deeply/.test(nots.message));
  const sum = compileFilter('t.u8' + ' + 1'.repeat(1000) + ' == 1');
  assert.ok(isFilterError(sum) && /too long/.test(sum.message));
  // a generated filter with thousands of alternatives compiles and runs
  const many = Array.from({ length: 20000 }, (_, i) => `t.u8 == ${i % 256}`).join(' or ');
  const c = compileFilter(many);
  assert.ok(!isFilterError(c), isFilterError(c) ? c.message : '');
  assert.equal(c.match(packet([['t.u8', 200]])), true);
  assert.equal(c.match(packet([['t.u16', 200]])), false);
  const ands = compileFilter(Array.from({ length: 5000 }, () => 't').join(' && '));
  assert.ok(!isFilterError(ands));
  assert.equal(ands.match(packet([['open', 't'], ['close']])), true);
});

test('a filter that throws inside the compiler is never returned as a predicate', () => {
  for (const text of ['(', ')', '{', '}', '[', ']', '#', '..', ',', '!', '&&', '"', "'"]) {
    const r = compileFilter(text);
    assert.ok(isFilterError(r), `${JSON.stringify(text)} should be rejected`);
    assert.ok(r.start >= 0 && r.end >= r.start && r.end <= text.length, `${JSON.stringify(text)}: columns ${r.start}-${r.end}`);
  }
});
