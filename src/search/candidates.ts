// Candidate generation: which rows of the index are worth scoring for a query. Each generator
// walks postings, gives every row it reaches a cheap coarse score, and keeps the best K; only those
// (plus exact key matches) go to the rerank in score.ts.
//
// Postings are walked rarest first. A very common posting list (the words "united" and "nations",
// the bigram 联合) is only walked while the candidate set is still small; after that it is checked
// against the rows already found instead, which keeps a query over 100,000 concepts in a few
// milliseconds.
import { englishFunctionWords } from './data.js';
import type { AnalysedQuery } from './query.js';
import type { ScoreContext } from './score.js';
import { maxTypos, wordSimilarity } from './score.js';
import { stringCode } from './postings.js';
import { type TermIndex, bigramCode, pairCode } from './term-index.js';

/** Keeps the K rows with the highest coarse score (a binary min-heap on parallel arrays). */
export class TopK {
  private readonly rows: Int32Array;
  private readonly scores: Float32Array;
  private n = 0;
  constructor(readonly k: number) {
    this.rows = new Int32Array(k);
    this.scores = new Float32Array(k);
  }
  add(row: number, score: number): void {
    const { rows, scores } = this;
    if (this.n < this.k) {
      let i = this.n++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (scores[p] <= score) break;
        rows[i] = rows[p];
        scores[i] = scores[p];
        i = p;
      }
      rows[i] = row;
      scores[i] = score;
      return;
    }
    if (score <= scores[0]) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.n) break;
      const r = l + 1;
      const c = r < this.n && scores[r] < scores[l] ? r : l;
      if (scores[c] >= score) break;
      rows[i] = rows[c];
      scores[i] = scores[c];
      i = c;
    }
    rows[i] = row;
    scores[i] = score;
  }
  values(): number[] {
    return Array.from(this.rows.subarray(0, this.n));
  }
}

export interface CandidateOptions {
  /** How many rows each generator passes on to the rerank. */
  k: number;
  /** Rows that may be returned (language filter, rows superseded by the overlay). */
  accept: (row: number) => boolean;
  /**
   * Whether a query word is a word of some live term (default: of this index). A word known only
   * to superseded rows is a typo to look around, as it would be after a rebuild.
   */
  knownWord?: (word: string) => boolean;
}

/**
 * How many postings a generator may walk to bring in new rows once it has K of them; lists
 * walked after that only add to the rows already found.
 */
function walkBudget(ix: TermIndex): number {
  return Math.max(4000, ix.size >> 6);
}

/** Checking one found row costs about this many posting steps (a string search or a word scan). */
const CHECK_COST = 8;

/** Every row worth scoring for the query. */
export function collectCandidates(ix: TermIndex, ctx: ScoreContext, opts: CandidateOptions): Set<number> {
  const q = ctx.q;
  const out = new Set<number>();
  const qc = q.compact;
  const keysToTry = [qc];
  if (q.stripLen > 0) keysToTry.push(qc.slice(q.stripLen));
  for (const k of keysToTry) {
    const code = stringCode(k);
    for (const r of ix.exact.get(code) ?? []) if (ix.compacts.at(r) === k && opts.accept(r)) out.add(r);
    for (const r of ix.exactStripped.get(code) ?? []) if (ix.compacts.at(r)!.endsWith(k) && ix.compactLens[r] - ix.stripLens[r] === k.length && opts.accept(r)) out.add(r);
  }
  const add = (top: TopK) => {
    for (const r of top.values()) out.add(r);
  };
  if (qc.length === 1) {
    add(firstCharCandidates(ix, qc, opts));
    return out;
  }
  if (q.hasHan) add(hanCandidates(ix, qc, opts));
  if (q.words.length > 0) add(wordCandidates(ix, ctx, opts));
  if (q.pinyin) add(pinyinCandidates(ix, q, opts));
  return out;
}

