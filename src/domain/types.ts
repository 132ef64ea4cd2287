// The concept-oriented terminology model shared by every module.
// One concept, many terms; every term has a language, a type, a status and an origin.
import { escapeControlCharacters } from './quote.js';

export const CATEGORIES = [
  'organization',
  'body',
  'meeting',
  'document',
  'programme',
  'concept',
  'country',
  'group',
  'person',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const LANGS = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const TERM_TYPES = ['fullForm', 'shortForm', 'acronym', 'abbreviation', 'variant'] as const;
export type TermType = (typeof TERM_TYPES)[number];

export const TERM_STATUSES = ['preferred', 'admitted', 'deprecated'] as const;
export type TermStatus = (typeof TERM_STATUSES)[number];

/** Where a term came from. `reference` = the curated glossary in glossary/. */
export const ORIGINS = ['reference', 'extraction', 'import', 'user'] as const;
export type Origin = (typeof ORIGINS)[number];

/** `rejected`: a candidate a reviewer turned down; kept, so a later ingest links to it instead of proposing it again. */
export const REVIEW_STATUSES = ['candidate', 'approved', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface Concept {
  id: number;
  /** Stable external id (reference glossary id, TBX conceptEntry id); null for ad-hoc concepts. */
  extId: string | null;
  category: Category;
  subject: string | null;
  definition: string | null;
  note: string | null;
  reviewStatus: ReviewStatus;
  origin: Origin;
  createdAt: string;
  updatedAt: string;
}

export interface Term {
  id: number;
  conceptId: number;
  text: string;
  lang: Lang;
  type: TermType;
  status: TermStatus;
  /** Normalised search key, see domain/normalize.ts. */
  key: string;
  origin: Origin;
  /** Where the form is attested (e.g. "UNTERM", a document symbol, a file name). */
  source: string | null;
  note: string | null;
  /** false when the form has not been checked against an authoritative source. */
  verified: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface DocumentRecord {
  id: number;
  name: string;
  sha256: string;
  chars: number;
  ingestedAt: string;
}

export interface Occurrence {
  id: number;
  termId: number;
  documentId: number;
  /** UTF-16 offsets into the original document text, end exclusive. */
  start: number;
  end: number;
  context: string;
}

export interface ConceptWithTerms extends Concept {
  terms: Term[];
}

export function isCategory(v: unknown): v is Category {
  return typeof v === 'string' && (CATEGORIES as readonly string[]).includes(v);
}
export function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (LANGS as readonly string[]).includes(v);
}
export function isTermType(v: unknown): v is TermType {
  return typeof v === 'string' && (TERM_TYPES as readonly string[]).includes(v);
}
export function isTermStatus(v: unknown): v is TermStatus {
  return typeof v === 'string' && (TERM_STATUSES as readonly string[]).includes(v);
}
export function isOrigin(v: unknown): v is Origin {
  return typeof v === 'string' && (ORIGINS as readonly string[]).includes(v);
}
export function isReviewStatus(v: unknown): v is ReviewStatus {
  return typeof v === 'string' && (REVIEW_STATUSES as readonly string[]).includes(v);
}

/**
 * An error caused by the user's input (bad file, bad argument): exit code 2 in the CLI, a 4xx answer
 * in the API (the server maps error classes to statuses: src/server/errors.ts). The message is kept
 * to one readable line whatever the input held: control characters are shown escaped and a runaway
 * message (a huge quoted value) is cut.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(oneLine(message));
    this.name = 'InputError';
  }
}

const MAX_MESSAGE = 360;

function oneLine(message: string): string {
  const flat = escapeControlCharacters(message);
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE)}…` : flat;
}

/** The thing a user asked for does not exist (HTTP 404). */
export class NotFoundError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The input is larger than a limit TermDesk sets (file size, unpacked size, memory) (HTTP 413). */
export class TooLargeError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'TooLargeError';
  }
}

/** The input is well-formed but cannot be processed within TermDesk's limits, e.g. time (HTTP 422). */
export class UnprocessableError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'UnprocessableError';
  }
}

/** The request conflicts with what is stored, e.g. a name already preferred elsewhere (HTTP 409). */
export class ConflictError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/**
 * Not the input's fault and not a bug: the service cannot answer right now but will shortly (an
 * index still being built, the database locked by another writer past the wait). HTTP 503 with
 * Retry-After; the CLI, which builds synchronously, does not meet it.
 */
export class UnavailableError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds = 2,
  ) {
    super(message);
    this.name = 'UnavailableError';
  }
}
