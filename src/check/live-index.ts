// The checker's term index kept live (the lifecycle is src/store/live-index.ts, shared with lookup):
//
//   base     buildTermIndex over every term: persisted beside the database as a bundle holding
//            what is expensive to build (the automaton, the pattern table, the near-miss index's
//            pair table, posting lists and weak lists) and the terms and concepts as columns. A
//            loaded base is views on the file's arrays: a term, concept, pattern or near-miss
//            target becomes an object when a check first reads it (a one-line draft reads a few
//            dozen). Rebuilt in a worker in the server; the worker's bundle is adopted the same way.
//   overlay  the concepts changed since the base. Each view is derived from the previous one with
//            the concepts changed since it (the delta), not all changed since the base: the delta's
//            terms are read and indexed alone, the patterns of their keys are merged again, and the
//            near-miss index is the base's (never changed) with the changed concepts' targets
//            masked, beside a small index of their current names (near-miss.ts, LayeredNearMiss).
//
// A view is a TermIndex like any other: scan.ts and the rules do not know the difference.
import { Automaton, type AutomatonParts, type MatchSink } from '../domain/automaton.js';
import { KEY_VERSION } from '../domain/normalize.js';
import { titleInner } from '../domain/terms.js';
import { CATEGORIES, type Concept, LANGS, ORIGINS, REVIEW_STATUSES, TERM_STATUSES, TERM_TYPES } from '../domain/types.js';
import { usageOf } from '../domain/usage.js';
import { type Bundle, BundleError, RowColumn, type TypedArray, getArray, getPackedStrings, putStrings, readBundle, transferList, writeBundle } from '../io/bundle.js';
import { runWorker, workerUrl } from '../io/worker.js';
import { type LiveIndex, type LiveIndexSpec, indexFilePath, liveIndexOf, runSteps } from '../store/live-index.js';
import type { Store } from '../store/repository.js';
import { type CheckData, checkData } from './data.js';
import type { IndexedConcept, IndexedTerm } from './indexed.js';
import { LayeredNearMiss, NEAR_MISS_ARRAYS, NearMissIndex, type NearMissParts } from './near-miss.js';
import { type PatternInfo, type PatternList, TermIndex, type TermIndexStats, type TermScanner, buildPatterns, buildTermIndex, indexTerms } from './term-index.js';

export const CHECK_INDEX_NAME = 'check';
export const CHECK_BUNDLE_KIND = 'termdesk-check-index';
/** Bumped whenever the bundle's layout changes: an older file is rebuilt, not misread. */
export const CHECK_FORMAT = 5;

/** Where the database stood when a base was built. */
export interface CheckSource {
  keyVersion: string;
  databaseId: string;
  maxTermId: number;
}

export interface CheckBase {
  revision: number;
  index: TermIndex<NearMissIndex>;
  source: CheckSource;
}

interface CheckIndexMeta extends CheckSource {
  format: number;
  revision: number;
  /** The value lists the codes below index into (a file written with other lists is refused). */
  codes: Record<string, readonly string[]>;
  automaton: Pick<AutomatonParts, 'stats'>;
  /** The checker's data the patterns and the near-miss index were built with (dataHash). */
  dataHash: number;
  stats: TermIndexStats;
}

const CODES = { lang: LANGS, type: TERM_TYPES, status: TERM_STATUSES, origin: ORIGINS, category: CATEGORIES, review: REVIEW_STATUSES } as const;
/** The automaton's arrays and their types. */
const AUTOMATON_ARRAYS = {
  symOf: Uint16Array,
  rootNext: Int32Array,
  childStart: Int32Array,
  edgeSym: Uint16Array,
  fail: Int32Array,
  out: Int32Array,
  dict: Int32Array,
  anchorAt: Int32Array,
  depth: Uint16Array,
} as const;

// ---------------------------------------------------------------- building a base

/** A full build from the store, on this thread (the revision is read first: later changes are logged after it). */
export function buildCheckBase(store: Store, data: CheckData = checkData()): CheckBase {
  return store.readSnapshot(() => {
    const revision = store.termRevision();
    const concepts = new Map<number, Concept>();
    for (const c of store.iterateConceptRecords()) concepts.set(c.id, c);
    const index = buildTermIndex(store.iterateTerms(), (id) => concepts.get(id), data);
    return { revision, index, source: { keyVersion: KEY_VERSION, databaseId: store.databaseId(), maxTermId: store.maxTermId() } };
  });
}

// ---------------------------------------------------------------- the bundle

