// Finds where the forms of glossary rows are attested in the two reference data sets beside the
// checkout, so that `verified = yes` rests on evidence a reviewer can re-run:
//   - the UN Parallel Corpus dev set (../shared/data/unpc-devset-3000.en-zh.tsv): a form counts as
//     attested in document D when a sentence pair of D has the form on its side and another name of
//     the same concept on the aligned side (an English form alone proves nothing about the Chinese);
//   - the UNBIS Thesaurus (../shared/data/unbis-thesaurus.en-zh.tsv): a descriptor whose English
//     (upper case as published) equals an English form of the concept and whose Chinese equals a
//     Chinese form. A descriptor with the same English but another Chinese is reported as a
//     conflict to review, never applied.
//
// Usage:
//   npx tsx scripts/find-attestations-g3.ts [FILE.tsv ...]            report every term's evidence
//   npx tsx scripts/find-attestations-g3.ts --unverified [FILE ...]   only rows still verified = no
//   npx tsx scripts/find-attestations-g3.ts --apply [FILE ...]        mark attested verified = no rows
//       verified = yes with the evidence as source; a note starting "not checked" (the standard
//       "what is unsure" note) is dropped, a trailing "; not checked here" is cut, any other note is kept. Zh forms of one or two
//       characters and rows named with --skip ID,ID are reported but never applied.
//   npx tsx scripts/find-attestations-g3.ts --grep TEXT              dev-set pairs and UNBIS rows containing TEXT
//   npx tsx scripts/find-attestations-g3.ts --dupes DIR[,DIR] [FILE ...]  forms of FILE that other glossary dirs already hold
// FILE defaults to the files G3 owns (issue 15). Exit code 0; 2 on bad input.
import fs from 'node:fs';
import path from 'node:path';
import { normalizeKey } from '../src/domain/normalize.js';
import { GLOSSARY_DIR, PROJECT_ROOT } from '../src/paths.js';
import { parseGlossaryFile, readGlossaryDir, type RefConcept, type RefTerm } from '../src/reference/glossary.js';
import { readUnbis, type UnbisRow } from '../bench/eval.js';

const SHARED_DATA = path.resolve(PROJECT_ROOT, '..', 'shared', 'data');
const DEVSET = path.join(SHARED_DATA, 'unpc-devset-3000.en-zh.tsv');
const UNBIS = path.join(SHARED_DATA, 'unbis-thesaurus.en-zh.tsv');
const G3_FILES = [
  'ga-subsidiary-bodies.tsv',
  'ecosoc-subsidiary-bodies.tsv',
  'human-rights-mechanisms.tsv',
  'observer-organizations.tsv',
  'un-document-terms.tsv',
];

interface Pair {
  doc: string;
  en: string;
  zh: string;
  enKey: string;
  zhKey: string;
}

function readDevset(file: string): Pair[] {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).slice(1);
  const pairs: Pair[] = [];
  for (const line of lines) {
    const [doc, , , en, zh] = line.split('\t');
    if (!doc || !en || !zh) continue;
    pairs.push({ doc, en, zh, enKey: ` ${normalizeKey(en)} `, zhKey: normalizeKey(zh) });
  }
  return pairs;
}

const LATIN_WORD = /[a-z0-9]/;

/** Is `key` (a normalised form) in `hay` (a normalised sentence) as a whole word run for Latin, as a substring for Chinese? */
function contains(hay: string, key: string): boolean {
  if (!key) return false;
  let from = 0;
  for (;;) {
    const at = hay.indexOf(key, from);
    if (at < 0) return false;
    const before = hay[at - 1] ?? ' ';
    let after = hay[at + key.length] ?? ' ';
    // An English form counts in its plural too ("mandate holder" in "mandate holders").
    if (after === 's' && /[a-z]/.test(key[key.length - 1])) after = hay[at + key.length + 1] ?? ' ';
    const latinEdges = LATIN_WORD.test(key[0]) || LATIN_WORD.test(key[key.length - 1]);
    if (!latinEdges || (!LATIN_WORD.test(before) && !LATIN_WORD.test(after))) return true;
    from = at + 1;
  }
}

interface Evidence {
  unpc: string[];
  unbis: string[];
  conflicts: string[];
}

function evidenceFor(concept: RefConcept, term: RefTerm, pairs: Pair[], unbisByEn: Map<string, UnbisRow[]>): Evidence {
  const other = term.lang === 'en' ? 'zh-Hans' : 'en';
  const partners = concept.terms.filter((t) => t.lang === other && t.status !== 'deprecated').map((t) => normalizeKey(t.text));
  const key = normalizeKey(term.text);
  const unpc = new Set<string>();
  for (const p of pairs) {
    const own = term.lang === 'en' ? p.enKey : p.zhKey;
    const aligned = term.lang === 'en' ? p.zhKey : p.enKey;
    if (contains(own, key) && partners.some((k) => contains(aligned, k))) unpc.add(p.doc);
  }
  const unbis: string[] = [];
  const conflicts: string[] = [];
  const enForms = concept.terms.filter((t) => t.lang === 'en').map((t) => t.text.toUpperCase());
  const zhForms = new Set(concept.terms.filter((t) => t.lang === 'zh-Hans').map((t) => normalizeKey(t.text)));
  const candidates = term.lang === 'en' ? (unbisByEn.get(term.text.toUpperCase()) ?? []) : enForms.flatMap((e) => unbisByEn.get(e) ?? []);
  for (const row of candidates) {
    const zhOk = term.lang === 'en' ? zhForms.has(normalizeKey(row.zh)) : normalizeKey(row.zh) === key;
    if (zhOk) unbis.push(row.id);
    else if (term.lang === 'en' || !zhForms.has(normalizeKey(row.zh))) conflicts.push(`UNBIS ${row.id} ${row.en} = ${row.zh}`);
  }
  return { unpc: [...unpc], unbis: [...new Set(unbis)], conflicts: [...new Set(conflicts)] };
}

