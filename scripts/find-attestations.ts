// The one attestation tool of the reference glossary: finds where glossary forms are attested in
// the reference data beside the checkout, so that a row's `verified = yes` rests on evidence anyone
// can re-run, and lists forms that two concepts share.
//
// Evidence, strongest first:
//   unbis         a UNBIS descriptor (../shared/data/unbis-thesaurus.en-zh.tsv, English upper case
//                 as published) whose label equals the form and whose other label equals a form of
//                 the same concept in the other language;
//   unpc          a sentence pair of the UN Parallel Corpus dev set (../shared/data/unpc-devset-
//                 3000.en-zh.tsv, 2015 UN documents) with the form on its side, standing on its own
//                 (not only inside a longer glossary form: 人权高专 inside 人权高专办, Convention
//                 against Corruption inside United Nations Convention against Corruption, nor inside
//                 a longer name the reviewed dev-set labels of test/data/devset mark in that row:
//                 协商小组 inside 国际农业研究协商小组), and a form of the concept in the other
//                 language in the aligned sentence;
//   seed-acronym  an English acronym in a seed report a few characters after a Chinese name of the
//                 concept (贸发会议(UNCTAD));
//   seed          a Chinese form of six or more characters found on its own in a seed report.
// Reported, never applied: `alone` (the form in the dev set without the concept's other-language
// name beside it: a form alone says nothing about which concept it names) and `conflict` (a UNBIS
// descriptor with the concept's English and another Chinese label: read it, the glossary may lack
// a form). Titles are matched without 《》, because UN Chinese nests them (第三次《佩林达巴条约》
// 缔约国大会 holds 佩林达巴条约缔约国大会). English matches whole words with their capitals (only the
// first letter may change case), a lower-case name also in its plural; an acronym keeps its case.
// Forms that match too much to prove anything (Chinese under three characters, one lower-case
// English word) and rows listed in scripts/attestation-rejects.tsv (reviewed and found wrong) are
// never applied.
//
// Usage:
//   npx tsx scripts/find-attestations.ts FORM [FORM ...] [--with OTHER]
//       every dev-set pair and UNBIS descriptor holding FORM (with OTHER on the other side).
//   npx tsx scripts/find-attestations.ts --glossary [--unverified] [--apply] [--skip ID,ID] [FILE.tsv ...]
//       the evidence of every term of FILE (default: every glossary file); --apply marks the rows
//       still `verified = no` that have strong evidence: verified yes, the evidence as source (a
//       bare "UNTERM" source is replaced, any other kept after it), the "not checked" clause of the
//       note dropped.
//   npx tsx scripts/find-attestations.ts --annotate [FILE.tsv ...]
//       gives every unverified term whose note does not say what is unsure a clause naming what
//       was not checked.
//   npx tsx scripts/find-attestations.ts --overlaps [DIR]
//       forms (same language, same key without 《》) that two concepts of DIR (default glossary/)
//       hold, with their type and status: homonyms to note, or duplicates to merge.
// Exit code 0; 2 on bad input or missing reference data.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { normalizeKey } from '../src/domain/normalize.js';
import { GLOSSARY_DIR, PROJECT_ROOT, SEEDS_DIR } from '../src/paths.js';
import { type RefConcept, type RefTerm, readGlossaryDir } from '../src/reference/glossary.js';
import { type UnbisRow, readUnbis } from '../bench/eval.js';

const SHARED_DATA = path.resolve(PROJECT_ROOT, '..', 'shared', 'data');
export const DEVSET_FILE = path.join(SHARED_DATA, 'unpc-devset-3000.en-zh.tsv');
export const UNBIS_FILE = path.join(SHARED_DATA, 'unbis-thesaurus.en-zh.tsv');
export const REJECTS_FILE = path.join(PROJECT_ROOT, 'scripts', 'attestation-rejects.tsv');
/** The reviewed entity labels of the dev set (test/data/devset/README.md): exact name spans per row. */
export const LABELS_DIR = path.join(PROJECT_ROOT, 'test', 'data', 'devset');
/** Shortest Chinese form a seed report can attest on its own (shorter ones recur in unrelated names). */
const SEED_MIN_CHARS = 6;
/** Characters allowed between a Chinese name and its acronym in a seed report: （UNCTAD）, ，简称UNCTAD. */
const ACRONYM_WINDOW = 6;

