// The extraction pipeline: texts in, concept candidates out, nothing written.
//
//  1. Prepare every document (mask URLs and markers; jieba learns the reference names first).
//  2. Run the extractors on each document: short forms, acronyms, titles, symbols, enumerations
//     (which need the names found in brackets so as not to split them at a 、).
//  3. Rank recurring terms over all documents, leaving out every occurrence of a name found so far.
//  4. Merge candidates that share a term (same full name across documents, a short form or an
//     acronym joining its full name) and link each group to the reference glossary: exactly, by an
//     alias, or as a near-miss of an official name (kept as a deprecated variant).
//  5. Find every occurrence of every term, and of every reference name, in every document.
import type { Category, Lang, TermStatus, TermType } from '../domain/types.js';
import { extractAcronyms } from './acronyms.js';
import { findBrackets } from './brackets.js';
import { type PreparedDocument, contextSnippet, displayForm, prepareDocument } from './document.js';
import { extractEnumerations } from './enumerations.js';
import { NameEvidence, extractNames } from './names.js';
import { type EnglishCandidate, type EnglishEvidence, type LocatedPair, type NameMention, type SentencePair, assignEnglish, englishSpans, locatePairs, pairAt } from './english.js';
import { type Hit, PatternSet, termKey } from './occurrences.js';
import { type RecurringOptions, extractRecurringTerms } from './recurring.js';
import { type KnownConcept, ReferenceIndex, lcsLength, searchableKeys, stripTitleMarks } from './reference.js';
import { addWords } from './segment.js';
import { extractShortForms } from './short-forms.js';
import { extractSymbols, extractTitles } from './titles.js';
import type { Candidate, CandidateTerm, ExtractorId } from './types.js';

export interface ExtractInput {
  name: string;
  text: string;
  /** The English original aligned with the text, sentence by sentence (extract --en). */
  english?: SentencePair[];
}

export interface ExtractOptions {
  /** What is already known (reference glossary, earlier ingests). Default: nothing. */
  reference?: ReferenceIndex;
  /** Options of the recurring-term extractor, or false to skip it. */
  recurring?: RecurringOptions | false;
  /** Also report reference concepts whose names occur in the text (default true). */
  referenceMentions?: boolean;
}

export type TermOrigin = 'extraction' | 'reference' | 'existing';

export interface ExtractedTerm {
  text: string;
  lang: Lang;
  type: TermType;
  status: TermStatus;
  /** Where the term comes from: read in the text, or a term the linked concept already has. */
  origin: TermOrigin;
  key: string;
  frequency: number;
  note?: string;
}

export interface ExtractedOccurrence {
  /** Index of the document in the input list. */
  docIndex: number;
  doc: string;
  term: string;
  start: number;
  end: number;
  context: string;
}

export interface ExtractedConcept {
  category: Category;
  terms: ExtractedTerm[];
  occurrences: ExtractedOccurrence[];
  frequency: number;
  /** True when the concept is a reference glossary concept. */
  linked: boolean;
  /** The reference (or earlier stored) concept this candidate is. */
  reference?: { ref: string; extId: string | null; conceptId?: number; origin: string };
  extractors: ExtractorId[];
  /** Termhood of a recurring term. */
  score?: number;
  /** A name in a language other than Chinese and English, kept as a note. */
  otherName?: string;
  /** The aligned sentences the English of a new name was read in (extract --en). */
  evidence?: EnglishEvidence;
}

export interface ExtractionResult {
  documents: Array<{ name: string; chars: number }>;
  concepts: ExtractedConcept[];
}

/** Extractor priority when a merged group's category must be chosen. */
const PRIORITY: ExtractorId[] = ['short-form', 'acronym', 'title', 'enumeration', 'name', 'symbol', 'reference', 'recurring'];

function keysOf(term: CandidateTerm): string[] {
  const key = termKey(term.text);
  const bare = stripTitleMarks(key);
  return bare !== key && bare.length >= 4 ? [key, bare] : [key];
}

