// Draft checker throughput: characters per second on drafts built from the seeds' paragraphs
// (100k / 250k / 500k characters, to show it is linear), against the default database (reference
// glossary + seeds) and against a synthetic 100,000-term glossary; automaton build time and
// memory. Scanning (automaton + longest-match selection + near-miss search) is timed apart from
// normalisation (domain/normalize.ts) and from the full check (all rules, ids, grouping). Then
// drafts of 1,000,000 characters made only of near-misses (the worst case of the near-miss search).
// Baselines in the same run: the checker as it was at CHECK_BASELINE (default: the branch base2,
// before issue 14), read with `git archive` into var/bench-baseline/ and run on the same terms and
// drafts; and a naive search (indexOf for every term).
import { spawnSync } from 'node:child_process';
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

// ---- the baseline checker, from git
interface CheckerModules {
  label: string;
  buildTermIndex: (terms: Iterable<Term>, conceptOf: (id: number) => Concept | undefined) => unknown;
  checkDraft: (index: unknown, text: string, options?: { name?: string }) => unknown;
}
async function baselineChecker(): Promise<CheckerModules | null> {
  const ref = process.env.CHECK_BASELINE ?? 'base2';
  const sha = spawnSync('git', ['rev-parse', '--short', ref], { encoding: 'utf8' });
  if (sha.status !== 0) {
    process.stderr.write(`check bench: no baseline (git ref ${ref} not found)\n`);
    return null;
  }
  const dir = path.join(process.cwd(), 'var', 'bench-baseline', sha.stdout.trim());
  if (!fs.existsSync(path.join(dir, 'src', 'check', 'checker.ts'))) {
    fs.mkdirSync(dir, { recursive: true });
    const tar = spawnSync('sh', ['-c', `git archive --format=tar ${ref} src | tar -x -C "${dir}"`], { stdio: 'inherit' });
    if (tar.status !== 0) return null;
  }
  const index = await import(path.join(dir, 'src', 'check', 'term-index.ts'));
  const checker = await import(path.join(dir, 'src', 'check', 'checker.ts'));
  return { label: `${ref} (${sha.stdout.trim()})`, buildTermIndex: index.buildTermIndex, checkDraft: checker.checkDraft };
}
const baseline = await baselineChecker();
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
function syntheticIndex(count: number): { index: TermIndex; ms: number; heap: number; terms: Term[]; concepts: Map<number, Concept> } {
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
  return { index, ms, heap: process.memoryUsage().heapUsed - h0, terms, concepts };
}
const big = syntheticIndex(100_000);
const baseDefaultIndex = baseline?.buildTermIndex(store.iterateTerms(), (id) => store.getConceptRecord(id));
const baseBigIndex = baseline?.buildTermIndex(big.terms, (id) => big.concepts.get(id));

// ---- throughput
const sizes = [100_000, 250_000, 500_000];
const drafts = new Map(sizes.map((s) => [s, draftOf(s)]));
const norms = new Map(sizes.map((s) => [s, normalizeWithOffsets(drafts.get(s)!)]));

function naiveBaselineMs(index: TermIndex, text: string): number {
  const keys = Array.from({ length: index.patterns.length }, (_, i) => index.patterns.at(i)!).filter((p) => !p.blocker).map((p) => p.key);
  return best(1, () => {
    let n = 0;
    for (const k of keys) for (let i = text.indexOf(k); i >= 0; i = text.indexOf(k, i + 1)) n++;
    return n;
  }).ms;
}

// Warm-up: let the JIT compile the scanner and the rules before anything is timed.
for (const index of [defaultIndex, big.index]) for (let i = 0; i < 3; i++) checkDraft(index, drafts.get(100_000)!, { name: 'warm-up' });
if (baseline) for (const index of [baseDefaultIndex, baseBigIndex]) for (let i = 0; i < 2; i++) baseline.checkDraft(index, drafts.get(100_000)!, { name: 'warm-up' });

const rows: string[] = [];
const linear: Record<string, number[]> = {};
const fullRate: Record<string, number> = {};
for (const [label, index, baseIndex] of [
  ['default', defaultIndex, baseDefaultIndex],
  ['100k terms', big.index, baseBigIndex],
] as const) {
  for (const size of sizes) {
    const text = drafts.get(size)!;
    const norm = norms.get(size)!;
    const normalise = best(3, () => normalizeWithOffsets(text));
    const scan = best(5, () => scanText(index, text, { norm }));
    // The checker and its baseline in turns, best of five each: the machine's load moves both alike.
    let fullMs = Infinity;
    let before = baseline ? Infinity : Number.NaN;
    for (let run = 0; run < 5; run++) {
      fullMs = Math.min(fullMs, best(1, () => checkDraft(index, text, { name: 'bench' })).ms);
      if (baseline) before = Math.min(before, best(1, () => baseline.checkDraft(baseIndex, text, { name: 'bench' })).ms);
    }
    const full = { ms: fullMs };
    (linear[label] ??= []).push(scan.ms);
    fullRate[label] = Math.min(fullRate[label] ?? Infinity, (size / full.ms) * 1000);
    rows.push(
      `| ${label} | ${fmt(size)} | ${scan.ms.toFixed(1)} | **${mcs(size, scan.ms)}** | ${normalise.ms.toFixed(1)} | ${full.ms.toFixed(1)} | **${mcs(size, full.ms)}** | ${baseline ? `${before.toFixed(1)} ms, ${mcs(size, before)}/s` : 'n/a'} | ${baseline ? `${(before / full.ms).toFixed(2)}×` : ''} | ${fmt(scan.value.occurrences.length)} | ${scan.value.nearMisses.length} |`,
    );
  }
}