// ---------------------------------------------------------------- matching

export interface SentencePair {
  doc: string;
  /** 1-based data row of the dev set (the header is row 0), as in test/data/devset/. */
  row: number;
  en: string;
  zh: string;
  enKey: string;
  zhKey: string;
}

export function sentencePair(doc: string, en: string, zh: string, row = 0): SentencePair {
  return { doc, row, en, zh, enKey: formKey(en), zhKey: formKey(zh) };
}

/** The dev set: `doc_id, en_line, zh_line, en, zh` after a header line. */
export function readDevset(file: string): SentencePair[] {
  const pairs: SentencePair[] = [];
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const [doc, , , en, zh] = lines[i].split('\t');
    if (doc && en && zh) pairs.push(sentencePair(doc, en, zh, i));
  }
  return pairs;
}

/** The search key of a form or a sentence: normalised, without title marks (titles nest inside names). */
export function formKey(text: string): string {
  return normalizeKey(text).replace(/[《》〈〉]/gu, '').trim();
}

const WORD_CHAR = /[a-z0-9]/;

/**
 * Start offsets of `key` in `hay` (both normalised). A key with Latin edges must sit on word
 * boundaries; with `plural`, a final "s" after the key still counts as the key's end.
 */
export function occurrences(hay: string, key: string, plural = false): number[] {
  const found: number[] = [];
  if (!key) return found;
  const latinStart = WORD_CHAR.test(key[0]);
  const latinEnd = WORD_CHAR.test(key[key.length - 1]);
  for (let at = hay.indexOf(key); at >= 0; at = hay.indexOf(key, at + 1)) {
    if (latinStart && WORD_CHAR.test(hay[at - 1] ?? ' ')) continue;
    let after = at + key.length;
    if (plural && hay[after] === 's') after++;
    if (latinEnd && WORD_CHAR.test(hay[after] ?? ' ')) continue;
    found.push(at);
  }
  return found;
}

/**
 * Does `key` stand in `hay` on its own, not only inside an occurrence of one of `longer` (longer
 * glossary forms)? "Convention against Corruption" inside "United Nations Convention against
 * Corruption" attests the full title, not the short one.
 */
export function standsAlone(hay: string, key: string, longer: readonly string[], plural = false): boolean {
  if (!key || !hay.includes(key)) return false;
  const spans = longer.filter((k) => k.length > key.length && k.includes(key)).flatMap((k) => occurrences(hay, k).map((at) => [at, at + k.length]));
  return occurrences(hay, key, plural).some((at) => !spans.some(([s, e]) => s <= at && at + key.length <= e));
}

/** An English name written in lower case (a common noun) may stand in its plural. */
const takesPlural = (t: Pick<RefTerm, 'lang' | 'text'>) => t.lang === 'en' && /^[a-z]/.test(t.text) && !t.text.endsWith('s');
const isAbbreviation = (t: Pick<RefTerm, 'type'>) => t.type === 'acronym' || t.type === 'abbreviation';
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Capitals are part of an English UN form: "Commission of Inquiry" is not attested by "commission of
 * inquiry", nor "ISA" by "isa". The first letter may change case (a sentence may open with a
 * lower-case term); an acronym keeps its case throughout.
 */