/** Runs the extractors and returns concept candidates with their occurrences. */
export function extractFromTexts(inputs: ExtractInput[], options: ExtractOptions = {}): ExtractionResult {
  const reference = options.reference ?? ReferenceIndex.empty();
  addWords(reference.chineseNames());
  const docs = inputs.map((input, i) => prepareDocument(input.name, input.text, i));
  const evidence = NameEvidence.of(reference);

  // 2. Per-document extractors.
  const candidates: Candidate[] = [];
  for (const doc of docs) {
    const groups = findBrackets(doc);
    const bracketed = [...extractShortForms(doc, groups, reference), ...extractAcronyms(doc, groups, reference)];
    const protectedSpans = bracketed.flatMap((c) =>
      c.terms.filter((t) => t.lang !== 'en' && t.start !== undefined).map((t) => ({ start: t.start!, end: t.end! })),
    );
    const titles = extractTitles(doc, groups);
    candidates.push(...bracketed, ...titles, ...extractSymbols(doc));
    const enumerated = extractEnumerations(doc, groups, protectedSpans, reference);
    candidates.push(...enumerated);
    const found = [...protectedSpans, ...[...titles, ...enumerated].map((c) => ({ start: c.start, end: c.end }))];
    candidates.push(...extractNames(doc, groups, found, reference, evidence));
  }

  // 3. Recurring terms, outside every occurrence of the names found so far and of reference names.
  if (options.recurring !== false) {
    const nameKeys = new Set<string>();
    for (const c of candidates) if (c.category !== 'concept') for (const t of c.terms) for (const k of keysOf(t)) nameKeys.add(k);
    for (const c of reference.concepts) {
      if (c.origin === 'reference' && c.category !== 'concept') for (const t of c.terms) if (t.lang !== 'en') nameKeys.add(t.key);
    }
    const names = new PatternSet([...nameKeys].map((key, id) => ({ key, id })));
    const exclude = new Map(docs.map((d) => [d.index, names.scan(d)]));
    candidates.push(...extractRecurringTerms(docs, { ...(options.recurring ?? {}), exclude }));
  }

  const groups = mergeCandidates(candidates);
  const concepts = groups.map((g) => buildConcept(g, reference));
  if (options.referenceMentions !== false) addReferenceMentions(concepts, reference);
  attachOccurrences(concepts, groups, docs, reference);
  const pairs = inputs.map((input) => (input.english ? locatePairs(input.text, input.english) : undefined));
  if (pairs.some((p) => p !== undefined)) attachEnglish(concepts, docs, pairs, reference);
  const sorted = concepts
    .filter((c) => c.frequency > 0 || c.extractors.some((e) => e !== 'reference'))
    .sort((a, b) => firstSeen(a) - firstSeen(b));
  return { documents: docs.map((d) => ({ name: d.name, chars: d.text.length })), concepts: sorted };
}

function firstSeen(c: ExtractedConcept): number {
  const o = c.occurrences[0];
  return o ? o.docIndex * 1e9 + o.start : Number.MAX_SAFE_INTEGER;
}

/** Groups of candidates that share a term key (union-find). */
function mergeCandidates(candidates: Candidate[]): Candidate[][] {
  const parent = candidates.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const owner = new Map<string, number>();
  candidates.forEach((c, i) => {
    for (const t of c.terms) {
      for (const key of keysOf(t)) {
        const j = owner.get(key);
        if (j === undefined) owner.set(key, i);
        else parent[find(i)] = find(j);
      }
    }
  });
  const byRoot = new Map<number, Candidate[]>();
  candidates.forEach((c, i) => {
    const root = find(i);
    let list = byRoot.get(root);
    if (!list) byRoot.set(root, (list = []));
    list.push(c);
  });
  return [...byRoot.values()];
}

