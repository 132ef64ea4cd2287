// hit@3 over generated queries: for each concept, the query variants translators type —
// Traditional script, partial and two-character Chinese, English typos and word order, lower-case
// acronyms, names without 联合国 / United Nations, full pinyin and initials — made programmatically
// from the real terms (bench/eval.ts). Two stores: the data the repository holds (the reference
// glossary in glossary/ and the search fixture), which always runs; and that plus the UNBIS
// thesaurus (../shared/data/unbis-thesaurus.en-zh.tsv, skipped when absent).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HitReport, formatHitReport, kindsUnderFloor, loadUnbis, missingConcepts, readUnbis, storeHitRate } from '../bench/eval.js';
import { loadGlossary, readGlossaryDir } from '../src/reference/glossary.js';
import { lookup } from '../src/search/lookup.js';
import { initDatabase } from '../src/setup.js';
import type { Store } from '../src/store/repository.js';
import { PROJECT_ROOT, memoryStore, sharedFile } from './helpers.js';

const unbisFile = sharedFile('data', 'unbis-thesaurus.en-zh.tsv');

// Floors set a little under what was measured (2026-11/12: 97.5–97.8 % overall with UNBIS over 600
// queries, 97.5 % on the repository's data over 400; every kind 97.5–100 % except two-character
// Chinese, 77–80 %, which is ambiguous by nature: 发展 names hundreds of concepts). The margin
// absorbs glossary growth (glossary/ is edited often); a change that makes lookup worse at any
// kind of query fails here. After the glossary grew to 2,686 concepts (issue 15): 97.3 % on the
// repository's data (two-character Chinese 72.5–77.5 % over two query samples) and 97.2 % with
// UNBIS (two-character Chinese 75 %). The glossary now holds many UNBIS descriptors; loadUnbis
// takes a descriptor the glossary already has as that concept (as an import merges it) instead of
// a second concept with the same two names, which had pushed two-character Chinese to 65-70 %.
const OVERALL_FLOOR = 0.95;
const KIND_FLOORS: Record<string, number> = {
  exact: 0.98,
  'acronym-lower-case': 0.9,
  traditional: 0.95,
  'zh-partial': 0.9,
  'zh-two-characters': 0.6, // 0.65 with UNBIS (more queries, measured 78–80 %)
  'en-typo': 0.9,
  'en-word-order': 0.9,
  'without-un-prefix': 0.9,
  'pinyin-full': 0.9,
  'pinyin-initials': 0.9,
};

interface HitRateCase {
  /** Loads the concepts beyond the reference glossary. */
  load: (store: Store) => void;
  queries: { seed: number; count: number; sampleSeed: number };
  /** Fewest queries of each kind for the measure to count. */
  perKind: number;
  /** Floors that differ from KIND_FLOORS for this store. */
  floors?: Record<string, number>;
}

function describeHitRate(title: string, c: HitRateCase): void {
  let store: Store;
  let report: HitReport;

  beforeAll(async () => {
    store = memoryStore();
    await initDatabase(store, { seeds: false });
    loadGlossary(store, missingConcepts(store, readGlossaryDir(path.join(PROJECT_ROOT, 'test', 'fixtures', 'search', 'glossary'))));
    c.load(store);
    report = storeHitRate(store, (q) => lookup(store, q, { limit: 3 }).results.map((r) => r.conceptId), c.queries);
    console.info(formatHitReport(`lookup hit@3 (${title})`, report));
  }, 120_000);
  afterAll(() => store?.db.close());

  it(`is measured over at least 200 queries, ${c.perKind} or more of every kind`, () => {
    expect(report.total).toBeGreaterThanOrEqual(200);
    for (const kind of Object.keys(KIND_FLOORS)) expect(report.byKind[kind]?.total ?? 0, kind).toBeGreaterThanOrEqual(c.perKind);
  });

  it(`finds the concept in the first three results for at least ${OVERALL_FLOOR * 100} % of the queries`, () => {
    expect(report.rate, `misses: ${report.misses.slice(0, 8).map((m) => `${m.kind}: ${m.query}`).join(', ')}`).toBeGreaterThanOrEqual(OVERALL_FLOOR);
  });

  it('keeps the floor of every kind of query', () => {
    expect(kindsUnderFloor(report, { ...KIND_FLOORS, ...c.floors })).toEqual([]);
  });
}

describe('hit@3 over the repository glossary (no ../shared needed)', () => {
  describeHitRate('repository glossary', { load: () => {}, queries: { seed: 5, count: 400, sampleSeed: 11 }, perKind: 20 });
});

describe.skipIf(!unbisFile)('hit@3 over the reference glossary and the UNBIS thesaurus', () => {
  describeHitRate('with UNBIS', { load: (store) => loadUnbis(store, readUnbis(unbisFile!)), queries: { seed: 3, count: 600, sampleSeed: 5 }, perKind: 10, floors: { 'zh-two-characters': 0.65 } });
});
