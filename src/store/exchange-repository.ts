// SQL for glossary exchange: reading concepts out page by page for export, and the writes an
// import makes (concepts with their file dates, terms, contexts, cross-references). Tables:
// concept and term (repository.ts), term_context and concept_xref (migration 4, owned here).
//
// Export reads in pages of whole queries (keyset pagination on concept id) rather than through
// one open statement iterator: better-sqlite3 refuses every other statement on a connection while
// an iterator is open, and the server streams an export while it keeps answering other requests
// on the same connection. Each page is a handful of queries; memory stays flat.
import {
  type Category,
  type Concept,
  type Lang,
  type Origin,
  type ReviewStatus,
  type TermStatus,
  InputError,
} from '../domain/types.js';
import {
  type ExchangeConcept,
  type ExchangeContext,
  type ExchangeTerm,
  type ExchangeXref,
  decodeFileId,
  generatedFileId,
  normalizeContext,
  normalizeField,
  normalizeNote,
  parseExchangeDate,
} from '../domain/exchange.js';
import { checkTermValues, cleanTermText, compareTerms } from '../domain/terms.js';
import { type ConceptRow, type Store, termFromRow } from './repository.js';

export interface ExportFilter {
  categories?: readonly Category[];
  /** Concept review statuses (approved, candidate). */
  reviewStatuses?: readonly ReviewStatus[];
  /** Term statuses: only these terms are exported, and only concepts that have one. */
  termStatuses?: readonly TermStatus[];
  /** Only concepts changed at or after this ISO timestamp. */
  since?: string;
}

export interface ExportReadOptions {
  /** Concepts per page (default 500). */
  pageSize?: number;
  /** Contexts taken per term from its occurrences in ingested documents, besides stored ones (default 2). */
  occurrenceContexts?: number;
}

const FILTER_SQL = `
  (@categories IS NULL OR c.category IN (SELECT value FROM json_each(@categories)))
  AND (@reviews IS NULL OR c.review_status IN (SELECT value FROM json_each(@reviews)))
  AND (@since IS NULL OR c.updated_at >= @since)
  AND (@statuses IS NULL OR EXISTS (
        SELECT 1 FROM term ft WHERE ft.concept_id = c.id AND ft.status IN (SELECT value FROM json_each(@statuses))))`;

function filterParams(filter: ExportFilter): Record<string, string | null> {
  const list = (v: readonly string[] | undefined) => (v && v.length > 0 ? JSON.stringify(v) : null);
  return {
    categories: list(filter.categories),
    reviews: list(filter.reviewStatuses),
    statuses: list(filter.termStatuses),
    since: filter.since ?? null,
  };
}

/** A concept as an import creates it: the file's dates when it has them. */
export type NewExchangeConcept = Omit<Concept, 'id' | 'createdAt' | 'updatedAt'> & {
  createdAt: string | null;
  updatedAt: string | null;
};

/** Statements of one connection, prepared once (see ExchangeRepository.of). */
const repositories = new WeakMap<Store, ExchangeRepository>();

export class ExchangeRepository {
  private readonly stmts;

  /** The repository of a store's connection, its statements prepared once. */
  static of(store: Store): ExchangeRepository {
    let repo = repositories.get(store);
    if (!repo) repositories.set(store, (repo = new ExchangeRepository(store)));
    return repo;
  }

