// Fuzzy match, concordance and term equivalents on small memories built in the test.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { concordance } from '../src/tm/concordance.js';
import { suggestEquivalents, conceptsWithoutEnglish } from '../src/tm/equivalents.js';
import { fuzzyMatch, fuzzyMatchByScan } from '../src/tm/fuzzy.js';
import { importTmFile } from '../src/tm/import.js';
import { TmRepository } from '../src/store/tm-repository.js';
import { addSegments } from '../src/tm/segments.js';
import type { Store } from '../src/store/repository.js';
import { PROJECT_ROOT, memoryStore } from './helpers.js';

let store: Store;
let repo: TmRepository;
beforeEach(() => {
  store = memoryStore();
  repo = TmRepository.of(store);
});
afterEach(() => store.db.close());

const PAIRS = [
  ['The Committee adopted the draft resolution without a vote.', '委员会未经表决通过了决议草案。'],
  ['The Committee adopted the draft decision without a vote.', '委员会未经表决通过了决定草案。'],
  ['The General Assembly adopted the draft resolution by a recorded vote.', '大会以记录表决方式通过了决议草案。'],
  ['We must bridge the digital divide between and within countries.', '我们必须弥合国家之间和国家内部的数字鸿沟。'],
  ['The digital divide remains wide.', '数字鸿沟仍然很大。'],
  ['Digital divides persist in rural areas.', '农村地区仍然存在数字鸿沟。'],
  ['The meeting rose at 1 p.m.', '下午1时散会。'],
];

function load(pairs = PAIRS): void {
  addSegments(store, pairs.map(([en, zh]) => ({ en, zh })), 'user', null);
}

