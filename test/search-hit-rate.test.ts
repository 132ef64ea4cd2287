// hit@3 over generated queries: the reference glossary plus the UNBIS thesaurus
// (../shared/data/unbis-thesaurus.en-zh.tsv, skipped when absent) as concepts, and for each
// concept the query variants translators type — Traditional script, partial and two-character
// Chinese, English typos and word order, lower-case acronyms, names without 联合国 / United
// Nations, full pinyin and initials — made programmatically from the real terms.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGlossary, readGlossaryDir } from '../src/reference/glossary.js';
import { initDatabase } from '../src/setup.js';
import { type HitReport, formatHitReport, kindsUnderFloor, loadUnbis, missingConcepts, readUnbis, storeHitRate } from '../bench/eval.js';
import { lookup } from '../src/search/lookup.js';
import type { Store } from '../src/store/repository.js';
import { PROJECT_ROOT, memoryStore, sharedFile } from './helpers.js';

const unbisFile = sharedFile('data', 'unbis-thesaurus.en-zh.tsv');

// Floors set a little under what was measured (600 queries, 2026-11: 97.5–97.8 % overall; every
// kind 98–100 % except two-character Chinese, 78–80 %, which is ambiguous by nature: 发展 names
// hundreds of concepts). The margin absorbs glossary growth; a change that makes lookup worse at
// any kind of query fails here.
const OVERALL_FLOOR = 0.95;
const KIND_FLOORS: Record<string, number> = {
  exact: 0.98,
  'acronym-lower-case': 0.9,
  traditional: 0.95,
  'zh-partial': 0.9,
  'zh-two-characters': 0.65,
  'en-typo': 0.9,
  'en-word-order': 0.9,
  'without-un-prefix': 0.9,
  'pinyin-full': 0.9,
  'pinyin-initials': 0.9,
};

describe.skipIf(!unbisFile)('hit@3 over the reference glossary and the UNBIS thesaurus', () => {
  let store: Store;
  let report: HitReport;

  beforeAll(async () => {
    store = memoryStore();
    await initDatabase(store, { seeds: false });
    loadGlossary(store, missingConcepts(store, readGlossaryDir(path.join(PROJECT_ROOT, 'test', 'fixtures', 'search', 'glossary'))));
    loadUnbis(store, readUnbis(unbisFile!));
    report = storeHitRate(store, (q) => lookup(store, q, { limit: 3 }).results.map((r) => r.conceptId), { seed: 3, count: 600, sampleSeed: 5 });
    console.info(formatHitReport('lookup hit@3', report));
  }, 120_000);
  afterAll(() => store?.db.close());

  it('is measured over at least 200 queries of every kind the issue lists', () => {
    expect(report.total).toBeGreaterThanOrEqual(200);
    for (const kind of Object.keys(KIND_FLOORS)) expect(report.byKind[kind]?.total ?? 0, kind).toBeGreaterThanOrEqual(10);
  });

  it(`finds the concept in the first three results for at least ${OVERALL_FLOOR * 100} % of the queries`, () => {
    expect(report.rate).toBeGreaterThanOrEqual(OVERALL_FLOOR);
  });

  it('keeps the floor of every kind of query', () => {
    expect(kindsUnderFloor(report, KIND_FLOORS)).toEqual([]);
  });
});
