// Importing a glossary file into the store: parse (any format of src/formats/registry.ts), then
// one transaction that creates new concepts and merges the others into the concepts they name, or
// a dry run that reports exactly what the import would do and changes nothing.
import { type ExchangeConcept, type ExchangeTerm, type ParsedGlossary, normalizeNote } from '../domain/exchange.js';
import { normalizeKey } from '../domain/normalize.js';
import { statusOnJoining } from '../domain/terms.js';
import { type ImportSource, parseGlossary } from '../formats/registry.js';
import { ExchangeRepository } from '../store/exchange-repository.js';
import type { Store } from '../store/repository.js';

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
    const repo = ExchangeRepository.of(store);
    const created = new Set<number>();
    for (const c of parsed.concepts) {
      const item = importConcept(store, repo, c, report, warn, created);
      report.concepts[item.action]++;
      if (report.items.length < ITEM_LIMIT) report.items.push(options.dryRun && item.action === 'new' ? { ...item, conceptId: null } : item);
      else report.itemsTruncated = true;
    }
  };
  if (options.dryRun) store.dryRun(run);
  else store.transaction(run);
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
    const { term } = store.addTerm(targetId, toNewTerm(t, statusOnJoining(t, existing.terms)));
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
