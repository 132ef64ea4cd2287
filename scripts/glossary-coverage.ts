// How much of the UN's official names the reference glossary knows, measured on the labelled
// development set (issue 15): the names a reviewer found in 3,000 sentence pairs of 2015 UN
// documents (test/data/devset/entities.*.tsv, columns row, doc, zh, occ, kind, en, inner, note),
// each with its Chinese span and the English of the aligned sentence.
//
// Scope (documented in glossary/README.md): labels of every kind except `short` (a short form or
// acronym used on its own: 联合国, 安理会, the Council) that have an English side, counted once per
// distinct (Chinese, English) pair, less the names a review put out of scope in
// test/data/devset/coverage-exclusions.tsv (a State's own bodies, laws and posts; non-governmental
// bodies; names built from a name plus a number, date or country, such as 安全理事会第7359次会议;
// generic names that many bodies share, such as 执行委员会; descriptions that are not fixed names;
// slips of the source sentence). Each exclusion gives its class and reason.
//
// A name is found with both languages when one glossary concept holds a term whose key equals the
// Chinese span (normalised, title marks and quotes dropped) and a term whose key equals the English
// (any case, a leading "the" and hyphens dropped, because the corpus's English lost many hyphens:
// "NonProliferation"; a plural matches its singular either way: "United Nations country teams", MDG):
// what a translator gets from looking up the Chinese.
//
// Usage: npx tsx scripts/glossary-coverage.ts [--missing] [--excluded] [--json] [GLOSSARY_DIR]
//   --missing   list the names in scope the glossary does not find with both languages
//   --excluded  list the names put out of scope, with the reason
// Exit code 0; 2 on bad input.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { normalizeKey } from '../src/domain/normalize.js';
import { GLOSSARY_DIR, PROJECT_ROOT } from '../src/paths.js';
import { type RefConcept, readGlossaryDir } from '../src/reference/glossary.js';

export const LABELS_DIR = path.join(PROJECT_ROOT, 'test', 'data', 'devset');
export const EXCLUSIONS_FILE = path.join(LABELS_DIR, 'coverage-exclusions.tsv');
/** Classes of names outside the measure (see the header of coverage-exclusions.tsv). */
export const EXCLUSION_CLASSES = ['national', 'non-governmental', 'compositional', 'generic', 'descriptive', 'slip'] as const;
/** Label kinds outside the measure: a short form or acronym used on its own. */
const KINDS_OUT = new Set(['short']);

export interface DevsetName {
  kind: string;
  zh: string;
  en: string;
  /** Every labelled occurrence: dev-set row and document. */
  rows: Array<{ row: number; doc: string }>;
}

/** Keys a name is compared by: normalised, without title marks, quotes or a leading "the". */
export function nameKey(text: string): string {
  return normalizeKey(text)
    .replace(/[《》〈〉"“”]/gu, '')
    .replace(/^the\s+/, '')
    .replace(/(?<=[a-z])-(?=[a-z])/g, '')
    .trim();
}

/** The keys an English label may match: itself and, for a plural, its singular. */
function englishKeys(en: string): string[] {
  const k = nameKey(en);
  return /[a-z]s$/.test(k) && !/ss$/.test(k) ? [k, k.slice(0, -1)] : [k];
}

const pairKey = (zh: string, en: string) => `${nameKey(zh)}\u0000${nameKey(en)}`;

/** The distinct (Chinese, English) names of the label files, every kind but `short`, English present. */
export function readDevsetNames(dir: string): DevsetName[] {
  const byPair = new Map<string, DevsetName>();
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^entities\..*\.tsv$/.test(f))
    .sort();
  if (files.length === 0) throw new Error(`no entities.*.tsv label files in ${dir}`);
  for (const f of files) {
    const lines = fs.readFileSync(path.join(dir, f), 'utf8').split(/\r?\n/);
    for (const line of lines.slice(1)) {
      const [row, doc, zh, , kind, en] = line.split('\t');
      if (!row || !zh || !en?.trim() || KINDS_OUT.has(kind)) continue;
      const k = pairKey(zh, en);
      const name = byPair.get(k) ?? { kind, zh, en, rows: [] };
      name.rows.push({ row: Number(row), doc });
      byPair.set(k, name);
    }
  }
  return [...byPair.values()];
}

export interface Exclusion {
  zh: string;
  en: string;
  class: (typeof EXCLUSION_CLASSES)[number];
  reason: string;
  line: number;
}

/** Reads the reviewed exclusions: `zh  en  class  reason`, a header line, # comments. */
export function readExclusions(file: string): Exclusion[] {
  const out: Exclusion[] = [];
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  let header = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim() || line.startsWith('#')) continue;
    const cells = line.split('\t');
    if (!header) {
      if (cells.join('\t') !== 'zh\ten\tclass\treason') throw new Error(`${file}:${i + 1}: header must be zh, en, class, reason`);
      header = true;
      continue;
    }
    const [zh, en, cls, reason] = cells;
    if (cells.length !== 4 || !zh || !en || !reason) throw new Error(`${file}:${i + 1}: expected zh, en, class, reason`);
    if (!(EXCLUSION_CLASSES as readonly string[]).includes(cls)) throw new Error(`${file}:${i + 1}: class must be one of ${EXCLUSION_CLASSES.join(', ')}`);
    out.push({ zh, en, class: cls as Exclusion['class'], reason, line: i + 1 });
  }
  return out;
}

export type Found = 'both' | 'zh-only' | 'en-only' | 'none';

