// Draft checker throughput: characters per second on drafts built from the seeds' paragraphs
// (100k / 250k / 500k characters, to show it is linear), against the default database (reference
// glossary + seeds) and against a synthetic 100,000-term glossary; automaton build time and
// memory. Scanning (automaton + longest-match selection + near-miss search) is timed apart from
// normalisation (domain/normalize.ts) and from the full check (all rules, ids, grouping).
// Baseline in the same run: a naive search (indexOf for every term) over the same text.
import fs from 'node:fs';
import path from 'node:path';
import { normalizeWithOffsets } from '../src/domain/normalize.js';
import type { Concept, Term } from '../src/domain/types.js';
import { initDatabase } from '../src/setup.js';
import { openDatabase } from '../src/store/db.js';
import { Store } from '../src/store/repository.js';
import { type TermIndex, buildTermIndex } from '../src/check/term-index.js';
import { termIndexFor } from '../src/check/live-index.js';
import { scanText } from '../src/check/scan.js';
import { checkDraft } from '../src/check/checker.js';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const seedsDir = path.join(process.cwd(), 'seeds');
const paragraphs = fs
  .readdirSync(seedsDir)
  .sort()
  .flatMap((f) => fs.readFileSync(path.join(seedsDir, f), 'utf8').split('\n'))
  .map((l) => l.trim())
  .filter((l) => l.length > 20);

/** A draft of `size` characters: the seeds' paragraphs in a shuffled order, repeated. */
function draftOf(size: number): string {
  let seed = 42;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff);
  const parts: string[] = [];
  let n = 0;
  while (n < size) {
    const p = paragraphs[Math.floor(rnd() * paragraphs.length)];
    parts.push(p);
    n += p.length + 1;
  }
  return parts.join('\n').slice(0, size);
}

function best<T>(runs: number, fn: () => T): { ms: number; value: T } {
  let ms = Infinity;
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = fn();
    ms = Math.min(ms, performance.now() - t);
  }
  return { ms, value };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mcs = (chars: number, ms: number) => fmt((chars / ms) * 1000);

// ---- default database (in memory)
const store = new Store(openDatabase(':memory:'));
await initDatabase(store);
gc();
const heap0 = process.memoryUsage().heapUsed;
const built = best(1, () => termIndexFor(store));
gc();
const defaultIndex = built.value;
const defaultHeap = process.memoryUsage().heapUsed - heap0;

// ---- synthetic 100,000-term glossary: real-looking names from the seeds' characters + suffixes
function syntheticIndex(count: number): { index: TermIndex; ms: number; heap: number } {
  const han = [...new Set(paragraphs.join('').match(/\p{Script=Han}/gu) ?? [])];
  const suffixes = ['组织', '委员会', '联合会', '协会', '中心', '基金', '论坛', '理事会', '计划署', '银行', '研究所', '伙伴关系'];
  let seed = 7;
  const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) % n);
  const terms: Term[] = [];
  const concepts = new Map<number, Concept>();
  const now = new Date().toISOString();
  const keys = new Set<string>();
  for (const t of defaultIndex.concepts.values()) for (const x of t.terms) keys.add(x.key);
  let id = 1;
  while (terms.length < count) {
    const conceptId = Math.floor(terms.length / 2) + 1;
    const name = Array.from({ length: 3 + rnd(6) }, () => han[rnd(han.length)]).join('') + suffixes[rnd(suffixes.length)];
    if (keys.has(name)) continue;
    keys.add(name);
    if (!concepts.has(conceptId)) {
      concepts.set(conceptId, { id: conceptId, extId: `syn.${conceptId}`, category: 'organization', subject: null, definition: null, note: null, reviewStatus: 'approved', origin: 'reference', createdAt: now, updatedAt: now });
    }
    const variant = terms.length % 2 === 1;
    terms.push({ id: id++, conceptId, text: name, lang: 'zh-Hans', type: variant ? 'variant' : 'fullForm', status: variant ? 'deprecated' : 'preferred', key: name, origin: 'reference', source: 'synthetic', note: variant ? 'synthetic' : null, verified: true, createdAt: now, updatedAt: now });
  }
  // plus the real terms, so the real names are found too
  for (const c of defaultIndex.concepts.values()) {
    concepts.set(c.id + 10_000_000, { id: c.id + 10_000_000, extId: c.extId, category: c.category, subject: null, definition: null, note: null, reviewStatus: c.reviewStatus, origin: c.origin, createdAt: now, updatedAt: now });
    for (const t of c.terms) terms.push({ ...t, id: id++, conceptId: c.id + 10_000_000, source: null, note: t.note, createdAt: now, updatedAt: now });
  }
  gc();
  const h0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const index = buildTermIndex(terms, (cid) => concepts.get(cid));
  const ms = performance.now() - t0;
  gc();
  return { index, ms, heap: process.memoryUsage().heapUsed - h0 };
}
const big = syntheticIndex(100_000);

