// Term equivalents from the translation memory: for a concept with a Chinese term and no English
// term, the English word sequences that occur in the translations of the segments containing the
// Chinese term far more often than elsewhere. Ranked by the Dice coefficient
// 2·a / (k + df), where a = segments with the term that contain the candidate, k = segments with
// the term, df = segments containing the candidate overall; log-likelihood (G²) breaks ties and is
// shown for review. These are proposals for a terminologist, never written to the glossary here.
import { conceptForms } from '../domain/summary.js';
import { normalizeKey } from '../domain/normalize.js';
import { InputError, NotFoundError } from '../domain/types.js';
import type { Store } from '../store/repository.js';
import { readDataLines } from './data.js';
import { ftsExpression, phraseQuery } from './concordance.js';
import { TmRepository } from '../store/tm-repository.js';
import { indexTokens } from './tokens.js';

export interface EquivalentCandidate {
  /** The candidate as it is written most often in the segments. */
  text: string;
  /** Segments with the Chinese term whose English contains the candidate (a). */
  together: number;
  /** Segments whose English contains the candidate (df). */
  anywhere: number;
  dice: number;
  logLikelihood: number;
  /** A few segment ids to show as evidence. */
  examples: number[];
}

export interface EquivalentsResponse {
  conceptId: number | null;
  zhTerms: string[];
  /** Segments containing one of the Chinese terms (k), and all segments (N). */
  segments: number;
  total: number;
  /** English terms the concept already has (proposals are still made, for comparison). */
  existingEn: string[];
  candidates: EquivalentCandidate[];
}

export interface EquivalentsOptions {
  limit?: number;
  /** Longest candidate in words (default 6). */
  maxWords?: number;
  /** At most this many segments with the term are read (default 2000). */
  maxSegments?: number;
}

/** Segments a candidate must share with the term before it is proposed at all. */
export const MIN_TOGETHER = 2;

/** Chinese characters per English non-space character (data/gale-church.json's c, UNPC). */
const ZH_PER_EN_CHAR = 0.3144;
const LENGTH_FIT_WEIGHT = 0.25;

let stopwords: Set<string> | undefined;
function stopwordSet(): Set<string> {
  stopwords ??= new Set(readDataLines('stopwords-en.txt'));
  return stopwords;
}

/** G² for a 2×2 table (a: both, b: term only, c: candidate only, d: neither). */
function logLikelihood(a: number, b: number, c: number, d: number): number {
  const n = a + b + c + d;
  const term = (o: number, e: number) => (o > 0 && e > 0 ? o * Math.log(o / e) : 0);
  const r1 = a + b;
  const r2 = c + d;
  const c1 = a + c;
  const c2 = b + d;
  return 2 * (term(a, (r1 * c1) / n) + term(b, (r1 * c2) / n) + term(c, (r2 * c1) / n) + term(d, (r2 * c2) / n));
}

