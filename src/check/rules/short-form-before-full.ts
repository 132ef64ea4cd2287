// short-form-before-full: a UN short form used before the full form with the short form in
// brackets has been given (first mention in full, short form in brackets, then the short form).
// One finding per body, at the first early use, suggesting the introduction in its place.
import type { Rule, RuleFinding } from '../rule.js';
import { introductionText, prefersHalfWidth, shortFormUsage } from '../introductions.js';

export const shortFormBeforeFull: Rule = {
  id: 'short-form-before-full',
  description: 'A short form used before the full form has introduced it: first mention in full, short form in brackets.',
  defaultSeverity: 'warning',
  check(input) {
    const findings: RuleFinding[] = [];
    const half = prefersHalfWidth(input.draft.text);
    for (const u of shortFormUsage(input)) {
      const intro = u.introductions[0];
      if (!intro) continue;
      const early = u.shortUses.filter((o) => o.start < intro.start);
      if (early.length === 0) continue;
      const first = early[0];
      findings.push({
        start: first.start,
        end: first.end,
        message: `"${first.text}" is used ${early.length === 1 ? 'once' : `${early.length} times`} before "${intro.text}" introduces it further on; introduce it here, at the first mention.`,
        suggestion: introductionText(u.concept, half),
        conceptId: u.concept.id,
      });
    }
    return findings;
  },
};
