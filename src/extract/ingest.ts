// Ingesting documents: register each text by content hash and store what extraction finds in it,
// all in one transaction. A document whose sha256 is already stored changes nothing.
//
// What is stored:
//  - a candidate linked to a stored concept (reference glossary, or an earlier ingest) adds its new
//    terms to that concept: a near-miss of an official name as a deprecated variant with a note,
//    other new names as admitted variants;
//  - any other candidate becomes a new concept (origin extraction, review status candidate) with
//    its full forms and short forms preferred and further names admitted;
//  - every occurrence of every term in the new documents, with about 30 characters of context.
import { sha256 } from '../store/repository.js';
import type { Store } from '../store/repository.js';
import { type ExtractedConcept, type ExtractedTerm, type ExtractionResult, extractFromTexts } from './pipeline.js';
import { ReferenceIndex } from './reference.js';
import { loadSegmenter } from './segment.js';
import type { SentencePair } from './english.js';

export interface IngestInput {
  name: string;
  text: string;
  /** The English original aligned with the text (ingest --en). */
  english?: SentencePair[];
}

export interface IngestedDocument {
  name: string;
  chars: number;
  /** false when a document with the same sha256 was already in the database. */
  created: boolean;
}

export interface IngestSummary {
  documents: IngestedDocument[];
  /** New concepts (origin extraction, review status candidate). */
  conceptsCreated: number;
  /** Candidates that were already stored concepts (reference glossary or earlier ingests). */
  conceptsLinked: number;
  termsAdded: number;
  /** Near-misses of official names stored as deprecated variants on the official concept. */
  nearMisses: number;
  occurrences: number;
}

export interface IngestOptions {
  /** Called after each document with (done, total). */
  onProgress?: (done: number, total: number, name: string) => void;
}

/** Registers the documents and stores their extracted terms, in one transaction. */
export function ingestTexts(store: Store, inputs: IngestInput[], options: IngestOptions = {}): IngestSummary {
  const summary: IngestSummary = { documents: [], conceptsCreated: 0, conceptsLinked: 0, termsAdded: 0, nearMisses: 0, occurrences: 0 };
  // Load the segmenter before taking the write lock when there is anything to extract.
  if (inputs.some((input) => !store.getDocumentBySha(sha256(input.text)))) loadSegmenter();
  store.transaction(() => {
    const fresh: Array<{ input: IngestInput; slot: number }> = [];
    const hashes = new Set<string>();
    inputs.forEach((input, slot) => {
      const hash = sha256(input.text);
      const stored = store.getDocumentBySha(hash);
      const created = !stored && !hashes.has(hash);
      hashes.add(hash);
      summary.documents.push({ name: input.name, chars: input.text.length, created });
      if (created) fresh.push({ input, slot });
    });
    if (fresh.length === 0) {
      inputs.forEach((input, i) => options.onProgress?.(i + 1, inputs.length, input.name));
      return;
    }
    const result = extractFromTexts(
      fresh.map((f) => f.input),
      { reference: ReferenceIndex.fromStore(store) },
    );
    const docIds = fresh.map((f) => store.addDocument(f.input.name, f.input.text).document.id);
    storeResult(store, result, docIds, summary);
    inputs.forEach((input, i) => options.onProgress?.(i + 1, inputs.length, input.name));
  });
  return summary;
}

function storeResult(store: Store, result: ExtractionResult, docIds: number[], summary: IngestSummary): void {
  for (const concept of result.concepts) {
    if (concept.frequency === 0 && concept.extractors.every((e) => e === 'reference')) continue;
    const conceptId = conceptFor(store, concept, summary);
    const termIds = new Map<string, number>();
    const stored = store.termsOfConcept(conceptId);
    for (const term of concept.terms) {
      const same = stored.find((t) => t.lang === term.lang && t.key === term.key);
      if (same) {
        termIds.set(term.text, same.id);
        continue;
      }
      if (term.origin !== 'extraction') continue;
      const source = firstDocument(concept, term, result);
      const { term: added, created } = store.addTerm(conceptId, {
        text: term.text,
        lang: term.lang,
        type: term.type,
        status: statusFor(store, conceptId, term),
        origin: 'extraction',
        source: source ? `extracted from ${source}` : concept.evidence && term.lang === 'en' ? `aligned English of ${concept.evidence.doc}` : 'extraction',
        note: noteOf(concept, term),
        verified: false,
      });
      termIds.set(term.text, added.id);
      if (created) {
        summary.termsAdded++;
        if (term.status === 'deprecated' && concept.linked) summary.nearMisses++;
      }
    }
    for (const o of concept.occurrences) {
      const termId = termIds.get(o.term);
      if (termId === undefined) continue;
      store.addOccurrence(termId, docIds[o.docIndex], o.start, o.end, o.context);
      summary.occurrences++;
    }
  }
}

/** The stored concept a candidate goes to: the one it was linked to, or a new candidate concept. */
function conceptFor(store: Store, concept: ExtractedConcept, summary: IngestSummary): number {
  const linked = concept.reference?.conceptId;
  if (linked !== undefined && store.getConceptRecord(linked)) {
    summary.conceptsLinked++;
    return linked;
  }
  summary.conceptsCreated++;
  return store.createConcept({
    category: concept.category,
    origin: 'extraction',
    reviewStatus: 'candidate',
    note: concept.otherName ? `Name in the original language: ${concept.otherName}` : null,
  });
}

/** Preferred stays preferred unless another concept already prefers the same form. */
function statusFor(store: Store, conceptId: number, term: ExtractedTerm): ExtractedTerm['status'] {
  if (term.status !== 'preferred') return term.status;
  const clash = store.findTermsByKey(term.key).some((t) => t.conceptId !== conceptId && t.lang === term.lang && t.status === 'preferred');
  return clash ? 'admitted' : 'preferred';
}

function firstDocument(concept: ExtractedConcept, term: ExtractedTerm, result: ExtractionResult): string | undefined {
  const o = concept.occurrences.find((x) => x.term === term.text);
  return o ? result.documents[o.docIndex]?.name : undefined;
}

/** Longest sentence quoted in a note. */
const EVIDENCE_CHARS = 300;

/** A term's note; an English name read in the aligned original quotes the sentence pair. */
function noteOf(concept: ExtractedConcept, term: ExtractedTerm): string | null {
  if (term.lang !== 'en' || !concept.evidence || term.origin !== 'extraction' || !term.note) return term.note ?? null;
  const cut = (s: string) => (s.length > EVIDENCE_CHARS ? `${s.slice(0, EVIDENCE_CHARS)}…` : s);
  return `${term.note} (${concept.evidence.doc}): "${cut(concept.evidence.en)}" = "${cut(concept.evidence.zh)}"`;
}
