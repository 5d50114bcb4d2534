// Interface listing helpers: the helper's --list JSON, netmask prefixes, cap's link type
// names, rx/tx rates and /proc/self/status capability bits.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capLinkType, netmaskPrefix } from '../../../src-main/capture/capBinding.js';
import { parseHelperList } from '../../../src-main/capture/interfaceList.js';
import { computeRates } from '../../../src-main/capture/interfaceRates.js';
import type { DevCounters } from '../../../src-main/capture/procNetDev.js';
import { parseCapEff } from '../../../src-main/capture/startCapture.js';

test('parseHelperList maps the helper\'s JSON and fills gaps with null', () => {
  const listing = parseHelperList(JSON.stringify({
    netns: 'ws-a',
    interfaces: [
      {
        name: 'ws-va', index: 7, flags: { up: true, running: true, loopback: false, promisc: false, broadcast: true },
        mtu: 1500, arphrd: 1, linkType: 1, linkTypeName: 'EN10MB', mac: '02:00:00:00:00:01',
        addresses: [{ family: 'inet', address: '198.18.0.1', prefixLength: 24, broadcast: '198.18.0.255' }],
        counters: { rxBytes: 1, rxPackets: 2, rxErrs: 0, rxDrop: 0, txBytes: 3, txPackets: 4, txErrs: 0, txDrop: 0 },
      },
      { name: 'odd', index: 8, flags: {}, mtu: null, addresses: [], counters: null },
    ],
  }));
  assert.equal(listing.netns, 'ws-a');
  assert.equal(listing.source, 'helper');
  assert.deepEqual(listing.interfaces[0], {
    name: 'ws-va', index: 7, flags: { up: true, running: true, loopback: false, promisc: false }, mtu: 1500,
    linkType: 1, linkTypeName: 'EN10MB', mac: '02:00:00:00:00:01',
    addresses: [{ family: 'inet', address: '198.18.0.1', prefixLength: 24, broadcast: '198.18.0.255' }],
    counters: { rxBytes: 1, rxPackets: 2, rxErrs: 0, rxDrop: 0, txBytes: 3, txPackets: 4, txErrs: 0, txDrop: 0 },
  });
  assert.deepEqual(listing.interfaces[1], {
    name: 'odd', index: 8, flags: { up: false, running: false, loopback: false, promisc: false }, mtu: null,
    linkType: null, linkTypeName: null, mac: null, addresses: [], counters: null,
  });
  assert.throws(() => parseHelperList('{"netns":null}'), /no "interfaces" array/);
});

test('netmaskPrefix counts the bits of IPv4 and IPv6 masks', () => {
  assert.equal(netmaskPrefix('255.255.255.0'), 24);
  assert.equal(netmaskPrefix('255.255.254.0'), 23);
  assert.equal(netmaskPrefix('ffff:ffff:ffff:ffff::'), 64);
  assert.equal(netmaskPrefix('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'), 128);
  assert.equal(netmaskPrefix('ffff:fe00::'), 23);
  assert.equal(netmaskPrefix(undefined), -1);
});

test('capLinkType maps cap\'s names to LINKTYPE values', () => {
  assert.equal(capLinkType('ETHERNET'), 1);
  assert.equal(capLinkType('RAW'), 101);
  assert.equal(capLinkType('NULL'), 0);
  assert.equal(capLinkType('LINKTYPE_LINUX_SLL'), 113);
  assert.equal(capLinkType('Unknown linktype 276'), 276);
});

const counters = (rxB: number, txB: number, rxP: number, txP: number): DevCounters => ({
  rxBytes: rxB, txBytes: txB, rxPackets: rxP, txPackets: txP, rxErrs: 0, rxDrop: 0, txErrs: 0, txDrop: 0,
});

test('computeRates: per second over the interval, 0 on a counter reset, only interfaces seen twice', () => {
  const prev = new Map([['a', counters(1000, 2000, 10, 20)], ['b', counters(500, 500, 5, 5)]]);
  const next = new Map([['a', counters(3000, 2500, 30, 25)], ['b', counters(100, 600, 1, 6)], ['c', counters(9, 9, 9, 9)]]);
  assert.deepEqual(computeRates(prev, next, 500), [
    { name: 'a', rxBytesPerS: 4000, txBytesPerS: 1000, rxPacketsPerS: 40, txPacketsPerS: 10 },
    { name: 'b', rxBytesPerS: 0, txBytesPerS: 200, rxPacketsPerS: 0, txPacketsPerS: 2 },
  ]);
  assert.deepEqual(computeRates(prev, next, 0), []);
});

test('parseCapEff reads the effective capability bits', () => {
  const status = 'Name:\tnode\nCapInh:\t0000000000000000\nCapPrm:\t0000000000002000\nCapEff:\t0000000000002000\n';
  assert.equal(parseCapEff(status), 0x2000n);
  assert.equal((parseCapEff(status) >> 13n) & 1n, 1n, 'CAP_NET_RAW is bit 13');
  assert.equal(parseCapEff('Name:\tx\n'), 0n);
});
