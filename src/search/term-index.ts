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
import type { Lang, Term, TermStatus, TermType } from '../domain/types.js';
import { englishFunctionWords, pinyinSyllables } from './data.js';
import { termPinyin } from './pinyin.js';
import { GrowableInt32, Postings, PostingsBuilder } from './postings.js';
import { hasHanChar, optionalPrefixLength, words } from './text.js';

export const LANG_CODES: readonly Lang[] = ['zh-Hans', 'zh-Hant', 'en'];
export const STATUS_CODES: readonly TermStatus[] = ['preferred', 'admitted', 'deprecated'];
export const TYPE_CODES: readonly TermType[] = ['fullForm', 'shortForm', 'acronym', 'abbreviation', 'variant'];

/** Weight of an English function word ("of", "the") relative to a content word of the same rarity. */
export const FUNCTION_WORD_WEIGHT = 0.25;

/** Numeric key of a pair of UTF-16 units (Map<number> is much lighter than Map<string>). */
export function bigramCode(s: string, i: number): number {
  return s.charCodeAt(i) * 65536 + s.charCodeAt(i + 1);
}

export interface TermIndex {
  revision: number;
  size: number;
  termIds: Int32Array;
  conceptIds: Int32Array;
  langs: Uint8Array;
  types: Uint8Array;
  statuses: Uint8Array;
  keys: string[];
  /** compactKey(key); the same string object as keys[i] when nothing was removed. */
  compacts: string[];
  /** Compact length of an optional leading 联合国 / United Nations (0 when absent). */
  stripLens: Uint16Array;

  exact: Map<string, number | number[]>;
  exactStripped: Map<string, number | number[]>;
  firstChar: Postings<number>;
  hanBigrams: Postings<number>;

  vocab: string[];
  vocabIds: Map<string, number>;
  /** Vocabulary ids in code-unit order of their words (prefix ranges by binary search). */
  vocabSorted: Int32Array;
  /** Padded trigram ("^un", "uni", …, "ed$") → vocabulary ids. */
  vocabGrams: Postings<string>;
  /** Vocabulary id → rows. */
  wordPostings: Postings<number>;
  /** Weight of a word: inverse document frequency, function words scaled down. */
  wordWeight: Float32Array;
  /** termWords[termWordStart[r] .. termWordStart[r + 1]) = vocabulary ids of row r, in order. */
  termWordStart: Int32Array;
  termWords: Int32Array;
  /** Sum of the word weights of a row. */
  termWeight: Float32Array;
  /** The largest word weight (an unknown query word, such as a typo, weighs this much). */
  maxWordWeight: number;

  /** Reading of a Chinese row: syllables separated by spaces ("mao yi fa zhan hui yi"). */
  pinyinSpaced: Array<string | undefined>;
  pinyinCompact: Array<string | undefined>;
  initials: Array<string | undefined>;
  /** Syllables of the optional prefix (联合国 = 3) of a Chinese row. */
  pinyinStrip: Uint8Array;
  pinyinPairs: Postings<number>;
  initialsPrefix: Postings<string>;
  /** Syllable → small number for pinyinPairs keys. */
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
  vocabEpoch: number;
}

/** Syllable-pair key for pinyinPairs. */
export function pairCode(ids: Map<string, number>, a: string, b: string): number | undefined {
  const x = ids.get(a);
  const y = ids.get(b);
  return x === undefined || y === undefined ? undefined : x * 1024 + y;
}

/**
 * Builds the index. `previous` (the index being replaced) lends its pinyin readings, so a rebuild
 * after one new term does not read every Chinese term again.
 */
