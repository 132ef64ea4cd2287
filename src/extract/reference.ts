// What extraction already knows: the reference glossary (from the database or straight from
// glossary/*.tsv) and, when built from a database, the concepts earlier ingests created. The
// extractors ask it three questions: does the text before a bracket end with a known name, which
// concept has this term, and is this name a near-miss of an official name (国际货币组织 for
// 国际货币基金组织)?
import { type NearMissLimits, nearMissEditDistance } from '../domain/near-miss.js';
import { PatternSet, type PatternSetSnapshot, termKey } from './occurrences.js';
import type { Category, Lang, Origin, TermStatus, TermType } from '../domain/types.js';
import type { Glossary } from '../reference/glossary.js';
import type { Store } from '../store/repository.js';
import { lexicon } from './lexicon.js';

export interface KnownTerm {
  id?: number;
  text: string;
  lang: Lang;
  type: TermType;
  status: TermStatus;
  key: string;
}

export interface KnownConcept {
  /** Stable handle: the glossary id for reference concepts, "#<id>" for other stored concepts. */
  ref: string;
  /** The database id, when the index was built from a database. */
  conceptId?: number;
  extId: string | null;
  category: Category;
  origin: Origin;
  terms: KnownTerm[];
}

export interface KnownMatch {
  concept: KnownConcept;
  term: KnownTerm;
}

export interface NearMiss extends KnownMatch {
  /** Insertions and deletions that turn the candidate into the official name. */
  distance: number;
}

/** Title marks do not decide identity: 《全面与进步跨太平洋伙伴关系协定》 and the bare name meet. */
export function stripTitleMarks(key: string): string {
  // Most keys have no title marks: no regular expression for them (this runs on every lookup).
  if (key.charCodeAt(0) !== 0x300a || key.charCodeAt(key.length - 1) !== 0x300b) return key;
  return key.replace(/^《(.*)》$/u, '$1');
}

/**
 * A name written with its own short form in brackets (第二次联合国人类住区会议（人居二）) is also the
 * name without it: reports write the bracket after the name, not inside it.
 */
function withoutOwnShortForm(key: string, concept: KnownConcept): string {
  const last = key.charCodeAt(key.length - 1);
  if (last !== 0x29 && last !== 0xff09) return key;
  const m = /^(.+?)\s*[(（]([^()（）]+)[)）]$/u.exec(key);
  return m && concept.terms.some((t) => t.key === m[2]) ? m[1] : key;
}

/** Length of the longest common subsequence of two strings (code units). */
export function lcsLength(a: string, b: string): number {
  if (!a || !b) return 0;
  const prev = new Uint16Array(b.length + 1);
  const cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    prev.set(cur);
  }
  return prev[b.length];
}


const HAN_ONLY = /^[\p{Script=Han}\d]+$/u;

/**
 * Extraction's bounds of the near-miss rule (src/domain/near-miss.ts): one or two characters left
 * out (国际货币组织 for 国际货币基金组织) or slipped in (2019年冠状病毒病), never both, never a
 * substitution (世界贸易组织 / 世界卫生组织 are different bodies).
 */
const EXTRACTION_NEAR_MISS: NearMissLimits = { maxDistance: 2, maxSubstitutions: 0, oneDirection: true };
/** Official names shorter than this are not near-miss targets: too many short names differ by one character. */
const MIN_OFFICIAL_LENGTH = 5;

/**
 * How far a name is from an official name it may be a slip for, inside the name: the first and
 * last characters are the official name's (日益数字化 is not a slip for 数字化). Undefined when it is
 * not a near-miss: identical, an official name under five characters, or outside the bounds above.
 */
export function nearMissDistance(name: string, official: string): number | undefined {
  if (name === official || official.length < MIN_OFFICIAL_LENGTH || Math.abs(official.length - name.length) > 2) return undefined;
  if (name[0] !== official[0] || name[name.length - 1] !== official[official.length - 1]) return undefined;
  const distance = nearMissEditDistance(name, 0, name.length, official, EXTRACTION_NEAR_MISS);
  return distance < 0 ? undefined : distance;
}

