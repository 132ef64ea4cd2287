// The exchange model: what a concept looks like on its way into or out of a file. Every format
// (src/formats/) parses into it and serialises from it, and the store (src/store/) reads and
// writes it, so a round trip is the identity as long as each format carries every field (TBX
// does; CSV carries the terms and the concept fields, see docs/EXCHANGE.md).
//
// Text is normalised the same way on both sides (normalizeField, normalizeNote, normalizeContext),
// so what an export writes is exactly what an import stores.
import type {
  Category,
  Lang,
  Origin,
  ReviewStatus,
  TermStatus,
  TermType,
} from './types.js';

export interface ExchangeContext {
  text: string;
  /** Where the sentence comes from (a document name, a URL). */
  source: string | null;
}

export interface ExchangeTerm {
  text: string;
  lang: Lang;
  type: TermType;
  status: TermStatus;
  source: string | null;
  note: string | null;
  /** null: the term comes from another tool and gets origin `import`. */
  origin: Origin | null;
  verified: boolean;
  contexts: ExchangeContext[];
}

export interface ExchangeXref {
  /** The target concept's id in the file (its ext_id). */
  target: string;
  text: string | null;
}

export interface ExchangeConcept {
  /** The concept's id in the file: its ext_id, or `td-<id>` for concepts without one. */
  id: string | null;
  category: Category;
  subject: string | null;
  definition: string | null;
  note: string | null;
  /** null: not given by the file (imports become candidates). */
  reviewStatus: ReviewStatus | null;
  origin: Origin | null;
  /** ISO 8601 timestamps (UTC), or null when the file has none. */
  createdAt: string | null;
  updatedAt: string | null;
  xrefs: ExchangeXref[];
  terms: ExchangeTerm[];
  /** 1-based line of the entry in its file (0 for concepts read from the database). */
  line: number;
}

/** A concept with nothing but defaults, as parsers start one; `line` is where its entry starts. */
export function emptyConcept(line: number, fields: Partial<ExchangeConcept> = {}): ExchangeConcept {
  return {
    id: null,
    category: 'concept',
    subject: null,
    definition: null,
    note: null,
    reviewStatus: null,
    origin: null,
    createdAt: null,
    updatedAt: null,
    xrefs: [],
    terms: [],
    line,
    ...fields,
  };
}

/** A term with nothing but defaults: preferred full form, no source, note or context. */
export function exchangeTerm(text: string, lang: Lang, fields: Partial<ExchangeTerm> = {}): ExchangeTerm {
  return { text, lang, type: 'fullForm', status: 'preferred', source: null, note: null, origin: null, verified: true, contexts: [], ...fields };
}

/** What a parser found besides concepts: data it could not keep, and why. */
export class ImportNotes {
  /** Data categories or columns read but not stored, with how often they occurred. */
  readonly ignored = new Map<string, number>();
  /** Terms in languages TermDesk does not store (it keeps zh-Hans, zh-Hant and en), by file tag. */
  readonly skippedLanguages = new Map<string, number>();
  readonly warnings: string[] = [];
  private warningCount = 0;

  ignore(what: string, n = 1): void {
    this.ignored.set(what, (this.ignored.get(what) ?? 0) + n);
  }

  skipLanguage(tag: string, terms: number): void {
    this.skippedLanguages.set(tag, (this.skippedLanguages.get(tag) ?? 0) + terms);
  }

  /** A warning for the report; only the first 100 are kept, the rest counted. */
  warn(message: string): void {
    this.warningCount++;
    if (this.warnings.length < 100) this.warnings.push(message);
  }

  get totalWarnings(): number {
    return this.warningCount;
  }
}

export interface ParsedGlossary {
  /** `tbx` (v3), `tbx2`, `csv` or `tsv`. */
  format: string;
  /** e.g. "TBX-Basic (dca)", "TBX", "CSV, 21 columns". */
  dialect: string;
  concepts: ExchangeConcept[];
  notes: ImportNotes;
}

// ------------------------------------------------------------------------------ normalisation

/** One-line fields (subject, definition, sources, cross-reference text): whitespace runs → one space. */
export function normalizeField(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const s = value.normalize('NFC').replace(/\s+/g, ' ').trim();
  return s === '' ? null : s;
}

/** Context sentences: as one-line fields. */
export const normalizeContext = normalizeField;

/**
 * Notes keep their line breaks, but a line break followed by indentation is how XML files wrap
 * long lines, so it reads as a space. Idempotent, so export and import agree.
 */
export function normalizeNote(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const s = value
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t\f\v]+/g, ' ')
    .replace(/[ \t\f\v]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return s === '' ? null : s;
}

// ------------------------------------------------------------------------------ ids

// A TBX id must be an XML NCName (letter or _ first; letters, digits, . - _ after). TermDesk ids
// (ext_id) usually are; any that is not travels escaped: `_x.` then the id with every other
// character written as _HEX_. Concepts without an ext_id get `td-<internal id>`.
const NCNAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;
const ESCAPED = '_x.';

export function encodeFileId(extId: string): string {
  if (NCNAME.test(extId) && !extId.startsWith(ESCAPED)) return extId;
  let out = ESCAPED;
  for (const ch of extId) {
    out += /[A-Za-z0-9.-]/.test(ch) ? ch : `_${ch.codePointAt(0)!.toString(16)}_`;
  }
  return out;
}

export function decodeFileId(fileId: string): string {
  if (!fileId.startsWith(ESCAPED)) return fileId;
  return fileId.slice(ESCAPED.length).replace(/_([0-9a-f]{1,6})_/g, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
}

export function generatedFileId(internalId: number): string {
  return `td-${internalId}`;
}

// ------------------------------------------------------------------------------ dates

/**
 * Reads an xs:date or xs:dateTime into TermDesk's timestamp format (UTC, milliseconds, Z);
 * null when it is not one.
 */
export function parseExchangeDate(value: string): string | null {
  const v = value.trim();
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (dateOnly) {
    const d = new Date(`${v}T00:00:00.000Z`);
    return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v ? null : d.toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(v)) return null;
  const d = new Date(/(Z|[+-]\d{2}:\d{2})$/.test(v) ? v : `${v}Z`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
