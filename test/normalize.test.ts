import { describe, expect, it } from 'vitest';
import { compactKey, findTraditional, normalizeKey, normalizeWithOffsets, toSimplified } from '../src/domain/normalize.js';
import { guessLang } from '../src/domain/lang.js';

describe('normalizeKey', () => {
  it('folds Traditional script to Simplified', () => {
    expect(normalizeKey('國際電信聯盟')).toBe('国际电信联盟');
    expect(normalizeKey('貿發會議')).toBe('贸发会议');
    expect(normalizeKey('聯合國兒童基金會')).toBe('联合国儿童基金会');
  });

  it('keeps characters that Simplified Chinese also uses (著名 stays 著名, not 着名)', () => {
    expect(normalizeKey('著名')).toBe('著名');
    expect(toSimplified('乾隆')).toBe('乾隆');
  });

  it('folds full-width brackets, letters and digits, and case', () => {
    expect(normalizeKey('（ISO）')).toBe('(iso)');
    expect(normalizeKey('（ＩＳＯ）')).toBe('(iso)');
    expect(normalizeKey('Ｇ２０')).toBe('g20');
    expect(normalizeKey('UNCTAD')).toBe('unctad');
    expect(normalizeKey('【孟加拉国软件和信息服务协会】')).toBe('[孟加拉国软件和信息服务协会]');
  });

  it('folds quotes, dashes, middle dots and diacritics', () => {
    expect(normalizeKey('Côte d’Ivoire')).toBe("cote d'ivoire");
    expect(normalizeKey('Türkiye')).toBe('turkiye');
    expect(normalizeKey('迈克・皮萨')).toBe('迈克·皮萨');
    expect(normalizeKey('2024—2027年')).toBe('2024-2027年');
  });

  it('collapses whitespace and drops spaces next to Han characters', () => {
    expect(normalizeKey('  United   Nations\u3000 Development\tProgramme ')).toBe('united nations development programme');
    expect(normalizeKey('2022 年 4 月 27 日')).toBe('2022年4月27日');
    expect(normalizeKey('COVID-19 疫情')).toBe('covid-19疫情');
  });

  it('is idempotent', () => {
    for (const s of ['國際電信聯盟（ITU）', 'Côte d’Ivoire', '2022 年 4 月', '《内罗毕共识》(TD/519/Add.2)']) {
      expect(normalizeKey(normalizeKey(s))).toBe(normalizeKey(s));
    }
  });
});

describe('normalizeWithOffsets', () => {
  it('maps every normalised unit back to its original UTF-16 offset', () => {
    const original = '在 2022 年，國際電信聯盟（ITU）指出';
    const { text, offsets } = normalizeWithOffsets(original);
    expect(text).toBe('在2022年,国际电信联盟(itu)指出');
    const start = text.indexOf('国际电信联盟');
    const end = start + '国际电信联盟'.length;
    expect(original.slice(offsets[start], offsets[end - 1] + 1)).toBe('國際電信聯盟');
    const itu = text.indexOf('itu');
    expect(original.slice(offsets[itu], offsets[itu + 2] + 1)).toBe('ITU');
    expect(offsets[text.length]).toBe(original.length);
  });

  it('handles characters outside the Basic Multilingual Plane', () => {
    const original = '𠀀A';
    const { text, offsets } = normalizeWithOffsets(original);
    expect(text).toBe('𠀀a');
    expect(offsets[2]).toBe(2);
  });
});

describe('normalizeWithOffsets of a long text (its new characters converted in one call first)', () => {
  it('folds every Traditional character as a call per character does', () => {
    // Traditional characters from UN names, each followed by a Latin letter so no phrase is formed.
    const chars = [...'國際電聯條約機構會議與權衛華僑歐盟亞區域發展氣候變遷經濟農業糧食銀貨幣勞動難民兒童婦女環境認證檢驗審計調查體系聯網終極臺灣澳門鐵路醫療衛藥']
    const long = chars.map((ch, i) => `${ch}${String.fromCharCode(97 + (i % 26))}`).join('').repeat(3);
    expect(long.length).toBeGreaterThan(256);
    const expected = chars.map((ch, i) => `${toSimplified(ch)}${String.fromCharCode(97 + (i % 26))}`).join('').repeat(3);
    const norm = normalizeWithOffsets(long);
    expect(norm.text).toBe(expected);
    expect(norm.offsets.length).toBe(norm.text.length + 1);
  });
});

describe('helpers', () => {
  it('compactKey drops punctuation and spaces', () => {
    expect(compactKey(normalizeKey('e-commerce'))).toBe(compactKey(normalizeKey('E Commerce')));
  });

  it('findTraditional lists Traditional characters with positions', () => {
    expect(findTraditional('国际電信联盟')).toEqual([{ index: 2, char: '電', simplified: '电' }]);
    expect(findTraditional('国际电信联盟')).toEqual([]);
  });

  it('guessLang tells Simplified, Traditional and English apart', () => {
    expect(guessLang('贸发会议')).toBe('zh-Hans');
    expect(guessLang('貿發會議')).toBe('zh-Hant');
    expect(guessLang('UNCTAD')).toBe('en');
  });
});

describe('properties (fast-check)', async () => {
  const fc = await import('fast-check');
  const textish = fc.string({ unit: fc.constantFrom(...'國際電信聯盟贸发会议ＩＳＯ（）() ，、。abcXYZ Üé’“”—…\t\n 𠀀'.split(/(?:)/u)), maxLength: 40 });

  it('the plain-ASCII fast path gives the same key as the general path', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 60 }), (s) => {
        expect(normalizeKey(s)).toBe(normalizeWithOffsets(s).text);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent, and offsets are ordered and inside the original', () => {
    fc.assert(
      fc.property(fc.oneof(textish, fc.string({ maxLength: 40 })), (s) => {
        const { text, offsets } = normalizeWithOffsets(s);
        expect(normalizeKey(text)).toBe(text);
        expect(offsets.length).toBe(text.length + 1);
        for (let i = 1; i < offsets.length; i++) expect(offsets[i]).toBeGreaterThanOrEqual(offsets[i - 1]);
        expect(offsets[text.length]).toBe(s.length);
      }),
      { numRuns: 2000 },
    );
  });
});
