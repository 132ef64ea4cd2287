// Lookup benchmark (`npm run bench -- lookup`): the in-memory lookup engine against a plain fuse.js
// index over the same terms, in the same run, on
//   (a) the default glossary (glossary/, with the test fixture for concepts it still lacks) plus
//       the UNBIS thesaurus from ../shared/data, and
//   (b) (a) grown to 100,000 concepts with generated UN body names that recombine real parts
//       (UNBIS descriptors as topics, body types, qualifiers and regions from
//       test/fixtures/search/name-parts.json), e.g. "Regional Committee on Water Resources for
//       Africa" = 非洲水资源区域委员会;
// then HTTP lookups per second on loopback with autocannon against createApp (GET /api/search),
// the server in a child process so the load generator does not share its event loop.
// Prints a Markdown section on stdout; progress on stderr.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Fuse from 'fuse.js';
import { normalizeKey } from '../src/domain/normalize.js';
import { openDatabase } from '../src/store/db.js';
import { Store } from '../src/store/repository.js';
import { loadGlossary, readGlossaryDir } from '../src/reference/glossary.js';
import { GLOSSARY_DIR, PROJECT_ROOT } from '../src/paths.js';
import { createHash } from 'node:crypto';
import { initDatabase } from '../src/setup.js';
import { lookup, lookupIndex } from '../src/search/lookup.js';
import { buildTermIndex } from '../src/search/term-index.js';
import {
  type EvalConcept,
  type EvalQuery,
  dropAmbiguous,
  generateQueries,
  hitAtK,
  loadUnbis,
  missingConcepts,
  readUnbis,
  sampleQueries,
  seededRandom,
} from './eval.js';
import { createApp } from '../src/server/app.js';

const require = createRequire(import.meta.url);
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
}
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;

const SELF = fileURLToPath(import.meta.url);
const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'search');
const UNBIS = path.join(PROJECT_ROOT, '..', 'shared', 'data', 'unbis-thesaurus.en-zh.tsv');
const TARGET_CONCEPTS = 100_000;
/** Change when growStore() changes, so a cached generated glossary is not reused. */
const GENERATOR_VERSION = 'lookup-bench-1';
const log = (m: string) => process.stderr.write(`${m}\n`);

// ---------------------------------------------------------------- data

/** The reference glossary (initDatabase without seeds), the fixture for concepts it lacks, UNBIS. */
async function buildBaseStore(file: string): Promise<Store> {
  const store = new Store(openDatabase(file));
  await initDatabase(store, { seeds: false });
  loadGlossary(store, missingConcepts(store, readGlossaryDir(path.join(FIXTURES, 'glossary'))));
  if (fs.existsSync(UNBIS)) loadUnbis(store, readUnbis(UNBIS));
  else log('[skip] ../shared/data/unbis-thesaurus.en-zh.tsv is absent: (a) is the glossary alone');
  return store;
}

interface NameParts {
  bodies: Array<[string, string]>;
  qualifiers: Array<[string, string]>;
  regions: Array<[string, string]>;
  unPrefixShare: number;
}

