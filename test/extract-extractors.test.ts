// One block per extractor, on sentences from the seed reports.
import { describe, expect, it } from 'vitest';
import { prepareDocument } from '../src/extract/document.js';
import { findBrackets } from '../src/extract/brackets.js';
import { extractTitles, extractSymbols } from '../src/extract/titles.js';
import { extractEnumerations } from '../src/extract/enumerations.js';
import { extractShortForms } from '../src/extract/short-forms.js';
import { extractAcronyms } from '../src/extract/acronyms.js';
import { scoreRecurringTerms } from '../src/extract/recurring.js';
import { ReferenceIndex, nearMissDistance } from '../src/extract/reference.js';
import { displayForm } from '../src/extract/document.js';
import { allSeeds, bracketPairs, enumerationItems, fixtureReference, projectReference, seed } from './fixtures/extract/helpers.js';

describe('short forms in brackets', () => {
  it('finds the left boundary at the enumeration comma before the name', () => {
    expect(bracketPairs('、贸发会议、联合国儿童基金会(儿基会)、联合国开发计划署(开发署)')).toEqual([
      ['联合国儿童基金会', '儿基会'],
      ['联合国开发计划署', '开发署'],
    ]);
  });
  it('stops before a person and a title: 皮萨先生、经济合作与发展组织(经合组织)', () => {
    expect(bracketPairs('美国全球发展中心政策研究员迈克·皮萨先生、经济合作与发展组织(经合组织)政策分析员')).toEqual([['经济合作与发展组织', '经合组织']]);
  });
  it('reaches across a 、 the short form needs: 联合国教育、科学及文化组织(教科文组织)', () => {
    expect(bracketPairs('联合国经济和社会事务部(经社部)、联合国教育、科学及文化组织(教科文组织)、')).toEqual([
      ['联合国经济和社会事务部', '经社部'],
      ['联合国教育、科学及文化组织', '教科文组织'],
    ]);
  });
  it('stops at a verb before the name: 为回应联合国贸易和发展会议(贸发会议)', () => {
    expect(bracketPairs('其他国际组织和利益攸关方为回应联合国贸易和发展会议(贸发会议)秘书长的信函')).toEqual([['联合国贸易和发展会议', '贸发会议']]);
  });
  it('accepts an alias introduced by 下称', () => {
    expect(bracketPairs('各方批准了联合国气候变化框架公约(下称“气候公约”)。')).toEqual([['联合国气候变化框架公约', '气候公约']]);
  });
  it('takes the reference name when the text before it runs on', () => {
    const doc = prepareDocument('t', '该机构联合国促进性别平等和增强妇女权能署(妇女署)提醒人们');
    const [c] = extractShortForms(doc, findBrackets(doc), fixtureReference());
    expect(c.terms.map((t) => t.text)).toEqual(['联合国促进性别平等和增强妇女权能署', '妇女署']);
  });
});

describe('acronyms and other bracketed names', () => {
  it('full-width brackets, a comment after the acronym, paired forms', () => {
    expect(bracketPairs('东盟“10+6”区域全面经济伙伴关系（RCEP，目前已签署并将于2022年生效）的签署')).toEqual([['区域全面经济伙伴关系', 'RCEP']]);
    expect(bracketPairs('包括：以跨太平洋伙伴关系协议/全面与进步跨太平洋伙伴关系协定（TPP/CPTPP）、')).toEqual([
      ['跨太平洋伙伴关系协议', 'TPP'],
      ['全面与进步跨太平洋伙伴关系协定', 'CPTPP'],
    ]);
  });
  it('a number before the name belongs to it only when the acronym carries it', () => {
    expect(bracketPairs('努力应对 2019 年冠状病毒病(COVID-19)大流行')).toEqual([['2019年冠状病毒病', 'COVID-19']]);
    expect(bracketPairs('参见2020年全球监管机构专题研讨会（GSR）：')).toEqual([['全球监管机构专题研讨会', 'GSR']]);
    expect(bracketPairs('2020年，国际电信联盟第20届全球监管机构专题研讨会（GSR-20）提出')).toEqual([['第20届全球监管机构专题研讨会', 'GSR-20']]);
  });
  it('a near-miss of an official name is marked with the official name', () => {
    const doc = prepareDocument('t', '；国际货币组织（IMF）发布有关数字货币的研究报告');
    const [c] = extractAcronyms(doc, findBrackets(doc), fixtureReference());
    expect(c.terms[0]).toMatchObject({ text: '国际货币组织', type: 'variant', status: 'deprecated', note: 'near-miss of the official name 国际货币基金组织' });
  });
  it('acronym first with the Chinese name in square brackets, and an English name with its Chinese', () => {
    expect(bracketPairs('BASIS[孟加拉国软件和信息服务协会]电子商务联盟')).toEqual([['孟加拉国软件和信息服务协会', 'BASIS']]);
    expect(bracketPairs('经社部推出了在线技术平台“2030 Connect”(“连通 2030”), 支持企业家')).toEqual([['连通2030', '2030 Connect']]);
  });
  it('list labels and action-line codes are not acronyms', () => {
    expect(bracketPairs('(a) 信息和通信基础设施(C2)\n(b) 能力建设(C4)')).toEqual([]);
  });
});

