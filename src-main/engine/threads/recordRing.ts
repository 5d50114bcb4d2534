// A single-producer, single-consumer ring of fixed-size records in shared memory: how the
// packet pass hands packets to work in another thread (flow tracking, writing summary
// lines). The producer publishes its position every few thousand records (and on flush),
// the consumer its own likewise; either side sleeps on the other's position only when the
// ring is full or empty.

/** Indexes of the control words. */
export const RING = {
  /** records written and published by the producer */
  WRITTEN: 0,
  /** records the consumer is done with */
  READ: 1,
  /** RING_STATE */
  STATE: 2,
  /** free for the two sides' own use (flow tracking: the flows it holds, for progress reports) */
  USER: 3,
} as const;
const CONTROL_WORDS = 4;

export const RING_STATE = {
  RUNNING: 0,
  /** the producer wrote its last record */
  CLOSED: 1,
  /** the consumer is done (and handed over its result, if any) */
  DONE: 2,
  FAILED: 3,
} as const;

/** how many records pass between publications of a position */
const BATCH = 4096;
/** a side waiting longer than this for the other without progress gives up */
const STALL_MS = 60_000;

export interface RingMemory {
  control: SharedArrayBuffer;
  data: SharedArrayBuffer;
  records: number;
  /** 32-bit words a record (even, so float64 fields can stay aligned) */
  words: number;
}

export function createRing(records: number, words: number): RingMemory {
  return {
    control: new SharedArrayBuffer(CONTROL_WORDS * 4),
    data: new SharedArrayBuffer(records * words * 4),
    records,
    words,
  };
}

class RingSide {
  readonly ctl: Int32Array;
  readonly i32: Int32Array;
  readonly u16: Uint16Array;
  readonly f64: Float64Array;
  readonly u8: Uint8Array;
  readonly records: number;
  readonly words: number;

  constructor(m: RingMemory) {
    this.ctl = new Int32Array(m.control);
    this.i32 = new Int32Array(m.data);
    this.u16 = new Uint16Array(m.data);
    this.f64 = new Float64Array(m.data);
    this.u8 = new Uint8Array(m.data);
    this.records = m.records;
    this.words = m.words;
  }
}

export class RingWriter extends RingSide {
  private written = 0;
  private readSeen = 0;

  /** Word offset of the next record to fill; call commit() once it is written. */
  reserve(): number {
    if (this.written - this.readSeen >= this.records) {
      this.readSeen = Atomics.load(this.ctl, RING.READ);
      while (this.written - this.readSeen >= this.records) {
        this.flush();
        this.waitForReader();
      }
    }
    return (this.written % this.records) * this.words;
  }

  /** Sleeps until the consumer moves on; throws when it failed or stalls for long. */
  private waitForReader(): void {
    const start = Date.now();
    const seen = this.readSeen;
    while ((this.readSeen = Atomics.load(this.ctl, RING.READ)) === seen) {
      if (Atomics.load(this.ctl, RING.STATE) === RING_STATE.FAILED) throw new Error('the consumer thread failed');
      if (Date.now() - start > STALL_MS) throw new Error('the consumer thread stopped responding');
      Atomics.wait(this.ctl, RING.READ, seen, 1000);
    }
  }

  commit(): void {
    if (++this.written % BATCH === 0) this.flush();
  }

  /** Publishes every committed record. */
  flush(): void {
    Atomics.store(this.ctl, RING.WRITTEN, this.written);
    Atomics.notify(this.ctl, RING.WRITTEN);
  }

  /** Publishes the last records and tells the consumer there will be no more (unless it already failed). */
  close(): void {
    this.flush();
    Atomics.compareExchange(this.ctl, RING.STATE, RING_STATE.RUNNING, RING_STATE.CLOSED);
    Atomics.notify(this.ctl, RING.WRITTEN);
  }
}

export class RingReader extends RingSide {
  private read = 0;
  private writtenSeen = 0;

  /** Word offset of the next record, waiting for one; -1 once the producer closed and all are read. */
  next(): number {
    if (this.read === this.writtenSeen) {
      this.writtenSeen = Atomics.load(this.ctl, RING.WRITTEN);
      while (this.read === this.writtenSeen) {
        this.release();
        if (Atomics.load(this.ctl, RING.STATE) === RING_STATE.CLOSED) {
          // the close may have published records after the load above
          this.writtenSeen = Atomics.load(this.ctl, RING.WRITTEN);
          if (this.read === this.writtenSeen) return -1;
          break;
        }
        Atomics.wait(this.ctl, RING.WRITTEN, this.writtenSeen, 1000);
        this.writtenSeen = Atomics.load(this.ctl, RING.WRITTEN);
      }
    }
    return (this.read % this.records) * this.words;
  }

  /** The record next() returned is consumed. */
  done(): void {
    if (++this.read % BATCH === 0) this.release();
  }

  private release(): void {
    Atomics.store(this.ctl, RING.READ, this.read);
    Atomics.notify(this.ctl, RING.READ);
  }
}
