// The review queue: order, what each item carries, decisions all-or-nothing, rejected candidates
// kept (and never proposed again by a later ingest, offered by lookup, matched by the checker or
// exported by default), merges, form edits, and the schema upgrade that allows `rejected`.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { migrate } from '../src/store/migrations.js';
import { openDatabase } from '../src/store/db.js';
import { Store } from '../src/store/repository.js';
import { ingestTexts } from '../src/extract/ingest.js';
import { lookup } from '../src/search/lookup.js';
import { checkDraftInStore } from '../src/check/checker.js';
import { exportToString, parseExportFilter } from '../src/exchange/export.js';
import { type DuplicateHit, reviewQueue, suggestMerge } from '../src/review/queue.js';
import { decide, editForm, mergeInto } from '../src/review/actions.js';
import { reviewSources } from '../src/review-sources.js';
import { memoryStore, tempDir } from './helpers.js';

function reference(store: Store, extId: string, zh: string, en: string, category: 'organization' | 'body' | 'concept' = 'body'): number {
  const id = store.createConcept({ category, origin: 'reference', extId });
  store.addTerm(id, { text: zh, lang: 'zh-Hans', type: 'fullForm', status: 'preferred', origin: 'reference' });
  store.addTerm(id, { text: en, lang: 'en', type: 'fullForm', status: 'preferred', origin: 'reference' });
  return id;
}

function candidate(store: Store, zh: string, occurrences: number, category: 'organization' | 'body' | 'concept' = 'concept'): number {
  const id = store.createConcept({ category, origin: 'extraction' });
  const { term } = store.addTerm(id, { text: zh, lang: 'zh-Hans', type: 'fullForm', status: 'preferred', origin: 'extraction', verified: false });
  const doc = store.addDocument(`doc-${zh}.txt`, `${zh}。`.repeat(occurrences)).document;
  for (let i = 0; i < occurrences; i++) store.addOccurrence(term.id, doc.id, i * (zh.length + 1), i * (zh.length + 1) + zh.length, `…${zh}…`);
  return id;
}

function queueStore() {
  const store = memoryStore();
  const igge = reference(store, 'igge-ecde', '电子商务和数字经济问题政府间专家组', 'Intergovernmental Group of Experts on E-commerce and the Digital Economy');
  const infra = reference(store, 'digital-infrastructure', '数字基础设施', 'digital infrastructure', 'concept');
  const shortRef = candidate(store, '政府间专家组', 15, 'body');
  const generic = candidate(store, '基础设施', 37);
  const rare = candidate(store, '全球快递协会', 2, 'organization');
  return { store, igge, infra, shortRef, generic, rare };
}