describe('titles and document symbols', () => {
  it('a title keeps its marks and takes the symbol in brackets after it', () => {
    const doc = prepareDocument('t', '回顾《内罗毕共识》(TD/519/Add.2)第 100(r)段，回顾《布里奇顿协定》(TD/541/Add.2)，');
    const titles = extractTitles(doc, findBrackets(doc));
    expect(titles.map((c) => c.terms.map((t) => t.text))).toEqual([
      ['《内罗毕共识》', 'TD/519/Add.2'],
      ['《布里奇顿协定》', 'TD/541/Add.2'],
    ]);
    expect(titles[0].category).toBe('document');
  });
  it('bare symbols are references; a joint symbol is two; URLs are not searched', () => {
    const doc = prepareDocument('t', '背景文件(TD/B/EDE/5/2)。E/2020/31-E/CN.16/2020/4. 见 https://undocs.org/A/76/220 和 A/RES/75/202.');
    expect(extractSymbols(doc).map((c) => c.terms[0].text)).toEqual(['TD/B/EDE/5/2', 'E/2020/31', 'E/CN.16/2020/4', 'A/RES/75/202']);
  });
});

describe('enumerations', () => {
  it('the contributors footnote: every item, names holding a 、 kept whole', () => {
    const items = enumerationItems(seed('001').text)
      .filter((c) => c.start > 1200 && c.start < 1700)
      .map((c) => c.terms[0].text);
    expect(items).toEqual([
      '非洲联盟委员会', '进步通信协会', '欧洲委员会', '亚洲及太平洋经济社会委员会', '西亚经济社会委员会', '欧洲经济委员会',
      '拉丁美洲和加勒比经济委员会', '联合国粮食及农业组织', '国际图书馆协会联合会', '互联网治理理论秘书处', '因特网学会',
      '国际电信联盟', '国际贸易中心', '经济合作与发展组织', '贸发会议', '联合国儿童基金会', '联合国开发计划署',
      '联合国经济和社会事务部', '联合国教育、科学及文化组织', '联合国促进性别平等和增强妇女权能署', '联合国环境规划署',
      '联合国信息社会小组', '联合国工业发展组织', '联合国毒品和犯罪问题办公室', '世界银行', '世界卫生组织',
      '世界知识产权组织', '世界气象组织', '世界贸易组织',
    ]);
  });
  it('the 2024 footnote separated by ", ": 38 contributors, 国际图书馆协会和机构联合会 not split at 和', () => {
    const items = enumerationItems(seed('002').text)
      .filter((c) => c.start > 1100 && c.start < 1800)
      .map((c) => c.terms[0].text);
    expect(items).toHaveLength(38);
    expect(items).toContain('国际图书馆协会和机构联合会');
    expect(items.slice(-3)).toEqual(['世界气象组织', '世界贸易组织', '万维网基金会']);
  });
  it('the attendance annex: one item per cell, countries under 成员国, group headings skipped', () => {
    const doc = prepareDocument('000', seed('000').text);
    const items = extractEnumerations(doc, findBrackets(doc), [], ReferenceIndex.empty());
    const countries = items.filter((c) => c.category === 'country').map((c) => c.terms[0].text);
    expect(countries).toHaveLength(80);
    expect(countries.slice(0, 4)).toEqual(['阿尔巴尼亚', '墨西哥', '阿尔及利亚', '摩洛哥']);
    const others = items.filter((c) => c.category !== 'country').map((c) => c.terms[0].text);
    expect(others).toEqual(expect.arrayContaining(['非洲联盟', '法语国家及地区国际组织', '秘书长技术问题特使办公室', '世界银行集团', '国际消费者团结和信任协会', '“瑞士村”非政府组织']));
    expect(others).not.toContain('普通类');
  });
  it('an inline list in running text: the last item is cut before its verb, A和B split, known short names count', () => {
    const doc = prepareDocument('t', '49. 全球移动通信系统协会、国际电联、世界经济论坛和世界银行发布了一项数字发展联合行动计划。');
    const items = (ref: ReferenceIndex) => extractEnumerations(doc, findBrackets(doc), [], ref).map((c) => c.terms[0].text);
    expect(items(ReferenceIndex.empty())).toEqual(['全球移动通信系统协会', '世界经济论坛', '世界银行']);
    expect(items(projectReference())).toEqual(['全球移动通信系统协会', '国际电联', '世界经济论坛', '世界银行']);
  });
  it('a list of activities is not a list of entities', () => {
    const doc = prepareDocument('t', '西亚经社会支持各国政府制定国家数字化战略，汇编各国数字发展报告，并出版大数据准备指南。');
    expect(extractEnumerations(doc, findBrackets(doc), [], ReferenceIndex.empty())).toEqual([]);
  });
});