function caseKept(t: Pick<RefTerm, 'lang' | 'type' | 'text'>, raw: string): boolean {
  if (t.lang !== 'en') return true;
  const first = isAbbreviation(t) ? escapeRe(t.text[0]) : `[${escapeRe(t.text[0].toLowerCase())}${escapeRe(t.text[0].toUpperCase())}]`;
  const plural = takesPlural(t) ? 's?' : '';
  return new RegExp(`(?<![A-Za-z0-9])${first}${escapeRe(t.text.slice(1))}${plural}(?![A-Za-z0-9])`).test(raw);
}

/** Forms that match too much to prove anything on their own (公约, 大会, treaty). */
export function tooGeneric(term: Pick<RefTerm, 'lang' | 'type' | 'text'>): boolean {
  const key = formKey(term.text);
  if (term.lang === 'en') return !/\s/.test(key) && !isAbbreviation(term);
  return [...key].length < 3;
}

// ---------------------------------------------------------------- evidence

export type Strength = 'unbis' | 'unpc' | 'seed-acronym' | 'seed';
export const STRENGTHS: readonly Strength[] = ['unbis', 'unpc', 'seed-acronym', 'seed'];

export interface Evidence {
  /** Strong evidence, strongest first: the source label to write and what was seen. */
  found: Array<{ strength: Strength; source: string; seen: string }>;
  /** Dev-set rows with the form but without the concept's other-language name. */
  alone: string[];
  /** UNBIS descriptors with an English form of the concept and a Chinese label the concept lacks. */
  conflicts: string[];
}

/** The names labelled in one dev-set row (keys of the Chinese span and of its English). */
export interface RowLabel {
  zhKey: string;
  enKey: string;
}

/** Reads the `entities.*.tsv` label files: row → its labelled names. */
export function readEntityLabels(dir: string): Map<number, RowLabel[]> {
  const byRow = new Map<number, RowLabel[]>();
  if (!fs.existsSync(dir)) return byRow;
  for (const f of fs.readdirSync(dir).filter((x) => /^entities\..*\.tsv$/.test(x)).sort()) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split(/\r?\n/).slice(1)) {
      const [row, , zh, , , en] = line.split('\t');
      if (!row || !zh) continue;
      const list = byRow.get(Number(row)) ?? [];
      list.push({ zhKey: formKey(zh), enKey: en ? formKey(en) : '' });
      byRow.set(Number(row), list);
    }
  }
  return byRow;
}

export interface SeedText {
  label: string;
  text: string;
}

export interface EvidenceData {
  pairs: SentencePair[];
  unbis: Array<UnbisRow & { enKey: string; zhKey: string }>;
  /** `text` is the seed's key; `raw` the text as written (acronyms are matched in it). */
  seeds: Array<SeedText & { raw: string }>;
  /** Every glossary form's key by language (longer forms mask the shorter ones they contain). */
  keysByLang: Map<string, string[]>;
  /** Reviewed name spans of dev-set rows: a longer labelled name masks the shorter ones it contains. */
  labels: Map<number, RowLabel[]>;
}

export function evidenceData(
  concepts: RefConcept[],
  pairs: SentencePair[],
  unbis: UnbisRow[],
  seeds: SeedText[],
  labels: Map<number, RowLabel[]> = new Map(),
): EvidenceData {
  const keys = new Map<string, Set<string>>();
  for (const c of concepts) {
    for (const t of c.terms) {
      const set = keys.get(t.lang) ?? new Set<string>();
      set.add(formKey(t.text));
      keys.set(t.lang, set);
    }
  }
  return {
    pairs,
    unbis: unbis.map((u) => ({ ...u, enKey: formKey(u.en), zhKey: formKey(u.zh) })),
    seeds: seeds.map((s) => ({ ...s, text: formKey(s.text), raw: s.text })),
    keysByLang: new Map([...keys].map(([lang, set]) => [lang, [...set]])),
    labels,
  };
}

