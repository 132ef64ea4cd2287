// Looks for exact attestations of every `verified = no` glossary term in the reference data beside
// the checkout and prints them as proposals; with --apply it marks the strong ones verified.
//
// Evidence, strongest first:
//   unbis        a UNBIS descriptor whose Chinese equals a Chinese form of the concept and whose
//                English (upper case as published) equals an English form of the concept;
//   unpc         a sentence pair of the UN Parallel Corpus dev set with the term on its side and
//                another name of the same concept on the aligned side (doc id as source);
//   seed-acronym an English acronym in a seed report within a few characters after a Chinese name
//                of the concept (贸发会议(UNCTAD));
//   seed         a Chinese form of six or more characters found verbatim in a seed report;
//   unpc-alone   the term in the dev set without the concept's name on the other side: printed for
//                review, never applied (a form alone says nothing about which concept it names).
// Rows listed in scripts/verify-glossary-rejects.tsv (id, lang, text, reason) were reviewed and
// found wrong: they are printed as rejected and never applied.
//
// Usage: npx tsx scripts/verify-glossary.ts [--apply] [--annotate] [--all] [FILE.tsv ...]
//   FILE defaults to every glossary file; --all also lists the weak proposals; --apply rewrites
//   the rows with strong evidence: verified = yes, the evidence as source (a bare "UNTERM" source
//   is replaced, any other kept after it), and a "not checked" clause dropped from the note;
//   --annotate gives every still unverified term whose note does not yet say what is unsure a
//   short clause naming what was not checked (kept after any existing note).
import fs from 'node:fs';
import path from 'node:path';
import { GLOSSARY_DIR, PROJECT_ROOT, SEEDS_DIR } from '../src/paths.js';
import { readGlossaryDir, type RefConcept, type RefTerm } from '../src/reference/glossary.js';
import { readUnbis } from '../bench/eval.js';

const SHARED_DATA = path.resolve(PROJECT_ROOT, '..', 'shared', 'data');
const DEVSET = path.join(SHARED_DATA, 'unpc-devset-3000.en-zh.tsv');
const UNBIS = path.join(SHARED_DATA, 'unbis-thesaurus.en-zh.tsv');
const REJECTS = path.join(PROJECT_ROOT, 'scripts', 'verify-glossary-rejects.tsv');
const SEED_MIN_CHARS = 6;
const ACRONYM_WINDOW = 6;

type Strength = 'unbis' | 'unpc' | 'seed-acronym' | 'seed' | 'unpc-alone';
const STRONG: ReadonlySet<Strength> = new Set(['unbis', 'unpc', 'seed-acronym', 'seed']);

interface Proposal {
  concept: RefConcept;
  term: RefTerm;
  strength: Strength;
  source: string;
  evidence: string;
}

interface DevRow {
  doc: string;
  en: string;
  zh: string;
}

function readDevset(file: string): DevRow[] {
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split('\t'))
    .filter((c) => c.length >= 5)
    .map(([doc, , , en, zh]) => ({ doc, en, zh }));
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const enPatterns = new Map<string, RegExp>();
/**
 * English terms match whole words, case-sensitively; a lower-case (common-noun) term may open a
 * sentence and may take a plural -s (peacekeeper, peacekeepers).
 */
function enPattern(text: string): RegExp {
  let re = enPatterns.get(text);
  if (!re) {
    const first = text[0];
    const common = /[a-z]/.test(first);
    const head = common ? `[${first}${first.toUpperCase()}]` : escapeRe(first);
    re = new RegExp(`(?<![A-Za-z0-9])${head}${escapeRe(text.slice(1))}${common && !text.endsWith('s') ? 's?' : ''}(?![A-Za-z0-9])`);
    enPatterns.set(text, re);
  }
  return re;
}
const contains = (haystack: string, t: Pick<RefTerm, 'lang' | 'text'>) =>
  t.lang === 'en' ? enPattern(t.text).test(haystack) : haystack.includes(t.text);