export interface NameResult extends DevsetName {
  found: Found;
  /** Concepts that hold the Chinese (or, failing that, the English). */
  concepts: string[];
}

export interface CoverageReport {
  names: NameResult[];
  excluded: Array<DevsetName & { exclusion: Exclusion }>;
  /** Exclusions that match no labelled name (a label changed, or a typo). */
  staleExclusions: Exclusion[];
  byKind: Record<string, { total: number; both: number }>;
  total: number;
  both: number;
}

/** Which names of the dev set the glossary finds with both languages. */
export function measureCoverage(concepts: RefConcept[], names: DevsetName[], exclusions: Exclusion[]): CoverageReport {
  const zhOwners = new Map<string, Set<RefConcept>>();
  const enOwners = new Map<string, Set<RefConcept>>();
  for (const c of concepts) {
    for (const t of c.terms) {
      const map = t.lang === 'en' ? enOwners : zhOwners;
      for (const k of t.lang === 'en' ? englishKeys(t.text) : [nameKey(t.text)]) {
        const set = map.get(k) ?? new Set<RefConcept>();
        set.add(c);
        map.set(k, set);
      }
    }
  }
  const excludedBy = new Map(exclusions.map((e) => [pairKey(e.zh, e.en), e]));
  const used = new Set<Exclusion>();
  const report: CoverageReport = { names: [], excluded: [], staleExclusions: [], byKind: {}, total: 0, both: 0 };
  for (const n of names) {
    const exclusion = excludedBy.get(pairKey(n.zh, n.en));
    if (exclusion) {
      used.add(exclusion);
      report.excluded.push({ ...n, exclusion });
      continue;
    }
    const zh = zhOwners.get(nameKey(n.zh)) ?? new Set<RefConcept>();
    const en = new Set(englishKeys(n.en).flatMap((k) => [...(enOwners.get(k) ?? [])]));
    const both = [...zh].filter((c) => en.has(c));
    const found: Found = both.length > 0 ? 'both' : zh.size > 0 ? 'zh-only' : en.size > 0 ? 'en-only' : 'none';
    const holders = both.length > 0 ? both : zh.size > 0 ? [...zh] : [...en];
    report.names.push({ ...n, found, concepts: holders.map((c) => c.id) });
    const k = (report.byKind[n.kind] ??= { total: 0, both: 0 });
    k.total++;
    report.total++;
    if (found === 'both') {
      k.both++;
      report.both++;
    }
  }
  report.staleExclusions = exclusions.filter((e) => !used.has(e));
  return report;
}

const pct = (n: number, d: number) => `${((100 * n) / Math.max(d, 1)).toFixed(1)} %`;

export function formatCoverage(r: CoverageReport, opts: { missing: boolean; excluded: boolean }): string {
  const out: string[] = [];
  const occurrences = (list: DevsetName[]) => list.reduce((n, x) => n + x.rows.length, 0);
  out.push(
    `glossary coverage of the dev-set names: ${r.both}/${r.total} = ${pct(r.both, r.total)} found with both languages ` +
      `(${r.excluded.length} names out of scope; labelled occurrences in scope: ${occurrences(r.names)}, found ${occurrences(r.names.filter((n) => n.found === 'both'))})`,
  );
  for (const [kind, k] of Object.entries(r.byKind).sort((a, b) => b[1].total - a[1].total)) {
    out.push(`  ${kind.padEnd(13)} ${String(k.both).padStart(4)}/${String(k.total).padEnd(4)} = ${pct(k.both, k.total)}`);
  }
  const partial = (f: Found) => r.names.filter((n) => n.found === f).length;
  out.push(`  not found: ${partial('zh-only')} with the Chinese only, ${partial('en-only')} with the English only, ${partial('none')} not at all`);
  if (opts.missing) {
    out.push('', '# missing: kind, zh, en, found, concepts, first row (doc)');
    for (const n of r.names.filter((x) => x.found !== 'both').sort((a, b) => a.kind.localeCompare(b.kind) || a.zh.localeCompare(b.zh))) {
      out.push(`${n.kind}\t${n.zh}\t${n.en}\t${n.found}\t${n.concepts.join(',') || '-'}\t${n.rows[0].row} (${n.rows[0].doc})`);
    }
  }
  if (opts.excluded) {
    out.push('', '# out of scope: class, zh, en, reason');
    for (const n of r.excluded) out.push(`${n.exclusion.class}\t${n.zh}\t${n.en}\t${n.exclusion.reason}`);
  }
  for (const e of r.staleExclusions) out.push(`warning: ${path.basename(EXCLUSIONS_FILE)}:${e.line}: no labelled name ${e.zh} / ${e.en}`);
  return out.join('\n');
}

export function main(argv: string[]): number {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  for (const f of flags) if (!['--missing', '--excluded', '--json'].includes(f)) throw new Error(`unknown option ${f}`);
  const dir = path.resolve(argv.find((a) => !a.startsWith('--')) ?? GLOSSARY_DIR);
  const report = measureCoverage(readGlossaryDir(dir).concepts, readDevsetNames(LABELS_DIR), readExclusions(EXCLUSIONS_FILE));
  if (flags.has('--json')) {
    console.log(JSON.stringify({ total: report.total, both: report.both, byKind: report.byKind, missing: report.names.filter((n) => n.found !== 'both') }, null, 1));
  } else {
    console.log(formatCoverage(report, { missing: flags.has('--missing'), excluded: flags.has('--excluded') }));
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exit(main(process.argv.slice(2)));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
}
