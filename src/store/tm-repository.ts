// The translation-memory tables (tm_segment and its full-text index tm_fts, migration 3): the
// only code that reads and writes them. Rows come in checked and keyed (src/tm/segments.ts decides
// what a pair is and how it is keyed); this file only stores and reads them.
import type Database from 'better-sqlite3';
import type { Store } from './repository.js';

export const TM_ORIGINS = ['tmx', 'tsv', 'alignment', 'user'] as const;
export type TmOrigin = (typeof TM_ORIGINS)[number];
export type ZhLang = 'zh-Hans' | 'zh-Hant';

export interface Segment {
  id: number;
  en: string;
  zh: string;
  zhLang: ZhLang;
  doc: string | null;
  position: number | null;
  date: string | null;
  origin: TmOrigin;
  /** The file the pair was imported from. */
  source: string | null;
  createdAt: string;
}

export interface SegmentKeys {
  id: number;
  enKey: string;
  zhKey: string;
}

export interface AddSummary {
  added: number;
  /** Pairs already in the memory (same English and Chinese text), left as they were. */
  duplicates: number;
}

interface SegmentRow {
  id: number;
  en: string;
  zh: string;
  zh_lang: string;
  doc: string | null;
  position: number | null;
  date: string | null;
  origin: string;
  source: string | null;
  created_at: string;
}

/** A checked, keyed pair as it is stored: its keys, its full-text index text and its identity hash. */
export interface StoredSegment {
  en: string;
  zh: string;
  zhLang: ZhLang;
  enKey: string;
  zhKey: string;
  enIndex: string;
  zhIndex: string;
  hash: bigint;
  doc: string | null;
  position: number | null;
  date: string | null;
  origin: TmOrigin;
  source: string | null;
}

/** Concordance hits are ranked (bm25) up to this many; beyond, newest first. */
const UNRANKED_ABOVE = 5000;

function segmentFromRow(r: SegmentRow): Segment {
  return {
    id: r.id,
    en: r.en,
    zh: r.zh,
    zhLang: r.zh_lang as ZhLang,
    doc: r.doc,
    position: r.position,
    date: r.date,
    origin: r.origin as TmOrigin,
    source: r.source,
    createdAt: r.created_at,
  };
}

/** Statements of one connection, prepared once (the Store is one per connection). */
const cache = new WeakMap<Database.Database, TmRepository>();

export class TmRepository {
  private readonly stmts;

  private constructor(readonly store: Store) {
    const db = store.db;
    this.stmts = {
      insert: db.prepare(
        `INSERT OR IGNORE INTO tm_segment (en, zh, zh_lang, en_key, zh_key, pair_hash, doc, position, date, origin, source)
         VALUES (@en, @zh, @zhLang, @enKey, @zhKey, @hash, @doc, @position, @date, @origin, @source)`,
      ),
      insertFts: db.prepare('INSERT INTO tm_fts (rowid, en, zh) VALUES (?, ?, ?)'),
      byId: db.prepare('SELECT * FROM tm_segment WHERE id = ?'),
      keysById: db.prepare('SELECT id, en_key, zh_key FROM tm_segment WHERE id = ?'),
      keysAfter: db.prepare('SELECT id, en_key, zh_key FROM tm_segment WHERE id > ? ORDER BY id'),
      countAfter: db.prepare('SELECT count(*) AS n FROM tm_segment WHERE id > ?'),
      count: db.prepare('SELECT count(*) AS n, coalesce(max(id), 0) AS maxId FROM tm_segment'),
      all: db.prepare('SELECT * FROM tm_segment ORDER BY id'),
      byDoc: db.prepare('SELECT * FROM tm_segment WHERE doc = ? ORDER BY position, id'),
      deleteFts: db.prepare('DELETE FROM tm_fts WHERE rowid = ?'),
      deleteById: db.prepare('DELETE FROM tm_segment WHERE id = ?'),
      idsOfDoc: db.prepare('SELECT id FROM tm_segment WHERE doc = ?'),
      revision: db.prepare("SELECT value FROM meta WHERE key = 'tm_revision'"),
      bump: db.prepare("UPDATE meta SET value = value + 1 WHERE key = 'tm_revision'"),
      docs: db.prepare('SELECT doc, count(*) AS n FROM tm_segment GROUP BY doc ORDER BY n DESC, doc LIMIT ?'),
      byOrigin: db.prepare('SELECT origin AS k, count(*) AS n FROM tm_segment GROUP BY origin ORDER BY n DESC'),
      ftsCount: db.prepare('SELECT count(*) AS n FROM tm_fts WHERE tm_fts MATCH ?'),
      ftsRanked: db.prepare('SELECT rowid AS id FROM tm_fts WHERE tm_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?'),
      ftsNewest: db.prepare('SELECT rowid AS id FROM tm_fts WHERE tm_fts MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?'),
      ftsIds: db.prepare('SELECT rowid AS id FROM tm_fts WHERE tm_fts MATCH ? LIMIT ?'),
      textAndKeys: db.prepare('SELECT id, en, zh, en_key, zh_key FROM tm_segment'),
      updateKeys: db.prepare('UPDATE tm_segment SET en_key = ?, zh_key = ? WHERE id = ?'),
    };
  }

  /** The repository of a store's connection. */
  static of(store: Store): TmRepository {
    let repo = cache.get(store.db);
    if (!repo || repo.store !== store) {
      repo = new TmRepository(store);
      cache.set(store.db, repo);
    }
    return repo;
  }

