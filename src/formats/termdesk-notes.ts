// TermDesk's own fields in exchange files. TBX-Basic has no data category for a concept's
// category, review status and origin or a term's origin and verified flag, so they travel in a note
// with a fixed prefix (see META_PREFIX); other tools show it as an ordinary note.
import { type Category, type Origin, type ReviewStatus, isCategory, isOrigin, isReviewStatus } from '../domain/types.js';

// TBX-Basic has no data category for TermDesk's own fields (category, review status, origin,
// verified), and the DCA Schematron forbids foreign elements, so they travel in one note per
// concept or term with a fixed prefix. Other tools show it as a note; TermDesk reads it back.
const META_PREFIX = 'TermDesk:';
const META_PATTERN = /^TermDesk: ([a-z]+=[A-Za-z-]+(?:; [a-z]+=[A-Za-z-]+)*)$/;

export interface ConceptMeta {
  category: Category;
  reviewStatus: ReviewStatus;
  origin: Origin;
}

export interface TermMeta {
  origin: Origin;
  verified: boolean;
}

export function formatConceptMeta(c: ConceptMeta): string {
  return `${META_PREFIX} category=${c.category}; review=${c.reviewStatus}; origin=${c.origin}`;
}

/** The term's TermDesk note, or null when it has the defaults (origin import, verified). */
export function formatTermMeta(t: { origin: Origin | null; verified: boolean }): string | null {
  const origin = t.origin ?? 'import';
  if (origin === 'import' && t.verified) return null;
  return `${META_PREFIX} origin=${origin}; verified=${t.verified ? 'yes' : 'no'}`;
}

function parseMeta(note: string): Map<string, string> | null {
  const m = META_PATTERN.exec(note.trim());
  if (!m) return null;
  return new Map(m[1].split('; ').map((kv) => kv.split('=') as [string, string]));
}

/** Reads a concept's TermDesk note; null when the note is an ordinary note. */
export function parseConceptMeta(note: string): Partial<ConceptMeta> | null {
  const kv = parseMeta(note);
  if (!kv) return null;
  const out: Partial<ConceptMeta> = {};
  const category = kv.get('category');
  const review = kv.get('review');
  const origin = kv.get('origin');
  if (category !== undefined) {
    if (!isCategory(category)) return null;
    out.category = category;
  }
  if (review !== undefined) {
    if (!isReviewStatus(review)) return null;
    out.reviewStatus = review;
  }
  if (origin !== undefined) {
    if (!isOrigin(origin)) return null;
    out.origin = origin;
  }
  return out;
}

/** Reads a term's TermDesk note; null when the note is an ordinary note. */
export function parseTermMeta(note: string): Partial<TermMeta> | null {
  const kv = parseMeta(note);
  if (!kv) return null;
  const out: Partial<TermMeta> = {};
  const origin = kv.get('origin');
  const verified = kv.get('verified');
  if (origin !== undefined) {
    if (!isOrigin(origin)) return null;
    out.origin = origin;
  }
  if (verified !== undefined) {
    if (verified !== 'yes' && verified !== 'no') return null;
    out.verified = verified === 'yes';
  }
  return out;
}
