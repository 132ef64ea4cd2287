// Concordance: every stored segment that contains a term or phrase, in either language, with
// the places it occurs, so a translator sees how 数字鸿沟 or "digital divide" was rendered.
// The query is normalised like every key (Traditional → Simplified, full-width → half-width,
// case), then found through the word/character index as a phrase: whole English words, any run
// of Chinese characters. A trailing * makes the last word a prefix ("divide*").
import { hasHan } from '../domain/lang.js';
import { normalizeKey, normalizeWithOffsets } from '../domain/normalize.js';
import { InputError } from '../domain/types.js';
import type { Store } from '../store/repository.js';
import { type Segment, TmRepository } from '../store/tm-repository.js';
import { findTokenRuns, indexTokens } from './tokens.js';

export type Range = [start: number, end: number];

export interface ConcordanceHit {
  segmentId: number;
  en: string;
  zh: string;
  /** UTF-16 ranges of the hits in each side's original text (end exclusive). */
  enRanges: Range[];
  zhRanges: Range[];
  doc: string | null;
  position: number | null;
  date: string | null;
  origin: Segment['origin'];
}

export interface ConcordanceOptions {
  limit?: number;
  offset?: number;
  /** Search only this language's side (default: Chinese for Han queries, both otherwise). */
  lang?: 'en' | 'zh';
}

export interface ConcordanceResponse {
  query: string;
  total: number;
  /**
   * For a Chinese query: the English equivalents marked in the English side of each hit (the
   * glossary's English terms of the concepts the query names); empty otherwise.
   */
  english: string[];
  hits: ConcordanceHit[];
}

export const MAX_CONCORDANCE_QUERY = 500;

export interface PhraseQuery {
  tokens: string[];
  prefix: boolean;
  columns: Array<'en' | 'zh'>;
}

/** Parses a concordance query into index tokens and the columns to search. */
export function phraseQuery(query: string, lang?: 'en' | 'zh'): PhraseQuery {
  const text = query.trim();
  if (!text) throw new InputError('the query is empty');
  if (text.length > MAX_CONCORDANCE_QUERY) throw new InputError(`the query is longer than ${MAX_CONCORDANCE_QUERY} characters`);
  const prefix = /[*＊]$/u.test(text);
  const tokens = indexTokens(normalizeKey(text.replace(/[*＊]$/u, ''))).text;
  if (tokens.length === 0) throw new InputError('the query has no letters, digits or Chinese characters to search for');
  const columns: Array<'en' | 'zh'> = lang ? [lang] : hasHan(text) ? ['zh'] : ['en', 'zh'];
  return { tokens, prefix, columns };
}

/** The FTS5 expression of a phrase query. Tokens are letters/digits only, so quoting is safe. */
export function ftsExpression(q: PhraseQuery): string {
  const phrase = `"${q.tokens.join(' ')}"${q.prefix ? ' *' : ''}`;
  return q.columns.length === 1 ? `${q.columns[0]} : ${phrase}` : `{${q.columns.join(' ')}} : ${phrase}`;
}

/** Where the phrase occurs in an original text, as UTF-16 ranges of the original. */
export function phraseRanges(original: string, q: Pick<PhraseQuery, 'tokens' | 'prefix'>): Range[] {
  const norm = normalizeWithOffsets(original);
  const tokens = indexTokens(norm.text);
  const ranges: Range[] = [];
  for (const at of findTokenRuns(tokens.text, q.tokens, q.prefix)) {
    const lastEnd = tokens.end[at + q.tokens.length - 1];
    const start = norm.offsets[tokens.start[at]];
    const lastStart = norm.offsets[lastEnd - 1];
    const cp = original.codePointAt(lastStart) ?? 0;
    ranges.push([start, Math.max(start + 1, lastStart + (cp > 0xffff ? 2 : 1))]);
  }
  return ranges;
}

export function concordance(store: Store, query: string, options: ConcordanceOptions = {}): ConcordanceResponse {
  const limit = options.limit ?? 50;
  const offset = options.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new InputError('limit must be a whole number from 1 to 1000');
  if (!Number.isInteger(offset) || offset < 0) throw new InputError('offset must be a whole number ≥ 0');
  const q = phraseQuery(query, options.lang);
  const repo = TmRepository.of(store);
  const { total, ids } = repo.search(ftsExpression(q), limit, offset);
  const english = q.columns.includes('en') ? [] : englishOf(store, query);
  const englishQueries = english.map((en) => englishPhrase(en)).filter((p): p is PhraseQuery => p !== undefined);
  const hits = repo.getMany(ids).map((s) => ({
    segmentId: s.id,
    en: s.en,
    zh: s.zh,
    enRanges: q.columns.includes('en') ? phraseRanges(s.en, q) : mergeRanges(englishQueries.flatMap((p) => phraseRanges(s.en, p))),
    zhRanges: q.columns.includes('zh') ? phraseRanges(s.zh, q) : [],
    doc: s.doc,
    position: s.position,
    date: s.date,
    origin: s.origin,
  }));
  return { query: query.trim(), total, english, hits };
}

/** The English terms (not deprecated) of the concepts that have the Chinese query as a term. */
function englishOf(store: Store, query: string): string[] {
  const concepts = new Set(store.findTermsByText(query.trim()).map((t) => t.conceptId));
  const out = new Set<string>();
  for (const id of concepts) {
    for (const t of store.termsOfConcept(id)) if (t.lang === 'en' && t.status !== 'deprecated') out.add(t.text);
  }
  return [...out];
}

/** An English term as a phrase query; its last word may take an ending (Council → Council's, divide → divides). */
function englishPhrase(text: string): PhraseQuery | undefined {
  const tokens = indexTokens(normalizeKey(text)).text;
  if (tokens.length === 0) return undefined;
  return { tokens, prefix: tokens[tokens.length - 1].length >= 4, columns: ['en'] };
}

/** Ranges sorted, overlapping ones joined (several English terms may cover the same words). */
function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
