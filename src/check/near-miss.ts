// Near-misses: spans that are no glossary term but very close to an official Chinese name
// (国际货币组织 for 国际货币基金组织, 世界卫生组识 for 世界卫生组织, 国际电讯联盟 for 国际电信联盟),
// wherever in the name the slip is: first characters, middle or suffix.
//
// How candidates are found (a q-gram filter, q = 2): every target name is cut into its character
// pairs, and a posting list maps each pair to the names holding it, with its position. One pass
// over the draft looks up each pair of name characters; a hit votes for (name, diagonal = text
// position − position in the name). A span within k edits of a name of length m keeps at least
// (m − 1) − 2k of the name's pairs (an edit destroys at most two), on diagonals at most k apart,
// so a name is verified only where enough of its pairs fall close together. Pairs held by very
// many names (组织, 委员, 联合 …; more than `maxPostings`) are not looked up for most names: a name's
// threshold counts them as present, which keeps the filter exact and the cost per draft character
// bounded. A name made mostly of such pairs (欧盟委员会: 委员, 员会) could lose all its rarer pairs to
// a slip, so it keeps the frequent pairs of its own part (before its name word) in a side list that
// is looked up ("weak" names), unless a pair is held by more than `maxWeakPostings` names. The
// identity rule (keepsIdentity: two thirds of the own part kept) leaves one of those pairs to any
// slip it accepts but a rare few (a substitution and an insertion around one own character of a
// long name): those may be missed.
//
// Verification is the one near-miss definition (src/domain/near-miss.ts): an edit distance that
// grows with the name's length (data/config.json), at most one substituted character (real slips
// drop or add words; a changed character usually names another body, 欧洲/非洲经济委员会), never a
// substitution inside a contrast class (data/near-miss-contrasts.txt). A span never crosses a line
// break or a character that is neither Han nor in the name.
//
// Where the span's first or last character is not the name's, the text around a name often just
// goes on (国际贸易中心 / 国际贸易中对某些…, 法律小组委员会 / 这些小组委员会), so the slip needs
// evidence of how it was made (slipAtEnds): a homophone typed by an input method (视界 for 世界,
// 组识 for 组织) or one kind of body's word for another (世界知识产权局, 内部监督事务处).
//
// The index is built term by term and can be changed the same way (add / remove), so a term
// added to the store need not rebuild it.
import { pinyin } from 'pinyin-pro';
import { type NearMissLimits, nearMissEditDistance } from '../domain/near-miss.js';
import { isHan, isHanCode } from '../domain/normalize.js';
import { usageOf } from '../domain/usage.js';
import { titleInner } from '../domain/terms.js';
import type { CheckData } from './data.js';
import type { IndexedConcept, IndexedTerm } from './indexed.js';

export interface NearMissTarget {
  term: IndexedTerm;
  /** The normalised name compared with spans (title marks removed). */
  key: string;
  maxDistance: number;
  /** The name words it ends with, longest first (基金组织, 组织), and its part before the longest. */
  words: string[];
  own: string;
}

export interface NearMissCandidate {
  /** Normalised offsets of the span. */
  start: number;
  end: number;
  target: NearMissTarget;
  distance: number;
}

/** What a search may not do: cut a known name, cross a line break. */
export interface NearMissSearch {
  /** The normalised draft. */
  text: string;
  /** breakBefore[i] = 1 when the original has a line break (or tab) between units i − 1 and i. */
  breakBefore: Uint8Array;
  /** May a span start / end here (not strictly inside a name the scan chose)? */
  boundaryOk(position: number): boolean;
  /** A chosen name covers [start, end) exactly with this key (the name itself, not a slip). */
  isKnownName(start: number, end: number): boolean;
}

const NAME_TYPES = new Set(['fullForm', 'variant', 'shortForm']);
/** Hits remembered per target: the threshold is capped here (long names verify a little more often). */
const RING = 8;

/**
 * Term id → slot: a typed array indexed by the id (term ids are small positive integers), so a
 * fork copies it in one go where a Map of 100,000 entries took over 10 ms; ids outside the
 * array's range (negative, or beyond 16 million) go to a Map.
 */
class SlotByTerm {
  /** slot + 1 at each term id; 0: none. */
  private slots: Int32Array = new Int32Array(1024);
  private readonly other = new Map<number, number>();
  size = 0;

  get(id: number): number | undefined {
    if (id >= 0 && id < this.slots.length) {
      const v = this.slots[id];
      return v === 0 ? undefined : v - 1;
    }
    return this.other.get(id);
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  set(id: number, slot: number): void {
    if (id >= 0 && id < SLOT_ARRAY_LIMIT) {
      if (id >= this.slots.length) {
        const grown = new Int32Array(Math.min(SLOT_ARRAY_LIMIT, Math.max(id + 1, this.slots.length * 2)));
        grown.set(this.slots);
        this.slots = grown;
      }
      if (this.slots[id] === 0) this.size++;
      this.slots[id] = slot + 1;
      return;
    }
    if (!this.other.has(id)) this.size++;
    this.other.set(id, slot);
  }

  delete(id: number): boolean {
    if (id >= 0 && id < this.slots.length) {
      if (this.slots[id] === 0) return false;
      this.slots[id] = 0;
      this.size--;
      return true;
    }
    if (!this.other.delete(id)) return false;
    this.size--;
    return true;
  }

  /** The table as typed arrays: the slot array, and the ids outside it as [id, slot] pairs. */
  parts(): { slots: Int32Array; other: Int32Array } {
    return { slots: this.slots, other: Int32Array.from([...this.other].flat()) };
  }

  static fromParts(slots: Int32Array, other: Int32Array): SlotByTerm {
    const table = new SlotByTerm();
    table.slots = slots;
    for (let i = 0; i < slots.length; i++) if (slots[i] !== 0) table.size++;
    for (let i = 0; i + 1 < other.length; i += 2) table.set(other[i], other[i + 1]);
    return table;
  }

  fork(): SlotByTerm {
    const copy = new SlotByTerm();
    copy.slots = this.slots.slice();
    for (const [id, slot] of this.other) copy.other.set(id, slot);
    copy.size = this.size;
    return copy;
  }
}

const SLOT_ARRAY_LIMIT = 1 << 24;

/**
 * Search ids for the scratch arrays' stamps, counted across all indexes: a fork shares its
 * original's scratch (one search at a time runs in a thread), so ids must not repeat between them.
 */
let searchCounter = 0;

/**
 * Character pair → list, in an open-addressing hash table of typed arrays: the near-miss search
 * looks up every pair of name characters of a draft, and a Map per first character was the
 * slowest part of it. Lists are never removed (an emptied list stays, to keep probing simple).
 * A fork shares the lists with its original until either side changes one (copy on write).
 */
class PairTable {
  private keys: Uint32Array = new Uint32Array(1024);
  private values: Int32Array = new Int32Array(1024);
  private bits = 10;
  private size = 0;
  /** The lists: arrays of this table's own, or (undefined) still in the stored flat form. */
  private lists: Array<number[] | undefined> = [];
  /** Lists below this number may be shared with a fork or its original, unless `copied` says otherwise. */
  private sharedBelow = 0;
  private copied: Uint8Array = new Uint8Array(0);
  /**
   * A table loaded from its parts keeps its lists flat (list i is stored[ends[i − 1] … ends[i]))
   * and reads them as views, made when first asked for: a one-line check reads a few dozen.
   */
  private stored: Int32Array | null = null;
  private storedEnds: Int32Array | null = null;
  private views: Array<Int32Array | undefined> = [];

