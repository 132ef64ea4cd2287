// Finds where a name is attested in the two reference data sets beside the checkout, so that a
// glossary row's `verified = yes` rests on evidence anyone can re-run:
//   - the UN Parallel Corpus dev set (../shared/data/unpc-devset-3000.en-zh.tsv, 2015 UN documents);
//   - the UNBIS Thesaurus (../shared/data/unbis-thesaurus.en-zh.tsv; English upper case as published).
//
// A title is matched without its 《》: UN Chinese nests titles (《联合国气候变化框架公约京都议定书》
// holds 联合国气候变化框架公约 with no marks of its own). English matches whole words, any case.
//
// Usage:
//   npx tsx scripts/find-attestations.ts FORM [FORM ...]
//       every dev-set sentence pair whose English or Chinese side holds FORM, and every UNBIS
//       descriptor whose label holds it. --with OTHER keeps only pairs whose other side holds
//       OTHER too (the aligned name: 《不扩散核武器条约》 --with "Non-Proliferation Treaty").
//   npx tsx scripts/find-attestations.ts --glossary [--unverified] [--apply] [FILE.tsv ...]
//       for each term of FILE (default: treaties.tsv, treaty-meetings.tsv, conferences.tsv in
//       glossary/): the documents where the term stands on its side of a sentence pair, not only
//       inside a longer form of the same concept, while a form of the same concept in the other
//       language stands in the aligned sentence; and UNBIS descriptors that pair it with a form
//       of the concept. --apply writes the first such source into rows still `verified = no`
//       (source `UNPC <doc_id>` or `UNBIS <id>`, verified yes, a note starting "not checked"
//       dropped). Chinese forms of fewer than 3 characters and English forms of one lower-case
//       word are reported, never applied: they match too much to prove anything.
//   npx tsx scripts/find-attestations.ts --dupes DIR[,DIR ...] [FILE.tsv ...]
//       forms of FILE that glossary directories DIR already hold (same language, same key).
// Exit code 0; 2 on bad input.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { normalizeKey } from '../src/domain/normalize.js';
import { GLOSSARY_DIR, PROJECT_ROOT } from '../src/paths.js';
import { parseGlossaryFile, readGlossaryDir, type RefConcept, type RefTerm } from '../src/reference/glossary.js';
import { readUnbis, type UnbisRow } from '../bench/eval.js';

const SHARED_DATA = path.resolve(PROJECT_ROOT, '..', 'shared', 'data');
export const DEVSET_FILE = path.join(SHARED_DATA, 'unpc-devset-3000.en-zh.tsv');
export const UNBIS_FILE = path.join(SHARED_DATA, 'unbis-thesaurus.en-zh.tsv');
const DEFAULT_FILES = ['treaties.tsv', 'treaty-meetings.tsv', 'conferences.tsv'];

export interface SentencePair {
  doc: string;
  enLine: string;
  zhLine: string;
  en: string;
  zh: string;
  enKey: string;
  zhKey: string;
}

/** One aligned sentence pair with the keys both sides are searched by. */
export function sentencePair(doc: string, en: string, zh: string, enLine = '', zhLine = ''): SentencePair {
  return { doc, enLine, zhLine, en, zh, enKey: formKey(en), zhKey: formKey(zh) };
}

export function readDevset(file: string): SentencePair[] {
  const pairs: SentencePair[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/).slice(1)) {
    const [doc, enLine, zhLine, en, zh] = line.split('\t');
    if (!doc || !en || !zh) continue;
    pairs.push(sentencePair(doc, en, zh, enLine, zhLine));
  }
  return pairs;
}

/**
 * The search key of a form or a sentence: normalised, without title marks. Both sides drop them, because
 * titles nest inside names: 第三次《佩林达巴条约》缔约国大会 holds 佩林达巴条约缔约国大会.
 */
export function formKey(text: string): string {
  return normalizeKey(text).replace(/[《》]/gu, '').trim();
}

