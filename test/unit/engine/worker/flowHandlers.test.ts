// The flow view's table request: sorted and searched in the worker, answered a window at a
// time (with the count of matching flows), and recomputed when the flow table changes.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FlowRow } from '../../../../src-main/api/contract.js';
import { flowHandlers } from '../../../../src-main/engine/worker/handlers/flowHandlers.js';
import type { EngineState } from '../../../../src-main/engine/worker/engineState.js';
import type { FlowSource } from '../../../../src-main/engine/worker/flowSource.js';

function row(id: number): FlowRow {
  return {
    id, protocol: id % 2 ? 'udp' : 'tcp', l3: 'ipv4', state: id % 2 ? '' : 'ESTABLISHED',
    origSrc: `10.0.0.${id % 250}`, origDst: '10.0.1.1', origSport: 40000 + id, origDport: 80,
    replySrc: '10.0.1.1', replyDst: `10.0.0.${id % 250}`, replySport: 80, replyDport: 40000 + id,
    origPackets: id, origBytes: 1000 - id, replyPackets: 0, replyBytes: 0, duration: 0, start: id,
    assured: false, unreplied: true, zeekState: 'S0', firstPacket: id + 1, timeout: 30, fate: '',
  };
}

class FakeFlows implements FlowSource {
  rowsCalls = 0;
  packets = 0;
  inOrder = true;
  constructor(public n: number) {}
  rows(): FlowRow[] {
    this.rowsCalls++;
    return Array.from({ length: this.n }, (_, i) => row(i));
  }
  ids(): number[] {
    return Array.from({ length: this.n }, (_, i) => i);
  }
  row(id: number): FlowRow {
    return row(id);
  }
  startsInIdOrder(): boolean {
    return this.inOrder;
  }
  count(): number {
    return this.n;
  }
  version(): number {
    return this.packets;
  }
  filterFor(id: number): string {
    return `ct.id == ${id}`;
  }
  text(): string {
    return '';
  }
  export(): string {
    return '';
  }
}

function stateWith(flows: FlowSource): EngineState {
  return { capture: {} as EngineState['capture'], flows } as EngineState;
}

test('the table comes a window at a time, sorted and searched over every flow', () => {
  const src = new FakeFlows(1000);
  const state = stateWith(src);
  const w = flowHandlers.flows({ sort: 'origBytes', descending: false, offset: 100, limit: 50 }, state);
  assert.equal(w.total, 1000);
  assert.equal(w.matched, 1000);
  assert.equal(w.offset, 100);
  assert.deepEqual(w.flows.map((f) => f.id), Array.from({ length: 50 }, (_, i) => 899 - i), 'ascending bytes: highest ids first');
  const end = flowHandlers.flows({ sort: 'origBytes', descending: false, offset: 990, limit: 50 }, state);
  assert.equal(end.flows.length, 10, 'a window past the end is cut short');
  assert.equal(src.rowsCalls, 1, 'moving the window reuses the ordered table');

  const s = flowHandlers.flows({ sort: 'start', descending: true, search: 'UDP', offset: 0, limit: 5 }, state);
  assert.equal(s.matched, 500);
  assert.deepEqual(s.flows.map((f) => f.id), [999, 997, 995, 993, 991]);
  assert.equal(flowHandlers.flows({ all: false }, state).flows.length, 1000, 'without a limit every row comes');
});

test('sorted by start with timestamps in order, a window needs only its own rows', () => {
  const src = new FakeFlows(1000);
  const state = stateWith(src);
  const w = flowHandlers.flows({ sort: 'start', descending: true, offset: 10, limit: 3 }, state);
  assert.deepEqual(w.flows.map((f) => f.id), [989, 988, 987]);
  assert.equal(w.matched, 1000);
  assert.equal(src.rowsCalls, 0, 'no full table was built');
  src.inOrder = false;
  src.packets++;
  const sorted = flowHandlers.flows({ sort: 'start', descending: true, offset: 10, limit: 3 }, state);
  assert.deepEqual(sorted.flows.map((f) => f.id), [989, 988, 987], 'the same order, now by sorting the values');
  assert.equal(src.rowsCalls, 1);
});

test('the ordered table is made again when the flows change', () => {
  const src = new FakeFlows(10);
  const state = stateWith(src);
  const bytes = { sort: 'origBytes' as const, offset: 0, limit: 100 };
  assert.equal(flowHandlers.flows(bytes, state).matched, 10);
  assert.equal(flowHandlers.flows({ offset: 0, limit: 100 }, state).matched, 10);
  src.n = 12;
  assert.equal(flowHandlers.flows(bytes, state).matched, 12, 'more flows, sorted by value');
  assert.equal(flowHandlers.flows({ offset: 0, limit: 100 }, state).matched, 12, 'more flows, in id order');
  const calls = src.rowsCalls;
  src.packets++;
  flowHandlers.flows(bytes, state);
  assert.equal(src.rowsCalls, calls + 1, 'a packet that changed counters');
});
