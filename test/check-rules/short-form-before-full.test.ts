import { SEED, ruleTester } from './rule-tester.js';

const later = '贸发会议继续开展电子商务促进发展的工作。';

ruleTester('short-form-before-full', {
  valid: [{ name: 'an introduction, then titles, quotes and exempt short forms', text: `${SEED.unctadIntroduced}\n贸发会议发布了《贸发会议数字经济报告》。大会通过了决议。` }],
  invalid: [
    {
      name: 'the short form used before its introduction',
      text: `${later}\n${SEED.unctadIntroduced}`,
      findings: ['贸发会议 → 联合国贸易和发展会议(贸发会议)'],
      issues: [{ line: 1 }],
    },
  ],
});
