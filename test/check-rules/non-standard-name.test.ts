import { expect } from 'vitest';
import { SEED, ruleTester } from './rule-tester.js';

ruleTester('non-standard-name', {
  valid: [{ name: 'a correct paragraph (seed 001)', text: SEED.isocInternet }],
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
      text: '见《因特网学会年度报告》。',
      issues: [{ severity: 'warning' }],
    },
  ],
});
