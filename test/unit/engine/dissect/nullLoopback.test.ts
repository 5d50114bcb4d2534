// BSD loopback headers (link types 0 and 108) on hand-built frames; expected values are
// what tshark 4.0.17 (on a little-endian machine) printed for the same bytes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../../../src-main/engine/dissect/nullLoopback.js';
import { registerEtherType } from '../../../../src-main/engine/dissect/dispatch.js';
import { dissectLink, hex } from './linkFrames.js';

// stand-ins for the network layers, to see where the payload goes
registerEtherType(0x0800, (_f, c, _off, _end, rend) => {
  c.layers.push('ip');
  return rend;
});
registerEtherType(0x86dd, (_f, c, _off, _end, rend) => {
  c.layers.push('ipv6');
  return rend;
});

const PAYLOAD = '45000014 00010000 4011f97a c0000201';

test('NULL: the family in either byte order', () => {
  const cases: [string, string, string][] = [
    ['02000000', '2', 'null:ip'],
    ['00000002', '2', 'null:ip'],
    ['18000000', '24', 'null:ipv6'],
    ['1c000000', '28', 'null:ipv6'],
    ['0000001e', '30', 'null:ipv6'],
    ['08000000', '8', 'null:data'],
    // IRIX's 16-bit family in the first two bytes
    ['00020000', '2', 'null:ip'],
    ['02000200', '2', 'null:ip'],
  ];
  for (const [header, family, protocols] of cases) {
    const r = dissectLink(0, hex(header + PAYLOAD));
    assert.deepEqual(r.values('null.family'), [family], header);
    assert.equal(r.protocols, protocols, header);
  }
});

test('NULL: values above 1500 are EtherTypes', () => {
  const swapped = dissectLink(0, hex(`00080000 ${PAYLOAD}`));
  assert.deepEqual(swapped.values('null.type'), ['0x0800']);
  assert.equal(swapped.protocols, 'null:ip');
  assert.deepEqual(dissectLink(0, hex(`02000600 ${PAYLOAD}`)).values('null.type'), ['0x0600']);
  assert.deepEqual(dissectLink(0, hex(`02000003 ${PAYLOAD}`)).values('null.type'), ['0x0003']);
  assert.deepEqual(dissectLink(0, hex(`99999999 ${PAYLOAD}`)).values('null.type'), ['0x9999']);
});

test('NULL: columns, PPP framing and a cut header', () => {
  const unknown = dissectLink(0, hex(`08000000 aabb`));
  assert.deepEqual([unknown.columns().protocol, unknown.columns().info], ['N/A', 'Null/Loopback']);
  const ppp = dissectLink(0, hex(`ff030021 ${PAYLOAD}`));
  assert.equal(ppp.protocols, 'null:ppp:ip');
  assert.deepEqual(ppp.values('ppp.protocol'), ['0x0021']);
  const cut = dissectLink(0, hex('020000'));
  assert.equal(cut.protocols, 'null');
  assert.deepEqual(cut.problems(), ['[Malformed Packet: Null]']);
});

test('LOOP: the family is always big-endian and never an EtherType', () => {
  assert.equal(dissectLink(108, hex(`00000002 ${PAYLOAD}`)).protocols, 'null:ip');
  assert.deepEqual(dissectLink(108, hex(`02000000 ${PAYLOAD}`)).values('null.family'), ['33554432']);
  const big = dissectLink(108, hex(`00000800 ${PAYLOAD}`));
  assert.deepEqual(big.values('null.family'), ['2048']);
  assert.equal(big.protocols, 'null:data');
  assert.deepEqual(dissectLink(108, hex('000000')).problems(), ['[Malformed Packet: Null]']);
});
