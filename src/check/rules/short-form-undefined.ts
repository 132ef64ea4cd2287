// short-form-undefined: a short form that is never introduced anywhere in the draft (no full form
// followed by the short form in brackets). One finding per body, at the first use.
import type { Rule, RuleFinding } from '../rule.js';
import { introductionText, prefersHalfWidth, shortFormUsage } from '../introductions.js';

export const shortFormUndefined: Rule = {
  id: 'short-form-undefined',
  description: 'A short form never introduced in the draft by its full form with the short form in brackets.',
  defaultSeverity: 'warning',
  check(input) {
    const findings: RuleFinding[] = [];
    const half = prefersHalfWidth(input.draft.text);
    for (const u of shortFormUsage(input)) {
      if (u.introductions.length > 0 || u.shortUses.length === 0) continue;
      const first = u.shortUses[0];
      const times = u.shortUses.length === 1 ? 'once' : `${u.shortUses.length} times`;
      const full = u.concept.zhFull!.text;
      const fullSeen = u.fullUses.length > 0 ? ` "${full}" appears, but never followed by "${first.text}" in brackets.` : '';
      const intro = introductionText(u.concept, half);
      const write = intro ? ` Write "${intro}" at the first mention.` : ` Introduce it at the first mention with the full name ("${full}", not yet verified) and the short form in brackets.`;
      findings.push({
        start: first.start,
        end: first.end,
        message: `"${first.text}" is used ${times} and never introduced.${fullSeen}${write}`,
        suggestion: intro,
        conceptId: u.concept.id,
      });
    }
    return findings;
  },
};
