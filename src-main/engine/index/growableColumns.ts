// Typed-array columns that double when full: the storage behind the packet index, so a
// 10-million-packet file costs a few hundred megabytes of flat arrays and no objects.

type TypedArray = Uint8Array | Uint16Array | Int16Array | Int32Array | Uint32Array | Float64Array;
type TypedArrayCtor<T extends TypedArray> = new (n: number) => T;

export class Column<T extends TypedArray> {
  data: T;
  /**
   * data.length, kept as a plain number: columns of every element type share this class,
   * so reading the length through `data` would be a megamorphic lookup on every call.
   */
  capacity: number;
  constructor(
    private readonly ctor: TypedArrayCtor<T>,
    capacity: number,
  ) {
    this.data = new ctor(capacity);
    this.capacity = capacity;
  }

  ensure(n: number): void {
    if (n <= this.capacity) return;
    let cap = this.capacity || 1024;
    while (cap < n) cap *= 2;
    this.resize(cap);
  }

  /** Grows to exactly `n` elements (when the final size is known or well estimated). */
  reserve(n: number): void {
    if (n > this.capacity) this.resize(n);
  }

  private resize(cap: number): void {
    const next = new this.ctor(cap);
    next.set(this.data as never);
    this.data = next;
    this.capacity = cap;
  }

  /** Takes over `data` (of this column's element type) as the column's storage. */
  adopt(data: T): void {
    this.data = data;
    this.capacity = data.length;
  }

  get bytesPerElement(): number {
    return this.data.BYTES_PER_ELEMENT;
  }
}
