// The review queue: candidate concepts (from extraction or imports) most frequent first, each with
// what a terminologist needs to decide in a few seconds: its forms, where it was found, the
// English found for it, and the existing concepts it may duplicate, with one suggested merge.
//
// What comes from other features (lookup for the duplicates, the translation memory for English
// proposals) is handed in as ReviewSources by the composition layer (src/review-sources.ts), so
// this module depends on the store alone.
import { conceptForms, conceptLabel } from '../domain/summary.js';
import { type Category, type ConceptWithTerms, InputError, type Lang, type ReviewStatus, type TermStatus, type TermType } from '../domain/types.js';
import { ReviewRepository } from '../store/review-repository.js';
import type { Store } from '../store/repository.js';

/** An existing concept a candidate may be the same as, found by looking up one of its forms. */
export interface DuplicateHit {
  conceptId: number;
  label: string;
  /** The concept's English name, if it has one. */
  english: string | null;
  category: Category;
  reviewStatus: ReviewStatus;
  /** The candidate's form that was looked up, and the stored term it matched. */
  query: string;
  matched: string;
  /** Lookup's match kind (exact, alias, prefix, substring, pinyin, fuzzy) and score. */
  kind: string;
  score: number;
}

/** An English equivalent proposed from the translation memory. */
export interface TmEnglish {
  text: string;
  dice: number;
  /** Segments with the Chinese term whose English contains this, of `segments`. */
  together: number;
  segments: number;
}

/** What other features contribute to a queue item (see src/review-sources.ts). */
export interface ReviewSources {
  /** Stored concepts one form may name (lookup); at most a few, best first. */
  lookupForm(form: string): DuplicateHit[];
  /** English proposals from the translation memory for a concept's Chinese forms. */
  tmEnglish(conceptId: number): TmEnglish[];
}

export interface ReviewForm {
  termId: number;
  text: string;
  lang: Lang;
  type: TermType;
  status: TermStatus;
  origin: string;
  note: string | null;
}

export interface ReviewContext {
  document: string;
  start: number;
  term: string;
  context: string;
}

export interface ReviewItem {
  conceptId: number;
  label: string;
  category: Category;
  reviewStatus: ReviewStatus;
  origin: string;
  note: string | null;
  frequency: number;
  documents: number;
  forms: ReviewForm[];
  contexts: ReviewContext[];
  english: {
    /** English terms the concept already has (from the report's own brackets, or an import). */
    terms: string[];
    /** The name in the report's original language, as extraction noted it. */
    original: string | null;
    /** English of the approved concepts it may duplicate. */
    glossary: Array<{ conceptId: number; text: string }>;
    tm: TmEnglish[];
  };
  duplicates: DuplicateHit[];
  /** The concept to merge into, when one is clearly the same thing; null otherwise. */
  suggestedMerge: DuplicateHit | null;
}

export interface QueueOptions {
  reviewStatus?: ReviewStatus;
  category?: Category;
  limit?: number;
  offset?: number;
  /** Occurrences shown per item (default 3). */
  contexts?: number;
}

export interface QueuePage {
  reviewStatus: ReviewStatus;
  total: number;
  offset: number;
  limit: number;
  counts: Record<ReviewStatus, number>;
  items: ReviewItem[];
}

export const MAX_QUEUE_PAGE = 200;
const MAX_DUPLICATES = 4;
/** Categories whose short references (政府间专家组 for 电子商务和数字经济问题政府间专家组) name one body. */
const NAMED_CATEGORIES: ReadonlySet<Category> = new Set(['organization', 'body', 'programme', 'meeting', 'document']);
const MIN_SHORT_REFERENCE = 5;
const ORIGINAL_NAME_NOTE = /^Name in the original language: (.+)$/m;

export function checkQueueOptions(options: QueueOptions): Required<Pick<QueueOptions, 'reviewStatus' | 'limit' | 'offset' | 'contexts'>> {
  const limit = options.limit ?? 20;
  const offset = options.offset ?? 0;
  const contexts = options.contexts ?? 3;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUEUE_PAGE) throw new InputError(`limit must be a whole number from 1 to ${MAX_QUEUE_PAGE}`);
  if (!Number.isInteger(offset) || offset < 0) throw new InputError('offset must be a whole number, 0 or more');
  if (!Number.isInteger(contexts) || contexts < 0 || contexts > 50) throw new InputError('contexts must be a whole number from 0 to 50');
  return { reviewStatus: options.reviewStatus ?? 'candidate', limit, offset, contexts };
}