  private constructor(readonly store: Store) {
    const db = store.db;
    this.stmts = {
      page: db.prepare(`SELECT * FROM concept c WHERE c.id > @after AND ${FILTER_SQL} ORDER BY c.id LIMIT @limit`),
      count: db.prepare(`SELECT count(*) AS n FROM concept c WHERE ${FILTER_SQL}`),
      termsOfPage: db.prepare(
        `SELECT * FROM term WHERE concept_id IN (SELECT value FROM json_each(@ids))
           AND (@statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses)))`,
      ),
      contextsOfPage: db.prepare(
        `SELECT tc.term_id, tc.text, tc.source FROM term_context tc JOIN term t ON t.id = tc.term_id
          WHERE t.concept_id IN (SELECT value FROM json_each(@ids)) ORDER BY tc.term_id, tc.position`,
      ),
      occurrenceContextsOfPage: db.prepare(
        `SELECT term_id, context, document_name FROM (
           SELECT o.term_id, o.context, d.name AS document_name,
                  row_number() OVER (PARTITION BY o.term_id ORDER BY d.name, o.start, o.id) AS n
             FROM occurrence o JOIN term t ON t.id = o.term_id JOIN document d ON d.id = o.document_id
            WHERE t.concept_id IN (SELECT value FROM json_each(@ids)))
          WHERE n <= @limit ORDER BY term_id, n`,
      ),
      xrefsOfPage: db.prepare(
        `SELECT concept_id, target, text FROM concept_xref
          WHERE concept_id IN (SELECT value FROM json_each(@ids)) ORDER BY concept_id, position`,
      ),
      extIdTaken: db.prepare('SELECT id FROM concept WHERE ext_id = ?'),
      targetInExport: db.prepare(
        `SELECT 1 FROM concept c WHERE (c.ext_id = @ext OR (c.ext_id IS NULL AND c.id = @generated)) AND ${FILTER_SQL}`,
      ),
      insertTerm: db.prepare(
        `INSERT INTO term (concept_id, text, lang, type, status, key, origin, source, note, verified)
         VALUES (@conceptId, @text, @lang, @type, @status, @key, @origin, @source, @note, @verified)`,
      ),
      insertConcept: db.prepare(
        `INSERT INTO concept (ext_id, category, subject, definition, note, review_status, origin, created_at, updated_at)
         VALUES (@extId, @category, @subject, @definition, @note, @reviewStatus, @origin,
                 coalesce(@createdAt, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                 coalesce(@updatedAt, @createdAt, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))`,
      ),
      touch: db.prepare("UPDATE concept SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?"),
      fillConcept: db.prepare(
        `UPDATE concept SET subject = coalesce(subject, @subject), definition = coalesce(definition, @definition), note = @note WHERE id = @id`,
      ),
      preferredByKey: db.prepare(
        `SELECT t.concept_id, t.lang FROM term t WHERE t.key = ? AND t.status = 'preferred'
           AND t.type NOT IN ('acronym', 'abbreviation') ORDER BY t.concept_id`,
      ),
      contextsOfTerm: db.prepare('SELECT text FROM term_context WHERE term_id = ?'),
      occurrenceContextsOfTerm: db.prepare('SELECT context FROM occurrence WHERE term_id = ?'),
      maxContextPosition: db.prepare('SELECT coalesce(max(position), -1) AS p FROM term_context WHERE term_id = ?'),
      insertContext: db.prepare('INSERT OR IGNORE INTO term_context (term_id, text, source, position) VALUES (?, ?, ?, ?)'),
      xrefsOfConcept: db.prepare('SELECT target FROM concept_xref WHERE concept_id = ?'),
      maxXrefPosition: db.prepare('SELECT coalesce(max(position), -1) AS p FROM concept_xref WHERE concept_id = ?'),
      insertXref: db.prepare('INSERT OR IGNORE INTO concept_xref (concept_id, target, text, position) VALUES (?, ?, ?, ?)'),
      fillTerm: db.prepare(
        `UPDATE term SET source = coalesce(source, @source), note = coalesce(note, @note),
           updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = @id`,
      ),
    };
  }

  // ------------------------------------------------------------------------------ export

  countConcepts(filter: ExportFilter = {}): number {
    return (this.stmts.count.get(filterParams(filter)) as { n: number }).n;
  }

