// Display-filter semantics on hand-built packets: every construct of the language against
// fields of every type, with expected results worked out by hand from Wireshark 4's rules
// (any/all occurrence semantics, precedence, literal forms, slices, functions, layers).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFilter, isFilterError, type CompiledFilter } from '../../../../src-main/engine/filter/index.js';
import type { PacketFields } from '../../../../src-main/engine/fields/packetFields.js';
import { packet, TF, T } from './testPackets.js';

/** A packet with one of everything; t.port and t.ip occur twice. Frame bytes are laid out in entry order. */
const FULL = packet([
  ['open', 't'],
  ['t.u8', 64], //                     byte 0
  ['t.u16', 6], //                     bytes 1-2
  ['hidden:t.port', 51000], //         bytes 3-4  (c7 38)
  ['hidden:t.port', 80], //            bytes 5-6
  ['t.u32', 4000000000], //            bytes 7-10
  ['t.i32', -5], //                    bytes 11-14
  ['t.flags', 0x012], //               bytes 15-16
  ['t.flag', 1], //                    byte 17
  ['t.ip', '192.0.2.10'], //           bytes 18-21
  ['t.ip', '198.51.100.20'], //        bytes 22-25
  ['t.ip6', '2001:db8::1'], //         bytes 26-41
  ['t.mac', '02:dc:a1:00:00:20'], //   bytes 42-47
  ['t.bytes', [0x47, 0x45, 0x54, 0x20, 0x2f]], // "GET /" bytes 48-52
  ['t.str', 'Hello, World'], //        bytes 53-64
  ['t.time', 1700000000.5],
  ['t.rel', 1.25],
  ['t.none', 'a label'],
  ['close'],
]);

/** A packet with the protocol but few fields, and false/zero values. */
const SPARSE = packet([['open', 't'], ['t.u8', 0], ['t.flag', 0], ['t.str', 'hello, world'], ['close']]);

/** Nested layers: t > u > t, each with an address (for field#layer). */
const NESTED = packet([
  ['open', 't'],
  ['t.ip', '10.0.0.1'],
  ['t.u8', 1],
  ['open', 'u'],
  ['u.port', 53],
  ['open', 't'],
  ['t.ip', '10.0.0.2'],
  ['t.u8', 2],
  ['close'],
  ['close'],
  ['close'],
]);

function compile(expr: string): CompiledFilter {
  const c = compileFilter(expr);
  if (isFilterError(c)) assert.fail(`${expr}: unexpected error ${c.message} at ${c.start}-${c.end}`);
  return c;
}

function check(cases: [string, boolean, boolean?][], on: PacketFields = FULL, other: PacketFields = SPARSE): void {
  for (const [expr, want, wantOther] of cases) {
    const c = compile(expr);
    assert.equal(c.match(on), want, `${expr} on the first packet`);
    if (wantOther !== undefined) assert.equal(c.match(other), wantOther, `${expr} on the second packet`);
  }
}

test('field and protocol presence', () => {
  check([
    ['t', true, true],
    ['u', false, false],
    ['t.u16', true, false],
    ['t.none', true, false],
    ['t.port', true, false],
    ['t.flag', true, true], // presence, not truth: t.flag is 0 in the second packet
    ['!t.u16', false, true],
    ['not t.u16', false, true],
  ]);
});

test('comparison operators and their word forms on integers', () => {
  check([
    ['t.u8 == 64', true, false],
    ['t.u8 eq 64', true, false],
    ['t.u8 any_eq 64', true, false],
    ['t.u8 != 64', false, true],
    ['t.u8 ne 0', true, false],
    ['t.u8 < 65', true, true],
    ['t.u8 lt 64', false, true],
    ['t.u8 <= 64', true, true],
    ['t.u8 le 63', false, true],
    ['t.u8 > 63', true, false],
    ['t.u8 gt 64', false, false],
    ['t.u8 >= 64', true, false],
    ['t.u8 ge 65', false, false],
    ['t.u32 == 4000000000', true],
    ['t.i32 == -5', true],
    ['t.i32 < -4', true],
    ['t.i32 > -5', false],
    ['t.rel > 1.2', true],
    ['t.rel == 1.25', true],
    ['t.rel < 1', false],
    ['t.time > 1700000000', true],
    ['t.time < 1700000000.25', false],
  ]);
});