/** FNV-1a over the code units of a string. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * What of the checker's data files the persisted patterns and near-miss index depend on: a file
 * built with other blocking words, name words or near-miss settings is rebuilt, not used.
 */
function dataHash(data: CheckData): number {
  return hashString(JSON.stringify([data.blockingWords, data.nameSuffixes, data.config.nearMiss]));
}

function codesOf<T extends string>(list: readonly T[], values: Iterable<T>, name: string): Uint8Array {
  const out: number[] = [];
  for (const v of values) {
    const i = list.indexOf(v);
    if (i < 0) throw new Error(`unknown ${name}: ${v}`);
    out.push(i);
  }
  return Uint8Array.from(out);
}

/** Pattern flags, one bit each. */
const PRIMARY = 1;
const BLOCKER = 2;
const WORD_START = 4;
const WORD_END = 8;
const UPPER_CASE = 16;
/** Term flags. */
const VERIFIED = 1;
const TRUSTED = 2;
/** The official forms of a concept, in this order, as term rows (−1: none). */
const FORMS = ['zhFull', 'zhShort', 'enFull', 'enShort'] as const;

/**
 * A base as a bundle: terms in rows grouped by concept (concepts by id), each pattern with the
 * rows of its terms, the automaton's arrays and the near-miss index's (near-miss.ts, parts()).
 */
export function checkBundle(base: CheckBase): Bundle<CheckIndexMeta> {
  const { index } = base;
  if (!(index.automaton instanceof Automaton)) throw new Error('only a base index is persisted');
  const arrays: Record<string, TypedArray> = {};
  const concepts = [...index.concepts.values()].sort((a, b) => a.id - b.id);
  const terms: IndexedTerm[] = [];
  const rowOf = new Map<IndexedTerm, number>();
  const conceptEnds = new Int32Array(concepts.length);
  const forms = new Int32Array(concepts.length * FORMS.length).fill(-1);
  concepts.forEach((c, i) => {
    for (const t of c.terms) {
      rowOf.set(t, terms.length);
      terms.push(t);
    }
    conceptEnds[i] = terms.length;
    FORMS.forEach((f, j) => {
      const form = c[f];
      if (form) forms[i * FORMS.length + j] = rowOf.get(form) ?? -1;
    });
  });
  arrays['term.id'] = Int32Array.from(terms, (t) => t.id);
  arrays['term.concept'] = Int32Array.from(terms, (t) => t.conceptId);
  arrays['term.lang'] = codesOf(CODES.lang, terms.map((t) => t.lang), 'language');
  arrays['term.type'] = codesOf(CODES.type, terms.map((t) => t.type), 'term type');
  arrays['term.status'] = codesOf(CODES.status, terms.map((t) => t.status), 'term status');
  arrays['term.origin'] = codesOf(CODES.origin, terms.map((t) => t.origin), 'origin');
  arrays['term.flags'] = Uint8Array.from(terms, (t) => (t.verified ? VERIFIED : 0) | (t.trusted ? TRUSTED : 0));
  putStrings(arrays, 'term.text', terms.map((t) => t.text));
  putStrings(arrays, 'term.key', terms.map((t) => (t.key === t.text ? undefined : t.key)));
  putStrings(arrays, 'term.note', terms.map((t) => t.note ?? undefined));
  arrays['concept.id'] = Int32Array.from(concepts, (c) => c.id);
  arrays['concept.category'] = codesOf(CODES.category, concepts.map((c) => c.category), 'category');
  arrays['concept.review'] = codesOf(CODES.review, concepts.map((c) => c.reviewStatus), 'review status');
  arrays['concept.origin'] = codesOf(CODES.origin, concepts.map((c) => c.origin), 'origin');
  putStrings(arrays, 'concept.extId', concepts.map((c) => c.extId ?? undefined));
  arrays['concept.termEnds'] = conceptEnds;
  arrays['concept.forms'] = forms;
  const patterns = Array.from({ length: index.patterns.length }, (_, p) => index.patterns.at(p)!);
  putStrings(arrays, 'pattern.key', patterns.map((p) => p.key));
  arrays['pattern.flags'] = Uint8Array.from(
    patterns,
    (p) => (p.primary ? PRIMARY : 0) | (p.blocker ? BLOCKER : 0) | (p.wordStart ? WORD_START : 0) | (p.wordEnd ? WORD_END : 0) | (p.upperCase ? UPPER_CASE : 0),
  );
  const patternEnds = new Int32Array(patterns.length);
  const patternTerms: number[] = [];
  patterns.forEach((p, i) => {
    for (const t of p.terms) {
      const row = rowOf.get(t);
      if (row === undefined) throw new Error(`pattern ${p.key} names a term of no concept`);
      patternTerms.push(row);
    }
    patternEnds[i] = patternTerms.length;
  });
  arrays['pattern.termEnds'] = patternEnds;
  arrays['pattern.terms'] = Int32Array.from(patternTerms);
  const parts = index.automaton.parts();
  for (const name of Object.keys(AUTOMATON_ARRAYS) as Array<keyof typeof AUTOMATON_ARRAYS>) arrays[`automaton.${name}`] = parts[name];
  const nearMiss = index.nearMiss.parts();
  for (const [field, [name]] of Object.entries(NEAR_MISS_ARRAYS)) arrays[name] = nearMiss[field as keyof NearMissParts];
  return {
    kind: CHECK_BUNDLE_KIND,
    meta: { format: CHECK_FORMAT, ...base.source, revision: base.revision, codes: CODES, automaton: { stats: parts.stats }, dataHash: dataHash(index.data), stats: index.stats },
    arrays,
  };
}

