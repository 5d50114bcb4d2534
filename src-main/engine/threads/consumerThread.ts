// A worker thread fed through a record ring (recordRing.ts): starts it with the ring and a
// message port, and when the producer is done closes the ring and waits, synchronously,
// until the thread says it is done (it posts its result first, if it has one, which is
// then read off the port at once). runConsumer() is the thread's side of the same
// agreement. Flow tracking and the summary-line writer run this way.

import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort, type Transferable } from 'node:worker_threads';
import { lowerThreadPriority } from './threadPriority.js';
import { createRing, RING, RING_STATE, RingReader, RingWriter, type RingMemory } from './recordRing.js';

/** how long the producer waits for the thread to finish before giving up on it */
const FINISH_MS = 60_000;

export class ConsumerThread {
  readonly writer: RingWriter;
  /** this side's end of the message port the thread also gets */
  readonly port: MessagePort;
  private readonly worker: Worker;
  private failure: Error | null = null;

  /** `data` builds the thread's workerData from the ring and the thread's end of the port. */
  constructor(url: URL, records: number, words: number, data: (ring: RingMemory, port: MessagePort) => object) {
    const ring = createRing(records, words);
    this.writer = new RingWriter(ring);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(url, { workerData: data(ring, port2), transferList: [port2] });
    this.worker.on('error', (e) => {
      this.failure = e;
      // a producer waiting for room learns of it from the ring (it checks between waits)
      const ctl = this.writer.ctl;
      if (Atomics.compareExchange(ctl, RING.STATE, RING_STATE.RUNNING, RING_STATE.FAILED) === RING_STATE.RUNNING) Atomics.notify(ctl, RING.READ);
    });
    // the thread ends by itself once finished; it must not keep a process alive
    this.worker.unref();
  }

  /** The ring's user word (what the thread reports as it goes). */
  get user(): number {
    return Atomics.load(this.writer.ctl, RING.USER);
  }

  /** Closes the ring, waits until the thread is done and returns the message it posted last, if any. */
  finish(): unknown {
    const w = this.writer;
    const ctl = w.ctl;
    w.close();
    const start = Date.now();
    let s: number;
    while ((s = Atomics.load(ctl, RING.STATE)) === RING_STATE.CLOSED) {
      if (this.failure) throw new Error(`worker thread failed: ${this.failure.message}`);
      if (Date.now() - start > FINISH_MS) throw new Error('worker thread did not finish');
      Atomics.wait(ctl, RING.STATE, RING_STATE.CLOSED, 1000);
    }
    let last: unknown;
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) last = m.message;
    this.port.close();
    if (s !== RING_STATE.DONE) throw new Error(`worker thread failed: ${typeof last === 'string' ? last : 'no reason given'}`);
    return last;
  }

  /** Ends the thread without waiting for its work; resolves once it is gone. */
  async abandon(): Promise<void> {
    this.port.close();
    await this.worker.terminate();
  }
}

/** What a consumer hands back when the ring is done: a message for the producer, and what to transfer with it. */
export interface ConsumerResult {
  message: unknown;
  transfer?: Transferable[];
}

/**
 * The thread's side: runs `work` over the ring, at a low priority (the producer matters
 * more), then posts its result (or, when it threw, the error) and tells the producer it is done.
 */
export function runConsumer(ring: RingMemory, port: MessagePort, work: (reader: RingReader) => ConsumerResult | void): void {
  lowerThreadPriority();
  const reader = new RingReader(ring);
  const ctl = reader.ctl;
  try {
    const result = work(reader);
    if (result) port.postMessage(result.message, result.transfer ?? []);
    Atomics.store(ctl, RING.STATE, RING_STATE.DONE);
  } catch (e) {
    port.postMessage(e instanceof Error ? (e.stack ?? e.message) : String(e));
    Atomics.store(ctl, RING.STATE, RING_STATE.FAILED);
  }
  Atomics.notify(ctl, RING.STATE);
  Atomics.notify(ctl, RING.READ);
  port.close();
}
