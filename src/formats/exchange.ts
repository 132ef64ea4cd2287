// Glossary exchange as the CLI, the API and the tests use it: export a filtered glossary as a
// stream of text chunks in any format, and import a file (format detected from its content) in
// one transaction, or preview what an import would do without changing anything.
import { normalizeKey } from '../domain/normalize.js';
import {
  type Category,
  type ReviewStatus,
  type TermStatus,
  CATEGORIES,
  InputError,
  REVIEW_STATUSES,
  TERM_STATUSES,
} from '../domain/types.js';
import { decodeText } from '../io/text.js';
import { type ExportFilter, ExchangeRepository } from '../store/exchange-repository.js';
import type { Store } from '../store/repository.js';
import { readCsv, writeCsv } from './csv.js';
import { type ExchangeConcept, type ExchangeTerm, type ParsedGlossary, normalizeNote } from './model.js';
import { writeTbx2 } from './tbx2.js';
import { readTbxFile, writeTbx3 } from './tbx3.js';

// ------------------------------------------------------------------------------------ formats

export const EXPORT_FORMATS = ['tbx', 'tbx2', 'csv', 'tsv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface FormatInfo {
  name: ExportFormat;
  label: string;
  extension: string;
  contentType: string;
}

export const FORMATS: Record<ExportFormat, FormatInfo> = {
  tbx: { name: 'tbx', label: 'TBX v3 (TBX-Basic, DCA)', extension: '.tbx', contentType: 'application/x-tbx+xml; charset=utf-8' },
  tbx2: { name: 'tbx2', label: 'TBX v2 (TBX-Basic, martif)', extension: '.tbx', contentType: 'application/x-tbx+xml; charset=utf-8' },
  csv: { name: 'csv', label: 'CSV (UTF-8 with BOM)', extension: '.csv', contentType: 'text/csv; charset=utf-8' },
  tsv: { name: 'tsv', label: 'TSV (UTF-8 with BOM)', extension: '.tsv', contentType: 'text/tab-separated-values; charset=utf-8' },
};

export function isExportFormat(v: unknown): v is ExportFormat {
  return typeof v === 'string' && (EXPORT_FORMATS as readonly string[]).includes(v);
}

/** A download name: termdesk-glossary-2025-01-31.tbx (tbx2 gets -v2). */
export function exportFileName(format: ExportFormat, now = new Date()): string {
  return `termdesk-glossary${format === 'tbx2' ? '-v2' : ''}-${now.toISOString().slice(0, 10)}${FORMATS[format].extension}`;
}

// ------------------------------------------------------------------------------------ filters

export interface ExportFilterInput {
  category?: string | readonly string[];
  status?: string | readonly string[];
  since?: string;
}

