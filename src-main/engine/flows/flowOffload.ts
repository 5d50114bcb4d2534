// The pass's side of flow tracking in its own thread (flowThread.ts): writes each packet's
// FlowPacket into the shared ring as it goes, and takes the finished table back when asked,
// synchronously (the thread posts it and wakes this side, which reads the message off the
// port at once), so callers see an ordinary FlowTable either way.

import { encodeFlowPacket, FLOW_RECORD_WORDS } from './flowPacketCodec.js';
import { ConsumerThread } from '../threads/consumerThread.js';
import { Column } from '../index/growableColumns.js';
import { FlowTable, type FlowTableOptions, type FlowTableState } from './flowTable.js';
import type { FlowPacket } from './flowTypes.js';
import type { FlowThreadData } from './flowThread.js';

/** files from this size on are worth a thread for flow tracking (starting one takes tens of milliseconds) */
export const FLOW_THREAD_MIN_BYTES = 32 * 2 ** 20;

const THREAD_URL = new URL('./flowThread.js', import.meta.url);
/** records in the ring (12 MB): a few tens of milliseconds of packets, 16 batches */
const RING_RECORDS = 65536;

export class FlowOffload {
  private readonly thread: ConsumerThread;
  /** 1 for each hint whose tuple the thread has been sent */
  private readonly sent = new Column(Uint8Array, 0);

  constructor(
    private readonly options: Omit<FlowTableOptions, 'onEvent'>,
    stopAt: number,
  ) {
    this.thread = new ConsumerThread(THREAD_URL, RING_RECORDS, FLOW_RECORD_WORDS, (ring, port): FlowThreadData => ({ ring, options, stopAt, port }));
  }

  /** Hands a packet over; `hint` as for encodeFlowPacket, with the packet's endpoints ordered when there is one. */
  push(p: FlowPacket, hint: number): void {
    const w = this.thread.writer;
    let tuple = true;
    if (hint >= 0 && !p.samePair) {
      const sent = this.sent;
      if (hint >= sent.capacity) sent.ensure(hint + 1);
      tuple = sent.data[hint] === 0;
      sent.data[hint] = 1;
    }
    encodeFlowPacket(p, hint, tuple, w.i32, w.u16, w.f64, w.reserve());
    w.commit();
  }

  /** Flows the thread's table holds so far (published every few thousand packets). */
  flowCount(): number {
    return this.thread.user;
  }

  /** Ends the thread and drops its table; resolves once the thread is gone. */
  abandon(): Promise<void> {
    return this.thread.abandon();
  }

  /** Closes the ring and returns the table the thread built from every packet pushed. */
  finish(): FlowTable {
    const msg = this.thread.finish() as { state?: FlowTableState } | undefined;
    if (!msg?.state) throw new Error('flow tracking thread handed no table over');
    const table = new FlowTable(this.options);
    table.adopt(msg.state);
    return table;
  }
}
