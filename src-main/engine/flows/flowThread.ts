// Flow tracking in a thread of its own: takes the packets the pass writes into the shared
// ring (threads/recordRing.ts), runs them through a flow table, and when the pass closes the ring
// hands the whole table back over the message port (flowOffload.ts adopts it).

import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { decodeFlowPacket, FlowTupleCache } from './flowPacketCodec.js';
import { RING, type RingMemory } from '../threads/recordRing.js';
import { runConsumer } from '../threads/consumerThread.js';
import { FlowTable, type FlowTableOptions } from './flowTable.js';
import { FlowPacket } from './flowTypes.js';
import { Column } from '../index/growableColumns.js';

export interface FlowThreadData {
  ring: RingMemory;
  options: Omit<FlowTableOptions, 'onEvent'>;
  stopAt: number;
  port: MessagePort;
}

/** how often (in packets) the table's flow count is published for progress reports */
const COUNT_EVERY = 4096;

function run({ ring, options, stopAt, port }: FlowThreadData): void {
  runConsumer(ring, port, (reader) => {
    const { i32, u16, f64, ctl } = reader;
    const table = new FlowTable(options);
    const p = new FlowPacket();
    // the flow noted for each conversation (+1, 0 for none): most packets need no key lookup
    const hints = new Column(Int32Array, 1024);
    const slot = { ctFlow: -1 };
    const tuples = new FlowTupleCache();
    for (let at = reader.next(); at >= 0; at = reader.next()) {
      const hint = decodeFlowPacket(i32, u16, f64, at, p, tuples);
      if (p.time > stopAt) {
        table.skip(p.packet);
      } else if (hint < 0) {
        table.process(p);
      } else {
        hints.ensure(hint + 1);
        slot.ctFlow = hints.data[hint]! - 1;
        table.process(p, slot);
        hints.data[hint] = slot.ctFlow + 1;
      }
      reader.done();
      if (p.packet % COUNT_EVERY === 0) Atomics.store(ctl, RING.USER, table.cols.count);
    }
    const state = table.state();
    const c = state.cols;
    const arrays = [state.packetFlow, state.packetWord, state.keyed, state.heap.times, state.heap.ids, c.rec, c.zrec, c.keys.ends, c.zHistory.ends, c.tcp.numbers, c.tcp.at, c.zeek.numbers, c.zeek.at, c.zeek.texts.ends];
    return { message: { state }, transfer: arrays.map((a) => a.buffer) };
  });
}

run(workerData as FlowThreadData);