export class ReferenceIndex {
  private readonly byKey = new Map<string, KnownMatch[]>();
  /** Official Chinese full names of reference concepts, by last character, for near-miss search. */
  private readonly officialByLastChar = new Map<string, KnownMatch[]>();
  private maxKeyLength = 0;
  private variantIndex: Map<string, KnownMatch> | undefined;
  private mentions: ReferencePatterns | undefined;
  readonly concepts: KnownConcept[];

  constructor(concepts: KnownConcept[]) {
    this.concepts = concepts;
    for (const concept of concepts) {
      for (const term of concept.terms) {
        const match = { concept, term };
        const keys = new Set([term.key, stripTitleMarks(term.key), withoutOwnShortForm(term.key, concept)]);
        for (const key of keys) {
          if (!key) continue;
          let list = this.byKey.get(key);
          if (!list) this.byKey.set(key, (list = []));
          list.push(match);
          this.maxKeyLength = Math.max(this.maxKeyLength, key.length);
        }
        if (concept.origin === 'reference' && term.lang === 'zh-Hans' && term.type === 'fullForm' && term.status !== 'deprecated') {
          const name = stripTitleMarks(term.key);
          if (HAN_ONLY.test(name)) {
            const last = name[name.length - 1];
            let list = this.officialByLastChar.get(last);
            if (!list) this.officialByLastChar.set(last, (list = []));
            list.push({ concept, term: { ...term, key: name } });
          }
        }
      }
    }
  }

  static empty(): ReferenceIndex {
    return new ReferenceIndex([]);
  }

  /** Every stored concept with its terms (reference and earlier extractions). */
  static fromStore(store: Store): ReferenceIndex {
    return new ReferenceIndex(ReferenceIndex.conceptsOfStore(store));
  }

  /** The stored concepts an index of the store is made of (reference-snapshot.ts keys its snapshots on them). */
  static conceptsOfStore(store: Store): KnownConcept[] {
    const concepts = store.getConcepts(store.conceptIdsOfTerms());
    const known: KnownConcept[] = [];
    for (const c of concepts.values()) {
      known.push({
        ref: c.extId && c.origin === 'reference' ? c.extId : `#${c.id}`,
        conceptId: c.id,
        extId: c.extId,
        category: c.category,
        origin: c.origin,
        terms: c.terms.map((t) => ({ id: t.id, text: t.text, lang: t.lang, type: t.type, status: t.status, key: t.key })),
      });
    }
    return known;
  }

  /** The reference glossary read from its files (for extraction without a database). */
  static fromGlossary(glossary: Pick<Glossary, 'concepts'>): ReferenceIndex {
    return new ReferenceIndex(
      glossary.concepts.map((c) => ({
        ref: c.id,
        extId: c.id,
        category: c.category,
        origin: 'reference' as const,
        terms: c.terms.map((t) => ({ text: t.text, lang: t.lang, type: t.type, status: t.status, key: termKey(t.text) })),
      })),
    );
  }

  /**
   * Everything derived from the concepts that costs a cold start time (their names' variants and
   * the scanner of their names), as plain data for reference-snapshot.ts to keep in a file.
   */
  snapshot(): ReferenceSnapshot {
    const conceptIndex = new Map(this.concepts.map((c, i) => [c, i]));
    const termRef = (m: KnownMatch): [number, number] => [conceptIndex.get(m.concept)!, m.concept.terms.indexOf(m.term)];
    const mentions = this.mentionPatterns();
    return {
      concepts: this.concepts,
      variants: [...this.variants()].map(([key, m]) => [key, ...termRef(m)]),
      mentions: { set: mentions.set.snapshot(), owners: mentions.owners },
    };
  }

