import { expect } from 'vitest';
import { SEED, ruleTester } from './rule-tester.js';

const later = '贸发会议继续开展电子商务促进发展的工作。';

ruleTester('short-form-undefined', {
  valid: [
    { name: 'an introduction, then titles, quotes and exempt short forms', text: `${SEED.unctadIntroduced}\n贸发会议发布了《贸发会议数字经济报告》。大会通过了决议。` },
    { name: 'country short forms need no introduction', text: '中国和印度代表发了言。' },
  ],
  invalid: [
    {
      name: 'a short form never introduced (warning), once per body',
      text: `${later}\n${later}`,
      findings: ['贸发会议 → 联合国贸易和发展会议（贸发会议）'],
      issues: [{ severity: 'warning', message: expect.stringContaining('2 times') }],
    },
  ],
});
