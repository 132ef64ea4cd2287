// The rerank: one candidate term against the query, giving the kind of match, a score and the
// matched span. Kinds are tried from best to worst and the first that fits is the answer, so the
// order exact > alias > prefix > substring > pinyin > fuzzy holds by construction: each kind has
// its own score band and the quality of the match places it inside the band.
import type { AnalysedQuery } from './query.js';
import { boundedEditDistance, lcsAlignment, positionsToRanges } from './similarity.js';
import { FUNCTION_WORD_WEIGHT, type TermIndex } from './term-index.js';
import { isHanCodeUnit } from './text.js';
import { englishFunctionWords } from './data.js';

export type MatchKind = 'exact' | 'alias' | 'prefix' | 'substring' | 'pinyin' | 'fuzzy';

/** Score range of each kind; bands do not overlap and leave room for the review-status bonus. */
export const BANDS: Record<MatchKind, readonly [number, number]> = {
  exact: [0.97, 0.995],
  alias: [0.9, 0.96],
  prefix: [0.75, 0.89],
  substring: [0.6, 0.74],
  pinyin: [0.45, 0.59],
  fuzzy: [0.1, 0.44],
};

/** Added to the score of an approved concept (below the gap between two bands). */
export const APPROVED_BONUS = 0.005;

/** Below this similarity a fuzzy candidate is dropped. */
export const MIN_FUZZY = 0.45;

export interface TermMatch {
  row: number;
  kind: MatchKind;
  score: number;
  /** Matched ranges, in the row's compact key or in its key (see `space`). */
  spans: Array<[number, number]>;
  /** compact: units of the compact key; words: ordinals of the key's words (wordTokens). */
  space: 'compact' | 'words';
}

const STATUS_FACTOR = [1, 0.97, 0.9]; // preferred, admitted, deprecated

function band(kind: MatchKind, quality: number): number {
  const [lo, hi] = BANDS[kind];
  return lo + (hi - lo) * Math.max(0, Math.min(1, quality));
}

/** Per-query values the scorer needs for every candidate. */
export interface ScoreContext {
  q: AnalysedQuery;
  /** Weight of each query word (rarity in the index; function words scaled down). */
  wordWeights: number[];
  /** wordSimilarity(query word i, vocabulary word v), remembered for the query. */
  similarity(i: number, vocabId: number): number;
}

/** `wordWeights`: the query words' weights from another index (an overlay scores with its base's). */
export function scoreContext(ix: TermIndex, q: AnalysedQuery, wordWeights?: number[]): ScoreContext {
  return { q, wordWeights: wordWeights ?? queryWordWeights(ix, q), similarity: similarityMemo(ix, q) };
}

function queryWordWeights(ix: TermIndex, q: AnalysedQuery): number[] {
  const maxWeight = ix.maxWordWeight;
  const fn = englishFunctionWords();
  return q.words.map((w) => {
    const id = ix.vocabIds.get(w.text);
    if (id !== undefined) return ix.wordWeight[id];
    // An unknown word (a typo) weighs as much as the rarest known word.
    return fn.has(w.text) ? maxWeight * FUNCTION_WORD_WEIGHT : maxWeight;
  });
}

/** wordSimilarity(query word i, vocabulary word v), remembered for the query. */
function similarityMemo(ix: TermIndex, q: AnalysedQuery): ScoreContext['similarity'] {
  const memo = q.words.map(() => new Map<number, number>());
  return (i: number, v: number) => {
    let s = memo[i].get(v);
    if (s === undefined) {
      s = wordSimilarity(q.words[i].text, ix.vocab[v]);
      memo[i].set(v, s);
    }
    return s;
  };
}

/** Scores one row; null when it does not match well enough. */
export function scoreRow(ix: TermIndex, ctx: ScoreContext, row: number): TermMatch | null {
  const q = ctx.q;
  const tc = ix.compacts.at(row)!;
  const ts = ix.stripLens[row];
  const statusCode = ix.statuses[row];
  const status = STATUS_FACTOR[statusCode];
  // The query and the term, each with and without its optional leading 联合国 / United Nations.
  const qv: Array<[string, number]> = [[q.compact, 1]];
  if (q.stripLen > 0) qv.push([q.compact.slice(q.stripLen), 0.9]);
  const tv: Array<[string, number, number]> = [[tc, 0, 1]];
  if (ts > 0) tv.push([tc.slice(ts), ts, 0.9]);

  for (const [qs, qf] of qv) {
    for (const [t, offset, tf] of tv) {
      if (qs !== t) continue;
      const kind: MatchKind = statusCode === 0 ? 'exact' : 'alias';
      const quality = qf * tf * (statusCode === 2 ? 0.85 : 1);
      return { row, kind, score: band(kind, quality), spans: [[offset, tc.length]], space: 'compact' };
    }
  }

  // prefix
  let best: TermMatch | null = null;
  const consider = (m: TermMatch) => {
    if (!best || m.score > best.score) best = m;
  };
  for (const [qs, qf] of qv) {
    for (const [t, offset, tf] of tv) {
      if (qs.length === 0 || !t.startsWith(qs)) continue;
      const quality = qf * tf * status * (qs.length / t.length);
      consider({ row, kind: 'prefix', score: band('prefix', quality), spans: [[offset, offset + qs.length]], space: 'compact' });
    }
  }
  if (best) return best;

  // substring (two Chinese characters or three Latin letters at least)
  for (const [qs, qf] of qv) {
    if (qs.length < (q.hasHan ? 2 : 3)) continue;
    const at = tc.indexOf(qs);
    if (at < 0) continue;
    const wordStart = q.hasHan || wordStartsAt(ix.keys.at(row)!, tc, at);
    const quality = qf * status * (0.8 * (qs.length / tc.length) + (wordStart ? 0.2 : 0));
    consider({ row, kind: 'substring', score: band('substring', quality), spans: [[at, at + qs.length]], space: 'compact' });
  }
  if (best) return best;

  if (q.pinyin && ix.pinyinCompact.at(row) !== undefined) {
    const m = pinyinMatch(ix, q.pinyin.letters, q.pinyin.syllables, row, status);
    if (m) return m;
  }

  if (q.hasHan) return hanFuzzy(ix, q, row, status);
  if (q.words.length > 0 && ix.termWordStart[row + 1] > ix.termWordStart[row]) return wordFuzzy(ix, ctx, row, status);
  return null;
}