  /** The index a snapshot was taken of (see snapshot()). */
  static fromSnapshot(snapshot: ReferenceSnapshot): ReferenceIndex {
    const index = new ReferenceIndex(snapshot.concepts);
    index.variantIndex = new Map(
      snapshot.variants.map(([key, c, t]) => {
        const concept = snapshot.concepts[c];
        return [key, { concept, term: concept.terms[t] }];
      }),
    );
    index.mentions = { set: PatternSet.fromSnapshot(snapshot.mentions.set), owners: snapshot.mentions.owners };
    return index;
  }

  /** Concepts having a term with this key (title marks ignored). */
  lookup(key: string): KnownMatch[] {
    return this.byKey.get(key) ?? this.byKey.get(stripTitleMarks(key)) ?? [];
  }

  /**
   * Names of reference concepts as they may also be written (data/name-variants.json): without or
   * with 联合国 / 联合国系统 in front, with 和/与/及 swapped. A variant that is some concept's own
   * term, or a variant of two different concepts, is left out. Keys are title-mark free.
   */
  variants(): Map<string, KnownMatch> {
    if (this.variantIndex) return this.variantIndex;
    const found = new Map<string, KnownMatch | null>();
    for (const concept of this.concepts) {
      if (concept.origin !== 'reference' || concept.category === 'concept' || concept.category === 'country') continue;
      for (const term of concept.terms) {
        if (term.lang === 'en' || term.status === 'deprecated') continue;
        for (const key of nameVariants(stripTitleMarks(term.key))) {
          if (this.byKey.has(key)) continue;
          const prior = found.get(key);
          found.set(key, prior === undefined || prior?.concept === concept ? { concept, term } : null);
        }
      }
    }
    this.variantIndex = new Map([...found].filter((e): e is [string, KnownMatch] => e[1] !== null));
    return this.variantIndex;
  }

  /**
   * The scanner for the reference glossary's names in texts, built once per index: every name of
   * three characters or more, acronyms as whole words, and the variants. Each pattern's owner says
   * which concept and term (or which name a variant varies).
   */
  mentionPatterns(): ReferencePatterns {
    if (this.mentions) return this.mentions;
    const patterns: Array<{ key: string; id: number }> = [];
    const owners: ReferencePatterns['owners'] = [];
    for (const concept of this.concepts) {
      if (concept.origin !== 'reference') continue;
      for (const term of concept.terms) {
        for (const key of searchableKeys(term)) {
          patterns.push({ key, id: owners.length });
          owners.push({ ref: concept.ref, key: term.key });
        }
      }
    }
    // Variants come after the names themselves: the same key keeps its first owner.
    for (const [key, match] of this.variants()) {
      if (key.length < 3) continue;
      patterns.push({ key, id: owners.length });
      owners.push({ ref: match.concept.ref, key: match.term.key, variantOf: match.term.text });
    }
    this.mentions = { set: new PatternSet(patterns), owners };
    return this.mentions;
  }

  /** The reference concept whose name this key is a variant of (see variants). */
  lookupVariant(key: string): KnownMatch | undefined {
    return this.variants().get(stripTitleMarks(key));
  }

  /** Chinese names worth teaching the segmenter (reference names of three characters or more). */
  chineseNames(): string[] {
    const out: string[] = [];
    for (const c of this.concepts) {
      if (c.origin !== 'reference') continue;
      for (const t of c.terms) {
        const name = stripTitleMarks(t.text);
        if (t.lang === 'zh-Hans' && name.length >= 3 && /^\p{Script=Han}+$/u.test(name)) out.push(name);
      }
    }
    return out;
  }

  /**
   * The longest known term whose key the normalised text ends with, optionally restricted
   * (for example to the concepts that have a given acronym). Returns its length in key units.
   */
  longestSuffix(normalized: string, accept: (m: KnownMatch) => boolean = () => true): { match: KnownMatch; length: number } | undefined {
    const max = Math.min(normalized.length, this.maxKeyLength);
    for (let len = max; len >= 2; len--) {
      const matches = this.byKey.get(normalized.slice(normalized.length - len));
      const match = matches?.find((m) => m.term.lang !== 'en' && accept(m));
      if (match) return { match, length: len };
    }
    return undefined;
  }