/** English n-grams of a segment (no crossing of , ; : ( ) etc.), keyed by their normalised tokens. */
function ngrams(en: string, maxWords: number): Map<string, string> {
  const stop = stopwordSet();
  const out = new Map<string, string>();
  for (const chunk of en.split(/[,;:()[\]"“”!?]|\.(?:\s|$)|\s[-–—]\s/u)) {
    const key = normalizeKey(chunk);
    const tokens = indexTokens(key);
    const words = tokens.text;
    for (let i = 0; i < words.length; i++) {
      if (stop.has(words[i]) || /^\d+$/.test(words[i])) continue;
      for (let n = 1; n <= maxWords && i + n <= words.length; n++) {
        const last = words[i + n - 1];
        if (stop.has(last) || /^\d+$/.test(last)) continue;
        // "digital divides" counts for "digital divide": the last word's plural -s is folded.
        const gram = [...words.slice(i, i + n - 1), singular(last)].join(' ');
        if (!out.has(gram)) {
          // The surface form from the original chunk, for display.
          const surface = surfaceOf(chunk, key, tokens.start[i], tokens.end[i + n - 1]);
          out.set(gram, surface);
        }
      }
    }
  }
  return out;
}

/** A plural English word's singular, by the -s rule only (policies, analyses stay as they are). */
function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') && !/(?:ss|us|is|ies|ses|xes)$/.test(word) ? word.slice(0, -1) : word;
}

/** The FTS expression matching a folded n-gram and its plural. */
function gramExpression(gram: string): string {
  const words = gram.split(' ');
  const last = words[words.length - 1];
  const plural = [...words.slice(0, -1), `${last}s`].join(' ');
  return /^\d/.test(last) ? `en : "${gram}"` : `en : ("${gram}" OR "${plural}")`;
}

/** The original text of a key range (keys of English text keep the same length unless folded). */
function surfaceOf(chunk: string, key: string, start: number, end: number): string {
  const trimmed = chunk.trim().replace(/\s+/g, ' ');
  return trimmed.length === key.length ? trimmed.slice(start, end) : key.slice(start, end);
}

/** Proposals for the English equivalent of Chinese terms (or of a concept's Chinese terms). */
export function suggestEquivalents(store: Store, target: { conceptId: number } | { zh: string[] }, options: EquivalentsOptions = {}): EquivalentsResponse {
  const limit = options.limit ?? 10;
  const maxWords = options.maxWords ?? 6;
  const maxSegments = options.maxSegments ?? 2000;
  let zhTerms: string[];
  let existingEn: string[] = [];
  let conceptId: number | null = null;
  if ('conceptId' in target) {
    const concept = store.getConcept(target.conceptId);
    if (!concept) throw new NotFoundError(`no concept with id ${target.conceptId}`);
    conceptId = concept.id;
    const forms = conceptForms(concept.terms);
    zhTerms = concept.terms.filter((t) => t.lang !== 'en' && t.status !== 'deprecated').map((t) => t.text);
    if (forms.zhFull) zhTerms = [forms.zhFull.text, ...zhTerms.filter((t) => t !== forms.zhFull!.text)];
    existingEn = concept.terms.filter((t) => t.lang === 'en').map((t) => t.text);
    if (zhTerms.length === 0) throw new InputError(`concept ${concept.id} has no Chinese term to look for`);
  } else {
    zhTerms = target.zh.map((t) => t.trim()).filter(Boolean);
    if (zhTerms.length === 0) throw new InputError('give a Chinese term');
  }

  const repo = TmRepository.of(store);
  const total = repo.count().count;
  const ids = segmentIdsWith(store, zhTerms, maxSegments);
  const k = ids.size;
  const response: EquivalentsResponse = { conceptId, zhTerms, segments: k, total, existingEn, candidates: [] };
  if (k === 0) return response;

  // a: in how many of the k segments each n-gram occurs.
  const together = new Map<string, { count: number; surfaces: Map<string, number>; examples: number[] }>();
  for (const seg of repo.getMany([...ids])) {
    for (const [gram, surface] of ngrams(seg.en, maxWords)) {
      let entry = together.get(gram);
      if (!entry) {
        entry = { count: 0, surfaces: new Map(), examples: [] };
        together.set(gram, entry);
      }
      entry.count++;
      entry.surfaces.set(surface, (entry.surfaces.get(surface) ?? 0) + 1);
      if (entry.examples.length < 3) entry.examples.push(seg.id);
    }
  }
  // Evidence first: a phrase seen with the term once is chance as often as not (官方统计数据 in one
  // segment made every phrase of its translation a perfect 1.000). Two co-occurrences at least.
  const minTogether = MIN_TOGETHER;
  // df is one index query per candidate: only the most frequent few hundred are worth it.
  const shortlist = [...together.entries()]
    .filter(([, e]) => e.count >= minTogether)
    .sort((a, b) => b[1].count - a[1].count || b[0].split(' ').length - a[0].split(' ').length)
    .slice(0, 150);
  const candidates: EquivalentCandidate[] = [];
  for (const [gram, e] of shortlist) {
    const df = Math.max(e.count, repo.countMatches(gramExpression(gram)));
    const a = e.count;
    const surface = [...e.surfaces.entries()].sort((x, y) => y[1] - x[1])[0][0];
    candidates.push({
      text: surface,
      together: a,
      anywhere: df,
      dice: (2 * a) / (k + df),
      logLikelihood: logLikelihood(a, k - a, df - a, Math.max(0, total - k - df + a)),
      examples: e.examples,
    });
  }
  // Ranked by Dice, weighted gently by how well the candidate's length fits the Chinese term's
  // (Gale–Church ratio): with equal evidence, "draft resolution" beats "adopted the draft
  // resolution" for 决议草案, while acronyms (贸发会议 → UNCTAD) lose little.
  const zhLength = Math.max(...zhTerms.map((t) => t.replace(/\s/g, '').length));
  const fit = (text: string) => Math.exp(-LENGTH_FIT_WEIGHT * Math.abs(Math.log(Math.max(1, text.replace(/\s/g, '').length * ZH_PER_EN_CHAR) / zhLength)));
  const rank = new Map(candidates.map((c) => [c, c.dice * fit(c.text)]));
  // A candidate inside a longer one with exactly the same counts adds nothing when the longer one
  // fits the term's length at least as well: "digital" always came with "digital divide" here.
  const padded = (c: EquivalentCandidate) => ` ${normalizeKey(c.text)} `;
  const kept = candidates
    .filter(
      (c) =>
        !candidates.some(
          (o) => o !== c && o.together === c.together && o.anywhere === c.anywhere && o.text.length > c.text.length && fit(o.text) >= fit(c.text) && padded(o).includes(padded(c)),
        ),
    )
    .sort((x, y) => rank.get(y)! - rank.get(x)! || y.logLikelihood - x.logLikelihood || x.text.localeCompare(y.text));
  response.candidates = kept.slice(0, limit).map((c) => ({ ...c, dice: round(c.dice), logLikelihood: round(c.logLikelihood) }));
  return response;
}

/** The segments whose Chinese contains one of the terms (at most `max` per term). */
function segmentIdsWith(store: Store, zhTerms: string[], max: number): Set<number> {
  const repo = TmRepository.of(store);
  const ids = new Set<number>();
  for (const term of zhTerms) {
    for (const id of repo.searchIds(ftsExpression(phraseQuery(term, 'zh')), max)) ids.add(id);
  }
  return ids;
}

/** How many segments hold one of each concept's Chinese forms (cheap: no candidates scored). */
export function conceptSegmentCount(store: Store, conceptId: number, max = 2000): number {
  const concept = store.getConcept(conceptId);
  if (!concept) throw new NotFoundError(`no concept with id ${conceptId}`);
  const zh = concept.terms.filter((t) => t.lang !== 'en' && t.status !== 'deprecated').map((t) => t.text);
  return zh.length === 0 ? 0 : segmentIdsWith(store, zh, max).size;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Concepts that have a Chinese term but no English one: the ones to propose equivalents for. */
export function conceptsWithoutEnglish(store: Store, limit = 100): number[] {
  const withZh = new Set<number>();
  const withEn = new Set<number>();
  for (const t of store.iterateTerms()) {
    if (t.lang === 'en') withEn.add(t.conceptId);
    else if (t.status !== 'deprecated') withZh.add(t.conceptId);
  }
  return [...withZh].filter((id) => !withEn.has(id)).slice(0, limit);
}