const WORD_CHAR = /[a-z0-9]/;

/** Start offsets of `key` in `hay` (both normalised); a key with Latin edges must sit on word boundaries there. */
export function occurrences(hay: string, key: string): number[] {
  const found: number[] = [];
  if (!key) return found;
  const latinStart = WORD_CHAR.test(key[0]);
  const latinEnd = WORD_CHAR.test(key[key.length - 1]);
  for (let at = hay.indexOf(key); at >= 0; at = hay.indexOf(key, at + 1)) {
    if (latinStart && WORD_CHAR.test(hay[at - 1] ?? ' ')) continue;
    if (latinEnd && WORD_CHAR.test(hay[at + key.length] ?? ' ')) continue;
    found.push(at);
  }
  return found;
}

/**
 * Does `key` stand in `hay` on its own, not only inside an occurrence of one of `longer` (longer
 * forms of the same concept)? "Convention against Corruption" inside "United Nations Convention
 * against Corruption" attests the full title, not the short one.
 */
export function standsAlone(hay: string, key: string, longer: string[]): boolean {
  const spans = longer.filter((k) => k.length > key.length && k.includes(key)).flatMap((k) => occurrences(hay, k).map((at) => [at, at + k.length]));
  return occurrences(hay, key).some((at) => !spans.some(([s, e]) => s <= at && at + key.length <= e));
}

export interface Evidence {
  unpc: string[];
  unbis: string[];
}

/** Documents and UNBIS descriptors that attest `term` of `concept` aligned with a form of the concept in the other language. */
export function evidenceFor(concept: RefConcept, term: RefTerm, pairs: SentencePair[], unbis: UnbisRow[]): Evidence {
  const otherLang = term.lang === 'en' ? 'zh-Hans' : 'en';
  const key = formKey(term.text);
  const sameSide = concept.terms.filter((t) => t.lang === term.lang).map((t) => formKey(t.text));
  const partners = concept.terms.filter((t) => t.lang === otherLang && t.status !== 'deprecated').map((t) => formKey(t.text));
  const unpc = new Set<string>();
  for (const p of pairs) {
    const own = term.lang === 'en' ? p.enKey : p.zhKey;
    const aligned = term.lang === 'en' ? p.zhKey : p.enKey;
    if (standsAlone(own, key, sameSide) && partners.some((k) => occurrences(aligned, k).length > 0)) unpc.add(p.doc);
  }
  const ids = new Set<string>();
  for (const r of unbis) {
    const en = formKey(r.en);
    const zh = formKey(r.zh);
    const ownLabel = term.lang === 'en' ? en : zh;
    const otherLabel = term.lang === 'en' ? zh : en;
    if (ownLabel === key && partners.includes(otherLabel)) ids.add(r.id);
  }
  return { unpc: [...unpc], unbis: [...ids] };
}