  /** The list of a pair, to read. */
  get(a: number, b: number): ArrayLike<number> | undefined {
    const i = this.listOf(a, b);
    return i < 0 ? undefined : this.read(i);
  }

  /** The list of a pair, to change (this table's own copy), or undefined. */
  getMutable(a: number, b: number): number[] | undefined {
    const i = this.listOf(a, b);
    return i < 0 ? undefined : this.own(i);
  }

  /** The list of a pair, to change, made when there is none. */
  getOrCreate(a: number, b: number): number[] {
    const found = this.listOf(a, b);
    if (found >= 0) return this.own(found);
    if ((this.size + 1) * 2 > this.keys.length) this.resize();
    const key = (a * 65536 + b) >>> 0;
    const mask = this.keys.length - 1;
    let h = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits);
    while (this.keys[h] !== 0) h = (h + 1) & mask;
    const list: number[] = [];
    this.keys[h] = key;
    this.values[h] = this.lists.length;
    this.lists.push(list);
    this.size++;
    return list;
  }

  /** A copy whose changes this table does not see, nor it this table's. */
  fork(): PairTable {
    const copy = new PairTable();
    copy.keys = this.keys.slice();
    copy.values = this.values.slice();
    copy.bits = this.bits;
    copy.size = this.size;
    copy.lists = this.lists.slice();
    copy.stored = this.stored;
    copy.storedEnds = this.storedEnds;
    copy.views = this.views;
    for (const table of [this, copy]) {
      table.sharedBelow = this.lists.length;
      table.copied = new Uint8Array(this.lists.length);
    }
    return copy;
  }

  /** The table as typed arrays (every list flattened), for a bundle. */
  parts(): { keys: Uint32Array; values: Int32Array; ends: Int32Array; lists: Int32Array } {
    const ends = new Int32Array(this.lists.length);
    let total = 0;
    for (let i = 0; i < this.lists.length; i++) ends[i] = total += this.read(i).length;
    const flat = new Int32Array(total);
    for (let i = 0, at = 0; i < this.lists.length; i++) {
      const list = this.read(i);
      flat.set(list, at);
      at += list.length;
    }
    return { keys: this.keys, values: this.values, ends, lists: flat };
  }

  /** A table from its parts (views on them; nothing is copied until a list is changed). */
  static fromParts(keys: Uint32Array, values: Int32Array, ends: Int32Array, lists: Int32Array): PairTable {
    const bits = Math.log2(keys.length);
    if (!Number.isInteger(bits) || bits < 1 || keys.length !== values.length) throw new Error('malformed pair table');
    if (ends.length > 0 && ends[ends.length - 1] !== lists.length) throw new Error('malformed pair table lists');
    const table = new PairTable();
    table.keys = keys;
    table.values = values;
    table.bits = bits;
    let size = 0;
    for (let h = 0; h < keys.length; h++) {
      if (keys[h] === 0) continue;
      if (values[h] < 0 || values[h] >= ends.length) throw new Error('malformed pair table values');
      size++;
    }
    if (size !== ends.length) throw new Error('malformed pair table size');
    table.size = size;
    table.lists = new Array(ends.length);
    table.stored = lists;
    table.storedEnds = ends;
    table.views = new Array(ends.length);
    return table;
  }

  private read(i: number): ArrayLike<number> {
    const own = this.lists[i];
    if (own !== undefined) return own;
    let view = this.views[i];
    if (view === undefined) {
      const ends = this.storedEnds!;
      view = this.views[i] = this.stored!.subarray(i === 0 ? 0 : ends[i - 1], ends[i]);
    }
    return view;
  }

  private listOf(a: number, b: number): number {
    const key = (a * 65536 + b) >>> 0;
    const mask = this.keys.length - 1;
    for (let h = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits); ; h = (h + 1) & mask) {
      const k = this.keys[h];
      if (k === key) return this.values[h];
      if (k === 0) return -1;
    }
  }

  private own(i: number): number[] {
    const list = this.lists[i];
    if (list === undefined) {
      // Still stored flat (shared with every table loaded or forked from the same parts).
      const copy = Array.from(this.read(i));
      this.lists[i] = copy;
      if (i < this.sharedBelow) this.copied[i] = 1;
      return copy;
    }
    if (i < this.sharedBelow && this.copied[i] === 0) {
      this.lists[i] = list.slice();
      this.copied[i] = 1;
    }
    return this.lists[i]!;
  }

  private resize(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.bits++;
    this.keys = new Uint32Array(1 << this.bits);
    this.values = new Int32Array(1 << this.bits);
    const mask = this.keys.length - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const key = oldKeys[i];
      if (key === 0) continue;
      let h = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits);
      while (this.keys[h] !== 0) h = (h + 1) & mask;
      this.keys[h] = key;
      this.values[h] = oldValues[i];
    }
  }
}

