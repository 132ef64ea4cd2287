import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { openDatabase } from '../src/store/db.js';
import { LATEST_VERSION, MIGRATIONS, currentVersion, migrate } from '../src/store/migrations.js';
import { Store } from '../src/store/repository.js';
import { ingestTexts } from '../src/extract/ingest.js';
import { memoryStore, tempDir, tempStore } from './helpers.js';

function unctad(store: Store): number {
  const id = store.createConcept({ category: 'organization', origin: 'reference', extId: 'unctad' });
  store.addTerm(id, { text: '联合国贸易和发展会议', lang: 'zh-Hans', type: 'fullForm', status: 'preferred', origin: 'reference' });
  store.addTerm(id, { text: '贸发会议', lang: 'zh-Hans', type: 'shortForm', status: 'preferred', origin: 'reference' });
  store.addTerm(id, { text: 'United Nations Conference on Trade and Development', lang: 'en', type: 'fullForm', status: 'preferred', origin: 'reference' });
  store.addTerm(id, { text: 'UNCTAD', lang: 'en', type: 'acronym', status: 'preferred', origin: 'reference' });
  return id;
}

describe('migrations', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  it('opens a version-1 file with current code, upgrades it and keeps its data', () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.sqlite');
    // Build a v1 database as the first release wrote it.
    const v1 = new Database(file);
    migrate(v1, 1);
    expect(currentVersion(v1)).toBe(1);
    v1.prepare("INSERT INTO concept (id, category, origin, review_status) VALUES (1, 'organization', 'reference', 'approved')").run();
    v1.prepare(
      "INSERT INTO term (concept_id, text, lang, type, status, key, origin) VALUES (1, '贸发会议', 'zh-Hans', 'shortForm', 'preferred', '贸发会议', 'reference')",
    ).run();
    v1.prepare("INSERT INTO document (name, sha256, chars) VALUES ('a.txt', 'abc', 3)").run();
    v1.close();

    // Version 2 built a trigram index from the rows already there.
    const v2 = new Database(file);
    migrate(v2, 2);
    expect(v2.prepare("SELECT rowid FROM term_fts WHERE key MATCH '贸发会'").all()).toHaveLength(1);
    v2.close();

    const db = openDatabase(file);
    cleanups.push(() => db.close());
    expect(currentVersion(db)).toBe(LATEST_VERSION);
    const versions = (db.prepare('SELECT version FROM schema_version ORDER BY version').all() as Array<{ version: number }>).map((r) => r.version);
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version).sort((a, b) => a - b));
    const store = new Store(db);
    expect(store.findTermsByText('貿發會議').map((t) => t.text)).toEqual(['贸发会议']);
    // v2 added document.text; v6 dropped the unused trigram index again.
    expect(db.prepare('SELECT text FROM document').get()).toEqual({ text: null });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'term_fts%'").all()).toEqual([]);
  });

  it('applies nothing twice and refuses a database from a newer TermDesk', () => {
    const { store, file, cleanup } = tempStore();
    cleanups.push(cleanup);
    expect(migrate(store.db)).toEqual([]);
    store.db.prepare("INSERT INTO schema_version (version, name) VALUES (999, 'future')").run();
    store.db.close();
    expect(() => openDatabase(file)).toThrow(/newer than this TermDesk supports/);
  });

  it('uses WAL mode and foreign keys', () => {
    const { store, cleanup } = tempStore();
    cleanups.push(cleanup);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});

