// The lookup index as a bundle (src/io/bundle.ts): every typed array of the index as it is, the
// string columns packed. A worker thread hands a rebuilt index to the main thread this way
// (transferred, not copied), and the index is persisted in a file beside the database so that a
// one-off command or a restarted server reads it in a fraction of the time a build takes.
//
// The description says which database and revision the index was built from; lookup-index.ts
// decides whether a file can be used (same database, same key normalisation, a revision the
// change log can bring up to date).
import { type Bundle, BundleError, RowColumn, type TypedArray, getArray, getPackedStrings, getStrings, putColumn, putStrings } from '../io/bundle.js';
import { runSteps } from '../store/live-index.js';
import { Postings } from './postings.js';
import { StringIds } from './postings.js';
import { type TermIndex, newScratch } from './term-index.js';

export const LOOKUP_BUNDLE_KIND = 'termdesk-lookup-index';
/** Bumped whenever the layout of TermIndex changes: an older file is rebuilt, not misread. */
export const LOOKUP_FORMAT = 1;

export interface LookupIndexMeta {
  format: number;
  keyVersion: string;
  databaseId: string;
  revision: number;
  size: number;
  /** The highest term id at that revision (a second check that the file belongs to the database). */
  maxTermId: number;
  maxWordWeight: number;
  pinyinSyllableCount: number;
  buildMs: number;
  postings: Record<string, { dense: boolean; size: number }>;
}

const POSTINGS = ['conceptRows', 'exact', 'exactStripped', 'firstChar', 'hanBigrams', 'vocabGrams', 'wordPostings', 'pinyinPairs', 'initialsPrefix'] as const;
type PostingsField = (typeof POSTINGS)[number];

const INT32 = ['termIds', 'conceptIds', 'vocabSorted', 'termWordStart', 'termWords', 'sylStart', 'sylFlat'] as const;
const UINT8 = ['langs', 'types', 'statuses', 'pinyinStrip'] as const;
const UINT16 = ['compactLens', 'stripLens'] as const;
const FLOAT32 = ['wordWeight', 'termWeight'] as const;

/** Where the database stands, recorded with the index (see LookupIndexMeta). */
export interface IndexSource {
  keyVersion: string;
  databaseId: string;
  maxTermId: number;
}

export function termIndexToBundle(ix: TermIndex, source: IndexSource): Bundle<LookupIndexMeta> {
  const arrays: Record<string, TypedArray> = {};
  for (const f of INT32) arrays[f] = ix[f];
  for (const f of UINT8) arrays[f] = ix[f];
  for (const f of UINT16) arrays[f] = ix[f];
  for (const f of FLOAT32) arrays[f] = ix[f];
  const postings: LookupIndexMeta['postings'] = {};
  for (const f of POSTINGS) {
    const p = ix[f].parts();
    postings[f] = { dense: p.dense, size: p.size };
    arrays[`${f}.table`] = p.table;
    if (p.keys) arrays[`${f}.keys`] = p.keys;
    arrays[`${f}.offsets`] = p.offsets;
    arrays[`${f}.rows`] = p.rows;
  }
  const vocabTable = ix.vocabIds.parts();
  arrays['vocabIds.slots'] = vocabTable.slots;
  arrays['vocabIds.codes'] = vocabTable.codes;
  const keys: string[] = [];
  for (let r = 0; r < ix.size; r++) keys.push(ix.keys.at(r)!);
  putStrings(arrays, 'keys', keys);
  // Most texts and compact keys equal the key: only the others are stored.
  const texts: Array<string | undefined> = [];
  const compacts: Array<string | undefined> = [];
  for (let r = 0; r < ix.size; r++) {
    const t = ix.texts.at(r);
    texts.push(t === keys[r] ? undefined : t);
    const c = ix.compacts.at(r);
    compacts.push(c === keys[r] ? undefined : c);
  }
  putStrings(arrays, 'texts', texts);
  putStrings(arrays, 'compacts', compacts);
  putStrings(arrays, 'vocab', ix.vocab);
  putStrings(arrays, 'syllables', ix.syllables);
  putColumn(arrays, 'pinyinCompact', ix.pinyinCompact);
  putColumn(arrays, 'initials', ix.initials);
  return {
    kind: LOOKUP_BUNDLE_KIND,
    meta: {
      format: LOOKUP_FORMAT,
      ...source,
      revision: ix.revision,
      size: ix.size,
      maxWordWeight: ix.maxWordWeight,
      pinyinSyllableCount: ix.pinyinSyllableCount,
      buildMs: ix.buildMs,
      postings,
    },
    arrays,
  };
}

/**
 * The index back from a bundle, in steps: the caller may yield to the event loop between them
 * (the typed arrays, the small string columns; each a few milliseconds at 100,000 concepts).
 * Throws BundleError when the bundle does not hold a whole index.
 */
