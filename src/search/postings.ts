// Posting lists in one flat array (compressed sparse rows): a key's rows are
// rows[offsets[slot] .. offsets[slot + 1]), ascending. Built in one pass with growable typed
// arrays and a counting sort, so building 100,000 concepts' worth creates a handful of large
// arrays instead of millions of small ones for the garbage collector.

import { GrowableInt32 } from '../domain/growable-int32.js';

export { GrowableInt32 };

/**
 * A 32-bit code for a short string key (FNV-1a), for the string-keyed postings (word trigrams,
 * initials). Two keys may share a code; that only adds candidates, which are checked anyway.
 */
export function stringCode(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** Multiplicative (Fibonacci) hashing: the high bits of key × 2^32/φ, as many as the table needs. */
function slotHash(key: number, capacity: number): number {
  return Math.imul(key, 0x9e3779b1) >>> (32 - Math.log2(capacity));
}

/**
 * A direct table is given up for hashing when the largest key would make it this many times
 * larger than the number of keys: an overlay of a few recent terms has a few keys as large as the
 * base's (concept 100,000, a syllable pair 1,400 × 1,024), and a direct table for them would be
 * megabytes allocated, filled and dropped for each write.
 */
const SPARSE_FACTOR = 16;

/**
 * Key → slot, for integer keys. Small non-negative keys (word ids, concept ids, character codes)
 * index a typed array directly while they are dense enough; any other 32-bit integer (two
 * characters in one number) goes through an open-addressing hash table on typed arrays, which
 * builds several times faster than a Map for the millions of character pairs of a large glossary.
 */
class Slots {
  private table: Int32Array;
  private keys: Int32Array | null = null;
  size = 0;
  constructor(private dense: boolean) {
    this.table = new Int32Array(1024).fill(-1);
    if (!dense) this.keys = new Int32Array(1024);
  }

  /** The table as it is (for a persisted index). */
  parts(): { dense: boolean; table: Int32Array; keys: Int32Array | null; size: number } {
    return { dense: this.dense, table: this.table, keys: this.keys, size: this.size };
  }

  static fromParts(p: { dense: boolean; table: Int32Array; keys: Int32Array | null; size: number }): Slots {
    const s = new Slots(p.dense);
    const capacity = p.table.length;
    // A hashed table's capacity is a power of two (slotHash); a direct one is any length.
    if (capacity < 1 || (!p.dense && ((capacity & (capacity - 1)) !== 0 || p.keys?.length !== capacity))) throw new RangeError('malformed posting table');
    s.table = p.table;
    s.keys = p.dense ? null : p.keys;
    s.size = p.size;
    return s;
  }

  private find(key: number): number {
    const mask = this.table.length - 1;
    let i = slotHash(key, this.table.length);
    while (this.table[i] >= 0 && this.keys![i] !== key) i = (i + 1) & mask;
    return i;
  }

  get(key: number): number | undefined {
    if (this.dense) {
      const s = key < this.table.length ? this.table[key] : -1;
      return s < 0 ? undefined : s;
    }
    const s = this.table[this.find(key | 0)];
    return s < 0 ? undefined : s;
  }

  /** The key's slot, made when new. */
  ensure(key: number): number {
    if (this.dense && key >= this.table.length) {
      if (key + 1 > SPARSE_FACTOR * (this.size + 1) && key + 1 > 1024) this.toHashed();
      else this.grow(Math.max(key + 1, this.table.length * 2));
    }
    if (this.dense) {
      if (this.table[key] < 0) this.table[key] = this.size++;
      return this.table[key];
    }
    if ((this.size + 1) * 2 > this.table.length) this.grow(this.table.length * 2);
    const k = key | 0;
    const i = this.find(k);
    if (this.table[i] < 0) {
      this.table[i] = this.size++;
      this.keys![i] = k;
    }
    return this.table[i];
  }

  /** From a direct table to a hashed one, the slots kept. */
  private toHashed(): void {
    const old = this.table;
    let capacity = 1024;
    while (capacity < (this.size + 1) * 2) capacity *= 2;
    this.dense = false;
    this.table = new Int32Array(capacity).fill(-1);
    this.keys = new Int32Array(capacity);
    for (let key = 0; key < old.length; key++) {
      if (old[key] < 0) continue;
      const i = this.find(key);
      this.table[i] = old[key];
      this.keys[i] = key;
    }
  }

  private grow(capacity: number): void {
    const old = this.table;
    const oldKeys = this.keys;
    this.table = new Int32Array(capacity).fill(-1);
    if (!oldKeys) {
      this.table.set(old);
      return;
    }
    this.keys = new Int32Array(capacity);
    for (let j = 0; j < old.length; j++) {
      if (old[j] < 0) continue;
      const i = this.find(oldKeys[j]);
      this.table[i] = old[j];
      this.keys[i] = oldKeys[j];
    }
  }
}

/**
 * Strings ↔ small ids (the English word list): an open-addressing table on typed arrays keyed by
 * stringCode(), each hit checked against the string, so interning a million word occurrences
 * does not go through a Map<string>.
 */
export class StringIds {
  readonly strings: string[] = [];
  private slots: Int32Array = new Int32Array(1024).fill(-1);
  private codes: Int32Array = new Int32Array(1024);

  parts(): { slots: Int32Array; codes: Int32Array } {
    return { slots: this.slots, codes: this.codes };
  }

  /** The table of a persisted index over its strings (the same strings in the same order). */
  static fromParts(strings: string[], slots: Int32Array, codes: Int32Array): StringIds {
    if (slots.length !== codes.length || (slots.length & (slots.length - 1)) !== 0) throw new RangeError('malformed string table');
    const ids = new StringIds();
    ids.strings.push(...strings);
    ids.slots = slots;
    ids.codes = codes;
    return ids;
  }

  get size(): number {
    return this.strings.length;
  }

  private find(s: string, code: number): number {
    const mask = this.slots.length - 1;
    let i = slotHash(code, this.slots.length);
    while (this.slots[i] >= 0 && (this.codes[i] !== code || this.strings[this.slots[i]] !== s)) i = (i + 1) & mask;
    return i;
  }

  get(s: string): number | undefined {
    const id = this.slots[this.find(s, stringCode(s))];
    return id < 0 ? undefined : id;
  }

  /** The string's id, made when new. */
  intern(s: string): number {
    if ((this.strings.length + 1) * 2 > this.slots.length) this.grow();
    const code = stringCode(s);
    const i = this.find(s, code);
    if (this.slots[i] < 0) {
      this.slots[i] = this.strings.length;
      this.codes[i] = code;
      this.strings.push(s);
    }
    return this.slots[i];
  }

  private grow(): void {
    const oldSlots = this.slots;
    const oldCodes = this.codes;
    this.slots = new Int32Array(oldSlots.length * 2).fill(-1);
    this.codes = new Int32Array(oldSlots.length * 2);
    for (let j = 0; j < oldSlots.length; j++) {
      if (oldSlots[j] < 0) continue;
      const i = this.find(this.strings[oldSlots[j]], oldCodes[j]);
      this.slots[i] = oldSlots[j];
      this.codes[i] = oldCodes[j];
    }
  }
}

/** A posting list table as typed arrays (see Postings.parts). */
export interface PostingsParts {
  dense: boolean;
  table: Int32Array;
  keys: Int32Array | null;
  size: number;
  offsets: Int32Array;
  rows: Int32Array;
}

export class Postings {
  constructor(
    private readonly slots: Slots,
    private readonly offsets: Int32Array,
    private readonly rows: Int32Array,
  ) {}

  parts(): PostingsParts {
    return { ...this.slots.parts(), offsets: this.offsets, rows: this.rows };
  }

  static fromParts(p: PostingsParts): Postings {
    if (p.offsets.length !== p.size + 1 || p.offsets[p.size] !== p.rows.length) throw new RangeError('malformed posting lists');
    return new Postings(Slots.fromParts(p), p.offsets, p.rows);
  }

  /** The rows of a key (a view, not a copy), or undefined. */
  get(key: number): Int32Array | undefined {
    const s = this.slots.get(key);
    return s === undefined ? undefined : this.rows.subarray(this.offsets[s], this.offsets[s + 1]);
  }

  /** Number of rows of a key (0 when absent). */
  count(key: number): number {
    const s = this.slots.get(key);
    return s === undefined ? 0 : this.offsets[s + 1] - this.offsets[s];
  }

  get keyCount(): number {
    return this.slots.size;
  }

  get size(): number {
    return this.rows.length;
  }
}

export class PostingsBuilder {
  private readonly slots: Slots;
  private readonly lastRow = new GrowableInt32();
  private readonly pairSlot = new GrowableInt32(4096);
  private readonly pairRow = new GrowableInt32(4096);

  /** `dense`: the keys are small non-negative integers (a direct table instead of a hash, while they are dense). */
  constructor(dense = false) {
    this.slots = new Slots(dense);
  }

  /** Adds a row to a key; rows must be added in ascending order (a repeat is ignored). */
  add(key: number, row: number): void {
    const s = this.slots.ensure(key);
    if (s === this.lastRow.length) this.lastRow.push(-1);
    if (this.lastRow.data[s] === row) return;
    this.lastRow.data[s] = row;
    this.pairSlot.push(s);
    this.pairRow.push(row);
  }

  finish(): Postings {
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