/** The stored concept a group is: the one most of its terms belong to (full names count most). */
function linkGroup(terms: CandidateTerm[], reference: ReferenceIndex): { concept: KnownConcept; nearMiss?: string; variantOf?: string } | undefined {
  const scores = new Map<KnownConcept, number>();
  const zhNames = terms.filter((t) => t.lang !== 'en' && t.type !== 'shortForm').map((t) => stripTitleMarks(termKey(t.text)));
  for (const t of terms) {
    for (const key of keysOf(t)) {
      for (const m of reference.lookup(key)) {
        let weight = t.type === 'fullForm' || t.type === 'variant' ? 3 : 2;
        if (t.lang === 'en' && t.type === 'acronym') {
          // An acronym alone links only when the Chinese name is close to one the concept has:
          // the same letters can stand for different bodies.
          const theirs = m.concept.terms.filter((x) => x.lang !== 'en').map((x) => stripTitleMarks(x.key));
          const close = zhNames.length === 0 || zhNames.some((a) => theirs.some((b) => lcsLength(a, b) >= 0.5 * Math.min(a.length, b.length)));
          if (!close) continue;
        }
        if (m.concept.origin === 'reference') weight += 0.5;
        scores.set(m.concept, (scores.get(m.concept) ?? 0) + weight);
      }
    }
  }
  let best: KnownConcept | undefined;
  for (const [c, s] of scores) if (!best || s > scores.get(best)!) best = c;
  if (best) return { concept: best };
  // A known name written a little differently (儿童基金会, 联合国安全理事会, 经济合作和发展组织).
  for (const t of terms) {
    if (t.lang === 'en' || t.type === 'shortForm') continue;
    const variant = reference.lookupVariant(termKey(t.text));
    if (variant) return { concept: variant.concept, variantOf: variant.term.text };
  }
  for (const t of terms) {
    if (t.lang === 'en' || t.type === 'shortForm') continue;
    const near = reference.nearMiss(t.text, (m) => m.concept.origin === 'reference');
    if (near) return { concept: near.concept, nearMiss: near.term.text };
  }
  return undefined;
}

const STATUS_RANK: Record<TermStatus, number> = { preferred: 0, admitted: 1, deprecated: 2 };