/** Where `term` of `concept` is attested, strongest evidence first. */
export function evidenceFor(concept: RefConcept, term: RefTerm, data: EvidenceData): Evidence {
  const ev: Evidence = { found: [], alone: [], conflicts: [] };
  if (term.lang !== 'en' && term.lang !== 'zh-Hans') return ev;
  const otherLang = term.lang === 'en' ? 'zh-Hans' : 'en';
  const key = formKey(term.text);
  const plural = takesPlural(term);
  const longer = (data.keysByLang.get(term.lang) ?? []).filter((k) => k.length > key.length && k.includes(key));
  // Partners: the concept's names in the other language, not deprecated and not too generic to tell it apart.
  const partners = concept.terms.filter((t) => t.lang === otherLang && t.status !== 'deprecated' && !tooGeneric(t));
  const zhForms = new Set(concept.terms.filter((t) => t.lang === 'zh-Hans').map((t) => formKey(t.text)));
  const enForms = new Set(concept.terms.filter((t) => t.lang === 'en').map((t) => formKey(t.text)));

  for (const u of data.unbis) {
    const en = u.enKey;
    const zh = u.zhKey;
    if (term.lang === 'zh-Hans' ? zh === key && enForms.has(en) : en === key && zhForms.has(zh)) {
      ev.found.push({ strength: 'unbis', source: `UNBIS ${u.id}`, seen: `${u.en} = ${u.zh}` });
    } else if (enForms.has(en) && !zhForms.has(zh) && (term.lang === 'en' ? en === key : true)) {
      ev.conflicts.push(`UNBIS ${u.id} ${u.en} = ${u.zh}`);
    }
  }

  for (const p of data.pairs) {
    const own = term.lang === 'en' ? p.enKey : p.zhKey;
    const labelled = (data.labels.get(p.row) ?? []).map((l) => (term.lang === 'en' ? l.enKey : l.zhKey)).filter((k) => k.length > key.length && k.includes(key));
    if (!standsAlone(own, key, labelled.length > 0 ? [...longer, ...labelled] : longer, plural) || !caseKept(term, p.en)) continue;
    const aligned = term.lang === 'en' ? p.zhKey : p.enKey;
    const partner = partners.find((o) => occurrences(aligned, formKey(o.text), takesPlural(o)).length > 0 && caseKept(o, p.en));
    if (partner) ev.found.push({ strength: 'unpc', source: `UNPC ${p.doc}`, seen: `row ${p.row}, with "${partner.text}"` });
    else if (ev.alone.length < 3) ev.alone.push(`UNPC ${p.doc} (row ${p.row})`);
  }

  const zhNames = concept.terms.filter((t) => t.lang === 'zh-Hans' && !tooGeneric(t)).map((t) => escapeRe(t.text));
  for (const s of data.seeds) {
    if (term.lang === 'en' && isAbbreviation(term) && zhNames.length > 0) {
      const re = new RegExp(`(${zhNames.join('|')})[^\\n]{0,${ACRONYM_WINDOW}}?(?<![A-Za-z0-9])${escapeRe(term.text)}(?![A-Za-z0-9])`);
      const m = re.exec(s.raw);
      if (m) ev.found.push({ strength: 'seed-acronym', source: s.label, seen: m[0] });
    } else if (term.lang === 'zh-Hans' && [...key].length >= SEED_MIN_CHARS && standsAlone(s.text, key, longer)) {
      ev.found.push({ strength: 'seed', source: s.label, seen: term.text });
    }
  }
  ev.found.sort((a, b) => STRENGTHS.indexOf(a.strength) - STRENGTHS.indexOf(b.strength));
  return ev;
}

// ---------------------------------------------------------------- writing rows

/** The note once the form is verified: without its "not checked" clause. */
export function noteAfterVerification(note: string): string {
  return note
    .split(/;\s*/)
    .filter((clause) => !/\bnot (yet )?checked\b/i.test(clause))
    .join('; ')
    .trim();
}

