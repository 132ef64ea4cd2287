// Lookup: one query box that understands every way a translator types a name.
//
//   query ── analyseQuery ──> key, compact key, optional 联合国 / United Nations, words, pinyin
//         ── collectCandidates (in-memory index, see term-index.ts) ──> a few hundred rows
//         ── scoreRow (score.ts) ──> kind (exact > alias > prefix > substring > pinyin > fuzzy),
//                                    score, matched span
//         ── best term per concept, approved before candidate, fresh concepts from the store
//
// The index is kept live (lookup-index.ts): a base index loaded from the file beside the database
// or built, plus an overlay of the concepts changed since, found through the store's change log,
// so a new alias is found by the next query without a rebuild. The concepts of the results are
// read from the store at query time, so category and review status are never stale.
// docs/LOOKUP.md explains the scoring with examples.
import { normalizeWithOffsets } from '../domain/normalize.js';
import { type Category, type Concept, type Lang, type ReviewStatus, type TermStatus, type TermType, InputError } from '../domain/types.js';
import type { Store } from '../store/repository.js';
import { collectCandidates } from './candidates.js';
import { analyseQuery } from './query.js';
import { type LookupView, deadBaseWord, knownWord, liveLookupIndex } from './lookup-index.js';
import { APPROVED_BONUS, type MatchKind, type ScoreContext, type TermMatch, scoreContext, scoreRow } from './score.js';
import { FUNCTION_WORD_WEIGHT, LANG_CODES, STATUS_CODES, TYPE_CODES, type TermIndex } from './term-index.js';
import { englishFunctionWords } from './data.js';
import type { AnalysedQuery } from './query.js';
import { compactWithMap, wordTokens } from './text.js';

export type { MatchKind } from './score.js';

/** Longest query accepted (the API has the same limit). */
export const MAX_QUERY_LENGTH = 500;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 1000;

export interface LookupTerm {
  id: number;
  text: string;
  lang: Lang;
  type: TermType;
  status: TermStatus;
  /** false when the form was not checked against an authoritative source (shown with a badge). */
  verified: boolean;
}

export interface MatchedTerm extends LookupTerm {
  /** [start, end) UTF-16 ranges of `text` that matched the query (best-aligned span for Traditional, pinyin and fuzzy matches). */
  highlight: Array<[number, number]>;
  /** The term's note (for a deprecated term: why, and what to use). */
  note: string | null;
}

export interface LookupResult {
  conceptId: number;
  score: number;
  kind: MatchKind;
  matched: MatchedTerm;
  /** When the matched term is not preferred: the preferred term of its language (Simplified for Traditional). */
  preferred: LookupTerm | null;
  category: Category;
  reviewStatus: ReviewStatus;
  terms: LookupTerm[];
}

export interface LookupOptions {
  limit?: number;
  /** Match terms of this language only. */
  lang?: Lang;
  category?: Category;
}

export interface LookupResponse {
  query: string;
  results: LookupResult[];
}

/** What the store's lookups search now: its base index and the overlay of recent changes. */
export function lookupView(store: Store): LookupView {
  return liveLookupIndex(store).current();
}

/** The store's base lookup index (brought up to date first). */
export function lookupIndex(store: Store): TermIndex {
  return lookupView(store).base;
}

/** The preferred term a user of a non-preferred one should see instead. */
export function preferredFor<T extends LookupTerm>(terms: T[], matched: T): T | null {
  if (matched.status === 'preferred') return null;
  const lang = matched.lang === 'zh-Hant' ? 'zh-Hans' : matched.lang;
  const preferred = terms.filter((t) => t.lang === lang && t.status === 'preferred');
  return preferred.find((t) => t.type === matched.type) ?? preferred.find((t) => t.type === 'fullForm') ?? preferred[0] ?? null;
}

