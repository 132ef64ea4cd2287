// Scores extraction against the hand-labelled development set (test/data/devset/, issue 13).
//
//   npx tsx scripts/score-extraction.ts [--held-out | --seeds | --fresh DIR | --set DIR] [--half odd|even] [--no-en] [--errors aliases|entities|english] [--json]
//   npm run score:extract -- [same options]
//
// The development part (four documents in five) is what extraction is tuned on and what this
// prints by default; --half odd|even scores every other document of it (the 1st, 3rd … or the 2nd,
// 4th …), to write a rule from one half and check it on the other. The held-out part (every fifth document, scripts/check-devset-labels.ts) is
// scored only with --held-out: run it once, at the end, and report both. --seeds scores the named
// entities labelled in the seed reports (test/data/seeds/). --fresh DIR scores every document of
// another labelled set in the same format (DIR/corpus.tsv and DIR/{brackets,entities}.*.tsv): the
// second held-out set, of UN texts other than the corpus sample (docs/EXTRACTION.md), which is kept
// outside the project and scored once, like --held-out. --set DIR reads a directory in the same
// format that is DEVELOPMENT text (rules are written from it, its errors are read): the same scoring,
// printed as "development set DIR" so nobody takes its figures for held-out ones.
//
// Each document of the corpus becomes one Chinese text (its rows, one per line) and, for --en, one
// English text; nothing is written to disk. Extraction runs once per document, as a translator
// would run it on one report, with the project glossary as reference. What is scored is what the
// user sees: the concepts and their occurrences (offsets) in the text.
//
// - Alias pairs: every labelled bracket (the files are exhaustive). A bracket is predicted to be
//   an alias when an occurrence of a short form or acronym inside it and an occurrence of a name of
//   the same concept ending right before it come out; it is right when the name is the labelled
//   full name (exact boundaries, title marks ignored) and the alias is the labelled short form or
//   acronym. Recall over alias brackets, precision over brackets predicted.
// - Named entities: every occurrence of a concept of a name category (all but concept and country)
//   is a predicted span (a short form, acronym or document symbol used alone is out of scope, as
//   in the gold). Gold: every entity label except short forms used alone (kind short) and
//   the bare 联合国, 秘书长, 秘书处, 大会 (words the glossary knows; whether they are names depends
//   on context), and except labels noted "doubtful", which count on neither side. A predicted span
//   is right when its offsets are those of a gold label; one that equals an out-of-scope label, an
//   inner name or a short form in an alias bracket is neutral; a term of category concept, or a
//   glossary term whose English is in lower case (delegation, bureau), counts when it equals a
//   label and is neutral otherwise; anything else is a false positive (the labels are exhaustive
//   per row).
// - English (--en, on by default): the per-document English text is aligned with the TM aligner
//   and given to extraction; for every new name (a concept not linked to the glossary) of a
//   document with a correctly found mention whose label has English, is an English name attached,
//   and is it one of its labels' (the/case/dashes aside)? Counted once per name and document.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readGlossaryDir } from '../src/reference/glossary.js';
import { ReferenceIndex } from '../src/extract/reference.js';
import { type ExtractedConcept, extractFromTexts } from '../src/extract/pipeline.js';
import { SYMBOL_NOTE } from '../src/extract/titles.js';
import { TermAnchors, alignDocuments } from '../src/tm/align.js';
import { normalizeKey } from '../src/domain/normalize.js';
import { type CorpusRow, bracketsAfterChinese, heldOutDocs, nthIndexOf, readCorpus, readLabels, runAsScript } from './check-devset-labels.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEVSET_DIR = path.join(ROOT, 'test', 'data', 'devset');
export const CORPUS_FILE = path.resolve(ROOT, '..', 'shared', 'data', 'unpc-devset-3000.en-zh.tsv');

/** Labels that are words the glossary knows and whose name-ness depends on context. */
export const BARE_GENERIC = new Set(['联合国', '秘书长', '秘书处', '大会']);
/** Categories of concepts that are not named entities (terms, countries): never false positives. */
const NOT_ENTITY = new Set(['concept', 'country']);