// ---- drafts made only of near-misses: official names, each with one character dropped from its
// middle (a near-miss the checker must report), separated by 、 or run together.
function nearMissDraft(index: TermIndex, size: number, separator: string): { text: string; slips: number } {
  const names = [...index.concepts.values()]
    .filter((c) => ['organization', 'body', 'programme'].includes(c.category) && c.zhFull && c.zhFull.key.length >= 7 && /^\p{Script=Han}+$/u.test(c.zhFull.key))
    .map((c) => c.zhFull!.text);
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < size; i++) {
    const name = names[(i * 7919) % names.length];
    const cut = 2 + (i % (name.length - 4));
    const slip = name.slice(0, cut) + name.slice(cut + 1);
    parts.push(slip);
    n += slip.length + separator.length;
  }
  return { text: parts.join(separator).slice(0, size), slips: parts.length };
}
const nearMissRows: string[] = [];
let worstNearMissMs = 0;
for (const [label, index, baseIndex] of [
  ['default', defaultIndex, baseDefaultIndex],
  ['100k terms', big.index, baseBigIndex],
] as const) {
  for (const [how, separator] of [
    ['separated by 、', '、'],
    ['run together', ''],
  ] as const) {
    const { text, slips } = nearMissDraft(index, 1_000_000, separator);
    const full = best(2, () => checkDraft(index, text, { name: 'near-misses' }) as ReturnType<typeof checkDraft>);
    worstNearMissMs = Math.max(worstNearMissMs, full.ms);
    // The baseline on a 100,000-character slice (its near-miss search is not linear).
    const slice = text.slice(0, 100_000);
    const before = baseline ? best(1, () => baseline.checkDraft(baseIndex, slice, { name: 'near-misses' })).ms : Number.NaN;
    const errors = full.value.issues.filter((i) => i.rule === 'non-standard-name').length;
    nearMissRows.push(
      `| ${label} | ${how} | ${fmt(text.length)} | ${fmt(slips)} | **${(full.ms / 1000).toFixed(2)} s** | ${mcs(text.length, full.ms)} | ${fmt(errors)} | ${baseline ? `${(before / 1000).toFixed(2)} s for 100,000 chars` : 'n/a'} |`,
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
grouping. **Before** = the full check of ${baseline?.label ?? '(no baseline)'} (the checker before issue 14, read from
git into var/bench-baseline/) on the same terms and drafts, run in turns with the full check. Best
of 5 runs.

### Index

| glossary | terms | concepts | automaton states | automaton typed arrays | heap after build | build time | near-miss targets |
|---|---|---|---|---|---|---|---|
| default (reference glossary + seeds) | ${fmt(defaultIndex.stats.terms)} | ${fmt(defaultIndex.stats.concepts)} | ${fmt(defaultIndex.stats.states)} | ${(defaultIndex.stats.automatonBytes / 2 ** 20).toFixed(1)} MiB | ${(defaultHeap / 2 ** 20).toFixed(1)} MiB | ${built.ms.toFixed(0)} ms | ${fmt(defaultIndex.stats.nearMissTargets)} |
| synthetic 100k + default | ${fmt(big.index.stats.terms)} | ${fmt(big.index.stats.concepts)} | ${fmt(big.index.stats.states)} | ${(big.index.stats.automatonBytes / 2 ** 20).toFixed(1)} MiB | ${(big.heap / 2 ** 20).toFixed(1)} MiB | ${big.ms.toFixed(0)} ms | ${fmt(big.index.stats.nearMissTargets)} |

### Throughput

| glossary | draft chars | scan ms | scan chars/s | normalise ms | full check ms | full check chars/s | before (same run) | speed vs before | occurrences | near-misses |
|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Slowest full check: default ${fmt(fullRate.default)} chars/s, 100k terms **${fmt(fullRate['100k terms'])} chars/s** (floor: 1,500,000).
Linearity (scan time 500k / 100k; 5.00 = linear): default ${ratio('default')}, 100k terms ${ratio('100k terms')}.

### Drafts made only of near-misses

Official names (organizations, bodies, programmes; 7 characters or more), each with one character
dropped from its middle, 1,000,000 characters in all. Full check, best of two runs.

| glossary | names | draft chars | near-misses planted | full check | chars/s | non-standard-name findings | before (same run) |
|---|---|---|---|---|---|---|---|
${nearMissRows.join('\n')}

Slowest: **${(worstNearMissMs / 1000).toFixed(2)} s** for 1,000,000 characters (floor: under 5 s).

### Against a naive search (same run)

| glossary | text | naive indexOf per term | automaton scan (with near-misses) | speed-up |
|---|---|---|---|---|
| default | 100,000 chars | ${baseDefault.toFixed(1)} ms | ${scanDefault.toFixed(1)} ms | ${(baseDefault / scanDefault).toFixed(1)}× |
| 100k terms | 20,000 chars | ${baseBig.toFixed(1)} ms | ${scanBig.toFixed(1)} ms | ${(baseBig / scanBig).toFixed(0)}× |
`;
process.stdout.write(out);
store.db.close();