/** Every value of a code column names an entry of its list. */
function checkCodes(codes: Uint8Array, list: readonly unknown[], name: string): void {
  for (let i = 0; i < codes.length; i++) if (codes[i] >= list.length) throw new BundleError(`the checker index holds an unknown ${name} code`);
}

/** Ends of consecutive ranges: never decreasing, the last at most `limit`. */
function checkEnds(ends: Int32Array, limit: number, name: string): void {
  let previous = 0;
  for (let i = 0; i < ends.length; i++) {
    if (ends[i] < previous || ends[i] > limit) throw new BundleError(`the ${name} ranges of the checker index are damaged`);
    previous = ends[i];
  }
}

/**
 * The terms and concepts of a loaded base, as the bundle's columns: each row becomes an object
 * when first read, and stays one (a pattern's terms and its concept's are the same objects).
 */
class StoredTerms {
  private readonly terms: Array<IndexedTerm | undefined>;
  private readonly concepts: Array<IndexedConcept | undefined>;
  private rowOfId: Int32Array | undefined;
  private readonly otherRows = new Map<number, number>();
  readonly ids: Int32Array;
  private readonly conceptOfTerm: Int32Array;
  private readonly lang: Uint8Array;
  private readonly type: Uint8Array;
  private readonly status: Uint8Array;
  private readonly origin: Uint8Array;
  private readonly flags: Uint8Array;
  private readonly text: RowColumn;
  private readonly key: RowColumn;
  private readonly note: RowColumn;
  readonly conceptIds: Int32Array;
  private readonly category: Uint8Array;
  private readonly review: Uint8Array;
  private readonly conceptOrigin: Uint8Array;
  private readonly extId: RowColumn;
  private readonly conceptEnds: Int32Array;
  private readonly forms: Int32Array;

  constructor(arrays: Record<string, TypedArray>) {
    const ids = getArray(arrays, 'term.id', Int32Array);
    const n = ids.length;
    this.ids = ids;
    this.conceptOfTerm = getArray(arrays, 'term.concept', Int32Array, n);
    this.lang = getArray(arrays, 'term.lang', Uint8Array, n);
    this.type = getArray(arrays, 'term.type', Uint8Array, n);
    this.status = getArray(arrays, 'term.status', Uint8Array, n);
    this.origin = getArray(arrays, 'term.origin', Uint8Array, n);
    this.flags = getArray(arrays, 'term.flags', Uint8Array, n);
    this.text = new RowColumn(getPackedStrings(arrays, 'term.text'));
    this.key = new RowColumn(getPackedStrings(arrays, 'term.key'));
    this.note = new RowColumn(getPackedStrings(arrays, 'term.note'));
    const cids = getArray(arrays, 'concept.id', Int32Array);
    const m = cids.length;
    this.conceptIds = cids;
    this.category = getArray(arrays, 'concept.category', Uint8Array, m);
    this.review = getArray(arrays, 'concept.review', Uint8Array, m);
    this.conceptOrigin = getArray(arrays, 'concept.origin', Uint8Array, m);
    this.extId = new RowColumn(getPackedStrings(arrays, 'concept.extId'));
    this.conceptEnds = getArray(arrays, 'concept.termEnds', Int32Array, m);
    this.forms = getArray(arrays, 'concept.forms', Int32Array, m * FORMS.length);
    if (this.text.length !== n || this.key.length !== n || this.note.length !== n || this.extId.length !== m) {
      throw new BundleError('the columns of the checker index differ in length');
    }
    checkCodes(this.lang, CODES.lang, 'language');
    checkCodes(this.type, CODES.type, 'term type');
    checkCodes(this.status, CODES.status, 'term status');
    checkCodes(this.origin, CODES.origin, 'origin');
    checkCodes(this.category, CODES.category, 'category');
    checkCodes(this.review, CODES.review, 'review status');
    checkCodes(this.conceptOrigin, CODES.origin, 'origin');
    checkEnds(this.conceptEnds, n, 'concept');
    if (m > 0 && this.conceptEnds[m - 1] !== n) throw new BundleError('the concept ranges of the checker index are damaged');
    for (let i = 1; i < m; i++) if (cids[i] <= cids[i - 1]) throw new BundleError('the concepts of the checker index are out of order');
    for (const row of this.forms) if (row < -1 || row >= n) throw new BundleError('the concept forms of the checker index are damaged');
    this.terms = new Array(n);
    this.concepts = new Array(m);
  }

