// Posting lists in one flat array (compressed sparse rows): a key's rows are
// rows[offsets[slot] .. offsets[slot + 1]), ascending. Built in one pass with growable typed
// arrays and a counting sort, so building 100,000 concepts' worth creates a handful of large
// arrays instead of millions of small ones for the garbage collector.

/** An Int32Array that doubles when full. */
export class GrowableInt32 {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

const EMPTY = new Int32Array(0);

export class Postings<K> {
  constructor(
    private readonly slots: Map<K, number>,
    private readonly offsets: Int32Array,
    private readonly rows: Int32Array,
  ) {}

  /** The rows of a key (a view, not a copy), or undefined. */
  get(key: K): Int32Array | undefined {
    const s = this.slots.get(key);
    return s === undefined ? undefined : this.rows.subarray(this.offsets[s], this.offsets[s + 1]);
  }

  /** Number of rows of a key (0 when absent). */
  count(key: K): number {
    const s = this.slots.get(key);
    return s === undefined ? 0 : this.offsets[s + 1] - this.offsets[s];
  }

  get keyCount(): number {
    return this.slots.size;
  }

  get size(): number {
    return this.rows.length;
  }

  static empty<K>(): Postings<K> {
    return new Postings<K>(new Map(), new Int32Array(1), EMPTY);
  }
}

export class PostingsBuilder<K> {
  private readonly slots = new Map<K, number>();
  private readonly lastRow = new GrowableInt32();
  private readonly pairSlot = new GrowableInt32(4096);
  private readonly pairRow = new GrowableInt32(4096);

  /** Adds a row to a key; rows must be added in ascending order (a repeat is ignored). */
  add(key: K, row: number): void {
    let s = this.slots.get(key);
    if (s === undefined) {
      s = this.slots.size;
      this.slots.set(key, s);
      this.lastRow.push(-1);
    }
    if (this.lastRow.data[s] === row) return;
    this.lastRow.data[s] = row;
    this.pairSlot.push(s);
    this.pairRow.push(row);
  }

  finish(): Postings<K> {
    const n = this.slots.size;
    const offsets = new Int32Array(n + 1);
    const slot = this.pairSlot.data;
    const count = this.pairSlot.length;
    for (let i = 0; i < count; i++) offsets[slot[i] + 1]++;
    for (let s = 0; s < n; s++) offsets[s + 1] += offsets[s];
    const fill = offsets.slice(0, n);
    const rows = new Int32Array(count);
    const row = this.pairRow.data;
    for (let i = 0; i < count; i++) rows[fill[slot[i]]++] = row[i];
    return new Postings(this.slots, offsets, rows);
  }
}
