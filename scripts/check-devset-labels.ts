// Checks the hand labels of the extraction development set (issue 13, /work/team/LABELS-GUIDE.md)
// against the corpus they label, prints every problem as file:line: reason and a one-line summary.
//
//   npx tsx scripts/check-devset-labels.ts [--corpus PATH] [FILE.tsv ...]
//
// Without files it loads every test/data/devset/{brackets,entities}.*.tsv. The corpus defaults to
// ../shared/data/unpc-devset-3000.en-zh.tsv beside the checkout. A file named
// brackets.<from>-<to>.tsv is also checked for exhaustiveness: every bracket that follows Chinese
// text in rows <from>..<to> must have exactly one label row, because the extractor's recall is
// measured against these files and a bracket left out would count against it.
// Exit codes: 0 clean, 1 problems found, 2 input unreadable.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_CORPUS = path.resolve(PROJECT_ROOT, '..', 'shared', 'data', 'unpc-devset-3000.en-zh.tsv');
const DEFAULT_DIR = path.join(PROJECT_ROOT, 'test', 'data', 'devset');

const BRACKET_COLUMNS = ['row', 'doc', 'bracket', 'occ', 'kind', 'full', 'short', 'acronym', 'en_full', 'en_acronym', 'note'];
const ENTITY_COLUMNS = ['row', 'doc', 'zh', 'occ', 'kind', 'en', 'inner', 'note'];
const BRACKET_KINDS = new Set(['alias', 'not-alias']);
const ENTITY_KINDS = new Set([
  'body', 'organization', 'mission', 'office', 'programme', 'initiative', 'fund',
  'convention', 'document', 'meeting', 'post', 'short', 'other',
]);
/** Closing marks allowed between a full name and its bracket: 《公约》(下称…) labels the title without 《》. */
const CLOSING_MARKS = /[》”"’」』]+$/u;
/** A bracket counts when its opening mark directly follows a Chinese character or a closing 》/”. */
const BRACKET_CONTEXT = /[\p{Script=Han}》”]/u;
/** An acronym is Latin script (letters, with the digits and signs acronyms carry: G-77, UN-Habitat, A/RES). */
const ACRONYM = /^(?=.*[A-Za-z])[A-Za-z0-9.&\-+/' ]+$/;

export interface CorpusRow {
  doc: string;
  en: string;
  zh: string;
}

export interface Bracket {
  /** Text inside the outer marks, exactly as written. */
  text: string;
  /** Index of the opening mark in zh. */
  start: number;
}

export interface Problem {
  file: string;
  line: number;
  message: string;
}

export function readCorpus(file: string): CorpusRow[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n').map((l) => l.replace(/\r$/, ''));
  const header = lines[0].split('\t');
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${file}: no column ${name} in the header`);
    return i;
  };
  const [doc, en, zh] = [col('doc_id'), col('en'), col('zh')];
  return lines
    .slice(1)
    .filter((l) => l.length > 0)
    .map((l) => {
      const c = l.split('\t');
      return { doc: c[doc], en: c[en] ?? '', zh: c[zh] ?? '' };
    });
}

/** Every (…) or （…） whose opening mark follows Chinese text, nested ones included, in order of opening. */
export function bracketsAfterChinese(zh: string): Bracket[] {
  const out: Bracket[] = [];
  const chars = [...zh];
  // Work on UTF-16 indexes so spans line up with String.prototype.indexOf.
  let offset = 0;
  const offsets = chars.map((ch) => {
    const o = offset;
    offset += ch.length;
    return o;
  });
  for (let i = 1; i < chars.length; i++) {
    if ((chars[i] !== '(' && chars[i] !== '（') || !BRACKET_CONTEXT.test(chars[i - 1])) continue;
    let depth = 0;
    let end = chars.length; // unclosed: runs to the end of the sentence
    for (let j = i; j < chars.length; j++) {
      if (chars[j] === '(' || chars[j] === '（') depth++;
      else if (chars[j] === ')' || chars[j] === '）') depth--;
      if (depth === 0) {
        end = j;
        break;
      }
    }
    out.push({ text: chars.slice(i + 1, end).join(''), start: offsets[i] });
  }
  return out;
}

/** Start index of the occ-th (1-based) occurrence of needle in hay, overlapping matches counted; -1 if fewer. */
export function nthIndexOf(hay: string, needle: string, occ: number): number {
  let from = 0;
  for (let n = 1; ; n++) {
    const i = hay.indexOf(needle, from);
    if (i < 0) return -1;
    if (n === occ) return i;
    from = i + 1;
  }
}

/** Held-out = every fifth distinct doc_id in order of first appearance (the 5th, 10th, …); the rest is development. */
export function heldOutDocs(corpus: CorpusRow[]): Set<string> {
  const seen = new Set<string>();
  const held = new Set<string>();
  for (const r of corpus) {
    if (seen.has(r.doc)) continue;
    seen.add(r.doc);
    if (seen.size % 5 === 0) held.add(r.doc);
  }
  return held;
}

/** The rows of a label file as column → value records (no checks: run the checker for those). */
export function readLabels(file: string): Record<string, string>[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.length > 0);
  const header = lines[0]?.split('\t') ?? [];
  return lines.slice(1).map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']));
  });
}

interface LabelFile {
  file: string;
  type: 'brackets' | 'entities';
  range?: [number, number];
  rows: { line: number; cells: Record<string, string> }[];
}

function readLabelFile(file: string, problems: Problem[]): LabelFile | undefined {
  const base = path.basename(file);
  const type = base.startsWith('brackets.') ? 'brackets' : base.startsWith('entities.') ? 'entities' : undefined;
  if (!type) {
    problems.push({ file, line: 0, message: 'file name must start with brackets. or entities.' });
    return undefined;
  }
  const expected = type === 'brackets' ? BRACKET_COLUMNS : ENTITY_COLUMNS;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0 || lines[0].replace(/\r$/, '') !== expected.join('\t')) {
    problems.push({ file, line: 1, message: `header must be: ${expected.join(' ')}` });
    return undefined;
  }
  const m = /\.(\d+)-(\d+)\.tsv$/.exec(base);
  const out: LabelFile = { file, type, range: m ? [Number(m[1]), Number(m[2])] : undefined, rows: [] };
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (raw.includes('\r')) problems.push({ file, line, message: 'carriage return in line (use LF line ends)' });
    const c = raw.replace(/\r$/, '').split('\t');
    if (c.length !== expected.length) {
      problems.push({ file, line, message: `${c.length} columns, expected ${expected.length}` });
      return;
    }
    const cells: Record<string, string> = {};
    expected.forEach((name, k) => (cells[name] = c[k]));
    for (const [name, v] of Object.entries(cells))
      if (v !== v.trim()) problems.push({ file, line, message: `${name} has leading or trailing spaces` });
    out.rows.push({ line, cells });
  });
  return out;
}

/** What both label files share: the span column a row is keyed on and the kinds it may take. */
interface LabelShape {
  span: 'bracket' | 'zh';
  kinds: Set<string>;
}

/**
 * Checks row/doc/occ/kind and that no (row, span, occ) repeats; returns the corpus row, or undefined
 * when the row number is unusable.
 */
function checkCommon(
  f: LabelFile,
  line: number,
  cells: Record<string, string>,
  corpus: CorpusRow[],
  problems: Problem[],
  shape: LabelShape,
  seen: Map<string, number>,
): CorpusRow | undefined {
  const say = (message: string) => problems.push({ file: f.file, line, message });
  if (!/^[1-9]\d*$/.test(cells.row) || Number(cells.row) > corpus.length) {
    say(`row ${cells.row} is not a data row (1..${corpus.length})`);
    return undefined;
  }
  const row = Number(cells.row);
  if (f.range && (row < f.range[0] || row > f.range[1])) say(`row ${row} is outside the file's range ${f.range.join('-')}`);
  const target = corpus[row - 1];
  if (cells.doc !== target.doc) say(`doc ${cells.doc} is not row ${row}'s doc (${target.doc})`);
  if (!/^[1-9]\d*$/.test(cells.occ)) say(`occ ${cells.occ} is not a positive integer`);
  if (!shape.kinds.has(cells.kind)) say(`kind ${cells.kind} is not one of ${[...shape.kinds].join(', ')}`);
  const key = `${cells.row}\t${cells[shape.span]}\t${cells.occ}`;
  if (seen.has(key)) say(`same ${shape.span} and occ as line ${seen.get(key)}`);
  seen.set(key, line);
  return target;
}

function checkBrackets(f: LabelFile, corpus: CorpusRow[], problems: Problem[]): void {
  const seen = new Map<string, number>();
  for (const { line, cells } of f.rows) {
    const say = (message: string) => problems.push({ file: f.file, line, message });
    const target = checkCommon(f, line, cells, corpus, problems, { span: 'bracket', kinds: BRACKET_KINDS }, seen);
    if (!target) continue;
    const matches = bracketsAfterChinese(target.zh).filter((b) => b.text === cells.bracket);
    const occ = Number(cells.occ);
    const bracket = matches[occ - 1];
    if (!bracket) {
      say(`no bracket (${cells.bracket}) number ${cells.occ} after Chinese text in row ${cells.row} (found ${matches.length})`);
      continue;
    }
    for (const name of ['en_full', 'en_acronym'])
      if (cells[name] && !target.en.includes(cells[name])) say(`${name} "${cells[name]}" is not in row ${cells.row}'s en`);
    if (cells.kind === 'alias') {
      if (!cells.full) say('alias without full');
      if (!cells.short && !cells.acronym) say('alias needs a short form or an acronym');
      const before = target.zh.slice(0, bracket.start).replace(CLOSING_MARKS, '');
      if (cells.full && !before.endsWith(cells.full)) say(`full "${cells.full}" does not end right before the bracket`);
      if (cells.short && !cells.bracket.includes(cells.short)) say(`short "${cells.short}" is not inside the bracket`);
      if (cells.acronym && !cells.bracket.includes(cells.acronym)) say(`acronym "${cells.acronym}" is not inside the bracket`);
      if (cells.acronym && !ACRONYM.test(cells.acronym)) say(`acronym "${cells.acronym}" is not Latin script`);
    } else if (cells.kind === 'not-alias') {
      for (const name of ['full', 'short', 'acronym', 'en_full', 'en_acronym'])
        if (cells[name]) say(`${name} must be empty for not-alias`);
    }
  }
  if (!f.range) return;
  // Exhaustiveness: every bracket after Chinese text in the range has its label row.
  for (let row = f.range[0]; row <= Math.min(f.range[1], corpus.length); row++) {
    const count = new Map<string, number>();
    for (const b of bracketsAfterChinese(corpus[row - 1].zh)) {
      const occ = (count.get(b.text) ?? 0) + 1;
      count.set(b.text, occ);
      if (!seen.has(`${row}\t${b.text}\t${occ}`))
        problems.push({ file: f.file, line: 0, message: `row ${row}: bracket (${b.text}) number ${occ} has no label` });
    }
  }
}

function checkEntities(f: LabelFile, corpus: CorpusRow[], problems: Problem[]): void {
  const seen = new Map<string, number>();
  for (const { line, cells } of f.rows) {
    const say = (message: string) => problems.push({ file: f.file, line, message });
    const target = checkCommon(f, line, cells, corpus, problems, { span: 'zh', kinds: ENTITY_KINDS }, seen);
    if (!target) continue;
    if (!cells.zh) {
      say('empty zh');
      continue;
    }
    if (nthIndexOf(target.zh, cells.zh, Number(cells.occ)) < 0)
      say(`"${cells.zh}" does not occur ${cells.occ} time(s) in row ${cells.row}'s zh`);
    if (/^《[^《]*》$/u.test(cells.zh)) say(`title "${cells.zh}" must be labelled without its 《》 marks`);
    if (cells.en && !target.en.includes(cells.en)) say(`en "${cells.en}" is not in row ${cells.row}'s en`);
    for (const inner of cells.inner ? cells.inner.split(';') : []) {
      if (!inner || inner === cells.zh || !cells.zh.includes(inner)) say(`inner "${inner}" is not a proper part of "${cells.zh}"`);
    }
  }
}

function tally(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
}

/** Checks label files against the corpus; the summary is one line (labels by kind, split counts). */
export function checkLabelFiles(files: string[], corpus: CorpusRow[]): { problems: Problem[]; summary: string } {
  const held = heldOutDocs(corpus);
  const problems: Problem[] = [];
  const loaded = files.map((file) => readLabelFile(file, problems)).filter((f): f is LabelFile => f !== undefined);
  for (const f of loaded) (f.type === 'brackets' ? checkBrackets : checkEntities)(f, corpus, problems);
  const part = (type: 'brackets' | 'entities') => {
    const rows = loaded.filter((f) => f.type === type).flatMap((f) => f.rows.map((r) => r.cells));
    const inCorpus = rows.filter((r) => corpus[Number(r.row) - 1]);
    const heldOut = inCorpus.filter((r) => held.has(corpus[Number(r.row) - 1].doc)).length;
    const withEn = rows.filter((r) => (type === 'brackets' ? r.en_full || r.en_acronym : r.en)).length;
    return (
      `${type} ${rows.length} (${tally(rows.map((r) => r.kind))}; with English ${withEn}; ` +
      `dev ${inCorpus.length - heldOut} / held-out ${heldOut}; ${new Set(rows.map((r) => r.row)).size} rows)`
    );
  };
  const ranges = loaded.filter((f) => f.range).map((f) => f.range!.join('-'));
  const summary =
    `${loaded.length} files (rows ${[...new Set(ranges)].join(', ') || 'no range'}) · ${part('brackets')} · ` +
    `${part('entities')} · ${problems.length} problem(s)`;
  return { problems, summary };
}

function main(argv: string[]): number {
  let corpusFile = DEFAULT_CORPUS;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--corpus') corpusFile = path.resolve(argv[++i] ?? '');
    else files.push(path.resolve(argv[i]));
  }
  if (files.length === 0) {
    if (!fs.existsSync(DEFAULT_DIR)) throw new Error(`no label files: ${DEFAULT_DIR} is absent`);
    for (const name of fs.readdirSync(DEFAULT_DIR).sort())
      if (/^(brackets|entities)\..+\.tsv$/.test(name)) files.push(path.join(DEFAULT_DIR, name));
  }
  if (files.length === 0) throw new Error('no label files to check');
  const { problems, summary } = checkLabelFiles(files, readCorpus(corpusFile));
  for (const p of problems) console.log(`${path.relative(process.cwd(), p.file)}:${p.line}: ${p.message}`);
  console.log(summary);
  return problems.length > 0 ? 1 : 0;
}

/**
 * Runs main when the module at `url` is the script node was started with (so scoring code can
 * import this file's bracket finder and split rule): its exit code, or 2 with the error's message.
 */
export function runAsScript(url: string, run: (argv: string[]) => number): void {
  if (!process.argv[1] || path.resolve(process.argv[1]) !== fileURLToPath(url)) return;
  try {
    process.exit(run(process.argv.slice(2)));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
}

runAsScript(import.meta.url, main);