  /**
   * The official Chinese full name this name is a near-miss of: one or two characters left out or
   * added (国际货币组织 → 国际货币基金组织), same ending, and no other official name as close.
   * A substitution is not a near-miss: 世界贸易组织 and 世界卫生组织 are different bodies.
   */
  nearMiss(text: string, within?: (m: KnownMatch) => boolean): NearMiss | undefined {
    const name = stripTitleMarks(termKey(text));
    if (name.length < 4 || !HAN_ONLY.test(name)) return undefined;
    const candidates = this.officialByLastChar.get(name[name.length - 1]) ?? [];
    let best: NearMiss | undefined;
    let tie = false;
    for (const m of candidates) {
      if (within && !within(m)) continue;
      const distance = nearMissDistance(name, m.term.key);
      if (distance === undefined) continue;
      if (!best || distance < best.distance) {
        best = { ...m, distance };
        tie = false;
      } else if (distance === best.distance && m.concept !== best.concept) {
        tie = true;
      }
    }
    return tie ? undefined : best;
  }
}

export interface ReferenceSnapshot {
  concepts: KnownConcept[];
  /** Variant key, concept index, term index. */
  variants: Array<[string, number, number]>;
  mentions: { set: PatternSetSnapshot; owners: ReferencePatterns['owners'] };
}

export interface ReferencePatterns {
  set: PatternSet;
  owners: Array<{ ref: string; key: string; variantOf?: string }>;
}

/**
 * The keys a stored name is searched by in texts: names of three characters or more (titles with
 * and without their marks), acronyms only as short Latin words; shorter names are too ambiguous.
 */
export function searchableKeys(t: { key: string; lang: Lang; type: TermType }): string[] {
  const keys = [t.key];
  const bare = stripTitleMarks(t.key);
  if (bare !== t.key && bare.length >= 4) keys.push(bare);
  if (t.lang === 'en') return t.type === 'acronym' && /^[a-z0-9][a-z0-9&.\-/]{1,15}$/.test(t.key) && /[a-z]/.test(t.key) ? keys : [];
  return keys.filter((k) => k.length >= 3);
}

/**
 * The ways a name is also written (data/name-variants.json): an optional prefix dropped or added,
 * and the interchangeable conjunctions swapped; never the name itself, never under minLength.
 */
export function nameVariants(key: string): string[] {
  const { optionalPrefixes, interchangeable, notConjunctions, minLength } = lexicon().nameVariants;
  if (!/^\p{Script=Han}/u.test(key)) return [];
  const bases = [key];
  const prefix = optionalPrefixes.find((p) => key.startsWith(p));
  if (prefix) bases.push(key.slice(prefix.length));
  else for (const p of optionalPrefixes) bases.push(p + key);
  const out = new Set<string>();
  for (const base of bases) for (const v of swapConjunctions(base, interchangeable, notConjunctions)) out.add(v);
  out.delete(key);
  const generic = lexicon().genericNames;
  return [...out].filter((v) => v.length >= minLength && !generic.has(v));
}

/**
 * Every way of writing the text with each of its (first three) conjunctions replaced by another;
 * a conjunction character inside a word of `words` (和平, 埃及) is not one.
 */
function swapConjunctions(text: string, conjunctions: string[], words: string[]): string[] {
  const at: number[] = [];
  for (let i = 0; i < text.length && at.length < 3; i++) {
    if (!conjunctions.includes(text[i])) continue;
    if (words.some((w) => { const j = w.indexOf(text[i]); return text.startsWith(w, i - j); })) continue;
    at.push(i);
  }
  if (at.length === 0) return [text];
  let forms = [text];
  for (const i of at) forms = forms.flatMap((f) => conjunctions.map((c) => f.slice(0, i) + c + f.slice(i + 1)));
  return forms;
}