/** Whether compact position `at` of a row begins a word of its key. */
function wordStartsAt(key: string, compact: string, at: number): boolean {
  if (key === compact) return at === 0;
  // Walk the key, counting the units that survive in the compact form.
  let c = 0;
  for (let i = 0; i < key.length; i++) {
    const ch = key[i];
    if (/[\s\p{P}\p{S}]/u.test(ch)) continue;
    if (c === at) return i === 0 || !/[\p{L}\p{N}]/u.test(key[i - 1]);
    c++;
  }
  return false;
}

/** Compact start of every syllable of a Chinese row, and its start in the pinyin letters. */
function syllableLayout(ix: TermIndex, row: number): { syl: string[]; compactStart: number[]; letterStart: number[] } {
  const syl: string[] = [];
  for (let k = ix.sylStart[row]; k < ix.sylStart[row + 1]; k++) syl.push(ix.syllables[ix.sylFlat[k]]);
  const tc = ix.compacts.at(row)!;
  const compactStart: number[] = [];
  const letterStart: number[] = [];
  let c = 0;
  let l = 0;
  for (const s of syl) {
    compactStart.push(c);
    letterStart.push(l);
    // A Han character is one syllable; any other run was kept as it is.
    if (c < tc.length && isHanCodeUnit(tc, c)) c += tc.codePointAt(c)! > 0xffff ? 2 : 1;
    else c += s.length;
    l += s.length;
  }
  compactStart.push(tc.length);
  letterStart.push(l);
  return { syl, compactStart, letterStart };
}

/** Syllables as one character each (for the syllable-level alignment). */
function syllableString(ix: TermIndex, syllables: string[]): string {
  let out = '';
  for (const s of syllables) out += String.fromCharCode(0x100 + (ix.syllableIds.get(s) ?? 0xfe00));
  return out;
}

function pinyinMatch(ix: TermIndex, letters: string, querySyllables: string[] | null, row: number, status: number): TermMatch | null {
  const pc = ix.pinyinCompact.at(row)!;
  const ini = ix.initials.at(row)!;
  const strip = ix.pinyinStrip[row];
  const layout = syllableLayout(ix, row);
  const n = layout.syl.length;
  const span = (fromSyl: number, toSyl: number): Array<[number, number]> => [[layout.compactStart[fromSyl], layout.compactStart[toSyl]]];
  /** The syllable that contains letter offset `at` (end exclusive → the syllable of at - 1). */
  const sylOfLetterEnd = (end: number) => {
    let s = 0;
    while (s < n && layout.letterStart[s + 1] < end) s++;
    return s + 1;
  };
  let best: { quality: number; spans: Array<[number, number]> } | null = null;
  const consider = (quality: number, spans: Array<[number, number]>) => {
    if (!best || quality > best.quality) best = { quality, spans };
  };

  // Full readings: whole, without the optional prefix, prefix of either, or from a syllable on.
  const strippedStart = layout.letterStart[strip];
  if (letters === pc) consider(1, span(0, n));
  else if (strip > 0 && letters === pc.slice(strippedStart)) consider(0.95, span(strip, n));
  else {
    for (let s = 0; s < n; s++) {
      const from = layout.letterStart[s];
      if (!pc.startsWith(letters, from)) continue;
      const end = sylOfLetterEnd(from + letters.length);
      const cover = letters.length / (pc.length - (s === strip ? strippedStart : 0));
      const base = s === 0 || s === strip ? 0.5 : 0.2;
      consider(base + 0.4 * cover, span(s, end));
      break;
    }
  }
  // Initials: 贸发会议 = mfhy.
  if (letters.length >= 2) {
    if (letters === ini) consider(0.85, span(0, n));
    else if (strip > 0 && letters === ini.slice(strip)) consider(0.8, span(strip, n));
    else if (letters.length >= 3) {
      if (ini.startsWith(letters)) consider(0.1 + 0.4 * (letters.length / ini.length), span(0, letters.length));
      else if (strip > 0 && ini.startsWith(letters, strip)) consider(0.1 + 0.4 * (letters.length / (ini.length - strip)), span(strip, strip + letters.length));
    }
  }
  // Full readings with a syllable left out or added (maoyi fazhan huiyi for 贸易和发展会议).
  if (!best && querySyllables && querySyllables.length >= 3) {
    const a = lcsAlignment(syllableString(ix, querySyllables), syllableString(ix, layout.syl));
    const qCover = a.length / querySyllables.length;
    if (qCover >= 0.75) {
      const tCover = a.length / (n - strip);
      const ranges = positionsToRanges(a.matchedInB).map(([x, y]) => [layout.compactStart[x], layout.compactStart[y]] as [number, number]);
      consider(0.3 * (0.7 * qCover + 0.3 * Math.min(1, tCover)), ranges);
    }
  }
  if (!best) return null;
  const b = best as { quality: number; spans: Array<[number, number]> };
  return { row, kind: 'pinyin', score: band('pinyin', b.quality * status), spans: b.spans, space: 'compact' };
}

