import { expect } from 'vitest';
import { SEED, ruleTester } from './rule-tester.js';

ruleTester('mixed-names', {
  valid: [{ name: 'a full name and its short form are one naming, not two', text: SEED.unctadIntroduced }],
  invalid: [
    {
      name: 'one body named two ways (互联网学会 and 因特网学会, from seeds 001 and 002)',
      text: `${SEED.isocInternet}\n${SEED.isocYintewang}`,
      findings: ['因特网学会 → 互联网学会'],
      issues: [{ message: expect.stringContaining('互联网学会 (1×)') }],
    },
    {
      name: '信息通信技术 next to 信息和通信技术',
      text: '信息和通信技术促进发展。信息通信技术的作用。信息和通信技术的应用。',
      findings: ['信息通信技术 → 信息和通信技术'],
    },
  ],
});
