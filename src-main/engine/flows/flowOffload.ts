// The pass's side of flow tracking in its own thread (flowThread.ts): writes each packet's
// FlowPacket into the shared ring as it goes, and takes the finished table back when asked,
// synchronously (the thread posts it and wakes this side, which reads the message off the
// port at once), so callers see an ordinary FlowTable either way.

import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { encodeFlowPacket } from './flowPacketCodec.js';
import { createRing, RING, RING_STATE, RingWriter } from './flowRing.js';
import { FlowTable, type FlowTableOptions, type FlowTableState } from './flowTable.js';
import type { FlowPacket } from './flowTypes.js';
import type { FlowThreadData } from './flowThread.js';

/** files from this size on are worth a thread for flow tracking (starting one takes tens of milliseconds) */
export const FLOW_THREAD_MIN_BYTES = 32 * 2 ** 20;

const THREAD_URL = new URL('./flowThread.js', import.meta.url);
/** records in the ring (12 MB): a few tens of milliseconds of packets, 16 batches */
const RING_RECORDS = 65536;
const HANDOVER_MS = 60_000;

export class FlowOffload {
  private readonly writer: RingWriter;
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private failure: Error | null = null;

  constructor(
    private readonly options: Omit<FlowTableOptions, 'onEvent'>,
    stopAt: number,
  ) {
    const ring = createRing(RING_RECORDS);
    this.writer = new RingWriter(ring);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const data: FlowThreadData = { ring, options, stopAt, port: port2 };
    this.worker = new Worker(THREAD_URL, { workerData: data, transferList: [port2] });
    this.worker.on('error', (e) => (this.failure = e));
    // the thread ends by itself after the handover; it must not keep a process alive
    this.worker.unref();
  }

  /** Hands a packet over; `hint` as for encodeFlowPacket. */
  push(p: FlowPacket, hint: number): void {
    const w = this.writer;
    encodeFlowPacket(p, hint, w.i32, w.u16, w.f64, w.reserve());
    w.commit();
  }

  /** Flows the thread's table holds so far (published every few thousand packets). */
  flowCount(): number {
    return Atomics.load(this.writer.ctl, RING.FLOWS);
  }

  /** Ends the thread and drops its table; resolves once the thread is gone. */
  async abandon(): Promise<void> {
    this.port.close();
    await this.worker.terminate();
  }

  /** Closes the ring and returns the table the thread built from every packet pushed. */
  finish(): FlowTable {
    const w = this.writer;
    const ctl = w.ctl;
    w.close();
    const start = Date.now();
    let s: number;
    while ((s = Atomics.load(ctl, RING.STATE)) === RING_STATE.CLOSED) {
      if (this.failure) throw new Error(`flow tracking thread failed: ${this.failure.message}`);
      if (Date.now() - start > HANDOVER_MS) throw new Error('flow tracking thread did not hand its table over');
      Atomics.wait(ctl, RING.STATE, RING_STATE.CLOSED, 1000);
    }
    const msg = receiveMessageOnPort(this.port)?.message as { state?: FlowTableState; error?: string } | undefined;
    this.port.close();
    if (s !== RING_STATE.DONE || !msg?.state) throw new Error(`flow tracking thread failed: ${msg?.error ?? 'no table handed over'}`);
    const table = new FlowTable(this.options);
    table.adopt(msg.state);
    return table;
  }
}
