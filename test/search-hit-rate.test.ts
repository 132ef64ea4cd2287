// hit@3 over generated queries: the reference glossary plus the UNBIS thesaurus
// (../shared/data/unbis-thesaurus.en-zh.tsv, skipped when absent) as concepts, and for each
// concept the query variants translators type — Traditional script, partial and two-character
// Chinese, English typos and word order, lower-case acronyms, names without 联合国 / United
// Nations, full pinyin and initials — made programmatically from the real terms.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGlossary, readGlossaryDir } from '../src/reference/glossary.js';
import { initDatabase } from '../src/setup.js';
import { type EvalQuery, type HitReport, dropAmbiguous, generateQueries, hitAtK, loadUnbis, missingConcepts, readUnbis, sampleQueries } from '../bench/eval.js';
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
  let queries: EvalQuery[];
  let report: HitReport;

  beforeAll(async () => {
    store = memoryStore();
    await initDatabase(store, { seeds: false });
    loadGlossary(store, missingConcepts(store, readGlossaryDir(path.join(PROJECT_ROOT, 'test', 'fixtures', 'search', 'glossary'))));
    loadUnbis(store, readUnbis(unbisFile!));
    const ids = new Set<number>();
    for (const t of store.iterateTerms()) ids.add(t.conceptId);
    const concepts = [...store.getConcepts([...ids]).values()].map((c) => ({ id: c.id, terms: c.terms }));
    queries = sampleQueries(dropAmbiguous(generateQueries(concepts, { seed: 3 }), concepts), 600, 5);
    report = hitAtK(queries, (q) => lookup(store, q, { limit: 3 }).results.map((r) => r.conceptId), 3);
    const lines = Object.entries(report.byKind).map(([k, v]) => `  ${k.padEnd(20)} ${v.hits}/${v.total} = ${((100 * v.hits) / v.total).toFixed(1)} %`);
    console.info(`lookup hit@3: ${report.hits}/${report.total} = ${(100 * report.rate).toFixed(1)} %\n${lines.join('\n')}`);
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
    for (const [kind, floor] of Object.entries(KIND_FLOORS)) {
      const k = report.byKind[kind];
      expect(k.hits / k.total, `${kind}: ${k.hits}/${k.total}; misses: ${report.misses.filter((m) => m.kind === kind).slice(0, 5).map((m) => m.query).join(', ')}`).toBeGreaterThanOrEqual(floor);
    }
  });
});
