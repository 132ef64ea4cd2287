import { SEED, ruleTester } from './rule-tester.js';

ruleTester('full-form-repeated', {
  valid: [{ name: 'an introduction, then titles, quotes and exempt short forms', text: `${SEED.unctadIntroduced}\n贸发会议发布了《贸发会议数字经济报告》。大会通过了决议。` }],
  invalid: [
    {
      name: 'the full form again after the introduction',
      text: `${SEED.unctadIntroduced}\n联合国贸易和发展会议秘书处编写了本报告。`,
      findings: ['联合国贸易和发展会议 → 贸发会议'],
      issues: [{ line: 2 }],
    },
  ],
});
