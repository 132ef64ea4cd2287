import { expect, it } from 'vitest';
import { check, ruleTester, store } from './rule-tester.js';

const source = 'The International Telecommunication Union (ITU) and the World Trade Organization worked with the Internet Society.';

ruleTester('missing-equivalent', {
  valid: [
    {
      name: 'every English glossary term of the source has its Chinese in the draft',
      text: '国际电信联盟(国际电联)和世界贸易组织与互联网学会合作。',
      source,
    },
  ],
  invalid: [
    {
      name: 'English glossary terms whose Chinese is absent from the draft, reported in the source',
      text: '国际电信联盟(国际电联)与互联网学会合作。',
      source,
      findings: ['World Trade Organization → 世界贸易组织'],
      issues: [{ in: 'source', line: 1, column: source.indexOf('World Trade') + 1 }],
    },
  ],
});

it('missing-equivalent does not run without a source', () => {
  expect(check(store, '你好。').summary.rules).not.toContain('missing-equivalent');
});