export function maxDistanceFor(length: number, data: CheckData): number {
  for (const [upTo, d] of data.config.nearMiss.maxDistance) if (length <= upTo) return d;
  return 0;
}

/** The per-slot arrays of a near-miss index (see its fields). */
interface SlotArrays {
  weakOf: Uint8Array;
  lenOf: Int32Array;
  kOf: Int32Array;
  firstOf: Int32Array;
  secondOf: Int32Array;
  needOf: Int32Array;
  needGeneration: Int32Array;
}

/** What NearMissIndex.parts() gives, and fromParts() takes. */
export interface NearMissParts extends SlotArrays {
  counts: Int32Array;
  slots: Int32Array;
  otherSlots: Int32Array;
  targetTerms: Int32Array;
  free: Int32Array;
  nameChar: Uint8Array;
  nameMarks: Int32Array;
  postingKeys: Uint32Array;
  postingValues: Int32Array;
  postingEnds: Int32Array;
  postingLists: Int32Array;
  weakKeys: Uint32Array;
  weakValues: Int32Array;
  weakEnds: Int32Array;
  weakLists: Int32Array;
}

/** The array names and types of NearMissParts in a bundle (see NearMissIndex.parts). */
export const NEAR_MISS_ARRAYS: Record<keyof NearMissParts, [string, typeof Int32Array | typeof Uint32Array | typeof Uint8Array]> = {
  counts: ['nearMiss.counts', Int32Array],
  slots: ['nearMiss.slots', Int32Array],
  otherSlots: ['nearMiss.otherSlots', Int32Array],
  targetTerms: ['nearMiss.targetTerms', Int32Array],
  free: ['nearMiss.free', Int32Array],
  nameChar: ['nearMiss.nameChar', Uint8Array],
  nameMarks: ['nearMiss.nameMarks', Int32Array],
  weakOf: ['nearMiss.weakOf', Uint8Array],
  lenOf: ['nearMiss.lenOf', Int32Array],
  kOf: ['nearMiss.kOf', Int32Array],
  firstOf: ['nearMiss.firstOf', Int32Array],
  secondOf: ['nearMiss.secondOf', Int32Array],
  needOf: ['nearMiss.needOf', Int32Array],
  needGeneration: ['nearMiss.needGeneration', Int32Array],
  postingKeys: ['nearMiss.postings.keys', Uint32Array],
  postingValues: ['nearMiss.postings.values', Int32Array],
  postingEnds: ['nearMiss.postings.ends', Int32Array],
  postingLists: ['nearMiss.postings.lists', Int32Array],
  weakKeys: ['nearMiss.weak.keys', Uint32Array],
  weakValues: ['nearMiss.weak.values', Int32Array],
  weakEnds: ['nearMiss.weak.ends', Int32Array],
  weakLists: ['nearMiss.weak.lists', Int32Array],
};

export class NearMissIndex {
  private targets: Array<NearMissTarget | undefined> = [];
  /**
   * An index loaded from its parts makes its targets when first needed: the term id of each slot
   * not made yet (−1: none), and where its term is found.
   */
  private storedTerms: Int32Array | null = null;
  private termOfId: ((id: number) => IndexedTerm | undefined) | null = null;
  private free: number[] = [];
  private slotOfTerm = new SlotByTerm();
  /**
   * Character pair → [slot, position, slot, position, …], as first character (UTF-16 unit) →
   * second character → list: small integer keys keep the lookups fast.
   */
  private postings = new PairTable();
  /** 1 for a character that may stand in a span: Han, or a character of some name (、 digits …). */
  private nameChar: Uint8Array = new Uint8Array(65536);
  /** Non-Han characters of names, counted, so that removing a name updates nameChar. */
  private nameMarks = new Map<number, number>();
  /** Bumped whenever a pair becomes frequent or stops being so: thresholds and weak lists are recomputed then. */
  private generation = 0;
  /** Frequent pair → entries of the weak names holding it (see the header), for `weakGeneration`. */
  private weakPostings = new PairTable();
  private weakGeneration = -1;
  private weakOf: Uint8Array = new Uint8Array(16);
  // Per slot: name length, largest distance, hits needed (with the generation it was computed in).
  private lenOf: Int32Array = new Int32Array(16);
  private kOf: Int32Array = new Int32Array(16);
  /** The name's first two characters (a span starts with the first, or a homophone of it and the second). */
  private firstOf: Int32Array = new Int32Array(16);
  private secondOf: Int32Array = new Int32Array(16);
  private needOf: Int32Array = new Int32Array(16);
  private needGeneration: Int32Array = new Int32Array(16).fill(-1);
  // Per-search scratch, per slot (reset lazily with a stamp).
  private stamp: Int32Array = new Int32Array(16);
  private ringPos: Int32Array = new Int32Array(16 * RING);
  private ringDiag: Int32Array = new Int32Array(16 * RING);
  private ringHead: Int32Array = new Int32Array(16);
  private firedUntil: Int32Array = new Int32Array(16);
  /** The diagonal band last verified for the slot: a trigger inside it has nothing new to align. */
  private verifiedLo: Int32Array = new Int32Array(16);
  private verifiedHi: Int32Array = new Int32Array(16);
  /** Edit-distance limits per largest distance k. */
  private readonly limits: NearMissLimits[] = [];

  constructor(
    private readonly data: CheckData,
    markHan = true,
  ) {
    if (markHan) for (let c = 0; c < 65536; c++) if (isHanCode(c)) this.nameChar[c] = 1;
  }

  get targetCount(): number {
    return this.slotOfTerm.size;
  }

  /** The slot of a term's target, or undefined when it is none. */
  slotOf(termId: number): number | undefined {
    return this.slotOfTerm.get(termId);
  }

  /** Slots in use or freed: the length a per-slot mask needs. */
  get slotCount(): number {
    return this.targets.length;
  }