test('fields that occur more than once: == any, != all, === all, !== any', () => {
  check([
    ['t.port == 80', true, false],
    ['t.port == 51000', true, false],
    ['t.port != 80', false, false], // one occurrence equals 80; an absent field never matches
    ['t.port != 81', true, false],
    ['t.port ne 443', true, false],
    ['t.port all_ne 80', false, false],
    ['t.port === 80', false, false],
    ['t.port all_eq 80', false, false],
    ['t.port !== 80', true, false],
    ['t.port ~= 80', true, false],
    ['t.port any_ne 80', true, false],
    ['not t.port == 80', false, true],
    ['t.port > 50000', true, false],
    ['t.port < 81', true, false],
    ['t.ip == 198.51.100.20', true, false],
    ['t.ip != 192.0.2.10', false, false],
    ['t.ip === 192.0.2.10', false, false],
  ]);
  const same = packet([['t.port', 53], ['t.port', 53]]);
  assert.equal(compile('t.port === 53').match(same), true);
  assert.equal(compile('t.port !== 53').match(same), false);
  assert.equal(compile('t.port != 53').match(same), false);
});

test('logical operators, precedence and parentheses', () => {
  check([
    ['t.u8 == 64 and t.flag', true, false],
    ['t.u8 == 64 && t.u16 == 7', false, false],
    ['t.u8 == 1 or t.u16 == 6', true, false],
    ['t.u8 == 1 || t.u8 == 0', false, true],
    // and binds tighter than or: a or (b and c)
    ['t.u8 == 64 or t.u8 == 0 and t.u16', true, false],
    ['t.u8 == 0 and t.u16 or t.u8 == 64', true, false],
    ['(t.u8 == 64 or t.u8 == 0) and t.u16', true, false],
    // not binds tighter than and/or
    ['not t.u8 == 64 or t.u16', true, true],
    ['!t.u8 == 0 && t.u8 == 64', true, false],
    ['not (t.u8 == 64 or t.u8 == 0)', false, false],
    ['not not t.u16', true, false],
    ['!!t.u16', true, false],
    ['t.u8 == 64 xor t.flag', false, true],
    ['t.u8 == 64 ^^ t.u8 == 1', true, false],
    ['t.u16 xor t.u8 == 0', true, true],
    // xor sits between or and and: a or (b xor (c and d))
    ['t.u8 == 1 or t.u8 == 64 xor t.u8 == 64 and t.u16 == 6', false, false],
    ['t.u8==64&&t.u16==6', true, false],
    ['t.u8==0||!t.u16', false, true],
  ]);
});

test('set membership with values, ranges, commas or spaces', () => {
  check([
    ['t.port in {80 443}', true, false],
    ['t.port in {80, 443}', true, false],
    ['t.port in {443,8080}', false, false],
    ['t.port in {8000..8080 50000..52000}', true, false],
    ['t.port in {1..79, 81..50999}', false, false],
    ['t.port not in {80}', false, true],
    ['t.port not in {443}', true, true],
    ['t.u8 in {0 1 2}', false, true],
    ['t.ip in {192.0.2.0/24 10.0.0.0/8}', true, false],
    ['t.ip in {192.0.2.1..192.0.2.9}', false, false],
    ['t.ip in {192.0.2.1 .. 192.0.2.10}', true, false],
    ['t.str in {"Hello, World" "x"}', true, false],
    ['t.str in {"hello, world"}', false, true],
    ['t.str in {"A".."I"}', true, false],
    ['t.mac in {02:dc:a1:00:00:00..02:dc:a1:00:00:ff}', true, false],
    ['t.u16 in {"TCP", "UDP"}', true, false],
    ['t.u8 in {t.u16, 64}', true, false],
    ['t.u8 in {t.u16..100}', true, false],
    ['t.flag in {1}', true, false],
    ['t.i32 in {-10..-1}', true],
  ]);
});