function buildConcept(group: Candidate[], reference: ReferenceIndex): ExtractedConcept {
  const ordered = [...group].sort((a, b) => PRIORITY.indexOf(a.extractor) - PRIORITY.indexOf(b.extractor));
  const allTerms = group.flatMap((c) => c.terms);
  const link = linkGroup(allTerms, reference);
  const known = link?.concept;
  const terms: ExtractedTerm[] = [];
  const byKey = new Map<string, ExtractedTerm>();
  if (known) {
    for (const t of known.terms) {
      const term: ExtractedTerm = { text: t.text, lang: t.lang, type: t.type, status: t.status, origin: known.origin === 'reference' ? 'reference' : 'existing', key: t.key, frequency: 0 };
      terms.push(term);
      if (!byKey.has(t.key)) byKey.set(t.key, term);
      const bare = stripTitleMarks(t.key);
      if (!byKey.has(bare)) byKey.set(bare, term);
    }
  }
  // Extracted terms, the most frequently attested first within each type.
  const hasPreferred = (lang: Lang, type: TermType) =>
    terms.some((t) => t.lang === lang && t.status === 'preferred' && (t.type === type || (type === 'fullForm' && t.type === 'variant')));
  for (const c of ordered) {
    for (const t of c.terms) {
      const key = termKey(t.text);
      if (byKey.has(key) || byKey.has(stripTitleMarks(key))) continue;
      let { type } = t;
      let status: TermStatus = t.status ?? 'preferred';
      let note = t.note;
      const nearMiss = link?.nearMiss && t.lang !== 'en' && t.type !== 'shortForm' ? reference.nearMiss(t.text) : undefined;
      const variant = link?.variantOf && t.lang !== 'en' ? reference.lookupVariant(key) : undefined;
      if (nearMiss && nearMiss.concept === known) {
        type = 'variant';
        status = 'deprecated';
        note = `near-miss of the official name ${nearMiss.term.text}`;
      } else if (variant && variant.concept === known) {
        type = 'variant';
        status = 'admitted';
        note = variantNote(variant.term.text);
      } else if (status !== 'deprecated' && hasPreferred(t.lang, type)) {
        // A second name of the same kind: an admitted variant (or short form, acronym).
        status = 'admitted';
        if (type === 'fullForm') type = 'variant';
      }
      if (type === 'abbreviation' && terms.some((x) => x.type === 'fullForm')) status = 'admitted';
      const term: ExtractedTerm = { text: t.text, lang: t.lang, type, status, origin: 'extraction', key, frequency: 0, ...(note ? { note } : {}) };
      terms.push(term);
      byKey.set(key, term);
    }
  }
  terms.sort((a, b) => (a.lang === b.lang ? 0 : a.lang === 'en' ? 1 : b.lang === 'en' ? -1 : 0) || STATUS_RANK[a.status] - STATUS_RANK[b.status]);
  const score = group.find((c) => c.score !== undefined)?.score;
  const otherName = group.find((c) => c.otherName)?.otherName;
  return {
    category: known?.category ?? ordered[0].category,
    terms,
    occurrences: [],
    frequency: 0,
    linked: known?.origin === 'reference',
    ...(known ? { reference: { ref: known.ref, extId: known.extId, conceptId: known.conceptId, origin: known.origin } } : {}),
    extractors: [...new Set(ordered.map((c) => c.extractor))],
    ...(score !== undefined ? { score } : {}),
    ...(otherName ? { otherName } : {}),
  };
}

/** Reference concepts named in the text that no extractor produced, as concepts of their own. */
function addReferenceMentions(concepts: ExtractedConcept[], reference: ReferenceIndex): void {
  const present = new Set(concepts.map((c) => c.reference?.ref).filter((r): r is string => !!r));
  for (const known of reference.concepts) {
    if (known.origin !== 'reference' || present.has(known.ref)) continue;
    const terms = known.terms.map((t) => ({ text: t.text, lang: t.lang, type: t.type, status: t.status, origin: 'reference' as const, key: t.key, frequency: 0 }));
    concepts.push({
      category: known.category,
      terms,
      occurrences: [],
      frequency: 0,
      linked: true,
      reference: { ref: known.ref, extId: known.extId, conceptId: known.conceptId, origin: known.origin },
      extractors: ['reference'],
    });
  }
}

/** The concept's term for a reference name as written in the text (an admitted variant), added once. */
function variantTerm(concept: ExtractedConcept, text: string, official: string): ExtractedTerm {
  const key = termKey(text);
  let term = concept.terms.find((t) => t.key === key);
  if (!term) {
    term = { text, lang: 'zh-Hans', type: 'variant', status: 'admitted', origin: 'extraction', key, frequency: 0, note: variantNote(official) };
    concept.terms.push(term);
  }
  return term;
}

/** Searchable keys of a term found or stored outside the reference glossary (extracted ones always). */
function searchable(t: ExtractedTerm): string[] {
  if (t.origin !== 'extraction') return searchableKeys(t);
  const bare = stripTitleMarks(t.key);
  return bare !== t.key && bare.length >= 4 ? [t.key, bare] : [t.key];
}

/**
 * The hits of two scans as one leftmost-longest scan would give them: at each start the longest
 * hit (this extraction's names first when as long), and nothing that starts inside a hit taken.
 */