/** One character typed so far: the shortest terms that start with it. */
function firstCharCandidates(ix: TermIndex, qc: string, opts: CandidateOptions): TopK {
  const top = new TopK(opts.k);
  const list = ix.firstChar.get(qc.charCodeAt(0));
  if (list) for (let i = 0; i < list.length; i++) if (opts.accept(list[i])) top.add(list[i], 1 / ix.compactLens[list[i]]);
  return top;
}

interface HitList {
  list: Int32Array | undefined;
  /** Whether a row already found is in the list (for lists too long to walk). */
  has?: (row: number) => boolean;
}

/**
 * Counts, in scratch.acc, how many of the lists each row is in, walking the rarest first. Lists
 * bring in new rows while fewer than K rows are found or the walk budget lasts (and only the first
 * `generating` lists may: a row must be in `lists.length - generating + 1` of them to count);
 * after that a list only adds to the rows found, by walking it or, when that is cheaper, by asking
 * `has` of each found row. Returns the number of rows found (in scratch.touched) and the best count.
 */
function countHits(ix: TermIndex, lists: HitList[], k: number, generating = lists.length): { found: number; maxHits: number } {
  const s = ix.scratch;
  const epoch = ++s.epoch;
  const touched = s.touched;
  let found = 0;
  let walked = 0;
  let maxHits = 0;
  const budget = walkBudget(ix);
  lists.sort((a, b) => (a.list?.length ?? 0) - (b.list?.length ?? 0));
  lists.forEach(({ list, has }, index) => {
    if (!list) return;
    const generate = index < generating && (found < k || walked + list.length <= budget);
    walked += list.length;
    if (!generate && has && found * CHECK_COST < list.length) {
      for (let t = 0; t < found; t++) if (has(touched[t])) maxHits = Math.max(maxHits, ++s.acc[touched[t]]);
      return;
    }
    for (let i = 0; i < list.length; i++) {
      const r = list[i];
      if (s.stamp[r] !== epoch) {
        if (!generate) continue;
        s.stamp[r] = epoch;
        s.acc[r] = 0;
        touched[found++] = r;
      }
      if (++s.acc[r] > maxHits) maxHits = s.acc[r];
    }
  });
  return { found, maxHits };
}

/** Chinese: rows sharing adjacent character pairs with the query (partial, reordered or mistyped). */
function hanCandidates(ix: TermIndex, qc: string, opts: CandidateOptions): TopK {
  const grams = new Map<number, string>();
  for (let i = 0; i + 1 < qc.length; i++) grams.set(bigramCode(qc, i), qc.slice(i, i + 2));
  const lists = [...grams].map(([code, text]) => ({ list: ix.hanBigrams.get(code), has: (r: number) => ix.compacts.at(r)!.includes(text) }));
  const { found } = countHits(ix, lists, opts.k);
  const { acc, touched } = ix.scratch;
  const top = new TopK(opts.k);
  const n = grams.size;
  // The best row that may be returned (a row of another language, or one the overlay supersedes,
  // does not set the bar).
  let maxHits = 0;
  for (let t = 0; t < found; t++) if (acc[touched[t]] > maxHits && opts.accept(touched[t])) maxHits = acc[touched[t]];
  // Rows sharing less than half of the best row's pairs cannot make the rerank.
  const minHits = Math.max(1, Math.floor(maxHits / 2));
  for (let t = 0; t < found; t++) {
    const r = touched[t];
    const hits = acc[r];
    if (hits < minHits || !opts.accept(r)) continue;
    top.add(r, 0.7 * (hits / n) + 0.3 * Math.min(1, hits / Math.max(1, ix.compactLens[r] - 1)));
  }
  return top;
}

interface WordPlan {
  weight: number;
  /** Vocabulary id → similarity of that word to the query word. */
  expansions: Map<number, number>;
  postings: number;
}