export type Part = 'dev' | 'held-out' | 'seeds' | 'fresh' | 'set';

interface Span {
  start: number;
  end: number;
}

/** One document of the corpus: its rows, one per line, and where each row starts. */
export interface DevDocument {
  doc: string;
  rows: number[];
  zh: string;
  en: string;
  rowStart: number[];
}

export function documentsOf(corpus: CorpusRow[], part: Part): DevDocument[] {
  const held = heldOutDocs(corpus);
  const byDoc = new Map<string, number[]>();
  corpus.forEach((r, i) => {
    if (part !== 'fresh' && part !== 'set' && held.has(r.doc) !== (part === 'held-out')) return;
    let rows = byDoc.get(r.doc);
    if (!rows) byDoc.set(r.doc, (rows = []));
    rows.push(i + 1);
  });
  return [...byDoc].map(([doc, rows]) => {
    const rowStart: number[] = [];
    let pos = 0;
    for (const row of rows) {
      rowStart.push(pos);
      pos += corpus[row - 1].zh.length + 1;
    }
    return {
      doc,
      rows,
      zh: rows.map((r) => corpus[r - 1].zh).join('\n'),
      en: rows.map((r) => corpus[r - 1].en).join('\n'),
      rowStart,
    };
  });
}

const TITLE_MARKS = /^《(.*)》$/u;
/** A name as labelled: the labels write titles without their enclosing 《》 and drop typesetting spaces. */
function bare(text: string): string {
  return text.replace(/\s+/g, '').replace(TITLE_MARKS, '$1');
}

/** A predicted span with its enclosing 《》 left out, as the labels write titles. */
function labelledSpan(text: string, s: Span): Span {
  return text[s.start] === '《' && text[s.end - 1] === '》' && s.end - s.start > 2 ? { start: s.start + 1, end: s.end - 1 } : s;
}

interface Gold {
  row: number;
  span: Span;
  text: string;
  kind: string;
  en: string;
  scope: 'scored' | 'neutral';
  inner: string[];
}

interface GoldAlias {
  row: number;
  bracket: Span;
  kind: string;
  full: string;
  aliases: string[];
  en: string[];
}

export interface Labels {
  entities: Gold[];
  brackets: GoldAlias[];
}

export function loadLabels(corpus: CorpusRow[], dir = DEVSET_DIR): Labels {
  const files = (prefix: string) =>
    readdir(dir)
      .filter((f) => f.startsWith(prefix) && f.endsWith('.tsv'))
      .map((f) => path.join(dir, f));
  const entities: Gold[] = [];
  for (const file of files('entities.')) {
    for (const l of readLabels(file)) {
      const row = Number(l.row);
      const zh = corpus[row - 1].zh;
      const start = nthIndexOf(zh, l.zh, Number(l.occ));
      if (start < 0) throw new Error(`${file}: "${l.zh}" not in row ${row} (run scripts/check-devset-labels.ts)`);
      const neutral = l.kind === 'short' || BARE_GENERIC.has(l.zh) || /doubtful/i.test(l.note);
      entities.push({
        row,
        span: { start, end: start + l.zh.length },
        text: l.zh,
        kind: l.kind,
        en: l.en,
        scope: neutral ? 'neutral' : 'scored',
        inner: l.inner ? l.inner.split(';') : [],
      });
    }
  }
  const brackets: GoldAlias[] = [];
  for (const file of files('brackets.')) {
    for (const l of readLabels(file)) {
      const row = Number(l.row);
      const found = bracketsAfterChinese(corpus[row - 1].zh).filter((b) => b.text === l.bracket)[Number(l.occ) - 1];
      if (!found) throw new Error(`${file}: bracket (${l.bracket}) not in row ${row}`);
      brackets.push({
        row,
        bracket: { start: found.start, end: found.start + 1 + l.bracket.length },
        kind: l.kind,
        full: l.full,
        aliases: [l.short, l.acronym].filter(Boolean),
        en: [l.en_full, l.en_acronym].filter(Boolean),
      });
    }
  }
  return { entities, brackets };
}