function leftmostLongest(own: Hit[], reference: Hit[]): Array<{ hit: Hit; own: boolean }> {
  const before = (a: { hit: Hit; own: boolean }, b: { hit: Hit; own: boolean }) =>
    a.hit.start - b.hit.start || b.hit.end - a.hit.end || (a.own === b.own ? 0 : a.own ? -1 : 1);
  const tagged = (hits: Hit[], isOwn: boolean) => hits.map((hit) => ({ hit, own: isOwn }));
  const ordered = (xs: Array<{ hit: Hit; own: boolean }>) => xs.every((x, i) => i === 0 || before(xs[i - 1], x) <= 0);
  const a = tagged(own, true);
  const b = tagged(reference, false);
  // Each scan gives its hits in order already: merging the two is the stable sort of both, without
  // sorting tens of thousands of hits through a comparator on every cold run.
  let all: Array<{ hit: Hit; own: boolean }>;
  if (ordered(a) && ordered(b)) {
    all = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) all.push(j >= b.length || (i < a.length && before(a[i], b[j]) <= 0) ? a[i++] : b[j++]);
  } else {
    all = [...a, ...b].sort(before);
  }
  const out: Array<{ hit: Hit; own: boolean }> = [];
  let end = -1;
  for (const x of all) {
    if (x.hit.start < end) continue;
    out.push(x);
    end = x.hit.end;
  }
  return out;
}

/** The note on a name linked to a reference concept because it is written a little differently. */
function variantNote(official: string): string {
  return `written differently from the reference name ${official}`;
}

function attachOccurrences(concepts: ExtractedConcept[], groups: Candidate[][], docs: PreparedDocument[], reference: ReferenceIndex): void {
  // Two scanners: one for the names of this extraction (and earlier ingests), built here, and the
  // reference glossary's, built once per reference index (reference.mentionPatterns).
  const patterns: Array<{ key: string; id: number }> = [];
  const owners: Array<{ concept: ExtractedConcept; term: ExtractedTerm }> = [];
  const byRef = new Map<string, ExtractedConcept>();
  concepts.forEach((concept) => {
    if (concept.linked && concept.reference) byRef.set(concept.reference.ref, concept);
    for (const term of concept.terms) {
      if (term.origin === 'reference') continue;
      for (const key of searchable(term)) {
        patterns.push({ key, id: owners.length });
        owners.push({ concept, term });
      }
    }
  });
  const set = new PatternSet(patterns);
  const mentions = reference.mentionPatterns();
  const termOf = (hit: Hit, doc: PreparedDocument, own: boolean): { concept: ExtractedConcept; term: ExtractedTerm } | undefined => {
    if (own) return owners[hit.id];
    const owner = mentions.owners[hit.id];
    const concept = byRef.get(owner.ref);
    if (!concept) return undefined;
    if (owner.variantOf) return { concept, term: variantTerm(concept, displayForm(doc.text.slice(hit.start, hit.end)), owner.variantOf) };
    const term = concept.terms.find((t) => t.key === owner.key && t.origin === 'reference');
    return term ? { concept, term } : undefined;
  };
  const seen = new Set<string>();
  const add = (concept: ExtractedConcept, term: ExtractedTerm, doc: PreparedDocument, start: number, end: number) => {
    const id = `${doc.index}:${start}:${term.key}`;
    if (seen.has(id)) return;
    seen.add(id);
    term.frequency++;
    concept.frequency++;
    concept.occurrences.push({ docIndex: doc.index, doc: doc.name, term: term.text, start, end, context: contextSnippet(doc.text, start, end) });
  };
  for (const doc of docs) {
    for (const { hit, own } of leftmostLongest(set.scan(doc), mentions.set.scan(doc))) {
      const found = termOf(hit, doc, own);
      if (found) add(found.concept, found.term, doc, hit.start, hit.end);
    }
  }
  // Defining spans the scan cannot see (a name read around a bracket: 东南亚国家联盟(东盟)和东亚经济研究所).
  groups.forEach((group, gi) => {
    const concept = concepts[gi];
    for (const c of group) {
      for (const t of c.terms) {
        if (t.start === undefined || t.end === undefined) continue;
        const key = termKey(t.text);
        const term = concept.terms.find((x) => x.key === key || stripTitleMarks(x.key) === stripTitleMarks(key));
        if (term) add(concept, term, docs[c.doc], t.start, t.end);
      }
    }
  });
  for (const c of concepts) c.occurrences.sort((a, b) => a.docIndex - b.docIndex || a.start - b.start);
}

