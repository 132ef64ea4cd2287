// Copying the database with SQLite's online backup: safe while other connections write (it copies
// in steps of 1,000 pages and restarts if they change pages already copied). The copy is opened on
// its own and checked with PRAGMA integrity_check before it is accepted. The copy gets its own
// database_id: once restored, it never takes an index file persisted for the original (whose
// revisions it would reuse for other changes) as its own.
import Database from 'better-sqlite3';
import type { Store } from './repository.js';

export interface BackupResult {
  /** Concepts in the copy. */
  concepts: number;
}

/** Writes a checked copy of the store's database to `file`; throws when the copy fails its check. */
export async function backupDatabase(store: Store, file: string): Promise<BackupResult> {
  await store.db.backup(file, { progress: () => 1000 });
  const writable = new Database(file);
  try {
    writable.prepare("UPDATE meta SET value = lower(hex(randomblob(16))) WHERE key = 'database_id'").run();
  } finally {
    writable.close();
  }
  const copy = new Database(file, { readonly: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`backup failed its integrity check: ${String(check)}`);
    return { concepts: (copy.prepare('SELECT count(*) AS n FROM concept').get() as { n: number }).n };
  } finally {
    copy.close();
  }
}