/** The source once verified: the evidence replaces a bare UNTERM (a claim not checked here) and goes before any other source. */
export function sourceAfterVerification(evidence: string, old: string): string {
  return /^UNTERM( \(not checked here\))?$/.test(old.trim()) ? evidence : `${evidence}; ${old}`;
}

/** A note already says what is unsure when it names what was not checked, found or attested. */
export const SAYS_UNSURE = /not (yet )?(checked|attested|found|verified)|unsure|uncertain|from memory|to check|unconfirmed/i;

/** The what-is-unsure clause of an unverified term: which form was not checked. */
export function unsureClause(t: Pick<RefTerm, 'lang' | 'type' | 'status'>): string {
  // A deprecated form is not expected in UN documents: what is open is who writes it.
  if (t.status === 'deprecated') return 'where this form is used was not checked here';
  if (isAbbreviation(t)) return 'acronym not checked against a UN document here';
  if (t.lang === 'zh-Hant') return 'Traditional form not checked here';
  const form = t.type === 'shortForm' ? 'short form' : 'form';
  return `${t.lang === 'en' ? 'English' : 'Chinese'} ${form} not checked against a UN document here`;
}

/** Rewrites rows of one glossary file; `edit` gets the nine cells and returns them changed (or null to keep the row). */
function rewriteRows(file: string, rows: Array<{ term: RefTerm; edit: (cells: string[]) => string[] }>): number {
  const full = path.join(GLOSSARY_DIR, file);
  const lines = fs.readFileSync(full, 'utf8').split('\n');
  for (const { term, edit } of rows) {
    const cells = lines[term.line - 1].split('\t');
    if (cells[5] !== term.text || cells[7] !== (term.verified ? 'yes' : 'no')) {
      throw new Error(`${file}:${term.line}: row changed since it was read (${cells[5]})`);
    }
    lines[term.line - 1] = edit(cells).join('\t');
  }
  fs.writeFileSync(full, lines.join('\n'));
  return rows.length;
}

// ---------------------------------------------------------------- reviewed rejections

const rejectKey = (id: string, lang: string, text: string) => `${id}\u0000${lang}\u0000${text}`;

export interface Rejects {
  /** Reviewed rows (id, lang, text) and why their evidence does not count. */
  terms: Map<string, string>;
  /** Source labels that do not count as UN attestation (a seed that is not a UN document). */
  sources: Set<string>;
}

/** `id lang text reason` rows, and `source LABEL - reason` rows that exclude a whole source. */
export function readRejects(file: string): Rejects {
  const rejects: Rejects = { terms: new Map(), sources: new Set() };
  if (!fs.existsSync(file)) return rejects;
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [id, lang, text, reason] = line.split('\t');
    if (!id || !lang || !text) throw new Error(`${file}: expected id, lang, text, reason: ${line}`);
    if (id === 'source') rejects.sources.add(lang);
    else rejects.terms.set(rejectKey(id, lang, text), reason ?? '');
  }
  return rejects;
}

// ---------------------------------------------------------------- overlaps

export interface Overlap {
  lang: string;
  key: string;
  holders: Array<{ id: string; type: string; status: string; where: string }>;
}

/** Forms (same language, same key without 《》) held by more than one concept. */
export function findOverlaps(concepts: RefConcept[]): Overlap[] {
  const byKey = new Map<string, Overlap>();
  for (const c of concepts) {
    for (const t of c.terms) {
      const key = formKey(t.text);
      const k = `${t.lang}\u0000${key}`;
      const o = byKey.get(k) ?? { lang: t.lang, key, holders: [] };
      if (!o.holders.some((h) => h.id === c.id)) o.holders.push({ id: c.id, type: t.type, status: t.status, where: `${t.file}:${t.line}` });
      byKey.set(k, o);
    }
  }
  return [...byKey.values()].filter((o) => o.holders.length > 1);
}

