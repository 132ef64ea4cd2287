// Recurring official terms (数字鸿沟, 数字化转型, 可持续发展目标, 最不发达国家), ranked by C-value.
//
// Candidates are runs of one to five jieba words inside a clause, two to twelve characters, outside
// the names the other extractors already found. A candidate may not start or end with a function
// word (data/term-stop-start.txt, term-stop-end.txt), must end with a noun, and a single word must
// have three characters or more and not be a general word (data/generic-words.txt), so 发展, 会议
// and 国家 never come out.
//
// C-value (Frantzi, Ananiadou & Mima 2000) rewards frequency and length and discounts a candidate by
// the longer candidates it occurs inside: 持续发展目标 only ever occurs inside 可持续发展目标, so its
// score is zero, while 可持续发展 also stands on its own and keeps a score.
//   CV(a) = log2(|a|) · f(a)                                  when a is not nested
//   CV(a) = log2(|a|) · (f(a) − Σ f(b) / |T(a)|)               over the longer candidates b ∈ T(a)
import type { PreparedDocument } from './document.js';
import { lexicon } from './lexicon.js';
import type { Candidate } from './types.js';

export interface RecurringOptions {
  /** Least number of occurrences over all documents (default 3). */
  minFrequency?: number;
  /** Most terms returned (default: 12 plus one per 2,000 characters, at most 80). */
  limit?: number;
  /** Spans per document that belong to names found by other extractors. */
  exclude?: Map<number, Array<{ start: number; end: number }>>;
}

const MAX_WORDS = 5;
/** Share of occurrences with the same neighbour that marks a fragment. */
const FRAGMENT_SHARE = 0.75;
const MIN_CHARS = 2;
const MAX_CHARS = 12;
const HAN_WORD = /^\p{Script=Han}+$/u;
/** A year or number token (2015, 年 after it): the left neighbour that marks a truncated term. */
const NUMBER_WORD = /^(?:[0-9０-９]+|年|届|次)$/u;
/** Parts of speech that break a run: particles, prepositions, pronouns, conjunctions, numbers … */
const BREAK_TAG = /^(u|p|r|c|y|e|o|x|w|m|q)/;
const INNER_CONJUNCTIONS = new Set(['和', '与', '及']);
/** Parts of speech a term can end with: nouns, verbal nouns, idioms, abbreviations. */
const NOMINAL_TAG = /^(n|vn|l|j|an|nz|nt|ns|ng|nl)/;

interface Gram {
  text: string;
  words: number;
  freq: number;
  /** How often each word stands right before / right after it (within the run). */
  left: Map<string, number>;
  right: Map<string, number>;
  docs: Set<number>;
  nestedSum: number;
  nestedCount: number;
}

export interface ScoredTerm {
  text: string;
  frequency: number;
  documents: number;
  score: number;
}

/** Scores every candidate term of the documents; the best come first. */
export function scoreRecurringTerms(docs: PreparedDocument[], options: RecurringOptions = {}): ScoredTerm[] {
  const lex = lexicon();
  const grams = new Map<string, Gram>();
  for (const doc of docs) {
    const tokens = doc.tokens();
    const excluded = new Uint8Array(doc.text.length);
    for (const s of options.exclude?.get(doc.index) ?? []) excluded.fill(1, s.start, s.end);
    const run: Array<{ word: string; tag: string }> = [];
    // A number written right before a run is its left neighbour (2015年|后发展议程): a candidate
    // that always follows a year is a piece of a longer term, not a term (see isFragment).
    let numberBefore: string | undefined;
    const flush = () => {
      countRun(run, doc.index, grams, lex, numberBefore);
      run.length = 0;
    };
    for (let k = 0; k < tokens.count; k++) {
      const word = tokens.word[k];
      const s = tokens.start[k];
      const tag = tokens.tag[k];
      const usable =
        HAN_WORD.test(word) &&
        !doc.masked[s] &&
        !excluded[s] &&
        !excluded[tokens.end[k] - 1] &&
        (!BREAK_TAG.test(tag) || INNER_CONJUNCTIONS.has(word));
      if (usable) {
        if (run.length === 0) numberBefore = k > 0 && tokens.end[k - 1] === s && NUMBER_WORD.test(tokens.word[k - 1]) ? tokens.word[k - 1] : undefined;
        run.push({ word, tag });
      } else flush();
    }
    flush();
  }
  // Nesting: every valid longer candidate passes its frequency to its valid sub-candidates.
  for (const [key, g] of grams) {
    if (g.words < 2 || g.freq < 2) continue;
    for (const sub of subGrams(key, grams)) {
      sub.nestedSum += g.freq;
      sub.nestedCount++;
    }
  }
  const minFrequency = options.minFrequency ?? 3;
  const scored: ScoredTerm[] = [];
  const seen = new Set<string>();
  for (const g of [...grams.values()].sort((a, b) => b.freq - a.freq)) {
    // The same characters cut into words two ways are one candidate.
    if (g.freq < minFrequency || seen.has(g.text) || isFragment(g)) continue;
    seen.add(g.text);
    const base = g.nestedCount > 0 ? g.freq - g.nestedSum / g.nestedCount : g.freq;
    const score = Math.log2(g.text.length) * base;
    if (score <= 0) continue;
    scored.push({ text: g.text, frequency: g.freq, documents: g.docs.size, score: Math.round(score * 100) / 100 });
  }
  return scored.sort((a, b) => b.score - a.score || b.frequency - a.frequency || a.text.localeCompare(b.text));
}