  get termCount(): number {
    return this.ids.length;
  }

  get conceptCount(): number {
    return this.conceptIds.length;
  }

  term(row: number): IndexedTerm {
    let t = this.terms[row];
    if (t === undefined) {
      const text = this.text.at(row)!;
      const note = this.note.at(row) ?? null;
      const flags = this.flags[row];
      t = {
        id: this.ids[row],
        conceptId: this.conceptOfTerm[row],
        text,
        key: this.key.at(row) ?? text,
        lang: CODES.lang[this.lang[row]],
        type: CODES.type[this.type[row]],
        status: CODES.status[this.status[row]],
        origin: CODES.origin[this.origin[row]],
        trusted: (flags & TRUSTED) !== 0,
        verified: (flags & VERIFIED) !== 0,
        note,
        usage: usageOf(note),
      };
      this.terms[row] = t;
    }
    return t;
  }

  /** The term of an id (the near-miss index names its targets by term id). */
  termById(id: number): IndexedTerm | undefined {
    const row = this.rowOf(id);
    return row < 0 ? undefined : this.term(row);
  }

  hasTerm(id: number): boolean {
    return this.rowOf(id) >= 0;
  }

  /** The row of a term id, or −1 (a table by id, made once; ids outside it go to a Map). */
  private rowOf(id: number): number {
    if (!this.rowOfId) {
      let max = 0;
      for (const i of this.ids) if (i > max && i < ROW_TABLE_LIMIT) max = i;
      this.rowOfId = new Int32Array(max + 1).fill(-1);
      for (let row = 0; row < this.ids.length; row++) {
        const i = this.ids[row];
        if (i >= 0 && i < this.rowOfId.length) this.rowOfId[i] = row;
        else this.otherRows.set(i, row);
      }
    }
    if (id >= 0 && id < this.rowOfId.length) return this.rowOfId[id];
    return this.otherRows.get(id) ?? -1;
  }

  /** The row of a concept id (binary search: the ids are in order), or −1. */
  conceptRow(id: number): number {
    let lo = 0;
    let hi = this.conceptIds.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.conceptIds[mid];
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  concept(row: number): IndexedConcept {
    let c = this.concepts[row];
    if (c === undefined) {
      const from = row === 0 ? 0 : this.conceptEnds[row - 1];
      const terms: IndexedTerm[] = [];
      for (let r = from; r < this.conceptEnds[row]; r++) terms.push(this.term(r));
      c = {
        id: this.conceptIds[row],
        extId: this.extId.at(row) ?? null,
        category: CODES.category[this.category[row]],
        reviewStatus: CODES.review[this.review[row]],
        origin: CODES.origin[this.conceptOrigin[row]],
        terms,
      };
      FORMS.forEach((f, j) => {
        const form = this.forms[row * FORMS.length + j];
        c![f] = form < 0 ? undefined : this.term(form);
      });
      this.concepts[row] = c;
    }
    return c;
  }
}

/** Term ids below this are found through a table by id; others (none in practice) through a Map. */
const ROW_TABLE_LIMIT = 1 << 24;

/** A loaded base's concepts by id, made when first read. */
class StoredConcepts implements ReadonlyMap<number, IndexedConcept> {
  constructor(private readonly stored: StoredTerms) {}

  get(id: number): IndexedConcept | undefined {
    const row = this.stored.conceptRow(id);
    return row < 0 ? undefined : this.stored.concept(row);
  }

  has(id: number): boolean {
    return this.stored.conceptRow(id) >= 0;
  }

  get size(): number {
    return this.stored.conceptCount;
  }

