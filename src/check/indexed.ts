// What the checker knows of each stored term and concept once indexed (see term-index.ts): the
// shapes the index, the near-miss finder, the scanner and the rules share.
import type { Category, Lang, Origin, ReviewStatus, TermStatus, TermType } from '../domain/types.js';
import type { TermUsage } from '../domain/usage.js';

export interface IndexedTerm {
  id: number;
  conceptId: number;
  text: string;
  key: string;
  lang: Lang;
  type: TermType;
  status: TermStatus;
  origin: Origin;
  /**
   * The form may drive rules: its concept is approved and the form was reviewed with it (a
   * reference, imported or user term, or any term of a concept a reviewer approved from
   * extraction). Extraction candidates and unreviewed forms never raise error-level findings.
   */
  trusted: boolean;
  /** Checked against an authoritative source (glossary column `verified`); only verified forms raise errors. */
  verified: boolean;
  note: string | null;
  /** Where the form is right although not preferred (the note's {usage: …} tag), or null. */
  usage: TermUsage | null;
}

export interface IndexedConcept {
  id: number;
  extId: string | null;
  category: Category;
  reviewStatus: ReviewStatus;
  origin: Origin;
  terms: IndexedTerm[];
  /** Official Chinese full form (trusted, not deprecated). */
  zhFull?: IndexedTerm;
  /** Official Chinese short form, when the concept has one distinct from the full form. */
  zhShort?: IndexedTerm;
  enFull?: IndexedTerm;
  enShort?: IndexedTerm;
}
