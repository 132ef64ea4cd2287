// The lookup engine on the reference glossary (glossary/, with test/fixtures/search/glossary for
// any concept it still lacks): every way of typing a name the issue lists, ranking, highlights,
// deprecated terms, review status, index freshness and input errors.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/domain/types.js';
import { loadGlossary, readGlossaryDir } from '../src/reference/glossary.js';
import { initDatabase } from '../src/setup.js';
import { missingConcepts } from '../bench/eval.js';
import { type LookupResult, lookup, lookupView } from '../src/search/lookup.js';
import { BANDS, type MatchKind } from '../src/search/score.js';
import type { Store } from '../src/store/repository.js';
import { PROJECT_ROOT, memoryStore } from './helpers.js';

const FIXTURE_GLOSSARY = path.join(PROJECT_ROOT, 'test', 'fixtures', 'search', 'glossary');

let store: Store;

beforeAll(async () => {
  store = memoryStore();
  await initDatabase(store, { seeds: false });
  loadGlossary(store, missingConcepts(store, readGlossaryDir(FIXTURE_GLOSSARY)));
});
afterAll(() => store.db.close());

const search = (q: string, options = {}) => lookup(store, q, { limit: 10, ...options }).results;
const texts = (r: LookupResult) => r.terms.map((t) => t.text);
/** The concept that has a term with exactly this text. */
function conceptOf(text: string): number {
  const terms = store.findTermsByText(text).filter((t) => t.text === text);
  expect(terms.length, `a term "${text}" in the test glossary`).toBeGreaterThan(0);
  return terms[0].conceptId;
}
const top = (q: string, n = 1) => search(q).slice(0, n).map((r) => r.conceptId);
const highlighted = (r: LookupResult) => r.matched.highlight.map(([a, b]) => r.matched.text.slice(a, b)).join('|');

describe('exact and alias matches', () => {
  it('finds one concept by its full name, short form and acronym, all as exact matches', () => {
    const unctad = conceptOf('UNCTAD');
    for (const q of ['UNCTAD', '贸发会议', '联合国贸易和发展会议', 'United Nations Conference on Trade and Development']) {
      const [first] = search(q);
      expect(first.conceptId, q).toBe(unctad);
      expect(first.kind, q).toBe('exact');
      expect(first.matched.highlight, q).toEqual([[0, first.matched.text.length]]);
    }
  });

  it('matches acronyms case-insensitively', () => {
    expect(top('unctad')).toEqual([conceptOf('UNCTAD')]);
    expect(top('undp')).toEqual([conceptOf('UNDP')]);
    expect(search('itu')[0].kind).toBe('exact');
  });

  it('finds a deprecated form and names the preferred term to use instead', () => {
    const unctad = conceptOf('UNCTAD');
    if (!store.findTermsByText('联合国贸发会').some((t) => t.conceptId === unctad)) {
      store.addTerm(unctad, { text: '联合国贸发会', lang: 'zh-Hans', type: 'variant', status: 'deprecated', origin: 'user', note: 'use 贸发会议' });
    }
    const [first] = search('联合国贸发会');
    expect(first.conceptId).toBe(unctad);
    expect(first.kind).toBe('alias');
    expect(first.matched.status).toBe('deprecated');
    expect(first.preferred?.status).toBe('preferred');
    expect(first.preferred?.lang).toBe('zh-Hans');
    expect(texts(first)).toContain(first.preferred!.text);
    // An exact match on a preferred term carries no replacement.
    expect(search('贸发会议')[0].preferred).toBeNull();
  });
});