/** A Chinese query with a missing, extra or wrong character: longest common subsequence. */
function hanFuzzy(ix: TermIndex, q: AnalysedQuery, row: number, status: number): TermMatch | null {
  const tc = ix.compacts.at(row)!;
  const a = lcsAlignment(q.compact, tc);
  const qCover = a.length / q.compact.length;
  if (qCover < 0.6 || a.length < 2) return null;
  // The optional prefix the query left out does not count against the term.
  const ts = ix.stripLens[row];
  const termLen = ts > 0 && q.stripLen === 0 && !q.compact.startsWith(tc.slice(0, ts)) ? tc.length - ts : tc.length;
  const tCover = Math.min(1, a.length / termLen);
  const similarity = (0.7 * qCover + 0.3 * tCover) * (1 - 0.05 * Math.max(0, a.runs - 1));
  if (similarity < MIN_FUZZY) return null;
  return { row, kind: 'fuzzy', score: band('fuzzy', similarity * status), spans: positionsToRanges(a.matchedInB), space: 'compact' };
}

/** Typing mistakes forgiven in a word of this length (none below four letters: acronyms). */
export function maxTypos(length: number): number {
  return length < 4 ? 0 : length <= 7 ? 1 : 2;
}

/** Similarity of a query word to a term word: equal, typed so far, a typo, or inside it. */
export function wordSimilarity(q: string, t: string): number {
  if (q === t) return 1;
  if (q.length >= 2 && t.startsWith(q)) return 0.7 + 0.25 * (q.length / t.length);
  if (q.length >= 4) {
    const maxEdits = maxTypos(q.length);
    const d = boundedEditDistance(q, t, maxEdits);
    if (d <= maxEdits) return 1 - d / Math.max(q.length, t.length);
    if (t.includes(q)) return 0.55 + 0.25 * (q.length / t.length);
  }
  return 0;
}

/** English words in any order, each with typos or unfinished: weighted word alignment. */
function wordFuzzy(ix: TermIndex, ctx: ScoreContext, row: number, status: number): TermMatch | null {
  const qWords = ctx.q.words;
  const from = ix.termWordStart[row];
  const count = ix.termWordStart[row + 1] - from;
  if (count === 0) return null;
  let used = 0; // bit set of the term's words already matched (names have < 32 words)
  let qTotal = 0;
  let qGot = 0;
  let tGot = 0;
  let lastPos = -1;
  let inOrder = true;
  const matched: number[] = [];
  for (let i = 0; i < qWords.length; i++) {
    const w = ctx.wordWeights[i];
    qTotal += w;
    let bestJ = -1;
    let bestSim = 0;
    for (let j = 0; j < count && j < 31; j++) {
      if (used & (1 << j)) continue;
      const s = ctx.similarity(i, ix.termWords[from + j]);
      if (s > bestSim) {
        bestSim = s;
        bestJ = j;
      }
    }
    if (bestJ < 0 || bestSim < 0.55) continue;
    used |= 1 << bestJ;
    qGot += w * bestSim;
    tGot += ix.wordWeight[ix.termWords[from + bestJ]] * bestSim;
    if (bestJ < lastPos) inOrder = false;
    lastPos = bestJ;
    matched.push(bestJ);
  }
  if (qTotal === 0 || matched.length === 0) return null;
  const qCover = qGot / qTotal;
  if (qCover < 0.5) return null;
  const tTotal = ix.termWeight[row];
  const tCover = tTotal > 0 ? tGot / tTotal : 0;
  const similarity = (0.7 * qCover + 0.3 * tCover) * (inOrder ? 1 : 0.96);
  if (similarity < MIN_FUZZY) return null;
  matched.sort((a, b) => a - b);
  // Spans hold word ordinals; highlightRanges() turns them into positions for the few results shown.
  return { row, kind: 'fuzzy', score: band('fuzzy', similarity * status), spans: matched.map((j) => [j, j + 1]), space: 'words' };
}
