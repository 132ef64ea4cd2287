// Scores the English finder alone (src/extract/english.ts) on every labelled name of the development
// set, not only on the names extraction finds: a larger sample than `score:extract`'s English line,
// to see whether a rule of the finder generalises before it is tried end to end.
//
//   node --import tsx scripts/score-english.ts [--half odd|even] [--fresh DIR] [--all] [--alone] [--errors]
//
// Each row of the corpus is a sentence pair aligned by hand (the corpus's own alignment, not the TM
// aligner's). The names of a row are its entity labels (short forms used alone, the bare 联合国,
// 秘书长, 秘书处, 大会 and doubtful labels left out). By default the names the glossary knows are the
// row's known names (their glossary English fills its place in the English sentence, as in
// extraction) and the others are the new names given their English together (assignEnglish); with
// --all every name is treated as new (a harder test: no glossary English for any of them); with
// --alone each name gets its English as if extraction had found no other name of the row. A new
// name is right when its English is the label's (the/case/dashes aside); a name whose label has no
// English (the English has only "the Council") should get none. The held-out part is never read.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type NameMention, assignEnglish, englishSpans } from '../src/extract/english.js';
import { termKey } from '../src/extract/occurrences.js';
import { ReferenceIndex } from '../src/extract/reference.js';
import { readGlossaryDir } from '../src/reference/glossary.js';
import { readCorpus, readLabels, runAsScript } from './check-devset-labels.js';
import { BARE_GENERIC, CORPUS_FILE, DEVSET_DIR, documentsOf, englishKey } from './score-extraction.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface EnglishFinderScore {
  names: number;
  attached: number;
  right: number;
  /** Names whose label has no English that got one. */
  extra: number;
  errors: string[];
}

export function scoreEnglishFinder(options: { half?: 'odd' | 'even'; fresh?: string; all?: boolean; alone?: boolean }): EnglishFinderScore {
  const corpus = readCorpus(options.fresh ? path.join(options.fresh, 'corpus.tsv') : CORPUS_FILE);
  let docs = documentsOf(corpus, options.fresh ? 'fresh' : 'dev');
  if (options.half) docs = docs.filter((_, i) => i % 2 === (options.half === 'odd' ? 0 : 1));
  const rows = new Set(docs.flatMap((d) => d.rows));
  const dir = options.fresh ?? DEVSET_DIR;
  const files = (prefix: string) =>
    fs
      .readdirSync(dir)
      .filter((f) => f.startsWith(prefix) && f.endsWith('.tsv'))
      .sort()
      .map((f) => path.join(dir, f));
  const labels = files('entities.').flatMap((f) => readLabels(f)).filter((l) => rows.has(Number(l.row)));
  // Acronyms the Chinese gives in a bracket after the name (the pipeline passes them too).
  const acronymOf = new Map<string, string>();
  for (const b of files('brackets.').flatMap((f) => readLabels(f))) {
    if (b.kind === 'alias' && b.acronym && rows.has(Number(b.row))) acronymOf.set(`${b.row}\t${b.full}`, b.acronym);
  }
  const reference = ReferenceIndex.fromGlossary(readGlossaryDir(path.join(ROOT, 'glossary')));
  const byRow = new Map<number, typeof labels>();
  for (const l of labels) {
    if (l.kind === 'short' || BARE_GENERIC.has(l.zh) || /doubtful/i.test(l.note ?? '')) continue;
    const row = Number(l.row);
    byRow.set(row, [...(byRow.get(row) ?? []), l]);
  }
  const out: EnglishFinderScore = { names: 0, attached: 0, right: 0, extra: 0, errors: [] };
  for (const [row, list] of [...byRow].sort((a, b) => a[0] - b[0])) {
    const { zh, en } = corpus[row - 1];
    const mentions: NameMention[] = [];
    const forms: string[] = [];
    list.forEach((l, id) => {
      const known = reference.lookup(termKey(l.zh)).filter((m) => m.concept.origin === 'reference');
      const english = known.flatMap((m) => m.concept.terms.filter((t) => t.lang === 'en').map((t) => t.text));
      if (!options.all && english.length > 0) {
        forms.push(...english);
        return;
      }
      const start = zh.indexOf(l.zh);
      const acronym = acronymOf.get(`${row}\t${l.zh}`);
      mentions.push({ id, name: l.zh, at: (start + l.zh.length / 2) / Math.max(1, zh.length), ...(acronym ? { acronym } : {}) });
    });
    if (mentions.length === 0) continue;
    const taken = options.all ? [] : englishSpans(en, forms);
    // --alone: each name as if extraction had found no other name of the row (it misses some).
    const found = options.alone
      ? new Map(mentions.flatMap((m) => [...assignEnglish({ zh, en }, [m], reference, taken)]))
      : assignEnglish({ zh, en }, mentions, reference, taken);
    for (const m of mentions) {
      const gold = list[m.id].en;
      const got = found.get(m.id);
      if (!gold) {
        if (got) {
          out.extra++;
          out.errors.push(`EXTRA ${row} ${m.name}: ${got.name}`);
        }
        continue;
      }
      out.names++;
      if (!got) {
        out.errors.push(`NONE ${row} ${m.name}: want ${gold}`);
        continue;
      }
      out.attached++;
      if (englishKey(got.name) === englishKey(gold) || (got.acronym && englishKey(got.acronym) === englishKey(gold))) out.right++;
      else out.errors.push(`WRONG ${row} ${m.name}: got ${got.name}; want ${gold}`);
    }
  }
  return out;
}

runAsScript(import.meta.url, (argv) => {
  const half = argv.includes('--half') ? (argv[argv.indexOf('--half') + 1] as 'odd' | 'even') : undefined;
  if (half !== undefined && half !== 'odd' && half !== 'even') throw new Error(`--half takes odd or even, not ${half}`);
  const fresh = argv.includes('--fresh') ? argv[argv.indexOf('--fresh') + 1] : undefined;
  const r = scoreEnglishFinder({ ...(half ? { half } : {}), ...(fresh ? { fresh } : {}), all: argv.includes('--all'), alone: argv.includes('--alone') });
  if (argv.includes('--errors')) for (const e of r.errors) console.log(e);
  const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)} %`);
  console.log(
    `English finder on labelled names (${argv.includes('--all') ? 'every name as new' : 'names the glossary does not know'}): attached ${pct(r.attached, r.names)} (${r.attached}/${r.names}), right ${pct(r.right, r.attached)} (${r.right}/${r.attached}); attached where the label has none: ${r.extra}`,
  );
  return 0;
});