describe('repository', () => {
  it('finds a concept by any form through the normalised key', () => {
    const store = memoryStore();
    const id = unctad(store);
    for (const q of ['贸发会议', '貿發會議', 'unctad', 'ＵＮＣＴＡＤ', 'united nations conference on trade and development']) {
      expect(store.findTermsByText(q).map((t) => t.conceptId)).toEqual([id]);
    }
  });

  it('addTerm returns the existing term for the same text and language', () => {
    const store = memoryStore();
    const id = unctad(store);
    const again = store.addTerm(id, { text: '贸发会议', lang: 'zh-Hans', type: 'shortForm', status: 'preferred', origin: 'user' });
    expect(again.created).toBe(false);
    expect(store.getConcept(id)!.terms).toHaveLength(4);
  });

  it('rejects bad term text and values', () => {
    const store = memoryStore();
    const id = unctad(store);
    expect(() => store.addTerm(id, { text: '  ', lang: 'en', type: 'variant', status: 'admitted', origin: 'user' })).toThrow(/empty/);
    expect(() => store.addTerm(id, { text: 'a\u0007b', lang: 'en', type: 'variant', status: 'admitted', origin: 'user' })).toThrow(/control/);
    expect(() => store.addTerm(id, { text: 'x'.repeat(10_000), lang: 'en', type: 'variant', status: 'admitted', origin: 'user' })).toThrow(/longer/);
    expect(() => store.addTerm(id, { text: 'x', lang: 'fr' as never, type: 'variant', status: 'admitted', origin: 'user' })).toThrow(/language/);
    expect(store.getConcept(id)!.terms).toHaveLength(4);
  });

  it('adds an alias with guessed language and type', () => {
    const store = memoryStore();
    const id = unctad(store);
    const rev = store.termRevision();
    const { term } = store.addAlias(id, '聯合國貿發會議');
    expect(term).toMatchObject({ lang: 'zh-Hant', type: 'variant', status: 'admitted', origin: 'user' });
    expect(store.addAlias(id, 'CNUCED').term).toMatchObject({ lang: 'en', type: 'acronym' });
    expect(store.termRevision()).toBeGreaterThan(rev);
    expect(store.findTermsByText('联合国贸发会议').map((t) => t.conceptId)).toEqual([id]);
  });

  it('refuses an alias that is another concept\'s preferred name', () => {
    const store = memoryStore();
    const a = unctad(store);
    const b = store.createConcept({ category: 'organization', origin: 'user' });
    store.addTerm(b, { text: '国际电信联盟', lang: 'zh-Hans', type: 'fullForm', status: 'preferred', origin: 'user' });
    expect(() => store.addAlias(a, '国际电信联盟')).toThrow(/already the preferred zh-Hans term of concept/);
    expect(store.getConcept(a)!.terms).toHaveLength(4);
  });

  it('merges two concepts: terms move, duplicates fold with their occurrences, notes join', () => {
    const store = memoryStore();
    const target = unctad(store);
    store.updateConcept(target, { note: 'reference entry' });
    const source = store.createConcept({ category: 'organization', origin: 'extraction', note: 'found in seed 001' });
    const dup = store.addTerm(source, { text: '贸发会议', lang: 'zh-Hans', type: 'shortForm', status: 'preferred', origin: 'extraction' }).term;
    store.addTerm(source, { text: '联合国贸发会议', lang: 'zh-Hans', type: 'variant', status: 'admitted', origin: 'extraction' });
    store.addTerm(source, { text: '贸易和发展会议', lang: 'zh-Hans', type: 'fullForm', status: 'preferred', origin: 'extraction' });
    const { document } = store.addDocument('seed.txt', '……贸发会议……');
    store.addOccurrence(dup.id, document.id, 2, 6, '……贸发会议……');

    const result = store.mergeConcepts(target, source);
    expect(result).toMatchObject({ target, removed: source, termsMoved: 2, termsMerged: 1 });
    expect(store.getConcept(source)).toBeUndefined();
    const merged = store.getConcept(target)!;
    expect(merged.terms.map((t) => t.text)).toContain('联合国贸发会议');
    // The target keeps its own preferred full form; the merged one becomes admitted.
    expect(merged.terms.find((t) => t.text === '贸易和发展会议')!.status).toBe('admitted');
    expect(merged.terms.find((t) => t.text === '联合国贸易和发展会议')!.status).toBe('preferred');
    expect(merged.note).toBe('reference entry\nfound in seed 001');
    expect(merged.reviewStatus).toBe('approved');
    expect(store.occurrencesOfConcept(target).map((o) => o.termText)).toEqual(['贸发会议']);
  });

  it('refuses to merge a concept into itself or a missing one, changing nothing', () => {
    const store = memoryStore();
    const a = unctad(store);
    expect(() => store.mergeConcepts(a, a)).toThrow(/itself/);
    expect(() => store.mergeConcepts(a, 999)).toThrow(/no concept with id 999/);
    expect(store.getConcept(a)!.terms).toHaveLength(4);
  });

  it('stats count by category and language', () => {
    const store = memoryStore();
    unctad(store);
    expect(store.stats()).toMatchObject({ concepts: 1, terms: 4, documents: 0, byCategory: { organization: 1 }, byLanguage: { 'zh-Hans': 2, en: 2 } });
  });
});

describe('ingest', () => {
  it('re-ingesting the same document (same sha256) changes nothing', () => {
    const store = memoryStore();
    unctad(store);
    const text = '报告由联合国贸易和发展会议(贸发会议)秘书处编写。贸发会议秘书长致函各实体。';
    const first = ingestTexts(store, [{ name: 'a.txt', text }]);
    expect(first.documents).toEqual([{ name: 'a.txt', chars: text.length, created: true }]);
    const snapshot = JSON.stringify([store.stats(), store.termRevision()]);
    const second = ingestTexts(store, [{ name: 'renamed.txt', text }]);
    expect(second.documents[0].created).toBe(false);
    expect(second.occurrences).toBe(0);
    expect(JSON.stringify([store.stats(), store.termRevision()])).toBe(snapshot);
  });
});

describe('search keys after a change of normalisation', () => {
  it('a database whose keys were made by another normalisation gets them recomputed when opened', async () => {
    const { openStore } = await import('../src/setup.js');
    const { addSegments } = await import('../src/tm/segments.js');
    const { file, store, cleanup } = tempStore();
    try {
      const id = unctad(store);
      addSegments(store, [{ en: 'UNCTAD met.', zh: '貿發會議舉行了會議。' }], 'user', null);
      // Simulate keys written by an older release: stale keys and an older key version.
      store.db.prepare("UPDATE term SET key = 'stale-' || id").run();
      store.db.prepare("UPDATE tm_segment SET zh_key = 'stale'").run();
      store.setMeta('key_version', '1');
      store.db.close();
      const reopened = await openStore(file);
      expect(reopened.findTermsByText('貿發會議').map((t) => t.conceptId)).toEqual([id]);
      expect(reopened.getMeta('key_version')).not.toBe('1');
      const { concordance } = await import('../src/tm/concordance.js');
      expect(concordance(reopened, '贸发会议').total).toBe(1);
      reopened.db.close();
    } finally {
      cleanup();
    }
  });
});

describe('term revision', () => {
  it('moves when a concept is approved or recategorised, so cached indexes rebuild', () => {
    const store = memoryStore();
    const id = store.createConcept({ category: 'organization', origin: 'extraction' });
    store.addTerm(id, { text: '数字合作论坛', lang: 'zh-Hans', type: 'fullForm', status: 'preferred', origin: 'extraction' });
    const r0 = store.termRevision();
    store.updateConcept(id, { note: 'a note does not matter to the indexes' });
    expect(store.termRevision()).toBe(r0);
    store.updateConcept(id, { reviewStatus: 'approved' });
    const r1 = store.termRevision();
    expect(r1).toBeGreaterThan(r0);
    store.updateConcept(id, { category: 'meeting' });
    expect(store.termRevision()).toBeGreaterThan(r1);
  });
});