/** Occurrences of a concept tried for its English: the first few of its full names. */
const ENGLISH_TRIES = 5;

/**
 * The English name (and acronym) of every new name, read in the aligned English sentence of one
 * of its occurrences (english.ts); the sentence pair is kept as evidence. Concepts the glossary or
 * the database already has keep their own English, and where it stands in an English sentence no
 * new name of that sentence pair can take it. The names of one sentence pair get their English
 * together (assignEnglish), so two of them cannot swap or share a phrase.
 */
function attachEnglish(concepts: ExtractedConcept[], docs: PreparedDocument[], pairs: Array<LocatedPair[] | undefined>, reference: ReferenceIndex): void {
  const needsEnglish = (c: ExtractedConcept) =>
    !c.reference &&
    c.category !== 'concept' &&
    c.category !== 'country' &&
    !c.terms.some((t) => t.lang === 'en' && t.type !== 'acronym' && t.type !== 'abbreviation');
  const inPair = new Map<LocatedPair, { doc: number; mentions: NameMention[]; forms: string[] }>();
  const entryOf = (pair: LocatedPair, doc: number) => {
    let entry = inPair.get(pair);
    if (!entry) inPair.set(pair, (entry = { doc, mentions: [], forms: [] }));
    return entry;
  };
  concepts.forEach((concept, id) => {
    const wanted = needsEnglish(concept);
    const english = concept.terms.filter((t) => t.lang === 'en').map((t) => t.text);
    if (!wanted && english.length === 0) return;
    const acronym = concept.terms.find((t) => t.lang === 'en' && t.type === 'acronym')?.text;
    let tries = 0;
    for (const o of concept.occurrences) {
      const docPairs = pairs[o.docIndex];
      const pair = docPairs && pairAt(docPairs, o.start, o.end);
      if (!pair) continue;
      if (!wanted) {
        entryOf(pair, o.docIndex).forms.push(...english);
        continue;
      }
      const term = concept.terms.find((t) => t.text === o.term);
      if (!term || term.lang === 'en' || term.type === 'shortForm' || tries >= ENGLISH_TRIES) continue;
      tries++;
      const at = ((o.start + o.end) / 2 - pair.start) / Math.max(1, pair.end - pair.start);
      entryOf(pair, o.docIndex).mentions.push({ id, name: term.text, at, ...(acronym ? { acronym } : {}) });
    }
  });
  const best = new Map<number, { found: EnglishCandidate; pair: LocatedPair; doc: PreparedDocument }>();
  for (const [pair, { doc, mentions, forms }] of inPair) {
    if (mentions.length === 0) continue;
    for (const [id, found] of assignEnglish(pair, mentions, reference, englishSpans(pair.en, forms))) {
      const before = best.get(id);
      if (!before || found.score > before.found.score) best.set(id, { found, pair, doc: docs[doc] });
    }
  }
  const note = 'read in the aligned English sentence';
  for (const [id, { found, pair, doc }] of best) {
    const concept = concepts[id];
    const acronym = concept.terms.find((t) => t.lang === 'en' && t.type === 'acronym')?.text;
    const add = (text: string, type: TermType) => {
      const key = termKey(text);
      if (concept.terms.some((t) => t.lang === 'en' && t.key === key)) return;
      concept.terms.push({ text, lang: 'en', type, status: 'preferred', origin: 'extraction', key, frequency: 0, note });
    };
    add(found.name, 'fullForm');
    if (found.acronym && !acronym) add(found.acronym, 'acronym');
    concept.evidence = { doc: doc.name, zh: pair.zh, en: pair.en };
  }
}