  *entries(): MapIterator<[number, IndexedConcept]> {
    for (let row = 0; row < this.stored.conceptCount; row++) yield [this.stored.conceptIds[row], this.stored.concept(row)];
  }

  *keys(): MapIterator<number> {
    yield* this.stored.conceptIds;
  }

  *values(): MapIterator<IndexedConcept> {
    for (let row = 0; row < this.stored.conceptCount; row++) yield this.stored.concept(row);
  }

  [Symbol.iterator](): MapIterator<[number, IndexedConcept]> {
    return this.entries();
  }

  forEach(fn: (value: IndexedConcept, key: number, map: ReadonlyMap<number, IndexedConcept>) => void): void {
    for (const [id, c] of this.entries()) fn(c, id, this);
  }
}

/** A loaded base's patterns, made when first read. */
class StoredPatterns implements PatternList {
  private readonly made: Array<PatternInfo | undefined>;
  private readonly keys: RowColumn;
  private readonly flags: Uint8Array;
  private readonly ends: Int32Array;
  private readonly rows: Int32Array;

  constructor(
    arrays: Record<string, TypedArray>,
    private readonly stored: StoredTerms,
  ) {
    this.keys = new RowColumn(getPackedStrings(arrays, 'pattern.key'));
    const n = this.keys.length;
    this.flags = getArray(arrays, 'pattern.flags', Uint8Array, n);
    this.ends = getArray(arrays, 'pattern.termEnds', Int32Array, n);
    this.rows = getArray(arrays, 'pattern.terms', Int32Array);
    checkEnds(this.ends, this.rows.length, 'pattern');
    for (const row of this.rows) if (row < 0 || row >= stored.termCount) throw new BundleError('the pattern terms of the checker index are damaged');
    this.made = new Array(n);
  }

  get length(): number {
    return this.keys.length;
  }

