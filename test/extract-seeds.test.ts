// Every full-name(short form) and name(ACRONYM) pair in the five seed reports, with exact
// boundaries. The lists were written by reading the reports; the order is the order in the text.
// Each seed is checked twice: without any reference glossary (the boundaries come from the text
// alone) and with the project's glossary (which may only confirm them, or mark a near-miss).
import { describe, expect, it } from 'vitest';
import { bracketCandidates, bracketPairs, projectReference, seed } from './fixtures/extract/helpers.js';

const EXPECTED: Record<string, Array<[string, string]>> = {
  // Report of the Intergovernmental Group of Experts on E-commerce and the Digital Economy, 5th session.
  '000': [
    ['2019冠状病毒病', 'COVID-19'], // 强调在 2019 冠状病毒病(COVID-19): 在 ends the name, the year is part of it
    ['信息和通信技术', '信通技术'],
    ['国际电信联盟', '国际电联'], // 嘉宾有：国际电信联盟(国际电联)数字知识中心主任
    ['东南亚国家联盟', '东盟'], // the ASEAN pair inside the ERIA name (see the ERIA test below)
    ['经济合作与发展组织', '经合组织'], // 皮萨先生、经济合作与发展组织(经合组织)政策分析员
  ],
  // Secretary-General's report on WSIS outcomes, 2021: the contributors' footnote.
  '001': [
    ['联合国贸易和发展会议', '贸发会议'], // 为回应联合国贸易和发展会议(贸发会议)
    ['2019年冠状病毒病', 'COVID-19'],
    ['信息和通信技术', '信通技术'],
    ['亚洲及太平洋经济社会委员会', '亚太经社会'],
    ['西亚经济社会委员会', '西亚经社会'],
    ['欧洲经济委员会', '欧洲经委会'],
    ['拉丁美洲和加勒比经济委员会', '拉加经委会'],
    ['联合国粮食及农业组织', '粮农组织'],
    ['国际图书馆协会联合会', '国际图联'],
    ['国际电信联盟', '国际电联'],
    ['经济合作与发展组织', '经合组织'],
    ['联合国儿童基金会', '儿基会'], // 、贸发会议、联合国儿童基金会(儿基会)
    ['联合国开发计划署', '开发署'],
    ['联合国经济和社会事务部', '经社部'],
    ['联合国教育、科学及文化组织', '教科文组织'], // the name holds a 、
    ['联合国促进性别平等和增强妇女权能署', '妇女署'],
    ['世界卫生组织', '世卫组织'],
    ['世界知识产权组织', '知识产权组织'],
    ['世界气象组织', '气象组织'],
    ['世界贸易组织', '世贸组织'],
    ['连通2030', '2030 Connect'], // “2030 Connect”(“连通 2030”): an English name and its Chinese
  ],
  // Secretary-General's report on WSIS outcomes, 2024: the footnote list separated by ", ".
  '002': [
    ['联合国贸易和发展会议', '贸发会议'],
    ['信息和通信技术', '信通技术'],
    ['2019冠状病毒病', 'COVID-19'], // 2008/09 年金融危机和 2019 冠状病毒病(COVID-19)
    ['亚洲及太平洋经济社会委员会', '亚太经社会'],
    ['西亚经济社会委员会', '西亚经社会'],
    ['非洲经济委员会', '非洲经委会'],
    ['欧洲经济委员会', '欧洲经委会'],
    ['拉丁美洲和加勒比经济委员会', '拉加经委会'],
    ['联合国粮食及农业组织', '粮农组织'],
    ['国际图书馆协会和机构联合会', '国际图联'],
    ['国际电信联盟', '国际电联'],
    ['经济合作与发展组织', '经合组织'],
    ['联合国儿童基金会', '儿基会'],
    ['联合国经济和社会事务部', '经社部'],
    ['联合国开发计划署', '开发署'],
    ['联合国教育、科学及文化组织', '教科文组织'],
    ['联合国促进性别平等和增强妇女权能署', '妇女署'],
    ['联合国环境规划署', '环境署'],
    ['联合国气候变化框架公约', '气候公约'],
    ['联合国工业发展组织', '工发组织'],
    ['世界卫生组织', '世卫组织'],
    ['世界知识产权组织', '知识产权组织'],
    ['国际劳工组织', '劳工组织'], // 58. 国际劳工组织(劳工组织)
  ],
  // A Member State proposal to ITU: full-width brackets and English acronyms.
  '003': [
    ['全球监管机构专题研讨会', 'GSR'], // 并会定期主办全球监管机构专题研讨会（GSR）
    ['世界电信/ICT指标专题研讨会', 'WTIS'],
    ['第20届全球监管机构专题研讨会', 'GSR-20'], // 国际电信联盟第20届…（GSR-20）: the ordinal goes with -20
    ['全球监管机构专题研讨会', 'GSR'], // 参见2020年全球监管机构专题研讨会（GSR）: the year does not
    ['二十国集团', 'G20'],
    ['世界贸易组织', 'WTO'], // 联合国框架下世界贸易组织（WTO）
    ['国际货币组织', 'IMF'], // a near-miss of 国际货币基金组织, kept as written
    ['自由贸易协定', 'FTA'], // 巨型自由贸易协定（FTA）: the modifier 巨型 is not part of the name
    ['国际标准化组织', 'ISO'],
    ['国际电工委员会', 'IEC'],
    ['美国电气与电子工程师协会', 'IEEE'],
    ['世界贸易组织', 'WTO'],
    ['国际货币组织', 'IMF'],
    ['跨太平洋伙伴关系协议', 'TPP'], // 以跨太平洋伙伴关系协议/全面与进步…（TPP/CPTPP）: paired forms
    ['全面与进步跨太平洋伙伴关系协定', 'CPTPP'],
    ['区域全面经济伙伴关系', 'RCEP'], // 东盟“10+6”区域全面经济伙伴关系（RCEP，目前已签署…）
    ['《中欧全面投资协定》', 'CAI'],
  ],
  // Chair's summary of the Working Group on Measuring E-commerce: an attendance annex.
  '004': [
    ['冠状病毒病', 'COVID-19'], // 强调，冠状病毒病(COVID-19)大流行
    ['信息和通信技术', '信通技术'],
    ['孟加拉国软件和信息服务协会', 'BASIS'], // BASIS[孟加拉国软件和信息服务协会]: square brackets, acronym first
    ['企业对消费者', 'B2C'],
  ],
};