const SMALL_WORDS = new Set(['a', 'an', 'and', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);
function titleCase(upper: string): string {
  return upper
    .toLowerCase()
    .split(' ')
    .map((w, i) => (i > 0 && SMALL_WORDS.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

/** Adds generated UN body names until the store holds `target` concepts. */
function growStore(store: Store, target: number): number {
  const parts = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'name-parts.json'), 'utf8')) as NameParts;
  const topics = (fs.existsSync(UNBIS) ? readUnbis(UNBIS) : [])
    .filter((r) => !/[,()]/.test(r.en) && !/[，（）、]/.test(r.zh) && r.en.split(' ').length <= 5)
    .map((r) => ({ en: titleCase(r.en), zh: r.zh }));
  if (topics.length === 0) throw new Error('the generated glossary needs the UNBIS thesaurus for its topics');
  const random = seededRandom(2024);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const have = store.stats().concepts;
  const seen = new Set<string>();
  let made = 0;
  store.transaction(() => {
    while (have + made < target) {
      const topic = pick(topics);
      const [bodyEn, bodyZh] = pick(parts.bodies);
      const [qualEn, qualZh] = pick(parts.qualifiers);
      const [regionEn, regionZh] = pick(parts.regions);
      const un = random() < parts.unPrefixShare;
      const en = `${un ? 'United Nations ' : ''}${qualEn ? `${qualEn} ` : ''}${bodyEn} on ${topic.en}${regionEn ? ` for ${regionEn}` : ''}`;
      const zh = `${un ? '联合国' : ''}${regionZh}${topic.zh}${qualZh}${bodyZh}`;
      if (seen.has(en) || seen.has(zh)) continue;
      seen.add(en);
      seen.add(zh);
      const id = store.createConcept({ extId: `gen:${made}`, category: 'body', origin: 'import', reviewStatus: random() < 0.8 ? 'approved' : 'candidate' });
      store.addTerm(id, { text: zh, lang: 'zh-Hans', type: 'fullForm', status: 'preferred', origin: 'import' });
      store.addTerm(id, { text: en, lang: 'en', type: 'fullForm', status: 'preferred', origin: 'import' });
      if (random() < 0.5) {
        const letters = en
          .split(/[\s-]+/)
          .filter((w) => /^[A-Z]/.test(w))
          .map((w) => w[0])
          .join('');
        if (letters.length >= 3 && letters.length <= 8) store.addTerm(id, { text: letters, lang: 'en', type: 'acronym', status: 'preferred', origin: 'import' });
      }
      made++;
    }
  });
  return made;
}

/**
 * (a) grown to 100,000 concepts. Generating takes minutes (every term goes through the store's
 * normalisation and triggers), so the result is kept in the temp folder under a hash of
 * everything it is made from and reused by the next run.
 */
async function grownStore(file: string): Promise<Store> {
  const hash = createHash('sha256').update(GENERATOR_VERSION).update(fs.readFileSync(path.join(FIXTURES, 'name-parts.json')));
  if (fs.existsSync(UNBIS)) hash.update(fs.readFileSync(UNBIS));
  hash.update(readGlossaryDir(GLOSSARY_DIR).hash).update(readGlossaryDir(path.join(FIXTURES, 'glossary')).hash);
  const cached = path.join(os.tmpdir(), `termdesk-bench-lookup-${hash.digest('hex').slice(0, 16)}.sqlite`);
  if (fs.existsSync(cached)) {
    log(`── reusing the 100,000-concept glossary in ${cached}`);
    fs.copyFileSync(cached, file);
    return new Store(openDatabase(file));
  }
  log('── growing a copy to 100,000 concepts (a few minutes; kept for the next run) …');
  const store = await buildBaseStore(file);
  growStore(store, TARGET_CONCEPTS);
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  fs.copyFileSync(file, cached);
  return store;
}

function evalConcepts(store: Store, ids: number[]): EvalConcept[] {
  const concepts = store.getConcepts(ids);
  return ids.flatMap((id) => {
    const c = concepts.get(id);
    return c ? [{ id, terms: c.terms }] : [];
  });
}

function allConceptIds(store: Store): number[] {
  const ids = new Set<number>();
  for (const t of store.iterateTerms()) ids.add(t.conceptId);
  return [...ids];
}

// ---------------------------------------------------------------- measuring

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Timing {
  p50: number;
  p99: number;
  mean: number;
}

/** Times each query; stops early (and says so through the count) once `budgetMs` is spent. */
function time(queries: EvalQuery[], run: (q: string) => unknown, budgetMs = Infinity): Timing & { count: number } {
  const ms: number[] = [];
  const started = performance.now();
  for (const q of queries) {
    if (performance.now() - started > budgetMs) break;
    const t = performance.now();
    run(q.query);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), mean: ms.reduce((a, b) => a + b, 0) / ms.length, count: ms.length };
}

/** Per query the fastest of `runs` runs: what the engine costs, without the scheduler's pauses on a busy machine. */
function timeBestOf(queries: EvalQuery[], run: (q: string) => unknown, runs: number): Timing {
  const best = queries.map(() => Infinity);
  for (let k = 0; k < runs; k++) {
    queries.forEach((q, i) => {
      const t = performance.now();
      run(q.query);
      best[i] = Math.min(best[i], performance.now() - t);
    });
  }
  best.sort((a, b) => a - b);
  return { p50: percentile(best, 50), p99: percentile(best, 99), mean: best.reduce((a, b) => a + b, 0) / best.length };
}

function heapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function fuseBaseline(store: Store) {
  const docs: Array<{ key: string; conceptId: number }> = [];
  for (const t of store.iterateTerms()) docs.push({ key: t.key, conceptId: t.conceptId });
  const started = performance.now();
  const fuse = new Fuse(docs, { keys: ['key'], includeScore: true, ignoreLocation: true, threshold: 0.4 });
  const buildMs = performance.now() - started;
  const search = (q: string): number[] => {
    const out: number[] = [];
    for (const r of fuse.search(normalizeKey(q), { limit: 30 })) if (!out.includes(r.item.conceptId)) out.push(r.item.conceptId);
    return out;
  };
  return { search, buildMs, terms: docs.length };
}

const ours = (store: Store) => (q: string) => lookup(store, q, { limit: 10 }).results.map((r) => r.conceptId);

const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);
const pct = (n: number) => `${(100 * n).toFixed(1)} %`;

interface DatasetReport {
  lines: string[];
}

function measureDataset(name: string, store: Store, queries: EvalQuery[], fuseQueries: number, fuseBudgetMs: number): DatasetReport {
  const stats = store.stats();
  log(`── ${name}: ${stats.concepts} concepts, ${stats.terms} terms; building the index …`);
  const before = heapMiB();
  const index = lookupIndex(store);
  const indexMiB = heapMiB() - before;
  const terms = [...store.iterateTerms()];
  const rebuildStarted = performance.now();
  buildTermIndex(terms, index.revision, index);
  const rebuildMs = performance.now() - rebuildStarted;

  const search = ours(store);
  for (const q of queries.slice(0, 50)) search(q.query); // warm up the JIT
  const ourTiming = time(queries, search);
  const ourBest = timeBestOf(queries, search, 3);
  const ourHits = hitAtK(queries, search, 3);
  log(`   TermDesk: p50 ${f2(ourTiming.p50)} ms, p99 ${f2(ourTiming.p99)} ms, hit@3 ${pct(ourHits.rate)} over ${queries.length} queries`);

  log(`   fuse.js baseline over ${terms.length} terms (${Math.min(fuseQueries, queries.length)} queries) …`);
  const fuse = fuseBaseline(store);
  const candidates = sampleQueries(queries, fuseQueries, 11);
  fuse.search(candidates[0].query);
  // fuse.js takes seconds a query at 100,000 concepts: time as many as fit in the budget, then
  // compare both engines on exactly those.
  const fuseTiming = time(candidates, fuse.search, fuseBudgetMs);
  const subset = candidates.slice(0, fuseTiming.count);
  const fuseHits = hitAtK(subset, fuse.search, 3);
  const ourSubsetTiming = time(subset, search);
  const ourSubsetHits = hitAtK(subset, search, 3);

  const kinds = Object.keys(ourHits.byKind);
  const lines = [
    `### ${name}`,
    '',
    `${stats.concepts.toLocaleString('en')} concepts, ${stats.terms.toLocaleString('en')} terms. Index: built in ${f1(index.buildMs)} ms from the store (${f1(rebuildMs)} ms to rebuild after a change, reusing pinyin readings), ${f1(indexMiB)} MiB of heap.`,
    '',
    '| engine | queries | p50 ms | p99 ms | mean ms | hit@3 |',
    '|---|---:|---:|---:|---:|---:|',
    `| TermDesk lookup | ${queries.length} | ${f2(ourTiming.p50)} | ${f2(ourTiming.p99)} | ${f2(ourTiming.mean)} | ${pct(ourHits.rate)} |`,
    `| TermDesk lookup, best of 3 runs per query | ${queries.length} | ${f2(ourBest.p50)} | ${f2(ourBest.p99)} | ${f2(ourBest.mean)} | |`,
    `| TermDesk lookup (fuse.js subset) | ${subset.length} | ${f2(ourSubsetTiming.p50)} | ${f2(ourSubsetTiming.p99)} | ${f2(ourSubsetTiming.mean)} | ${pct(ourSubsetHits.rate)} |`,
    `| fuse.js scan (same subset) | ${subset.length} | ${f2(fuseTiming.p50)} | ${f2(fuseTiming.p99)} | ${f2(fuseTiming.mean)} | ${pct(fuseHits.rate)} |`,
    '',
    `Speed-up over the fuse.js scan on the same queries: **${f1(fuseTiming.p50 / ourSubsetTiming.p50)}×** at p50, **${f1(fuseTiming.p99 / ourSubsetTiming.p99)}×** at p99 (fuse.js index built in ${f1(fuse.buildMs)} ms over ${fuse.terms.toLocaleString('en')} terms; options: keys=[key], ignoreLocation, threshold 0.4, normalised query).`,
    '',
    '| query kind | queries | TermDesk hit@3 | fuse.js hit@3 (subset) |',
    '|---|---:|---:|---:|',
    ...kinds.map((k) => {
      const o = ourHits.byKind[k];
      const f = fuseHits.byKind[k];
      return `| ${k} | ${o.total} | ${pct(o.hits / o.total)} | ${f ? `${pct(f.hits / f.total)} (${f.total})` : '–'} |`;
    }),
    '',
  ];
  const misses = ourHits.misses.slice(0, 8).map((m) => `\`${m.query}\` (${m.kind}, from ${m.from})`);
  if (misses.length) lines.push(`Some misses: ${misses.join('; ')}.`, '');
  return { lines };
}