export function buildTermIndex(terms: Iterable<Term>, revision: number, previous?: TermIndex): TermIndex {
  const started = performance.now();
  const reuse = new Map<string, string>();
  if (previous) {
    for (let r = 0; r < previous.size; r++) {
      const p = previous.pinyinSpaced[r];
      if (p !== undefined) reuse.set(previous.compacts[r], p);
    }
  }
  const syllableIds = new Map<string, number>();
  for (const s of pinyinSyllables()) syllableIds.set(s.replace(/v/g, 'u'), syllableIds.size);

  const termIds: number[] = [];
  const conceptIds: number[] = [];
  const langs: number[] = [];
  const types: number[] = [];
  const statuses: number[] = [];
  const keys: string[] = [];
  const compacts: string[] = [];
  const stripLens: number[] = [];
  const exact = new Map<string, number | number[]>();
  const exactStripped = new Map<string, number | number[]>();
  const firstChar = new PostingsBuilder<number>();
  const hanBigrams = new PostingsBuilder<number>();
  const vocab: string[] = [];
  const vocabIds = new Map<string, number>();
  const wordPostings = new PostingsBuilder<number>();
  const termWordStart = new GrowableInt32();
  termWordStart.push(0);
  const termWords = new GrowableInt32();
  const pinyinSpaced: Array<string | undefined> = [];
  const pinyinCompact: Array<string | undefined> = [];
  const initials: Array<string | undefined> = [];
  const pinyinStrip: number[] = [];
  const pinyinPairs = new PostingsBuilder<number>();
  const initialsPrefix = new PostingsBuilder<string>();

  const addExact = (map: Map<string, number | number[]>, key: string, row: number) => {
    const have = map.get(key);
    if (have === undefined) map.set(key, row);
    else if (typeof have === 'number') map.set(key, [have, row]);
    else have.push(row);
  };

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
    compacts.push(compact);
    const strip = optionalPrefixLength(key);
    stripLens.push(strip);
    addExact(exact, compact, row);
    if (strip > 0) addExact(exactStripped, compact.slice(strip), row);
    firstChar.add(compact.charCodeAt(0), row);
    if (strip > 0) firstChar.add(compact.charCodeAt(strip), row);

    if (hasHanChar(compact)) {
      for (let i = 0; i + 1 < compact.length; i++) hanBigrams.add(bigramCode(compact, i), row);
      let spaced = reuse.get(compact);
      if (spaced === undefined) spaced = termPinyin(compact).syllables.join(' ');
      const syl = spaced.split(' ');
      pinyinSpaced.push(spaced);
      pinyinCompact.push(syl.join(''));
      const ini = syl.map((s) => s[0]).join('');
      initials.push(ini);
      // The optional prefix is Han (联合国): one syllable per character.
      const sylStrip = strip > 0 && hasHanChar(compact.slice(0, strip)) ? strip : 0;
      pinyinStrip.push(sylStrip);
      for (let i = 0; i + 1 < syl.length; i++) {
        const code = pairCode(syllableIds, syl[i], syl[i + 1]);
        if (code !== undefined) pinyinPairs.add(code, row);
      }
      if (ini.length >= 3) initialsPrefix.add(ini.slice(0, 3), row);
      if (sylStrip > 0 && ini.length - sylStrip >= 3) initialsPrefix.add(ini.slice(sylStrip, sylStrip + 3), row);
    } else {
      pinyinSpaced.push(undefined);
      pinyinCompact.push(undefined);
      initials.push(undefined);
      pinyinStrip.push(0);
    }

    for (const w of words(key)) {
      let id = vocabIds.get(w);
      if (id === undefined) {
        id = vocab.length;
        vocabIds.set(w, id);
        vocab.push(w);
      }
      termWords.push(id);
      wordPostings.add(id, row);
    }
    termWordStart.push(termWords.length);
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
  for (let v = 0; v < vocab.length; v++) {
    const idf = Math.log(1 + wordRows / postings.count(v));
    wordWeight[v] = fn.has(vocab[v]) ? idf * FUNCTION_WORD_WEIGHT : idf;
  }
  const termWeight = new Float32Array(size);
  for (let r = 0; r < size; r++) {
    let w = 0;
    for (let k = wordStarts[r]; k < wordStarts[r + 1]; k++) w += wordWeight[words_[k]];
    termWeight[r] = w;
  }
  const vocabGrams = new PostingsBuilder<string>();
  for (let v = 0; v < vocab.length; v++) {
    const padded = `^${vocab[v]}$`;
    for (let i = 0; i + 3 <= padded.length; i++) vocabGrams.add(padded.slice(i, i + 3), v);
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
    compacts,
    stripLens: Uint16Array.from(stripLens),
    exact,
    exactStripped,
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
    maxWordWeight: wordWeight.reduce((m, w) => Math.max(m, w), 1),
    pinyinSpaced,
    pinyinCompact,
    initials,
    pinyinStrip: Uint8Array.from(pinyinStrip),
    pinyinPairs: pinyinPairs.finish(),
    initialsPrefix: initialsPrefix.finish(),
    syllableIds,
    scratch: {
      stamp: new Int32Array(size),
      epoch: 0,
      touched: new Int32Array(size),
      mark: new Int32Array(size),
      markEpoch: 0,
      acc: new Float32Array(size),
      accTerm: new Float32Array(size),
      vocabStamp: new Int32Array(vocab.length),
      vocabCount: new Int32Array(vocab.length),
      vocabEpoch: 0,
    },
    buildMs: performance.now() - started,
  };
}

/** Rows of an exact-map entry. */
export function exactRows(value: number | number[] | undefined): readonly number[] {
  return value === undefined ? [] : typeof value === 'number' ? [value] : value;
}