/** The words of the index a query word may stand for: itself, completions, typo and in-word variants. */
function expandWord(ix: TermIndex, word: string, isLast: boolean, knownWord?: (word: string) => boolean): Map<number, number> {
  const out = new Map<number, number>();
  const id = ix.vocabIds.get(word);
  const known = knownWord ? knownWord(word) : id !== undefined;
  if (id !== undefined) out.set(id, 1);
  if (englishFunctionWords().has(word)) return out;
  const { vocab, vocabSorted } = ix;
  if (word.length >= 3 || (isLast && word.length >= 2)) {
    // Completions: the words that start with it (binary search in the sorted vocabulary).
    let lo = 0;
    let hi = vocabSorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (vocab[vocabSorted[mid]] < word) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo, seen = 0; i < vocabSorted.length && seen < 2000; i++, seen++) {
      const v = vocabSorted[i];
      if (!vocab[v].startsWith(word)) break;
      if (v !== id) out.set(v, wordSimilarity(word, vocab[v]));
    }
  }
  // Typos and in-word matches: vocabulary words sharing enough trigrams, then edit distance. A
  // word the index knows is taken as typed (the rerank still forgives a typo against the terms).
  if (word.length >= 4 && !known) {
    const s = ix.scratch;
    const epoch = ++s.vocabEpoch;
    const padded = `^${word}$`;
    const grams = new Set<string>();
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
    const reached: number[] = [];
    for (const g of grams) {
      const list = ix.vocabGrams.get(stringCode(g));
      if (!list) continue;
      for (const v of list) {
        if (s.vocabStamp[v] !== epoch) {
          s.vocabStamp[v] = epoch;
          s.vocabCount[v] = 0;
          reached.push(v);
        }
        s.vocabCount[v]++;
      }
    }
    const maxEdits = maxTypos(word.length);
    const needForTypo = Math.max(1, grams.size - 3 * maxEdits);
    const needInWord = word.length - 2;
    for (const v of reached) {
      if (out.has(v)) continue;
      const c = s.vocabCount[v];
      const w = vocab[v];
      if (c < needForTypo && c < needInWord) continue;
      if (Math.abs(w.length - word.length) > maxEdits && c < needInWord) continue;
      const sim = wordSimilarity(word, w);
      if (sim >= 0.55) out.set(v, sim);
    }
  }
  return out;
}

/** English: rows containing the query's words (or their completions and typo variants), any order. */
function wordCandidates(ix: TermIndex, ctx: ScoreContext, opts: CandidateOptions): TopK {
  const words = ctx.q.words;
  const plans: WordPlan[] = [];
  const seen = new Set<string>();
  const fn = englishFunctionWords();
  const content = words.some((w) => !fn.has(w.text));
  for (let i = 0; i < words.length; i++) {
    // Function words ("for", "the") find nothing the content words do not; the rerank counts them.
    if (seen.has(words[i].text) || (content && fn.has(words[i].text))) continue;
    seen.add(words[i].text);
    const expansions = expandWord(ix, words[i].text, i === words.length - 1, opts.knownWord);
    let postings = 0;
    for (const v of expansions.keys()) postings += ix.wordPostings.count(v);
    plans.push({ weight: ctx.wordWeights[i], expansions, postings });
  }
  plans.sort((a, b) => a.postings - b.postings);
  const totalWeight = plans.reduce((sum, p) => sum + p.weight, 0) || 1;
  const s = ix.scratch;
  const epoch = ++s.epoch;
  const touched = s.touched;
  let touchedCount = 0;
  const budget = walkBudget(ix);
  let walked = 0;
  for (const plan of plans) {
    if (plan.expansions.size === 0) continue;
    const generate = touchedCount < opts.k || walked + plan.postings <= budget;
    walked += plan.postings;
    if (!generate && touchedCount * CHECK_COST < plan.postings) {
      // Cheaper to look for the word in the rows already found than to walk its postings.
      const simOf = s.vocabSim;
      for (const [v, sim] of plan.expansions) simOf[v] = sim;
      for (let t = 0; t < touchedCount; t++) {
        const r = touched[t];
        let best = 0;
        let bestV = -1;
        for (let k = ix.termWordStart[r], end = ix.termWordStart[r + 1]; k < end; k++) {
          const sim = simOf[ix.termWords[k]];
          if (sim > best) {
            best = sim;
            bestV = ix.termWords[k];
          }
        }
        if (bestV >= 0) {
          s.acc[r] += plan.weight * best;
          s.accTerm[r] += ix.wordWeight[bestV] * best;
        }
      }
      for (const v of plan.expansions.keys()) simOf[v] = 0;
      continue;
    }
    const mark = ++s.markEpoch;
    // Highest similarity first, so a row reached by two variants keeps the better one.
    const ordered = [...plan.expansions].sort((a, b) => b[1] - a[1]);
    for (const [v, sim] of ordered) {
      const w = ix.wordWeight[v] * sim;
      const list = ix.wordPostings.get(v)!;
      for (let i = 0; i < list.length; i++) {
        const r = list[i];
        if (s.mark[r] === mark) continue;
        if (s.stamp[r] !== epoch) {
          if (!generate) continue;
          s.stamp[r] = epoch;
          s.acc[r] = 0;
          s.accTerm[r] = 0;
          touched[touchedCount++] = r;
        }
        s.mark[r] = mark;
        s.acc[r] += plan.weight * sim;
        s.accTerm[r] += w;
      }
    }
  }
  const top = new TopK(opts.k);
  for (let t = 0; t < touchedCount; t++) {
    const r = touched[t];
    if (!opts.accept(r)) continue;
    const tw = ix.termWeight[r];
    top.add(r, 0.7 * (s.acc[r] / totalWeight) + 0.3 * (tw > 0 ? s.accTerm[r] / tw : 0));
  }
  return top;
}

