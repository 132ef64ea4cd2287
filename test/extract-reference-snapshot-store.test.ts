// The reference index of a database's concepts kept between runs (referenceFromConcepts in
// src/extract/reference-snapshot.ts): read back, it extracts what the index built from the store
// extracts; any change in the database names another snapshot; only the most recent are kept.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestTexts } from '../src/extract/ingest.js';
import { extractFromTexts } from '../src/extract/pipeline.js';
import { ReferenceIndex } from '../src/extract/reference.js';
import { referenceFromConcepts, storeSnapshotName } from '../src/extract/reference-snapshot.js';
import { loadGlossary, readGlossaryDir } from '../src/reference/glossary.js';
import { FIXTURE_GLOSSARY, seed } from './fixtures/extract/helpers.js';
import { memoryStore, tempDir } from './helpers.js';

const cache = tempDir('termdesk-store-snapshot-test-');
afterAll(() => fs.rmSync(cache, { recursive: true, force: true }));

const { text } = seed('003');
const extract = (reference: ReferenceIndex) =>
  JSON.stringify(extractFromTexts([{ name: 'seed', text }], { reference, recurring: false }).concepts.map((c) => [c.reference?.ref, c.terms.map((t) => t.text), c.occurrences.map((o) => o.start)]));

describe("the reference index of a database's concepts, kept between runs", () => {
  const store = memoryStore();
  loadGlossary(store, readGlossaryDir(FIXTURE_GLOSSARY));

  it('is written on the first run and read on the next, and extracts what the store-built index extracts', () => {
    const concepts = ReferenceIndex.conceptsOfStore(store);
    const file = path.join(cache, storeSnapshotName(concepts));
    const built = referenceFromConcepts(concepts, cache);
    expect(fs.existsSync(file)).toBe(true);
    const written = fs.statSync(file).mtimeMs;
    const read = referenceFromConcepts(ReferenceIndex.conceptsOfStore(store), cache);
    expect(fs.statSync(file).mtimeMs).toBe(written);
    expect(extract(read)).toBe(extract(ReferenceIndex.fromStore(store)));
    expect(extract(built)).toBe(extract(ReferenceIndex.fromStore(store)));
  });

  it("reads the database's concepts in the order of their terms, every concept that has one", () => {
    const byTerm = [...new Set([...store.iterateTerms()].map((t) => t.conceptId))];
    expect(store.conceptIdsOfTerms()).toEqual([...store.iterateTerms()].map((t) => t.conceptId));
    expect(ReferenceIndex.conceptsOfStore(store).map((c) => c.conceptId)).toEqual(byTerm);
  });

  it('a change in the database (an ingest) names another snapshot', () => {
    const before = storeSnapshotName(ReferenceIndex.conceptsOfStore(store));
    ingestTexts(store, [{ name: 'seed', text }]);
    const concepts = ReferenceIndex.conceptsOfStore(store);
    expect(storeSnapshotName(concepts)).not.toBe(before);
    // The ingested names are known to the index read back.
    const read = referenceFromConcepts(concepts, cache);
    expect(read.concepts.length).toBe(concepts.length);
    expect(extract(read)).toBe(extract(ReferenceIndex.fromStore(store)));
  });

  it('keeps only the four most recent snapshots of databases', () => {
    const dir = tempDir('termdesk-store-snapshot-prune-');
    try {
      const names = ['一号测试机构', '二号测试机构', '三号测试机构', '四号测试机构', '五号测试机构', '六号测试机构'];
      names.forEach((name, i) => {
        const concepts = [{ ref: `#${i}`, conceptId: i, extId: null, category: 'organization' as const, origin: 'extraction' as const, terms: [{ id: i, text: name, lang: 'zh-Hans' as const, type: 'fullForm' as const, status: 'preferred' as const, key: name }] }];
        referenceFromConcepts(concepts, dir);
        // Distinct modification times, oldest first.
        const file = path.join(dir, storeSnapshotName(concepts));
        fs.utimesSync(file, new Date(1_000_000 + i * 1000), new Date(1_000_000 + i * 1000));
      });
      expect(fs.readdirSync(dir).filter((f) => f.endsWith('.v8')).length).toBe(4);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
