// The one near-miss definition (src/domain/near-miss.ts) and the bounds extraction and the checker
// give it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkData } from '../src/check/data.js';
import { nearMissEditDistance } from '../src/domain/near-miss.js';
import { lcsLength, nearMissDistance } from '../src/extract/reference.js';

/** Extraction's definition as it was written before it used the shared one: the specification. */
function extractionSpec(name: string, official: string): number | undefined {
  if (name === official || official.length < 5 || Math.abs(official.length - name.length) > 2) return undefined;
  if (name[0] !== official[0] || name[name.length - 1] !== official[official.length - 1]) return undefined;
  const lcs = lcsLength(name, official);
  if (lcs !== Math.min(name.length, official.length)) return undefined;
  const distance = name.length + official.length - 2 * lcs;
  return distance >= 1 && distance <= 2 ? distance : undefined;
}

const checker = () => {
  const data = checkData();
  return { maxDistance: 2, maxSubstitutions: data.config.nearMiss.maxSubstitutions, contrastClass: data.contrastClass };
};
const distance = (span: string, name: string) => nearMissEditDistance(span, 0, span.length, name, checker());

describe('near-miss', () => {
  it('extraction: one or two characters left out or slipped in, never substituted', () => {
    expect(nearMissDistance('国际货币组织', '国际货币基金组织')).toBe(2);
    expect(nearMissDistance('2019年冠状病毒病', '2019冠状病毒病')).toBe(1);
    expect(nearMissDistance('世界贸易组织', '世界卫生组织')).toBeUndefined();
    expect(nearMissDistance('日益数字化', '数字化')).toBeUndefined();
    expect(nearMissDistance('国际组织', '国际货币基金组织')).toBeUndefined();
  });

  it('extraction agrees with its former definition (subsequence, 1–2 edits) on any pair of names', () => {
    // A small alphabet so that near-misses are common among the generated pairs.
    const name = fc.string({ unit: fc.constantFrom('国', '际', '货', '币', '基', '金', '组', '织'), minLength: 3, maxLength: 9 });
    fc.assert(
      fc.property(name, name, (a, b) => nearMissDistance(a, b) === extractionSpec(a, b)),
      { numRuns: 20_000 },
    );
    // And on pairs built to be close: a name with one or two characters slipped in or swapped.
    const edited = fc.tuple(name, fc.nat(9), fc.nat(9), fc.constantFrom('基', '金', '会', '组'), fc.boolean()).map(([a, i, j, ch, swap]) => {
      const once = a.slice(0, i) + ch + a.slice(i);
      const b = once.slice(0, j) + ch + once.slice(j);
      return swap ? [a, `${b.slice(0, 2)}${b[3] ?? ''}${b[2] ?? ''}${b.slice(4)}`] : [a, i % 2 ? once : b];
    });
    fc.assert(
      fc.property(edited, ([a, b]) => nearMissDistance(a, b) === extractionSpec(a, b) && nearMissDistance(b, a) === extractionSpec(b, a)),
      { numRuns: 20_000 },
    );
  });

  it('checker: a substitution is allowed, but not inside a contrast class, and not with mixed insertions and deletions when asked', () => {
    expect(distance('国际电讯联盟', '国际电信联盟')).toBe(1);
    expect(distance('欧洲经济委员会', '非洲经济委员会')).toBe(-1);
    expect(distance('国际货币组织', '国际货币基金组织')).toBe(2);
    expect(distance('国际货币基金组织', '国际货币基金组织')).toBe(-1);
    expect(nearMissEditDistance('国际货币金基组织', 0, 8, '国际货币基金组织', { maxDistance: 2, maxSubstitutions: 0, oneDirection: true })).toBe(-1);
    expect(nearMissEditDistance('国际货币金基组织', 0, 8, '国际货币基金组织', { maxDistance: 2, maxSubstitutions: 0 })).toBe(2);
  });
});

describe('evidence for a slip at the ends of a name (checker)', async () => {
  const { homophones, slipAtEnds } = await import('../src/check/near-miss.js');
  const ends = (span: string, name: string) => slipAtEnds(span, 0, span.length, name, checkData());

  it('homophones: one reading in common, polyphones included (识 zhi / 织 zhi)', () => {
    expect(homophones('识', '织')).toBe(true);
    expect(homophones('籍', '际')).toBe(true);
    expect(homophones('对', '心')).toBe(false);
  });

  it('accepts a homophone or another body\'s word at an end, refuses a span that stops or starts inside the name', () => {
    expect(ends('世界卫生组识', '世界卫生组织')).toBe(true);
    expect(ends('视界卫生组织', '世界卫生组织')).toBe(true);
    expect(ends('世界知识产权局', '世界知识产权组织')).toBe(true);
    expect(ends('内部监督事务处', '内部监督事务厅')).toBe(true);
    expect(ends('国际电讯联盟', '国际电信联盟')).toBe(true); // both ends are the name's
    expect(ends('国际贸易中对', '国际贸易中心')).toBe(false);
    expect(ends('国际刑事法', '国际刑事法院')).toBe(false);
    expect(ends('小组委员会', '法律小组委员会')).toBe(false);
    expect(ends('某一委员会', '第一委员会')).toBe(false);
  });
});