  at(id: number): PatternInfo | undefined {
    if (id < 0 || id >= this.made.length) return undefined;
    let p = this.made[id];
    if (p === undefined) {
      const flags = this.flags[id];
      const terms: IndexedTerm[] = [];
      for (let i = id === 0 ? 0 : this.ends[id - 1]; i < this.ends[id]; i++) terms.push(this.stored.term(this.rows[i]));
      p = {
        key: this.keys.at(id)!,
        terms,
        primary: (flags & PRIMARY) !== 0,
        blocker: (flags & BLOCKER) !== 0,
        wordStart: (flags & WORD_START) !== 0,
        wordEnd: (flags & WORD_END) !== 0,
        upperCase: (flags & UPPER_CASE) !== 0,
      };
      this.made[id] = p;
    }
    return p;
  }
}

/**
 * The base a bundle holds (a file, or a worker's answer): views on its arrays, checked for
 * consistent sizes. Throws BundleError when it does not hold a whole one of this format and data.
 */
export function baseOfBundle(bundle: Bundle<CheckIndexMeta>, data: CheckData = checkData()): CheckBase {
  const { meta, arrays } = bundle;
  if (meta.format !== CHECK_FORMAT) throw new BundleError(`checker index format ${meta.format}, expected ${CHECK_FORMAT}`);
  for (const [name, list] of Object.entries(CODES)) {
    const stored = meta.codes?.[name];
    if (!stored || stored.length !== list.length || stored.some((v, i) => v !== list[i])) throw new BundleError(`the ${name} codes of the checker index differ`);
  }
  if (meta.dataHash !== dataHash(data)) throw new BundleError("the checker index was built with other data files");
  const stored = new StoredTerms(arrays);
  const patterns = new StoredPatterns(arrays, stored);
  const automatonParts: Record<string, unknown> = { stats: meta.automaton.stats };
  for (const [name, ctor] of Object.entries(AUTOMATON_ARRAYS)) automatonParts[name] = getArray(arrays, `automaton.${name}`, ctor as new (n: number) => TypedArray);
  const nearMissParts: Record<string, TypedArray> = {};
  for (const [field, [name, ctor]] of Object.entries(NEAR_MISS_ARRAYS)) nearMissParts[field] = getArray(arrays, name, ctor as new (n: number) => TypedArray);
  let automaton: Automaton;
  let nearMiss: NearMissIndex;
  try {
    automaton = Automaton.fromParts(automatonParts as unknown as AutomatonParts);
    nearMiss = NearMissIndex.fromParts(data, nearMissParts as unknown as NearMissParts, (id) => stored.termById(id));
  } catch (err) {
    throw new BundleError((err as Error).message);
  }
  if (automaton.stats.patterns !== patterns.length) throw new BundleError('the checker index automaton and patterns differ');
  // Targets are made from their terms when a search reaches them: each must name a term here.
  for (const id of nearMissParts.targetTerms as Int32Array) if (id >= 0 && !stored.hasTerm(id)) throw new BundleError('the near-miss targets of the checker index name unknown terms');
  const index = new TermIndex(automaton, patterns, new StoredConcepts(stored), nearMiss, data, meta.stats);
  return { revision: meta.revision, index, source: { keyVersion: meta.keyVersion, databaseId: meta.databaseId, maxTermId: meta.maxTermId } };
}

function belongsTo(m: CheckIndexMeta, store: Store): boolean {
  if (m.keyVersion !== KEY_VERSION || m.databaseId !== store.databaseId()) return false;
  const revision = store.termRevision();
  if (m.revision > revision) return false;
  return m.revision < revision || store.maxTermId() === m.maxTermId;
}

export function loadCheckBase(store: Store, file: string | undefined = indexFilePath(store, CHECK_INDEX_NAME)): CheckBase | undefined {
  return runSteps(loadCheckBaseSteps(store, file));
}

/** The same in steps: reading the file, then the base made of its arrays. */
export function* loadCheckBaseSteps(store: Store, file: string | undefined = indexFilePath(store, CHECK_INDEX_NAME)): Generator<void, CheckBase | undefined> {
  if (!file) return undefined;
  try {
    const bundle = readBundle<CheckIndexMeta>(file, CHECK_BUNDLE_KIND);
    if (!bundle || !belongsTo(bundle.meta, store)) return undefined;
    // A turn between reading the file (the larger part) and making the base of its arrays.
    yield;
    return baseOfBundle(bundle);
  } catch (err) {
    if (!(err instanceof BundleError)) throw err;
    process.stderr.write(`termdesk: ${err.message}; rebuilding the checker index\n`);
    return undefined;
  }
}

/** What the worker (index-worker.ts) is given. */
export interface CheckWorkerInput {
  dbPath: string;
  file: string | undefined;
}

/** The worker's job: read, build, persist, hand the bundle over. */
export function checkWorkerJob(store: Store, file: string | undefined): { value: Bundle<CheckIndexMeta>; transfer: ArrayBuffer[] } {
  const bundle = checkBundle(buildCheckBase(store));
  if (file) writeBundle(file, bundle);
  return { value: bundle, transfer: transferList(bundle) };
}

async function buildCheckBaseInWorker(store: Store): Promise<CheckBase> {
  const input: CheckWorkerInput = { dbPath: store.db.name, file: indexFilePath(store, CHECK_INDEX_NAME) };
  const bundle = await runWorker<Bundle<CheckIndexMeta>>(workerUrl('./index-worker.js', import.meta.url), input);
  // Everything arrives as arrays: adopting it is views on them, objects come as checks read them.
  return baseOfBundle(bundle);
}

// ---------------------------------------------------------------- the overlay

/** A base's scanner with some patterns hidden, and a small automaton for new keys after it. */
class OverlayScanner implements TermScanner {
  constructor(
    private readonly base: TermScanner,
    private readonly hidden: ReadonlySet<number>,
    private readonly extra: Automaton | null,
    private readonly offset: number,
  ) {}

  get stats() {
    return this.base.stats;
  }

  scan(text: string, onMatch: MatchSink): void {
    const hidden = this.hidden;
    const visible: MatchSink = (p, start, end) => {
      if (!hidden.has(p)) onMatch(p, start, end);
    };
    this.base.scan(text, hidden.size > 0 ? visible : onMatch);
    if (this.extra) {
      const offset = this.offset;
      this.extra.scan(text, (p, start, end) => {
        if (!hidden.has(p + offset)) onMatch(p + offset, start, end);
      });
    }
  }
}

/** The base's patterns with some replaced, and the patterns of keys the base does not know after them. */
class OverlayPatterns implements PatternList {
  constructor(
    private readonly base: PatternList,
    private readonly replaced: ReadonlyMap<number, PatternInfo>,
    private readonly extra: ReadonlyArray<PatternInfo>,
  ) {}

  get length(): number {
    return this.base.length + this.extra.length;
  }

  at(id: number): PatternInfo | undefined {
    if (id >= this.base.length) return this.extra[id - this.base.length];
    return this.replaced.get(id) ?? this.base.at(id);
  }
}

/** The base's concepts, with the changed ones as they are now (a removed one absent). */
class OverlayConcepts implements ReadonlyMap<number, IndexedConcept> {
  constructor(
    private readonly base: ReadonlyMap<number, IndexedConcept>,
    private readonly changed: ReadonlySet<number>,
    private readonly current: ReadonlyMap<number, IndexedConcept>,
  ) {}

