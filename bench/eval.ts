// Measuring lookup quality (test and benchmark tooling, not part of the program): query variants
// generated from real terms the way translators mistype them (Traditional script, typos, word
// order, partial names, pinyin), hit@k over them, and the loaders the tests and the benchmark share
// (UNBIS thesaurus rows as concepts, a fallback glossary).
import fs from 'node:fs';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { compactKey, normalizeKey } from '../src/domain/normalize.js';
import type { Lang, TermType } from '../src/domain/types.js';
import type { Glossary } from '../src/reference/glossary.js';
import type { Store } from '../src/store/repository.js';
import { optionalPrefixLength } from '../src/search/text.js';

const toTraditional: (s: string) => string = OpenCC.Converter({ from: 'cn', to: 'tw' });

// ---------------------------------------------------------------- loaders

/**
 * The concepts of a fallback glossary that a store lacks: neither their id nor any of their
 * preferred terms is there yet. Tests and the benchmark load the reference glossary first, then
 * these, so they use the real data where it exists and the fixture only for what is missing.
 */
export function missingConcepts(store: Store, fallback: Glossary): Glossary {
  const concepts = fallback.concepts.filter(
    (c) =>
      !store.getConceptByExtId(c.id) &&
      !c.terms.some((t) => t.status === 'preferred' && store.findTermsByText(t.text).some((s) => s.lang === t.lang && s.status === 'preferred')),
  );
  return { ...fallback, concepts };
}

export interface UnbisRow {
  id: string;
  en: string;
  zh: string;
}

/** Reads ../shared/data/unbis-thesaurus.en-zh.tsv (unbis_id, en, zh, uri). */
export function readUnbis(file: string): UnbisRow[] {
  const rows: UnbisRow[] = [];
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  for (const line of lines.slice(1)) {
    const [id, en, zh] = line.split('\t');
    if (!id || !en?.trim() || !zh?.trim()) continue;
    rows.push({ id: id.trim(), en: en.trim(), zh: zh.trim() });
  }
  return rows;
}

/**
 * Stores UNBIS descriptors as approved concepts (ext_id `unbis:ID`), one transaction. Returns the
 * concept ids. A descriptor whose English and Chinese labels are both already forms of one concept
 * (the reference glossary holds many descriptors) is that concept, as an import would merge it:
 * a second concept with the same two names is not what a translator's database holds.
 */
export function loadUnbis(store: Store, rows: UnbisRow[]): number[] {
  return store.transaction(() => {
    const ids: number[] = [];
    for (const r of rows) {
      const existing = store.getConceptByExtId(`unbis:${r.id}`);
      if (existing) {
        ids.push(existing.id);
        continue;
      }
      const en = r.en.toUpperCase();
      const same = store
        .findTermsByText(r.zh)
        .filter((t) => t.lang === 'zh-Hans')
        .map((t) => t.conceptId)
        .find((id) => store.termsOfConcept(id).some((t) => t.lang === 'en' && t.text.toUpperCase() === en));
      if (same !== undefined) {
        ids.push(same);
        continue;
      }
      const id = store.createConcept({ extId: `unbis:${r.id}`, category: 'concept', origin: 'import', reviewStatus: 'approved' });
      store.addTerm(id, { text: r.en, lang: 'en', type: 'fullForm', status: 'preferred', origin: 'import', source: 'UNBIS' });
      store.addTerm(id, { text: r.zh, lang: 'zh-Hans', type: 'fullForm', status: 'preferred', origin: 'import', source: 'UNBIS' });
      ids.push(id);
    }
    return ids;
  });
}

// ---------------------------------------------------------------- query variants

export const VARIANT_KINDS = [
  'exact',
  'acronym-lower-case',
  'traditional',
  'zh-partial',
  'zh-two-characters',
  'en-typo',
  'en-word-order',
  'without-un-prefix',
  'pinyin-full',
  'pinyin-initials',
] as const;
export type VariantKind = (typeof VARIANT_KINDS)[number];

export interface EvalQuery {
  query: string;
  kind: VariantKind;
  conceptId: number;
  /** The term the variant was made from. */
  from: string;
}

export interface EvalTerm {
  text: string;
  lang: Lang;
  type: TermType;
  status: string;
}

export interface EvalConcept {
  id: number;
  terms: EvalTerm[];
}