// ---------------------------------------------------------------- commands

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function readSeeds(excluded: ReadonlySet<string>): SeedText[] {
  if (!fs.existsSync(SEEDS_DIR)) return [];
  return fs
    .readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ label: `seed:${f.slice(0, 3)}`, text: fs.readFileSync(path.join(SEEDS_DIR, f), 'utf8') }))
    .filter((s) => !excluded.has(s.label));
}

function printForm(form: string, withForm: string | undefined, pairs: SentencePair[], unbis: UnbisRow[]): void {
  const key = formKey(form);
  const other = withForm === undefined ? undefined : formKey(withForm);
  let n = 0;
  for (const p of pairs) {
    const inEn = occurrences(p.enKey, key).length > 0;
    const inZh = occurrences(p.zhKey, key).length > 0;
    if (!inEn && !inZh) continue;
    if (other !== undefined && occurrences(inEn ? p.zhKey : p.enKey, other).length === 0) continue;
    n++;
    console.log(`UNPC ${p.doc} (row ${p.row})\n  en: ${p.en}\n  zh: ${p.zh}`);
  }
  for (const r of unbis) {
    if (formKey(r.en).includes(key) || formKey(r.zh).includes(key)) {
      n++;
      console.log(`UNBIS ${r.id}\t${r.en}\t${r.zh}`);
    }
  }
  console.log(`${form}: ${n} hit(s)`);
}

function selectConcepts(files: string[]): { all: RefConcept[]; chosen: RefConcept[] } {
  const glossary = readGlossaryDir(GLOSSARY_DIR);
  const names = files.map((f) => path.basename(f));
  for (const f of names) if (!glossary.files.includes(f)) fail(`no glossary file ${f} in ${GLOSSARY_DIR}`);
  return { all: glossary.concepts, chosen: names.length > 0 ? glossary.concepts.filter((c) => names.includes(c.file)) : glossary.concepts };
}

function glossaryEvidence(files: string[], opts: { unverifiedOnly: boolean; apply: boolean; skip: ReadonlySet<string> }): void {
  const rejects = readRejects(REJECTS_FILE);
  const { all, chosen } = selectConcepts(files);
  const data = evidenceData(all, readDevset(DEVSET_FILE), readUnbis(UNBIS_FILE), readSeeds(rejects.sources), readEntityLabels(LABELS_DIR));
  const toApply = new Map<string, Array<{ term: RefTerm; edit: (cells: string[]) => string[] }>>();
  const counts: Record<string, number> = {};
  let looked = 0;
  for (const c of chosen) {
    for (const t of c.terms) {
      if (opts.unverifiedOnly && t.verified) continue;
      looked++;
      const ev = evidenceFor(c, t, data);
      const best = ev.found[0];
      const rejected = rejects.terms.get(rejectKey(c.id, t.lang, t.text));
      const generic = tooGeneric(t);
      const label = !best ? (ev.alone.length > 0 ? 'alone' : 'none') : rejected !== undefined ? 'rejected' : generic ? 'too-generic' : best.strength;
      counts[label] = (counts[label] ?? 0) + 1;
      if (label === 'none' && ev.conflicts.length === 0) continue;
      const where = `${t.file}:${t.line}\t${c.id}\t${t.lang}\t${t.type}/${t.status}\t${t.text}${t.verified ? '' : ' (unverified)'}`;
      const what = best ? ev.found.slice(0, 3).map((f) => `${f.source} [${f.strength}: ${f.seen.replace(/\s+/g, ' ').slice(0, 80)}]`).join('; ') : ev.alone.join('; ');
      console.log(`${where}\n  ${label}: ${what}${rejected !== undefined ? ` REJECTED (${rejected})` : ''}${ev.conflicts.map((x) => `\n  conflict: ${x}`).join('')}`);
      if (opts.apply && best && !t.verified && !generic && rejected === undefined && !opts.skip.has(c.id)) {
        const list = toApply.get(t.file) ?? [];
        list.push({
          term: t,
          edit: (cells) => [...cells.slice(0, 6), sourceAfterVerification(best.source, cells[6]), 'yes', noteAfterVerification(cells[8])],
        });
        toApply.set(t.file, list);
      }
    }
  }
  const terms = chosen.flatMap((c) => c.terms);
  const verified = terms.filter((t) => t.verified).length;
  const pct = (n: number) => `${((100 * n) / Math.max(terms.length, 1)).toFixed(1)} %`;
  console.log(`# ${looked} term(s) looked at; ${terms.length} terms, ${verified} verified (${pct(verified)}); by evidence ${JSON.stringify(counts)}`);
  if (opts.apply) {
    let applied = 0;
    for (const [file, rows] of toApply) applied += rewriteRows(file, rows);
    console.log(`# applied ${applied}: now ${verified + applied} verified (${pct(verified + applied)})`);
  }
}

