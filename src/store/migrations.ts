// Versioned schema migrations. Each migration runs once, in its own transaction, and records its
// version in `schema_version`. Opening an older database file upgrades it; opening a newer one
// is refused. Add a migration by appending to MIGRATIONS; never edit a released one.
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  /**
   * Rebuilds a table (SQLite cannot alter a CHECK constraint): foreign keys are switched off around
   * the migration's transaction, as SQLite's documented procedure requires (dropping the old table
   * would otherwise delete the rows that reference it), and checked before it commits.
   */
  rebuildsTables?: boolean;
  up(db: Database.Database): void;
}

/**
 * Replaces a table by a copy whose CREATE statement is `rewrite(old statement)`, keeping its rows,
 * and its indexes and triggers (read back from the schema, so ones added by later code survive).
 */
export function rebuildTable(db: Database.Database, table: string, rewrite: (createSql: string) => string): void {
  const create = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string } | undefined;
  if (!create) throw new Error(`no table ${table} to rebuild`);
  const next = rewrite(create.sql);
  if (next === create.sql) throw new Error(`rebuilding ${table}: the new definition is the old one`);
  const dependents = (
    db.prepare("SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL").all(table) as Array<{ sql: string }>
  ).map((r) => r.sql);
  const temp = `${table}_rebuild`;
  const prefix = new RegExp(`^CREATE TABLE\\s+"?${table}"?`, 'i');
  if (!prefix.test(next)) throw new Error(`rebuilding ${table}: the new definition must start with CREATE TABLE ${table}`);
  db.exec(next.replace(prefix, `CREATE TABLE "${temp}"`));
  db.exec(`INSERT INTO "${temp}" SELECT * FROM "${table}"`);
  db.exec(`DROP TABLE "${table}"`);
  db.exec(`ALTER TABLE "${temp}" RENAME TO "${table}"`);
  for (const sql of dependents) db.exec(sql);
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'concept-oriented core: concept, term, document, occurrence',
    up(db) {
      db.exec(`
        CREATE TABLE meta (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        );
        INSERT INTO meta (key, value) VALUES ('term_revision', '0');

        CREATE TABLE concept (
          id            INTEGER PRIMARY KEY,
          ext_id        TEXT UNIQUE,
          category      TEXT NOT NULL,
          subject       TEXT,
          definition    TEXT,
          note          TEXT,
          review_status TEXT NOT NULL DEFAULT 'candidate' CHECK (review_status IN ('candidate', 'approved')),
          origin        TEXT NOT NULL CHECK (origin IN ('reference', 'extraction', 'import', 'user')),
          created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
          updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE INDEX concept_category ON concept (category);
        CREATE INDEX concept_updated ON concept (updated_at);

        CREATE TABLE term (
          id         INTEGER PRIMARY KEY,
          concept_id INTEGER NOT NULL REFERENCES concept (id) ON DELETE CASCADE,
          text       TEXT NOT NULL CHECK (length(text) > 0),
          lang       TEXT NOT NULL CHECK (lang IN ('zh-Hans', 'zh-Hant', 'en')),
          type       TEXT NOT NULL CHECK (type IN ('fullForm', 'shortForm', 'acronym', 'abbreviation', 'variant')),
          status     TEXT NOT NULL CHECK (status IN ('preferred', 'admitted', 'deprecated')),
          key        TEXT NOT NULL,
          origin     TEXT NOT NULL CHECK (origin IN ('reference', 'extraction', 'import', 'user')),
          source     TEXT,
          note       TEXT,
          verified   INTEGER NOT NULL DEFAULT 1,
          created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
          updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
          UNIQUE (concept_id, lang, text)
        );
        CREATE INDEX term_key ON term (key);
        CREATE INDEX term_concept ON term (concept_id);

        CREATE TABLE document (
          id          INTEGER PRIMARY KEY,
          name        TEXT NOT NULL,
          sha256      TEXT NOT NULL UNIQUE,
          chars       INTEGER NOT NULL,
          ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );

        CREATE TABLE occurrence (
          id          INTEGER PRIMARY KEY,
          term_id     INTEGER NOT NULL REFERENCES term (id) ON DELETE CASCADE,
          document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
          start       INTEGER NOT NULL,
          "end"       INTEGER NOT NULL,
          context     TEXT NOT NULL,
          UNIQUE (term_id, document_id, start)
        );
        CREATE INDEX occurrence_document ON occurrence (document_id);

        -- Every change to the term table bumps a revision, so in-memory indexes (lookup, checker)
        -- in any process can tell when to rebuild.
        CREATE TRIGGER term_rev_insert AFTER INSERT ON term BEGIN
          UPDATE meta SET value = value + 1 WHERE key = 'term_revision';
        END;
        CREATE TRIGGER term_rev_update AFTER UPDATE ON term BEGIN
          UPDATE meta SET value = value + 1 WHERE key = 'term_revision';
        END;
        CREATE TRIGGER term_rev_delete AFTER DELETE ON term BEGIN
          UPDATE meta SET value = value + 1 WHERE key = 'term_revision';
        END;
      `);
    },
  },
  {
    version: 2,
    name: 'document text kept for re-extraction; trigram index over term keys',
    up(db) {
      db.exec(`
        ALTER TABLE document ADD COLUMN text TEXT;
        CREATE VIRTUAL TABLE term_fts USING fts5 (key, content='term', content_rowid='id', tokenize='trigram');
        INSERT INTO term_fts (rowid, key) SELECT id, key FROM term;
        CREATE TRIGGER term_fts_insert AFTER INSERT ON term BEGIN
          INSERT INTO term_fts (rowid, key) VALUES (new.id, new.key);
        END;
        CREATE TRIGGER term_fts_delete AFTER DELETE ON term BEGIN
          INSERT INTO term_fts (term_fts, rowid, key) VALUES ('delete', old.id, old.key);
        END;
        CREATE TRIGGER term_fts_update AFTER UPDATE OF key ON term BEGIN
          INSERT INTO term_fts (term_fts, rowid, key) VALUES ('delete', old.id, old.key);
          INSERT INTO term_fts (rowid, key) VALUES (new.id, new.key);
        END;
      `);
    },
  },
  {
    version: 3,
    name: 'translation memory: aligned zh/en segments with normalised keys and a word/character index',
    up(db) {
      // Owned by src/tm/segments.ts. tm_fts is contentless: src/tm writes each segment's index
      // text (English words, Chinese characters one token each) so phrase queries match any
      // Chinese term length and whole English words.
      db.exec(`
        CREATE TABLE tm_segment (
          id         INTEGER PRIMARY KEY,
          en         TEXT NOT NULL CHECK (length(en) > 0),
          zh         TEXT NOT NULL CHECK (length(zh) > 0),
          zh_lang    TEXT NOT NULL DEFAULT 'zh-Hans' CHECK (zh_lang IN ('zh-Hans', 'zh-Hant')),
          en_key     TEXT NOT NULL,
          zh_key     TEXT NOT NULL,
          pair_hash  INTEGER NOT NULL UNIQUE,
          doc        TEXT,
          position   INTEGER,
          date       TEXT,
          origin     TEXT NOT NULL CHECK (origin IN ('tmx', 'tsv', 'alignment', 'user')),
          source     TEXT,
          created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE INDEX tm_segment_doc ON tm_segment (doc, position);
        CREATE VIRTUAL TABLE tm_fts USING fts5 (en, zh, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
        INSERT INTO meta (key, value) VALUES ('tm_revision', '0');
      `);
    },
  },
  {
    version: 4,
    name: 'glossary exchange: term contexts with their source, concept cross-references',
    up(db) {
      // Owned by src/store/exchange-repository.ts. Contexts and cross-references arrive with TBX
      // imports (descrip type="context" + admin type="source", ref type="crossReference") and
      // travel out again on export, so a round trip through TBX loses nothing. A cross-reference
      // names its target by ext_id: the target may arrive later, or live in another database.
      db.exec(`
        CREATE TABLE term_context (
          id       INTEGER PRIMARY KEY,
          term_id  INTEGER NOT NULL REFERENCES term (id) ON DELETE CASCADE,
          text     TEXT NOT NULL CHECK (length(text) > 0),
          source   TEXT,
          position INTEGER NOT NULL,
          UNIQUE (term_id, text)
        );
        CREATE INDEX term_context_term ON term_context (term_id, position);

        CREATE TABLE concept_xref (
          id         INTEGER PRIMARY KEY,
          concept_id INTEGER NOT NULL REFERENCES concept (id) ON DELETE CASCADE,
          target     TEXT NOT NULL CHECK (length(target) > 0),
          text       TEXT,
          position   INTEGER NOT NULL,
          UNIQUE (concept_id, target)
        );
        CREATE INDEX concept_xref_concept ON concept_xref (concept_id, position);
      `);
    },
  },
  {
    version: 5,
    name: 'concept changes that indexes depend on (review status, category) bump the term revision',
    up(db) {
      // The lookup index ranks approved concepts first and filters by category; the checker only
      // trusts approved concepts. Both rebuild when term_revision moves.
      db.exec(`
        CREATE TRIGGER concept_rev_update AFTER UPDATE OF review_status, category ON concept
        WHEN old.review_status IS NOT new.review_status OR old.category IS NOT new.category BEGIN
          UPDATE meta SET value = value + 1 WHERE key = 'term_revision';
        END;
      `);
    },
  },
  {
    version: 6,
    name: 'drop the trigram index over term keys (lookup uses its own in-memory index)',
    up(db) {
      // Nothing reads term_fts; maintaining it made glossary imports 3.7 times slower.
      db.exec(`
        DROP TRIGGER IF EXISTS term_fts_insert;
        DROP TRIGGER IF EXISTS term_fts_delete;
        DROP TRIGGER IF EXISTS term_fts_update;
        DROP TABLE IF EXISTS term_fts;
      `);
    },
  },
  {
    version: 7,
    name: 'review status "rejected": candidates a reviewer turned down stay, so the next ingest does not propose them again',
    rebuildsTables: true,
    up(db) {
      rebuildTable(db, 'concept', (sql) =>
        sql.replace(
          "CHECK (review_status IN ('candidate', 'approved'))",
          "CHECK (review_status IN ('candidate', 'approved', 'rejected'))",
        ),
      );
      db.exec('CREATE INDEX IF NOT EXISTS concept_review ON concept (review_status)');
    },
  },
  {
    version: 8,
    name: 'term change log: the concept each term-revision step touched, so indexes apply just the delta',
    up(db) {
      // Every step of term_revision now also records which concept it touched, in the same
      // transaction, so a reader at revision R reads the concepts changed after R instead of
      // rebuilding everything. Changes before this migration are not logged: term_change_floor
      // says so (a reader older than the floor rebuilds). database_id tells a persisted index
      // built for this database from one built for another file (a restored backup gets its own).
      db.exec(`
        CREATE TABLE term_change (
          revision   INTEGER PRIMARY KEY,
          concept_id INTEGER NOT NULL
        );
        INSERT INTO meta (key, value) SELECT 'term_change_floor', value FROM meta WHERE key = 'term_revision';
        INSERT INTO meta (key, value) VALUES ('database_id', lower(hex(randomblob(16))));

        DROP TRIGGER term_rev_insert;
        DROP TRIGGER term_rev_update;
        DROP TRIGGER term_rev_delete;
        DROP TRIGGER concept_rev_update;

        CREATE TRIGGER term_rev_insert AFTER INSERT ON term BEGIN
          UPDATE meta SET value = value + 1 WHERE key = 'term_revision';
          INSERT INTO term_change (revision, concept_id) SELECT CAST(value AS INTEGER), new.concept_id FROM meta WHERE key = 'term_revision';
        END;
        CREATE TRIGGER term_rev_update AFTER UPDATE ON term BEGIN
          UPDATE meta SET value = value + 1 WHERE key = 'term_revision';
          INSERT INTO term_change (revision, concept_id) SELECT CAST(value AS INTEGER), new.concept_id FROM meta WHERE key = 'term_revision';
          -- A term moved to another concept (a merge) changes both.
          UPDATE meta SET value = value + 1 WHERE key = 'term_revision' AND old.concept_id IS NOT new.concept_id;
          INSERT INTO term_change (revision, concept_id)
            SELECT CAST(value AS INTEGER), old.concept_id FROM meta WHERE key = 'term_revision' AND old.concept_id IS NOT new.concept_id;
        END;
        CREATE TRIGGER term_rev_delete AFTER DELETE ON term BEGIN
          UPDATE meta SET value = value + 1 WHERE key = 'term_revision';
          INSERT INTO term_change (revision, concept_id) SELECT CAST(value AS INTEGER), old.concept_id FROM meta WHERE key = 'term_revision';
        END;
        CREATE TRIGGER concept_rev_update AFTER UPDATE OF review_status, category ON concept
        WHEN old.review_status IS NOT new.review_status OR old.category IS NOT new.category BEGIN
          UPDATE meta SET value = value + 1 WHERE key = 'term_revision';
          INSERT INTO term_change (revision, concept_id) SELECT CAST(value AS INTEGER), new.id FROM meta WHERE key = 'term_revision';
        END;
      `);
    },
  },
];

