// Rules about term values that every layer applies the same way: what a clean term text is, which
// language/type/status values exist, how terms are ordered for readers, what looks like an
// acronym, and which status a preferred term gets when it joins a concept that already has one.
import { type Lang, type TermStatus, type TermType, InputError, isLang, isTermStatus, isTermType } from './types.js';

const MAX_TERM_LENGTH = 1000;

/** Checks a term's text: trimmed, non-empty, bounded, no control characters. Returns the clean text. */
export function cleanTermText(text: unknown): string {
  if (typeof text !== 'string') throw new InputError('term text must be a string');
  const t = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!t) throw new InputError('term text is empty');
  if (t.length > MAX_TERM_LENGTH) throw new InputError(`term text is longer than ${MAX_TERM_LENGTH} characters`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(t)) throw new InputError('term text contains control characters');
  return t;
}

/** Refuses a language, type or status outside the model's lists (input from files and the API). */
export function checkTermValues(t: { lang: unknown; type: unknown; status: unknown }): void {
  if (!isLang(t.lang)) throw new InputError(`unknown language: ${String(t.lang)}`);
  if (!isTermType(t.type)) throw new InputError(`unknown term type: ${String(t.type)}`);
  if (!isTermStatus(t.status)) throw new InputError(`unknown term status: ${String(t.status)}`);
}

/** Order terms the way a reader wants them: preferred before admitted before deprecated, full before short. */
const TYPE_ORDER: Record<TermType, number> = { fullForm: 0, shortForm: 1, acronym: 2, abbreviation: 3, variant: 4 };
const STATUS_ORDER: Record<TermStatus, number> = { preferred: 0, admitted: 1, deprecated: 2 };
const LANG_ORDER: Record<Lang, number> = { 'zh-Hans': 0, 'zh-Hant': 1, en: 2 };
export function compareTerms(
  a: { id: number; lang: Lang; status: TermStatus; type: TermType },
  b: { id: number; lang: Lang; status: TermStatus; type: TermType },
): number {
  return (
    LANG_ORDER[a.lang] - LANG_ORDER[b.lang] ||
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    TYPE_ORDER[a.type] - TYPE_ORDER[b.type] ||
    a.id - b.id
  );
}

// ---------------------------------------------------------------- acronyms

// Two questions, two patterns. "Does this text look like an acronym?" decides the type of a new
// term whose type nobody gave (an alias typed by a user, a TBX term without termType): a capital
// letter, then up to fifteen capitals, digits or & - / . (UNCTAD, UN-Habitat is not one, G77 is).
// "Is this form written in upper-case Latin?" is stricter about case and looser about shape
// (spaces, +, a leading digit: "UN WOMEN", "G20"): the glossary's acronyms must be, and the checker
// matches such forms case-sensitively (WHO ≠ who).
const ACRONYM_SHAPE = /^[A-Z][A-Z0-9&\-/.]{1,15}$/;
const ACRONYM_SHAPE_ANY_CASE = /^[A-Z][A-Z0-9&\-/.]{1,15}$/i;
const UPPER_CASE_LATIN = /^(?=.*[A-Z])[A-Z0-9&./+\- ]+$/;

/**
 * Whether `text` has the shape of an acronym. `case`: `upper` (the default) wants every letter in
 * capitals; `initial` a capital first letter and any case after (Habitat-style aliases in brackets);
 * `any` takes a lower-cased search key (who, unctad).
 */
export function looksLikeAcronym(text: string, letterCase: 'upper' | 'initial' | 'any' = 'upper'): boolean {
  if (letterCase === 'upper') return ACRONYM_SHAPE.test(text);
  if (letterCase === 'initial') return /^[A-Z]/.test(text) && ACRONYM_SHAPE_ANY_CASE.test(text);
  return ACRONYM_SHAPE_ANY_CASE.test(text);
}

/** Whether a form is written in upper-case Latin (WHO, UN WOMEN, G20), at most `maxLength` characters. */
export function isUpperCaseLatin(text: string, maxLength = Infinity): boolean {
  return text.length >= 1 && text.length <= maxLength && UPPER_CASE_LATIN.test(text);
}

// ---------------------------------------------------------------- joining a concept

/**
 * The status a term keeps when it joins a concept (a merge, an import into an existing concept):
 * the concept keeps its preferred term, so a second preferred term of the same language and type
 * becomes admitted.
 */
export function statusOnJoining(
  term: { lang: Lang; type: TermType; status: TermStatus },
  existing: Iterable<{ lang: Lang; type: TermType; status: TermStatus }>,
): TermStatus {
  if (term.status !== 'preferred') return term.status;
  for (const e of existing) if (e.lang === term.lang && e.type === term.type && e.status === 'preferred') return 'admitted';
  return term.status;
}

/** A title's key without its 《》 marks (《巴黎协定》 → 巴黎协定); other keys unchanged. */
export function titleInner(key: string): string {
  return key.length > 2 && key.startsWith('《') && key.endsWith('》') && !key.slice(1, -1).includes('《') ? key.slice(1, -1) : key;
}