  /** The target in a slot (made from its term when the index was loaded from parts). */
  private target(slot: number): NearMissTarget | undefined {
    const made = this.targets[slot];
    if (made !== undefined || this.storedTerms === null) return made;
    const id = slot < this.storedTerms.length ? this.storedTerms[slot] : -1;
    if (id < 0) return undefined;
    const term = this.termOfId!(id);
    if (!term) throw new Error(`near-miss target ${id} has no term`);
    const target = this.targetOf(term);
    this.targets[slot] = target;
    return target;
  }

  private targetOf(term: IndexedTerm): NearMissTarget {
    const key = titleInner(term.key);
    const words = this.data.nameSuffixes.filter((w) => key.length > w.length && key.endsWith(w));
    return { term, key, maxDistance: maxDistanceFor(key.length, this.data), words, own: key.slice(0, key.length - words[0].length) };
  }

  /**
   * The index as typed arrays (posting lists flattened, each target as its term id), for a
   * bundle; the weak lists are built first, so a loaded index need not build them.
   */
  parts(): NearMissParts {
    if (this.weakGeneration !== this.generation) this.rebuildWeak();
    const slots = this.slotOfTerm.parts();
    const postings = this.postings.parts();
    const weak = this.weakPostings.parts();
    const targetTerms = new Int32Array(this.targets.length).fill(-1);
    for (let slot = 0; slot < this.targets.length; slot++) {
      const target = this.target(slot);
      if (target) targetTerms[slot] = target.term.id;
    }
    return {
      counts: Int32Array.of(this.generation, this.weakGeneration, this.targets.length),
      slots: slots.slots,
      otherSlots: slots.other,
      targetTerms,
      free: Int32Array.from(this.free),
      nameChar: this.nameChar,
      nameMarks: Int32Array.from([...this.nameMarks].flat()),
      weakOf: this.weakOf,
      lenOf: this.lenOf,
      kOf: this.kOf,
      firstOf: this.firstOf,
      secondOf: this.secondOf,
      needOf: this.needOf,
      needGeneration: this.needGeneration,
      postingKeys: postings.keys,
      postingValues: postings.values,
      postingEnds: postings.ends,
      postingLists: postings.lists,
      weakKeys: weak.keys,
      weakValues: weak.values,
      weakEnds: weak.ends,
      weakLists: weak.lists,
    };
  }

  /**
   * An index from its parts (views on them) whose targets are made from their terms when a search
   * first reaches them. Throws when the parts do not fit together.
   */
  static fromParts(data: CheckData, parts: NearMissParts, termOfId: (id: number) => IndexedTerm | undefined): NearMissIndex {
    const index = new NearMissIndex(data, false);
    const [generation, weakGeneration, slotCount] = parts.counts;
    const perSlot = [parts.weakOf, parts.lenOf, parts.kOf, parts.firstOf, parts.secondOf, parts.needOf, parts.needGeneration];
    if (parts.counts.length !== 3 || parts.targetTerms.length !== slotCount || perSlot.some((a) => a.length !== parts.lenOf.length) || parts.lenOf.length < slotCount || parts.nameChar.length !== 65536) {
      throw new Error('malformed near-miss index');
    }
    index.generation = generation;
    index.weakGeneration = weakGeneration;
    index.targets = new Array(slotCount);
    index.storedTerms = parts.targetTerms;
    index.termOfId = termOfId;
    index.slotOfTerm = SlotByTerm.fromParts(parts.slots, parts.otherSlots);
    index.free = Array.from(parts.free);
    index.nameChar = parts.nameChar;
    for (let i = 0; i + 1 < parts.nameMarks.length; i += 2) index.nameMarks.set(parts.nameMarks[i], parts.nameMarks[i + 1]);
    index.useSlotArrays(parts, false);
    index.postings = PairTable.fromParts(parts.postingKeys, parts.postingValues, parts.postingEnds, parts.postingLists);
    index.weakPostings = PairTable.fromParts(parts.weakKeys, parts.weakValues, parts.weakEnds, parts.weakLists);
    const size = parts.lenOf.length;
    index.stamp = new Int32Array(size);
    index.ringPos = new Int32Array(size * RING);
    index.ringDiag = new Int32Array(size * RING);
    index.ringHead = new Int32Array(size);
    index.firedUntil = new Int32Array(size);
    index.verifiedLo = new Int32Array(size);
    index.verifiedHi = new Int32Array(size);
    return index;
  }

  /** Takes the per-slot arrays of another index or of parts (copies, or the arrays themselves). */
  private useSlotArrays(from: SlotArrays, copy: boolean): void {
    const take = <T extends Int32Array | Uint8Array>(a: T): T => (copy ? (a.slice() as T) : a);
    this.weakOf = take(from.weakOf);
    this.lenOf = take(from.lenOf);
    this.kOf = take(from.kOf);
    this.firstOf = take(from.firstOf);
    this.secondOf = take(from.secondOf);
    this.needOf = take(from.needOf);
    this.needGeneration = take(from.needGeneration);
  }

  /**
   * A copy to change (add / remove) while this index, which other readers hold, stays as it is:
   * the posting lists are shared until either side changes one (copy on write); the per-slot
   * arrays and the term table are copied; the search's scratch is shared (see searchCounter). A
   * fork changed to hold some terms has the targets a full build over those terms has (in another
   * slot order).
   */
  fork(): NearMissIndex {
    // The weak lists are built lazily by the first search; built here first, every fork shares
    // them instead of building its own on its first search (60 ms at 100,000 names, per view).
    if (this.weakGeneration !== this.generation) this.rebuildWeak();
    const copy = new NearMissIndex(this.data);
    copy.targets = this.targets.slice();
    copy.storedTerms = this.storedTerms?.slice() ?? null;
    copy.termOfId = this.termOfId;
    copy.free = this.free.slice();
    copy.slotOfTerm = this.slotOfTerm.fork();
    copy.postings = this.postings.fork();
    copy.nameChar = this.nameChar.slice();
    copy.nameMarks = new Map(this.nameMarks);
    copy.generation = this.generation;
    copy.weakPostings = this.weakPostings.fork();
    copy.weakGeneration = this.weakGeneration;
    const { weakOf, lenOf, kOf, firstOf, secondOf, needOf, needGeneration } = this;
    copy.useSlotArrays({ weakOf, lenOf, kOf, firstOf, secondOf, needOf, needGeneration }, true);
    // The search's scratch is shared: it is reset lazily by stamps that are unique across
    // indexes (searchCounter), and an index that outgrows it gets its own (grow()).
    copy.stamp = this.stamp;
    copy.ringPos = this.ringPos;
    copy.ringDiag = this.ringDiag;
    copy.ringHead = this.ringHead;
    copy.firedUntil = this.firedUntil;
    copy.verifiedLo = this.verifiedLo;
    copy.verifiedHi = this.verifiedHi;
    return copy;
  }

