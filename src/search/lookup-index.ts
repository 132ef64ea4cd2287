// The lookup index kept live (the lifecycle is src/store/live-index.ts): a base index (persisted
// beside the database, rebuilt in a worker in the server) and an overlay holding the current terms
// of the concepts changed since the base was built. lookup() searches both: the overlay's rows
// stand for their concepts, the base rows of those concepts are superseded.
import { KEY_VERSION } from '../domain/normalize.js';
import type { Term } from '../domain/types.js';
import { BundleError, readBundle, transferList, writeBundle } from '../io/bundle.js';
import { runWorker, workerUrl } from '../io/worker.js';
import { type LiveIndex, type LiveIndexSpec, indexFilePath, liveIndexOf, liveIndexOptions } from '../store/live-index.js';
import type { Store } from '../store/repository.js';
import { type IndexSource, LOOKUP_BUNDLE_KIND, type LookupIndexMeta, termIndexFromBundle, termIndexFromBundleSteps, termIndexToBundle } from './index-file.js';
import { termPinyin } from './pinyin.js';
import { type TermIndex, buildTermIndex } from './term-index.js';
import type { Bundle } from '../io/bundle.js';

/** A full build and what it was built from. */
export interface LookupBase {
  revision: number;
  index: TermIndex;
  source: IndexSource;
}

/** What lookup searches. */
export interface LookupView {
  base: TermIndex;
  /** The current terms of the concepts changed since the base was built (null when none). */
  overlay: TermIndex | null;
  /** 1 for the base rows of those concepts (the overlay answers for them). */
  superseded: Uint8Array | null;
  /** The terms in the overlay, by concept (kept to rebuild the overlay when a few more change). */
  overlayTerms: Map<number, Term[]>;
  /** Base words by how many of their rows are superseded. */
  supersededWords: Map<number, number>;
}

/** Whether every base row with this word is superseded (the word is gone unless the overlay has it). */
export function deadBaseWord(view: LookupView, vocabId: number): boolean {
  const n = view.supersededWords.get(vocabId);
  return n !== undefined && n >= view.base.wordPostings.count(vocabId);
}

/** Whether a word is a word of some live term of the view. */
export function knownWord(view: LookupView, word: string): boolean {
  const id = view.base.vocabIds.get(word);
  if (id !== undefined && !deadBaseWord(view, id)) return true;
  return view.overlay?.vocabIds.get(word) !== undefined;
}

export const LOOKUP_INDEX_NAME = 'lookup';

/** Builds a base from the store: the revision first, then the terms (a later change is logged after it and applied on top). */
export function buildLookupBase(store: Store, previous?: TermIndex): LookupBase {
  const revision = store.termRevision();
  let maxTermId = 0;
  function* withMaxId(): Generator<Term> {
    for (const t of store.iterateTerms()) {
      if (t.id > maxTermId) maxTermId = t.id;
      yield t;
    }
  }
  const index = buildTermIndex(withMaxId(), revision, previous);
  return { revision, index, source: { keyVersion: KEY_VERSION, databaseId: store.databaseId(), maxTermId } };
}

/**
 * The persisted base, if it belongs to this database and the revision log can bring it up to date,
 * in steps (reading the file, then a string column or the typed arrays at a time). A
 * server (background builds configured) decodes the key columns as it loads; a one-off command
 * decodes only the rows its query reaches.
 */
export function* loadLookupBaseSteps(store: Store, file: string | undefined = indexFilePath(store, LOOKUP_INDEX_NAME)): Generator<void, LookupBase | undefined> {
  if (!file) return undefined;
  try {
    const bundle = readBundle<LookupIndexMeta>(file, LOOKUP_BUNDLE_KIND);
    if (!bundle || !belongsTo(bundle.meta, store)) return undefined;
    yield;
    return baseFromBundle(bundle, yield* termIndexFromBundleSteps(bundle, { decodeKeys: liveIndexOptions(store).background }));
  } catch (err) {
    if (!(err instanceof BundleError)) throw err;
    process.stderr.write(`termdesk: ${err.message}; rebuilding the lookup index\n`);
    return undefined;
  }
}

function baseFromBundle(bundle: Bundle<LookupIndexMeta>, index: TermIndex): LookupBase {
  const m = bundle.meta;
  return { revision: m.revision, index, source: { keyVersion: m.keyVersion, databaseId: m.databaseId, maxTermId: m.maxTermId } };
}

/** Whether a persisted index was built from this database, with today's keys, at a revision it has reached. */
function belongsTo(m: LookupIndexMeta, store: Store): boolean {
  if (m.keyVersion !== KEY_VERSION || m.databaseId !== store.databaseId()) return false;
  const revision = store.termRevision();
  if (m.revision > revision) return false;
  return m.revision < revision || store.maxTermId() === m.maxTermId;
}

