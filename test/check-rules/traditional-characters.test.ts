import { SEED, ruleTester } from './rule-tester.js';

ruleTester('traditional-characters', {
  valid: [{ name: 'a Simplified paragraph', text: SEED.isocInternet }],
  invalid: [
    {
      name: 'one finding per name or word, not per run of changed characters',
      text: SEED.isocInternet.replace('互联网学会', '互聯網學會').replace('合作', '合作開發'),
      findings: ['互聯網學會 → 互联网学会', '開發 → 开发'],
      issues: [{ severity: 'error' }, { severity: 'error' }],
    },
    {
      name: '聯合國兒童基金會-like names: one finding over the whole name (國際電信聯盟)',
      text: '本报告介绍了國際電信聯盟在各区域开展的能力建设活动和培训方案。',
      findings: ['國際電信聯盟 → 国际电信联盟'],
    },
    {
      name: 'changed characters two Han characters apart are one word (發展中國家)',
      text: '本报告介绍了發展中國家在各区域开展的能力建设活动和培训方案以及相关成果。',
      findings: ['發展中國家 → 发展中国家'],
    },
    {
      name: 'a Traditional draft gets one note instead of an error per character',
      text: '國際電信聯盟與聯合國貿易和發展會議合作。',
      issues: [{ severity: 'info' }],
    },
  ],
});