function sourceOf(ev: Evidence): string | null {
  if (ev.unbis.length > 0) return `UNBIS ${ev.unbis[0]}`;
  if (ev.unpc.length > 0) return `UNPC ${ev.unpc[0]}`;
  return null;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function grep(text: string, pairs: Pair[], unbis: UnbisRow[]): void {
  const key = normalizeKey(text);
  for (const p of pairs) {
    if (contains(p.enKey, key) || contains(p.zhKey, key)) console.log(`UNPC ${p.doc}\n  en: ${p.en}\n  zh: ${p.zh}`);
  }
  for (const r of unbis) {
    if (normalizeKey(r.en).includes(key) || normalizeKey(r.zh).includes(key)) console.log(`UNBIS ${r.id}\t${r.en}\t${r.zh}`);
  }
}

function dupes(dirs: string[], files: string[]): void {
  for (const file of files) {
    const own = parseGlossaryFile(fs.readFileSync(file, 'utf8'), path.basename(file));
    const ownIds = new Set(own.map((c) => c.id));
    for (const dir of dirs) {
      const index = new Map<string, string[]>();
      for (const c of readGlossaryDir(dir).concepts) {
        if (ownIds.has(c.id) && path.basename(c.file) === path.basename(file)) continue;
        for (const t of c.terms) {
          const k = `${t.lang}\u0000${normalizeKey(t.text)}`;
          index.set(k, [...(index.get(k) ?? []), `${c.file}:${t.line} [${c.id}]`]);
        }
      }
      for (const c of own) {
        for (const t of c.terms) {
          const hits = index.get(`${t.lang}\u0000${normalizeKey(t.text)}`);
          if (hits) console.log(`${path.basename(file)}:${t.line} [${c.id}] ${t.text}  ~  ${dir}: ${hits.join(', ')}`);
        }
      }
    }
  }
}

function main(argv: string[]): void {
  const args = [...argv];
  const flag = (name: string) => {
    const i = args.indexOf(name);
    if (i < 0) return false;
    args.splice(i, 1);
    return true;
  };
  const option = (name: string): string | undefined => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) fail(`${name} needs a value`);
    args.splice(i, 2);
    return value;
  };
  const apply = flag('--apply');
  const unverifiedOnly = flag('--unverified');
  const grepText = option('--grep');
  const dupeDirs = option('--dupes');
  const skip = new Set((option('--skip') ?? '').split(',').filter(Boolean));
  if (args.some((a) => a.startsWith('--'))) fail(`unknown option ${args.find((a) => a.startsWith('--'))}`);
  for (const f of [DEVSET, UNBIS]) if (!fs.existsSync(f)) fail(`missing reference data: ${f}`);
  const files = (args.length > 0 ? args : G3_FILES.map((f) => path.join(GLOSSARY_DIR, f))).filter((f) => {
    if (fs.existsSync(f)) return true;
    if (args.length > 0) fail(`no such file: ${f}`);
    return false;
  });

  const pairs = readDevset(DEVSET);
  const unbisRows = readUnbis(UNBIS);
  if (grepText !== undefined) {
    grep(grepText, pairs, unbisRows);
    return;
  }
  if (dupeDirs !== undefined) {
    dupes(dupeDirs.split(','), files);
    return;
  }

  const unbisByEn = new Map<string, UnbisRow[]>();
  for (const r of unbisRows) unbisByEn.set(r.en.toUpperCase(), [...(unbisByEn.get(r.en.toUpperCase()) ?? []), r]);

  let terms = 0;
  let attested = 0;
  let applied = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const concepts = parseGlossaryFile(text, path.basename(file));
    for (const c of concepts) {
      for (const t of c.terms) {
        if (unverifiedOnly && t.verified) continue;
        terms++;
        const ev = evidenceFor(c, t, pairs, unbisByEn);
        const found = sourceOf(ev);
        if (found) attested++;
        const where = `${path.basename(file)}:${t.line} [${c.id}] ${t.lang} ${t.type} ${t.text}`;
        if (found || ev.conflicts.length > 0) {
          const shown = [...ev.unbis.map((id) => `UNBIS ${id}`), ...ev.unpc.slice(0, 3).map((d) => `UNPC ${d}`)];
          console.log(`${where}${t.verified ? '' : ' (unverified)'}\n  ${shown.join('; ') || '-'}${ev.conflicts.map((x) => `\n  CONFLICT ${x}`).join('')}`);
        }
        const tooShort = t.lang === 'zh-Hans' && [...t.text].length <= 2;
        if (apply && found && !t.verified && !tooShort && !skip.has(c.id)) {
          const cells = lines[t.line - 1].split('\t');
          cells[6] = found;
          cells[7] = 'yes';
          cells[8] = /^not checked/i.test(cells[8].trim()) ? '' : cells[8].replace(/;\s*not checked here\s*$/i, '');
          lines[t.line - 1] = cells.join('\t');
          applied++;
        }
      }
    }
    if (apply) fs.writeFileSync(file, lines.join('\n'));
  }
  console.log(`${terms} term(s) looked at, ${attested} attested${apply ? `, ${applied} marked verified` : ''}`);
}

main(process.argv.slice(2));