  /** Every concept that passes the filter, in id order, as exchange concepts (normalised text). */
  *exportConcepts(filter: ExportFilter = {}, options: ExportReadOptions = {}): Generator<ExchangeConcept> {
    const pageSize = options.pageSize ?? 500;
    const occurrenceLimit = options.occurrenceContexts ?? 2;
    const params = filterParams(filter);
    let after = 0;
    for (;;) {
      const rows = this.stmts.page.all({ ...params, after, limit: pageSize }) as ConceptRow[];
      if (rows.length === 0) return;
      after = rows[rows.length - 1].id;
      const ids = JSON.stringify(rows.map((r) => r.id));
      const byConcept = new Map<number, ExchangeConcept>();
      const termContexts = new Map<number, ExchangeContext[]>();
      const termsByConcept = new Map<number, ReturnType<typeof termFromRow>[]>();
      for (const row of this.stmts.termsOfPage.all({ ids, statuses: params.statuses }) as Parameters<typeof termFromRow>[0][]) {
        const t = termFromRow(row);
        let list = termsByConcept.get(t.conceptId);
        if (!list) termsByConcept.set(t.conceptId, (list = []));
        list.push(t);
      }
      const addContext = (termId: number, text: string | null, source: string | null) => {
        const clean = normalizeContext(text);
        if (!clean) return;
        let list = termContexts.get(termId);
        if (!list) termContexts.set(termId, (list = []));
        if (!list.some((c) => c.text === clean)) list.push({ text: clean, source: normalizeField(source) });
      };
      for (const r of this.stmts.contextsOfPage.all({ ids }) as Array<{ term_id: number; text: string; source: string | null }>) {
        addContext(r.term_id, r.text, r.source);
      }
      if (occurrenceLimit > 0) {
        for (const r of this.stmts.occurrenceContextsOfPage.all({ ids, limit: occurrenceLimit }) as Array<{
          term_id: number;
          context: string;
          document_name: string;
        }>) {
          addContext(r.term_id, r.context, r.document_name);
        }
      }
      const xrefs = new Map<number, ExchangeXref[]>();
      for (const r of this.stmts.xrefsOfPage.all({ ids }) as Array<{ concept_id: number; target: string; text: string | null }>) {
        let list = xrefs.get(r.concept_id);
        if (!list) xrefs.set(r.concept_id, (list = []));
        list.push({ target: r.target, text: normalizeField(r.text) });
      }
      for (const row of rows) {
        const terms = (termsByConcept.get(row.id) ?? []).sort(compareTerms);
        // A concept without terms has nothing to exchange (and TBX requires a term per entry).
        if (terms.length === 0) continue;
        byConcept.set(row.id, {
          id: row.ext_id ?? this.generatedId(row.id),
          category: row.category as Category,
          subject: normalizeField(row.subject),
          definition: normalizeField(row.definition),
          note: normalizeNote(row.note),
          reviewStatus: row.review_status as ReviewStatus,
          origin: row.origin as Origin,
          createdAt: parseExchangeDate(row.created_at) ?? row.created_at,
          updatedAt: parseExchangeDate(row.updated_at) ?? row.updated_at,
          xrefs: xrefs.get(row.id) ?? [],
          terms: terms.map(
            (t): ExchangeTerm => ({
              text: t.text,
              lang: t.lang,
              type: t.type,
              status: t.status,
              source: normalizeField(t.source),
              note: normalizeNote(t.note),
              origin: t.origin,
              verified: t.verified,
              contexts: termContexts.get(t.id) ?? [],
            }),
          ),
          line: 0,
        });
      }
      yield* byConcept.values();
      if (rows.length < pageSize) return;
    }
  }

  /** `td-<id>` for a concept without ext_id, made unique should an imported concept already use it. */
  private generatedId(id: number): string {
    let candidate = generatedFileId(id);
    for (let n = 2; this.stmts.extIdTaken.get(candidate); n++) candidate = `${generatedFileId(id)}-${n}`;
    return candidate;
  }

  /** Tells whether a cross-reference target (a file id) is a concept in the same export. */
  targetChecker(filter: ExportFilter = {}): (fileId: string) => boolean {
    const params = filterParams(filter);
    const cache = new Map<string, boolean>();
    return (fileId) => {
      let known = cache.get(fileId);
      if (known === undefined) {
        const ext = decodeFileId(fileId);
        const m = /^td-(\d+)$/.exec(ext);
        known = this.stmts.targetInExport.get({ ...params, ext, generated: m ? Number(m[1]) : null }) !== undefined;
        if (cache.size < 100_000) cache.set(fileId, known);
      }
      return known;
    };
  }

  /** The contexts stored for each term of a concept (from imports), in order; for pages and the CLI. */
  contextsOfConcept(conceptId: number): Map<number, ExchangeContext[]> {
    const out = new Map<number, ExchangeContext[]>();
    for (const r of this.stmts.contextsOfPage.all({ ids: JSON.stringify([conceptId]) }) as Array<{
      term_id: number;
      text: string;
      source: string | null;
    }>) {
      let list = out.get(r.term_id);
      if (!list) out.set(r.term_id, (list = []));
      list.push({ text: r.text, source: r.source });
    }
    return out;
  }

  /** A concept's cross-references, each with the concept it names when that is in the database. */
  xrefsOfConcept(conceptId: number): Array<ExchangeXref & { conceptId: number | null }> {
    return (this.stmts.xrefsOfPage.all({ ids: JSON.stringify([conceptId]) }) as Array<{ target: string; text: string | null }>).map((r) => {
      const m = /^td-(\d+)$/.exec(r.target);
      const byExt = this.conceptIdByExtId(r.target);
      const generated = m && this.store.getConceptRecord(Number(m[1]))?.extId === null ? Number(m[1]) : undefined;
      return { target: r.target, text: r.text, conceptId: byExt ?? generated ?? null };
    });
  }