/** Maps a match's spans (in the index key or its compact form) to UTF-16 ranges of the term's text. */
export function highlightRanges(text: string, indexKey: string, match: Pick<TermMatch, 'spans' | 'space'>): Array<[number, number]> {
  const normalized = normalizeWithOffsets(text);
  // A key written by an older normaliser cannot be mapped back: mark the whole term.
  if (normalized.text !== indexKey) return [[0, text.length]];
  const toKey = match.space === 'compact' ? compactWithMap(indexKey).toKey : null;
  const words = match.space === 'words' ? wordTokens(indexKey) : null;
  const ranges: Array<[number, number]> = [];
  for (const [a, b] of match.spans) {
    if (b <= a) continue;
    const ka = toKey ? toKey[a] : words ? words[a]?.start : a;
    const kLast = toKey ? toKey[b - 1] : words ? (words[b - 1] ? words[b - 1].end - 1 : undefined) : b - 1;
    if (ka === undefined || kLast === undefined) continue;
    const start = normalized.offsets[ka];
    const lastOriginal = normalized.offsets[kLast];
    const end = lastOriginal + ((text.codePointAt(lastOriginal) ?? 0) > 0xffff ? 2 : 1);
    ranges.push([start, end]);
  }
  ranges.sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push(r);
  }
  return merged;
}

/**
 * The query words' weights over a base and its overlay: the base's weight of a word some live
 * base row still has, else the overlay's, else that of an unknown word (a typo).
 */
function viewWordWeights(view: LookupView, q: AnalysedQuery): number[] {
  const { base, overlay } = view;
  return q.words.map((w) => {
    const id = base.vocabIds.get(w.text);
    if (id !== undefined && !deadBaseWord(view, id)) return base.wordWeight[id];
    const inOverlay = overlay?.vocabIds.get(w.text);
    if (overlay && inOverlay !== undefined) return overlay.wordWeight[inOverlay];
    return englishFunctionWords().has(w.text) ? base.maxWordWeight * FUNCTION_WORD_WEIGHT : base.maxWordWeight;
  });
}

interface Scored {
  /** The index (base or overlay) the row belongs to. */
  ix: TermIndex;
  m: TermMatch;
}

