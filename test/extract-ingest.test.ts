// Storing what extraction finds: linking to the reference glossary, near-misses as deprecated
// variants, one concept per full name across documents, occurrences with context, idempotence and
// all-or-nothing writes.
import { beforeEach, describe, expect, it } from 'vitest';
import { ingestTexts } from '../src/extract/ingest.js';
import { loadGlossary, readGlossaryDir } from '../src/reference/glossary.js';
import type { Store } from '../src/store/repository.js';
import { memoryStore } from './helpers.js';
import { FIXTURE_GLOSSARY, seed } from './fixtures/extract/helpers.js';

function withGlossary(): Store {
  const store = memoryStore();
  loadGlossary(store, readGlossaryDir(FIXTURE_GLOSSARY));
  return store;
}

function conceptOf(store: Store, text: string) {
  const terms = store.findTermsByText(text);
  expect(terms.length, text).toBeGreaterThan(0);
  return store.requireConcept(terms[0].conceptId);
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe('ingest: storing extracted candidates', () => {
  let store: Store;
  beforeEach(() => {
    store = withGlossary();
  });

  it('links to the reference glossary and keeps a near-miss as a deprecated variant of the official concept', () => {
    const s = seed('003');
    const summary = ingestTexts(store, [s]);
    expect(summary.documents).toEqual([{ name: s.name, chars: s.text.length, created: true }]);
    const imf = store.getConceptByExtId('imf')!;
    const variant = imf.terms.find((t) => t.text === '国际货币组织');
    expect(variant).toMatchObject({ type: 'variant', status: 'deprecated', origin: 'extraction' });
    expect(variant!.note).toMatch(/国际货币基金组织/);
    expect(store.findTermsByText('国际货币组织').map((t) => t.conceptId)).toEqual([imf.id]);
    expect(summary.nearMisses).toBeGreaterThanOrEqual(1);
    // Both occurrences of the near-miss are kept, on the official concept.
    const occ = store.occurrencesOfConcept(imf.id).filter((o) => o.termText === '国际货币组织');
    expect(occ).toHaveLength(count(s.text, '国际货币组织'));
  });

  it('creates candidate concepts for new names, full and short forms preferred', () => {
    ingestTexts(store, [seed('003')]);
    const iso = conceptOf(store, '国际标准化组织');
    expect(iso).toMatchObject({ origin: 'extraction', reviewStatus: 'candidate', category: 'organization' });
    expect(iso.terms.map((t) => [t.text, t.lang, t.type, t.status])).toEqual([
      ['国际标准化组织', 'zh-Hans', 'fullForm', 'preferred'],
      ['ISO', 'en', 'acronym', 'preferred'],
    ]);
    expect(iso.terms.every((t) => t.origin === 'extraction' && !t.verified)).toBe(true);
  });

  it('stores every occurrence of a term with about 30 characters of context on one line', () => {
    const s = seed('003');
    ingestTexts(store, [s]);
    const wto = store.getConceptByExtId('wto')!;
    const occ = store.occurrencesOfConcept(wto.id).filter((o) => o.termText === '世界贸易组织');
    expect(occ).toHaveLength(count(s.text, '世界贸易组织'));
    for (const o of occ) {
      expect(s.text.slice(o.start, o.end)).toBe('世界贸易组织');
      expect(o.context).toContain('世界贸易组织');
      expect(o.context).not.toMatch(/\n/);
      expect(o.context.length).toBeGreaterThan(50);
      expect(o.context.length).toBeLessThan(80);
    }
  });

  it('the same full name in two documents is one concept, and its short form joins it', () => {
    const a = seed('001');
    const b = seed('002');
    ingestTexts(store, [a]);
    ingestTexts(store, [b]);
    const unicef = store.findTermsByText('联合国儿童基金会');
    expect(unicef).toHaveLength(1);
    const concept = store.requireConcept(unicef[0].conceptId);
    expect(concept.terms.map((t) => t.text)).toEqual(expect.arrayContaining(['联合国儿童基金会', '儿基会']));
    const docs = new Set(store.occurrencesOfConcept(concept.id, 1000).map((o) => o.documentName));
    expect(docs).toEqual(new Set([a.name, b.name]));
  });

  it('re-ingesting the same content changes nothing', () => {
    ingestTexts(store, [seed('000'), seed('003')]);
    const snapshot = JSON.stringify([store.stats(), store.termRevision()]);
    const again = ingestTexts(store, [{ name: 'renamed.txt', text: seed('003').text }, seed('000')]);
    expect(again.documents.map((d) => d.created)).toEqual([false, false]);
    expect(again.occurrences).toBe(0);
    expect(JSON.stringify([store.stats(), store.termRevision()])).toBe(snapshot);
  });

  it('one failure stores nothing: documents, concepts and occurrences roll back together', () => {
    const before = JSON.stringify(store.stats());
    let calls = 0;
    const original = store.addOccurrence.bind(store);
    store.addOccurrence = (...args: Parameters<Store['addOccurrence']>) => {
      if (++calls === 40) throw new Error('disk full');
      original(...args);
    };
    expect(() => ingestTexts(store, [seed('003'), seed('004')])).toThrow('disk full');
    store.addOccurrence = original;
    expect(JSON.stringify(store.stats())).toBe(before);
  });
});