/** A small deterministic random generator (mulberry32), so generated query sets are the same every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One typing mistake in one word of at least five letters: swap, drop, double or replace a letter. */
export function typo(text: string, random: () => number): string | null {
  const matches = [...text.matchAll(/[A-Za-z]{5,}/g)];
  if (matches.length === 0) return null;
  const m = matches[Math.floor(random() * matches.length)];
  const w = m[0];
  const i = 1 + Math.floor(random() * (w.length - 2));
  const op = Math.floor(random() * 4);
  let changed: string;
  if (op === 0) changed = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  else if (op === 1) changed = w.slice(0, i) + w.slice(i + 1);
  else if (op === 2) changed = w.slice(0, i) + w[i] + w.slice(i);
  else changed = w.slice(0, i) + (w[i] === 'e' ? 'a' : 'e') + w.slice(i + 1);
  if (changed === w) return null;
  return text.slice(0, m.index) + changed + text.slice(m.index! + w.length);
}

/** The words of an English name in another order: the first half moved behind the rest. */
export function reorder(text: string): string | null {
  const ws = text.split(/\s+/).filter(Boolean);
  if (ws.length < 3) return null;
  const cut = Math.ceil(ws.length / 2);
  return [...ws.slice(cut), ...ws.slice(0, cut)].join(' ').toLowerCase();
}

function syllablesOf(zh: string): string[] {
  return pinyin(zh, { toneType: 'none', type: 'array' }).filter((s) => /^[a-zü]+$/i.test(s));
}

/**
 * Query variants of each concept's terms, at most `perKind` of each kind per concept. Kinds a
 * concept cannot give (no acronym, a one-word English name) are skipped.
 */
export function generateQueries(concepts: EvalConcept[], options: { seed?: number; perKind?: number } = {}): EvalQuery[] {
  const random = seededRandom(options.seed ?? 1);
  const perKind = options.perKind ?? 1;
  const out: EvalQuery[] = [];
  for (const c of concepts) {
    const usable = c.terms.filter((t) => t.status !== 'deprecated');
    const zh = usable.filter((t) => t.lang === 'zh-Hans');
    const en = usable.filter((t) => t.lang === 'en');
    const zhFull = zh.find((t) => t.type === 'fullForm') ?? zh[0];
    const zhShort = zh.find((t) => t.type === 'shortForm');
    const enFull = en.find((t) => t.type === 'fullForm') ?? en[0];
    const acronym = en.find((t) => t.type === 'acronym');
    const made = new Map<VariantKind, number>();
    const add = (kind: VariantKind, query: string | null | undefined, from: string) => {
      if (!query?.trim() || (made.get(kind) ?? 0) >= perKind) return;
      made.set(kind, (made.get(kind) ?? 0) + 1);
      out.push({ query, kind, conceptId: c.id, from });
    };
    if (zhFull) add('exact', zhFull.text, zhFull.text);
    if (acronym) add('acronym-lower-case', acronym.text.toLowerCase(), acronym.text);
    for (const t of [zhShort, zhFull]) {
      if (!t) continue;
      const trad = toTraditional(t.text);
      if (trad !== t.text) add('traditional', trad, t.text);
    }
    if (zhFull) {
      const chars = Array.from(zhFull.text);
      const strip = optionalPrefixLength(normalizeKey(zhFull.text));
      if (chars.length >= 6) {
        // A fragment from inside the name: drop the optional prefix and a character or two at the end.
        const start = strip > 0 ? strip : 1;
        const end = chars.length - (chars.length >= 8 ? 2 : 1);
        if (end - start >= 3) add('zh-partial', chars.slice(start, end).join(''), zhFull.text);
      }
      if (chars.length >= 4 && chars.length <= 6) {
        const i = Math.floor(random() * (chars.length - 1));
        add('zh-two-characters', chars.slice(i, i + 2).join(''), zhFull.text);
      }
      if (strip > 0) add('without-un-prefix', chars.slice(strip).join(''), zhFull.text);
    }
    if (enFull) {
      add('en-typo', typo(enFull.text, random), enFull.text);
      add('en-word-order', reorder(enFull.text), enFull.text);
      const strip = optionalPrefixLength(normalizeKey(enFull.text));
      if (strip > 0) add('without-un-prefix', enFull.text.split(/\s+/).slice(2).join(' '), enFull.text);
    }
    const pinyinSource = zhShort ?? (zhFull && Array.from(zhFull.text).length <= 8 ? zhFull : undefined);
    if (pinyinSource) {
      const syl = syllablesOf(pinyinSource.text);
      if (syl.length >= 2) {
        add('pinyin-full', syl.join(''), pinyinSource.text);
        if (syl.length >= 3) add('pinyin-initials', syl.map((s) => s[0]).join(''), pinyinSource.text);
      }
    }
  }
  return out;
}

/**
 * Drops queries that name another concept just as well: the query's key (or pinyin, for pinyin
 * queries) is the full key of a term of a different concept. No engine can rank those.
 */