async function measureHttp(file: string, queries: EvalQuery[]): Promise<string[]> {
  const child = fork(SELF, ['--serve', file], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const requests = queries.slice(0, 200).map((q) => ({ method: 'GET', path: `/api/search?q=${encodeURIComponent(q.query)}&limit=10` }));
  const run = (duration: number) => autocannon({ url: `http://127.0.0.1:${port}`, connections: 16, duration, requests });
  await run(2); // warm up
  const r = await run(10);
  child.send('stop');
  await new Promise((resolve) => child.once('exit', resolve));
  return [
    '### HTTP: GET /api/search on loopback',
    '',
    `autocannon, 16 connections, 10 s, cycling through ${requests.length} of the queries of (a); the server (createApp) in its own process.`,
    '',
    '| requests/s | latency p50 ms | latency p99 ms | total | non-2xx | errors |',
    '|---:|---:|---:|---:|---:|---:|',
    `| ${Math.round(r.requests.average).toLocaleString('en')} | ${r.latency.p50} | ${r.latency.p99} | ${r.requests.total.toLocaleString('en')} | ${r.non2xx} | ${r.errors} |`,
    '',
  ];
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'termdesk-bench-lookup-'));
  try {
    const fileA = path.join(dir, 'a.sqlite');
    const a = await buildBaseStore(fileA);
    const aConcepts = evalConcepts(a, allConceptIds(a));
    const aQueries = sampleQueries(dropAmbiguous(generateQueries(aConcepts, { seed: 3 }), aConcepts), 600, 5);
    const load = os.loadavg()[0];
    const out: string[] = [
      '## Lookup',
      '',
      `Load average when the run started: ${load.toFixed(1)} on ${os.cpus().length} cores (other work on the machine pauses single queries: the "best of 3 runs" row shows the engine's own cost).`,
      '',
    ];
    out.push(...measureDataset('(a) default glossary + UNBIS thesaurus', a, aQueries, 200, 60_000).lines);

    const b = await grownStore(path.join(dir, 'b.sqlite'));
    const grown = b.stats().concepts - a.stats().concepts;
    const bIds = allConceptIds(b);
    const random = seededRandom(99);
    const sampleIds = bIds.filter(() => random() < 6000 / bIds.length);
    const bAll = evalConcepts(b, bIds);
    const bQueries = sampleQueries(dropAmbiguous(generateQueries(evalConcepts(b, sampleIds), { seed: 4 }), bAll), 600, 6);
    const bReport = measureDataset(`(b) 100,000 concepts (${grown.toLocaleString('en')} generated)`, b, bQueries, 60, 90_000);
    out.push(...bReport.lines);
    b.db.close();

    a.db.close();
    log('── HTTP …');
    out.push(...(await measureHttp(fileA, aQueries)));
    out.push(
      'Goals (issue 5): p99 ≤ 10 ms at 100,000 concepts; ≥ 10× faster than the fuse.js scan there with equal or better hit@3; ≥ 2,000 lookups/s over HTTP on 2 cores.',
    );
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- entry: the benchmark, or the server child of its HTTP part

if (process.argv[2] === '--serve') {
  const store = new Store(openDatabase(process.argv[3]));
  lookupIndex(store);
  const server = createApp({ store, config: { host: '127.0.0.1' } }).listen(0, '127.0.0.1', () => {
    const addr = server.address();
    process.send!({ port: typeof addr === 'object' && addr ? addr.port : 0 });
  });
  process.on('message', () => server.close(() => process.exit(0)));
} else {
  await main();
}
