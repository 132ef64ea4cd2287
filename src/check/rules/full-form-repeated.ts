// full-form-repeated: the full form spelled out again after the short form was introduced.
import type { Rule, RuleFinding } from '../rule.js';
import { suggestable } from '../rule.js';
import { shortFormUsage } from '../introductions.js';

export const fullFormRepeated: Rule = {
  id: 'full-form-repeated',
  description: 'The full form spelled out again after its short form has been introduced; the short form is suggested.',
  defaultSeverity: 'info',
  check(input) {
    const findings: RuleFinding[] = [];
    for (const u of shortFormUsage(input)) {
      const intro = u.introductions[0];
      if (!intro) continue;
      const shortTerm = u.concept.zhShort!;
      const short = shortTerm.text;
      for (const o of u.fullUses) {
        if (o.start <= intro.start) continue;
        const again = u.introductions.includes(o);
        findings.push({
          start: o.start,
          end: o.end,
          message: again
            ? `"${short}" was already introduced (at "${intro.text}" earlier); no need to introduce it again.`
            : `"${short}" was introduced earlier; after the first mention UN style uses the short form.`,
          suggestion: again || !suggestable(shortTerm) ? null : short,
          conceptId: u.concept.id,
        });
      }
    }
    return findings;
  },
};