function annotate(files: string[]): void {
  const { chosen } = selectConcepts(files);
  const byFile = new Map<string, Array<{ term: RefTerm; edit: (cells: string[]) => string[] }>>();
  for (const c of chosen) {
    for (const t of c.terms) {
      if (t.verified || SAYS_UNSURE.test(t.note ?? '')) continue;
      const list = byFile.get(t.file) ?? [];
      list.push({ term: t, edit: (cells) => [...cells.slice(0, 8), cells[8].trim() ? `${cells[8].trim().replace(/[.;]$/, '')}; ${unsureClause(t)}` : unsureClause(t)] });
      byFile.set(t.file, list);
    }
  }
  let changed = 0;
  for (const [file, rows] of byFile) changed += rewriteRows(file, rows);
  console.log(`# annotated ${changed} unverified term(s) with what is unsure`);
}

function overlaps(dir: string): void {
  const found = findOverlaps(readGlossaryDir(dir).concepts);
  for (const o of found) console.log(`${o.lang}\t${o.key}\t${o.holders.map((h) => `${h.id} ${h.type}/${h.status} (${h.where})`).join('  ~  ')}`);
  console.log(`# ${found.length} form(s) held by more than one concept`);
}

export function main(argv: string[]): void {
  const args = [...argv];
  const flag = (name: string) => {
    const i = args.indexOf(name);
    if (i >= 0) args.splice(i, 1);
    return i >= 0;
  };
  const option = (name: string): string | undefined => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) fail(`${name} needs a value`);
    args.splice(i, 2);
    return value;
  };
  const glossaryMode = flag('--glossary');
  const unverifiedOnly = flag('--unverified');
  const apply = flag('--apply');
  const annotateMode = flag('--annotate');
  const overlapMode = flag('--overlaps');
  const withForm = option('--with');
  const skip = new Set((option('--skip') ?? '').split(',').filter(Boolean));
  const unknown = args.find((a) => a.startsWith('--'));
  if (unknown) fail(`unknown option ${unknown}`);
  if ([glossaryMode, annotateMode, overlapMode].filter(Boolean).length > 1) fail('give one of --glossary, --annotate, --overlaps');
  if (apply && !glossaryMode) fail('--apply works with --glossary');

  if (overlapMode) {
    overlaps(path.resolve(args[0] ?? GLOSSARY_DIR));
    return;
  }
  if (annotateMode) {
    annotate(args);
    return;
  }
  for (const f of [DEVSET_FILE, UNBIS_FILE]) if (!fs.existsSync(f)) fail(`missing reference data: ${f}`);
  if (glossaryMode) {
    glossaryEvidence(args, { unverifiedOnly, apply, skip });
    return;
  }
  if (args.length === 0) fail('give a form to look for, or one of --glossary, --annotate, --overlaps (see the header of this script)');
  const pairs = readDevset(DEVSET_FILE);
  const unbis = readUnbis(UNBIS_FILE);
  for (const form of args) printForm(form, withForm, pairs, unbis);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
