// The API's trust-boundary checks: unknown methods, missing, unknown and mistyped
// parameters, and values outside an enumeration are refused with EBADPARAMS.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkParams, isMethodName } from '../../../src-main/api/paramCheck.js';

const refused = (fn: () => void, re: RegExp) => assert.throws(fn, (e: Error & { code?: string }) => e.code === 'EBADPARAMS' && re.test(e.message));

test('method names are the contract\'s and nothing else', () => {
  assert.equal(isMethodName('rows'), true);
  assert.equal(isMethodName('captureStart'), true);
  assert.equal(isMethodName('toString'), false);
  assert.equal(isMethodName('__proto__'), false);
  assert.equal(isMethodName(42), false);
});

test('well-formed params pass', () => {
  checkParams('rows', { start: 0, count: 100, timeFormat: 'relative' });
  checkParams('sortRows', { column: null, descending: false });
  checkParams('captureStart', { iface: 'eth0' });
  checkParams('captureStart', { iface: 'veth0', netns: null, filter: 'icmp', promisc: false });
  checkParams('fileInfo', {});
  checkParams('fileInfo', undefined);
});

test('bad params are refused with the reason', () => {
  refused(() => checkParams('rows', { start: 0, count: 10 }), /missing parameter "timeFormat"/);
  refused(() => checkParams('rows', { start: '0', count: 10, timeFormat: 'relative' }), /"start" must be number/);
  refused(() => checkParams('rows', { start: NaN, count: 10, timeFormat: 'relative' }), /"start" must be number/);
  refused(() => checkParams('rows', { start: 0, count: 10, timeFormat: 'local' }), /"timeFormat" must be one of/);
  refused(() => checkParams('openFile', { path: '/x', follow: true }), /unknown parameter "follow"/);
  refused(() => checkParams('openFile', ['/x']), /params must be an object/);
  refused(() => checkParams('saveFile', { path: '/x', format: 'erf', displayedOnly: false }), /"format" must be one of/);
  refused(() => checkParams('sortRows', { column: 'color', descending: false }), /"column" must be one of/);
});
