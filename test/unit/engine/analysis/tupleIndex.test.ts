// The conversation table's tuple index: both directions of a tuple meet, tuples that
// differ in any part (family, protocol, an address word, a port) do not, and every entry
// survives the table growing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TupleIndex } from '../../../../src-main/engine/analysis/tupleIndex.js';
import { orderEndpoints } from '../../../../src-main/engine/flows/flowKey.js';
import { PacketTuple } from '../../../../src-main/engine/flows/flowTypes.js';

function v4(proto: number, src: number, sport: number, dst: number, dport: number): PacketTuple {
  const t = new PacketTuple();
  t.setIPv4(src, dst);
  Object.assign(t, { proto, sport, dport });
  orderEndpoints(t);
  return t;
}

function v6(proto: number, last: number, sport: number, dport: number): PacketTuple {
  const t = new PacketTuple();
  const a = new Uint8Array(16);
  const b = new Uint8Array(16);
  a[15] = last;
  b[15] = 2;
  t.setIPv6(a, 0, b, 0);
  Object.assign(t, { proto, sport, dport });
  orderEndpoints(t);
  return t;
}

test('a tuple and its reverse find the same entry; any other part makes another', () => {
  const x = new TupleIndex<string>();
  x.set(v4(6, 0xc0000201, 40000, 0xc6336402, 80), 'tcp');
  assert.equal(x.get(v4(6, 0xc6336402, 80, 0xc0000201, 40000)), 'tcp', 'the reply direction');
  assert.equal(x.get(v4(17, 0xc0000201, 40000, 0xc6336402, 80)), undefined, 'another protocol');
  assert.equal(x.get(v4(6, 0xc0000201, 40001, 0xc6336402, 80)), undefined, 'another port');
  assert.equal(x.get(v4(6, 0xc0000202, 40000, 0xc6336402, 80)), undefined, 'another address');
  assert.equal(x.get(v6(6, 1, 40000, 80)), undefined, 'IPv6');
  x.set(v6(6, 1, 40000, 80), 'v6');
  assert.equal(x.get(v6(6, 1, 80, 40000)), undefined, 'ports swapped without the addresses');
  assert.equal(x.get(v6(6, 1, 40000, 80)), 'v6');
  x.set(v4(6, 0xc6336402, 80, 0xc0000201, 40000), 'tcp again');
  assert.equal(x.get(v4(6, 0xc0000201, 40000, 0xc6336402, 80)), 'tcp again', 'set replaces');
  assert.equal(x.size, 2);
});

test('every entry survives growth', () => {
  const x = new TupleIndex<number>();
  for (let i = 0; i < 5000; i++) x.set(i % 2 ? v4(17, 0x0a000000 + i, 53, 0x0a000001, 1024 + (i % 7)) : v6(6, i & 255, 1000 + i, 443), i);
  assert.equal(x.size, 5000);
  for (let i = 0; i < 5000; i++) {
    const t = i % 2 ? v4(17, 0x0a000001, 1024 + (i % 7), 0x0a000000 + i, 53) : v6(6, i & 255, 1000 + i, 443);
    assert.equal(x.get(t), i, `entry ${i}`);
  }
});