export function saveLookupBase(file: string, base: LookupBase): void {
  writeBundle(file, termIndexToBundle(base.index, base.source));
}

/** What the worker (index-worker.ts) is given. */
export interface LookupWorkerInput {
  dbPath: string;
  file: string | undefined;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function buildLookupBaseInWorker(store: Store): Promise<LookupBase> {
  const input: LookupWorkerInput = { dbPath: store.db.name, file: indexFilePath(store, LOOKUP_INDEX_NAME) };
  const bundle = await runWorker<Bundle<LookupIndexMeta>>(workerUrl('./index-worker.js', import.meta.url), input);
  // Unpacking the strings takes tens of milliseconds at 100,000 concepts: one column per turn of
  // the event loop, so requests in between are not held up.
  const steps = termIndexFromBundleSteps(bundle, { decodeKeys: true });
  for (;;) {
    const r = steps.next();
    if (r.done) return baseFromBundle(bundle, r.value);
    await nextTurn();
  }
}

/** The worker's job: build, persist, hand the bundle over. */
export function lookupWorkerJob(store: Store, file: string | undefined): { value: Bundle<LookupIndexMeta>; transfer: ArrayBuffer[] } {
  // The previous file (any revision of this database) lends its pinyin readings.
  let previous: TermIndex | undefined;
  try {
    const old = file ? readBundle<LookupIndexMeta>(file, LOOKUP_BUNDLE_KIND) : undefined;
    if (old && old.meta.databaseId === store.databaseId() && old.meta.keyVersion === KEY_VERSION) previous = termIndexFromBundle(old);
  } catch {
    previous = undefined;
  }
  const base = buildLookupBase(store, previous);
  const bundle = termIndexToBundle(base.index, base.source);
  if (file) writeBundle(file, bundle);
  return { value: bundle, transfer: transferList(bundle) };
}

function lookupView(store: Store, base: LookupBase, changed: ReadonlySet<number>, delta: readonly number[], previous: LookupView | undefined): LookupView {
  if (changed.size === 0) return { base: base.index, overlay: null, superseded: null, overlayTerms: new Map(), supersededWords: new Map() };
  const reuse = previous !== undefined && previous.base === base.index;
  const read = reuse ? delta : [...changed];
  const overlayTerms = reuse ? new Map(previous.overlayTerms) : new Map<number, Term[]>();
  const ix = base.index;
  // The previous view's arrays are shared, never changed: copied only when more base rows are
  // superseded (the first change to a concept; a concept edited again supersedes nothing new).
  let superseded = reuse ? previous.superseded : null;
  let supersededWords = reuse ? previous.supersededWords : new Map<number, number>();
  let copied = false;
  for (const id of read) {
    overlayTerms.delete(id);
    for (const r of ix.conceptRows.get(id) ?? []) {
      if (superseded?.[r]) continue;
      if (!copied) {
        superseded = superseded ? superseded.slice() : new Uint8Array(ix.size);
        supersededWords = new Map(supersededWords);
        copied = true;
      }
      superseded![r] = 1;
      const words = new Set(ix.termWords.subarray(ix.termWordStart[r], ix.termWordStart[r + 1]));
      for (const v of words) supersededWords.set(v, (supersededWords.get(v) ?? 0) + 1);
    }
  }
  for (const t of store.termsOfConcepts(read)) {
    const list = overlayTerms.get(t.conceptId);
    if (list) list.push(t);
    else overlayTerms.set(t.conceptId, [t]);
  }
  const terms = [...overlayTerms.values()].flat().sort((a, b) => a.id - b.id);
  const overlay = buildTermIndex(terms, base.revision, reuse ? (previous.overlay ?? undefined) : undefined, { weightsFrom: base.index });
  return { base: base.index, overlay, superseded, overlayTerms, supersededWords };
}

const spec: LiveIndexSpec<LookupBase, LookupView> = {
  name: 'lookup',
  build: (store) => buildLookupBase(store),
  load: (store) => loadLookupBaseSteps(store),
  save(store, base) {
    const file = indexFilePath(store, LOOKUP_INDEX_NAME);
    if (file) saveLookupBase(file, base);
  },
  buildInBackground: buildLookupBaseInWorker,
  view: lookupView,
};

/**
 * Loads what indexing a changed term needs (the pinyin reader: a dictionary that takes a tenth of a
 * second or more to load), so that the first write a server takes does not hold up the lookups
 * behind it. A one-off command never calls this: it reads no term unless the store changed.
 */
export function prepareForChanges(): void {
  termPinyin('联合国');
}

/** The store's live lookup index. */
export function liveLookupIndex(store: Store): LiveIndex<LookupBase, LookupView> {
  return liveIndexOf(store, spec);
}