const key = (id: string, lang: string, text: string) => `${id}\u0000${lang}\u0000${text}`;

/** Reviewed rejections: `id lang text reason` rows, and `source LABEL - reason` rows that exclude a whole source. */
function readRejects(): { terms: Map<string, string>; sources: Set<string> } {
  const terms = new Map<string, string>();
  const sources = new Set<string>();
  if (!fs.existsSync(REJECTS)) return { terms, sources };
  for (const line of fs.readFileSync(REJECTS, 'utf8').split(/\r?\n/)) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [id, lang, text, reason] = line.split('\t');
    if (!id || !lang || !text) throw new Error(`${REJECTS}: expected id, lang, text, reason: ${line}`);
    if (id === 'source') sources.add(lang);
    else terms.set(key(id, lang, text), reason ?? '');
  }
  return { terms, sources };
}

function propose(concepts: RefConcept[], all: RefConcept[], excludedSources: ReadonlySet<string>): Proposal[] {
  const dev = readDevset(DEVSET);
  const forms = { en: new Set<string>(), 'zh-Hans': new Set<string>() };
  for (const c of all) for (const t of c.terms) if (t.lang === 'en' || t.lang === 'zh-Hans') forms[t.lang].add(t.text);
  const longerForms = (t: RefTerm) => [...forms[t.lang as 'en' | 'zh-Hans']].filter((o) => o.length > t.text.length && o.includes(t.text));
  const unbis = readUnbis(UNBIS);
  const unbisByZh = new Map(unbis.map((u) => [u.zh, u]));
  const seeds = fs.existsSync(SEEDS_DIR)
    ? fs
        .readdirSync(SEEDS_DIR)
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .map((f) => ({ label: `seed:${f.slice(0, 3)}`, text: fs.readFileSync(path.join(SEEDS_DIR, f), 'utf8') }))
        .filter((s) => !excludedSources.has(s.label))
    : [];
  const proposals: Proposal[] = [];
  for (const c of concepts) {
    const zhNames = c.terms.filter((t) => t.lang === 'zh-Hans');
    const enNames = c.terms.filter((t) => t.lang === 'en');
    for (const t of c.terms) {
      if (t.verified || (t.lang !== 'en' && t.lang !== 'zh-Hans')) continue;
      const others = t.lang === 'en' ? zhNames : enNames;
      const found: Proposal[] = [];
      // UNBIS: both labels are forms of this concept.
      const labels = t.lang === 'zh-Hans' ? [unbisByZh.get(t.text)] : zhNames.map((z) => unbisByZh.get(z.text));
      for (const u of labels) {
        if (!u) continue;
        const enMatch = (t.lang === 'en' ? [t] : enNames).some((e) => e.text.toUpperCase() === u.en);
        const zhMatch = t.lang === 'zh-Hans' || zhNames.some((z) => z.text === u.zh);
        if (enMatch && zhMatch) found.push({ concept: c, term: t, strength: 'unbis', source: `UNBIS ${u.id}`, evidence: `${u.en} = ${u.zh}` });
      }
      // Dev set: the term on its side, another name of the concept on the aligned side. Longer
      // glossary forms that contain the term are masked first: 伊朗 inside 伊朗伊斯兰共和国 does not
      // attest 伊朗, nor 人权高专 inside 人权高专办.
      const longer = longerForms(t);
      let alone: DevRow | undefined;
      for (const r of dev) {
        const side = longer.reduce((text, o) => text.split(o).join('\u0000'), t.lang === 'en' ? r.en : r.zh);
        if (!contains(side, t)) continue;
        const other = t.lang === 'en' ? r.zh : r.en;
        const partner = others.find((o) => o.text.length >= 2 && contains(other, o));
        if (partner) {
          found.push({ concept: c, term: t, strength: 'unpc', source: `UNPC ${r.doc}`, evidence: `with "${partner.text}": ${(t.lang === 'en' ? r.en : r.zh).slice(0, 120)}` });
          break;
        }
        alone ??= r;
      }
      // Seeds: an acronym right after a Chinese name of the concept, or a long Chinese form verbatim.
      for (const s of seeds) {
        if (t.type === 'acronym') {
          const re = new RegExp(`(${zhNames.map((z) => escapeRe(z.text)).join('|')})[^\\n]{0,${ACRONYM_WINDOW}}?(?<![A-Za-z0-9])${escapeRe(t.text)}(?![A-Za-z0-9])`);
          const m = zhNames.length > 0 ? re.exec(s.text) : null;
          if (m) found.push({ concept: c, term: t, strength: 'seed-acronym', source: s.label, evidence: m[0] });
        } else if (t.lang === 'zh-Hans' && [...t.text].length >= SEED_MIN_CHARS && longer.reduce((x, o) => x.split(o).join('\u0000'), s.text).includes(t.text)) {
          found.push({ concept: c, term: t, strength: 'seed', source: s.label, evidence: t.text });
        }
      }
      if (found.length === 0 && alone) {
        found.push({ concept: c, term: t, strength: 'unpc-alone', source: `UNPC ${alone.doc}`, evidence: (t.lang === 'en' ? alone.en : alone.zh).slice(0, 120) });
      }
      const order: Strength[] = ['unbis', 'unpc', 'seed-acronym', 'seed', 'unpc-alone'];
      found.sort((a, b) => order.indexOf(a.strength) - order.indexOf(b.strength));
      if (found[0]) proposals.push(found[0]);
    }
  }
  return proposals;
}