export function* termIndexFromBundleSteps(bundle: Bundle<LookupIndexMeta>, options: { decodeKeys?: boolean } = {}): Generator<void, TermIndex> {
  const { meta, arrays } = bundle;
  if (meta.format !== LOOKUP_FORMAT) throw new BundleError(`lookup index format ${meta.format}, expected ${LOOKUP_FORMAT}`);
  const size = meta.size;
  const perRow = (name: string, ctor: new (n: number) => TypedArray, length: number) => getArray(arrays, name, ctor, length);
  const postings = {} as Record<PostingsField, Postings>;
  try {
    for (const f of POSTINGS) {
      const p = meta.postings[f];
      if (!p) throw new BundleError(`posting lists ${f} are missing`);
      postings[f] = Postings.fromParts({
        dense: p.dense,
        size: p.size,
        table: getArray(arrays, `${f}.table`, Int32Array),
        keys: p.dense ? null : getArray(arrays, `${f}.keys`, Int32Array),
        offsets: getArray(arrays, `${f}.offsets`, Int32Array),
        rows: getArray(arrays, `${f}.rows`, Int32Array),
      });
    }
  } catch (err) {
    throw err instanceof BundleError ? err : new BundleError((err as Error).message);
  }
  yield;
  // The string columns are decoded row by row as queries reach them (RowColumn): keys for
  // matching, texts for the results shown, the reading columns for pinyin queries.
  const keys = new RowColumn(getPackedStrings(arrays, 'keys'));
  if (keys.length !== size || keys.hasMissing()) throw new BundleError('the key column does not match the index');
  const texts = new RowColumn(getPackedStrings(arrays, 'texts'), keys);
  const compacts = new RowColumn(getPackedStrings(arrays, 'compacts'), keys);
  if (options.decodeKeys) {
    // A server reads most keys sooner or later: decoded here, between requests, rather than a
    // few thousand at a time by the first queries that reach them.
    yield;
    keys.decodeAll();
    yield;
    compacts.decodeAll();
  }
  yield;
  const vocab = getStrings(arrays, 'vocab') as string[];
  const syllables = getStrings(arrays, 'syllables') as string[];
  const pinyinCompact = new RowColumn(getPackedStrings(arrays, 'pinyinCompact'));
  const initials = new RowColumn(getPackedStrings(arrays, 'initials'));
  if (texts.length !== size || compacts.length !== size || pinyinCompact.length !== size || initials.length !== size) {
    throw new BundleError('a string column does not match the index');
  }
  yield;
  const vocabIds = StringIds.fromParts(vocab, getArray(arrays, 'vocabIds.slots', Int32Array), getArray(arrays, 'vocabIds.codes', Int32Array));
  const syllableIds = new Map<string, number>();
  syllables.forEach((s, i) => syllableIds.set(s, i));
  const termWordStart = perRow('termWordStart', Int32Array, size + 1) as Int32Array;
  const sylStart = perRow('sylStart', Int32Array, size + 1) as Int32Array;
  const termWords = getArray(arrays, 'termWords', Int32Array, termWordStart[size]);
  const sylFlat = getArray(arrays, 'sylFlat', Int32Array, sylStart[size]);
  return {
    revision: meta.revision,
    size,
    termIds: perRow('termIds', Int32Array, size) as Int32Array,
    conceptIds: perRow('conceptIds', Int32Array, size) as Int32Array,
    langs: perRow('langs', Uint8Array, size) as Uint8Array,
    types: perRow('types', Uint8Array, size) as Uint8Array,
    statuses: perRow('statuses', Uint8Array, size) as Uint8Array,
    texts,
    keys,
    compacts,
    compactLens: perRow('compactLens', Uint16Array, size) as Uint16Array,
    stripLens: perRow('stripLens', Uint16Array, size) as Uint16Array,
    ...postings,
    vocab,
    vocabIds,
    vocabSorted: getArray(arrays, 'vocabSorted', Int32Array, vocab.length),
    wordWeight: getArray(arrays, 'wordWeight', Float32Array, vocab.length),
    termWordStart,
    termWords,
    termWeight: perRow('termWeight', Float32Array, size) as Float32Array,
    maxWordWeight: meta.maxWordWeight,
    sylStart,
    sylFlat,
    syllables,
    pinyinSyllableCount: meta.pinyinSyllableCount,
    pinyinCompact,
    initials,
    pinyinStrip: perRow('pinyinStrip', Uint8Array, size) as Uint8Array,
    syllableIds,
    scratch: newScratch(size, vocab.length),
    buildMs: meta.buildMs,
  };
}

/** The same, all at once. */
export function termIndexFromBundle(bundle: Bundle<LookupIndexMeta>, options: { decodeKeys?: boolean } = {}): TermIndex {
  return runSteps(termIndexFromBundleSteps(bundle, options));
}