test('contains and matches', () => {
  check([
    ['t.str contains "World"', true, false],
    ['t.str contains "world"', false, true],
    ['t.bytes contains "ET"', true, false],
    ['t.bytes contains 45:54', true, false],
    ['t.bytes contains 2f', true, false],
    ['t.bytes contains 2f:00', false, false],
    ['t contains "GET"', true, false],
    ['t.mac contains a1:00', true, false],
    // matches is case-insensitive unless the pattern turns that off
    ['t.str matches "^hello"', true, true],
    ['t.str matches "(?-i)^Hello"', true, false],
    ['t.str matches "(?i)WORLD$"', true, true],
    ['t.str ~ "o, w"', true, true],
    ['t.str matches "^[a-z]+, [a-z]+$"', true, true],
    ['t.str matches "\\\\d"', false, false],
    ['t.str matches r"\\w+, \\w+"', true, true],
    ['t.bytes matches "^get /$"', true, false],
    ['t.bytes matches "\\x47"', true, false],
    ['t.str matches "\\\\AHello"', true, true],
  ]);
});

test('bitwise and', () => {
  check([
    ['t.flags & 0x02', true],
    ['t.flags & 0x04', false],
    ['t.flags & 0x12 == 0x12', true],
    ['t.flags & 0x13 == 0x13', false],
    ['t.flags bitwise_and 0x10', true],
    ['(t.flags & 0x10) == 0x10', true],
    ['{t.flags & 0x10} == 16', true],
    ['t.flags & 0x12 != 0', true],
    ['t.ip & 255.255.255.0 == 192.0.2.0', true],
    ['t.ip & 0.0.0.255 == 0.0.0.20', true],
    ['t.mac & 02:00:00:00:00:00', true],
    ['t.mac & 01:00:00:00:00:00', false],
    ['t.mac[0] & 0x02', true],
    ['t.u8 & 1 + 63', true], // & binds looser than +: t.u8 & 64
  ]);
});

test('slices of every form', () => {
  // t.mac is 02:dc:a1:00:00:20, t.ip 192.0.2.10, t.bytes "GET /"
  check([
    ['t.mac[0:3] == 02:dc:a1', true],
    ['t.mac[0:3] == 02-dc-a1', true],
    ['t.mac[0:3] == 02dca1', true],
    ['t.mac[3:3] == 00.00.20', true],
    ['t.mac[1-2] == dc:a1', true],
    ['t.mac[2] == a1', true],
    ['t.mac[2] == 0xa1', true],
    ['t.mac[:2] == 02:dc', true],
    ['t.mac[4:] == 00:20', true],
    ['t.mac[-1] == 20', true],
    ['t.mac[-2:] == 00:20', true],
    ['t.mac[-3:2] == 00:00', true],
    ['t.mac[-3--2] == 00:00', true],
    ['t.mac[0:1,5] == 02:20', true],
    ['t.mac[0,2-3,5:] == 02:a1:00:20', true],
    ['t.mac[5:2] == 20', false], // runs past the end: no value
    ['t.mac[5:2]', false],
    ['t.mac[0:6] == 02:dc:a1:00:00:20', true],
    ['t.ip[0] == c0', true],
    ['t.ip[0:2] == c0:00', true],
    ['t.ip[-1] == 0a', true], // first occurrence
    ['t.ip[-1] == 14', true], // second occurrence (198.51.100.20)
    ['t.ip6[0:2] == 20:01', true],
    ['t.bytes[0:3] == "GET"', true],
    ['t.str[0:5] == "Hello"', true],
    ['t.str[0] == 48', true],
    ["t.str[0] == 'H'", true],
    ['t[0] == 40', true], // the protocol's first byte is t.u8 (64)
    ['t[1:2] == 00:06', true],
    ['t[1:2] > 00:05', true],
    ['t[1:2] < 00:06', false],
    ['upper(t.str)[0:5] == "HELLO"', true],
    ['t.bytes[0:3] contains "E"', true],
    ['len(t.mac[1:3]) == 3', true],
  ]);
});

