// What the extractors produce. Each extractor reads one prepared document and returns candidates:
// one candidate is one thing named in the text (an institution with its short form, a title, a
// recurring term), with the terms that name it and the spans where the text defines them.
import type { Category, Lang, TermStatus, TermType } from '../domain/types.js';

export type ExtractorId = 'short-form' | 'acronym' | 'title' | 'symbol' | 'enumeration' | 'name' | 'recurring' | 'reference';

export interface CandidateTerm {
  /** The term as it is stored (see displayForm): the span's text with typesetting spaces dropped. */
  text: string;
  lang: Lang;
  type: TermType;
  /** Defining span in the document (UTF-16 offsets, end exclusive), when the term was read there. */
  start?: number;
  end?: number;
  status?: TermStatus;
  note?: string;
}

export interface Candidate {
  extractor: ExtractorId;
  category: Category;
  /** The document the candidate was read in. */
  doc: number;
  /** The whole defining span (name and bracket), for context. */
  start: number;
  end: number;
  terms: CandidateTerm[];
  /** A name in another language that has no place among the term languages (French, Spanish). */
  otherName?: string;
  /** Termhood score of a recurring term. */
  score?: number;
}