// ---- throughput
const sizes = [100_000, 250_000, 500_000];
const drafts = new Map(sizes.map((s) => [s, draftOf(s)]));
const norms = new Map(sizes.map((s) => [s, normalizeWithOffsets(drafts.get(s)!)]));

function naiveBaselineMs(index: TermIndex, text: string): number {
  const keys = index.patterns.filter((p) => !p.blocker).map((p) => p.key);
  return best(1, () => {
    let n = 0;
    for (const k of keys) for (let i = text.indexOf(k); i >= 0; i = text.indexOf(k, i + 1)) n++;
    return n;
  }).ms;
}

// Warm-up: let the JIT compile the scanner and the rules before anything is timed.
for (const index of [defaultIndex, big.index]) for (let i = 0; i < 3; i++) checkDraft(index, drafts.get(100_000)!, { name: 'warm-up' });

const rows: string[] = [];
const linear: Record<string, number[]> = {};
for (const [label, index] of [
  ['default', defaultIndex],
  ['100k terms', big.index],
] as const) {
  for (const size of sizes) {
    const text = drafts.get(size)!;
    const norm = norms.get(size)!;
    const normalise = best(3, () => normalizeWithOffsets(text));
    const scan = best(5, () => scanText(index, text, { norm }));
    const full = best(3, () => checkDraft(index, text, { name: 'bench' }));
    (linear[label] ??= []).push(scan.ms);
    rows.push(
      `| ${label} | ${fmt(size)} | ${scan.ms.toFixed(1)} | **${mcs(size, scan.ms)}** | ${normalise.ms.toFixed(1)} | ${full.ms.toFixed(1)} | ${mcs(size, full.ms)} | ${fmt(scan.value.occurrences.length)} | ${scan.value.nearMisses.length} | ${fmt(scan.value.anchorsExamined)} |`,
    );
  }
}

// Baseline: naive indexOf per term, on a 100k slice (the 100k-term baseline would take minutes on more).
const slice = drafts.get(100_000)!;
const sliceNorm = norms.get(100_000)!.text;
const baseDefault = naiveBaselineMs(defaultIndex, sliceNorm);
const scanDefault = best(5, () => scanText(defaultIndex, slice, { norm: norms.get(100_000)! })).ms;
const baseBig = naiveBaselineMs(big.index, sliceNorm.slice(0, 20_000));
const scanBig = best(5, () => scanText(big.index, slice.slice(0, 20_000))).ms;

const ratio = (label: string) => (linear[label][2] / linear[label][0]).toFixed(2);
const out = `## Draft checker (\`check\`)

Drafts built from the seeds' paragraphs (shuffled, repeated). **Scan** = automaton pass +
longest-match selection + near-miss search, over text already normalised; **normalise** =
\`normalizeWithOffsets\` (src/domain); **full check** = normalise + scan + all rules + ids +
grouping. Best of 3–5 runs.

### Index

| glossary | terms | concepts | automaton states | automaton typed arrays | heap after build | build time | near-miss targets |
|---|---|---|---|---|---|---|---|
| default (reference glossary + seeds) | ${fmt(defaultIndex.stats.terms)} | ${fmt(defaultIndex.stats.concepts)} | ${fmt(defaultIndex.stats.states)} | ${(defaultIndex.stats.automatonBytes / 2 ** 20).toFixed(1)} MiB | ${(defaultHeap / 2 ** 20).toFixed(1)} MiB | ${built.ms.toFixed(0)} ms | ${fmt(defaultIndex.stats.nearMissTargets)} |
| synthetic 100k + default | ${fmt(big.index.stats.terms)} | ${fmt(big.index.stats.concepts)} | ${fmt(big.index.stats.states)} | ${(big.index.stats.automatonBytes / 2 ** 20).toFixed(1)} MiB | ${(big.heap / 2 ** 20).toFixed(1)} MiB | ${big.ms.toFixed(0)} ms | ${fmt(big.index.stats.nearMissTargets)} |

### Throughput

| glossary | draft chars | scan ms | scan chars/s | normalise ms | full check ms | full check chars/s | occurrences | near-misses | anchors examined |
|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Linearity (scan time 500k / 100k; 5.00 = linear): default ${ratio('default')}, 100k terms ${ratio('100k terms')}.

### Against a naive search (same run)

| glossary | text | naive indexOf per term | automaton scan (with near-misses) | speed-up |
|---|---|---|---|---|
| default | 100,000 chars | ${baseDefault.toFixed(1)} ms | ${scanDefault.toFixed(1)} ms | ${(baseDefault / scanDefault).toFixed(1)}× |
| 100k terms | 20,000 chars | ${baseBig.toFixed(1)} ms | ${scanBig.toFixed(1)} ms | ${(baseBig / scanBig).toFixed(0)}× |
`;
process.stdout.write(out);
store.db.close();