  get(id: number): IndexedConcept | undefined {
    return this.changed.has(id) ? this.current.get(id) : this.base.get(id);
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  get size(): number {
    let n = this.base.size + this.current.size;
    for (const id of this.changed) if (this.base.has(id)) n--;
    return n;
  }

  *entries(): MapIterator<[number, IndexedConcept]> {
    for (const e of this.base) if (!this.changed.has(e[0])) yield e;
    yield* this.current;
  }

  *keys(): MapIterator<number> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<IndexedConcept> {
    for (const [, c] of this.entries()) yield c;
  }

  [Symbol.iterator](): MapIterator<[number, IndexedConcept]> {
    return this.entries();
  }

  forEach(fn: (value: IndexedConcept, key: number, map: ReadonlyMap<number, IndexedConcept>) => void): void {
    for (const [id, c] of this.entries()) fn(c, id, this);
  }
}

/** What a view carries to the next view on the same base (each part replaced, never changed in place). */
interface OverlayState {
  /** The changed concepts as they are now (absent: deleted or rejected). */
  current: Map<number, IndexedConcept>;
  /** Keys whose pattern differs from the base's: the pattern now, or null when no term has the key. */
  changedKeys: Map<string, PatternInfo | null>;
  /** The base pattern id of each changed key (−1: a key the base does not know). */
  baseIdOfKey: Map<string, number>;
  /** Keys the base does not know, in the order of the extra automaton, and it. */
  extraKeys: string[];
  extra: Automaton | null;
  /** Base near-miss slots of changed concepts' targets, and the changed concepts' current targets. */
  hiddenSlots: Uint8Array;
  hiddenCount: number;
  added: NearMissIndex;
}

/** A view: patterns by key come from the changed keys first, then from the base. */
class OverlayTermIndex extends TermIndex {
  constructor(
    readonly baseIndex: TermIndex<NearMissIndex>,
    automaton: TermScanner,
    patterns: PatternList,
    concepts: ReadonlyMap<number, IndexedConcept>,
    nearMiss: LayeredNearMiss,
    readonly state: OverlayState,
  ) {
    super(automaton, patterns, concepts, nearMiss, baseIndex.data, {
      ...baseIndex.stats,
      patterns: patterns.length,
      concepts: concepts.size,
      nearMissTargets: nearMiss.targetCount,
    });
  }