test('arithmetic', () => {
  check([
    ['t.u8 + 1 == 65', true],
    ['t.u8+1 == 65', true],
    ['t.u8 - 65 == -1', true],
    ['t.u8 - 65 < 0', true],
    ['t.u8 * 2 == 128', true],
    ['t.u8 / 3 == 21', true],
    ['t.u8 % 10 == 4', true],
    ['t.u8 + 1 * 2 == 66', true],
    ['t.u8 - 1 - 1 == 62', true],
    ['{t.u8 + 1} * 2 == 130', true],
    ['t.u8 == {60 + 4}', true],
    ['t.u8 == 60 + 4', true],
    ['-t.u8 == -64', true],
    ['-t.i32 == 5', true],
    ['t.u8 + t.u16 == 70', true],
    ['t.port + 1 == 81', true],
    ['t.u8 / 0 == 1', false],
    // a division by zero leaves no value, so "all not equal" holds vacuously
    ['t.u8 / 0 != 1', true],
    ['t.u8 - 64', false],
    ['t.u8 - 63', true],
    ['t.rel * 2 == 2.5', true],
    ['t.rel + 1 > 2.2', true],
    ['abs(t.i32) == 5', true],
    ['abs(t.u8 - 100) == 36', true],
  ]);
});

test('literals: numbers, characters, booleans', () => {
  check([
    ['t.u8 == 0x40', true],
    ['t.u8 == 0X40', true],
    ['t.u8 == 0100', true],
    ['t.u8 == 0b1000000', true],
    ["t.u8 == '@'", true],
    ["t.u8 == '\\x40'", true],
    ["t.u8 == '\\100'", true],
    ['t.flag == 1', true, false],
    ['t.flag == 0', false, true],
    ['t.flag == True', true, false],
    ['t.flag == TRUE', true, false],
    ['t.flag == true', true, false],
    ['t.flag == False', false, true],
    ['t.flag != False', true, false],
    ['t.flag == 2', true, false], // any non-zero number is true
    ['t.flag > 0', true, false],
    ['t.u16 == TCP', true],
    ['t.u16 == "tcp"', true],
    ['t.u16 == "Echo (ping) request"', false],
    ['t.u16 != UDP', true],
    ['t.flags == 0x0012', true],
    ['t.flags == 18', true],
  ]);
});

test('literals: addresses and networks', () => {
  check([
    ['t.ip == 192.0.2.10', true],
    ['t.ip == 192.0.2.0/24', true],
    ['t.ip == 192.0.2.11/32', false],
    ['t.ip == 0.0.0.0/0', true],
    ['t.ip == 198.51.100.0/22', true],
    ['t.ip == 10.0.0.0/8', false],
    ['t.ip == "192.0.2.10"', true],
    ['t.ip > 198.51.100.19', true],
    ['t.ip < 192.0.2.10', false],
    ['t.ip6 == 2001:db8::1', true],
    ['t.ip6 == 2001:DB8:0:0:0:0:0:1', true],
    ['t.ip6 == 2001:db8::/32', true],
    ['t.ip6 == 2001:db9::/32', false],
    ['t.ip6 == 2001:db8::/127', true],
    ['t.ip6 == 2001:db8::2/127', false],
    ['t.ip6 == 2000::/3', true],
    ['t.ip6 == ::/0', true],
    ['t.ip6 != 2001:db8::1', false],
    ['t.ip6 > 2001:db8::', true],
    ['t.ip6 == ::ffff:192.0.2.1', false],
    ['t.mac == 02:dc:a1:00:00:20', true],
    ['t.mac == 02-dc-a1-00-00-20', true],
    ['t.mac == 02dc.a100.0020', true],
    ['t.mac == 02dca1000020', true],
    ['t.mac == 02:DC:A1:00:00:20', true],
    ['t.mac == ff:ff:ff:ff:ff:ff', false],
    ['t.mac < 02:dc:a1:00:00:21', true],
  ]);
});

