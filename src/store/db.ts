// Opening the SQLite database: WAL mode, a busy timeout so concurrent writers wait instead of
// failing with SQLITE_BUSY, foreign keys on, and pending migrations applied.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrate } from './migrations.js';

export interface OpenOptions {
  /** Open without creating or migrating (for read-only tools). */
  readonly?: boolean;
  /** Milliseconds a statement waits for a lock held by another connection. */
  busyTimeoutMs?: number;
}

export function openDatabase(file: string, options: OpenOptions = {}): Database.Database {
  if (file !== ':memory:' && !options.readonly) {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 10_000))}`);
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode (only an OS crash can lose the
    // last transactions), and much faster than FULL for imports.
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  if (!options.readonly) migrate(db);
  return db;
}