  /**
   * Adds a term as a target when it is one: an approved, reviewed, current Chinese name (full
   * form, variant or short form) of a body, organization, programme or meeting, long enough, with
   * no usage tag (a context-dependent form is not a name to correct towards). Returns whether it
   * was added. Adding a term already present changes nothing.
   */
  add(term: IndexedTerm, concept: IndexedConcept): boolean {
    if (this.slotOfTerm.has(term.id) || !this.eligible(term, concept)) return false;
    const key = titleInner(term.key);
    const maxDistance = maxDistanceFor(key.length, this.data);
    if (maxDistance < 1 || key.length < this.data.config.nearMiss.minTermLength) return false;
    const slot = this.free.pop() ?? this.targets.length;
    this.targets[slot] = this.targetOf(term);
    if (this.storedTerms && slot < this.storedTerms.length) this.storedTerms[slot] = -1;
    this.grow(slot + 1);
    this.lenOf[slot] = key.length;
    this.kOf[slot] = maxDistance;
    this.firstOf[slot] = key.charCodeAt(0);
    this.secondOf[slot] = key.charCodeAt(1);
    this.needGeneration[slot] = -1;
    this.slotOfTerm.set(term.id, slot);
    const limit = this.data.config.nearMiss.maxPostings;
    for (let i = 0; i + 1 < key.length; i++) {
      const list = this.postings.getOrCreate(key.charCodeAt(i), key.charCodeAt(i + 1));
      list.push(slot, i);
      if (list.length === 2 * (limit + 1)) this.generation++;
    }
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      if (isHanCode(code)) continue;
      this.nameMarks.set(code, (this.nameMarks.get(code) ?? 0) + 1);
      this.nameChar[code] = 1;
    }
    this.weakOf[slot] = 0;
    if (this.weakGeneration === this.generation) this.addWeak(slot);
    return true;
  }

  /** Removes a term's target (by term id); false when it was none. */
  remove(termId: number): boolean {
    const slot = this.slotOfTerm.get(termId);
    if (slot === undefined) return false;
    const { key } = this.target(slot)!;
    const limit = this.data.config.nearMiss.maxPostings;
    if (this.weakOf[slot] === 1 && this.weakGeneration === this.generation) {
      for (let i = 0; i + 1 < key.length; i++) {
        const list = this.weakPostings.getMutable(key.charCodeAt(i), key.charCodeAt(i + 1));
        if (!list) continue;
        for (let k = 0; k < list.length; k += 2) {
          if (list[k] === slot && list[k + 1] === i) {
            list.splice(k, 2);
            break;
          }
        }
      }
    }
    this.weakOf[slot] = 0;
    for (let i = 0; i + 1 < key.length; i++) {
      const a = key.charCodeAt(i);
      const b = key.charCodeAt(i + 1);
      const list = this.postings.getMutable(a, b)!;
      for (let k = 0; k < list.length; k += 2) {
        if (list[k] === slot && list[k + 1] === i) {
          list.splice(k, 2);
          break;
        }
      }
      if (list.length === 2 * limit) this.generation++;
    }
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      const n = this.nameMarks.get(code);
      if (n === undefined) continue;
      if (n > 1) {
        this.nameMarks.set(code, n - 1);
      } else {
        this.nameMarks.delete(code);
        this.nameChar[code] = 0;
      }
    }
    this.targets[slot] = undefined;
    if (this.storedTerms && slot < this.storedTerms.length) this.storedTerms[slot] = -1;
    this.slotOfTerm.delete(termId);
    this.free.push(slot);
    return true;
  }

  private pairList(a: number, b: number, create: boolean): ArrayLike<number> | undefined {
    return create ? this.postings.getOrCreate(a, b) : this.postings.get(a, b);
  }

  private eligible(term: IndexedTerm, concept: IndexedConcept): boolean {
    if (concept.reviewStatus !== 'approved' || !this.data.config.nearMiss.categories.includes(concept.category)) return false;
    if (!term.trusted || term.status === 'deprecated' || !NAME_TYPES.has(term.type) || term.lang === 'en') return false;
    // Proper names only: a concept whose English name is written in lower case is a generic term
    // (general debate, substantive session), whatever its category…
    if (concept.enFull && /^\p{Ll}/u.test(concept.enFull.text)) return false;
    // …and a name that ends with a word saying what kind of body it is (组织, 委员会, 署, 厅 …;
    // data/name-suffixes.txt): descriptive titles (信息社会世界峰会20年审查) have wordings, not slips.
    const key = titleInner(term.key);
    if (!isHan(key[0] ?? '') || !this.data.nameSuffixes.some((w) => key.length > w.length && key.endsWith(w))) return false;
    return usageOf(term.note) === null;
  }

  /**
   * Hits needed before a target is verified (see the header): (m − 1) − 2k, less the pairs not
   * looked up for it (they count as present). Never below one.
   */
  private need(slot: number): number {
    if (this.needGeneration[slot] === this.generation) return this.needOf[slot];
    const { key, maxDistance } = this.target(slot)!;
    const { frequent, weak } = this.pairsOf(slot);
    const lookedUp = key.length - 1 - frequent + (weak?.length ?? 0);
    const need = Math.min(RING, Math.max(1, lookedUp - 2 * maxDistance));
    this.needOf[slot] = need;
    this.needGeneration[slot] = this.generation;
    return need;
  }

  /**
   * How many of a name's pairs are frequent, and, for a weak name (one a slip could leave with no
   * rarer pair), the frequent pairs it still looks up: those of its own part and the one joining
   * it to its name word (委员会's 委员, 员会 never: a slip that keeps two thirds of the own part,
   * keepsIdentity, leaves one of these), held by at most `maxWeakPostings` names.
   */
  private pairsOf(slot: number): { frequent: number; weak: number[] | null } {
    const { key, maxDistance, own } = this.target(slot)!;
    const limit2 = 2 * this.data.config.nearMiss.maxPostings;
    const weakLimit2 = 2 * this.data.config.nearMiss.maxWeakPostings;
    let frequent = 0;
    const weak: number[] = [];
    for (let i = 0; i + 1 < key.length; i++) {
      const length = this.pairList(key.charCodeAt(i), key.charCodeAt(i + 1), false)!.length;
      if (length <= limit2) continue;
      frequent++;
      if (i < own.length && length <= weakLimit2) weak.push(i);
    }
    const isWeak = key.length - 1 - frequent - 2 * maxDistance < 1 && weak.length > 0;
    return { frequent, weak: isWeak ? weak : null };
  }

  private addWeak(slot: number): void {
    const { weak } = this.pairsOf(slot);
    if (!weak) return;
    const { key } = this.target(slot)!;
    for (const i of weak) this.weakPostings.getOrCreate(key.charCodeAt(i), key.charCodeAt(i + 1)).push(slot, i);
    this.weakOf[slot] = 1;
  }

  /** The weak lists, rebuilt after a pair became frequent or stopped being so. */
  private rebuildWeak(): void {
    this.weakPostings = new PairTable();
    this.weakOf.fill(0);
    this.weakGeneration = this.generation;
    for (let slot = 0; slot < this.targets.length; slot++) if (this.target(slot)) this.addWeak(slot);
  }

  /** Per-slot arrays grown to hold `slots` slots. */
  private grow(slots: number): void {
    if (this.lenOf.length >= slots) return;
    const size = Math.max(slots, this.lenOf.length * 2);
    const grow = (a: Int32Array, len: number, fill = 0) => {
      const b = new Int32Array(len).fill(fill);
      b.set(a);
      return b;
    };
    const weak = new Uint8Array(size);
    weak.set(this.weakOf);
    this.weakOf = weak;
    this.lenOf = grow(this.lenOf, size);
    this.kOf = grow(this.kOf, size);
    this.firstOf = grow(this.firstOf, size);
    this.secondOf = grow(this.secondOf, size);
    this.needOf = grow(this.needOf, size);
    this.needGeneration = grow(this.needGeneration, size, -1);
    this.stamp = grow(this.stamp, size);
    this.ringHead = grow(this.ringHead, size);
    this.firedUntil = grow(this.firedUntil, size);
    this.verifiedLo = grow(this.verifiedLo, size);
    this.verifiedHi = grow(this.verifiedHi, size);
    this.ringPos = grow(this.ringPos, size * RING);
    this.ringDiag = grow(this.ringDiag, size * RING);
  }

  /**
   * Every near-miss candidate of the draft: per target and place, the closest span that passes the
   * definition and the search's bounds. Candidates may overlap; the caller keeps the closest.
   */
  find(search: NearMissSearch, hidden?: Uint8Array): NearMissCandidate[] {
    const { text, breakBefore } = search;
    const n = text.length;
    const out: NearMissCandidate[] = [];
    if (this.slotOfTerm.size === 0 || n < 2) return out;
    if (this.weakGeneration !== this.generation) this.rebuildWeak();
    const id = ++searchCounter;
    const limit2 = 2 * this.data.config.nearMiss.maxPostings;
    const weakPostings = this.weakPostings;
    const weakLimit2 = 2 * this.data.config.nearMiss.maxWeakPostings;
    const { stamp, ringPos, ringDiag, ringHead, firedUntil, verifiedLo, verifiedHi, lenOf, kOf, firstOf, secondOf, needOf, needGeneration, nameChar, postings } = this;
    let prevCode = text.charCodeAt(0);
    let prevOk = nameChar[prevCode] === 1;
    for (let i = 1; i < n; i++) {
      const code = text.charCodeAt(i);
      const ok = nameChar[code] === 1;
      const first = prevCode;
      const pairOk = ok && prevOk && breakBefore[i] === 0;
      prevOk = ok;
      prevCode = code;
      if (!pairOk) continue;
      let list = postings.get(first, code);
      if (list === undefined) continue;
      if (list.length > limit2) {
        // A frequent pair: only the weak names holding it, and not at all when very frequent.
        if (list.length > weakLimit2) continue;
        list = weakPostings.get(first, code);
        if (list === undefined) continue;
      }
      const at = i - 1; // where the pair starts
      for (let x = 0; x < list.length; x += 2) {
        const slot = list[x];
        if (hidden !== undefined && hidden[slot] === 1) continue;
        const diag = at - list[x + 1];
        const k = kOf[slot];
        if (stamp[slot] !== id) {
          stamp[slot] = id;
          ringHead[slot] = 0;
          firedUntil[slot] = -1;
          verifiedLo[slot] = 1;
          verifiedHi[slot] = 0;
        }
        const need = needGeneration[slot] === this.generation ? needOf[slot] : this.need(slot);
        let lo = diag;
        let hi = diag;
        if (need > 1) {
          // Remember the hit; enough remembered hits near it (window and diagonal band)? The band
          // they span is where the name may start.
          const base = slot * RING;
          const h = ringHead[slot];
          ringPos[base + (h % RING)] = at;
          ringDiag[base + (h % RING)] = diag;
          ringHead[slot] = h + 1;
          if (h + 1 < need || at < firedUntil[slot]) continue;
          const window = lenOf[slot] + k;
          let count = 0;
          const seen = h + 1 < RING ? h + 1 : RING;
          for (let r = 0; r < seen && count < need; r++) {
            const p = ringPos[base + r];
            const d = ringDiag[base + r];
            if (at - p > window || d - diag > k || diag - d > k) continue;
            count++;
            if (d < lo) lo = d;
            if (d > hi) hi = d;
          }
          if (count < need) continue;
        } else if (at < firedUntil[slot]) {
          continue;
        }
        // Already aligned around these diagonals (a failed verification blocks nothing: a stray
        // hit may trigger before the real ones arrive).
        if (lo >= verifiedLo[slot] && hi <= verifiedHi[slot]) continue;
        // A place the span may start (startOk), tested on character codes: most triggers end here.
        const from = lo - k > 0 ? lo - k : 0;
        const to = hi + k < n - 2 ? hi + k : n - 2;
        const first = firstOf[slot];
        let start = from;
        while (start <= to && text.charCodeAt(start) !== first) start++;
        if (start > to) {
          const second = secondOf[slot];
          let p = from;
          while (p <= to && !(text.charCodeAt(p + 1) === second && homophones(text[p], String.fromCharCode(first)))) p++;
          if (p > to) continue;
        }
        const target = this.target(slot)!;
        // The name itself (the common case: every official name in the draft votes for itself).
        if (diag >= 0 && text.startsWith(target.key, diag)) {
          firedUntil[slot] = diag + target.key.length;
          continue;
        }
        verifiedLo[slot] = lo;
        verifiedHi[slot] = hi;
        // Then a place it may end, and the q-gram lemma on the window, frequent pairs included.
        if (!this.endsNear(text, target, lo, hi) || !enoughPairs(text, target, lo, hi)) continue;
        const found = this.verify(search, target, lo, hi);
        if (found) {
          firedUntil[slot] = found.end;
          out.push(found);
        }
      }
    }
    return out;
  }

  /**
   * The closest acceptable span for a target around diagonals [lo, hi], or undefined. Spans start
   * and end only where the name's ends, or the evidence for a slip there, stand (startOk, endOk),
   * so few pairs of ends are aligned, each with the bounded edit distance.
   */
  private verify(search: NearMissSearch, target: NearMissTarget, lo: number, hi: number): NearMissCandidate | undefined {
    const { text } = search;
    const { key, maxDistance: k } = target;
    const m = key.length;
    const n = text.length;
    const minSpan = this.data.config.nearMiss.minSpanLength;
    const starts: number[] = [];
    for (let p = Math.max(0, lo - k); p <= Math.min(n - minSpan, hi + k); p++) if (startOk(text, p, n, key)) starts.push(p);
    if (starts.length === 0) return undefined;
    const ends: number[] = [];
    for (let e = Math.max(starts[0] + minSpan, lo + m - k); e <= Math.min(n, hi + m + k); e++) if (endOk(text, e, target, this.data)) ends.push(e);
    if (ends.length === 0) return undefined;
    const limits = this.limits[k] ??= { maxDistance: k, maxSubstitutions: this.data.config.nearMiss.maxSubstitutions, contrastClass: this.data.contrastClass };
    let best: NearMissCandidate | undefined;
    let bestRank = Infinity;
    for (const start of starts) {
      for (const end of ends) {
        const len = end - start;
        if (len < minSpan || len < m - k || len > m + k) continue;
        if (!this.spanFits(search, start, end, key) || !search.boundaryOk(start) || !search.boundaryOk(end)) continue;
        if (search.isKnownName(start, end) || cutsNameWord(text, end, this.data) || !keepsIdentity(text, start, end, target.own)) continue;
        const distance = nearMissEditDistance(text, start, end, key, limits);
        if (distance <= 0) continue;
        // Ends that agree with the name's first, then the closest, then the length nearest the name's.
        const rank = (endsMismatch(text, start, end, key) * 8 + distance) * 64 + Math.abs(len - m);
        if (rank < bestRank) {
          best = { start, end, target, distance };
          bestRank = rank;
        }
      }
    }
    return best;
  }

  /** Some position where a span of the name may end (endOk), around diagonals [lo, hi]. */
  private endsNear(text: string, target: NearMissTarget, lo: number, hi: number): boolean {
    const m = target.key.length;
    const k = target.maxDistance;
    for (let e = Math.max(1, lo + m - k); e <= Math.min(text.length, hi + m + k); e++) if (endOk(text, e, target, this.data)) return true;
    return false;
  }

  /** Only Han characters or characters of the name, and no line break, inside a span. */
  private spanFits(search: NearMissSearch, start: number, end: number, key: string): boolean {
    const { text, breakBefore } = search;
    for (let i = start; i < end; i++) {
      if (i > start && breakBefore[i]) return false;
      const code = text.charCodeAt(i);
      if (!isHanCode(code) && !key.includes(text[i])) return false;
    }
    return true;
  }
}

