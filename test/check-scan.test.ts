// The scanner: Aho–Corasick against a naive search, longest match first, word boundaries, case
// of acronyms, offsets into the original text, near-misses and their guards, the index cache.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Automaton } from '../src/domain/automaton.js';
import { scanText } from '../src/check/scan.js';
import { buildCheckBase, termIndexFor } from '../src/check/live-index.js';
import { fixtureStore, seedParagraph } from './fixtures/check/helpers.js';

function naive(patterns: string[], text: string): string[] {
  const out: string[] = [];
  patterns.forEach((p, id) => {
    if (!p || patterns.indexOf(p) !== id) return;
    for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) out.push(`${id}@${i}`);
  });
  return out.sort();
}

describe('automaton', () => {
  it('reports exactly the occurrences a naive search finds (property test)', () => {
    const alphabet = fc.constantFrom('国', '际', '联', '合', '会', 'a', 'b', '中');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 5 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), fc.array(alphabet, { maxLength: 60 }), (patterns, chars) => {
        const text = chars.join('');
        const found: string[] = [];
        new Automaton(patterns).scan(text, (p, start) => found.push(`${p}@${start}`));
        expect(found.sort()).toEqual(naive(patterns, text));
      }),
      { numRuns: 300 },
    );
  });

  it('reports the longest anchor ending at each position', () => {
    const ends: string[] = [];
    new Automaton(['世界贸易组织'], ['组织', '会', '联合会']).scan('国际图书馆协会联合会和世界组织', () => {}, (a, end) => ends.push(`${a}@${end}`));
    expect(ends).toEqual(['1@7', '2@10', '0@15']);
  });
});

