// The Store: one SQLite connection and the concept store on it (concepts, terms, documents,
// occurrences, the meta table), with the transaction helpers every repository uses. The other
// tables have their own repository beside this file (exchange-repository.ts for contexts and
// cross-references and the bulk import path, tm-repository.ts for the translation memory), each
// built on a Store with ExchangeRepository.of(store) / TmRepository.of(store). Statements are
// prepared once per connection; every multi-row change runs in one transaction.
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { normalizeKey } from '../domain/normalize.js';
import {
  type Category,
  type Concept,
  type ConceptWithTerms,
  type DocumentRecord,
  type Lang,
  type Occurrence,
  type Origin,
  type ReviewStatus,
  type Term,
  type TermStatus,
  type TermType,
  ConflictError,
  InputError,
  NotFoundError,
  isCategory,
  isOrigin,
  isReviewStatus,
  isTermStatus,
  isTermType,
} from '../domain/types.js';
import { guessLang } from '../domain/lang.js';
import { checkTermValues, cleanTermText, compareTerms, looksLikeAcronym, statusOnJoining } from '../domain/terms.js';

export interface NewConcept {
  extId?: string | null;
  category: Category;
  subject?: string | null;
  definition?: string | null;
  note?: string | null;
  reviewStatus?: ReviewStatus;
  origin: Origin;
}

export interface NewTerm {
  text: string;
  lang: Lang;
  type: TermType;
  status: TermStatus;
  origin: Origin;
  source?: string | null;
  note?: string | null;
  verified?: boolean;
}

export interface TermPatch {
  status?: TermStatus;
  type?: TermType;
  note?: string | null;
  source?: string | null;
  verified?: boolean;
  origin?: Origin;
}

export interface ConceptPatch {
  category?: Category;
  subject?: string | null;
  definition?: string | null;
  note?: string | null;
  reviewStatus?: ReviewStatus;
}

export interface OccurrenceWithDocument extends Occurrence {
  documentName: string;
  termText: string;
}

export interface Stats {
  concepts: number;
  terms: number;
  documents: number;
  occurrences: number;
  byCategory: Record<string, number>;
  byLanguage: Record<string, number>;
  byReviewStatus: Record<string, number>;
}

/** The concepts whose terms (or review status, category) changed after a revision (see termChangesSince). */
export interface TermChanges {
  /** The term revision the list brings a reader up to. */
  revision: number;
  conceptIds: number[];
}

export interface MergeResult {
  target: number;
  removed: number;
  termsMoved: number;
  termsMerged: number;
}

export interface ConceptRow {
  id: number;
  ext_id: string | null;
  category: string;
  subject: string | null;
  definition: string | null;
  note: string | null;
  review_status: string;
  origin: string;
  created_at: string;
  updated_at: string;
}

interface TermRow {
  id: number;
  concept_id: number;
  text: string;
  lang: string;
  type: string;
  status: string;
  key: string;
  origin: string;
  source: string | null;
  note: string | null;
  verified: number;
  created_at: string;
  updated_at: string;
}