const readingsCache = new Map<string, string[]>();
function readings(ch: string): string[] {
  let r = readingsCache.get(ch);
  if (r === undefined) {
    r = isHan(ch) ? (pinyin(ch, { toneType: 'none', multiple: true, type: 'array' }) as string[]) : [ch];
    readingsCache.set(ch, r);
  }
  return r;
}

/** Two characters an input method confuses: one reading in common, tones aside (识 zhi / 织 zhi). */
export function homophones(a: string, b: string): boolean {
  if (a === b) return true;
  const pair = a + b;
  let same = homophoneCache.get(pair);
  if (same === undefined) {
    const rb = readings(b);
    same = readings(a).some((x) => rb.includes(x));
    homophoneCache.set(pair, same);
  }
  return same;
}
const homophoneCache = new Map<string, boolean>();

/**
 * Evidence for a slip at the ends of a span (see the header). A span whose first and last
 * characters are the name's needs none. A different first character must be a homophone of the
 * name's, with the second character the name's (视界卫生组织); a different last character a
 * homophone with the one before it the name's (世界卫生组识), or the span ends with another name
 * word than the name does (data/name-suffixes.txt: 局 for 组织, 处 for 厅) after the same character.
 * A span that starts after the name's first character or stops before its last is no evidence
 * of a slip (小组委员会 is no 法律小组委员会, 国际刑事法 no 国际刑事法院).
 */