/** The note without its "not checked" clause (the what-is-unsure note of an unverified row). */
function noteAfterVerification(note: string | null): string {
  if (!note) return '';
  return note
    .split(/;\s*/)
    .filter((clause) => !/\bnot (yet )?checked\b/i.test(clause))
    .join('; ');
}

function sourceAfterVerification(evidence: string, old: string): string {
  return /^UNTERM( \(not checked here\))?$/.test(old.trim()) ? evidence : `${evidence}; ${old}`;
}

function apply(proposals: Proposal[]): number {
  const byFile = new Map<string, Proposal[]>();
  for (const p of proposals) byFile.set(p.term.file, [...(byFile.get(p.term.file) ?? []), p]);
  let changed = 0;
  for (const [file, list] of byFile) {
    const full = path.join(GLOSSARY_DIR, file);
    const lines = fs.readFileSync(full, 'utf8').split('\n');
    for (const p of list) {
      const cells = lines[p.term.line - 1].split('\t');
      if (cells[0] !== p.concept.id || cells[5] !== p.term.text || cells[7] !== 'no') {
        throw new Error(`${file}:${p.term.line}: row changed since it was read (${cells[0]} ${cells[5]})`);
      }
      cells[6] = sourceAfterVerification(p.source, cells[6]);
      cells[7] = 'yes';
      cells[8] = noteAfterVerification(cells[8]);
      lines[p.term.line - 1] = cells.join('\t');
      changed++;
    }
    fs.writeFileSync(full, lines.join('\n'));
  }
  return changed;
}

/** A note already says what is unsure when it names what was not checked, found or attested. */
const SAYS_UNSURE = /not (yet )?(checked|attested|found|verified)|unsure|uncertain|from memory|to check/i;

/** The what-is-unsure clause of an unverified term: which form was not checked. */
function unsureClause(t: Pick<RefTerm, 'lang' | 'type' | 'status'>): string {
  // A deprecated form is not expected in UN documents: what is open is who writes it.
  if (t.status === 'deprecated') return 'where this form is used was not checked here';
  if (t.type === 'acronym' || t.type === 'abbreviation') return 'acronym not checked against a UN document here';
  if (t.lang === 'zh-Hant') return 'Traditional form not checked here';
  const form = t.type === 'shortForm' ? 'short form' : 'form';
  return `${t.lang === 'en' ? 'English' : 'Chinese'} ${form} not checked against a UN document here`;
}

