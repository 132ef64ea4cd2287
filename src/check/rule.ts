// The shape of a checker rule: an id, a description, a default severity and one function that
// turns the scanned draft into findings. A new rule is one new file in rules/ plus its tests.
import type { CheckData } from './data.js';
import { REGION } from './regions.js';
import type { NearMissOccurrence, ScanResult, TermOccurrence } from './scan.js';
import type { IndexedConcept, IndexedTerm } from './indexed.js';
import type { TermIndex } from './term-index.js';
import type { Lang } from '../domain/types.js';
import { titleInner } from '../domain/terms.js';

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A finding as a rule reports it; the checker adds the id, line and column. */
export interface RuleFinding {
  /** UTF-16 offsets (end exclusive) in the draft, or in the source text when `in` is 'source'. */
  start: number;
  end: number;
  /** Which text the offsets point into (default: the draft). */
  in?: 'draft' | 'source';
  /** The form found (defaults to the text of the span). */
  text?: string;
  /** One sentence a reviser understands: what is wrong and why. */
  message: string;
  /** Replacement text for the span, when there is one. */
  suggestion: string | null;
  conceptId: number | null;
  /** Overrides the rule's default severity (e.g. a deprecated name inside a quoted title). */
  severity?: Severity;
}

/** A scanned text (the draft, or the English source in bilingual mode). */
export interface ScannedText {
  name: string;
  text: string;
  scan: ScanResult;
  /** Region flags per original UTF-16 unit (see regions.ts). */
  regions: Uint8Array;
}

export interface CheckInput {
  draft: ScannedText;
  source?: ScannedText;
  index: TermIndex;
  data: CheckData;
}

export interface Rule {
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** Runs only when an English source is given. */
  needsSource?: boolean;
  check(input: CheckInput): RuleFinding[];
}

// ---------------------------------------------------------------- helpers shared by rules

/** The region flags (see regions.ts) at an offset of the original text. */
export function regionOf(regions: Uint8Array, start: number): number {
  return regions[start] ?? 0;
}

/** An occurrence or near-miss inside a 《title》 or a quotation: the wording is the quoted text's. */
export function inQuotedContext(regions: Uint8Array, start: number): boolean {
  return (regionOf(regions, start) & (REGION.title | REGION.quote)) !== 0;
}

/** An occurrence or near-miss inside a title, quotation, footnote, table of contents, address or heading line. */
export function inAsideContext(regions: Uint8Array, start: number): boolean {
  return regionOf(regions, start) !== 0;
}

/** Occurrences of approved concepts whose form is reviewed (the ones rules may reason about). */
export function reviewedOccurrences(draft: ScannedText): TermOccurrence[] {
  return draft.scan.occurrences.filter((o) => o.concept.reviewStatus === 'approved' && !o.ambiguous);
}

export type NameClass = 'name' | 'short' | 'acronym';

/** Full names and variants, short forms and abbreviations, Latin acronyms. */
export function nameClass(term: IndexedTerm): NameClass {
  if (term.type === 'acronym') return 'acronym';
  if (term.type === 'shortForm' || term.type === 'abbreviation') return 'short';
  return 'name';
}

/** A form a finding may offer as the replacement: reviewed, preferred and verified. */
export function suggestable(term: IndexedTerm): boolean {
  return term.trusted && term.status === 'preferred' && term.verified;
}

/**
 * The preferred form of a concept nearest to what was written (normalised key), in the draft's
 * language, when it is verified: a short-form slip gets the short form (埃斯瓦蒂尼 → 斯威士兰,
 * 方协会 → 方案协调会), a full-name slip the full name. Ties go to the full form. Undefined when the
 * nearest preferred form is not verified (the form the writer meant is not checked yet: nothing is
 * offered, rather than another form such as the short one for a full name).
 */
export function preferredFor(concept: IndexedConcept, writtenKey: string, lang: Lang): IndexedTerm | undefined {
  const want = lang === 'en' ? 'en' : 'zh-Hans';
  let best: IndexedTerm | undefined;
  let bestDistance = Infinity;
  for (const t of concept.terms) {
    if (t.lang !== want || !t.trusted || t.status !== 'preferred') continue;
    const d = levenshtein(titleInner(writtenKey), titleInner(t.key));
    const better = d < bestDistance || (d === bestDistance && best !== undefined && nameClass(best) !== 'name' && nameClass(t) === 'name');
    if (better) {
      best = t;
      bestDistance = d;
    }
  }
  return best && suggestable(best) ? best : undefined;
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

export function conceptName(concept: IndexedConcept): string {
  const zh = concept.zhFull?.text;
  const en = concept.enFull?.text;
  return zh && en ? `${zh} (${en})` : (zh ?? en ?? `concept ${concept.id}`);
}

export type { NearMissOccurrence, TermOccurrence };
