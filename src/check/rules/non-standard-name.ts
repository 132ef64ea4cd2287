// non-standard-name: a form that is not the name → the preferred form. Three kinds:
//   - a deprecated form (联合国贸发会, 埃斯瓦蒂尼), or a form extraction attached to a concept
//     without review;
//   - a near-miss of an official name (国际货币组织, 世界卫生组识), found by the scan;
//   - a hybrid: a short form with a prefix it does not take (联合国开发署 → 开发署; hybrids.ts).
// Severity (docs/CHECKER.md, "Severity"): an error only where the form is wrong in every context
// and a preferred, verified form can be offered. A form whose glossary usage tag says where it is
// right (叙利亚: as a modifier, in titles, in letters as received) gets nothing in a context the
// checker recognises and a warning elsewhere; former names, quotations and titles get warnings.
// Latin words that are part of a person's name (Peter Holland先生) are not names of States.
import type { Rule, RuleFinding } from '../rule.js';
import { conceptName, inQuotedContext, preferredFor, reviewedOccurrences, suggestable } from '../rule.js';
import { USAGE_CONTEXTS } from '../../domain/usage.js';
import type { TermUsage } from '../../domain/usage.js';
import { inPersonName, usageContextHolds } from '../context.js';
import { hybridNames } from '../hybrids.js';

const WARNING = { severity: 'warning' } as const;

function usageText(usage: TermUsage): string {
  const parts = [...usage.contexts].map((c) => USAGE_CONTEXTS[c].replace(/ \(.*\)$/, ''));
  if (usage.until !== undefined) parts.push(`for what happened before ${usage.until}`);
  return parts.join('; ');
}

export const nonStandardName: Rule = {
  id: 'non-standard-name',
  description: 'A deprecated form, a near-miss of an official name or a short form with a prefix it does not take; the preferred form is suggested.',
  defaultSeverity: 'error',
  check({ draft, data, index }) {
    const findings: RuleFinding[] = [];
    const text = draft.text;
    const ctx = { text, regions: draft.regions, norm: draft.scan.norm.text };
    // Inside a quoted title or a quotation the wording belongs to the thing quoted: still worth
    // a look, but not an error.
    const quoted = (start: number) => (inQuotedContext(draft.regions, start) ? WARNING : {});
    const inNearMiss = new Uint8Array(text.length + 1);
    for (const m of draft.scan.nearMisses) inNearMiss.fill(1, m.start, m.end);

    const hybrids = hybridNames({ draft, data, index });
    const inHybrid = new Set(hybrids.map((h) => h.form ?? h.short));
    for (const h of hybrids) {
      const written = text.slice(h.start, h.end);
      const short = h.short?.term ?? h.concept.zhShort;
      const suggestion = short && suggestable(short) ? short : preferredFor(h.concept, short?.key ?? '', 'zh-Hans');
      const seen = h.form ? ' (seen in some UN reports, but not the UN form)' : '';
      findings.push({
        start: h.start,
        end: h.end,
        message: `"${written}" gives the short form a prefix it does not take${seen}; UN documents write ${suggestion ? `"${suggestion.text}"` : 'the short form alone'} or the full name "${h.concept.zhFull?.text ?? ''}" (${conceptName(h.concept)}).`,
        suggestion: suggestion?.text ?? null,
        conceptId: h.concept.id,
        ...(h.form || !suggestion ? WARNING : {}),
        ...quoted(h.start),
      });
    }

    for (const o of reviewedOccurrences(draft)) {
      if (inHybrid.has(o)) continue;
      if (o.term.trusted && o.term.status !== 'deprecated') continue;
      if (o.term.lang === 'en' && inPersonName(text, o.start, o.end, data)) continue;
      const usage = o.term.usage;
      if (usage && usageContextHolds(usage, ctx, o, data)) continue;
      const preferred = preferredFor(o.concept, o.term.key, o.term.lang);
      if (preferred?.key === o.term.key) continue;
      if (o.term.trusted) {
        // A deprecated form. Whether the deprecated row's own attestation is verified does not
        // matter: a form the glossary deprecates is wrong wherever it was seen, unless its usage
        // tag or note says where it is right.
        const former = usage?.until !== undefined || (o.term.note !== null && data.formerName.test(o.term.note));
        const instead = preferred ? `; use "${preferred.text}"` : '';
        const why = usage
          ? `is not the name of ${conceptName(o.concept)}; it is right only ${usageText(usage)}`
          : former
            ? `is a former name of ${conceptName(o.concept)} (${o.term.note})`
            : `is not the official name of ${conceptName(o.concept)}`;
        findings.push({
          start: o.start,
          end: o.end,
          message: `"${o.text}" ${why}${instead}.`,
          suggestion: preferred?.text ?? null,
          conceptId: o.concept.id,
          ...(usage || former || !preferred ? WARNING : {}),
          ...quoted(o.start),
        });
      } else {
        // A form attached to an approved concept by extraction, never reviewed: the reviewed
        // preferred form is known, so point to it, as a warning.
        if (o.concept.terms.some((x) => x.trusted && x.key === o.term.key)) continue;
        if (inNearMiss.subarray(o.start, o.end).includes(1)) continue;
        if (!preferred) continue;
        findings.push({
          start: o.start,
          end: o.end,
          message: `"${o.text}" is not a reviewed name of ${conceptName(o.concept)} (found by extraction); the official form is "${preferred.text}".`,
          suggestion: preferred.text,
          conceptId: o.concept.id,
          ...WARNING,
        });
      }
    }
    for (const m of draft.scan.nearMisses) {
      const how = m.reordered
        ? `it has the characters of "${m.target.term.text}" in another order`
        : `it differs by ${m.distance} character${m.distance > 1 ? 's' : ''} from "${m.target.term.text}"`;
      // An error only when the name it is closest to is itself preferred and verified; a slip of
      // an admitted or unchecked form is a warning (with the preferred form when there is one).
      const official = suggestable(m.target.term);
      const suggestion = official ? m.target.term : preferredFor(m.concept, m.target.term.key, 'zh-Hans');
      const caveat = official ? '' : suggestion ? `, not its preferred name "${suggestion.text}"` : ' (no preferred, verified form to offer yet)';
      findings.push({
        start: m.start,
        end: m.end,
        message: `"${m.text}" is not an official name; ${how}, a name of ${conceptName(m.concept)}${caveat}.`,
        suggestion: suggestion?.text ?? null,
        conceptId: m.concept.id,
        ...(official ? {} : WARNING),
        ...quoted(m.start),
      });
    }
    return findings.sort((a, b) => a.start - b.start);
  },
};