describe('review queue', () => {
  it('lists candidates most frequent first, with forms, contexts and likely duplicates', () => {
    const { store, igge, infra, shortRef, generic, rare } = queueStore();
    const page = reviewQueue(store, reviewSources(store), { limit: 10 });
    expect(page.items.map((i) => i.conceptId)).toEqual([generic, shortRef, rare]);
    expect(page.total).toBe(3);
    expect(page.counts).toEqual({ candidate: 3, approved: 2, rejected: 0 });
    const [g, s] = page.items;
    expect(g).toMatchObject({ frequency: 37, documents: 1, label: '基础设施' });
    expect(g.forms.map((f) => [f.text, f.type, f.status])).toEqual([['基础设施', 'fullForm', 'preferred']]);
    expect(g.contexts).toHaveLength(3);
    // 数字基础设施 contains the word but is another concept: a duplicate to look at, never a merge.
    expect(g.duplicates.map((d) => d.conceptId)).toContain(infra);
    expect(g.suggestedMerge).toBeNull();
    expect(g.english.glossary).toEqual([]);
    // A short reference to a body: the body is the suggested merge, and lends its English.
    expect(s.suggestedMerge?.conceptId).toBe(igge);
    expect(s.english.glossary).toEqual([{ conceptId: igge, text: 'Intergovernmental Group of Experts on E-commerce and the Digital Economy' }]);
    // Paging.
    expect(reviewQueue(store, reviewSources(store), { limit: 1, offset: 1 }).items.map((i) => i.conceptId)).toEqual([shortRef]);
    expect(() => reviewQueue(store, reviewSources(store), { limit: 0 })).toThrow('limit must be a whole number from 1 to 200');
  });

  it('suggests a merge for an exact match of another concept, not for a generic word inside a name', () => {
    const hit = (fields: Partial<DuplicateHit>): DuplicateHit => ({
      conceptId: 9,
      label: 'x',
      english: null,
      category: 'organization',
      reviewStatus: 'approved',
      query: 'q',
      matched: 'm',
      kind: 'exact',
      score: 1,
      ...fields,
    });
    const store = memoryStore();
    const c = store.requireConcept(candidate(store, '伙伴关系', 1, 'organization'));
    expect(suggestMerge(c, [hit({ kind: 'exact' })])?.conceptId).toBe(9);
    expect(suggestMerge(c, [hit({ kind: 'exact', reviewStatus: 'candidate' })])).toBeNull();
    // Four characters: too short to be read as a short reference to 联合国伙伴关系办公室.
    expect(suggestMerge(c, [hit({ kind: 'substring', matched: '区域全面经济伙伴关系' })])).toBeNull();
  });
});

describe('review decisions', () => {
  it('approves and rejects in bulk, all or nothing', () => {
    const { store, shortRef, generic, rare } = queueStore();
    expect(() => decide(store, 'reject', [generic, 999_999])).toThrow('no concept with id 999999');
    expect(store.getConceptRecord(generic)!.reviewStatus).toBe('candidate');
    expect(decide(store, 'reject', [generic, generic])).toEqual({ action: 'reject', reviewStatus: 'rejected', ids: [generic], changed: 1 });
    expect(decide(store, 'approve', [rare, shortRef]).changed).toBe(2);
    expect(decide(store, 'approve', [rare]).changed).toBe(0);
    const page = reviewQueue(store, reviewSources(store));
    expect(page.items).toEqual([]);
    expect(page.counts).toEqual({ candidate: 0, approved: 4, rejected: 1 });
    expect(reviewQueue(store, reviewSources(store), { reviewStatus: 'rejected' }).items.map((i) => i.conceptId)).toEqual([generic]);
    expect(decide(store, 'reopen', [generic]).changed).toBe(1);
    expect(store.getConceptRecord(generic)!.reviewStatus).toBe('candidate');
  });

  it('never rejects, reopens or merges away a concept of the reference glossary', () => {
    const { store, igge, shortRef } = queueStore();
    expect(() => decide(store, 'reject', [shortRef, igge])).toThrow(`concept ${igge} is from the reference glossary`);
    expect(store.getConceptRecord(shortRef)!.reviewStatus).toBe('candidate');
    expect(() => mergeInto(store, igge, shortRef)).toThrow(`merge the other way round (${shortRef} into ${igge})`);
    const merged = mergeInto(store, shortRef, igge);
    expect(merged).toMatchObject({ target: igge, removed: shortRef, termsMoved: 1 });
    expect(store.requireConcept(igge).terms.map((t) => t.text)).toContain('政府间专家组');
    expect(store.occurrencesOfConcept(igge)).toHaveLength(15);
  });

  it('edits a form’s type and status, naming bad values', () => {
    const { store, shortRef } = queueStore();
    const term = store.requireConcept(shortRef).terms[0];
    expect(editForm(store, term.id, { type: 'shortForm', status: 'admitted' })).toMatchObject({ type: 'shortForm', status: 'admitted' });
    expect(() => editForm(store, term.id, { type: 'short' })).toThrow('unknown term type "short"');
    expect(() => editForm(store, term.id, {})).toThrow('give a type or a status');
  });

  it('keeps a rejected candidate out of lookup, the checker and default exports, and a later ingest does not bring it back', () => {
    const store = memoryStore();
    const first = '国际标准化组织（ISO）发布了标准。国际标准化组织还将继续工作。';
    ingestTexts(store, [{ name: 'a.txt', text: first }]);
    const iso = store.findTermsByText('国际标准化组织')[0].conceptId;
    expect(store.getConceptRecord(iso)!.reviewStatus).toBe('candidate');
    expect(lookup(store, '国际标准化组织').results.map((r) => r.conceptId)).toContain(iso);
    decide(store, 'reject', [iso]);

    expect(lookup(store, '国际标准化组织').results.map((r) => r.conceptId)).not.toContain(iso);
    expect(checkDraftInStore(store, '国际标准化组织（ISO）的报告。').concepts.map((c) => c.conceptId)).not.toContain(iso);
    expect(exportToString(store, 'csv', parseExportFilter({}))).not.toContain('国际标准化组织');
    expect(exportToString(store, 'csv', parseExportFilter({ status: 'rejected' }))).toContain('国际标准化组织');

    const summary = ingestTexts(store, [{ name: 'b.txt', text: '国际标准化组织（ISO）又发布了标准。国际标准化组织的成员。' }]);
    expect(summary.conceptsCreated).toBe(0);
    expect(store.findTermsByText('国际标准化组织').map((t) => t.conceptId)).toEqual([iso]);
    expect(store.getConceptRecord(iso)!.reviewStatus).toBe('rejected');
    expect(reviewQueue(store, reviewSources(store)).items.map((i) => i.conceptId)).not.toContain(iso);
  });
});

