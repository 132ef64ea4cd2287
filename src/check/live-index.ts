// The checker's term index kept live (the lifecycle is src/store/live-index.ts, shared with lookup):
//
//   base     buildTermIndex over every term, with its automaton: persisted beside the database as
//            a bundle (the terms and concepts it was built from, plus the automaton's arrays, which
//            are the expensive part), rebuilt in a worker in the server;
//   overlay  the concepts changed since the base: their terms and records are read again and
//            indexed alone (indexTerms, buildPatterns on just them); the view patches the base's
//            patterns for the keys those concepts had or have, adds a small automaton for keys
//            the base does not know, hides base patterns left without terms, and has its own fork
//            of the base's near-miss index (copy on write) with the changed concepts' names
//            removed and their current ones added.
//
// The view is a TermIndex like any other: scan.ts and the rules do not know the difference.
import { Automaton, type AutomatonParts, type MatchSink } from '../domain/automaton.js';
import { KEY_VERSION } from '../domain/normalize.js';
import { titleInner } from '../domain/terms.js';
import { CATEGORIES, type Concept, LANGS, ORIGINS, REVIEW_STATUSES, TERM_STATUSES, TERM_TYPES, type Term } from '../domain/types.js';
import { type Bundle, BundleError, type TypedArray, getArray, getStrings, putStrings, readBundle, transferList, writeBundle } from '../io/bundle.js';
import { runWorker, workerUrl } from '../io/worker.js';
import { type LiveIndex, type LiveIndexSpec, indexFilePath, liveIndexOf } from '../store/live-index.js';
import type { Store } from '../store/repository.js';
import { type CheckData, checkData } from './data.js';
import type { IndexedConcept } from './indexed.js';
import type { NearMissIndex } from './near-miss.js';
import { type PatternInfo, TermIndex, type TermScanner, buildPatterns, buildTermIndex, buildTermIndexSteps, indexTerms, runSteps } from './term-index.js';

export const CHECK_INDEX_NAME = 'check';
export const CHECK_BUNDLE_KIND = 'termdesk-check-index';
/** Bumped whenever the bundle's layout changes: an older file is rebuilt, not misread. */
export const CHECK_FORMAT = 4;

/** Where the database stood when a base was built. */
export interface CheckSource {
  keyVersion: string;
  databaseId: string;
  maxTermId: number;
}

export interface CheckBase {
  revision: number;
  index: TermIndex;
  source: CheckSource;
}

/** The terms and concepts a base was built from (everything buildTermIndex reads of them). */
export interface TermSnapshot {
  revision: number;
  terms: Term[];
  concepts: Map<number, Concept>;
}