describe('fuzzy match', () => {
  it('100% only for the identical segment; 99% when only case, width or script differ', () => {
    load();
    expect(fuzzyMatch(store, 'The meeting rose at 1 p.m.').matches[0]).toMatchObject({ score: 100, target: '下午1时散会。' });
    expect(fuzzyMatch(store, 'the meeting rose at 1 p.m.').matches[0].score).toBe(99);
    expect(fuzzyMatch(store, '委員會未經表決通過了決議草案。').matches[0]).toMatchObject({ score: 99, target: 'The Committee adopted the draft resolution without a vote.' });
    expect(fuzzyMatch(store, '下午１时散会。').matches[0].score).toBe(99);
  });

  it('English percentages count words: one word of nine changed is 89%', () => {
    load();
    const r = fuzzyMatch(store, 'The Committee adopted the draft report without a vote.');
    // 10 tokens (9 words and the full stop at half weight): 1 - 1/9.5 → 89%.
    expect(r.matches.map((m) => m.score)).toEqual([89, 89, 56]);
    expect(r.matches[0]).toMatchObject({ sourceLang: 'en' });
  });

  it('Chinese percentages count characters', () => {
    load();
    // 委员会未经表决通过了决议草案。 : 14 characters and a full stop; 决议 → 报告 is 2 edits of 14.5.
    const r = fuzzyMatch(store, '委员会未经表决通过了报告草案。');
    expect(r.lang).toBe('zh');
    expect(r.matches.slice(0, 2).map((m) => [m.score, m.target]).sort()).toEqual([
      [86, 'The Committee adopted the draft decision without a vote.'],
      [86, 'The Committee adopted the draft resolution without a vote.'],
    ]);
  });

  it('marks the differences so that equal + insert spans spell the stored segment', () => {
    load();
    const m = fuzzyMatch(store, 'The Committee adopted the draft report without   a vote.').matches[0];
    expect(m.diff).toEqual([
      { op: 'equal', text: 'The Committee adopted the draft ' },
      { op: 'delete', text: 'report ' },
      { op: 'insert', text: m.source.includes('decision') ? 'decision ' : 'resolution ' },
      { op: 'equal', text: 'without a vote.' },
    ]);
    expect(m.diff.filter((d) => d.op !== 'delete').map((d) => d.text).join('')).toBe(m.source);
    const zh = fuzzyMatch(store, '委员会通过了决议草案。').matches[0];
    expect(zh.diff).toEqual([
      { op: 'equal', text: '委员会' },
      { op: 'insert', text: '未经表决' },
      { op: 'equal', text: '通过了决议草案。' },
    ]);
  });

  it('respects the minimum score and the limit, best first, and finds nothing unrelated', () => {
    load();
    const r = fuzzyMatch(store, 'The Committee adopted the draft decision without a vote.', { limit: 2, minScore: 70 });
    expect(r.matches.map((m) => m.score)).toEqual([100, 89]);
    expect(fuzzyMatch(store, 'Completely unrelated words about weather forecasts.').matches).toEqual([]);
  });

  it('sees segments imported after the index was built, in the same connection', () => {
    load();
    expect(fuzzyMatch(store, 'Rural areas need broadband.').matches).toEqual([]);
    addSegments(store, [{ en: 'Rural areas need broadband.', zh: '农村地区需要宽带。' }], 'user', null);
    expect(fuzzyMatch(store, 'Rural areas need broadband.').matches[0].score).toBe(100);
  });

  it('rebuilds after deletions', () => {
    addSegments(store, [{ en: 'Gone soon.', zh: '很快就没了。', doc: 'D1' }], 'user', null);
    load();
    expect(fuzzyMatch(store, 'Gone soon.').matches).toHaveLength(1);
    expect(repo.deleteDocument('D1')).toBe(1);
    expect(fuzzyMatch(store, 'Gone soon.').matches).toEqual([]);
  });

  it('rejects empty and over-long queries', () => {
    expect(() => fuzzyMatch(store, '  ')).toThrow('the query is empty');
    expect(() => fuzzyMatch(store, 'x'.repeat(5001))).toThrow('longer than 5000');
    expect(() => fuzzyMatch(store, '...')).not.toThrow();
  });

  it('the index finds the same best score as comparing the query with every segment (property)', () => {
    const words = ['committee', 'adopted', 'draft', 'resolution', 'decision', 'vote', 'the', 'a', 'without', 'general', 'assembly', 'council', 'report', 'meeting', 'session'];
    const sentence = fc.array(fc.constantFrom(...words), { minLength: 3, maxLength: 12 }).map((w) => `${w.join(' ')}.`);
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 5, maxLength: 30 }), sentence, (stored, query) => {
        const s = memoryStore();
        try {
          addSegments(s, stored.map((en, i) => ({ en, zh: `句${i}` })), 'user', null);
          const indexed = fuzzyMatch(s, query, { limit: 3, minScore: 30 }).matches.map((m) => m.score);
          const scanned = fuzzyMatchByScan(s, query, 3, 30).map((m) => m.score);
          expect(indexed).toEqual(scanned.map((x, i) => (indexed[i] === 100 ? 100 : x)));
        } finally {
          s.db.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('fuzzy match on a larger memory', () => {
  it('skipping the postings of very common words keeps the exact top scores', () => {
    const words = ['committee', 'adopted', 'draft', 'resolution', 'decision', 'vote', 'general', 'assembly', 'council', 'report', 'meeting', 'session', 'security', 'human', 'rights', 'development'];
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const sentence = () => Array.from({ length: 8 + Math.floor(random() * 8) }, (_, i) => (i % 3 === 0 ? 'the' : words[Math.floor(random() * words.length)])).join(' ');
    addSegments(store, Array.from({ length: 1500 }, (_, i) => ({ en: `${sentence()}.`, zh: `句${i}` })), 'user', null);
    for (let q = 0; q < 15; q++) {
      const query = `${sentence()}.`;
      for (const minScore of [40, 60]) {
        const indexed = fuzzyMatch(store, query, { limit: 3, minScore }).matches.map((m) => m.score);
        const scanned = fuzzyMatchByScan(store, query, 3, minScore).map((m) => m.score);
        expect(indexed, query).toEqual(scanned);
      }
    }
  });
});

describe('concordance', () => {
  it('finds a Chinese term in every segment with its range, Traditional and Simplified alike', () => {
    load();
    const r = concordance(store, '數字鴻溝');
    expect(r.total).toBe(3);
    for (const h of r.hits) {
      expect(h.zhRanges).toHaveLength(1);
      const [s, e] = h.zhRanges[0];
      expect(h.zh.slice(s, e)).toBe('数字鸿沟');
      expect(h.enRanges).toEqual([]);
    }
  });

  it('finds an English phrase as whole words, case-insensitively, with ranges into the original', () => {
    load();
    const r = concordance(store, 'DIGITAL divide');
    expect(r.total).toBe(2);
    for (const h of r.hits) expect(h.en.slice(...h.enRanges[0])).toBe('digital divide');
    // A trailing * makes the last word a prefix: "divides" too.
    const p = concordance(store, 'digital divide*');
    expect(p.total).toBe(3);
    expect(p.hits.map((h) => h.en.slice(...h.enRanges[0])).sort()).toEqual(['Digital divides', 'digital divide', 'digital divide']);
  });

  it('matches words, not parts of words, and works with one- and two-character Chinese terms', () => {
    load();
    expect(concordance(store, 'vot').total).toBe(0);
    expect(concordance(store, 'vote').total).toBe(3);
    expect(concordance(store, '草案').total).toBe(3);
    expect(concordance(store, '会').total).toBe(4);
  });

  it('pages through hits and rejects queries with nothing to search', () => {
    load();
    const all = concordance(store, 'the', { limit: 100 }).hits.map((h) => h.segmentId);
    const page = concordance(store, 'the', { limit: 2, offset: 2 }).hits.map((h) => h.segmentId);
    expect(page).toEqual(all.slice(2, 4));
    expect(() => concordance(store, '“”——')).toThrow('no letters, digits or Chinese characters');
  });

  it('full-width input finds half-width text', () => {
    addSegments(store, [{ en: 'The UNCTAD secretariat reported.', zh: '贸发会议（UNCTAD）秘书处报告。' }], 'user', null);
    const r = concordance(store, 'ＵＮＣＴＡＤ');
    expect(r.total).toBe(1);
    expect(r.hits[0].en.slice(...r.hits[0].enRanges[0])).toBe('UNCTAD');
    expect(r.hits[0].zh.slice(...r.hits[0].zhRanges[0])).toBe('UNCTAD');
  });
});

describe('term equivalents', () => {
  it('proposes the English words that come with the Chinese term, best Dice first', () => {
    load();
    const r = suggestEquivalents(store, { zh: ['数字鸿沟'] });
    expect(r.segments).toBe(3);
    // "Digital divides" counts for "digital divide"; "digital" alone adds nothing to it.
    expect(r.candidates[0]).toMatchObject({ text: 'digital divide', together: 3, anywhere: 3, dice: 1 });
    expect(r.candidates.map((c) => c.text)).not.toContain('digital');
  });

  it('works from a concept that has no English term, and lists such concepts', () => {
    load([...PAIRS, ['The draft resolution was withdrawn.', '决议草案被撤回。']]);
    const id = store.createConcept({ category: 'concept', origin: 'user' });
    store.addTerm(id, { text: '決議草案', lang: 'zh-Hant', type: 'fullForm', status: 'preferred', origin: 'user' });
    expect(conceptsWithoutEnglish(store)).toContain(id);
    const r = suggestEquivalents(store, { conceptId: id });
    expect(r.zhTerms).toEqual(['決議草案']);
    expect(r.candidates[0].text).toBe('draft resolution');
  });
});

describe('TSV import', () => {
  const fixture = (name: string) => fs.readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'tm', name));
  it('reads header files with a document column, and zh<TAB>en files', async () => {
    await importTmFile(store, fixture('pairs-header.tsv'), 'pairs-header.tsv');
    expect(repo.segmentsOfDocument('A/70/1').map((s) => [s.position, s.en])).toEqual([
      [1, 'The Committee adopted the report.'],
      [2, 'The meeting rose at 1 p.m.'],
    ]);
    const s = await importTmFile(store, fixture('pairs-swapped.tsv'), 'pairs-swapped.tsv');
    expect(s).toMatchObject({ added: 0, duplicates: 2 });
  });
  it('names the file and line of a bad line and stores nothing', async () => {
    await expect(importTmFile(store, fixture('bad.tsv'), 'bad.tsv')).rejects.toThrow('bad.tsv:2: expected 2 tab-separated columns (en<TAB>zh), found 1');
    expect(repo.count().count).toBe(0);
  });
});