test('literals: strings with escapes and byte strings', () => {
  const p = packet([['t.str', 'tab\there "q" \\ é'], ['t.bytes', [0, 1, 0xdc, 0xff]]]);
  check(
    [
      ['t.str == "tab\\there \\"q\\" \\\\ é"', true],
      ['t.str == "tab\\x09here \\"q\\" \\\\ \\u00e9"', true],
      ['t.str == "tab\\011here \\"q\\" \\\\ \\xc3\\xa9"', true],
      ['t.str contains "\\""', true],
      ['t.str contains "\\\\"', true],
      ['t.str contains r"\\\\"', false], // a raw string keeps both backslashes
      ['t.str == r"tab\\there"', false],
      ['t.bytes == 00:01:dc:ff', true],
      ['t.bytes == 0001dcff', true],
      ['t.bytes == 00-01-dc-ff', true],
      ['t.bytes == "\\x00\\x01\\xdc\\xff"', true],
      ['t.bytes contains "\\xdc"', true],
      ['t.bytes contains dc', true],
      ['t.bytes contains 01dc', true],
      ['t.bytes > 00:01', true],
      ['t.bytes < 00:02', true],
      ['t.bytes matches "\\x01\\xdc"', true],
      ['len(t.bytes) == 4', true],
    ],
    p,
  );
});

test('functions', () => {
  check([
    ['len(t.str) == 12', true, true],
    ['len(t.mac) == 6', true],
    ['len(t.ip) == 4', true],
    ['len(t.u16) == 2', true],
    ['len(t) == 65', true],
    ['count(t.ip) == 2', true],
    ['count(t.port) == 2', true],
    ['count(t.u8) == 1', true, true],
    ['count(t.u16) == 0', false, false], // count of an absent field has no value
    ['upper(t.str) == "HELLO, WORLD"', true, true],
    ['lower(t.str) == "hello, world"', true, true],
    ['lower(t.str) contains "world"', true, true],
    ['string(t.u8) == "64"', true],
    ['string(t.flags) == "0x0012"', true],
    ['string(t.ip) == "198.51.100.20"', true],
    ['string(t.mac) == "02:dc:a1:00:00:20"', true],
    ['string(t.port) matches "^5"', true],
    ['string(t.u8 + 1) == "65"', true],
    ['abs(t.i32) == 5', true],
    ['max(t.port) == 51000', true],
    ['min(t.port) == 80', true],
    ['max(t.u8, t.u16) == 64', true],
    ['min(t.u8, t.u16, 100) == 6', true],
    ['max(t.u16, 100) == 100', true, true], // absent arguments are skipped
    ['min(t.u16, t.u32) == 6', true, false],
    ['max(t.ip) == 198.51.100.20', true],
  ]);
});

test('layer selection with field#n and field#[ranges]', () => {
  check(
    [
      ['t.ip#1 == 10.0.0.1', true],
      ['t.ip#1 == 10.0.0.2', false],
      ['t.ip#2 == 10.0.0.2', true],
      ['t.ip#2', true],
      ['t.ip#3', false],
      ['t#2', true],
      ['t#3', false],
      ['t.u8#2 == 2', true],
      ['t.ip#[1-2] == 10.0.0.2', true],
      ['t.ip#[2:] == 10.0.0.1', false],
      ['t.ip#[1] == 10.0.0.2', false],
      ['count(t.ip#2) == 1', true],
      ['count(t.ip) == 2', true],
      ['t.ip#1 != t.ip#2', true],
      ['u.port#1 == 53', true],
      ['t.ip#2[3] == 02', true],
    ],
    NESTED,
  );
});

