// /proc/net/snmp and snmp6 parsing, deltas and the summary text, against hand-written input.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeSnmpDelta, ipTotals, parseSnmp, parseSnmp6, snmpDelta } from '../../../src-main/capture/kernelSnmp.js';

const SNMP = `Ip: Forwarding DefaultTTL InReceives InHdrErrors OutRequests
Ip: 2 64 1204 0 1180
Icmp: InMsgs InErrors OutMsgs
Icmp: 6 0 6
IcmpMsg: InType0 OutType8
IcmpMsg: 3 3
Tcp: RtoAlgorithm RtoMin MaxConn InSegs OutSegs RetransSegs
Tcp: 1 200 -1 100 90 2
Udp: InDatagrams NoPorts OutDatagrams
Udp: 3 1 4
UdpLite: InDatagrams NoPorts
UdpLite: 0 0
`;

const SNMP6 = `Ip6InReceives                   	7
Ip6OutRequests                  	5
Icmp6InMsgs                     	2
Icmp6OutMsgs                    	1
Udp6InDatagrams                 	4
UdpLite6InDatagrams             	9
`;

test('parseSnmp keeps the Ip, Icmp, Tcp and Udp sections with their values', () => {
  assert.deepEqual(parseSnmp(SNMP), {
    Ip: { Forwarding: 2, DefaultTTL: 64, InReceives: 1204, InHdrErrors: 0, OutRequests: 1180 },
    Icmp: { InMsgs: 6, InErrors: 0, OutMsgs: 6 },
    Tcp: { RtoAlgorithm: 1, RtoMin: 200, MaxConn: -1, InSegs: 100, OutSegs: 90, RetransSegs: 2 },
    Udp: { InDatagrams: 3, NoPorts: 1, OutDatagrams: 4 },
  });
});

test('parseSnmp6 groups by prefix without mixing Icmp6 into Ip6 or UdpLite6 into Udp6', () => {
  assert.deepEqual(parseSnmp6(SNMP6), {
    Ip6: { InReceives: 7, OutRequests: 5 },
    Icmp6: { InMsgs: 2, OutMsgs: 1 },
    Udp6: { InDatagrams: 4 },
  });
});

test('snmpDelta subtracts per counter and counts new counters from zero', () => {
  const before = { Ip: { InReceives: 10, OutRequests: 5 }, Tcp: { CurrEstab: 3 } };
  const after = { Ip: { InReceives: 15, OutRequests: 5, InDiscards: 2 }, Tcp: { CurrEstab: 1 }, Udp: { InDatagrams: 4 } };
  assert.deepEqual(snmpDelta(before, after), {
    Ip: { InReceives: 5, OutRequests: 0, InDiscards: 2 },
    Tcp: { CurrEstab: -2 },
    Udp: { InDatagrams: 4 },
  });
});

test('describeSnmpDelta compares the kernel count with the capture, IPv4 and IPv6 together', () => {
  const delta = parseSnmp6(SNMP6, parseSnmp(SNMP));
  assert.deepEqual(ipTotals(delta), { ipIn: 1211, ipOut: 1185 });
  assert.deepEqual(describeSnmpDelta(delta, 2380), [
    'Kernel counters during the capture (/proc/net/snmp, /proc/net/snmp6):',
    '  IPv4: 1,204 in, 1,180 out, 0 discarded; IPv6: 7 in, 5 out',
    '  ICMP: 6 in, 6 out; ICMPv6: 2 in, 1 out',
    '  TCP: 100 segments in, 90 out, 2 retransmitted, 0 bad',
    '  UDP: 7 datagrams in, 4 out, 1 to closed ports, 0 dropped (receive buffer full)',
    'The kernel counted 1,211 IP packets in and 1,185 out; the capture holds 2,380 packets.',
  ]);
});
