// Sentence splitting, tokens and document alignment (src/tm/sentences.ts, tokens.ts, align.ts).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitChineseSentences, splitEnglishSentences, splitParagraphs } from '../src/tm/sentences.js';
import { indexTokens, matchTokens } from '../src/tm/tokens.js';
import { TermAnchors, alignDocuments, alignUnits, numberAndSymbolAnchors } from '../src/tm/align.js';
import { normalizeKey } from '../src/domain/normalize.js';
import { PROJECT_ROOT } from './helpers.js';

const fixture = (name: string) => fs.readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'tm', name), 'utf8');
const texts = (s: Array<{ text: string }>) => s.map((x) => x.text);

describe('Chinese sentence splitting', () => {
  it('splits on 。！？； and keeps closing quotes and brackets with the sentence', () => {
    expect(texts(splitChineseSentences('他说：“会议开始了。”大家坐下。真的吗？是的！'))).toEqual(['他说：“会议开始了。”', '大家坐下。', '真的吗？', '是的！']);
    expect(texts(splitChineseSentences('（见附件。）下一句；再下一句。'))).toEqual(['（见附件。）', '下一句；', '再下一句。']);
  });
  it('marks clauses ending in ； as soft boundaries', () => {
    const s = splitChineseSentences('甲；乙。');
    expect(s.map((x) => x.soft)).toEqual([true, false]);
  });
  it('keeps offsets into the paragraph', () => {
    const p = '第一句。 第二句。';
    for (const s of splitChineseSentences(p)) expect(p.slice(s.start, s.end)).toBe(s.text);
  });
});

describe('English sentence splitting', () => {
  it('does not split after abbreviations, initials or U.N.', () => {
    const p = 'Mr. J. Smith spoke, e.g. on the U.N. Charter (see para. 12 and No. 5). The meeting rose.';
    expect(texts(splitEnglishSentences(p))).toEqual(['Mr. J. Smith spoke, e.g. on the U.N. Charter (see para. 12 and No. 5).', 'The meeting rose.']);
  });
  it('keeps a paragraph number with its sentence, at the start of a paragraph or after a sentence', () => {
    expect(texts(splitEnglishSentences('12. The Committee met. 13. It adjourned.'))).toEqual(['12. The Committee met.', '13. It adjourned.']);
    expect(texts(splitEnglishSentences('(a) Decides to act. IV. Other matters.'))).toEqual(['(a) Decides to act.', 'IV. Other matters.']);
  });
  it('splits on ? and ! and keeps closing quotes', () => {
    expect(texts(splitEnglishSentences('He asked: "Is it over?" It was. Done!'))).toEqual(['He asked: "Is it over?"', 'It was.', 'Done!']);
  });
  it('does not split inside numbers or symbols', () => {
    expect(texts(splitEnglishSentences('See document E/CN.7/2015/13 and 3.5 per cent. Next.'))).toEqual(['See document E/CN.7/2015/13 and 3.5 per cent.', 'Next.']);
  });
  it('reads paragraphs as non-blank lines', () => {
    expect(splitParagraphs('\uFEFFa\r\n\r\n b \nc')).toEqual(['a', 'b', 'c']);
  });
});

describe('tokens', () => {
  it('match tokens: Chinese by character, English by word, symbols and numbers whole', () => {
    expect(matchTokens(normalizeKey('联合国（UN）')).text).toEqual(['联', '合', '国', '(', 'un', ')']);
    expect(matchTokens(normalizeKey('See A/69/767, sixty-ninth 1,000.5 items.')).text).toEqual(['see', 'a/69/767', ',', 'sixty-ninth', '1,000.5', 'items', '.']);
  });
  it('index tokens drop punctuation and split words like SQLite unicode61', () => {
    expect(indexTokens(normalizeKey('E-commerce, A/69/767 數字鴻溝')).text).toEqual(['e', 'commerce', 'a', '69', '767', '数', '字', '鸿', '沟']);
  });
});

