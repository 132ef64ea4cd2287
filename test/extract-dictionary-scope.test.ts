// The segmenter's dictionary cut down to the texts a process will segment (src/extract/dictionary-scope.ts):
// the same tokens as the whole dictionary, exactly; a text outside the scope loads the whole.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PairSet, canOccur, indexHmmModel, scopeCovers, scopeOf, scopedDictionary, scopedHmmModel } from '../src/extract/dictionary-scope.js';
import { addWords, dictionaryIsCut, expectTexts, loadSegmenter, tokenize } from '../src/extract/segment.js';
import { SEEDS_DIR } from '../src/paths.js';

/** Frequency statistics cppjieba takes from a dictionary: the sum, the smallest, x[n / 2] of the sorted. */
function stats(dictionary: string) {
  const freqs = dictionary
    .split('\n')
    .filter(Boolean)
    .map((l) => Number(l.split(' ')[1]))
    .sort((a, b) => a - b);
  return { sum: freqs.reduce((a, b) => a + b, 0), min: freqs[0], median: freqs[freqs.length >> 1] };
}

describe('scopedDictionary', () => {
  // A small dictionary and, like jieba's, many rare words the texts do not use.
  const rare = Array.from({ length: 200 }, (_, i) => `${String.fromCharCode(0x5000 + 2 * i, 0x5001 + 2 * i)} ${1 + (i % 7)} n`);
  const dictionary = ['联 500 n', '联合 900 v', '联合国 3000 nt', ...rare, '合 400 v', '国 800 n', '大 700 a', '大会 600 n', '会 300 v', '安 10 a', '安全 2000 a', '理事会 50 n', '理 20 n', '事 30 n', '全 5 a'].join('\n');

  it('keeps the words the texts can use, in order, and the sum, smallest and median of the whole', () => {
    const scope = scopeOf(['联合国大会']);
    const cut = scopedDictionary(dictionary, scope);
    expect(cut).toBeDefined();
    const words = cut!.split('\n').map((l) => l.split(' ')[0]);
    // 联合国, 大会 occur; 安全, 理事会 cannot (安全 starts with a pair that does not occur).
    expect(words.filter((w) => !/[\ue000-\uf8ff]/.test(w))).toEqual(['联', '联合', '联合国', '合', '国', '大', '大会', '会']);
    expect(stats(cut!)).toEqual(stats(dictionary));
    // The padding word occurs in no text.
    const filler = words.find((w) => /[\ue000-\uf8ff]/.test(w))!;
    expect('联合国大会'.includes(filler)).toBe(false);
  });

  it('keeps the median when the words kept are mostly frequent ones', () => {
    const scope = scopeOf(['安全理事会']);
    const cut = scopedDictionary(dictionary, scope);
    expect(cut).toBeDefined();
    expect(stats(cut!)).toEqual(stats(dictionary));
    expect(cut!.split('\n').length).toBeLessThan(dictionary.split('\n').length);
  });

  it('leaves out a word one of whose pairs of characters never occurs side by side, even when its first pair does', () => {
    const scope = scopeOf(['联合国大会', '安全理事会']);
    const words = scopedDictionary(`${dictionary}\n联合会 40 n\n国大 9 n`, scope)!
      .split('\n')
      .map((l) => l.split(' ')[0]);
    expect(words).toContain('国大');
    expect(words).not.toContain('联合会'); // 联合 occurs, 合会 does not
    expect(canOccur(scope, '联合会')).toBe(false);
    expect(canOccur(scope, '理事会')).toBe(true);
  });

  it('gives up (undefined: load the whole) on a frequency that is not an integer', () => {
    expect(scopedDictionary('联合国 1.5 nt\n国 3 n\n大 4 a', scopeOf(['国']))).toBeUndefined();
    expect(scopedDictionary('联合国 nt', scopeOf(['国']))).toBeUndefined();
  });

  it('covers a text only when all its characters and pairs of characters occur in the scope', () => {
    const scope = scopeOf(['联合国大会', '安全理事会']);
    expect(scopeCovers(scope, '联合国大会')).toBe(true);
    expect(scopeCovers(scope, '理事会')).toBe(true);
    expect(scopeCovers(scope, '大会理事')).toBe(false); // 会理 never side by side
    expect(scopeCovers(scope, '联合国大会。')).toBe(false);
  });
});