describe('bracket pairs in the seed reports, exact boundaries', () => {
  const reference = projectReference();
  for (const [prefix, expected] of Object.entries(EXPECTED)) {
    it(`seed ${prefix}: every pair, nothing else (no glossary)`, () => {
      expect(bracketPairs(seed(prefix).text)).toEqual(expected);
    });
    it(`seed ${prefix}: the same pairs with the reference glossary`, () => {
      expect(bracketPairs(seed(prefix).text, reference)).toEqual(expected);
    });
  }

  it('seed 000: 东南亚国家联盟(东盟)和东亚经济研究所 is one institution (ERIA) whose name contains ASEAN', () => {
    const candidates = bracketCandidates(seed('000').text);
    const eria = candidates.find((c) => c.terms.some((t) => t.text === '东南亚国家联盟和东亚经济研究所'));
    expect(eria).toBeDefined();
    expect(eria!.terms.map((t) => t.text)).toEqual(['东南亚国家联盟和东亚经济研究所']);
    const text = seed('000').text;
    expect(text.slice(eria!.start, eria!.end)).toBe('东南亚国家联盟(东盟)和东亚经济研究所');
    // 东盟 stays the alias of ASEAN only.
    const withDongmeng = candidates.filter((c) => c.terms.some((t) => t.text === '东盟'));
    expect(withDongmeng.map((c) => c.terms[0].text)).toEqual(['东南亚国家联盟']);
  });

  it('seed 004: a name in another language in brackets is kept, not taken for English', () => {
    const c = bracketCandidates(seed('004').text).find((x) => x.otherName);
    expect(c?.terms.map((t) => t.text)).toEqual(['喀麦隆社区倡议小组']);
    expect(c?.otherName).toBe("Groupe d'Initiative Commune Cadire");
  });

  it('seed 003: with the glossary, 国际货币组织（IMF） is a near-miss of 国际货币基金组织', () => {
    const imf = bracketCandidates(seed('003').text, reference).filter((c) => c.terms.some((t) => t.text === 'IMF'));
    expect(imf).toHaveLength(2);
    for (const c of imf) {
      expect(c.terms[0]).toMatchObject({ text: '国际货币组织', type: 'variant', status: 'deprecated' });
      expect(c.terms[0].note).toMatch(/国际货币基金组织/);
    }
  });
});