describe('Chinese input', () => {
  it('reads Traditional script through the normalised key and highlights the Simplified term', () => {
    const [unctad] = search('貿發會議');
    expect(unctad.conceptId).toBe(conceptOf('UNCTAD'));
    expect(unctad.kind).toBe('exact');
    expect(unctad.matched.text).toBe('贸发会议');
    expect(highlighted(unctad)).toBe('贸发会议');
    const [itu] = search('國際電信聯盟');
    expect(itu.conceptId).toBe(conceptOf('ITU'));
    expect(itu.matched.text).toBe('国际电信联盟');
  });

  it('finds partial names, including two characters, with the matched span highlighted', () => {
    const itu = search('电信联盟').find((r) => r.conceptId === conceptOf('ITU'));
    expect(itu, '电信联盟 → ITU').toBeDefined();
    expect(top('电信联盟', 3)).toContain(conceptOf('ITU'));
    expect(highlighted(itu!)).toBe('电信联盟');
    expect(top('贸易和发展', 3)).toContain(conceptOf('UNCTAD'));
    const [divide] = search('鸿沟');
    expect(texts(divide)).toContain('数字鸿沟');
    expect(divide.kind).toBe('substring');
    expect(highlighted(divide)).toBe('鸿沟');
  });

  it('treats a leading 联合国 as optional, both ways', () => {
    const [first] = search('贸易和发展会议');
    expect(first.conceptId).toBe(conceptOf('UNCTAD'));
    expect(['exact', 'alias']).toContain(first.kind);
    expect(highlighted(first)).toBe('贸易和发展会议');
    expect(top('联合国国际电信联盟')).toEqual([conceptOf('ITU')]);
  });

  it('forgives a wrong character in a Chinese name (fuzzy, best-aligned characters highlighted)', () => {
    const r = search('国际电讯联盟').find((x) => x.conceptId === conceptOf('ITU'));
    expect(r?.kind).toBe('fuzzy');
    expect(top('国际电讯联盟', 3)).toContain(conceptOf('ITU'));
    expect(highlighted(r!)).toBe('国际电|联盟');
  });
});

describe('English input', () => {
  it('forgives typos and word order', () => {
    const undp = conceptOf('UNDP');
    expect(top('Untied Nations Developement Programme')).toEqual([undp]);
    expect(top('development programme united nations')).toEqual([undp]);
    const [first] = search('Untied Nations Developement Programme');
    expect(first.kind).toBe('fuzzy');
    expect(highlighted(first)).toBe('United|Nations|Development|Programme');
  });

  it('treats a leading "United Nations" as optional', () => {
    const [first] = search('Conference on Trade and Development');
    expect(first.conceptId).toBe(conceptOf('UNCTAD'));
    expect(highlighted(first)).toBe('Conference on Trade and Development');
  });

  it('completes a name typed so far (prefix), shortest names first', () => {
    const results = search('International Telecommunication');
    expect(results[0].conceptId).toBe(conceptOf('ITU'));
    expect(results[0].kind).toBe('prefix');
    expect(search('telecom union').map((r) => r.conceptId).slice(0, 3)).toContain(conceptOf('ITU'));
  });
});

describe('pinyin', () => {
  it('matches full pinyin, with or without spaces, and initials', () => {
    const unctad = conceptOf('UNCTAD');
    expect(top('maoyi fazhan huiyi', 3)).toContain(unctad);
    expect(top('maofahuiyi')).toEqual([unctad]);
    const [initials] = search('mfhy');
    expect(initials.conceptId).toBe(unctad);
    expect(initials.kind).toBe('pinyin');
    expect(highlighted(initials)).toBe('贸发会议');
    expect(top('shuzi honggou')).toEqual([conceptOf('数字鸿沟')]);
  });
});

describe('ranking', () => {
  const order: MatchKind[] = ['exact', 'alias', 'prefix', 'substring', 'pinyin', 'fuzzy'];

  it('keeps exact > alias > prefix > substring > pinyin > fuzzy and scores inside each band', () => {
    for (const q of ['贸发', '发展', 'united nations', 'un', 'development', '会议', 'trade', 'mfhy', 'climate chnage', '联合国贸发会']) {
      const results = search(q, { limit: 30 });
      for (let i = 1; i < results.length; i++) {
        expect(results[i - 1].score, q).toBeGreaterThanOrEqual(results[i].score);
        expect(order.indexOf(results[i - 1].kind), `${q}: ${results[i - 1].kind} before ${results[i].kind}`).toBeLessThanOrEqual(order.indexOf(results[i].kind));
      }
      for (const r of results) {
        const [lo, hi] = BANDS[r.kind];
        expect(r.score, `${q}: ${r.kind}`).toBeGreaterThanOrEqual(lo);
        expect(r.score, `${q}: ${r.kind}`).toBeLessThanOrEqual(hi + 0.01);
      }
    }
  });

  it('puts an approved concept above a candidate at equal match quality', () => {
    const make = (reviewStatus: 'approved' | 'candidate') => {
      const id = store.createConcept({ category: 'concept', origin: 'extraction', reviewStatus });
      store.addTerm(id, { text: 'Ocean Literacy Decade Framework', lang: 'en', type: 'fullForm', status: 'preferred', origin: 'extraction' });
      return id;
    };
    const candidate = make('candidate');
    const approved = make('approved');
    const results = search('ocean literacy decade');
    expect(results.slice(0, 2).map((r) => r.conceptId)).toEqual([approved, candidate]);
    expect(results[0].reviewStatus).toBe('approved');
    expect(results[1].reviewStatus).toBe('candidate');
  });

  it('returns every term of the concept with the match', () => {
    const [r] = search('UNCTAD');
    const concept = store.requireConcept(r.conceptId);
    expect(r.terms.map((t) => t.id).sort()).toEqual(concept.terms.map((t) => t.id).sort());
    expect(r.category).toBe(concept.category);
  });
});