/** Forms that match too much to prove anything on their own (公约, 大会, treaty). */
export function tooGeneric(term: RefTerm): boolean {
  const key = formKey(term.text);
  if (term.lang === 'en') return !/\s/.test(key) && term.type !== 'acronym' && term.type !== 'abbreviation';
  return [...key].length < 3;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function printForm(form: string, withForm: string | undefined, pairs: SentencePair[], unbis: UnbisRow[]): number {
  const key = formKey(form);
  const other = withForm === undefined ? undefined : formKey(withForm);
  let n = 0;
  for (const p of pairs) {
    const inEn = occurrences(p.enKey, key).length > 0;
    const inZh = occurrences(p.zhKey, key).length > 0;
    if (!inEn && !inZh) continue;
    if (other !== undefined && !occurrences(inEn ? p.zhKey : p.enKey, other).length) continue;
    n++;
    console.log(`UNPC ${p.doc} (en ${p.enLine}, zh ${p.zhLine})\n  en: ${p.en}\n  zh: ${p.zh}`);
  }
  for (const r of unbis) {
    if (formKey(r.en).includes(key) || formKey(r.zh).includes(key)) {
      n++;
      console.log(`UNBIS ${r.id}\t${r.en}\t${r.zh}`);
    }
  }
  console.log(`${form}: ${n} hit(s)`);
  return n;
}

function dupes(dirs: string[], files: string[]): void {
  for (const dir of dirs) {
    const index = new Map<string, string[]>();
    for (const c of readGlossaryDir(dir).concepts) {
      for (const t of c.terms) {
        if (files.some((f) => path.resolve(dir, c.file) === path.resolve(f))) continue;
        const k = `${t.lang}\u0000${formKey(t.text)}`;
        index.set(k, [...(index.get(k) ?? []), `${c.file}:${t.line} [${c.id}]`]);
      }
    }
    for (const file of files) {
      for (const c of parseGlossaryFile(fs.readFileSync(file, 'utf8'), path.basename(file))) {
        for (const t of c.terms) {
          const hits = index.get(`${t.lang}\u0000${formKey(t.text)}`);
          if (hits) console.log(`${path.basename(file)}:${t.line} [${c.id}] ${t.text}  ~  ${dir}: ${hits.join(', ')}`);
        }
      }
    }
  }
}

function glossaryEvidence(files: string[], unverifiedOnly: boolean, apply: boolean, pairs: SentencePair[], unbis: UnbisRow[]): void {
  let looked = 0;
  let attested = 0;
  let applied = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');
    for (const c of parseGlossaryFile(text, path.basename(file))) {
      for (const t of c.terms) {
        if (unverifiedOnly && t.verified) continue;
        looked++;
        const ev = evidenceFor(c, t, pairs, unbis);
        const sources = [...ev.unbis.map((id) => `UNBIS ${id}`), ...ev.unpc.map((d) => `UNPC ${d}`)];
        if (sources.length === 0) continue;
        attested++;
        const generic = tooGeneric(t);
        console.log(
          `${path.basename(file)}:${t.line} [${c.id}] ${t.lang} ${t.type} ${t.text}${t.verified ? '' : ' (unverified)'}${generic ? ' (too generic to apply)' : ''}\n  ${sources.slice(0, 4).join('; ')}`,
        );
        if (apply && !t.verified && !generic) {
          const cells = lines[t.line - 1].split('\t');
          cells[6] = sources[0];
          cells[7] = 'yes';
          if (/^not checked/i.test(cells[8].trim())) cells[8] = '';
          lines[t.line - 1] = cells.join('\t');
          applied++;
        }
      }
    }
    if (apply) fs.writeFileSync(file, lines.join('\n'));
  }
  console.log(`${looked} term(s) looked at, ${attested} attested${apply ? `, ${applied} marked verified` : ''}`);
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
  const withForm = option('--with');
  const dupeDirs = option('--dupes');
  const unknown = args.find((a) => a.startsWith('--'));
  if (unknown) fail(`unknown option ${unknown}`);
  for (const f of [DEVSET_FILE, UNBIS_FILE]) if (!fs.existsSync(f)) fail(`missing reference data: ${f}`);

  if (!glossaryMode && dupeDirs === undefined) {
    if (args.length === 0) fail('give a form to look for, --glossary [FILE ...] or --dupes DIR [FILE ...]');
    const pairs = readDevset(DEVSET_FILE);
    const unbis = readUnbis(UNBIS_FILE);
    for (const form of args) printForm(form, withForm, pairs, unbis);
    return;
  }
  const files = args.length > 0 ? args : DEFAULT_FILES.map((f) => path.join(GLOSSARY_DIR, f)).filter((f) => fs.existsSync(f));
  for (const f of files) if (!fs.existsSync(f)) fail(`no such file: ${f}`);
  if (dupeDirs !== undefined) {
    dupes(dupeDirs.split(','), files);
    return;
  }
  glossaryEvidence(files, unverifiedOnly, apply, readDevset(DEVSET_FILE), readUnbis(UNBIS_FILE));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