describe('PairSet', () => {
  it('holds every pair added, (0, 0) and the largest included, and grows past its first size', () => {
    const set = new PairSet(2);
    const pairs: Array<[number, number]> = [[0, 0], [0xffff, 0xffff], [0x8054, 0x5408]];
    for (let i = 0; i < 5000; i++) pairs.push([(i * 7919) & 0xffff, (i * 104729) & 0xffff]);
    for (const [a, b] of pairs) set.add(a, b);
    expect(pairs.every(([a, b]) => set.has(a, b))).toBe(true);
    expect(set.has(0x8054, 0x5409)).toBe(false);
    expect(new PairSet().has(0, 0)).toBe(false);
  });
});

describe('scopedHmmModel', () => {
  const model = [
    '#prob_start',
    '-0.26 -3.14e+100 -3.14e+100 -1.46',
    '#prob_trans 4x4 matrix',
    '-3.14e+100 -0.51 -0.91 -3.14e+100',
    '-0.58 -3.14e+100 -3.14e+100 -0.80',
    '-3.14e+100 -0.33 -1.26 -3.14e+100',
    '-0.72 -3.14e+100 -3.14e+100 -0.66',
    '#prob_emit 4 lines',
    '#B',
    '联:-5.1,合:-6.2,国:-7.3,𠀀:-9.9',
    '#E',
    '联:-5.2,合:-6.3,国:-7.4',
    '#M',
    '合:-6.4,国:-7.5',
    '#S',
    '大:-8.0,会:-7.6',
    '',
  ].join('\n');

  it('keeps the probabilities and the emissions of the characters that occur, one entry at least per line', () => {
    const index = indexHmmModel(model)!;
    expect(index).toBeDefined();
    const cut = scopedHmmModel(index, scopeOf(['联国']));
    const lines = cut.split('\n');
    expect(lines.slice(0, 9)).toEqual(model.split('\n').slice(0, 9));
    expect(lines[9]).toBe('联:-5.1,国:-7.3');
    expect(lines[11]).toBe('联:-5.2,国:-7.4');
    expect(lines[13]).toBe('国:-7.5');
    // No character of 大 in the texts: the first entry stays, or cppjieba would read the next line in its place.
    expect(lines[15]).toBe('大:-8.0');
    expect(scopedHmmModel(index, scopeOf(['𠀀合'])).split('\n')[9]).toBe('合:-6.2,𠀀:-9.9');
  });

  it('refuses (undefined: load the whole) a model that does not have four emission lines of char:number', () => {
    expect(indexHmmModel(model.replace('合:-6.4,国:-7.5', '合-6.4'))).toBeUndefined();
    expect(indexHmmModel(model.replace('#S\n大:-8.0,会:-7.6', ''))).toBeUndefined();
  });
});

describe('segmenting with the dictionary cut down to the texts', () => {
  it('gives the tokens of the whole dictionary, and loads the whole for a text outside the scope', () => {
    const seeds = fs
      .readdirSync(SEEDS_DIR)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .slice(0, 3)
      .map((f) => fs.readFileSync(path.join(SEEDS_DIR, f), 'utf8'));
    // Words jieba tags by their characters (m, eng, x), its user dictionary's words (云计算 has no
    // tag, 蓝翔 has nz), a character outside the BMP and a lone surrogate: while the dictionary is
    // cut, tokenize looks the tags up itself (segment.ts, lookupTag) and must give jieba's.
    seeds.push('COVID-19疫情、2019年、ICT4D倡议、a1b2、12ab、5G网络、Ｇ20、云计算与蓝翔、韩玉鉴赏；𠂇字 x1y2z3 9999 3.5%。\ud800孤');
    expectTexts(seeds);
    loadSegmenter();
    expect(dictionaryIsCut()).toBe(true);
    // Words added later take the dictionary's median weight: the cut-down one must have the same.
    // 量子引力 cannot occur in these texts, so it is not inserted now: it must be once the whole is loaded.
    addWords(['数字经济', '电子商务和数字经济问题政府间专家组', '联合国贸易和发展会议', '量子引力']);
    const scoped = seeds.map((t) => tokenize(t));
    // Not in the scope: 𠀀 and these pairs occur in no text above, so the whole dictionary is loaded.
    const outside = '量子引力与弦论研讨会在𠀀举行。';
    const first = tokenize(outside);
    expect(dictionaryIsCut()).toBe(false);
    const whole = seeds.map((t) => tokenize(t));
    for (let i = 0; i < seeds.length; i++) {
      expect(scoped[i].word).toEqual(whole[i].word);
      expect(scoped[i].tag).toEqual(whole[i].tag);
      expect([...scoped[i].start]).toEqual([...whole[i].start]);
    }
    expect(tokenize(outside)).toEqual(first);
    expect(first.word.join('')).toBe(outside);
    expect(first.word).toContain('量子引力');
  });
});