function annotate(concepts: RefConcept[]): number {
  let changed = 0;
  const byFile = new Map<string, RefTerm[]>();
  for (const c of concepts) {
    for (const t of c.terms) {
      if (t.verified || SAYS_UNSURE.test(t.note ?? '')) continue;
      byFile.set(t.file, [...(byFile.get(t.file) ?? []), t]);
    }
  }
  for (const [file, terms] of byFile) {
    const full = path.join(GLOSSARY_DIR, file);
    const lines = fs.readFileSync(full, 'utf8').split('\n');
    for (const t of terms) {
      const cells = lines[t.line - 1].split('\t');
      if (cells[5] !== t.text || cells[7] !== 'no') throw new Error(`${file}:${t.line}: row changed since it was read (${cells[5]})`);
      cells[8] = cells[8].trim() ? `${cells[8].trim().replace(/[.;]$/, '')}; ${unsureClause(t)}` : unsureClause(t);
      lines[t.line - 1] = cells.join('\t');
      changed++;
    }
    fs.writeFileSync(full, lines.join('\n'));
  }
  return changed;
}

function main(argv: string[]): void {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  for (const f of flags) if (!['--apply', '--all', '--annotate'].includes(f)) throw new Error(`unknown option ${f}`);
  if (flags.has('--apply') && flags.has('--annotate')) throw new Error('run --apply first, then --annotate (each reads the files afresh)');
  const files = argv.filter((a) => !a.startsWith('--')).map((f) => path.basename(f));
  for (const f of [DEVSET, UNBIS]) if (!fs.existsSync(f)) throw new Error(`reference data not found: ${f}`);
  const glossary = readGlossaryDir(GLOSSARY_DIR);
  for (const f of files) if (!glossary.files.includes(f)) throw new Error(`no glossary file ${f} in ${GLOSSARY_DIR}`);
  const concepts = files.length > 0 ? glossary.concepts.filter((c) => files.includes(c.file)) : glossary.concepts;
  const rejects = readRejects();
  const proposals = propose(concepts, glossary.concepts, rejects.sources);
  const applicable: Proposal[] = [];
  const counts: Record<string, number> = {};
  for (const p of proposals) {
    const rejected = rejects.terms.get(key(p.concept.id, p.term.lang, p.term.text));
    const label = rejected !== undefined ? 'rejected' : p.strength;
    counts[label] = (counts[label] ?? 0) + 1;
    if (rejected === undefined && STRONG.has(p.strength)) applicable.push(p);
    if (flags.has('--all') || STRONG.has(p.strength) || rejected !== undefined) {
      const why = rejected !== undefined ? `REJECTED (${rejected})` : p.evidence.replace(/\s+/g, ' ');
      console.log(`${p.term.file}:${p.term.line}\t${p.concept.id}\t${p.term.lang}\t${p.term.text}\t${label}\t${p.source}\t${why}`);
    }
  }
  const terms = concepts.flatMap((c) => c.terms);
  const verified = terms.filter((t) => t.verified).length;
  const pct = (n: number) => `${((100 * n) / Math.max(terms.length, 1)).toFixed(1)} %`;
  console.log(`# ${terms.length} terms, ${verified} verified (${pct(verified)}); proposals by evidence: ${JSON.stringify(counts)}`);
  if (flags.has('--apply')) {
    const n = apply(applicable);
    console.log(`# applied ${n}: now ${verified + n} verified (${pct(verified + n)})`);
  }
  if (flags.has('--annotate')) console.log(`# annotated ${annotate(concepts)} unverified term(s) with what is unsure`);
}

try {
  main(process.argv.slice(2));
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
