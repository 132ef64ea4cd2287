// The in-memory lookup index, built from store.iterateTerms() and rebuilt when the store's term
// revision moves. Every term is a row in parallel typed arrays; the postings below point at rows.
//
//   exact            compact key → rows (and the key without a leading 联合国 / United Nations)
//   hanBigrams       two adjacent characters of a Chinese key → rows   (鸿沟, 电信联盟, typos)
//   firstChar        first character → rows                             (one-character queries)
//   words            English word → rows, plus the word list sorted and by trigram, so a query
//                    word reaches its typo, prefix and in-word variants ("untied" → "united")
//   pinyinPairs      two adjacent syllables of a Chinese term's reading → rows   (maoyi fazhan)
//   initialsPrefix   first three pinyin initials → rows                           (mfhy)
//
// Memory is kept flat (typed arrays, numeric Map keys) because the index must hold 100,000
// concepts in well under the memory of a small server.
import { compactKey } from '../domain/normalize.js';
import type { StringColumn } from '../io/bundle.js';
import type { Lang, Term, TermStatus, TermType } from '../domain/types.js';
import { englishFunctionWords, pinyinSyllables } from './data.js';
import { termPinyin } from './pinyin.js';
import { GrowableInt32, type Postings, PostingsBuilder, StringIds, stringCode } from './postings.js';
import { hasHanChar, optionalPrefixLength, words } from './text.js';

export const LANG_CODES: readonly Lang[] = ['zh-Hans', 'zh-Hant', 'en'];
export const STATUS_CODES: readonly TermStatus[] = ['preferred', 'admitted', 'deprecated'];
export const TYPE_CODES: readonly TermType[] = ['fullForm', 'shortForm', 'acronym', 'abbreviation', 'variant'];

/** Weight of an English function word ("of", "the") relative to a content word of the same rarity. */
export const FUNCTION_WORD_WEIGHT = 0.25;

/**
 * Numeric key of a pair of UTF-16 units: a 32-bit integer, so V8 keeps it a small integer and
 * Map lookups stay fast (a Map<number> is much lighter than a Map<string>).
 */
export function bigramCode(s: string, i: number): number {
  return (s.charCodeAt(i) << 16) | s.charCodeAt(i + 1);
}

export interface TermIndex {
  revision: number;
  size: number;
  termIds: Int32Array;
  conceptIds: Int32Array;
  langs: Uint8Array;
  types: Uint8Array;
  statuses: Uint8Array;
  /** The term as written (shown in results; the concept's terms come from the index, fresh by revision). */
  texts: StringColumn;
  /** The search key of each row (an array when built; decoded row by row when loaded from a file). */
  keys: StringColumn;
  /** compactKey(key); the same string object as the key when nothing was removed. */
  compacts: StringColumn;
  /** compacts[r].length, without touching the string (hot loops). */
  compactLens: Uint16Array;
  /** Compact length of an optional leading 联合国 / United Nations (0 when absent). */
  stripLens: Uint16Array;

  /** Concept id → its rows. */
  conceptRows: Postings;
  /** stringCode(compact key) → rows; check compacts[row] (codes may collide). */
  exact: Postings;
  /** stringCode(compact key without the optional prefix) → rows. */
  exactStripped: Postings;
  firstChar: Postings;
  hanBigrams: Postings;

  vocab: string[];
  vocabIds: StringIds;
  /** Vocabulary ids in code-unit order of their words (prefix ranges by binary search). */
  vocabSorted: Int32Array;
  /** Padded trigram ("^un", "uni", …, "ed$"), by stringCode() → vocabulary ids. */
  vocabGrams: Postings;
  /** Vocabulary id → rows. */
  wordPostings: Postings;
  /** Weight of a word: inverse document frequency, function words scaled down. */
  wordWeight: Float32Array;
  /** termWords[termWordStart[r] .. termWordStart[r + 1]) = vocabulary ids of row r, in order. */
  termWordStart: Int32Array;
  termWords: Int32Array;
  /** Sum of the word weights of a row. */
  termWeight: Float32Array;
  /** The largest word weight (an unknown query word, such as a typo, weighs this much). */
  maxWordWeight: number;

