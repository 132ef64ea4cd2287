// The checker's in-memory index of the store's terms: one automaton over every term key (plus
// blocking words), the near-miss index of official names, what each key stands for, and which
// terms may drive which rules. Built from store.iterateTerms(); kept live per store (a base plus
// an overlay of changed concepts) by live-index.ts.
import type { Concept, Origin, ReviewStatus, Term } from '../domain/types.js';
import { conceptForms } from '../domain/summary.js';
import { isUpperCaseLatin, titleInner } from '../domain/terms.js';
import { usageOf } from '../domain/usage.js';
import { Automaton, type AutomatonStats, type MatchSink, isWordCode } from '../domain/automaton.js';
import { type CheckData, checkData } from './data.js';
import type { IndexedConcept, IndexedTerm } from './indexed.js';
import { type NearMissFinder, type NearMissIndex, buildNearMissIndex } from './near-miss.js';

export interface PatternInfo {
  key: string;
  terms: IndexedTerm[];
  /**
   * Chosen in the first selection pass: a reviewed (trusted) form, or a blocking word. Unreviewed
   * forms (extraction candidates, extraction forms on approved concepts) only fill the gaps, so
   * they never hide an official name (欧洲联盟欧盟委员会 would hide 欧洲联盟 + 欧盟委员会).
   */
  primary: boolean;
  /** A blocking word only: takes part in selection, reports nothing. */
  blocker: boolean;
  /** Starts / ends with a Latin letter or digit: needs a word boundary there. */
  wordStart: boolean;
  wordEnd: boolean;
  /** Every form of the key is upper-case Latin (WHO, UK): the original must be upper case too (WHO ≠ who). */
  upperCase: boolean;
}

export interface TermIndexStats {
  terms: number;
  concepts: number;
  patterns: number;
  states: number;
  automatonBytes: number;
  nearMissTargets: number;
  buildMs: number;
}

/**
 * The patterns by id: an array (a build here), or a list that makes each pattern when first read
 * (a base loaded from its file, a view: live-index.ts).
 */
export interface PatternList {
  readonly length: number;
  at(id: number): PatternInfo | undefined;
}

/** What the scan needs of an automaton (one Automaton, or a base with an overlay: live-index.ts). */
export interface TermScanner {
  scan(text: string, onMatch: MatchSink): void;
  readonly stats: AutomatonStats;
}

export class TermIndex<N extends NearMissFinder = NearMissFinder> {
  constructor(
    readonly automaton: TermScanner,
    readonly patterns: PatternList,
    readonly concepts: ReadonlyMap<number, IndexedConcept>,
    readonly nearMiss: N,
    readonly data: CheckData,
    readonly stats: TermIndexStats,
  ) {}

  concept(id: number): IndexedConcept | undefined {
    return this.concepts.get(id);
  }

  /** The pattern of a normalised key (a form of some term), if any. */
  patternByKey(key: string): PatternInfo | undefined {
    const id = this.patternIdOf(key);
    const info = id === undefined ? undefined : this.patterns.at(id);
    return info && !info.blocker ? info : undefined;
  }

  /**
   * The id of the pattern whose key is exactly `key` (a term's or a blocking word's), found by
   * scanning the key itself: no table of every key needs building for it.
   */
  patternIdOf(key: string): number | undefined {
    let id: number | undefined;
    this.automaton.scan(key, (p, start, end) => {
      if (start === 0 && end === key.length && this.patterns.at(p)?.key === key) id = p;
    });
    return id;
  }
}


export function isTrusted(term: { origin: Origin }, concept: { reviewStatus: ReviewStatus; origin: Origin }): boolean {
  return concept.reviewStatus === 'approved' && (term.origin !== 'extraction' || concept.origin === 'extraction');
}

/** Builds the index from terms and a concept lookup (the store, or anything shaped like it). */
export function buildTermIndex(terms: Iterable<Term>, conceptOf: (id: number) => Concept | undefined, data: CheckData = checkData()): TermIndex<NearMissIndex> {
  const started = performance.now();
  const { concepts, byKey, termCount } = indexTerms(terms, conceptOf);
  const patterns = buildPatterns(byKey, data.blockingWords);
  const nearMiss = buildNearMissIndex(concepts.values(), data);
  const automaton = new Automaton(patterns.map((p) => p.key));
  const stats: TermIndexStats = {
    terms: termCount,
    concepts: concepts.size,
    patterns: patterns.length,
    states: automaton.stats.states,
    automatonBytes: automaton.stats.bytes,
    nearMissTargets: nearMiss.targetCount,
    buildMs: performance.now() - started,
  };
  return new TermIndex(automaton, patterns, concepts, nearMiss, data, stats);
}

interface IndexedTerms {
  concepts: Map<number, IndexedConcept>;
  byKey: Map<string, IndexedTerm[]>;
  termCount: number;
}

/** Every term with its concept (trust decided per term), the official forms of each concept, and the terms of each key. */
export function indexTerms(terms: Iterable<Term>, conceptOf: (id: number) => Concept | undefined): IndexedTerms {
  const concepts = new Map<number, IndexedConcept>();
  const byKey = new Map<string, IndexedTerm[]>();
  let termCount = 0;
  for (const t of terms) {
    let concept = concepts.get(t.conceptId);
    if (!concept) {
      const c = conceptOf(t.conceptId);
      // Rejected candidates are not names: they neither raise findings nor take part in matching.
      if (!c || c.reviewStatus === 'rejected') continue;
      concept = { id: c.id, extId: c.extId, category: c.category, reviewStatus: c.reviewStatus, origin: c.origin, terms: [] };
      concepts.set(c.id, concept);
    }
    const indexed: IndexedTerm = {
      id: t.id,
      conceptId: t.conceptId,
      text: t.text,
      key: t.key,
      lang: t.lang,
      type: t.type,
      status: t.status,
      origin: t.origin,
      trusted: isTrusted(t, concept),
      verified: t.verified,
      note: t.note,
      usage: usageOf(t.note),
    };
    concept.terms.push(indexed);
    termCount++;
    if (!t.key) continue;
    // A title matches with or without its marks: 不扩散核武器条约缔约国 cites 《不扩散核武器条约》.
    const key = titleInner(t.key);
    const list = byKey.get(key);
    if (list) list.push(indexed);
    else byKey.set(key, [indexed]);
  }
  for (const c of concepts.values()) {
    const forms = conceptForms(c.terms.filter((t) => t.trusted));
    c.zhFull = forms.zhFull;
    c.zhShort = forms.zhShort;
    c.enFull = forms.enFull;
    c.enShort = forms.enShort;
  }
  return { concepts, byKey, termCount };
}

/** One pattern per key (with how it may match), then the blocking words that are no term. */
export function buildPatterns(byKey: Map<string, IndexedTerm[]>, blockingWords: readonly string[]): PatternInfo[] {
  const patterns: PatternInfo[] = [];
  for (const [key, list] of byKey) {
    patterns.push({
      key,
      terms: list,
      primary: list.some((t) => t.trusted),
      blocker: false,
      wordStart: isWordCode(key.charCodeAt(0)),
      wordEnd: isWordCode(key.charCodeAt(key.length - 1)),
      // Upper-case Latin forms (acronyms, abbreviations such as UK): matched case-sensitively.
      upperCase: list.every((t) => isUpperCaseLatin(t.text, 12)),
    });
  }
  for (const word of blockingWords) {
    if (byKey.has(word)) continue;
    patterns.push({ key: word, terms: [], primary: true, blocker: true, wordStart: false, wordEnd: false, upperCase: false });
  }
  return patterns;
}