  /**
   * Stores checked pairs (see addSegments in src/tm/segments.ts) in one transaction; a pair already
   * stored (same pair hash) is skipped. Bumps the revision when anything was added.
   */
  insertSegments(rows: readonly StoredSegment[]): AddSummary {
    return this.store.transaction(() => {
      let added = 0;
      for (const { enIndex, zhIndex, ...row } of rows) {
        const info = this.stmts.insert.run(row);
        if (info.changes === 0) continue;
        this.stmts.insertFts.run(info.lastInsertRowid, enIndex, zhIndex);
        added++;
      }
      if (added > 0) this.stmts.bump.run();
      return { added, duplicates: rows.length - added };
    });
  }

  /** Removes every segment of a document; returns how many. */
  deleteDocument(doc: string): number {
    return this.store.transaction(() => {
      const ids = (this.stmts.idsOfDoc.all(doc) as Array<{ id: number }>).map((r) => r.id);
      for (const id of ids) {
        this.stmts.deleteFts.run(id);
        this.stmts.deleteById.run(id);
      }
      if (ids.length > 0) this.stmts.bump.run();
      return ids.length;
    });
  }

  get(id: number): Segment | undefined {
    const row = this.stmts.byId.get(id) as SegmentRow | undefined;
    return row ? segmentFromRow(row) : undefined;
  }

  /** Several segments by id, in the order asked. */
  getMany(ids: readonly number[]): Segment[] {
    const out: Segment[] = [];
    for (const id of ids) {
      const s = this.get(id);
      if (s) out.push(s);
    }
    return out;
  }

  keys(id: number): SegmentKeys | undefined {
    const r = this.stmts.keysById.get(id) as { id: number; en_key: string; zh_key: string } | undefined;
    return r ? { id: r.id, enKey: r.en_key, zhKey: r.zh_key } : undefined;
  }

  /** Keys of every segment with an id above `afterId`, in id order (for building indexes). */
  *iterateKeys(afterId = 0): IterableIterator<SegmentKeys> {
    for (const r of this.stmts.keysAfter.iterate(afterId) as IterableIterator<{ id: number; en_key: string; zh_key: string }>) {
      yield { id: r.id, enKey: r.en_key, zhKey: r.zh_key };
    }
  }

  *iterateSegments(): IterableIterator<Segment> {
    for (const r of this.stmts.all.iterate() as IterableIterator<SegmentRow>) yield segmentFromRow(r);
  }

  segmentsOfDocument(doc: string): Segment[] {
    return (this.stmts.byDoc.all(doc) as SegmentRow[]).map(segmentFromRow);
  }

  /** How many segments have an id above `afterId`. */
  countAfter(afterId: number): number {
    return (this.stmts.countAfter.get(afterId) as { n: number }).n;
  }

  count(): { count: number; maxId: number } {
    const r = this.stmts.count.get() as { n: number; maxId: number };
    return { count: r.n, maxId: r.maxId };
  }

  /** Bumped by every change to the segments; in-memory indexes rebuild when it moves. */
  revision(): number {
    const row = this.stmts.revision.get() as { value: string } | undefined;
    return Number(row?.value ?? 0);
  }

  stats(docLimit = 20): { segments: number; byOrigin: Record<string, number>; documents: Array<{ doc: string | null; segments: number }> } {
    return {
      segments: this.count().count,
      byOrigin: Object.fromEntries((this.stmts.byOrigin.all() as Array<{ k: string; n: number }>).map((r) => [r.k, r.n])),
      documents: (this.stmts.docs.all(docLimit) as Array<{ doc: string | null; n: number }>).map((r) => ({ doc: r.doc, segments: r.n })),
    };
  }

  /** Every segment's text and stored keys (for recomputing keys after a change of normalizeKey). */
  allTextAndKeys(): Array<{ id: number; en: string; zh: string; enKey: string; zhKey: string }> {
    return (this.stmts.textAndKeys.all() as Array<{ id: number; en: string; zh: string; en_key: string; zh_key: string }>).map((r) => ({
      id: r.id,
      en: r.en,
      zh: r.zh,
      enKey: r.en_key,
      zhKey: r.zh_key,
    }));
  }

  /** Replaces the keys and index text of the given segments in one transaction; bumps the revision. */
  updateKeys(changes: ReadonlyArray<{ id: number; enKey: string; zhKey: string; enIndex: string; zhIndex: string }>): void {
    if (changes.length === 0) return;
    this.store.transaction(() => {
      for (const c of changes) {
        this.stmts.updateKeys.run(c.enKey, c.zhKey, c.id);
        this.stmts.deleteFts.run(c.id);
        this.stmts.insertFts.run(c.id, c.enIndex, c.zhIndex);
      }
      this.stmts.bump.run();
    });
  }

  /** Full-text search: segment ids matching an FTS5 expression, best first, and the total. */
  search(expression: string, limit: number, offset: number): { total: number; ids: number[] } {
    const total = this.countMatches(expression);
    // Ranking scores every hit: for a very common word, newest first is as useful and far cheaper.
    const ids = (
      (total > UNRANKED_ABOVE ? this.stmts.ftsNewest.all(expression, limit, offset) : this.stmts.ftsRanked.all(expression, limit, offset)) as Array<{ id: number }>
    ).map((r) => r.id);
    return { total, ids };
  }

  /** Every segment id matching an FTS5 expression (capped), in id order. */
  searchIds(expression: string, cap: number): number[] {
    return (this.stmts.ftsIds.all(expression, cap) as Array<{ id: number }>).map((r) => r.id);
  }

  /** How many segments match an FTS5 expression. */
  countMatches(expression: string): number {
    return (this.stmts.ftsCount.get(expression) as { n: number }).n;
  }
}
