import { expect } from 'vitest';
import { SEED, ruleTester } from './rule-tester.js';

ruleTester('mixed-names', {
  valid: [
    { name: 'a full name and its short form are one naming, not two', text: SEED.unctadIntroduced },
    {
      name: 'a deprecated form is non-standard-name\'s finding, not a second one here (信息通信技术)',
      text: '信息和通信技术促进发展。信息通信技术的作用。信息和通信技术的应用。',
    },
    {
      name: 'a near-miss is non-standard-name\'s finding (国际货币组织 next to 国际货币基金组织)',
      text: '国际货币基金组织发表报告。国际货币组织的报告。',
    },
  ],
  invalid: [
    {
      name: 'one body named two ways (互联网学会 and 因特网学会, from seeds 001 and 002)',
      text: `${SEED.isocInternet}\n${SEED.isocYintewang}`,
      findings: ['因特网学会 → 互联网学会'],
      issues: [{ message: expect.stringContaining('互联网学会 (1×)') }],
    },
    {
      name: 'counts are the draft\'s: each use once',
      text: '因特网学会发表声明。互联网学会与因特网学会合作。',
      findings: ['因特网学会 → 互联网学会'],
      issues: [{ message: expect.stringContaining('因特网学会 (2×), 互联网学会 (1×)') }],
    },
  ],
});
