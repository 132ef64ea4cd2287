import { expect } from 'vitest';
import { SEED, ruleTester } from './rule-tester.js';

ruleTester('non-standard-name', {
  valid: [
    { name: 'a correct paragraph (seed 001)', text: SEED.isocInternet },
    // Usage tags ({usage: attributive, as-received, title} on 叙利亚): recognised contexts give nothing.
    { name: 'a country short form as a modifier (叙利亚难民, 叙利亚境内)', text: '难民署继续向叙利亚难民提供援助，叙利亚境内的局势仍然严峻。' },
    { name: 'a country short form inside a quoted title', text: '他提到《叙利亚问题报告》中的结论。' },
    { name: 'a former name in a sentence dated before the renaming ({usage: until 2019})', text: '2014年，前南斯拉夫的马其顿共和国部分地区共有631人自愿回返。' },
    { name: 'a deprecated English name inside a person\'s name (Peter Holland先生)', text: '主席请Peter Holland先生发言。' },
    { name: 'the same after Mr.', text: '会议由Mr. Holland主持。' },
    { name: 'a short form with the full name\'s prefix when the two are one name (联合国开发计划署)', text: '联合国开发计划署发表了报告。' },
    { name: 'a near-miss span does not cross a line break (大会\\n七十九届会议)', text: '联合国大会\n七十九届会议' },
  ],
  invalid: [
    {
      name: 'the near-misses of seed 003 (twice in its paragraph) are errors, with the official name',
      text: SEED.imfNearMiss,
      findings: ['国际货币组织 → 国际货币基金组织', '国际货币组织 → 国际货币基金组织'],
      issues: [{ severity: 'error', conceptId: expect.any(Number) }, { severity: 'error' }],
    },
    {
      name: 'a deprecated form planted in a seed paragraph',
      text: SEED.unctadIntroduced.replace('联合国贸易和发展会议(贸发会议)', '联合国贸发会'),
      findings: ['联合国贸发会 → 联合国贸易和发展会议'],
    },
    {
      name: 'inside a quoted title the finding is a warning, not an error',
      text: '见《联合国贸发会年度报告》。',
      issues: [{ severity: 'warning' }],
    },
    {
      name: 'a country short form naming the State: a warning (its usage tag says it is right elsewhere), never an error',
      text: '叙利亚强调，必须遵守国际法。',
      findings: ['叙利亚 → 阿拉伯叙利亚共和国'],
      issues: [{ severity: 'warning', message: expect.stringContaining('as a modifier') }],
    },
    {
      name: 'a former name without a date: a warning',
      text: '前南斯拉夫的马其顿共和国代表发了言。',
      issues: [{ severity: 'warning' }],
    },
    {
      name: 'a short-form slip gets the short form (埃斯瓦蒂尼 → 斯威士兰, not 斯威士兰王国)',
      text: '埃斯瓦蒂尼代表发了言。',
      findings: ['埃斯瓦蒂尼 → 斯威士兰'],
      issues: [{ severity: 'error' }],
    },
    {
      name: 'a deprecated English name that is no person\'s: an error',
      text: '代表团来自Holland和比利时。',
      findings: ['Holland → Kingdom of the Netherlands'],
    },
    {
      name: 'a short form with a 联合国 prefix it does not take: one error, the short form suggested',
      text: '鼓励联合国开发署继续确保评估这些模式连带的具体信托风险。',
      findings: ['联合国开发署 → 开发署'],
      issues: [{ severity: 'error' }],
    },
    {
      name: 'an admitted hybrid form (联合国教科文组织): a warning with the short form',
      text: '联合国教科文组织出版的指南提及这个方案。',
      findings: ['联合国教科文组织 → 教科文组织'],
      issues: [{ severity: 'warning' }],
    },
    {
      name: 'slips anywhere in a name: the first characters, the last, a word for another kind of body',
      text: '视界卫生组织、世界卫生组识和国际电讯联盟的代表，以及国际货币基金局的专家。',
      findings: ['视界卫生组织 → 世界卫生组织', '世界卫生组识 → 世界卫生组织', '国际电讯联盟 → 国际电信联盟', '国际货币基金局 → 国际货币基金组织'],
    },
  ],
});