describe('filters, limits and bad input', () => {
  it('filters by language and category', () => {
    for (const r of search('发展', { lang: 'zh-Hans' })) expect(r.matched.lang).toBe('zh-Hans');
    expect(search('UNCTAD', { lang: 'zh-Hans' }).some((r) => r.matched.text === 'UNCTAD')).toBe(false);
    const countries = search('united', { category: 'country', limit: 5 });
    for (const r of countries) expect(r.category).toBe('country');
    expect(search('UNCTAD', { category: 'country' })).toEqual([]);
  });

  it('honours the limit and answers nothing for an empty or punctuation-only query', () => {
    expect(search('发展', { limit: 3 })).toHaveLength(3);
    expect(search('   ')).toEqual([]);
    expect(search('、。')).toEqual([]);
  });

  it('refuses a query that is too long and a bad limit with an InputError', () => {
    expect(() => lookup(store, 'x'.repeat(501))).toThrow(InputError);
    expect(() => lookup(store, 'un', { limit: 0 })).toThrow(InputError);
    expect(() => lookup(store, 'un', { limit: 2.5 })).toThrow(InputError);
  });
});

describe('index freshness', () => {
  it('sees a new alias at once and forgets a deleted one', () => {
    const itu = conceptOf('ITU');
    const before = lookupView(store);
    const { term } = store.addAlias(itu, '电信联盟秘书处测试名');
    // Applied as an overlay of the changed concept, not by rebuilding the index.
    const after = lookupView(store);
    expect(after).not.toBe(before);
    expect(after.base).toBe(before.base);
    expect(after.overlayTerms.get(itu)?.map((t) => t.id)).toEqual(store.termsOfConcept(itu).map((t) => t.id).sort((a, b) => a - b));
    const [found] = search('电信联盟秘书处测试名');
    expect(found.conceptId).toBe(itu);
    expect(found.kind).toBe('alias');
    store.deleteTerm(term.id);
    expect(search('电信联盟秘书处测试名').some((r) => r.matched.id === term.id)).toBe(false);
  });

  it('reads category and review status fresh from the store', () => {
    const id = store.createConcept({ category: 'other', origin: 'user', reviewStatus: 'candidate' });
    store.addTerm(id, { text: 'Zebra Crossing Observatory', lang: 'en', type: 'fullForm', status: 'preferred', origin: 'user' });
    expect(search('Zebra Crossing Observatory')[0].reviewStatus).toBe('candidate');
    store.updateConcept(id, { reviewStatus: 'approved', category: 'programme' });
    const [r] = search('Zebra Crossing Observatory');
    expect(r.reviewStatus).toBe('approved');
    expect(r.category).toBe('programme');
  });
});

describe('result lists for a name typed in full', () => {
  it('an exact or alias hit is not followed by loose fuzzy resemblances', async () => {
    const { memoryStore } = await import('./helpers.js');
    const { initDatabase } = await import('../src/setup.js');
    const { lookup } = await import('../src/search/lookup.js');
    const store = memoryStore();
    await initDatabase(store, { seeds: false });
    const r = lookup(store, '貿發會議', { limit: 20 });
    expect(r.results[0].kind).toBe('exact');
    expect(r.results.map((x) => x.kind)).not.toContain('fuzzy');
    // A query that names nothing exactly still gets its fuzzy candidates.
    const typo = lookup(store, 'Untied Nations Developement Programme', { limit: 5 });
    expect(typo.results[0].terms.map((t) => t.text)).toContain('UNDP');
  });
});
