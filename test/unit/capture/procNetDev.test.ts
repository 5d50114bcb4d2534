// /proc/net/dev parsing against a hand-written file.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProcNetDev } from '../../../src-main/capture/procNetDev.js';

const DEV = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:    4193      49    0    0    0     0          0         0     4193      49    0    0    0     0       0          0
ws-va-1a2b: 356356497 11371    2    7    0     0          0         3   701588    6918    1    4    0     0       0          0
  bad: 1 2 3
`;

test('parseProcNetDev reads rx/tx bytes, packets, errors and drops per interface', () => {
  const m = parseProcNetDev(DEV);
  assert.deepEqual([...m.keys()], ['lo', 'ws-va-1a2b']);
  assert.deepEqual(m.get('ws-va-1a2b'), {
    rxBytes: 356356497, rxPackets: 11371, rxErrs: 2, rxDrop: 7,
    txBytes: 701588, txPackets: 6918, txErrs: 1, txDrop: 4,
  });
  assert.equal(m.get('lo')!.txPackets, 49);
});