export const LATEST_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

export function currentVersion(db: Database.Database): number {
  const exists = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
    .get();
  if (!exists) return 0;
  const row = db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

/** Applies every migration not yet recorded in schema_version, in version order. */
export function migrate(db: Database.Database, target = LATEST_VERSION): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  )`);
  const from = currentVersion(db);
  if (from > LATEST_VERSION) {
    throw new Error(
      `database schema version ${from} is newer than this TermDesk supports (${LATEST_VERSION}); upgrade TermDesk`,
    );
  }
  const done = new Set((db.prepare('SELECT version FROM schema_version').all() as Array<{ version: number }>).map((r) => r.version));
  const applied: number[] = [];
  const record = db.prepare('INSERT INTO schema_version (version, name) VALUES (?, ?)');
  for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version) || m.version > target) continue;
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
    // PRAGMA foreign_keys is a no-op inside a transaction: switch it off before.
    if (m.rebuildsTables && foreignKeys) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        m.up(db);
        if (m.rebuildsTables) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new Error(`migration ${m.version} would leave ${broken.length} rows pointing nowhere`);
        }
        record.run(m.version, m.name);
      }).immediate();
    } finally {
      if (m.rebuildsTables && foreignKeys) db.pragma('foreign_keys = ON');
    }
    applied.push(m.version);
  }
  return applied;
}