export function slipAtEnds(text: string, start: number, end: number, key: string, data: CheckData): boolean {
  const words = data.nameSuffixes.filter((w) => key.length > w.length && key.endsWith(w));
  return end - start >= 2 && startOk(text, start, end, key) && endOk(text.slice(0, end), end, { key, words }, data);
}

/** A span may start at `start` (before `limit`): the name's first character, or a homophone of it followed by the second. */
function startOk(text: string, start: number, limit: number, key: string): boolean {
  if (text[start] === key[0]) return true;
  return start + 1 < limit && key.length > 1 && text[start + 1] === key[1] && homophones(text[start], key[0]);
}

/** A span may end at `end`: the name's last character, a homophone of it after the name's one before, or another name word. */
function endOk(text: string, end: number, target: Pick<NearMissTarget, 'key' | 'words'>, data: CheckData): boolean {
  const { key, words } = target;
  const m = key.length;
  if (end < 1) return false;
  if (text[end - 1] === key[m - 1]) return true;
  if (end >= 2 && m >= 2 && text[end - 2] === key[m - 2] && homophones(text[end - 1], key[m - 1])) return true;
  const candidates = nameWordEnds(data).get(text[end - 1]);
  if (candidates === undefined) return false;
  let spanWord: string | undefined;
  for (const w of candidates) {
    if (w.length < end && text.startsWith(w, end - w.length)) {
      spanWord = w;
      break;
    }
  }
  if (spanWord === undefined) return false;
  const before = text[end - spanWord.length - 1];
  for (const w of words) if (w !== spanWord && key[m - w.length - 1] === before) return true;
  return false;
}