/** One page of the queue, most frequent first, each item with its forms, contexts, English and likely duplicates. */
export function reviewQueue(store: Store, sources: ReviewSources, options: QueueOptions = {}): QueuePage {
  const o = checkQueueOptions(options);
  const repo = ReviewRepository.of(store);
  const filter = { reviewStatus: o.reviewStatus, category: options.category };
  const rows = repo.page(filter, o.limit, o.offset);
  const concepts = store.getConcepts(rows.map((r) => r.conceptId));
  const items: ReviewItem[] = [];
  for (const row of rows) {
    const concept = concepts.get(row.conceptId);
    if (concept) items.push(reviewItem(store, sources, concept, row.frequency, row.documents, o.contexts));
  }
  return { reviewStatus: o.reviewStatus, total: repo.count(filter), offset: o.offset, limit: o.limit, counts: repo.countsByStatus(), items };
}

/** The queue item of one concept (any review status). */
export function reviewItemOf(store: Store, sources: ReviewSources, conceptId: number, contexts = 3): ReviewItem {
  const concept = store.requireConcept(conceptId);
  const occurrences = store.occurrencesOfConcept(conceptId, 100_000);
  return reviewItem(store, sources, concept, occurrences.length, new Set(occurrences.map((o) => o.documentId)).size, contexts);
}

function reviewItem(store: Store, sources: ReviewSources, concept: ConceptWithTerms, frequency: number, documents: number, contexts: number): ReviewItem {
  const duplicates = duplicatesOf(concept, sources);
  const suggestedMerge = suggestMerge(concept, duplicates);
  const original = concept.note ? (ORIGINAL_NAME_NOTE.exec(concept.note)?.[1]?.trim() ?? null) : null;
  const glossary: Array<{ conceptId: number; text: string }> = [];
  // Only a concept that is the same thing lends its English (数字基础设施 says nothing about 基础设施).
  for (const d of duplicates) {
    if (d !== suggestedMerge && d.kind !== 'exact' && d.kind !== 'alias') continue;
    if (d.reviewStatus === 'approved' && d.english && !glossary.some((g) => g.text === d.english)) glossary.push({ conceptId: d.conceptId, text: d.english });
  }
  return {
    conceptId: concept.id,
    label: conceptLabel(concept.terms),
    category: concept.category,
    reviewStatus: concept.reviewStatus,
    origin: concept.origin,
    note: concept.note,
    frequency,
    documents,
    forms: concept.terms.map((t) => ({ termId: t.id, text: t.text, lang: t.lang, type: t.type, status: t.status, origin: t.origin, note: t.note })),
    contexts: store.occurrencesOfConcept(concept.id, contexts).map((oc) => ({ document: oc.documentName, start: oc.start, term: oc.termText, context: oc.context })),
    english: {
      terms: concept.terms.filter((t) => t.lang === 'en').map((t) => t.text),
      original,
      glossary: glossary.slice(0, 3),
      tm: concept.terms.some((t) => t.lang !== 'en') ? sources.tmEnglish(concept.id) : [],
    },
    duplicates,
    suggestedMerge,
  };
}

/** Stored concepts any of the candidate's forms names (itself and rejected concepts left out), best first. */
function duplicatesOf(concept: ConceptWithTerms, sources: ReviewSources): DuplicateHit[] {
  const best = new Map<number, DuplicateHit>();
  const forms = [...new Set(concept.terms.filter((t) => t.status !== 'deprecated').map((t) => t.text))];
  for (const form of forms) {
    for (const hit of sources.lookupForm(form)) {
      if (hit.conceptId === concept.id || hit.reviewStatus === 'rejected') continue;
      const have = best.get(hit.conceptId);
      if (!have || hit.score > have.score) best.set(hit.conceptId, hit);
    }
  }
  return [...best.values()]
    .sort((a, b) => Number(b.reviewStatus === 'approved') - Number(a.reviewStatus === 'approved') || b.score - a.score || a.conceptId - b.conceptId)
    .slice(0, MAX_DUPLICATES);
}

/**
 * The concept to merge into: one that already has one of the candidate's forms as a term (an exact
 * or alias match), or, for the name of a body, the one approved concept of the same category whose
 * Chinese name ends with the candidate's (a short reference: 政府间专家组 in a report about
 * 电子商务和数字经济问题政府间专家组). Generic words (基础设施 inside 数字基础设施) and names under five
 * characters (伙伴关系) are never suggested that way: they are other concepts.
 */
export function suggestMerge(concept: ConceptWithTerms, duplicates: DuplicateHit[]): DuplicateHit | null {
  const approved = duplicates.filter((d) => d.reviewStatus === 'approved');
  const same = approved.find((d) => d.kind === 'exact' || d.kind === 'alias');
  if (same) return same;
  if (!NAMED_CATEGORIES.has(concept.category)) return null;
  const zh = conceptForms(concept.terms).zhFull?.text;
  if (!zh || zh.length < MIN_SHORT_REFERENCE) return null;
  const enclosing = approved.filter((d) => d.category === concept.category && d.matched.length > zh.length && d.matched.endsWith(zh));
  return enclosing.length === 1 ? enclosing[0] : null;
}