describe('recurring terms', () => {
  const ranked = scoreRecurringTerms(allSeeds().map((s, i) => prepareDocument(s.name, s.text, i)));
  const rank = (t: string) => ranked.findIndex((x) => x.text === t) + 1;

  it('ranks the official terms of the seeds high', () => {
    for (const term of ['数字鸿沟', '数字化转型', '可持续发展目标', '最不发达国家', '数字经济', '电子商务']) {
      expect(rank(term), term).toBeGreaterThan(0);
      expect(rank(term), term).toBeLessThanOrEqual(60);
    }
  });
  it('never offers general words or fragments of longer terms', () => {
    const texts = ranked.map((x) => x.text);
    for (const word of ['发展', '会议', '国家', '问题', '最大限度', '持续发展', '信息社会世界', '利益攸关']) expect(texts, word).not.toContain(word);
  });
  it('scores by C-value: a term nested in a longer one keeps only what it has on its own', () => {
    const sdg = ranked.find((x) => x.text === '可持续发展目标')!;
    const sd = ranked.find((x) => x.text === '可持续发展')!;
    expect(sd.frequency).toBeGreaterThan(sdg.frequency);
    expect(sd.score).toBeLessThan(Math.log2(5) * sd.frequency);
  });
});

describe('near-misses and display forms', () => {
  it('only insertions or deletions inside an official name of five characters or more', () => {
    expect(nearMissDistance('国际货币组织', '国际货币基金组织')).toBe(2);
    expect(nearMissDistance('2019年冠状病毒病', '2019冠状病毒病')).toBe(1);
    expect(nearMissDistance('世界卫生组织', '世界贸易组织')).toBeUndefined();
    expect(nearMissDistance('日益数字化', '数字化')).toBeUndefined();
    expect(nearMissDistance('全球数字治理', '数字治理')).toBeUndefined();
  });
  it('drops typesetting spaces next to digits but keeps a space before Latin words', () => {
    expect(displayForm('2019 冠状病毒病')).toBe('2019冠状病毒病');
    expect(displayForm('《2020 年数字经济统计数据编制手册》')).toBe('《2020年数字经济统计数据编制手册》');
    expect(displayForm('WHD 卓越咨询')).toBe('WHD 卓越咨询');
  });
});