function validate(query: unknown, options: LookupOptions): number {
  if (typeof query !== 'string') throw new InputError('the query must be text');
  if (query.length > MAX_QUERY_LENGTH) throw new InputError(`the query is longer than ${MAX_QUERY_LENGTH} characters`);
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new InputError(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
  if (options.lang !== undefined && !LANG_CODES.includes(options.lang)) throw new InputError(`unknown language: ${String(options.lang)}`);
  return limit;
}

/**
 * Finds the concepts a query names. Results are ordered by score: exact > alias > prefix >
 * substring > pinyin > fuzzy, and within a kind by how much of the term the query covers;
 * an approved concept goes before a candidate at equal match quality.
 */
export function lookup(store: Store, query: string, options: LookupOptions = {}): LookupResponse {
  const limit = validate(query, options);
  const q = analyseQuery(query);
  if (!q.compact) return { query, results: [] };
  const view = lookupView(store);
  // With an overlay, a word counts as known when some live term has it, in the base or the overlay.
  const known = view.overlay ? (word: string) => knownWord(view, word) : undefined;
  const baseCtx = scoreContext(view.base, q, view.overlay ? viewWordWeights(view, q) : undefined);
  const langCode = options.lang ? LANG_CODES.indexOf(options.lang) : -1;
  const k = options.category ? Math.max(1000, limit * 20) : Math.max(200, limit * 10);

  // The best-scoring term of each concept, over the base and the overlay of recent changes (the
  // base rows of a changed concept are superseded: its overlay rows stand for it).
  const best = new Map<number, Scored>();
  const search = (ix: TermIndex, ctx: ScoreContext, superseded: Uint8Array | null) => {
    const accept =
      langCode < 0 && !superseded
        ? () => true
        : (row: number) => (langCode < 0 || ix.langs[row] === langCode) && (!superseded || superseded[row] === 0);
    for (const row of collectCandidates(ix, ctx, { k, accept, knownWord: known })) {
      const m = scoreRow(ix, ctx, row);
      if (!m) continue;
      const conceptId = ix.conceptIds[row];
      const have = best.get(conceptId);
      if (!have || m.score > have.m.score || (m.score === have.m.score && ix.termIds[m.row] < have.ix.termIds[have.m.row])) best.set(conceptId, { ix, m });
    }
  };
  search(view.base, baseCtx, view.superseded);
  // The overlay scores with the base's word weights, as it would inside one index.
  if (view.overlay) search(view.overlay, scoreContext(view.overlay, q, baseCtx.wordWeights), null);
  const ranked = [...best.values()].sort((a, b) => b.m.score - a.m.score || a.ix.conceptIds[a.m.row] - b.ix.conceptIds[b.m.row]);

  // Concept records (category, review status) are read from the store for each result: a concept
  // edit does not move the term revision. Read until the last place is settled: a later concept
  // can still overtake with the approved bonus, or the category filter can skip some.
  const top: Array<{ ix: TermIndex; m: TermMatch; concept: Concept; score: number }> = [];
  const order = (a: (typeof top)[number], b: (typeof top)[number]) => b.score - a.score || a.concept.id - b.concept.id;
  for (const { ix, m } of ranked) {
    if (top.length === limit && m.score + APPROVED_BONUS < top[limit - 1].score) break;
    const concept = store.getConceptRecord(ix.conceptIds[m.row]);
    // A rejected candidate is not a name anyone should be offered (it stays in the store for review).
    if (!concept || concept.reviewStatus === 'rejected' || (options.category && concept.category !== options.category)) continue;
    const entry = { ix, m, concept, score: m.score + (concept.reviewStatus === 'approved' ? APPROVED_BONUS : 0) };
    if (top.length < limit) {
      top.push(entry);
      if (top.length === limit) top.sort(order);
    } else if (order(entry, top[limit - 1]) < 0) {
      top[limit - 1] = entry;
      top.sort(order);
    }
  }
  top.sort(order);
  // When the query names a concept outright (exact or alias), loose fuzzy resemblances are noise
  // to a translator who pasted a name: keep the prefix and substring hits, drop the fuzzy ones.
  const named = top.length > 0 && (top[0].m.kind === 'exact' || top[0].m.kind === 'alias');
  const shown = named ? top.filter((e) => e.m.kind !== 'fuzzy') : top;
  // Verification is not in the index (it changes no match); one query reads it for the results shown.
  const unverified = store.unverifiedTermIds(shown.map((e) => e.concept.id));
  return { query, results: shown.map((e) => toResult(store, e.ix, e.m, e.concept, e.score, unverified)) };
}

/** A concept's terms from the index, in the store's order (compareTerms: language, status, type, id). */
function conceptTerms(ix: TermIndex, conceptId: number, unverified: ReadonlySet<number>): LookupTerm[] {
  const rows = Array.from(ix.conceptRows.get(conceptId) ?? []);
  rows.sort((a, b) => ix.langs[a] - ix.langs[b] || ix.statuses[a] - ix.statuses[b] || ix.types[a] - ix.types[b] || ix.termIds[a] - ix.termIds[b]);
  return rows.map((r) => ({
    id: ix.termIds[r],
    text: ix.texts.at(r)!,
    lang: LANG_CODES[ix.langs[r]],
    type: TYPE_CODES[ix.types[r]],
    status: STATUS_CODES[ix.statuses[r]],
    verified: !unverified.has(ix.termIds[r]),
  }));
}

function toResult(store: Store, ix: TermIndex, m: TermMatch, concept: Concept, score: number, unverified: ReadonlySet<number>): LookupResult {
  const terms = conceptTerms(ix, concept.id, unverified);
  const termId = ix.termIds[m.row];
  const term = terms.find((t) => t.id === termId)!;
  const preferred = preferredFor(terms, term);
  return {
    conceptId: concept.id,
    score,
    kind: m.kind,
    matched: {
      ...term,
      // Notes are not in the index; only a term the user should not use needs its note here.
      note: term.status === 'preferred' ? null : (store.getTerm(termId)?.note ?? null),
      highlight: highlightRanges(term.text, ix.keys.at(m.row)!, m),
    },
    preferred,
    category: concept.category,
    reviewStatus: concept.reviewStatus,
    terms,
  };
}
