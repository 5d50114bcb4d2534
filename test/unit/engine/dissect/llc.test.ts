// LLC and SNAP inside 802.3 frames, on hand-built frames; expected values are tshark 4.0.17's.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../../../src-main/engine/dissect/ethernet.js';
import '../../../../src-main/engine/dissect/arp.js';
import { arpBody, dissectLink, hex, zeros } from './linkFrames.js';

const TO = '0180c2000000 020000000001';
const llc = (len: string, body: string, origLen?: number) => dissectLink(1, hex(`${TO} ${len} ${body}`), { origLen });

test('SAP and control fields of an STP BPDU frame', () => {
  const r = llc('0026', `424203 ${zeros(35)} ${zeros(8)}`);
  assert.equal(r.protocols, 'eth:llc:data');
  assert.deepEqual(r.values('llc.dsap'), ['0x42']);
  assert.deepEqual(r.values('llc.dsap.sap'), ['33']);
  assert.deepEqual(r.values('llc.dsap.ig'), ['0']);
  assert.deepEqual(r.values('llc.ssap.cr'), ['0']);
  assert.deepEqual(r.values('llc.control'), ['0x0003']);
  assert.deepEqual(r.values('llc.control.u_modifier_cmd'), ['0x00']);
  assert.deepEqual(r.values('llc.control.ftype'), ['0x03']);
  assert.deepEqual(r.columns().protocol, 'LLC');
  assert.deepEqual(r.columns().info, 'U, func=UI; DSAP Spanning Tree BPDU Individual, SSAP Spanning Tree BPDU Command');
});

test('Info lines for I, S and U frames with poll/final bits and unnamed SAPs', () => {
  const info = (body: string): string => llc('002a', `${body} ${zeros(40)}`).columns().info;
  assert.equal(info('f0f1 0001'), 'I P, N(R)=0, N(S)=0; DSAP NetBIOS Individual, SSAP NetBIOS Response');
  assert.equal(info('f0f0 0101'), 'S P, func=RR, N(R)=0; DSAP NetBIOS Individual, SSAP NetBIOS Command');
  assert.equal(info('f0f1 0103'), 'S F, func=RR, N(R)=1; DSAP NetBIOS Individual, SSAP NetBIOS Response');
  assert.equal(info('f0f0 0d01'), 'S P, func=SREJ, N(R)=0; DSAP NetBIOS Individual, SSAP NetBIOS Command');
  assert.equal(info('f0f1 1f'), 'U F, func=DM; DSAP NetBIOS Individual, SSAP NetBIOS Response');
  assert.equal(info('f0f0 7f'), 'U P, func=SABME; DSAP NetBIOS Individual, SSAP NetBIOS Command');
  assert.equal(info('4342 03'), 'U, func=UI; DSAP Spanning Tree BPDU Group, SSAP Spanning Tree BPDU Command');
  assert.equal(info('1213 03'), 'U, func=UI; DSAP 0x12 Individual, SSAP 0x12 Response');
});

test('SNAP: OUI 0 carries an EtherType without the ethertype layer', () => {
  const r = llc('0026', `aaaa03 000000 0806 ${arpBody(1, '02:00:00:00:00:01', '192.0.2.1', '00:00:00:00:00:00', '192.0.2.2')} ${zeros(2)}`);
  assert.equal(r.protocols, 'eth:llc:arp');
  assert.deepEqual(r.values('llc.oui'), ['0']);
  assert.deepEqual(r.values('llc.type'), ['0x0806']);
  assert.deepEqual(r.values('arp.dst.proto_ipv4'), ['192.0.2.2']);
  const cisco = llc('0026', `aaaa03 00000c 2000 ${zeros(33)}`);
  assert.deepEqual(cisco.values('llc.cisco_pid'), ['0x2000']);
  assert.equal(cisco.columns().info, 'U, func=UI; SNAP, OUI 0x00000C (Cisco Systems, Inc), PID 0x2000');
  const other = llc('0026', `aaaa03 123456 9999 ${zeros(33)}`);
  assert.deepEqual(other.values('llc.pid'), ['0x9999']);
  assert.equal(other.columns().info, 'U, func=UI; SNAP, OUI 0x123456 (Unknown), PID 0x9999');
});

test('only information frames hand their payload on', () => {
  // a SNAP header on a beacon frame: no type field, the rest is data
  const beacon = llc('0026', `aaaaff 000000 0806 ${zeros(30)}`);
  assert.equal(beacon.protocols, 'eth:llc:data');
  assert.deepEqual(beacon.values('llc.type'), []);
  assert.deepEqual(beacon.values('data.len'), ['30']);
});

test('short LLC frames', () => {
  assert.deepEqual(llc('0003', '42').problems(), ['[Malformed Packet: LLC]']);
  const noOui = llc('0005', 'aaaa0300');
  assert.deepEqual(noOui.problems(), ['[Malformed Packet: LLC]']);
  assert.equal(noOui.columns().info, 'U, func=UI');
  // snaplen cut inside an STP payload: tshark stops in STP, so no trailer complaint
  const cut = llc('0026', `424203 ${zeros(21)}`, 71);
  assert.deepEqual(cut.problems(), []);
  // ... but a payload tshark shows as data reaches the trailer, which was not captured
  const data = llc('0026', `000000 ${zeros(21)}`, 71);
  assert.deepEqual(data.problems(), ['[Packet size limited during capture: Ethernet truncated]']);
});
