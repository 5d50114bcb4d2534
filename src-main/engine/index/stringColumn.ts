// A growable list of strings, one per id, that crosses to another thread as one string and
// one Int32Array (pack / adopt) instead of as hundreds of thousands of strings: rebuilding
// each string on the receiving side is what made handing a flow table over slow. Adopted
// strings stay in the packed text and are cut out of it when asked for.

export interface PackedStrings {
  /** every string, one after another */
  text: string;
  /** where each string ends in `text` */
  ends: Int32Array<ArrayBuffer>;
}

export class StringColumn {
  /** strings added or replaced since the last adopt; holes fall back to the packed text */
  private items: (string | undefined)[] = [];
  private text = '';
  private ends = new Int32Array(0);

  get length(): number {
    return this.items.length;
  }

  push(s: string): void {
    this.items.push(s);
  }

  get(i: number): string {
    const s = this.items[i];
    if (s !== undefined) return s;
    if (i >= this.ends.length) return '';
    return this.text.slice(i > 0 ? this.ends[i - 1]! : 0, this.ends[i]!);
  }

  set(i: number, s: string): void {
    this.items[i] = s;
  }

  /** Every string as a PackedStrings (`ends` is transferable). */
  pack(): PackedStrings {
    const n = this.items.length;
    const ends = new Int32Array(n);
    const parts = new Array<string>(n);
    let end = 0;
    for (let i = 0; i < n; i++) {
      const s = this.get(i);
      parts[i] = s;
      end += s.length;
      ends[i] = end;
    }
    return { text: parts.join(''), ends };
  }

  /** Replaces the contents with what pack() made. */
  adopt(p: PackedStrings): void {
    this.text = p.text;
    this.ends = p.ends;
    this.items = new Array<string | undefined>(p.ends.length);
  }
}
