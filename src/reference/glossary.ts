// The curated reference glossary in glossary/*.tsv: parsing, validation and loading.
//
// Format (see glossary/README.md): a header line, then one row per term, tab-separated:
//   id  category  lang  type  status  text  source  verified  note
// Rows of one concept are contiguous and share `id`. `category` is required on the concept's
// first row. A row with lang `-` carries a concept field instead of a term: type `note`,
// `subject` or `definition`, value in `text`. `verified` is `yes` or `no` (not yet checked
// against an authoritative source). Lines starting with # and blank lines are ignored.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { findTraditional, normalizeKey } from '../domain/normalize.js';
import {
  type Category,
  type Lang,
  type TermStatus,
  type TermType,
  InputError,
  isCategory,
  isLang,
  isTermStatus,
  isTermType,
} from '../domain/types.js';
import { isUpperCaseLatin } from '../domain/terms.js';
import { parseUsage } from '../domain/usage.js';
import type { Store } from '../store/repository.js';

export const GLOSSARY_COLUMNS = ['id', 'category', 'lang', 'type', 'status', 'text', 'source', 'verified', 'note'] as const;
const CONCEPT_FIELDS = ['note', 'subject', 'definition'] as const;
type ConceptField = (typeof CONCEPT_FIELDS)[number];

export interface RefTerm {
  lang: Lang;
  type: TermType;
  status: TermStatus;
  text: string;
  source: string;
  verified: boolean;
  note: string | null;
  file: string;
  line: number;
}

export interface RefConcept {
  id: string;
  category: Category;
  subject: string | null;
  definition: string | null;
  note: string | null;
  terms: RefTerm[];
  file: string;
  line: number;
}

export interface Glossary {
  concepts: RefConcept[];
  /** sha256 over every file's name and content: tells when a stored copy is stale. */
  hash: string;
  files: string[];
}

/** A malformed glossary row: names the file, the line and the reason. */
export class GlossaryError extends InputError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'GlossaryError';
  }
}

const ID_PATTERN = /^[a-z0-9][a-z0-9._:-]*$/;

/** Parses one glossary file's text. Throws GlossaryError at the first malformed row. */
export function parseGlossaryFile(text: string, file: string): RefConcept[] {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  const concepts: RefConcept[] = [];
  let header = false;
  let current: RefConcept | null = null;
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i];
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const cells = raw.split('\t');
    if (!header) {
      const expected = GLOSSARY_COLUMNS.join('\t');
      if (cells.map((c) => c.trim()).join('\t') !== expected) {
        throw new GlossaryError(file, lineNo, `header must be: ${GLOSSARY_COLUMNS.join(' <TAB> ')}`);
      }
      header = true;
      continue;
    }
    if (cells.length !== GLOSSARY_COLUMNS.length) {
      throw new GlossaryError(file, lineNo, `expected ${GLOSSARY_COLUMNS.length} tab-separated columns, found ${cells.length}`);
    }
    const [id, category, lang, type, status, text, source, verified, note] = cells.map((c) => c.trim());
    const fail = (reason: string): never => {
      throw new GlossaryError(file, lineNo, reason);
    };
    if (!ID_PATTERN.test(id)) fail(`bad concept id "${id}" (lower-case letters, digits, . _ : -)`);
    if (!current || current.id !== id) {
      if (seen.has(id)) fail(`rows of concept "${id}" must be contiguous`);
      if (!category) fail(`the first row of concept "${id}" must give its category`);
      if (!isCategory(category)) fail(`unknown category "${category}"`);
      current = {
        id,
        category: category as Category,
        subject: null,
        definition: null,
        note: null,
        terms: [],
        file,
        line: lineNo,
      };
      concepts.push(current);
      seen.add(id);
    } else if (category && category !== current.category) {
      fail(`category "${category}" differs from "${current.category}" given earlier for "${id}"`);
    }
    if (!text) fail('text is empty');
    if (!source) fail('source is empty: every row names where its form comes from');
    if (verified !== 'yes' && verified !== 'no') fail(`verified must be "yes" or "no", not "${verified}"`);
    if (lang === '-') {
      if (!(CONCEPT_FIELDS as readonly string[]).includes(type)) {
        fail(`a concept row (lang "-") has type ${CONCEPT_FIELDS.join(', ')}, not "${type}"`);
      }
      const field = type as ConceptField;
      current[field] = current[field] ? `${current[field]}\n${text}` : text;
      continue;
    }
    if (!isLang(lang)) fail(`unknown language "${lang}" (zh-Hans, zh-Hant, en or -)`);
    if (!isTermType(type)) fail(`unknown term type "${type}"`);
    if (!isTermStatus(status)) fail(`unknown status "${status}"`);
    if (current.terms.some((t) => t.lang === lang && t.text === text)) fail(`duplicate term "${text}" in concept "${id}"`);
    current.terms.push({
      lang: lang as Lang,
      type: type as TermType,
      status: status as TermStatus,
      text,
      source,
      verified: verified === 'yes',
      note: note || null,
      file,
      line: lineNo,
    });
  }
  if (!header) throw new GlossaryError(file, 1, 'missing header line');
  return concepts;
}

