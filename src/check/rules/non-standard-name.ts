// non-standard-name: a deprecated form, or a near-miss, of an official name → the official form.
import type { Rule, RuleFinding } from '../rule.js';
import { conceptName, inQuotedContext, officialFor, reviewedOccurrences } from '../rule.js';

export const nonStandardName: Rule = {
  id: 'non-standard-name',
  description: 'A deprecated form or a near-miss of an official name; the official form is suggested.',
  defaultSeverity: 'error',
  check({ draft, data }) {
    const findings: RuleFinding[] = [];
    // Inside a quoted title or a quotation the wording belongs to the thing quoted: still worth
    // a look, but not an error.
    const quoted = (start: number) => (inQuotedContext(draft.regions, start) ? ({ severity: 'warning' } as const) : {});
    const nearMissSpans = draft.scan.nearMisses.map((m) => [m.start, m.end] as const);

    for (const o of reviewedOccurrences(draft)) {
      const official = officialFor(o.concept, o.term);
      if (!official || official.key === o.term.key) continue;
      if (o.term.status === 'deprecated' && o.term.trusted) {
        // An error only when the official form it gives way to is verified, and the form is not
        // merely a former name (a text written before the change used it rightly). Whether the
        // deprecated row's own attestation is verified does not matter: a form the glossary
        // deprecates in favour of a verified name is wrong wherever it was seen.
        const former = o.term.note !== null && data.formerName.test(o.term.note);
        const unverified = official.verified && !former ? {} : ({ severity: 'warning' } as const);
        const why = former ? `is a former name of ${conceptName(o.concept)} (${o.term.note})` : `is not the official name of ${conceptName(o.concept)}`;
        findings.push({
          start: o.start,
          end: o.end,
          message: `"${o.text}" ${why}; use "${official.text}".`,
          suggestion: official.text,
          conceptId: o.concept.id,
          ...unverified,
          ...quoted(o.start),
        });
      } else if (!o.term.trusted) {
        // A form attached to an approved concept by extraction, never reviewed: the reviewed
        // official form is known, so point to it, as a warning.
        if (o.concept.terms.some((x) => x.trusted && x.key === o.term.key)) continue;
        if (nearMissSpans.some(([s, e]) => s < o.end && o.start < e)) continue;
        findings.push({
          start: o.start,
          end: o.end,
          message: `"${o.text}" is not a reviewed name of ${conceptName(o.concept)} (found by extraction); the official form is "${official.text}".`,
          suggestion: official.text,
          conceptId: o.concept.id,
          severity: 'warning',
        });
      }
    }
    for (const m of draft.scan.nearMisses) {
      const how = m.reordered
        ? `it has the characters of "${m.target.term.text}" in another order`
        : `it differs by ${m.distance} character${m.distance > 1 ? 's' : ''} from "${m.target.term.text}"`;
      const unverified = m.target.term.verified ? {} : ({ severity: 'warning' } as const);
      findings.push({
        start: m.start,
        end: m.end,
        message: `"${m.text}" is not an official name; ${how}, the name of ${conceptName(m.concept)}${m.target.term.verified ? '' : ' (not yet verified against UNTERM)'}.`,
        suggestion: m.target.term.text,
        conceptId: m.concept.id,
        ...unverified,
        ...quoted(m.start),
      });
    }
    return findings;
  },
};