export function dropAmbiguous(queries: EvalQuery[], concepts: EvalConcept[]): EvalQuery[] {
  const owners = new Map<string, Set<number>>();
  const own = (key: string, id: number) => {
    let s = owners.get(key);
    if (!s) owners.set(key, (s = new Set()));
    s.add(id);
  };
  const needPinyin = queries.some((q) => q.kind.startsWith('pinyin'));
  for (const c of concepts) {
    for (const t of c.terms) {
      const key = compactKey(normalizeKey(t.text));
      own(key, c.id);
      const strip = optionalPrefixLength(normalizeKey(t.text));
      if (strip > 0) own(key.slice(strip), c.id);
      if (needPinyin && t.lang !== 'en') {
        const syl = syllablesOf(t.text);
        own(`py:${syl.join('')}`, c.id);
        own(`py:${syl.map((s) => s[0]).join('')}`, c.id);
      }
    }
  }
  return queries.filter((q) => {
    const key = q.kind.startsWith('pinyin') ? `py:${q.query}` : compactKey(normalizeKey(q.query));
    const ids = owners.get(key);
    return !ids || [...ids].every((id) => id === q.conceptId);
  });
}

/** Up to `n` queries, spread evenly over the kinds, in a reproducible order. */
export function sampleQueries(queries: EvalQuery[], n: number, seed = 7): EvalQuery[] {
  const random = seededRandom(seed);
  const byKind = new Map<VariantKind, EvalQuery[]>();
  for (const q of queries) {
    const list = byKind.get(q.kind) ?? [];
    list.push(q);
    byKind.set(q.kind, list);
  }
  for (const list of byKind.values()) {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
  }
  const out: EvalQuery[] = [];
  const lists = [...byKind.values()];
  for (let round = 0; out.length < n && lists.some((l) => l.length > round); round++) {
    for (const l of lists) if (l.length > round && out.length < n) out.push(l[round]);
  }
  return out;
}

export interface HitReport {
  hits: number;
  total: number;
  rate: number;
  byKind: Record<string, { hits: number; total: number }>;
  misses: Array<EvalQuery & { got: number[] }>;
}

/** hit@k: the share of queries whose concept is among the first k concepts `search` returns. */
export function hitAtK(queries: EvalQuery[], search: (query: string) => number[], k = 3): HitReport {
  const report: HitReport = { hits: 0, total: 0, rate: 0, byKind: {}, misses: [] };
  for (const q of queries) {
    const got = search(q.query).slice(0, k);
    const hit = got.includes(q.conceptId);
    const kind = (report.byKind[q.kind] ??= { hits: 0, total: 0 });
    kind.total++;
    report.total++;
    if (hit) {
      kind.hits++;
      report.hits++;
    } else report.misses.push({ ...q, got });
  }
  report.rate = report.total ? report.hits / report.total : 0;
  return report;
}

/**
 * hit@k of a search over query variants of every concept in the store: `count` queries sampled
 * evenly across the kinds (seeded, so a run is repeatable), ambiguous variants left out.
 */
export function storeHitRate(
  store: Store,
  search: (query: string) => number[],
  options: { seed: number; count: number; sampleSeed: number; k?: number },
): HitReport {
  const ids = new Set<number>();
  for (const t of store.iterateTerms()) ids.add(t.conceptId);
  const concepts = [...store.getConcepts([...ids]).values()].map((c) => ({ id: c.id, terms: c.terms }));
  const queries = sampleQueries(dropAmbiguous(generateQueries(concepts, { seed: options.seed }), concepts), options.count, options.sampleSeed);
  return hitAtK(queries, search, options.k ?? 3);
}

/** A report as a few lines: overall, then one line per kind of query. */
export function formatHitReport(label: string, report: HitReport): string {
  const lines = Object.entries(report.byKind).map(([k, v]) => `  ${k.padEnd(20)} ${v.hits}/${v.total} = ${((100 * v.hits) / v.total).toFixed(1)} %`);
  return `${label}: ${report.hits}/${report.total} = ${(100 * report.rate).toFixed(1)} %\n${lines.join('\n')}`;
}

/** The kinds of query whose hit rate is under its floor, each with a few of its misses (empty when all keep theirs). */
export function kindsUnderFloor(report: HitReport, floors: Record<string, number>): string[] {
  const under: string[] = [];
  for (const [kind, floor] of Object.entries(floors)) {
    const k = report.byKind[kind];
    if (!k || k.hits / k.total < floor) {
      const misses = report.misses.filter((m) => m.kind === kind).slice(0, 5).map((m) => m.query).join(', ');
      under.push(`${kind}: ${k ? `${k.hits}/${k.total}` : 'no queries'} under ${floor}; misses: ${misses}`);
    }
  }
  return under;
}