interface CheckIndexMeta extends CheckSource {
  format: number;
  revision: number;
  /** The value lists the codes below index into (a file written with other lists is refused). */
  codes: Record<string, readonly string[]>;
  automaton: Pick<AutomatonParts, 'stats'>;
  /** The automaton's input: its pattern count and the hash of its keys (keysHash). */
  patternCount: number;
  patternKeysHash: number;
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

/** The terms and concepts of the store: the revision first (later changes are logged after it). */
export function readSnapshot(store: Store): TermSnapshot {
  const revision = store.termRevision();
  const terms = [...store.iterateTerms()];
  const concepts = new Map<number, Concept>();
  for (const c of store.iterateConceptRecords()) concepts.set(c.id, c);
  return { revision, terms, concepts };
}

function sourceOf(store: Store, snapshot: TermSnapshot): CheckSource {
  let maxTermId = 0;
  for (const t of snapshot.terms) if (t.id > maxTermId) maxTermId = t.id;
  return { keyVersion: KEY_VERSION, databaseId: store.databaseId(), maxTermId };
}

export function buildCheckBase(store: Store, data: CheckData = checkData()): CheckBase {
  const snapshot = readSnapshot(store);
  return { revision: snapshot.revision, index: indexOfSnapshot(snapshot, data), source: sourceOf(store, snapshot) };
}

function indexOfSnapshot(snapshot: TermSnapshot, data: CheckData, automatonFor?: (keys: string[]) => Automaton): TermIndex {
  return buildTermIndex(snapshot.terms, (id) => snapshot.concepts.get(id), data, automatonFor);
}

// ---------------------------------------------------------------- the bundle

/**
 * A 32-bit hash (FNV-1a over the code units, keys separated) of the pattern keys in order: what
 * the automaton's pattern ids refer to. A check that the stored automaton was built from these
 * keys, not a defence against forgery (the file's CRC guards against damage).
 */
function keysHash(keys: readonly string[]): number {
  let h = 0x811c9dc5;
  for (const k of keys) {
    for (let i = 0; i < k.length; i++) h = Math.imul(h ^ k.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0xffff, 0x01000193);
  }
  return h >>> 0;
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

export function checkBundle(base: CheckBase, snapshot: TermSnapshot): Bundle<CheckIndexMeta> {
  const arrays: Record<string, TypedArray> = {};
  const { terms } = snapshot;
  const concepts = [...snapshot.concepts.values()];
  arrays['term.id'] = Int32Array.from(terms, (t) => t.id);
  arrays['term.concept'] = Int32Array.from(terms, (t) => t.conceptId);
  arrays['term.lang'] = codesOf(CODES.lang, terms.map((t) => t.lang), 'language');
  arrays['term.type'] = codesOf(CODES.type, terms.map((t) => t.type), 'term type');
  arrays['term.status'] = codesOf(CODES.status, terms.map((t) => t.status), 'term status');
  arrays['term.origin'] = codesOf(CODES.origin, terms.map((t) => t.origin), 'origin');
  arrays['term.verified'] = Uint8Array.from(terms, (t) => (t.verified ? 1 : 0));
  putStrings(arrays, 'term.text', terms.map((t) => t.text));
  putStrings(arrays, 'term.key', terms.map((t) => (t.key === t.text ? undefined : t.key)));
  putStrings(arrays, 'term.note', terms.map((t) => t.note ?? undefined));
  arrays['concept.id'] = Int32Array.from(concepts, (c) => c.id);
  arrays['concept.category'] = codesOf(CODES.category, concepts.map((c) => c.category), 'category');
  arrays['concept.review'] = codesOf(CODES.review, concepts.map((c) => c.reviewStatus), 'review status');
  arrays['concept.origin'] = codesOf(CODES.origin, concepts.map((c) => c.origin), 'origin');
  putStrings(arrays, 'concept.extId', concepts.map((c) => c.extId ?? undefined));
  if (!(base.index.automaton instanceof Automaton)) throw new Error('only a base index is persisted');
  const parts = base.index.automaton.parts();
  for (const name of Object.keys(AUTOMATON_ARRAYS) as Array<keyof typeof AUTOMATON_ARRAYS>) arrays[`automaton.${name}`] = parts[name];
  return {
    kind: CHECK_BUNDLE_KIND,
    meta: {
      format: CHECK_FORMAT,
      ...base.source,
      revision: base.revision,
      codes: CODES,
      automaton: { stats: parts.stats },
      patternCount: base.index.patterns.length,
      patternKeysHash: keysHash(base.index.patterns.map((p) => p.key)),
    },
    arrays,
  };
}

/** The snapshot a bundle holds, in steps. Throws BundleError when it does not hold a whole one. */
function* snapshotOfBundleSteps(bundle: Bundle<CheckIndexMeta>): Generator<void, TermSnapshot> {
  const { meta, arrays } = bundle;
  if (meta.format !== CHECK_FORMAT) throw new BundleError(`checker index format ${meta.format}, expected ${CHECK_FORMAT}`);
  for (const [name, list] of Object.entries(CODES)) {
    const stored = meta.codes?.[name];
    if (!stored || stored.length !== list.length || stored.some((v, i) => v !== list[i])) throw new BundleError(`the ${name} codes of the checker index differ`);
  }
  const ids = getArray(arrays, 'term.id', Int32Array);
  const n = ids.length;
  const conceptOfTerm = getArray(arrays, 'term.concept', Int32Array, n);
  const lang = getArray(arrays, 'term.lang', Uint8Array, n);
  const type = getArray(arrays, 'term.type', Uint8Array, n);
  const status = getArray(arrays, 'term.status', Uint8Array, n);
  const origin = getArray(arrays, 'term.origin', Uint8Array, n);
  const verified = getArray(arrays, 'term.verified', Uint8Array, n);
  const text = getStrings(arrays, 'term.text');
  yield;
  const key = getStrings(arrays, 'term.key');
  const note = getStrings(arrays, 'term.note');
  yield;
  if (text.length !== n || key.length !== n || note.length !== n) throw new BundleError('the term columns of the checker index differ in length');
  const code = <T>(list: readonly T[], i: number) => {
    const v = list[i];
    if (v === undefined) throw new BundleError('the checker index holds an unknown code');
    return v;
  };
  const terms: Term[] = new Array(n);
  for (let i = 0; i < n; i++) {
    if (i % 10_000 === 9_999) yield;
    terms[i] = {
      id: ids[i],
      conceptId: conceptOfTerm[i],
      text: text[i]!,
      key: key[i] ?? text[i]!,
      lang: code(CODES.lang, lang[i]),
      type: code(CODES.type, type[i]),
      status: code(CODES.status, status[i]),
      origin: code(CODES.origin, origin[i]),
      verified: verified[i] === 1,
      note: note[i] ?? null,
      // Not kept in the index file: nothing the checker builds reads them.
      source: null,
      createdAt: '',
      updatedAt: '',
    };
  }
  const cids = getArray(arrays, 'concept.id', Int32Array);
  const m = cids.length;
  const category = getArray(arrays, 'concept.category', Uint8Array, m);
  const review = getArray(arrays, 'concept.review', Uint8Array, m);
  const corigin = getArray(arrays, 'concept.origin', Uint8Array, m);
  const extId = getStrings(arrays, 'concept.extId');
  if (extId.length !== m) throw new BundleError('the concept columns of the checker index differ in length');
  yield;
  const concepts = new Map<number, Concept>();
  for (let i = 0; i < m; i++) {
    if (i % 10_000 === 9_999) yield;
    concepts.set(cids[i], {
      id: cids[i],
      extId: extId[i] ?? null,
      category: code(CODES.category, category[i]),
      subject: null,
      definition: null,
      note: null,
      reviewStatus: code(CODES.review, review[i]),
      origin: code(CODES.origin, corigin[i]),
      createdAt: '',
      updatedAt: '',
    });
  }
  return { revision: meta.revision, terms, concepts };
}

/** The stored automaton, when it was built from exactly these keys. */
function storedAutomaton(bundle: Bundle<CheckIndexMeta>, keys: string[]): Automaton | undefined {
  const { meta, arrays } = bundle;
  if (keys.length !== meta.patternCount || keysHash(keys) !== meta.patternKeysHash) return undefined;
  const parts: Record<string, unknown> = { stats: meta.automaton.stats };
  for (const [name, ctor] of Object.entries(AUTOMATON_ARRAYS)) parts[name] = getArray(arrays, `automaton.${name}`, ctor as new (n: number) => TypedArray);
  try {
    return Automaton.fromParts(parts as unknown as AutomatonParts);
  } catch (err) {
    throw new BundleError((err as Error).message);
  }
}

/**
 * The base a bundle holds, in steps: the index built from its snapshot with its stored automaton
 * (built here instead when the checker's data files changed what the automaton must hold:
 * `rebuilt`).
 */
export function* baseOfBundleSteps(
  bundle: Bundle<CheckIndexMeta>,
  data: CheckData = checkData(),
): Generator<void, { base: CheckBase; snapshot: TermSnapshot; rebuilt: boolean }> {
  const snapshot = yield* snapshotOfBundleSteps(bundle);
  let rebuilt = false;
  const index = yield* buildTermIndexSteps(snapshot.terms, (id) => snapshot.concepts.get(id), data, (keys) => {
    const stored = storedAutomaton(bundle, keys);
    if (stored) return stored;
    rebuilt = true;
    return new Automaton(keys);
  });
  const m = bundle.meta;
  return { base: { revision: m.revision, index, source: { keyVersion: m.keyVersion, databaseId: m.databaseId, maxTermId: m.maxTermId } }, snapshot, rebuilt };
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

/** The same in steps (reading the file, then the snapshot and the patterns a slice at a time). */
export function* loadCheckBaseSteps(store: Store, file: string | undefined = indexFilePath(store, CHECK_INDEX_NAME)): Generator<void, CheckBase | undefined> {
  if (!file) return undefined;
  try {
    const bundle = readBundle<CheckIndexMeta>(file, CHECK_BUNDLE_KIND);
    if (!bundle || !belongsTo(bundle.meta, store)) return undefined;
    yield;
    const { base, snapshot, rebuilt } = yield* baseOfBundleSteps(bundle);
    if (rebuilt) writeBundle(file, checkBundle(base, snapshot));
    return base;
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
  const snapshot = readSnapshot(store);
  const base: CheckBase = { revision: snapshot.revision, index: indexOfSnapshot(snapshot, checkData()), source: sourceOf(store, snapshot) };
  const bundle = checkBundle(base, snapshot);
  if (file) writeBundle(file, bundle);
  return { value: bundle, transfer: transferList(bundle) };
}

async function buildCheckBaseInWorker(store: Store): Promise<CheckBase> {
  const input: CheckWorkerInput = { dbPath: store.db.name, file: indexFilePath(store, CHECK_INDEX_NAME) };
  const bundle = await runWorker<Bundle<CheckIndexMeta>>(workerUrl('./index-worker.js', import.meta.url), input);
  // The automaton arrives built; the patterns and concepts (JavaScript objects, which cannot be
  // transferred) are made again here from the snapshot, a slice per turn of the event loop.
  const steps = baseOfBundleSteps(bundle);
  for (;;) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const r = steps.next();
    if (r.done) return r.value.base;
  }
}

// ---------------------------------------------------------------- the overlay

/** A base's scanner with some patterns hidden, and a small automaton for new keys after it. */
class OverlayScanner implements TermScanner {
  constructor(
    private readonly base: TermScanner,
    private readonly hidden: Uint8Array | null,
    private readonly extra: Automaton | null,
    private readonly offset: number,
  ) {}

  get stats() {
    return this.base.stats;
  }

  scan(text: string, onMatch: MatchSink): void {
    const hidden = this.hidden;
    const visible: MatchSink = (p, start, end) => {
      if (hidden![p] === 0) onMatch(p, start, end);
    };
    this.base.scan(text, hidden ? visible : onMatch);
    if (this.extra) {
      const offset = this.offset;
      this.extra.scan(text, (p, start, end) => onMatch(p + offset, start, end));
    }
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

/** A view: patterns by key come from the patched keys first, then from the base. */
class OverlayTermIndex extends TermIndex {
  constructor(
    base: TermIndex,
    automaton: TermScanner,
    patterns: PatternInfo[],
    concepts: ReadonlyMap<number, IndexedConcept>,
    nearMiss: NearMissIndex,
    readonly baseIndex: TermIndex,
    /** Keys whose pattern the overlay changed: the new pattern, or null when it names no term now. */
    private readonly changedKeys: ReadonlyMap<string, PatternInfo | null>,
  ) {
    super(automaton, patterns, concepts, nearMiss, base.data, {
      ...base.stats,
      patterns: patterns.length,
      concepts: concepts.size,
    });
  }

  override patternByKey(key: string): PatternInfo | undefined {
    if (this.changedKeys.has(key)) return this.changedKeys.get(key) ?? undefined;
    return this.baseIndex.patternByKey(key);
  }
}

/** What a view keeps of the changed concepts to build the next view on the same base. */
interface ChangedState {
  terms: Map<number, Term[]>;
  concepts: Map<number, Concept>;
}

const overlayState = new WeakMap<TermIndex, ChangedState>();

/** The id of the base pattern whose key is exactly `key` (found by scanning the key itself). */
function patternIdOf(base: TermIndex, key: string): number | undefined {
  let id: number | undefined;
  base.automaton.scan(key, (p, start, end) => {
    if (start === 0 && end === key.length && base.patterns[p]?.key === key) id = p;
  });
  return id;
}

/**
 * The base's near-miss index with the changed concepts' names as they are now: a fork (the base
 * stays as it is for the views that share it), their base terms removed, their current ones added.
 */
function patchNearMiss(base: TermIndex, changed: ReadonlySet<number>, current: ReadonlyMap<number, IndexedConcept>): NearMissIndex {
  const nearMiss = base.nearMiss.fork();
  for (const id of changed) for (const t of base.concept(id)?.terms ?? []) nearMiss.remove(t.id);
  for (const concept of current.values()) for (const t of concept.terms) nearMiss.add(t, concept);
  return nearMiss;
}

function checkView(store: Store, base: CheckBase, changed: ReadonlySet<number>, delta: readonly number[], previous: TermIndex | undefined): TermIndex {
  if (changed.size === 0) return base.index;
  const index = base.index;
  const prior = previous ? overlayState.get(previous) : undefined;
  const reuse = prior !== undefined && previous instanceof OverlayTermIndex && previous.baseIndex === index;
  const read = reuse ? delta : [...changed];
  const state: ChangedState = reuse ? { terms: new Map(prior.terms), concepts: new Map(prior.concepts) } : { terms: new Map(), concepts: new Map() };
  for (const id of read) {
    state.terms.delete(id);
    state.concepts.delete(id);
  }
  for (const [id, c] of store.conceptRecords(read)) state.concepts.set(id, c);
  for (const t of store.termsOfConcepts(read)) {
    const list = state.terms.get(t.conceptId);
    if (list) list.push(t);
    else state.terms.set(t.conceptId, [t]);
  }

  // The changed concepts indexed alone, the same way a full build indexes every concept.
  const terms = [...state.terms.values()].flat().sort((a, b) => a.id - b.id);
  const fresh = indexTerms(terms, (id) => state.concepts.get(id));
  const data = index.data;

  // Every key the changed concepts had in the base or have now gets its pattern again.
  const keys = new Set<string>(fresh.byKey.keys());
  for (const id of changed) for (const t of index.concept(id)?.terms ?? []) if (t.key) keys.add(titleInner(t.key));
  const blocking = new Set(data.blockingWords);
  const patterns = index.patterns.slice();
  const hidden = new Uint8Array(index.patterns.length);
  let anyHidden = false;
  const newKeys: string[] = [];
  const changedKeys = new Map<string, PatternInfo | null>();
  for (const key of keys) {
    const id = patternIdOf(index, key);
    const kept = id === undefined ? [] : index.patterns[id].terms.filter((t) => !changed.has(t.conceptId));
    const merged = [...kept, ...(fresh.byKey.get(key) ?? [])].sort((a, b) => a.id - b.id);
    if (merged.length > 0) {
      const [info] = buildPatterns(new Map([[key, merged]]), []);
      changedKeys.set(key, info);
      if (id === undefined) {
        newKeys.push(key);
        patterns.push(info);
      } else patterns[id] = info;
      continue;
    }
    changedKeys.set(key, null);
    if (id === undefined) continue;
    if (blocking.has(key)) patterns[id] = buildPatterns(new Map(), [key])[0];
    else {
      hidden[id] = 1;
      anyHidden = true;
    }
  }
  const extra = newKeys.length > 0 ? new Automaton(newKeys) : null;
  const automaton = new OverlayScanner(index.automaton, anyHidden ? hidden : null, extra, index.patterns.length);
  const concepts = new OverlayConcepts(index.concepts, changed, fresh.concepts);
  const nearMiss = patchNearMiss(index, changed, fresh.concepts);
  const view = new OverlayTermIndex(index, automaton, patterns, concepts, nearMiss, index, changedKeys);
  overlayState.set(view, state);
  return view;
}

// ---------------------------------------------------------------- the live index of a store

const spec: LiveIndexSpec<CheckBase, TermIndex> = {
  name: 'checker',
  build: (store) => {
    const snapshot = readSnapshot(store);
    const base: CheckBase = { revision: snapshot.revision, index: indexOfSnapshot(snapshot, checkData()), source: sourceOf(store, snapshot) };
    lastSnapshot.set(base, snapshot);
    return base;
  },
  load: (store) => loadCheckBase(store),
  loadSteps: (store) => loadCheckBaseSteps(store),
  save(store, base) {
    const file = indexFilePath(store, CHECK_INDEX_NAME);
    const snapshot = lastSnapshot.get(base);
    if (file && snapshot) writeBundle(file, checkBundle(base, snapshot));
  },
  buildInBackground: buildCheckBaseInWorker,
  view: checkView,
};

/** The snapshot a base built on this thread came from, until it is saved. */
const lastSnapshot = new WeakMap<CheckBase, TermSnapshot>();

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
