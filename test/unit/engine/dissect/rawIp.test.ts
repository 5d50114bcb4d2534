// Link types without a link header (raw IP 101/12/14, IPv4 228, IPv6 229) on hand-built
// frames; expected values are what tshark 4.0.17 printed for the same bytes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../../../src-main/engine/dissect/rawIp.js';
import { registerEtherType } from '../../../../src-main/engine/dissect/dispatch.js';
import { dissectLink, hex, zeros } from './linkFrames.js';

/** Where each stand-in network dissector was called, last call first. */
const calls: string[] = [];
registerEtherType(0x0800, (_f, c, off, _end, rend) => {
  c.layers.push('ip');
  calls.unshift(`ip@${off}`);
  return rend;
});
registerEtherType(0x86dd, (_f, c, off, _end, rend) => {
  c.layers.push('ipv6');
  calls.unshift(`ipv6@${off}`);
  return rend;
});

const V4 = `45000014 00010000 4011f97a c0000201 c0000202`;
const V6 = `60000000 00003a40 ${zeros(32)}`;

test('raw IP: the version nibble picks the network layer', () => {
  for (const linkType of [101, 12, 14]) {
    assert.equal(dissectLink(linkType, hex(V4)).protocols, 'raw:ip');
    assert.equal(calls[0], 'ip@0');
    assert.equal(dissectLink(linkType, hex(V6)).protocols, 'raw:ipv6');
  }
  const other = dissectLink(101, hex(`55 ${zeros(9)}`));
  assert.equal(other.protocols, 'raw:data');
  assert.deepEqual([other.columns().protocol, other.columns().info], ['N/A', 'Raw packet data']);
});

test('raw IP: PPP framing and the ten-zero-byte prefix', () => {
  assert.equal(dissectLink(101, hex(`ff030021 ${V4}`)).protocols, 'raw:ppp:ip');
  assert.equal(calls[0], 'ip@4');
  assert.equal(dissectLink(101, hex(`${zeros(6)} ff030021 ${V4}`)).protocols, 'raw:ppp:ip');
  assert.equal(calls[0], 'ip@10');
  assert.equal(dissectLink(101, hex(`${zeros(10)} ${V4}`)).protocols, 'raw:ip');
  assert.equal(calls[0], 'ip@10');
});

test('raw IP: tshark looks at bytes 6-7 first, so short frames are malformed', () => {
  const seven = dissectLink(101, hex('45000014000100'));
  assert.equal(seven.protocols, 'raw');
  assert.deepEqual(seven.problems(), ['[Malformed Packet: Raw]']);
  // heap-overflow-1.pcap: 1 byte of 262144
  const one = dissectLink(101, hex('45'), { origLen: 262144 });
  assert.deepEqual(one.problems(), ['[Packet size limited during capture: Raw truncated]']);
});

test('LINKTYPE_IPV4 and LINKTYPE_IPV6 have no layer of their own', () => {
  assert.equal(dissectLink(228, hex(V4)).protocols, 'ip');
  assert.equal(calls[0], 'ip@0');
  // an IPv6 packet under LINKTYPE_IPV4 goes through the IP version dispatcher, as in tshark (ip:ipv6)
  assert.equal(dissectLink(228, hex(V6)).protocols, 'ip:ipv6');
  assert.equal(dissectLink(229, hex(V6)).protocols, 'ipv6');
});
