// Creating and opening a TermDesk database: schema, reference glossary, seed corpus.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from './store/db.js';
import { CHANGE_LOG_KEEP } from './store/live-index.js';
import { Store } from './store/repository.js';
import { type LoadSummary, glossaryDirHash, loadGlossary, readGlossaryDir } from './reference/glossary.js';
import type { IngestSummary } from './extract/ingest.js';
import { readTextFile } from './io/text.js';
import { GLOSSARY_DIR, SEEDS_DIR } from './paths.js';
import { KEY_VERSION } from './domain/normalize.js';
import { rekeySegments } from './tm/segments.js';

export interface InitOptions {
  glossaryDir?: string;
  seedsDir?: string;
  /** Load the reference glossary (default true). */
  glossary?: boolean;
  /** Ingest the seed reports (default true). */
  seeds?: boolean;
  onProgress?: (done: number, total: number, name: string) => void;
}

export interface InitSummary {
  glossary: LoadSummary | null;
  seeds: IngestSummary | null;
}

/** Loads the reference glossary and ingests the seed reports. Idempotent. */
export async function initDatabase(store: Store, options: InitOptions = {}): Promise<InitSummary> {
  const summary: InitSummary = { glossary: null, seeds: null };
  rekeyIfNeeded(store);
  if (options.glossary !== false) {
    const dir = path.resolve(options.glossaryDir ?? GLOSSARY_DIR);
    summary.glossary = loadGlossary(store, readGlossaryDir(dir));
    store.setMeta('glossary_dir', dir);
  }
  if (options.seeds !== false) {
    const dir = options.seedsDir ?? SEEDS_DIR;
    const files = fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((f) => /\.(txt|md|docx)$/i.test(f))
          .sort()
      : [];
    const inputs = [];
    for (const f of files) inputs.push({ name: f, text: (await readTextFile(path.join(dir, f))).text });
    // Extraction (and its word segmenter) is loaded by the commands that ingest, not by every one.
    const { ingestTexts } = await import('./extract/ingest.js');
    summary.seeds = ingestTexts(store, inputs, { onProgress: options.onProgress });
    store.setMeta('seeds_loaded', new Date().toISOString());
  }
  return summary;
}

export interface OpenStoreOptions {
  /** Create and fill (glossary + seeds) the database when the file does not exist yet. */
  autoInit?: boolean;
  onInit?: (message: string) => void;
}

/**
 * Opens a database file. A missing file is created and initialised (reference glossary and seeds)
 * when autoInit is set; a database that was initialised from an older copy of glossary/ is brought
 * up to date with it, so a new release's corrections reach existing installations.
 */
export async function openStore(file: string, options: OpenStoreOptions = {}): Promise<Store> {
  const existed = file === ':memory:' ? false : fs.existsSync(file);
  const store = new Store(openDatabase(file));
  try {
    rekeyIfNeeded(store, options.onInit);
    if (!existed && options.autoInit) {
      options.onInit?.(`termdesk: creating ${file} from glossary/ and seeds/ …`);
      await initDatabase(store);
    } else if (store.getMeta('glossary_dir') === path.resolve(GLOSSARY_DIR)) {
      // Hashing the files is enough to tell; parsing them only when they changed.
      if (glossaryDirHash(GLOSSARY_DIR) !== store.getMeta('glossary_hash')) {
        options.onInit?.('termdesk: glossary/ changed since this database was built; updating reference terms …');
        loadGlossary(store, readGlossaryDir(GLOSSARY_DIR));
      }
    }
  } catch (err) {
    store.db.close();
    if (!existed && file !== ':memory:') removeDatabaseFiles(file);
    throw err;
  }
  // The term change log (what in-memory indexes apply) is trimmed once it is long; see live-index.ts.
  store.pruneTermChanges(CHANGE_LOG_KEEP, CHANGE_LOG_KEEP);
  return store;
}

/** Removes a database file and its WAL companions (used when creation fails halfway). */
export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

/**
 * Keys stored by a TermDesk whose normalisation differed (KEY_VERSION) are recomputed, so lookups
 * and the checker keep finding terms after an upgrade. A new database just records the version.
 */
export function rekeyIfNeeded(store: Store, notify?: (message: string) => void): void {
  const stored = store.getMeta('key_version');
  if (stored === KEY_VERSION) return;
  if (stored !== undefined || store.stats().terms > 0) {
    notify?.('termdesk: the search-key normalisation changed; recomputing stored keys …');
    store.transaction(() => {
      store.rekeyTerms();
      rekeySegments(store);
    });
  }
  store.setMeta('key_version', KEY_VERSION);
}