/** The *.tsv files of a glossary directory, in name order, with their text and the hash of all of them. */
function glossaryFiles(dir: string): { files: string[]; texts: string[]; hash: string } {
  if (!fs.existsSync(dir)) throw new InputError(`glossary directory not found: ${dir}`);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .sort();
  const hash = createHash('sha256');
  const texts = files.map((f) => {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    hash.update(f).update('\0').update(text).update('\0');
    return text;
  });
  return { files, texts, hash: hash.digest('hex') };
}

/** The hash readGlossaryDir() gives a directory, without parsing it (has the glossary changed?). */
export function glossaryDirHash(dir: string): string {
  return glossaryFiles(dir).hash;
}

/** Reads every *.tsv file of a glossary directory, in name order. */
export function readGlossaryDir(dir: string): Glossary {
  const { files, texts, hash } = glossaryFiles(dir);
  const concepts: RefConcept[] = [];
  const owner = new Map<string, string>();
  for (const [i, f] of files.entries()) {
    const text = texts[i];
    for (const c of parseGlossaryFile(text, f)) {
      const other = owner.get(c.id);
      if (other) throw new GlossaryError(f, c.line, `concept id "${c.id}" is already used in ${other}`);
      owner.set(c.id, `${f}:${c.line}`);
      concepts.push(c);
    }
  }
  return { concepts, hash, files };
}

export interface GlossaryProblem {
  file: string;
  line: number;
  conceptId: string;
  problem: string;
}

/**
 * Checks the content rules the curated data must keep: a preferred zh-Hans and en term per
 * concept, no preferred form claimed by two concepts, upper-case Latin acronyms, no Traditional
 * characters in zh-Hans terms, Latin-only English terms, a note on every deprecated term and on
 * every preferred term that is not verified, well-formed usage tags ({usage: …}, see
 * src/domain/usage.ts) on admitted and deprecated terms only.
 */
export function validateGlossary(glossary: Pick<Glossary, 'concepts'>): GlossaryProblem[] {
  const problems: GlossaryProblem[] = [];
  const preferredOwner = new Map<string, RefConcept>();
  for (const c of glossary.concepts) {
    const report = (line: number, problem: string) => problems.push({ file: c.file, line, conceptId: c.id, problem });
    for (const lang of ['zh-Hans', 'en'] as const) {
      if (!c.terms.some((t) => t.lang === lang && t.status === 'preferred')) {
        report(c.line, `no preferred ${lang} term`);
      }
    }
    for (const t of c.terms) {
      if (t.type === 'acronym' && !isUpperCaseLatin(t.text)) report(t.line, `acronym "${t.text}" is not upper-case Latin`);
      if (t.lang === 'zh-Hans') {
        const trad = findTraditional(t.text);
        if (trad.length > 0) {
          report(t.line, `zh-Hans term "${t.text}" has Traditional characters: ${trad.map((x) => `${x.char}→${x.simplified}`).join(' ')}`);
        }
        if (!/\p{Script=Han}/u.test(t.text)) report(t.line, `zh-Hans term "${t.text}" has no Chinese characters`);
      }
      if (t.lang === 'en' && /\p{Script=Han}/u.test(t.text)) report(t.line, `en term "${t.text}" contains Chinese characters`);
      if (t.status === 'deprecated' && !t.note) report(t.line, `deprecated term "${t.text}" needs a note saying why`);
      // A preferred form is what lookup and the checker present as the name to write: when it was
      // not checked against a source, the row must say what is unsure.
      if (t.status === 'preferred' && !t.verified && !t.note) {
        report(t.line, `preferred term "${t.text}" is not verified: its note must say what is unsure`);
      }
      try {
        if (parseUsage(t.note) && t.status === 'preferred') report(t.line, `preferred term "${t.text}" has a usage tag: a preferred form is right everywhere`);
      } catch (e) {
        report(t.line, `term "${t.text}": ${(e as Error).message}`);
      }
      if (t.status === 'preferred') {
        const key = `${t.lang}\u0000${t.type === 'acronym' ? 'acronym' : 'name'}\u0000${normalizeKey(t.text)}`;
        const other = preferredOwner.get(key);
        if (other && other.id !== c.id) {
          report(t.line, `preferred ${t.lang} term "${t.text}" is also preferred in concept "${other.id}" (${other.file}:${other.line})`);
        } else {
          preferredOwner.set(key, c);
        }
      }
    }
  }
  return problems;
}

