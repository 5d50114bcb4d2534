// Typed-array columns that double when full: the storage behind the packet index, so a
// 10-million-packet file costs a few hundred megabytes of flat arrays and no objects.

type TypedArray = Uint8Array | Uint16Array | Int32Array | Uint32Array | Float64Array;
type TypedArrayCtor<T extends TypedArray> = new (n: number) => T;

export class Column<T extends TypedArray> {
  data: T;
  constructor(
    private readonly ctor: TypedArrayCtor<T>,
    capacity: number,
  ) {
    this.data = new ctor(capacity);
  }

  ensure(n: number): void {
    if (n <= this.data.length) return;
    let cap = this.data.length || 1024;
    while (cap < n) cap *= 2;
    const next = new this.ctor(cap);
    next.set(this.data as never);
    this.data = next;
  }

  get bytesPerElement(): number {
    return this.data.BYTES_PER_ELEMENT;
  }
}