describe('concept references', () => {
  it('accepts a concept number, #number or reference id, and says what was not found', () => {
    const store = memoryStore();
    const id = reference(store, 'unctad', '联合国贸易和发展会议', 'United Nations Conference on Trade and Development', 'organization');
    expect(store.resolveConceptRef(String(id))).toBe(id);
    expect(store.resolveConceptRef(`#${id}`)).toBe(id);
    expect(store.resolveConceptRef(' unctad ')).toBe(id);
    expect(() => store.resolveConceptRef('unicef')).toThrow('no concept with number or reference id "unicef"');
    expect(() => store.resolveConceptRef('424242')).toThrow('no concept with id 424242');
  });
});

describe('migration 7: review status rejected', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0));

  it('upgrades a version-6 database in place: rows, indexes, triggers and foreign keys kept', () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'v6.sqlite');
    const v6 = new Database(file);
    v6.pragma('foreign_keys = ON');
    migrate(v6, 6);
    v6.prepare("INSERT INTO concept (id, category, origin, review_status) VALUES (1, 'concept', 'extraction', 'candidate')").run();
    v6.prepare("INSERT INTO term (concept_id, text, lang, type, status, key, origin) VALUES (1, '基础设施', 'zh-Hans', 'fullForm', 'preferred', '基础设施', 'extraction')").run();
    expect(() => v6.prepare("UPDATE concept SET review_status = 'rejected' WHERE id = 1").run()).toThrow(/CHECK constraint/);
    v6.close();

    const db = openDatabase(file);
    const store = new Store(db);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const before = store.termRevision();
    store.updateConcept(1, { reviewStatus: 'rejected' });
    // The trigger that bumps the term revision on a review-status change survived the rebuild.
    expect(store.termRevision()).toBe(before + 1);
    expect(store.requireConcept(1).terms.map((t) => t.text)).toEqual(['基础设施']);
    // Foreign keys still hold: deleting the concept deletes its terms.
    store.deleteConcept(1);
    expect(db.prepare('SELECT count(*) AS n FROM term').get()).toEqual({ n: 0 });
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'concept' AND type = 'index' ORDER BY name").all();
    expect(indexes.map((r) => (r as { name: string }).name)).toEqual(['concept_category', 'concept_review', 'concept_updated', 'sqlite_autoindex_concept_1']);
    db.close();
  });
});
