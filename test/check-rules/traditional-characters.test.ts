import { SEED, ruleTester } from './rule-tester.js';

ruleTester('traditional-characters', {
  valid: [{ name: 'a Simplified paragraph', text: SEED.isocInternet }],
  invalid: [
    {
      name: 'Traditional runs in a Simplified paragraph: one finding each',
      text: SEED.isocInternet.replace('互联网学会', '互聯網學會').replace('合作', '合作開發'),
      findings: ['聯網學會 → 联网学会', '開發 → 开发'],
      issues: [{ severity: 'error' }, { severity: 'error' }],
    },
    {
      name: 'a Traditional draft gets one note instead of an error per character',
      text: '國際電信聯盟與聯合國貿易和發展會議合作。',
      issues: [{ severity: 'info' }],
    },
  ],
});