function readdir(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

// ---------------------------------------------------------------- predictions

interface PredictedSpan {
  row: number;
  span: Span;
  text: string;
  concept: ExtractedConcept;
  term: string;
}

function rowOf(doc: DevDocument, offset: number): number {
  let lo = 0;
  let hi = doc.rowStart.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.rowStart[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Occurrences of the document's concepts, in row coordinates. */
function predictedSpans(doc: DevDocument, concepts: ExtractedConcept[]): PredictedSpan[] {
  const out: PredictedSpan[] = [];
  for (const concept of concepts) {
    for (const o of concept.occurrences) {
      const k = rowOf(doc, o.start);
      const base = doc.rowStart[k];
      out.push({ row: doc.rows[k], span: { start: o.start - base, end: o.end - base }, text: doc.zh.slice(o.start, o.end), concept, term: o.term });
    }
  }
  return out;
}

// ---------------------------------------------------------------- scoring

/**
 * Whether a concept in the output claims to be a named entity: a new candidate of a name category,
 * or a glossary concept of a name category whose English is a proper name. The glossary's common
 * terms of UN documents (delegation, bureau, working paper, vice-chair: English in lower case) are
 * terms a translator wants marked, not names, so they are neither right nor wrong here; so are the
 * glossary's term.* concepts (its file of UN document terms).
 */
function claimsName(c: ExtractedConcept): boolean {
  if (NOT_ENTITY.has(c.category)) return false;
  if (c.reference?.origin !== 'reference') return true;
  // The glossary files its common terms of UN documents under term.* ids.
  if (c.reference.extId?.startsWith('term.')) return false;
  return c.terms.some((t) => t.lang === 'en' && t.origin === 'reference' && /[A-Z]/.test(t.text));
}

export interface Tally {
  gold: number;
  predicted: number;
  correct: number;
  /** For recall: gold items found. */
  found: number;
}

export interface ScoreReport {
  part: Part;
  /** The directory of a --fresh or --set part. */
  dir?: string;
  documents: number;
  rows: number;
  aliases: Tally & { unscored: number };
  entities: Tally & { byKind: Record<string, { gold: number; found: number }>; neutral: number };
  english?: { names: number; attached: number; right: number; unlabelledAttached: number };
  errors: { aliases: string[]; entities: string[]; english: string[] };
}

const sameSpan = (a: Span, b: Span) => a.start === b.start && a.end === b.end;

/** An English name as compared with its label: the/case/dashes and spacing aside. */
export function englishKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/^the\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export interface ScoreOptions {
  part: Part;
  english: boolean;
  corpusFile?: string;
  /** The label files' directory (default test/data/devset). */
  labelsDir?: string;
  /** Only every other document of the part (cross-validation halves). */
  half?: 'odd' | 'even';
}

export function scoreExtraction(options: ScoreOptions): ScoreReport {
  const corpus = readCorpus(options.corpusFile ?? CORPUS_FILE);
  let docs = documentsOf(corpus, options.part);
  // Cross-validation halves of a part: the 1st, 3rd, 5th … document (odd) or the 2nd, 4th … (even),
  // so a rule written from one half is checked on the other.
  if (options.half) docs = docs.filter((_, i) => i % 2 === (options.half === 'odd' ? 0 : 1));
  const report = scoreOn(corpus, docs, loadLabels(corpus, options.labelsDir), undefined, options.part, options.english);
  if (options.labelsDir) report.dir = options.labelsDir;
  return report;
}

export const SEED_LABELS = path.join(ROOT, 'test', 'data', 'seeds', 'entities.tsv');

/**
 * Named entities on the seed reports (test/data/seeds/entities.tsv: every line of seed 003 and a
 * block of seed 000, see the README there). Each seed is one document; only its labelled lines
 * are scored. The seeds' alias pairs are scored exactly by test/extract-seeds.test.ts.
 */
export function scoreSeeds(): ScoreReport {
  const labels = readLabels(SEED_LABELS);
  const seedsDir = path.join(ROOT, 'seeds');
  const corpus: CorpusRow[] = [];
  const docs: DevDocument[] = [];
  const lineRow = new Map<string, number>();
  for (const prefix of [...new Set(labels.map((l) => l.seed))].sort()) {
    const file = fs.readdirSync(seedsDir).find((f) => f.startsWith(prefix));
    if (!file) throw new Error(`no seed ${prefix}`);
    const lines = fs.readFileSync(path.join(seedsDir, file), 'utf8').split('\n');
    const rows: number[] = [];
    const rowStart: number[] = [];
    let pos = 0;
    lines.forEach((line, i) => {
      corpus.push({ doc: file, en: '', zh: line });
      rows.push(corpus.length);
      rowStart.push(pos);
      lineRow.set(`${prefix}:${i + 1}`, corpus.length);
      pos += line.length + 1;
    });
    docs.push({ doc: file, rows, zh: lines.join('\n'), en: '', rowStart });
  }
  const entities: Gold[] = labels.map((l) => {
    const row = lineRow.get(`${l.seed}:${l.line}`)!;
    const start = nthIndexOf(corpus[row - 1].zh, l.zh, Number(l.occ));
    if (start < 0) throw new Error(`${SEED_LABELS}: "${l.zh}" not in seed ${l.seed} line ${l.line}`);
    const neutral = l.kind === 'short' || BARE_GENERIC.has(l.zh);
    return { row, span: { start, end: start + l.zh.length }, text: l.zh, kind: l.kind, en: '', scope: neutral ? 'neutral' : 'scored', inner: l.inner ? l.inner.split(';') : [] };
  });
  const scope = new Set<number>();
  for (const prefix of new Set(labels.map((l) => l.seed))) {
    const lines = labels.filter((l) => l.seed === prefix).map((l) => Number(l.line));
    // Seed 003 is labelled whole; seed 000 from its first to its last labelled line.
    for (let line = Math.min(...lines); line <= Math.max(...lines); line++) scope.add(lineRow.get(`${prefix}:${line}`)!);
  }
  return scoreOn(corpus, docs, { entities, brackets: [] }, scope, 'seeds', false);
}

function scoreOn(corpus: CorpusRow[], docs: DevDocument[], labels: Labels, scope: Set<number> | undefined, part: Part, withEnglish: boolean): ScoreReport {
  const options = { part, english: withEnglish };
  const reference = ReferenceIndex.fromGlossary(readGlossaryDir(path.join(ROOT, 'glossary')));
  const anchors = options.english ? glossaryAnchors() : undefined;
  const rowsInPart = scope ?? new Set(docs.flatMap((d) => d.rows));
  const goldEntities = labels.entities.filter((g) => rowsInPart.has(g.row));
  const goldBrackets = labels.brackets.filter((g) => rowsInPart.has(g.row));
  const report: ScoreReport = {
    part: options.part,
    documents: docs.length,
    rows: rowsInPart.size,
    aliases: { gold: goldBrackets.filter((b) => b.kind === 'alias').length, predicted: 0, correct: 0, found: 0, unscored: 0 },
    entities: { gold: goldEntities.filter((g) => g.scope === 'scored').length, predicted: 0, correct: 0, found: 0, byKind: {}, neutral: 0 },
    errors: { aliases: [], entities: [], english: [] },
  };
  if (options.english) report.english = { names: 0, attached: 0, right: 0, unlabelledAttached: 0 };
  for (const g of goldEntities) {
    if (g.scope !== 'scored') continue;
    report.entities.byKind[g.kind] ??= { gold: 0, found: 0 };
    report.entities.byKind[g.kind].gold++;
  }
  const entitiesByRow = groupBy(goldEntities, (g) => g.row);
  const bracketsByRow = groupBy(goldBrackets, (g) => g.row);

  for (const doc of docs) {
    const english = options.english ? alignDocuments(doc.en, doc.zh, { terms: anchors }).pairs.map((p) => ({ zh: p.zh, en: p.en })) : undefined;
    const result = extractFromTexts([{ name: doc.doc, text: doc.zh, ...(english ? { english } : {}) }], { reference });
    const spans = predictedSpans(doc, result.concepts).filter((p) => rowsInPart.has(p.row));
    const foundGold = new Set<Gold>();
    // English is scored once per new name (concept) of the document, against the English of all
    // its correctly found mentions.
    const englishOf = new Map<ExtractedConcept, { golds: string[]; where: string }>();
    const foundAlias = new Set<GoldAlias>();
    // Entities.
    const seen = new Set<string>();
    for (const p of spans) {
      const zh = corpus[p.row - 1].zh;
      const span = labelledSpan(zh, p.span);
      const id = `${p.row}:${span.start}:${span.end}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const rowGold = entitiesByRow.get(p.row) ?? [];
      const match = rowGold.find((g) => sameSpan(g.span, span));
      const isEntity = claimsName(p.concept);
      if (match?.scope === 'scored') {
        report.entities.predicted++;
        report.entities.correct++;
        foundGold.add(match);
        if (report.english && !p.concept.linked) noteEnglish(englishOf, p.concept, [match.en], `${p.row} ${match.text}`);
        continue;
      }
      const shortUse = p.concept.terms.some((t) => t.text === p.term && (t.type === 'shortForm' || t.type === 'acronym' || t.type === 'abbreviation'));
      const neutral =
        match !== undefined ||
        shortUse ||
        BARE_GENERIC.has(zh.slice(span.start, span.end)) ||
        rowGold.some((g) => g.inner.some((inner) => zh.slice(span.start, span.end) === inner)) ||
        (bracketsByRow.get(p.row) ?? []).some((b) => b.kind === 'alias' && span.start >= b.bracket.start && span.end <= b.bracket.end);
      if (neutral || !isEntity) {
        if (isEntity) report.entities.neutral++;
        continue;
      }
      report.entities.predicted++;
      report.errors.entities.push(`FP ${p.row} [${p.concept.category}/${p.concept.extractors.join(',')}] ${zh.slice(span.start, span.end)}  «${context(zh, span)}»`);
    }
    for (const g of goldEntities.filter((x) => doc.rows.includes(x.row))) {
      if (g.scope !== 'scored') continue;
      if (foundGold.has(g)) {
        report.entities.found++;
        report.entities.byKind[g.kind].found++;
      } else {
        report.errors.entities.push(`FN ${g.row} [${g.kind}] ${g.text}  «${context(corpus[g.row - 1].zh, g.span)}»`);
      }
    }
    // Aliases: a short form or acronym occurrence inside a bracket, and a name of the same concept right before it.
    // A document symbol after a title ((S/2000/601) after 《停止敌对行动协定》) is that document's
    // symbol, which the title extractor attaches on purpose (a lookup by symbol finds the document):
    // neither a short form nor an acronym, so not an alias prediction (the labels call it not-alias).
    const predictedBrackets = new Map<string, { row: number; bracket: Span | undefined; full: string; alias: string; concept: ExtractedConcept }>();
    for (const p of spans) {
      if (p.concept.terms.some((t) => t.text === p.term && t.note === SYMBOL_NOTE)) continue;
      const zh = corpus[p.row - 1].zh;
      const bracket = enclosingBracket(zh, p.span);
      if (!bracket) continue;
      const nameEnd = nameEndBefore(zh, bracket.open);
      const full = spans.find((q) => q.row === p.row && q.concept === p.concept && q.term !== p.term && q.span.end === nameEnd);
      if (!full) continue;
      const key = `${p.row}:${bracket.open}`;
      if (predictedBrackets.has(key)) continue;
      const gold = (bracketsByRow.get(p.row) ?? []).find((b) => b.bracket.start === bracket.open);
      predictedBrackets.set(key, { row: p.row, bracket: gold?.bracket, full: full.text, alias: p.text, concept: p.concept });
    }
    for (const pred of predictedBrackets.values()) {
      const gold = (bracketsByRow.get(pred.row) ?? []).find((b) => pred.bracket && b.bracket.start === pred.bracket.start);
      if (!gold) {
        report.aliases.unscored++;
        continue;
      }
      report.aliases.predicted++;
      const right = gold.kind === 'alias' && bare(gold.full) === bare(pred.full) && gold.aliases.some((a) => bare(a) === bare(pred.alias));
      if (right) {
        report.aliases.correct++;
        foundAlias.add(gold);
        if (report.english && !pred.concept.linked) noteEnglish(englishOf, pred.concept, gold.en, `${pred.row} ${gold.full}`);
      } else {
        const zh = corpus[pred.row - 1].zh;
        report.errors.aliases.push(`FP ${pred.row} ${pred.full} (${pred.alias})  gold: ${gold.kind === 'alias' ? `${gold.full} (${gold.aliases.join('/')})` : 'not-alias'}  «${context(zh, gold.bracket)}»`);
      }
    }
    for (const g of goldBrackets.filter((x) => doc.rows.includes(x.row) && x.kind === 'alias')) {
      if (foundAlias.has(g)) report.aliases.found++;
      else report.errors.aliases.push(`FN ${g.row} ${g.full} (${g.aliases.join('/')})  «${context(corpus[g.row - 1].zh, g.bracket)}»`);
    }
    for (const [concept, { golds, where }] of englishOf) scoreEnglish(report, concept, golds, where);
  }
  return report;
}

function noteEnglish(englishOf: Map<ExtractedConcept, { golds: string[]; where: string }>, concept: ExtractedConcept, golds: string[], where: string): void {
  const entry = englishOf.get(concept) ?? { golds: [], where };
  entry.golds.push(...golds.filter(Boolean));
  englishOf.set(concept, entry);
}

function scoreEnglish(report: ScoreReport, concept: ExtractedConcept, golds: string[], where: string): void {
  const english = report.english!;
  const attached = concept.terms.filter((t) => t.lang === 'en' && t.origin === 'extraction').map((t) => t.text);
  if (golds.length === 0) {
    if (attached.length > 0) {
      english.unlabelledAttached++;
      report.errors.english.push(`EXTRA ${where}: ${attached.join(' | ')} (label has no English)`);
    }
    return;
  }
  english.names++;
  if (attached.length === 0) {
    report.errors.english.push(`NONE ${where}: want ${[...new Set(golds)].join(' | ')}`);
    return;
  }
  english.attached++;
  const keys = new Set(golds.map(englishKey));
  if (attached.some((a) => keys.has(englishKey(a)))) english.right++;
  else report.errors.english.push(`WRONG ${where}: got ${attached.join(' | ')}; want ${[...new Set(golds)].join(' | ')}`);
}

/** The qualifying bracket (after Chinese text, as labelled) whose inside holds the span. */
function enclosingBracket(zh: string, span: Span): { open: number; close: number } | undefined {
  let best: { open: number; close: number } | undefined;
  for (const b of bracketsAfterChinese(zh)) {
    const close = b.start + 1 + b.text.length;
    if (span.start > b.start && span.end <= close && (!best || b.start > best.open)) best = { open: b.start, close };
  }
  return best;
}

/** Where a name ending before the bracket at `open` ends: closing 》” and spaces between are skipped. */
function nameEndBefore(zh: string, open: number): number {
  let i = open;
  while (i > 0 && /[\s》”"]/u.test(zh[i - 1])) i--;
  // The extractor keeps a title's marks; both ends count.
  return zh[open - 1] === '》' ? open : i;
}

function context(zh: string, s: Span): string {
  return `${zh.slice(Math.max(0, s.start - 12), s.start)}[${zh.slice(s.start, s.end)}]${zh.slice(s.end, s.end + 12)}`;
}

function groupBy<T, K>(items: T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(item);
  }
  return out;
}

function glossaryAnchors(): TermAnchors {
  const glossary = readGlossaryDir(path.join(ROOT, 'glossary'));
  return new TermAnchors(glossary.concepts.flatMap((c, i) => c.terms.map((t) => ({ conceptId: i, key: normalizeKey(t.text), lang: t.lang, status: t.status }))));
}

// ---------------------------------------------------------------- report

const pct = (n: number, d: number) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)} %`);

function partName(r: ScoreReport): string {
  switch (r.part) {
    case 'dev':
      return 'development part';
    case 'seeds':
      return 'seeds (labelled lines)';
    case 'fresh':
      return `FRESH held-out set ${r.dir ?? ''}`.trimEnd();
    case 'set':
      return `development set ${r.dir ?? ''}`.trimEnd();
    case 'held-out':
      return 'HELD-OUT part';
  }
}

export function formatReport(r: ScoreReport): string {
  const lines = [
    `extraction on the ${partName(r)}: ${r.documents} documents, ${r.rows} rows`,
    `alias pairs      recall ${pct(r.aliases.found, r.aliases.gold)} (${r.aliases.found}/${r.aliases.gold})  precision ${pct(r.aliases.correct, r.aliases.predicted)} (${r.aliases.correct}/${r.aliases.predicted})  [${r.aliases.unscored} predicted outside labelled brackets]`,
    `named entities   recall ${pct(r.entities.found, r.entities.gold)} (${r.entities.found}/${r.entities.gold})  precision ${pct(r.entities.correct, r.entities.predicted)} (${r.entities.correct}/${r.entities.predicted})  [${r.entities.neutral} neutral]`,
    `  by kind: ${Object.entries(r.entities.byKind)
      .sort((a, b) => b[1].gold - a[1].gold)
      .map(([k, v]) => `${k} ${pct(v.found, v.gold)} (${v.found}/${v.gold})`)
      .join(', ')}`,
  ];
  if (r.english) {
    const e = r.english;
    lines.push(
      `English (--en)   attached to ${pct(e.attached, e.names)} of new names found (${e.attached}/${e.names}), right ${pct(e.right, e.attached)} (${e.right}/${e.attached}); attached where the label has none: ${e.unlabelledAttached}`,
    );
  }
  return lines.join('\n');
}

function main(argv: string[]): number {
  const dirOf = (flag: string) => {
    if (!argv.includes(flag)) return undefined;
    const dir = argv[argv.indexOf(flag) + 1];
    if (!dir || dir.startsWith('--')) throw new Error(`${flag} takes the directory of a labelled set`);
    return dir;
  };
  const freshDir = dirOf('--fresh');
  const setDir = dirOf('--set');
  if (freshDir && setDir) throw new Error('--fresh (held out) and --set (development) are two different parts: give one');
  const labelledDir = freshDir ?? setDir;
  const part: Part = freshDir ? 'fresh' : setDir ? 'set' : argv.includes('--held-out') ? 'held-out' : argv.includes('--seeds') ? 'seeds' : 'dev';
  const errorsOf = argv.includes('--errors') ? argv[argv.indexOf('--errors') + 1] : undefined;
  const halfArg = argv.includes('--half') ? argv[argv.indexOf('--half') + 1] : undefined;
  if (halfArg !== undefined && halfArg !== 'odd' && halfArg !== 'even') throw new Error(`--half takes odd or even, not ${halfArg}`);
  const report = part === 'seeds' ? scoreSeeds() : scoreExtraction({
          part,
          english: !argv.includes('--no-en'),
          half: halfArg,
          ...(labelledDir ? { corpusFile: path.join(labelledDir, 'corpus.tsv'), labelsDir: labelledDir } : {}),
        });
  if (argv.includes('--json')) {
    const { errors, ...figures } = report;
    console.log(JSON.stringify(errorsOf ? report : figures, null, 2));
    return 0;
  }
  if (errorsOf) {
    const list = report.errors[errorsOf as keyof ScoreReport['errors']];
    if (!list) throw new Error(`--errors takes aliases, entities or english, not ${errorsOf}`);
    for (const line of list) console.log(line);
  }
  console.log(formatReport(report));
  return 0;
}

runAsScript(import.meta.url, main);