describe('anchors', () => {
  it('finds numbers and document symbols in the same form in both languages', () => {
    expect(numberAndSymbolAnchors('See A/AC.105/1088 of 10 June 2015, 1,000 people.')).toEqual(['sym:A/AC.105/1088', 'num:10', 'num:2015', 'num:1000']);
    expect(numberAndSymbolAnchors('见A/AC.105/1088号文件，2015年6月10日，1 000人。').sort()).toEqual(['num:10', 'num:1000', 'num:2015', 'num:6', 'sym:A/AC.105/1088'].sort());
  });
  it('finds glossary terms of concepts that have both languages', () => {
    const anchors = new TermAnchors([
      { conceptId: 7, key: normalizeKey('数字鸿沟'), lang: 'zh-Hans' },
      { conceptId: 7, key: normalizeKey('digital divide'), lang: 'en' },
      { conceptId: 8, key: normalizeKey('只有中文'), lang: 'zh-Hans' },
    ]);
    expect(anchors.concepts).toBe(1);
    expect(anchors.find('We must bridge the Digital Divide.', 'en')).toEqual(['term:7']);
    expect(anchors.find('必须弥合數字鴻溝。只有中文', 'zh')).toEqual(['term:7']);
  });
});

describe('Gale–Church alignment', () => {
  it('aligns units by length, with 2-1 and 1-2 beads where one side splits a sentence', () => {
    const u = (length: number) => ({ text: '', length, anchors: [] });
    const beads = alignUnits([u(100), u(40), u(60), u(200)], [u(31), u(32), u(30), u(33)]);
    expect(beads.map((b) => b.type)).toEqual(['1-1', '2-1', '1-2']);
  });
  it('uses anchors to choose between beads of similar length', () => {
    // Lengths alone cannot tell (a b)-x c-y from a-x (b c)-y; the numbers can.
    const en = [
      { text: 'a', length: 50, anchors: ['num:7'] },
      { text: 'b', length: 50, anchors: ['num:9'] },
      { text: 'c', length: 50, anchors: [] },
    ];
    const zh = [
      { text: 'x', length: 24, anchors: ['num:7'] },
      { text: 'y', length: 24, anchors: ['num:9'] },
    ];
    expect(alignUnits(en, zh).map((b) => [b.en, b.zh])).toEqual([
      [[0], [0]],
      [[1, 2], [1]],
    ]);
    zh[0].anchors = [];
    zh[1].anchors = ['num:7'];
    en[0].anchors = [];
    en[2].anchors = ['num:7'];
    expect(alignUnits(en, zh).map((b) => [b.en, b.zh])).toEqual([
      [[0, 1], [0]],
      [[2], [1]],
    ]);
  });
  it('aligns a report and its Chinese version sentence by sentence', () => {
    const r = alignDocuments(fixture('report.en.txt'), fixture('report.zh.txt'));
    expect(r.paragraphs).toEqual({ en: 5, zh: 5 });
    expect(r.pairs).toHaveLength(8);
    expect(r.pairs.every((p) => p.type === '1-1')).toBe(true);
    expect(r.pairs[0]).toMatchObject({ en: 'Report of the Committee on the Peaceful Uses of Outer Space', zh: '和平利用外层空间委员会报告' });
    expect(r.pairs[2].en).toMatch(/^Mr\. J\. Smith/);
    expect(r.pairs[2].zh).toMatch(/^J·史密斯先生/);
    // The ； clause stays with its sentence, as the English keeps one sentence with ";".
    expect(r.pairs[6]).toMatchObject({
      en: 'It noted that 45 States had joined the programme; three more had applied.',
      zh: '委员会注意到，已有45个国家加入该方案；另有三个国家提出了申请。',
    });
    expect(r.unalignedEn).toEqual([]);
    expect(r.unalignedZh).toEqual([]);
  });
  it('leaves a sentence with no translation as a 1-0 bead instead of shifting the rest', () => {
    const en = 'The Committee met in Vienna in 2015. It adopted its report. An extra sentence that the Chinese version omits entirely for some reason, and it is quite long too. The next session will be in 2016.';
    const zh = '委员会2015年在维也纳举行会议。委员会通过了报告。下届会议将于2016年举行。';
    const r = alignDocuments(en, zh);
    expect(r.pairs.map((p) => p.zh)).toEqual(['委员会2015年在维也纳举行会议。', '委员会通过了报告。', '下届会议将于2016年举行。']);
    expect(r.pairs[2].en).toBe('The next session will be in 2016.');
    expect(r.unalignedEn).toHaveLength(1);
  });
});