function listOf(v: string | readonly string[] | undefined): string[] {
  if (v === undefined) return [];
  return (typeof v === 'string' ? [v] : [...v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
}

/**
 * Turns user filter values into an ExportFilter. `status` takes concept review statuses
 * (approved, candidate) and term statuses (preferred, admitted, deprecated); `since` a date or
 * ISO timestamp. Throws InputError naming the bad value.
 */
export function parseExportFilter(input: ExportFilterInput): ExportFilter {
  const filter: ExportFilter = {};
  const categories = listOf(input.category);
  for (const c of categories) {
    if (!(CATEGORIES as readonly string[]).includes(c)) throw new InputError(`unknown category "${c}" (one of ${CATEGORIES.join(', ')})`);
  }
  if (categories.length > 0) filter.categories = categories as Category[];
  const reviews: ReviewStatus[] = [];
  const terms: TermStatus[] = [];
  for (const s of listOf(input.status)) {
    if ((REVIEW_STATUSES as readonly string[]).includes(s)) reviews.push(s as ReviewStatus);
    else if ((TERM_STATUSES as readonly string[]).includes(s)) terms.push(s as TermStatus);
    else throw new InputError(`unknown status "${s}" (one of ${[...REVIEW_STATUSES, ...TERM_STATUSES].join(', ')})`);
  }
  if (reviews.length > 0) filter.reviewStatuses = reviews;
  if (terms.length > 0) filter.termStatuses = terms;
  if (input.since !== undefined && input.since.trim() !== '') {
    const s = input.since.trim();
    const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00.000Z`) : /^\d{4}-\d{2}-\d{2}T/.test(s) ? new Date(s) : new Date(NaN);
    if (Number.isNaN(d.getTime())) throw new InputError(`--since needs a date like 2025-01-31 (or an ISO timestamp), not "${s}"`);
    filter.since = d.toISOString();
  }
  return filter;
}

// ------------------------------------------------------------------------------------ export

export interface ExportResult {
  info: FormatInfo;
  /** Text chunks of the file, produced as they are read; iterate once. */
  chunks: Generator<string>;
  /** Filled in while `chunks` is consumed. */
  stats: { concepts: number };
}

/** Streams the glossary (or the part the filter selects) in the given format. */
export function exportGlossary(store: Store, format: ExportFormat, filter: ExportFilter = {}): ExportResult {
  const repo = new ExchangeRepository(store);
  const stats = { concepts: 0 };
  function* counted(): Generator<ExchangeConcept> {
    for (const c of repo.exportConcepts(filter)) {
      stats.concepts++;
      yield c;
    }
  }
  let chunks: Generator<string>;
  switch (format) {
    case 'tbx':
      chunks = writeTbx3(counted(), { hasTarget: repo.targetChecker(filter) });
      break;
    case 'tbx2':
      chunks = writeTbx2(counted(), { hasTarget: repo.targetChecker(filter) });
      break;
    case 'csv':
      chunks = writeCsv(counted(), { delimiter: ',' });
      break;
    case 'tsv':
      chunks = writeCsv(counted(), { delimiter: '\t' });
      break;
  }
  return { info: FORMATS[format], chunks, stats };
}

/** The whole export as one string (tests, small exports). */
export function exportToString(store: Store, format: ExportFormat, filter: ExportFilter = {}): string {
  return [...exportGlossary(store, format, filter).chunks].join('');
}

// ------------------------------------------------------------------------------------ import

export type ImportSource = string | Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * Reads a glossary file into exchange concepts. XML (after any BOM and whitespace) is TBX, its
 * version decided by the root element; anything else is CSV/TSV.
 */
export async function parseGlossary(source: ImportSource, options: { fileName?: string } = {}): Promise<ParsedGlossary> {
  if (typeof source === 'string') {
    return looksLikeXml(Buffer.from(source.slice(0, 1024), 'utf8')) ? readTbxFile(source, options.fileName) : readCsv(source, options);
  }
  const chunks = source instanceof Uint8Array ? [source] : source;
  const iterator = (Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : chunks[Symbol.iterator]()) as
    | AsyncIterator<Uint8Array>
    | Iterator<Uint8Array>;
  // Peek at the first KiB to decide, then replay it in front of the rest.
  const head: Uint8Array[] = [];
  let headLength = 0;
  let done = false;
  while (headLength < 1024) {
    const r = await iterator.next();
    if (r.done) {
      done = true;
      break;
    }
    head.push(r.value);
    headLength += r.value.length;
  }
  async function* all(): AsyncGenerator<Uint8Array> {
    yield* head;
    if (done) return;
    for (;;) {
      const r = await iterator.next();
      if (r.done) return;
      yield r.value;
    }
  }
  const first = Buffer.concat(head);
  if (first.length === 0) throw new InputError(`${options.fileName ? `${options.fileName}: ` : ''}the file is empty`);
  if (looksLikeXml(first)) return readTbxFile(all(), options.fileName);
  const parts: Uint8Array[] = [];
  for await (const c of all()) parts.push(c);
  const { text } = decodeText(Buffer.concat(parts), options.fileName ?? 'input');
  return readCsv(text, options);
}

function looksLikeXml(head: Uint8Array): boolean {
  let b = Buffer.from(head);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
    const text = new TextDecoder(b[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(b.subarray(2));
    return text.trimStart().startsWith('<');
  }
  if ((b[0] === 0x3c && b[1] === 0x00) || (b[0] === 0x00 && b[1] === 0x3c)) return true;
  return b.toString('latin1').trimStart().startsWith('<');
}

export type ImportAction = 'new' | 'merged' | 'skipped';

export interface ImportItem {
  action: ImportAction;
  /** The entry's id in the file, if any. */
  fileId: string | null;
  /** The TermDesk concept created or merged into (null when skipped or in a dry run of a new one). */
  conceptId: number | null;
  line: number;
  /** The entry's first preferred Chinese and English terms ('' when it has none TermDesk keeps). */
  label: string;
  termsAdded: number;
  reason?: string;
}

export interface ImportReport {
  format: string;
  dialect: string;
  dryRun: boolean;
  entries: number;
  concepts: Record<ImportAction, number>;
  terms: { added: number; existing: number };
  contextsAdded: number;
  crossReferencesAdded: number;
  /** Terms in languages TermDesk does not keep, by language tag. */
  skippedLanguages: Record<string, number>;
  /** Data read but not stored (data categories, columns), with counts. */
  ignored: Record<string, number>;
  warnings: string[];
  warningCount: number;
  /** One line per entry, at most ITEM_LIMIT of them. */
  items: ImportItem[];
  itemsTruncated: boolean;
}

const ITEM_LIMIT = 1000;

export interface ImportOptions {
  dryRun?: boolean;
  fileName?: string;
}

/** Parses and imports a glossary file: one transaction, nothing changes when anything fails. */
export async function importGlossary(store: Store, source: ImportSource, options: ImportOptions = {}): Promise<ImportReport> {
  const parsed = await parseGlossary(source, { fileName: options.fileName });
  return applyGlossary(store, parsed, options);
}

class DryRunRollback extends Error {}

/**
 * Stores parsed concepts. A concept merges into an existing one with the same id (ext_id), or
 * else one whose preferred full or short form matches one of its preferred terms; merging adds
 * what the concept lacks and overwrites nothing. A dry run does the same work inside a
 * transaction it rolls back, so its report is exactly what the import would do.
 */
export function applyGlossary(store: Store, parsed: ParsedGlossary, options: ImportOptions = {}): ImportReport {
  const report: ImportReport = {
    format: parsed.format,
    dialect: parsed.dialect,
    dryRun: options.dryRun === true,
    entries: parsed.concepts.length,
    concepts: { new: 0, merged: 0, skipped: 0 },
    terms: { added: 0, existing: 0 },
    contextsAdded: 0,
    crossReferencesAdded: 0,
    skippedLanguages: Object.fromEntries(parsed.notes.skippedLanguages),
    ignored: Object.fromEntries(parsed.notes.ignored),
    warnings: [...parsed.notes.warnings],
    warningCount: parsed.notes.totalWarnings,
    items: [],
    itemsTruncated: false,
  };
  const warn = (message: string) => {
    report.warningCount++;
    if (report.warnings.length < 100) report.warnings.push(message);
  };
  const run = () => {
    const repo = new ExchangeRepository(store);
    const created = new Set<number>();
    for (const c of parsed.concepts) {
      const item = importConcept(store, repo, c, report, warn, created);
      report.concepts[item.action]++;
      if (report.items.length < ITEM_LIMIT) report.items.push(options.dryRun && item.action === 'new' ? { ...item, conceptId: null } : item);
      else report.itemsTruncated = true;
    }
  };
  if (!options.dryRun) {
    store.transaction(run);
    return report;
  }
  try {
    // A nested better-sqlite3 transaction becomes a savepoint, so this also works inside another.
    store.db
      .transaction(() => {
        run();
        throw new DryRunRollback();
      })
      .immediate();
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  }
  return report;
}

function labelOf(c: ExchangeConcept): string {
  const pick = (zh: boolean) =>
    c.terms.find((t) => (zh ? t.lang !== 'en' : t.lang === 'en') && t.status === 'preferred') ??
    c.terms.find((t) => (zh ? t.lang !== 'en' : t.lang === 'en'));
  return [pick(true)?.text, pick(false)?.text].filter(Boolean).join(' / ');
}

const langFamily = (lang: string) => (lang === 'en' ? 'en' : 'zh');

// normalizeKey (Traditional → Simplified, width and punctuation folding) is the costly part of
// matching; each term's key is computed once, however often it is compared.
const termKeys = new WeakMap<ExchangeTerm, string>();
function keyOf(t: ExchangeTerm): string {
  let key = termKeys.get(t);
  if (key === undefined) {
    key = normalizeKey(t.text);
    termKeys.set(t, key);
  }
  return key;
}

function importConcept(
  store: Store,
  repo: ExchangeRepository,
  c: ExchangeConcept,
  report: ImportReport,
  warn: (message: string) => void,
  created: Set<number>,
): ImportItem {
  const item: ImportItem = { action: 'skipped', fileId: c.id, conceptId: null, line: c.line, label: labelOf(c), termsAdded: 0 };
  if (c.terms.length === 0) {
    item.reason = 'no terms in zh-Hans, zh-Hant or en';
    return item;
  }
  let target: number | undefined;
  let extId = c.id;
  if (c.id !== null) {
    const byId = repo.conceptIdByExtId(c.id);
    if (byId !== undefined) {
      if (sharesTerm(store, byId, c.terms, true)) {
        target = byId;
      } else {
        // Ids like "c1" are common to many files: an id alone does not make two concepts one.
        warn(`line ${c.line}: id "${c.id}" belongs to concept ${byId}, which shares no term with this entry; imported without the id`);
        extId = null;
      }
    } else {
      // td-<n> is the id TermDesk gives a concept without ext_id: back in the database it came
      // from, it names concept n (which still has no ext_id and shares a term).
      const generated = /^td-(\d+)$/.exec(c.id);
      const n = generated ? Number(generated[1]) : undefined;
      if (n !== undefined && store.getConceptRecord(n)?.extId === null && sharesTerm(store, n, c.terms, false)) {
        target = n;
        extId = null;
      }
    }
  }
  // Entries of one file are distinct concepts: only concepts that were there before the import
  // are candidates for a preferred-term match.
  if (target === undefined) target = matchByPreferredTerms(repo, c.terms, created);
  if (target !== undefined) return mergeInto(store, repo, target, c, item, report);
  const conceptId = repo.insertConcept({
    extId,
    category: c.category,
    subject: c.subject,
    definition: c.definition,
    note: c.note,
    reviewStatus: c.reviewStatus ?? 'candidate',
    origin: c.origin ?? 'import',
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  });
  for (const t of c.terms) {
    const termId = repo.insertNewTerm(conceptId, t, keyOf(t));
    item.termsAdded++;
    report.terms.added++;
    report.contextsAdded += repo.addContexts(termId, t.contexts);
  }
  report.crossReferencesAdded += repo.addXrefs(conceptId, c.xrefs);
  created.add(conceptId);
  item.action = 'new';
  item.conceptId = conceptId;
  return item;
}

/** Whether concept `id` has a term with the same key (and language family) as one of `terms`. */
function sharesTerm(store: Store, id: number, terms: readonly ExchangeTerm[], emptyMatches: boolean): boolean {
  const existing = store.termsOfConcept(id);
  if (existing.length === 0) return emptyMatches;
  const keys = new Set(existing.map((t) => `${langFamily(t.lang)}:${t.key}`));
  return terms.some((t) => keys.has(`${langFamily(t.lang)}:${keyOf(t)}`));
}

/** The existing concept most of the entry's preferred (non-acronym) terms name, if any. */
function matchByPreferredTerms(repo: ExchangeRepository, terms: readonly ExchangeTerm[], exclude: ReadonlySet<number>): number | undefined {
  const votes = new Map<number, number>();
  for (const t of terms) {
    if (t.status !== 'preferred' || t.type === 'acronym' || t.type === 'abbreviation') continue;
    for (const m of repo.preferredByKey(keyOf(t))) {
      if (exclude.has(m.conceptId)) continue;
      if (langFamily(m.lang) === langFamily(t.lang)) votes.set(m.conceptId, (votes.get(m.conceptId) ?? 0) + 1);
    }
  }
  let best: number | undefined;
  let bestVotes = 0;
  for (const [id, n] of votes) {
    if (n > bestVotes || (n === bestVotes && best !== undefined && id < best)) {
      best = id;
      bestVotes = n;
    }
  }
  return best;
}

function toNewTerm(t: ExchangeTerm, status: ExchangeTerm['status']) {
  return {
    text: t.text,
    lang: t.lang,
    type: t.type,
    status,
    origin: t.origin ?? ('import' as const),
    source: t.source,
    note: t.note,
    verified: t.verified,
  };
}

function mergeInto(
  store: Store,
  repo: ExchangeRepository,
  targetId: number,
  c: ExchangeConcept,
  item: ImportItem,
  report: ImportReport,
): ImportItem {
  const existing = store.getConcept(targetId)!;
  let changed = false;
  for (const t of c.terms) {
    const key = keyOf(t);
    const same =
      existing.terms.find((e) => e.lang === t.lang && e.text === t.text) ?? existing.terms.find((e) => e.lang === t.lang && e.key === key);
    if (same) {
      report.terms.existing++;
      if ((same.source === null && t.source) || (same.note === null && t.note)) {
        repo.fillTerm(same.id, { source: t.source, note: t.note });
        changed = true;
      }
      const added = repo.addContexts(same.id, t.contexts);
      report.contextsAdded += added;
      changed ||= added > 0;
      continue;
    }
    // The concept keeps its preferred term; a second preferred one of the same type becomes admitted.
    const demote =
      t.status === 'preferred' && existing.terms.some((e) => e.lang === t.lang && e.type === t.type && e.status === 'preferred');
    const { term } = store.addTerm(targetId, toNewTerm(t, demote ? 'admitted' : t.status));
    existing.terms.push(term);
    report.terms.added++;
    item.termsAdded++;
    report.contextsAdded += repo.addContexts(term.id, t.contexts);
    changed = true;
  }
  const note = joinNotes(existing.note, c.note);
  if ((existing.subject === null && c.subject) || (existing.definition === null && c.definition) || note !== existing.note) {
    repo.fillConcept(targetId, { subject: c.subject, definition: c.definition, note });
    changed = true;
  }
  const xrefs = repo.addXrefs(targetId, c.xrefs);
  report.crossReferencesAdded += xrefs;
  changed ||= xrefs > 0;
  item.conceptId = targetId;
  if (changed) {
    repo.touchConcept(targetId);
    item.action = 'merged';
  } else {
    item.action = 'skipped';
    item.reason = `already in concept ${targetId}`;
  }
  return item;
}

function joinNotes(existing: string | null, incoming: string | null): string | null {
  if (!incoming) return existing;
  if (!existing) return incoming;
  return normalizeNote(existing)?.includes(incoming) ? existing : `${existing}\n${incoming}`;
}
