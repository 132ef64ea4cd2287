// traditional-characters: Traditional characters or forms in a Simplified draft (opencc-js,
// Hong Kong/Taiwan variants included). Adjacent characters make one finding (國際電聯 → 国际电联).
// A draft written mostly in Traditional characters is a Traditional draft: one note, no errors.
import { findTraditional } from '../../domain/normalize.js';
import type { Rule, RuleFinding } from '../rule.js';

const HAN = /\p{Script=Han}/gu;

export const traditionalCharacters: Rule = {
  id: 'traditional-characters',
  description: 'Traditional characters or forms in a Simplified Chinese draft; the Simplified form is suggested.',
  defaultSeverity: 'error',
  check({ draft, data }) {
    const text = draft.text;
    const found = findTraditional(text);
    if (found.length === 0) return [];
    const han = text.match(HAN)?.length ?? 0;
    if (han > 0 && found.length / han > data.config.traditionalDraftRatio) {
      return [
        {
          start: found[0].index,
          end: found[0].index + found[0].char.length,
          message: `This draft is written in Traditional characters (${found.length} of ${han} Chinese characters); the traditional-characters rule applies to Simplified drafts only.`,
          suggestion: null,
          conceptId: null,
          severity: 'info',
        },
      ];
    }
    const findings: RuleFinding[] = [];
    let i = 0;
    while (i < found.length) {
      let j = i;
      while (j + 1 < found.length && found[j + 1].index === found[j].index + found[j].char.length) j++;
      const start = found[i].index;
      const end = found[j].index + found[j].char.length;
      const simplified = found.slice(i, j + 1).map((f) => f.simplified).join('');
      findings.push({
        start,
        end,
        message: `Traditional form "${text.slice(start, end)}" in a Simplified draft; write "${simplified}".`,
        suggestion: simplified,
        conceptId: null,
      });
      i = j + 1;
    }
    return findings;
  },
};
