// The string measures behind the rerank, checked against plain reference implementations.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedEditDistance, lcsAlignment, positionsToRanges } from '../src/search/similarity.js';
import { segmentPinyin } from '../src/search/pinyin.js';
import { optionalPrefixLength } from '../src/search/text.js';
import { normalizeKey } from '../src/domain/normalize.js';

/** Optimal string alignment distance, the textbook way. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e'), maxLength: 12 });

describe('boundedEditDistance', () => {
  it('equals the optimal string alignment distance up to the bound, and says "more" beyond it', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        const d = osa(a, b);
        expect(boundedEditDistance(a, b, max)).toBe(d <= max ? d : max + 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts a swap of two letters as one typo', () => {
    expect(boundedEditDistance('untied', 'united', 1)).toBe(1);
    expect(boundedEditDistance('developement', 'development', 2)).toBe(1);
    expect(boundedEditDistance('unctad', 'united', 1)).toBe(2);
  });
});

describe('lcsAlignment', () => {
  it('finds a common subsequence of the right length whose positions spell it in b', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        const al = lcsAlignment(a, b);
        const picked = al.matchedInB.map((j) => b[j]).join('');
        // picked is a subsequence of a
        let i = 0;
        for (const ch of picked) i = a.indexOf(ch, i) + 1 || Infinity;
        expect(i).not.toBe(Infinity);
        expect(al.length).toBe(picked.length);
        expect(al.runs).toBe(positionsToRanges(al.matchedInB).length);
      }),
      { numRuns: 1000 },
    );
    expect(lcsAlignment('国际电讯联盟', '国际电信联盟').matchedInB).toEqual([0, 1, 2, 4, 5]);
  });
});

describe('query reading', () => {
  it('splits pinyin into the fewest syllables and refuses what is not pinyin', () => {
    expect(segmentPinyin(['maoyifazhanhuiyi'])).toEqual(['mao', 'yi', 'fa', 'zhan', 'hui', 'yi']);
    expect(segmentPinyin(['xian'])).toEqual(['xian']);
    expect(segmentPinyin(['lvse'])).toEqual(['lu', 'se']);
    expect(segmentPinyin(['mfhy'])).toBeNull();
  });

  it('knows a leading 联合国 / United Nations only at a word boundary and only when something is left', () => {
    expect(optionalPrefixLength(normalizeKey('联合国贸易和发展会议'))).toBe(3);
    expect(optionalPrefixLength(normalizeKey('United Nations Development Programme'))).toBe('unitednations'.length);
    expect(optionalPrefixLength(normalizeKey('United Nationsx'))).toBe(0);
    expect(optionalPrefixLength(normalizeKey('United Nations'))).toBe(0);
    expect(optionalPrefixLength(normalizeKey('联合国'))).toBe(0);
  });
});
