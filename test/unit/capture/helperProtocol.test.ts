// Parsing of the helper's status and diagnostic lines: accepted shapes and rejected garbage.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDiagnosticLine, parseStatusLine } from '../../../src-main/capture/helperProtocol.js';

const STARTED = '{"type":"started","pid":42,"interface":"ws-va","ifindex":3,"netns":"ws-a","linkType":1,"snaplen":262144,' +
  '"bufferMiB":8,"tsresol":9,"tpacketVersion":3,"promisc":true,"filter":"","file":"/tmp/x.pcapng","time":1700000000123456789,"snmp":{"Ip":{"InReceives":1}}}';

test('status lines of each type are recognised', () => {
  const started = parseStatusLine(STARTED);
  assert.equal(started?.type, 'started');
  assert.equal(started.type === 'started' && started.netns, 'ws-a');
  assert.deepEqual(parseStatusLine('{"type":"file","path":"/tmp/a_00001_20240101000000.pcapng","index":1}'), {
    type: 'file', path: '/tmp/a_00001_20240101000000.pcapng', index: 1,
  });
  assert.deepEqual(parseStatusLine('{"type":"file-removed","path":"/tmp/a"}'), { type: 'file-removed', path: '/tmp/a' });
  const progress = '{"type":"progress","packets":5,"bytes":900,"received":6,"dropped":1,"ifDropped":0,"elapsedMs":500,"file":"/tmp/x"}';
  assert.equal(parseStatusLine(progress)?.type, 'progress');
  const stopped = '{"type":"stopped","reason":"signal","packets":5,"bytes":900,"received":6,"dropped":1,"ifDropped":0,"elapsedMs":900,"files":["/tmp/x"],"snmp":{}}';
  assert.equal(parseStatusLine(stopped)?.type, 'stopped');
});

test('malformed or incomplete status lines are ignored', () => {
  for (const line of [
    '',
    'not json',
    '{"type":"started"',
    '[1,2]',
    '{"type":"progress","packets":"5","bytes":900,"received":6,"dropped":1,"ifDropped":0,"elapsedMs":1,"file":"x"}',
    '{"type":"stopped","reason":"signal","packets":5,"bytes":900,"received":6,"dropped":1,"ifDropped":0,"elapsedMs":9,"snmp":{}}',
    '{"type":"file","path":"/tmp/a"}',
    '{"type":"mystery"}',
    STARTED.replace('"promisc":true', '"promisc":"yes"'),
  ]) {
    assert.equal(parseStatusLine(line), null, line);
  }
});

test('diagnostic lines give code and message; other stderr text is not one', () => {
  assert.deepEqual(parseDiagnosticLine('{"type":"error","code":"EPERM","message":"No permission"}'), {
    type: 'error', code: 'EPERM', message: 'No permission',
  });
  assert.equal(parseDiagnosticLine('{"type":"warning","code":"ECAPTURE","message":"x"}')?.type, 'warning');
  assert.equal(parseDiagnosticLine('pcap: some plain text'), null);
  assert.equal(parseDiagnosticLine('{"type":"error","code":"EPERM"}'), null);
});