  /** Reading of row r: syllable ids sylFlat[sylStart[r] .. sylStart[r + 1]) (empty for non-Chinese rows). */
  sylStart: Int32Array;
  sylFlat: Int32Array;
  /** Syllable id → text. Pinyin syllables first (ids below pinyinSyllableCount), then other runs ("2030"). */
  syllables: string[];
  pinyinSyllableCount: number;
  /** Reading of a Chinese row as letters (undefined for other rows), and its initials. */
  pinyinCompact: StringColumn;
  initials: StringColumn;
  /** Syllables of the optional prefix (联合国 = 3) of a Chinese row. */
  pinyinStrip: Uint8Array;
  pinyinPairs: Postings;
  /** First three initials, by stringCode() → rows. */
  initialsPrefix: Postings;
  /** Syllable text → id. */
  syllableIds: Map<string, number>;

  /** Scratch space for one query at a time (lookup is synchronous). */
  scratch: Scratch;
  /** Build time, for reports. */
  buildMs: number;
}

/** Per-row and per-word counters reused by every query (an epoch number marks what is current). */
export interface Scratch {
  stamp: Int32Array;
  epoch: number;
  /** Rows reached by the current generator (first `touchedCount` entries are valid). */
  touched: Int32Array;
  mark: Int32Array;
  markEpoch: number;
  acc: Float32Array;
  accTerm: Float32Array;
  vocabStamp: Int32Array;
  vocabCount: Int32Array;
  /** Similarity of each vocabulary word to the query word being checked (0 = not a variant). */
  vocabSim: Float32Array;
  vocabEpoch: number;
}

/** Syllable-pair key for pinyinPairs (both must be pinyin syllables). */
export function pairCode(ix: Pick<TermIndex, 'syllableIds' | 'pinyinSyllableCount'>, a: string, b: string): number | undefined {
  const x = ix.syllableIds.get(a);
  const y = ix.syllableIds.get(b);
  return x === undefined || y === undefined || x >= ix.pinyinSyllableCount || y >= ix.pinyinSyllableCount ? undefined : x * 1024 + y;
}

export interface BuildOptions {
  /**
   * Word weights come from this index (an overlay of recent changes scores its rows with the
   * weights of the base it is consulted with, so a term scores the same in either).
   */
  weightsFrom?: TermIndex;
}

/** Fresh per-query counters for an index of `size` rows and `vocabSize` words. */
export function newScratch(size: number, vocabSize: number): Scratch {
  return {
    stamp: new Int32Array(size),
    epoch: 0,
    touched: new Int32Array(size),
    mark: new Int32Array(size),
    markEpoch: 0,
    acc: new Float32Array(size),
    accTerm: new Float32Array(size),
    vocabStamp: new Int32Array(vocabSize),
    vocabCount: new Int32Array(vocabSize),
    vocabSim: new Float32Array(vocabSize),
    vocabEpoch: 0,
  };
}

/**
 * Builds the index. `previous` (the index being replaced) lends its pinyin readings, so a rebuild
 * after one new term does not read every Chinese term again.
 */