function conceptFromRow(r: ConceptRow): Concept {
  return {
    id: r.id,
    extId: r.ext_id,
    category: r.category as Category,
    subject: r.subject,
    definition: r.definition,
    note: r.note,
    reviewStatus: r.review_status as ReviewStatus,
    origin: r.origin as Origin,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function termFromRow(r: TermRow): Term {
  return {
    id: r.id,
    conceptId: r.concept_id,
    text: r.text,
    lang: r.lang as Lang,
    type: r.type as TermType,
    status: r.status as TermStatus,
    key: r.key,
    origin: r.origin as Origin,
    source: r.source,
    note: r.note,
    verified: r.verified !== 0,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Thrown inside a dry run's transaction to roll it back. */
class DryRunRollback extends Error {}

export class Store {
  readonly db: Database.Database;
  private readonly stmts;

  constructor(db: Database.Database) {
    this.db = db;
    this.stmts = {
      insertConcept: db.prepare(
        `INSERT INTO concept (ext_id, category, subject, definition, note, review_status, origin)
         VALUES (@extId, @category, @subject, @definition, @note, @reviewStatus, @origin)`,
      ),
      conceptById: db.prepare('SELECT * FROM concept WHERE id = ?'),
      conceptByExtId: db.prepare('SELECT * FROM concept WHERE ext_id = ?'),
      termsOfConcept: db.prepare('SELECT * FROM term WHERE concept_id = ?'),
      termById: db.prepare('SELECT * FROM term WHERE id = ?'),
      // One statement for any number of concepts (a lookup asks for each answer): ids as a JSON array.
      unverifiedOfConcepts: db.prepare('SELECT id FROM term WHERE verified = 0 AND concept_id IN (SELECT value FROM json_each(?))').pluck(),
      termByText: db.prepare('SELECT * FROM term WHERE concept_id = ? AND lang = ? AND text = ?'),
      termsByKey: db.prepare('SELECT * FROM term WHERE key = ? ORDER BY id'),
      insertTerm: db.prepare(
        `INSERT INTO term (concept_id, text, lang, type, status, key, origin, source, note, verified)
         VALUES (@conceptId, @text, @lang, @type, @status, @key, @origin, @source, @note, @verified)`,
      ),
      touchConcept: db.prepare(
        "UPDATE concept SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
      ),
      documentBySha: db.prepare('SELECT * FROM document WHERE sha256 = ?'),
      documentById: db.prepare('SELECT * FROM document WHERE id = ?'),
      insertDocument: db.prepare('INSERT INTO document (name, sha256, chars, text) VALUES (?, ?, ?, ?)'),
      insertOccurrence: db.prepare(
        `INSERT OR IGNORE INTO occurrence (term_id, document_id, start, "end", context)
         VALUES (?, ?, ?, ?, ?)`,
      ),
      occurrencesOfConcept: db.prepare(
        `SELECT o.*, d.name AS document_name, t.text AS term_text
           FROM occurrence o JOIN term t ON t.id = o.term_id JOIN document d ON d.id = o.document_id
          WHERE t.concept_id = ? ORDER BY d.name, o.start LIMIT ?`,
      ),
      countOccurrencesOfConcept: db.prepare(
        `SELECT count(*) AS n FROM occurrence o JOIN term t ON t.id = o.term_id WHERE t.concept_id = ?`,
      ),
      termRevision: db.prepare("SELECT value FROM meta WHERE key = 'term_revision'"),
      termChangesAfter: db.prepare('SELECT revision, concept_id FROM term_change WHERE revision > ? ORDER BY revision LIMIT ?'),
      termChangeRange: db.prepare('SELECT min(revision) AS low, max(revision) AS high FROM term_change'),
      getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
    };
  }

  /** Runs fn in one (IMMEDIATE) transaction: all of it lands or none of it. */
  transaction<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    return this.db.transaction(fn).immediate();
  }

  /**
   * Runs fn in a transaction that is always rolled back: fn sees its own writes (a dry run reports
   * exactly what the real run would do), and nothing stays. Inside another transaction it is a
   * savepoint, so it works there too.
   */
  dryRun<T>(fn: () => T): T {
    let result: T | undefined;
    try {
      this.db
        .transaction(() => {
          result = fn();
          throw new DryRunRollback();
        })
        .immediate();
    } catch (err) {
      if (!(err instanceof DryRunRollback)) throw err;
    }
    return result as T;
  }

  // ---------------------------------------------------------------- concepts

  createConcept(c: NewConcept): number {
    if (!isCategory(c.category)) throw new InputError(`unknown category: ${String(c.category)}`);
    const reviewStatus = c.reviewStatus ?? (c.origin === 'reference' ? 'approved' : 'candidate');
    if (!isReviewStatus(reviewStatus)) throw new InputError(`unknown review status: ${String(reviewStatus)}`);
    const info = this.stmts.insertConcept.run({
      extId: c.extId ?? null,
      category: c.category,
      subject: c.subject ?? null,
      definition: c.definition ?? null,
      note: c.note ?? null,
      reviewStatus,
      origin: c.origin,
    });
    return Number(info.lastInsertRowid);
  }

  getConceptRecord(id: number): Concept | undefined {
    const row = this.stmts.conceptById.get(id) as ConceptRow | undefined;
    return row ? conceptFromRow(row) : undefined;
  }

  getConcept(id: number): ConceptWithTerms | undefined {
    const concept = this.getConceptRecord(id);
    if (!concept) return undefined;
    return { ...concept, terms: this.termsOfConcept(id) };
  }

  requireConcept(id: number): ConceptWithTerms {
    const c = this.getConcept(id);
    if (!c) throw new NotFoundError(`no concept with id ${id}`);
    return c;
  }

  /**
   * The concept a user names: its number (699, #699) or its reference id (unctad, the `id:` that
   * `show` prints). A NotFoundError says which was looked for.
   */
  resolveConceptRef(ref: string): number {
    const r = ref.trim();
    const number = /^#?(\d{1,15})$/.exec(r);
    if (number && this.getConceptRecord(Number(number[1]))) return Number(number[1]);
    const row = r === '' ? undefined : (this.stmts.conceptByExtId.get(r) as ConceptRow | undefined);
    if (row) return row.id;
    throw new NotFoundError(number ? `no concept with id ${number[1]}` : `no concept with number or reference id "${r}"`);
  }

  getConceptByExtId(extId: string): ConceptWithTerms | undefined {
    const row = this.stmts.conceptByExtId.get(extId) as ConceptRow | undefined;
    return row ? { ...conceptFromRow(row), terms: this.termsOfConcept(row.id) } : undefined;
  }

  /** Many concepts with their terms, in one query per table (for result lists). */
  getConcepts(ids: readonly number[]): Map<number, ConceptWithTerms> {
    const out = new Map<number, ConceptWithTerms>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500);
      const marks = chunk.map(() => '?').join(',');
      const concepts = this.db.prepare(`SELECT * FROM concept WHERE id IN (${marks})`).all(...chunk) as ConceptRow[];
      for (const r of concepts) out.set(r.id, { ...conceptFromRow(r), terms: [] });
      const terms = this.db.prepare(`SELECT * FROM term WHERE concept_id IN (${marks})`).all(...chunk) as TermRow[];
      for (const t of terms) out.get(t.concept_id)?.terms.push(termFromRow(t));
    }
    for (const c of out.values()) c.terms.sort(compareTerms);
    return out;
  }

  updateConcept(id: number, patch: ConceptPatch): Concept {
    this.requireConcept(id);
    const sets: string[] = [];
    const params: Record<string, unknown> = { id };
    if (patch.category !== undefined) {
      if (!isCategory(patch.category)) throw new InputError(`unknown category: ${String(patch.category)}`);
      sets.push('category = @category');
      params.category = patch.category;
    }
    if (patch.reviewStatus !== undefined) {
      if (!isReviewStatus(patch.reviewStatus)) throw new InputError(`unknown review status: ${String(patch.reviewStatus)}`);
      sets.push('review_status = @reviewStatus');
      params.reviewStatus = patch.reviewStatus;
    }
    for (const field of ['subject', 'definition', 'note'] as const) {
      if (patch[field] !== undefined) {
        sets.push(`${field} = @${field}`);
        params[field] = patch[field];
      }
    }
    if (sets.length > 0) {
      sets.push("updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
      // Column names come from the fixed list above, never from input.
      this.db.prepare(`UPDATE concept SET ${sets.join(', ')} WHERE id = @id`).run(params);
    }
    return this.getConceptRecord(id)!;
  }

  deleteConcept(id: number): void {
    this.db.prepare('DELETE FROM concept WHERE id = ?').run(id);
  }

  // ---------------------------------------------------------------- terms

  termsOfConcept(conceptId: number): Term[] {
    return (this.stmts.termsOfConcept.all(conceptId) as TermRow[]).map(termFromRow).sort(compareTerms);
  }

  /** Ids of the terms of these concepts that are not verified (one query per 500 concepts; for result badges). */
  unverifiedTermIds(conceptIds: readonly number[]): Set<number> {
    if (conceptIds.length === 0) return new Set();
    return new Set(this.stmts.unverifiedOfConcepts.all(JSON.stringify(conceptIds)) as number[]);
  }

  getTerm(id: number): Term | undefined {
    const row = this.stmts.termById.get(id) as TermRow | undefined;
    return row ? termFromRow(row) : undefined;
  }

  findTermsByKey(key: string): Term[] {
    return (this.stmts.termsByKey.all(key) as TermRow[]).map(termFromRow);
  }

  /** Every term whose normalised key equals the key of `text`. */
  findTermsByText(text: string): Term[] {
    return this.findTermsByKey(normalizeKey(text));
  }

  /** The concept of every term, in term order: iterateTerms' conceptIds without making the terms. */
  conceptIdsOfTerms(): number[] {
    return this.db.prepare('SELECT concept_id FROM term ORDER BY id').pluck().all() as number[];
  }

  /** Iterates over every term (for building in-memory indexes). */
  *iterateTerms(): IterableIterator<Term> {
    for (const row of this.db.prepare('SELECT * FROM term ORDER BY id').iterate() as IterableIterator<TermRow>) {
      yield termFromRow(row);
    }
  }

  /**
   * Adds a term to a concept. If the concept already has the same text in the same language, the
   * existing term is returned unchanged (callers that want to change it use updateTerm).
   */
  addTerm(conceptId: number, t: NewTerm): { term: Term; created: boolean } {
    const text = cleanTermText(t.text);
    checkTermValues(t);
    const existing = this.stmts.termByText.get(conceptId, t.lang, text) as TermRow | undefined;
    if (existing) return { term: termFromRow(existing), created: false };
    const info = this.stmts.insertTerm.run({
      conceptId,
      text,
      lang: t.lang,
      type: t.type,
      status: t.status,
      key: normalizeKey(text),
      origin: t.origin,
      source: t.source ?? null,
      note: t.note ?? null,
      verified: t.verified === false ? 0 : 1,
    });
    this.stmts.touchConcept.run(conceptId);
    return { term: this.getTerm(Number(info.lastInsertRowid))!, created: true };
  }

  /**
   * Adds an alias (another name for the same concept) as a user would: language guessed from the
   * text when not given, type `acronym` for upper-case Latin, otherwise `variant`, status admitted.
   * Refused when the alias is already the preferred name of a different concept.
   */
  addAlias(
    conceptId: number,
    text: string,
    opts: Partial<Omit<NewTerm, 'text'>> = {},
  ): { term: Term; created: boolean } {
    return this.transaction(() => {
      this.requireConcept(conceptId);
      const clean = cleanTermText(text);
      const lang = opts.lang ?? guessLang(clean);
      const type = opts.type ?? (looksLikeAcronym(clean) ? 'acronym' : 'variant');
      const clash = this.findTermsByKey(normalizeKey(clean)).find(
        (t) => t.conceptId !== conceptId && t.status === 'preferred' && t.lang === lang,
      );
      if (clash) {
        throw new ConflictError(
          `"${clean}" is already the preferred ${clash.lang} term of concept ${clash.conceptId}; merge the concepts instead`,
        );
      }
      return this.addTerm(conceptId, {
        text: clean,
        lang,
        type,
        status: opts.status ?? 'admitted',
        origin: opts.origin ?? 'user',
        source: opts.source ?? null,
        note: opts.note ?? null,
        verified: opts.verified,
      });
    });
  }

  updateTerm(id: number, patch: TermPatch): Term {
    const term = this.getTerm(id);
    if (!term) throw new NotFoundError(`no term with id ${id}`);
    const sets: string[] = [];
    const params: Record<string, unknown> = { id };
    if (patch.status !== undefined) {
      if (!isTermStatus(patch.status)) throw new InputError(`unknown term status: ${String(patch.status)}`);
      sets.push('status = @status');
      params.status = patch.status;
    }
    if (patch.type !== undefined) {
      if (!isTermType(patch.type)) throw new InputError(`unknown term type: ${String(patch.type)}`);
      sets.push('type = @type');
      params.type = patch.type;
    }
    if (patch.note !== undefined) {
      sets.push('note = @note');
      params.note = patch.note;
    }
    if (patch.source !== undefined) {
      sets.push('source = @source');
      params.source = patch.source;
    }
    if (patch.verified !== undefined) {
      sets.push('verified = @verified');
      params.verified = patch.verified ? 1 : 0;
    }
    if (patch.origin !== undefined) {
      if (!isOrigin(patch.origin)) throw new InputError(`unknown origin: ${String(patch.origin)}`);
      sets.push('origin = @origin');
      params.origin = patch.origin;
    }
    if (sets.length === 0) return term;
    sets.push("updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
    this.transaction(() => {
      this.db.prepare(`UPDATE term SET ${sets.join(', ')} WHERE id = @id`).run(params);
      this.stmts.touchConcept.run(term.conceptId);
    });
    return this.getTerm(id)!;
  }

  deleteTerm(id: number): void {
    const term = this.getTerm(id);
    if (!term) throw new NotFoundError(`no term with id ${id}`);
    this.transaction(() => {
      this.db.prepare('DELETE FROM term WHERE id = ?').run(id);
      this.stmts.touchConcept.run(term.conceptId);
    });
  }

  /**
   * Merges concept `sourceId` into `targetId`: every term moves to the target (a term the target
   * already has in the same language keeps the target's record and inherits the occurrences),
   * notes are joined, the source concept is deleted. An approved concept stays approved.
   */
  mergeConcepts(targetId: number, sourceId: number): MergeResult {
    if (targetId === sourceId) throw new InputError('cannot merge a concept into itself');
    return this.transaction(() => {
      const target = this.requireConcept(targetId);
      const source = this.requireConcept(sourceId);
      let termsMoved = 0;
      let termsMerged = 0;
      for (const term of source.terms) {
        const same = target.terms.find((t) => t.lang === term.lang && t.text === term.text);
        if (same) {
          this.db
            .prepare(
              `UPDATE OR IGNORE occurrence SET term_id = ? WHERE term_id = ?`,
            )
            .run(same.id, term.id);
          this.db.prepare('DELETE FROM term WHERE id = ?').run(term.id);
          termsMerged++;
        } else {
          this.db
            .prepare(
              `UPDATE term SET concept_id = ?, status = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
            )
            .run(targetId, statusOnJoining(term, target.terms), term.id);
          termsMoved++;
        }
      }
      const notes = [target.note, source.note].filter((n): n is string => !!n && n.trim() !== '');
      const joinedNote = [...new Set(notes)].join('\n') || null;
      this.db
        .prepare(
          `UPDATE concept SET note = ?, review_status = ?, subject = coalesce(subject, ?), definition = coalesce(definition, ?),
             updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
        )
        .run(
          joinedNote,
          target.reviewStatus === 'approved' || source.reviewStatus === 'approved' ? 'approved' : 'candidate',
          source.subject,
          source.definition,
          targetId,
        );
      this.db.prepare('DELETE FROM concept WHERE id = ?').run(sourceId);
      return { target: targetId, removed: sourceId, termsMoved, termsMerged };
    });
  }

  // ---------------------------------------------------------------- documents and occurrences

  getDocumentBySha(hash: string): DocumentRecord | undefined {
    const row = this.stmts.documentBySha.get(hash) as
      | { id: number; name: string; sha256: string; chars: number; ingested_at: string }
      | undefined;
    return row ? { id: row.id, name: row.name, sha256: row.sha256, chars: row.chars, ingestedAt: row.ingested_at } : undefined;
  }

  getDocumentText(id: number): string | null {
    const row = this.stmts.documentById.get(id) as { text: string | null } | undefined;
    return row?.text ?? null;
  }

  /** Registers a document by content hash. The same content registered twice is one document. */
  addDocument(name: string, text: string): { document: DocumentRecord; created: boolean } {
    const hash = sha256(text);
    const existing = this.getDocumentBySha(hash);
    if (existing) return { document: existing, created: false };
    this.stmts.insertDocument.run(name, hash, text.length, text);
    return { document: this.getDocumentBySha(hash)!, created: true };
  }

  listDocuments(): DocumentRecord[] {
    return (
      this.db.prepare('SELECT id, name, sha256, chars, ingested_at FROM document ORDER BY id').all() as Array<{
        id: number;
        name: string;
        sha256: string;
        chars: number;
        ingested_at: string;
      }>
    ).map((r) => ({ id: r.id, name: r.name, sha256: r.sha256, chars: r.chars, ingestedAt: r.ingested_at }));
  }

  addOccurrence(termId: number, documentId: number, start: number, end: number, context: string): void {
    this.stmts.insertOccurrence.run(termId, documentId, start, end, context);
  }

  occurrencesOfConcept(conceptId: number, limit = 200): OccurrenceWithDocument[] {
    return (this.stmts.occurrencesOfConcept.all(conceptId, limit) as Array<Record<string, unknown>>).map((r) => ({
      id: r.id as number,
      termId: r.term_id as number,
      documentId: r.document_id as number,
      start: r.start as number,
      end: r.end as number,
      context: r.context as string,
      documentName: r.document_name as string,
      termText: r.term_text as string,
    }));
  }

  countOccurrencesOfConcept(conceptId: number): number {
    return (this.stmts.countOccurrencesOfConcept.get(conceptId) as { n: number }).n;
  }

  // ---------------------------------------------------------------- bookkeeping

  /** Recomputes every term's search key (after a change of normalizeKey). Returns how many changed. */
  rekeyTerms(): number {
    return this.transaction(() => {
      const update = this.db.prepare('UPDATE term SET key = ? WHERE id = ?');
      const rows = this.db.prepare('SELECT id, text, key FROM term').all() as Array<{ id: number; text: string; key: string }>;
      let changed = 0;
      for (const r of rows) {
        const key = normalizeKey(r.text);
        if (key !== r.key) {
          update.run(key, r.id);
          changed++;
        }
      }
      return changed;
    });
  }

  /**
   * Bumped by triggers on every term change (and a concept's review status or category), each
   * step logged in term_change; in-memory indexes apply the concepts changed since their own
   * revision (termChangesSince) when it moves.
   */
  termRevision(): number {
    return Number((this.stmts.termRevision.get() as { value: string }).value);
  }

  /**
   * The concepts changed after `revision` (each step of the term revision is logged with its
   * concept in the same transaction, migration 8), at most `limit` steps' worth. Null when the
   * log cannot say: older than the log reaches (pruned, or before migration 8), or more than
   * `limit` steps (a big import: rebuilding is cheaper than applying it concept by concept).
   */
  termChangesSince(revision: number, limit: number): TermChanges | null {
    const read = () => {
      const current = this.termRevision();
      if (revision === current) return { revision, conceptIds: [] };
      const floor = Number(this.getMeta('term_change_floor') ?? Number.POSITIVE_INFINITY);
      if (!(revision >= floor) || revision > current || current - revision > limit) return null;
      const rows = this.stmts.termChangesAfter.all(revision, limit) as Array<{ revision: number; concept_id: number }>;
      // Every step is logged; a gap means something changed terms without the log (never by
      // this code): the reader must rebuild.
      if (rows.length !== current - revision || rows[rows.length - 1].revision !== current) return null;
      return { revision: current, conceptIds: [...new Set(rows.map((r) => r.concept_id))] };
    };
    // One read transaction, so the revision and the log agree.
    return this.db.inTransaction ? read() : this.db.transaction(read).deferred();
  }

  /**
   * Forgets the change log up to `keep` steps behind the current revision (a reader further
   * behind rebuilds instead), once it holds `keep + slack` steps (so pruning is rare and large).
   * Returns the number of entries removed.
   */
  pruneTermChanges(keep: number, slack = 0): number {
    const { low, high } = this.stmts.termChangeRange.get() as { low: number | null; high: number | null };
    if (low === null || high === null || high - low < keep + slack) return 0;
    const cut = high - keep;
    return this.transaction(() => {
      const removed = this.db.prepare('DELETE FROM term_change WHERE revision <= ?').run(cut).changes;
      this.db.prepare("UPDATE meta SET value = max(CAST(value AS INTEGER), CAST(? AS INTEGER)) WHERE key = 'term_change_floor'").run(cut);
      return removed;
    });
  }

  /** The highest term id (0 without terms); a persisted index checks it. */
  maxTermId(): number {
    return (this.db.prepare('SELECT coalesce(max(id), 0) AS m FROM term').get() as { m: number }).m;
  }

  /** A random id given to each database file (migration 8; a backup copy gets its own). */
  databaseId(): string {
    return this.getMeta('database_id') ?? '';
  }

  /** The terms of some concepts, by term id (what an index reads for the concepts that changed). */
  termsOfConcepts(conceptIds: Iterable<number>): Term[] {
    const out: Term[] = [];
    const ids = [...new Set(conceptIds)];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.db.prepare(`SELECT * FROM term WHERE concept_id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as TermRow[];
      for (const r of rows) out.push(termFromRow(r));
    }
    return out.sort((a, b) => a.id - b.id);
  }

  /** Every concept record, by id (for building in-memory indexes). */
  *iterateConceptRecords(): IterableIterator<Concept> {
    for (const row of this.db.prepare('SELECT * FROM concept ORDER BY id').iterate() as IterableIterator<ConceptRow>) yield conceptFromRow(row);
  }

  /** Concept records by id (those that exist). */
  conceptRecords(conceptIds: Iterable<number>): Map<number, Concept> {
    const out = new Map<number, Concept>();
    const ids = [...new Set(conceptIds)];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.db.prepare(`SELECT * FROM concept WHERE id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as ConceptRow[];
      for (const r of rows) out.set(r.id, conceptFromRow(r));
    }
    return out;
  }

  /** Runs fn in one read transaction: every query in it sees the same state of the database. */
  readSnapshot<T>(fn: () => T): T {
    return this.db.inTransaction ? fn() : this.db.transaction(fn).deferred();
  }

  getMeta(key: string): string | undefined {
    return (this.stmts.getMeta.get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.stmts.setMeta.run(key, value);
  }

  stats(): Stats {
    const count = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    const group = (sql: string) =>
      Object.fromEntries((this.db.prepare(sql).all() as Array<{ k: string; n: number }>).map((r) => [r.k, r.n]));
    return {
      concepts: count('SELECT count(*) AS n FROM concept'),
      terms: count('SELECT count(*) AS n FROM term'),
      documents: count('SELECT count(*) AS n FROM document'),
      occurrences: count('SELECT count(*) AS n FROM occurrence'),
      byCategory: group('SELECT category AS k, count(*) AS n FROM concept GROUP BY category ORDER BY n DESC, k'),
      byLanguage: group('SELECT lang AS k, count(*) AS n FROM term GROUP BY lang ORDER BY n DESC, k'),
      byReviewStatus: group('SELECT review_status AS k, count(*) AS n FROM concept GROUP BY review_status ORDER BY k'),
    };
  }
}
