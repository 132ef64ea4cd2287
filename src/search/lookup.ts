// Lookup: normalise the query, then find concepts whose terms match it.
// (Exact and alias matching by normalised key; the fuzzy engine builds on this interface.)
import { normalizeKey } from '../domain/normalize.js';
import type { Category, Lang, TermStatus, TermType } from '../domain/types.js';
import type { Store } from '../store/repository.js';

export type MatchKind = 'exact' | 'alias' | 'prefix' | 'substring' | 'pinyin' | 'fuzzy';

export interface LookupTerm {
  id: number;
  text: string;
  lang: Lang;
  type: TermType;
  status: TermStatus;
}

export interface LookupResult {
  conceptId: number;
  score: number;
  kind: MatchKind;
  matched: LookupTerm;
  category: Category;
  reviewStatus: 'candidate' | 'approved';
  terms: LookupTerm[];
}

export interface LookupOptions {
  limit?: number;
  lang?: Lang;
  category?: Category;
}

export interface LookupResponse {
  query: string;
  results: LookupResult[];
}

function toLookupTerm(t: LookupTerm): LookupTerm {
  return { id: t.id, text: t.text, lang: t.lang, type: t.type, status: t.status };
}

/** Exact (preferred full form) and alias (any other term) matches on the normalised key. */
export function lookup(store: Store, query: string, options: LookupOptions = {}): LookupResponse {
  const key = normalizeKey(query);
  const limit = options.limit ?? 20;
  const results: LookupResult[] = [];
  if (!key) return { query, results };
  const matches = store.findTermsByKey(key).filter((t) => !options.lang || t.lang === options.lang);
  const concepts = store.getConcepts(matches.map((t) => t.conceptId));
  const seen = new Set<number>();
  for (const t of matches) {
    const concept = concepts.get(t.conceptId);
    if (!concept || seen.has(concept.id)) continue;
    if (options.category && concept.category !== options.category) continue;
    seen.add(concept.id);
    const exact = t.status === 'preferred';
    results.push({
      conceptId: concept.id,
      score: exact ? 1 : 0.95,
      kind: exact ? 'exact' : 'alias',
      matched: toLookupTerm(t),
      category: concept.category,
      reviewStatus: concept.reviewStatus,
      terms: concept.terms.map(toLookupTerm),
    });
  }
  results.sort((a, b) => b.score - a.score || a.conceptId - b.conceptId);
  return { query, results: results.slice(0, limit) };
}