  override patternByKey(key: string): PatternInfo | undefined {
    const changed = this.state.changedKeys.get(key);
    if (changed !== undefined) return changed ?? undefined;
    return this.baseIndex.patternByKey(key);
  }
}

function emptyState(base: TermIndex<NearMissIndex>): OverlayState {
  return {
    current: new Map(),
    changedKeys: new Map(),
    baseIdOfKey: new Map(),
    extraKeys: [],
    extra: null,
    hiddenSlots: new Uint8Array(base.nearMiss.slotCount),
    hiddenCount: 0,
    added: new NearMissIndex(base.data),
  };
}

/**
 * The view of `base` with the `changed` concepts as they are now, derived from `previous` (a view
 * of the same base) by re-reading only the concepts changed since it (`delta`); without one, from
 * the base with every changed concept read. The work is the delta's, plus copies of the overlay's
 * small tables: never a copy of the base.
 */
function checkView(store: Store, base: CheckBase, changed: ReadonlySet<number>, delta: readonly number[], previous: TermIndex | undefined): TermIndex {
  if (changed.size === 0) return base.index;
  const index = base.index;
  const reuse = previous instanceof OverlayTermIndex && previous.baseIndex === index;
  const prior = reuse ? previous.state : emptyState(index);
  const read = reuse ? [...new Set(delta)] : [...changed];
  const readSet = new Set(read);

  // The concepts read again, indexed alone the same way a full build indexes every concept.
  const concepts = store.conceptRecords(read);
  const terms = store.termsOfConcepts(read).sort((a, b) => a.id - b.id);
  const fresh = indexTerms(terms, (id) => concepts.get(id));
  const current = new Map(prior.current);
  for (const id of read) current.delete(id);
  for (const [id, c] of fresh.concepts) current.set(id, c);

  // Every key these concepts had (in the base or the previous view) or have now: its terms are
  // the previous view's, less these concepts' terms, plus their current ones.
  const keys = new Set<string>(fresh.byKey.keys());
  for (const id of read) {
    for (const t of index.concept(id)?.terms ?? []) if (t.key) keys.add(titleInner(t.key));
    for (const t of prior.current.get(id)?.terms ?? []) if (t.key) keys.add(titleInner(t.key));
  }
  const changedKeys = new Map(prior.changedKeys);
  const baseIdOfKey = new Map(prior.baseIdOfKey);
  let extraKeys = prior.extraKeys;
  for (const key of keys) {
    let baseId = baseIdOfKey.get(key);
    if (baseId === undefined) baseIdOfKey.set(key, (baseId = index.patternIdOf(key) ?? -1));
    const before = prior.changedKeys.has(key) ? prior.changedKeys.get(key) : baseId >= 0 ? index.patterns.at(baseId) : undefined;
    const kept = (before?.terms ?? []).filter((t) => !readSet.has(t.conceptId));
    const merged = [...kept, ...(fresh.byKey.get(key) ?? [])].sort((a, b) => a.id - b.id);
    changedKeys.set(key, merged.length > 0 ? buildPatterns(new Map([[key, merged]]), [])[0] : null);
    if (merged.length > 0 && baseId < 0 && !extraKeys.includes(key)) extraKeys = [...extraKeys, key];
  }
  const extra = extraKeys === prior.extraKeys ? prior.extra : new Automaton(extraKeys);

  // The patterns: changed base keys replaced (a blocking word left without terms blocks again),
  // the others hidden; keys the base does not know after the base's.
  const blocking = new Set(index.data.blockingWords);
  const replaced = new Map<number, PatternInfo>();
  const hidden = new Set<number>();
  for (const [key, info] of changedKeys) {
    const baseId = baseIdOfKey.get(key)!;
    if (baseId < 0) continue;
    if (info) replaced.set(baseId, info);
    else if (blocking.has(key)) replaced.set(baseId, buildPatterns(new Map(), [key])[0]);
    else hidden.add(baseId);
  }
  const extraPatterns = extraKeys.map((key, i) => {
    const info = changedKeys.get(key);
    if (!info) hidden.add(index.patterns.length + i);
    return info ?? { key, terms: [], primary: false, blocker: true, wordStart: false, wordEnd: false, upperCase: false };
  });
  const automaton = new OverlayScanner(index.automaton, hidden, extra, index.patterns.length);

  // The near-miss layer: the base's targets of these concepts masked, their current names in the small index.
  let hiddenSlots = prior.hiddenSlots;
  let hiddenCount = prior.hiddenCount;
  for (const id of read) {
    for (const t of index.concept(id)?.terms ?? []) {
      const slot = index.nearMiss.slotOf(t.id);
      if (slot === undefined || hiddenSlots[slot] === 1) continue;
      if (hiddenSlots === prior.hiddenSlots) hiddenSlots = hiddenSlots.slice();
      hiddenSlots[slot] = 1;
      hiddenCount++;
    }
  }
  const added = prior.added.fork();
  for (const id of read) for (const t of prior.current.get(id)?.terms ?? []) added.remove(t.id);
  for (const concept of fresh.concepts.values()) for (const t of concept.terms) added.add(t, concept);
  const nearMiss = new LayeredNearMiss(index.nearMiss, hiddenSlots, hiddenCount, added);

  const state: OverlayState = { current, changedKeys, baseIdOfKey, extraKeys, extra, hiddenSlots, hiddenCount, added };
  const patterns = new OverlayPatterns(index.patterns, replaced, extraPatterns);
  return new OverlayTermIndex(index, automaton, patterns, new OverlayConcepts(index.concepts, changed, current), nearMiss, state);
}

// ---------------------------------------------------------------- the live index of a store

const spec: LiveIndexSpec<CheckBase, TermIndex> = {
  name: 'checker',
  build: (store) => buildCheckBase(store),
  load: (store) => loadCheckBaseSteps(store),
  save(store, base) {
    const file = indexFilePath(store, CHECK_INDEX_NAME);
    if (file) writeBundle(file, checkBundle(base));
  },
  buildInBackground: buildCheckBaseInWorker,
  view: checkView,
};

/** The store's live checker index. */
export function liveTermIndex(store: Store): LiveIndex<CheckBase, TermIndex> {
  return liveIndexOf(store, spec);
}

/**
 * The store's term index, kept live: a base loaded from the file beside the database or built,
 * with an overlay of the concepts changed since (the store's change log says which), so a
 * changed term is seen by the next check without a rebuild.
 */
export function termIndexFor(store: Store): TermIndex {
  return liveTermIndex(store).current();
}