export interface LoadSummary {
  concepts: number;
  created: number;
  updated: number;
  termsAdded: number;
  termsChanged: number;
  termsRemoved: number;
}

/**
 * Loads (or re-syncs) the reference glossary in one transaction. Concepts are matched by id
 * (`ext_id`); reference terms are brought in line with the files; terms of other origins on the
 * same concept are left alone. Running it twice changes nothing the second time.
 */
export function loadGlossary(store: Store, glossary: Glossary): LoadSummary {
  const problems = validateGlossary(glossary);
  if (problems.length > 0) {
    const p = problems[0];
    throw new GlossaryError(p.file, p.line, `${p.problem} (${problems.length} problem${problems.length > 1 ? 's' : ''} in all)`);
  }
  const summary: LoadSummary = { concepts: glossary.concepts.length, created: 0, updated: 0, termsAdded: 0, termsChanged: 0, termsRemoved: 0 };
  store.transaction(() => {
    for (const rc of glossary.concepts) {
      let concept = store.getConceptByExtId(rc.id);
      if (!concept) {
        const id = store.createConcept({
          extId: rc.id,
          category: rc.category,
          subject: rc.subject,
          definition: rc.definition,
          note: rc.note,
          reviewStatus: 'approved',
          origin: 'reference',
        });
        concept = store.getConcept(id)!;
        summary.created++;
      } else if (
        concept.category !== rc.category ||
        concept.subject !== rc.subject ||
        concept.definition !== rc.definition ||
        concept.note !== rc.note ||
        concept.reviewStatus !== 'approved'
      ) {
        store.updateConcept(concept.id, {
          category: rc.category,
          subject: rc.subject,
          definition: rc.definition,
          note: rc.note,
          reviewStatus: 'approved',
        });
        summary.updated++;
      }
      const wanted = new Set<string>();
      for (const rt of rc.terms) {
        wanted.add(`${rt.lang}\u0000${rt.text}`);
        const existing = concept.terms.find((t) => t.lang === rt.lang && t.text === rt.text);
        if (!existing) {
          store.addTerm(concept.id, { ...rt, origin: 'reference' });
          summary.termsAdded++;
        } else if (
          existing.type !== rt.type ||
          existing.status !== rt.status ||
          existing.source !== rt.source ||
          existing.note !== rt.note ||
          existing.verified !== rt.verified ||
          existing.origin !== 'reference'
        ) {
          store.updateTerm(existing.id, {
            type: rt.type,
            status: rt.status,
            source: rt.source,
            note: rt.note,
            verified: rt.verified,
            origin: 'reference',
          });
          summary.termsChanged++;
        }
      }
      for (const t of concept.terms) {
        if (t.origin === 'reference' && !wanted.has(`${t.lang}\u0000${t.text}`)) {
          store.deleteTerm(t.id);
          summary.termsRemoved++;
        }
      }
    }
    store.setMeta('glossary_hash', glossary.hash);
  });
  return summary;
}