/** Pinyin: full readings through syllable pairs (maoyi fazhan), initials through their first three (mfhy). */
function pinyinCandidates(ix: TermIndex, q: AnalysedQuery, opts: CandidateOptions): TopK {
  const top = new TopK(opts.k);
  const { letters, syllables } = q.pinyin!;
  if (syllables && syllables.length >= 2) {
    // Rows sharing adjacent syllable pairs with the query; all pairs for a reading typed in full,
    // most of them for one with a syllable left out (maoyi fazhan huiyi → mao yi he fa zhan hui yi).
    const lists: Int32Array[] = [];
    for (let i = 0; i + 1 < syllables.length; i++) {
      const code = pairCode(ix, syllables[i], syllables[i + 1]);
      const list = code === undefined ? undefined : ix.pinyinPairs.get(code);
      if (list) lists.push(list);
    }
    const pairs = syllables.length - 1;
    const need = pairs <= 2 ? pairs : Math.ceil(pairs * 0.6);
    if (lists.length >= need) {
      // Only the rarest lists can bring new rows: a row needs `need` pairs, so it is in one of
      // the first lists.length - need + 1.
      const { found: touchedCount } = countHits(ix, lists.map((list) => ({ list })), opts.k, lists.length - need + 1);
      const s = ix.scratch;
      const touched = s.touched;
      for (let t = 0; t < touchedCount; t++) {
        const r = touched[t];
        if (s.acc[r] < need || !opts.accept(r)) continue;
        const pc = ix.pinyinCompact.at(r)!;
        const at = pc.indexOf(letters);
        top.add(r, (at === 0 ? 2 : at > 0 ? 1.5 : 0) + s.acc[r] / pairs + letters.length / pc.length);
      }
    }
  }
  if (letters.length >= 3) {
    const list = ix.initialsPrefix.get(stringCode(letters.slice(0, 3)));
    if (list) {
      for (const r of list) {
        const ini = ix.initials.at(r)!;
        const strip = ix.pinyinStrip[r];
        if (!ini.startsWith(letters) && !(strip > 0 && ini.startsWith(letters, strip))) continue;
        if (!opts.accept(r)) continue;
        top.add(r, 0.5 + letters.length / ini.length);
      }
    }
  }
  return top;
}