// A gram is stored under its words joined by \u0001, so its sub-grams can be found word by word.
const SEP = '\u0001';

function countRun(run: Array<{ word: string; tag: string }>, doc: number, grams: Map<string, Gram>, lex: ReturnType<typeof lexicon>, numberBefore?: string): void {
  for (let i = 0; i < run.length; i++) {
    const first = run[i];
    if (lex.termStopStart.has(first.word) || INNER_CONJUNCTIONS.has(first.word)) continue;
    // A two-character verb starts a verb phrase (应对疫情, 利用数字), not a term; a one-character
    // one can be a prefix (可持续发展目标).
    if (first.tag === 'v' && first.word.length >= 2) continue;
    let chars = 0;
    for (let n = 1; n <= MAX_WORDS && i + n <= run.length; n++) {
      const last = run[i + n - 1];
      chars += last.word.length;
      if (chars > MAX_CHARS) break;
      if (chars < MIN_CHARS || lex.termStopEnd.has(last.word) || INNER_CONJUNCTIONS.has(last.word) || !NOMINAL_TAG.test(last.tag)) continue;
      if (n === 1 && (chars < 3 || lex.genericWords.has(last.word))) continue;
      const words = run.slice(i, i + n).map((t) => t.word);
      if (n > 1 && lex.genericWords.has(words.join(''))) continue;
      const key = words.join(SEP);
      let g = grams.get(key);
      if (!g) grams.set(key, (g = { text: words.join(''), words: n, freq: 0, left: new Map(), right: new Map(), docs: new Set(), nestedSum: 0, nestedCount: 0 }));
      g.freq++;
      g.docs.add(doc);
      const left = i > 0 ? run[i - 1].word : numberBefore;
      if (left !== undefined) g.left.set(left, (g.left.get(left) ?? 0) + 1);
      if (i + n < run.length) g.right.set(run[i + n].word, (g.right.get(run[i + n].word) ?? 0) + 1);
    }
  }
}

/**
 * A fragment of a longer term: nearly every occurrence has the same word on one side
 * (持续发展 is always 可持续发展; 信息社会世界 is always followed by 峰会).
 */
function isFragment(g: Gram): boolean {
  const dominant = (m: Map<string, number>) => Math.max(0, ...m.values()) >= FRAGMENT_SHARE * g.freq;
  return dominant(g.left) || dominant(g.right);
}

/** The candidates made of a proper, contiguous part of the words of `key`. */
function* subGrams(key: string, grams: Map<string, Gram>): Generator<Gram> {
  const words = key.split(SEP);
  for (let i = 0; i < words.length; i++) {
    for (let n = 1; i + n <= words.length; n++) {
      if (n === words.length) continue;
      const sub = grams.get(words.slice(i, i + n).join(SEP));
      if (sub) yield sub;
    }
  }
}

/** Recurring terms as candidates (no defining span: their occurrences are found afterwards). */
export function extractRecurringTerms(docs: PreparedDocument[], options: RecurringOptions = {}): Candidate[] {
  const chars = docs.reduce((n, d) => n + d.text.length, 0);
  const limit = options.limit ?? Math.min(80, 12 + Math.floor(chars / 2000));
  return scoreRecurringTerms(docs, options)
    .slice(0, limit)
    .map((t) => ({
      extractor: 'recurring' as const,
      // A recurring term is a term: names are the other extractors' (a name that recurs is found
      // by the name grammar at each mention), so 专家小组 or 后发展议程 never pass for one.
      category: 'concept' as const,
      doc: docs[0]?.index ?? 0,
      start: 0,
      end: 0,
      score: t.score,
      terms: [{ text: t.text, lang: 'zh-Hans' as const, type: 'fullForm' as const }],
    }));
}