export function buildTermIndex(terms: Iterable<Term>, revision: number, previous?: TermIndex, options: BuildOptions = {}): TermIndex {
  const started = performance.now();
  // Rows of the previous index by compact key, to take their readings instead of reading again.
  const reuse = new Map<string, number>();
  if (previous) {
    for (let r = 0; r < previous.size; r++) if (previous.pinyinCompact.at(r) !== undefined) reuse.set(previous.compacts.at(r)!, r);
  }
  const syllables: string[] = previous ? [...previous.syllables] : [];
  const syllableIds = previous ? new Map(previous.syllableIds) : new Map<string, number>();
  if (!previous) {
    for (const s of pinyinSyllables()) {
      const u = s.replace(/v/g, 'u');
      if (!syllableIds.has(u)) {
        syllableIds.set(u, syllables.length);
        syllables.push(u);
      }
    }
  }
  const pinyinSyllableCount = previous ? previous.pinyinSyllableCount : syllables.length;
  const syllableId = (text: string) => {
    let id = syllableIds.get(text);
    if (id === undefined) {
      id = syllables.length;
      syllableIds.set(text, id);
      syllables.push(text);
    }
    return id;
  };
  const sylStart = new GrowableInt32();
  sylStart.push(0);
  const sylFlat = new GrowableInt32();
  const ids: number[] = [];

  const termIds: number[] = [];
  const conceptIds: number[] = [];
  const langs: number[] = [];
  const types: number[] = [];
  const statuses: number[] = [];
  const keys: string[] = [];
  const texts: string[] = [];
  const conceptRows = new PostingsBuilder(true);
  const compacts: string[] = [];
  const stripLens: number[] = [];
  const exact = new PostingsBuilder();
  const exactStripped = new PostingsBuilder();
  const firstChar = new PostingsBuilder(true);
  const hanBigrams = new PostingsBuilder();
  const vocabIds = new StringIds();
  const vocab = vocabIds.strings;
  const wordPostings = new PostingsBuilder(true);
  const termWordStart = new GrowableInt32();
  termWordStart.push(0);
  const termWords = new GrowableInt32();
  const pinyinCompact: Array<string | undefined> = [];
  const initials: Array<string | undefined> = [];
  const pinyinStrip: number[] = [];
  const pinyinPairs = new PostingsBuilder(true);
  const initialsPrefix = new PostingsBuilder();

  let row = 0;
  for (const t of terms) {
    const key = t.key;
    let compact = compactKey(key);
    if (compact === key) compact = key;
    if (!compact) continue;
    termIds.push(t.id);
    conceptIds.push(t.conceptId);
    langs.push(LANG_CODES.indexOf(t.lang));
    types.push(TYPE_CODES.indexOf(t.type));
    statuses.push(STATUS_CODES.indexOf(t.status));
    keys.push(key);
    texts.push(t.text);
    conceptRows.add(t.conceptId, row);
    compacts.push(compact);
    const strip = optionalPrefixLength(key);
    stripLens.push(strip);
    exact.add(stringCode(compact), row);
    if (strip > 0) exactStripped.add(stringCode(compact.slice(strip)), row);
    firstChar.add(compact.charCodeAt(0), row);
    if (strip > 0) firstChar.add(compact.charCodeAt(strip), row);

    if (hasHanChar(compact)) {
      for (let i = 0; i + 1 < compact.length; i++) hanBigrams.add(bigramCode(compact, i), row);
      ids.length = 0;
      let ini: string;
      const from = reuse.get(compact);
      if (previous && from !== undefined) {
        for (let k = previous.sylStart[from]; k < previous.sylStart[from + 1]; k++) ids.push(previous.sylFlat[k]);
        pinyinCompact.push(previous.pinyinCompact.at(from));
        ini = previous.initials.at(from)!;
      } else {
        const syl = termPinyin(compact).syllables;
        for (const x of syl) ids.push(syllableId(x));
        pinyinCompact.push(syl.join(''));
        ini = syl.map((x) => x[0]).join('');
      }
      initials.push(ini);
      for (const id of ids) sylFlat.push(id);
      // The optional prefix is Han (联合国): one syllable per character.
      const sylStrip = strip > 0 && hasHanChar(compact.slice(0, strip)) ? strip : 0;
      pinyinStrip.push(sylStrip);
      for (let i = 0; i + 1 < ids.length; i++) {
        if (ids[i] < pinyinSyllableCount && ids[i + 1] < pinyinSyllableCount) pinyinPairs.add(ids[i] * 1024 + ids[i + 1], row);
      }
      if (ini.length >= 3) initialsPrefix.add(stringCode(ini.slice(0, 3)), row);
      if (sylStrip > 0 && ini.length - sylStrip >= 3) initialsPrefix.add(stringCode(ini.slice(sylStrip, sylStrip + 3)), row);
    } else {
      pinyinCompact.push(undefined);
      initials.push(undefined);
      pinyinStrip.push(0);
    }

    for (const w of words(key)) {
      const id = vocabIds.intern(w);
      termWords.push(id);
      wordPostings.add(id, row);
    }
    termWordStart.push(termWords.length);
    sylStart.push(sylFlat.length);
    row++;
  }

  const size = row;
  const fn = englishFunctionWords();
  const wordStarts = termWordStart.toArray();
  const words_ = termWords.toArray();
  const postings = wordPostings.finish();
  let wordRows = 0;
  for (let r = 0; r < size; r++) if (wordStarts[r + 1] > wordStarts[r]) wordRows++;
  const wordWeight = new Float32Array(vocab.length);
  const from = options.weightsFrom;
  for (let v = 0; v < vocab.length; v++) {
    const known = from?.vocabIds.get(vocab[v]);
    // A word the base does not know weighs what an unknown query word weighs there.
    const idf = !from ? Math.log(1 + wordRows / postings.count(v)) : known !== undefined ? -1 : from.maxWordWeight;
    wordWeight[v] = known !== undefined ? from!.wordWeight[known] : fn.has(vocab[v]) ? idf * FUNCTION_WORD_WEIGHT : idf;
  }
  const termWeight = new Float32Array(size);
  for (let r = 0; r < size; r++) {
    let w = 0;
    for (let k = wordStarts[r]; k < wordStarts[r + 1]; k++) w += wordWeight[words_[k]];
    termWeight[r] = w;
  }
  const vocabGrams = new PostingsBuilder();
  for (let v = 0; v < vocab.length; v++) {
    const padded = `^${vocab[v]}$`;
    for (let i = 0; i + 3 <= padded.length; i++) vocabGrams.add(stringCode(padded.slice(i, i + 3)), v);
  }
  const vocabSorted = Int32Array.from(vocab.keys()).sort((a, b) => (vocab[a] < vocab[b] ? -1 : vocab[a] > vocab[b] ? 1 : 0));

  return {
    revision,
    size,
    termIds: Int32Array.from(termIds),
    conceptIds: Int32Array.from(conceptIds),
    langs: Uint8Array.from(langs),
    types: Uint8Array.from(types),
    statuses: Uint8Array.from(statuses),
    keys,
    texts,
    conceptRows: conceptRows.finish(),
    compacts,
    compactLens: Uint16Array.from(compacts, (c) => Math.min(c.length, 0xffff)),
    stripLens: Uint16Array.from(stripLens),
    exact: exact.finish(),
    exactStripped: exactStripped.finish(),
    firstChar: firstChar.finish(),
    hanBigrams: hanBigrams.finish(),
    vocab,
    vocabIds,
    vocabSorted,
    vocabGrams: vocabGrams.finish(),
    wordPostings: postings,
    wordWeight,
    termWordStart: wordStarts,
    termWords: words_,
    termWeight,
    maxWordWeight: from ? from.maxWordWeight : wordWeight.reduce((m, w) => Math.max(m, w), 1),
    sylStart: sylStart.toArray(),
    sylFlat: sylFlat.toArray(),
    syllables,
    pinyinSyllableCount,
    pinyinCompact,
    initials,
    pinyinStrip: Uint8Array.from(pinyinStrip),
    pinyinPairs: pinyinPairs.finish(),
    initialsPrefix: initialsPrefix.finish(),
    syllableIds,
    scratch: newScratch(size, vocab.length),
    buildMs: performance.now() - started,
  };
}
