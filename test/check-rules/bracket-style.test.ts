import { SEED, ruleTester } from './rule-tester.js';

ruleTester('bracket-style', {
  valid: [
    {
      name: 'one consistent style, and brackets that hold no alias are not counted',
      text: `${SEED.unctadIntroduced}\n国际电信联盟(国际电联)在 2020 年（疫情期间）开会。`,
    },
  ],
  invalid: [
    {
      name: 'the minority bracket style around aliases',
      text: `${SEED.imfNearMiss}\n国际电信联盟(国际电联)和世界贸易组织（WTO）。`,
      findings: ['(国际电联) → （国际电联）'],
    },
    {
      name: 'a bracket that opens full-width and closes half-width',
      text: '世界贸易组织（WTO)的报告。',
      findings: ['（WTO) → （WTO）'],
    },
  ],
});