test('comparing two fields', () => {
  const p = packet([['t.ip', '10.0.0.1'], ['t.ip', '10.0.0.2'], ['u.addr', '10.0.0.2'], ['t.u8', 5], ['t.u16', 5], ['t.port', 7]]);
  check(
    [
      ['t.ip == u.addr', true],
      ['t.ip != u.addr', false],
      ['t.ip !== u.addr', true],
      ['t.ip === u.addr', false],
      ['u.addr == t.ip', true],
      ['t.u8 == t.u16', true],
      ['t.u8 < t.port', true],
      ['t.u8 > t.port', false],
      ['t.u8 + t.u16 == 10', true],
      ['t.port - t.u8 == 2', true],
    ],
    p,
  );
});

test('string and boolean fields from analyzers work like any other', () => {
  const p = packet([['t.str', 'ESTABLISHED'], ['t.flag', 1]]);
  check(
    [
      ['t.str == "ESTABLISHED"', true],
      ['t.str == ESTABLISHED', true],
      ['t.str != "SYN_SENT"', true],
      ['t.str in {"ESTABLISHED" "CLOSE"}', true],
      ['t.str > "A"', true],
      ['t.flag', true],
      ['t.flag == 1 && t.str contains "EST"', true],
    ],
    p,
  );
});

test('the virtual _ws.expert fields find every expert entry', () => {
  const p = packet([['t.u8', 1], ['t.warn.expert', 'Duplicate address'], ['t.err.expert', 'Bad checksum [should be 0x1234]']]);
  const quiet = packet([['t.u8', 1]]);
  check(
    [
      ['_ws.expert', true, false],
      ['!_ws.expert', false, true],
      ['_ws.expert.severity == "Warning"', true, false],
      ['_ws.expert.severity == error', true, false],
      ['_ws.expert.severity >= Note', true, false],
      ['_ws.expert.severity > Error', false, false],
      ['_ws.expert.severity == 0x00600000', true, false],
      ['_ws.expert.group == Checksum', true, false],
      ['_ws.expert.group == "Malformed"', false, false],
      ['_ws.expert.message contains "should be"', true, false],
      ['_ws.expert.message == "Duplicate address"', true, false],
      ['_ws.expert.message matches "^bad"', true, false],
      ['count(_ws.expert) == 2', true, false],
      ['count(_ws.expert.severity) == 2', true, false],
    ],
    p,
    quiet,
  );
  // an expert registered without a message on the record reports its description
  const bare = packet([['t.warn.expert']]);
  assert.equal(compile('_ws.expert.message == "A warning"').match(bare), true);
  assert.ok(compile('_ws.expert').fields.includes(TF.warn));
});

test('the empty filter matches everything and reads no fields', () => {
  for (const text of ['', '   ', '\t\n']) {
    const c = compile(text);
    assert.equal(c.match(FULL), true);
    assert.equal(c.match(SPARSE), true);
    assert.deepEqual(c.fields, []);
  }
});

test('fields lists every field the filter reads, including protocols of layer selections', () => {
  assert.deepEqual(compile('t.u8 == 1 or t.ip == 1.2.3.4').fields, [TF.u8, TF.ip].sort((a, b) => a - b));
  assert.deepEqual(compile('t.u8#2 == 1').fields, [T, TF.u8].sort((a, b) => a - b));
  assert.deepEqual(compile('len(t.str) > max(t.u8, t.u16)').fields, [TF.u8, TF.u16, TF.str].sort((a, b) => a - b));
});

test('match does not allocate per packet on the common shapes', () => {
  // not a timing assertion: run many packets and check results stay right after buffers are warm
  const exprs = ['t.port == 80', 't.ip == 192.0.2.0/24', 't.port in {80 443}', 't.mac[0:3] == 02:dc:a1', 't.u8 + 1 == 65', 't.ip#1 == 192.0.2.10'];
  for (const e of exprs) {
    const c = compile(e);
    for (let i = 0; i < 1000; i++) assert.equal(c.match(FULL), true, e);
    assert.equal(c.match(SPARSE), false, e);
  }
});