/**
 * At least (m − 1) − 2k of the name's character pairs stand in the text where a span within k
 * edits of it would have them (diagonals lo … hi, drift at most k each way).
 */
function enoughPairs(text: string, target: NearMissTarget, lo: number, hi: number): boolean {
  const { key, maxDistance: k } = target;
  const need = key.length - 1 - 2 * k;
  if (need <= 0) return true;
  let count = 0;
  for (let i = 0; i + 1 < key.length; i++) {
    const a = key.charCodeAt(i);
    const b = key.charCodeAt(i + 1);
    const from = Math.max(0, lo + i - 2 * k);
    const to = Math.min(text.length - 2, hi + i + 2 * k);
    for (let p = from; p <= to; p++) {
      if (text.charCodeAt(p) === a && text.charCodeAt(p + 1) === b) {
        count++;
        break;
      }
    }
    if (count >= need) return true;
    if (count + (key.length - 2 - i) < need) return false;
  }
  return count >= need;
}

/**
 * The span keeps what tells the body apart: of the name's part before its name word (`own`: 人权
 * in 人权理事会, 妇女地位 in 妇女地位委员会), at least two characters and two thirds. 人民理事会 is no
 * slip of 人权理事会, nor 妇女委员会 of 妇女地位委员会: a generic word took the name's place.
 */
export function keepsIdentity(text: string, start: number, end: number, own: string): boolean {
  const kept = lcs(text, start, end, own);
  return kept >= Math.min(2, own.length) && kept * 3 >= own.length * 2;
}

/** Length of the longest common subsequence of text[start, end) and b. */
function lcs(text: string, start: number, end: number, b: string): number {
  const row = new Int32Array(b.length + 1);
  for (let i = start; i < end; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = text[i] === b[j - 1] ? diag + 1 : Math.max(up, row[j - 1]);
      diag = up;
    }
  }
  return row[b.length];
}

const byLastChar = new WeakMap<CheckData, Map<string, string[]>>();
/** The name words by their last character, longest first. */
function nameWordEnds(data: CheckData): Map<string, string[]> {
  let map = byLastChar.get(data);
  if (!map) {
    map = new Map();
    for (const w of data.nameSuffixes) {
      const last = w[w.length - 1];
      const list = map.get(last);
      if (list) list.push(w);
      else map.set(last, [w]);
    }
    byLastChar.set(data, map);
  }
  return map;
}

const tailChars = new WeakMap<CheckData, Set<string>>();
/** The characters of the name words other than their first. */
function nameWordTails(data: CheckData): Set<string> {
  let set = tailChars.get(data);
  if (!set) tailChars.set(data, (set = new Set(data.nameSuffixes.flatMap((w) => [...w.slice(1)]))));
  return set;
}

/** A name word (组织, 会议 …) runs across `end`: the span stops inside it (多利益攸关方组|织). */
export function cutsNameWord(text: string, end: number, data: CheckData): boolean {
  if (end >= text.length || !nameWordTails(data).has(text[end])) return false;
  for (const w of data.nameSuffixes) {
    for (let from = Math.max(0, end - w.length + 1); from < end; from++) {
      if (from + w.length > end && text.startsWith(w, from)) return true;
    }
  }
  return false;
}

/** How many of the span's two ends differ from the name's first and last characters (0–2). */
export function endsMismatch(text: string, start: number, end: number, key: string): number {
  return Number(text[start] !== key[0]) + Number(text[end - 1] !== key[key.length - 1]);
}

/** What a scan asks of a near-miss index (a NearMissIndex, or a view's LayeredNearMiss). */
export interface NearMissFinder {
  readonly targetCount: number;
  find(search: NearMissSearch): NearMissCandidate[];
}

/**
 * A view's near-miss index (live-index.ts): the base's, shared by every view and never changed,
 * searched with the targets of the changed concepts hidden, beside a small index of those
 * concepts' names as they are now. A new view copies the mask and forks the small index, so a
 * write costs what its own concepts cost, not a copy of the base.
 */
export class LayeredNearMiss implements NearMissFinder {
  constructor(
    readonly base: NearMissIndex,
    /** 1 at each base slot whose target belongs to a changed concept. */
    readonly hidden: Uint8Array,
    readonly hiddenCount: number,
    readonly added: NearMissIndex,
  ) {}

  get targetCount(): number {
    return this.base.targetCount - this.hiddenCount + this.added.targetCount;
  }

  find(search: NearMissSearch): NearMissCandidate[] {
    const found = this.base.find(search, this.hiddenCount > 0 ? this.hidden : undefined);
    return this.added.targetCount > 0 ? found.concat(this.added.find(search)) : found;
  }
}

/** The near-miss index of a set of concepts (every eligible term added). */
export function buildNearMissIndex(concepts: Iterable<IndexedConcept>, data: CheckData): NearMissIndex {
  const index = new NearMissIndex(data);
  for (const concept of concepts) for (const term of concept.terms) index.add(term, concept);
  return index;
}