describe('scanning a draft', () => {
  const store = fixtureStore();
  const index = termIndexFor(store);
  const forms = (text: string) => scanText(index, text).occurrences.map((o) => o.text);

  it('takes the longest match first: no 中国 inside 发展中国家, no 印度 inside 印度尼西亚', () => {
    expect(forms('发展中国家和印度尼西亚、印度与中国')).toEqual(['发展中国家', '印度尼西亚', '印度', '中国']);
  });

  it('does not see a name across a word boundary listed in the blocking words (其中国际)', () => {
    expect(forms('其中国际货币基金组织')).toEqual(['国际货币基金组织']);
  });

  it('matches Latin acronyms as whole words and upper case only', () => {
    expect(forms('WHO and who; WTOs; the WTO.')).toEqual(['WHO', 'WTO']);
  });

  it('maps matches back to original offsets through Traditional, full-width and spaced text', () => {
    const text = '見 國際電聯 與（ＩＴＵ）和 世界 貿易組織';
    const occ = scanText(index, text).occurrences;
    expect(occ.map((o) => [o.text, o.term.text])).toEqual([
      ['國際電聯', '国际电联'],
      ['ＩＴＵ', 'ITU'],
      ['世界 貿易組織', '世界贸易组织'],
    ]);
    for (const o of occ) expect(text.slice(o.start, o.end)).toBe(o.text);
  });

  it('finds near-misses of official names in real sentences (seed 003)', () => {
    const paragraph = seedParagraph('003', '国际货币组织（IMF）和世界银行');
    const misses = scanText(index, paragraph).nearMisses;
    expect(misses.map((m) => [m.text, m.target.term.text])).toContainEqual(['国际货币组织', '国际货币基金组织']);
    expect(misses.every((m) => paragraph.slice(m.start, m.end) === m.text)).toBe(true);
  });

  it('finds a name with an inserted phrase (国际图书馆协会和机构联合会)', () => {
    const m = scanText(index, '国际图书馆协会和机构联合会(国际图联)发表了声明。').nearMisses;
    expect(m.map((x) => x.target.term.text)).toEqual(['国际图书馆协会联合会']);
  });

  it('stays quiet on names of other bodies and on words around known names', () => {
    const quiet = [
      '国际货币基金组织执行董事会',
      '世界贸易组织和世界卫生组织',
      '国际铁路联盟（UIC）与国际电信联盟', // another body, identified by its own acronym
      '国际电信组织', // 国际电信联盟 has another suffix; not a near-miss of anything
      '各国统计局',
      '关于可信互联网的会议', // 互联网的会 would cut 会议 in two
      '世界卫生组合', // a different last character with no evidence of a slip (not a homophone, not a body's word)
      '这些卫生组织', // starts after the name's first characters: 世界卫生组织 is not there
      '联合国大会\n七十九届会议', // no span across a line break
    ];
    for (const text of quiet) expect(scanText(index, text).nearMisses.map((m) => m.text), text).toEqual([]);
  });

  it('finds slips anywhere in a name, and titles with or without their marks', () => {
    const m = (text: string) => scanText(index, text).nearMisses.map((x) => `${x.text}→${x.target.term.text}`);
    expect(m('国际电讯联盟的报告')).toEqual(['国际电讯联盟→国际电信联盟']);
    expect(m('根据世界卫生组识的信息')).toEqual(['世界卫生组识→世界卫生组织']);
    expect(m('国籍货币基金组织的报告')).toEqual(['国籍货币基金组织→国际货币基金组织']);
    expect(forms('不扩散核武器条约缔约国和《不扩散核武器条约》')).toEqual(['不扩散核武器条约', '不扩散核武器条约']);
  });

  it('the near-miss index changes term by term: added, a name is found without a rebuild; removed, it is not', () => {
    const s = fixtureStore();
    const idx = buildCheckBase(s).index;
    const who = idx.concept(s.findTermsByText('世界卫生组织')[0].conceptId)!;
    const term = who.terms.find((t) => t.text === '世界卫生组织')!;
    const found = () => scanText(idx, '根据世界卫生组识的信息').nearMisses.length;
    expect(found()).toBe(1);
    const before = idx.nearMiss.targetCount;
    expect(idx.nearMiss.remove(term.id)).toBe(true);
    expect(idx.nearMiss.remove(term.id)).toBe(false);
    expect(idx.nearMiss.targetCount).toBe(before - 1);
    expect(found()).toBe(0);
    expect(idx.nearMiss.add(term, who)).toBe(true);
    expect(idx.nearMiss.add(term, who)).toBe(false);
    expect(found()).toBe(1);
  });

  it('an index built term by term, with removals, finds what one built at once finds (property test)', async () => {
    const { NearMissIndex, buildNearMissIndex } = await import('../src/check/near-miss.js');
    const { checkData } = await import('../src/check/data.js');
    const concepts = [...index.concepts.values()];
    const text = '国际电讯联盟、世界卫生组识、国籍货币基金组织、国际货币组织、国际图书馆协会和机构联合会、经济合作和发展组织';
    const whole = buildNearMissIndex(concepts, checkData());
    const search = { text, breakBefore: new Uint8Array(text.length + 1), boundaryOk: () => true, isKnownName: () => false };
    const expected = whole.find(search).map((c) => `${c.start}-${c.end}:${c.target.term.id}`).sort();
    expect(expected.length).toBeGreaterThan(3);
    fc.assert(
      fc.property(fc.array(fc.nat(concepts.length - 1), { maxLength: 10 }), (drop) => {
        const piecewise = new NearMissIndex(checkData());
        for (const c of concepts) for (const t of c.terms) piecewise.add(t, c);
        for (const i of drop) for (const t of concepts[i].terms) piecewise.remove(t.id);
        for (const i of drop) for (const t of concepts[i].terms) piecewise.add(t, concepts[i]);
        expect(piecewise.find(search).map((c) => `${c.start}-${c.end}:${c.target.term.id}`).sort()).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });

  it('does not report a near-miss that swaps contrastive characters (第一/第二, 欧洲/非洲)', async () => {
    const { contrastClass } = (await import('../src/check/data.js')).checkData();
    expect(contrastClass.get('东')).toBe(contrastClass.get('西'));
    expect(contrastClass.get('一')).toBe(contrastClass.get('二'));
  });

  it('caches the index per store and rebuilds it when terms change', () => {
    const s = fixtureStore();
    const first = termIndexFor(s);
    expect(termIndexFor(s)).toBe(first);
    const imf = s.findTermsByText('国际货币基金组织')[0].conceptId;
    s.addTerm(imf, { text: '货币基金', lang: 'zh-Hans', type: 'variant', status: 'deprecated', origin: 'user', note: 'test' });
    const second = termIndexFor(s);
    expect(second).not.toBe(first);
    expect(scanText(second, '货币基金').occurrences.map((o) => o.term.status)).toEqual(['deprecated']);
  });

  it('rebuilds the index when a concept is approved or withdrawn (trust changes, terms do not)', () => {
    const s = fixtureStore();
    const imf = s.findTermsByText('国际货币基金组织')[0].conceptId;
    const trusted = () => termIndexFor(s).concept(imf)!.terms.every((t) => t.trusted);
    expect(trusted()).toBe(true);
    s.updateConcept(imf, { reviewStatus: 'candidate' });
    expect(trusted()).toBe(false);
    s.updateConcept(imf, { reviewStatus: 'approved' });
    expect(trusted()).toBe(true);
  });
});