  // ------------------------------------------------------------------------------ import

  conceptIdByExtId(extId: string): number | undefined {
    return (this.stmts.extIdTaken.get(extId) as { id: number } | undefined)?.id;
  }

  /** Concepts with a preferred full/short form (not an acronym) whose key is `key`, with its language. */
  preferredByKey(key: string): Array<{ conceptId: number; lang: Lang }> {
    return (this.stmts.preferredByKey.all(key) as Array<{ concept_id: number; lang: Lang }>).map((r) => ({
      conceptId: r.concept_id,
      lang: r.lang,
    }));
  }

  /**
   * Creates a concept with the file's dates (missing ones: now; a missing modification date is the
   * origination date). insertNewTerm, addContexts and addXrefs leave them alone.
   */
  insertConcept(c: NewExchangeConcept): number {
    const info = this.stmts.insertConcept.run({
      extId: c.extId,
      category: c.category,
      subject: c.subject,
      definition: c.definition,
      note: c.note,
      reviewStatus: c.reviewStatus,
      origin: c.origin,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    });
    return Number(info.lastInsertRowid);
  }

  /**
   * Adds a term to a concept this import has just created (so it has no term with the same text
   * yet: parsers drop duplicates within an entry). One statement, where Store.addTerm takes four;
   * the checks are the same. `key` is the term's normalizeKey(), computed once by the caller.
   */
  insertNewTerm(conceptId: number, t: ExchangeTerm, key: string): number {
    const text = cleanTermText(t.text);
    checkTermValues(t);
    const info = this.stmts.insertTerm.run({
      conceptId,
      text,
      lang: t.lang,
      type: t.type,
      status: t.status,
      key,
      origin: t.origin ?? 'import',
      source: t.source,
      note: t.note,
      verified: t.verified ? 1 : 0,
    });
    return Number(info.lastInsertRowid);
  }

  touchConcept(id: number): void {
    this.stmts.touch.run(id);
  }

  /** Fills an existing concept's empty subject/definition and sets its note. */
  fillConcept(id: number, fields: { subject: string | null; definition: string | null; note: string | null }): void {
    this.stmts.fillConcept.run({ id, ...fields });
  }

  /** Fills an existing term's empty source and note. */
  fillTerm(id: number, fields: { source: string | null; note: string | null }): void {
    this.stmts.fillTerm.run({ id, ...fields });
  }

  /**
   * Adds the contexts a term does not have yet, after its current ones; returns how many. A
   * context the term already has as an occurrence in an ingested document counts as had (an
   * export carries those, so re-importing it adds nothing).
   */
  addContexts(termId: number, contexts: readonly ExchangeContext[]): number {
    if (contexts.length === 0) return 0;
    const have = new Set((this.stmts.contextsOfTerm.all(termId) as Array<{ text: string }>).map((r) => r.text));
    for (const r of this.stmts.occurrenceContextsOfTerm.all(termId) as Array<{ context: string }>) {
      const text = normalizeContext(r.context);
      if (text) have.add(text);
    }
    let position = (this.stmts.maxContextPosition.get(termId) as { p: number }).p;
    let added = 0;
    for (const c of contexts) {
      const text = normalizeContext(c.text);
      if (!text || have.has(text)) continue;
      have.add(text);
      this.stmts.insertContext.run(termId, text, normalizeField(c.source), ++position);
      added++;
    }
    return added;
  }

  /** Adds the cross-references a concept does not have yet; returns how many. */
  addXrefs(conceptId: number, xrefs: readonly ExchangeXref[]): number {
    if (xrefs.length === 0) return 0;
    const have = new Set((this.stmts.xrefsOfConcept.all(conceptId) as Array<{ target: string }>).map((r) => r.target));
    let position = (this.stmts.maxXrefPosition.get(conceptId) as { p: number }).p;
    let added = 0;
    for (const x of xrefs) {
      const target = x.target.trim();
      if (!target || have.has(target)) continue;
      if (target.length > 500) throw new InputError(`cross-reference target is longer than 500 characters`);
      have.add(target);
      this.stmts.insertXref.run(conceptId, target, normalizeField(x.text), ++position);
      added++;
    }
    return added;
  }
}
