// missing-equivalent (bilingual mode, --source EN_FILE): an English glossary term found in the
// source whose official Chinese equivalent (any reviewed Chinese form of the concept) does not
// appear in the draft. Reported once per concept, at its first place in the source.
import type { Rule, RuleFinding } from '../rule.js';
import { conceptName, reviewedOccurrences, suggestable } from '../rule.js';

export const missingEquivalent: Rule = {
  id: 'missing-equivalent',
  description: 'An English glossary term of the source whose official Chinese equivalent is absent from the draft.',
  defaultSeverity: 'warning',
  needsSource: true,
  check({ draft, source }) {
    if (!source) return [];
    const present = new Set<number>();
    for (const o of draft.scan.occurrences) if (o.term.lang !== 'en') present.add(o.concept.id);
    for (const m of draft.scan.nearMisses) present.add(m.concept.id);
    const counts = new Map<number, number>();
    const firsts = new Map<number, (typeof source.scan.occurrences)[number]>();
    for (const o of reviewedOccurrences(source)) {
      if (o.term.lang !== 'en' || !o.term.trusted || !o.concept.zhFull) continue;
      counts.set(o.concept.id, (counts.get(o.concept.id) ?? 0) + 1);
      if (!firsts.has(o.concept.id)) firsts.set(o.concept.id, o);
    }
    const findings: RuleFinding[] = [];
    for (const [id, o] of firsts) {
      if (present.has(id)) continue;
      const c = o.concept;
      const n = counts.get(id)!;
      const zh = c.zhShort ? `"${c.zhFull!.text}" or "${c.zhShort.text}"` : `"${c.zhFull!.text}"`;
      findings.push({
        in: 'source',
        start: o.start,
        end: o.end,
        message: `"${o.text}" is in the source${n > 1 ? ` (${n}×)` : ''} but its official Chinese, ${zh}, is not in the draft (${conceptName(c)}).`,
        suggestion: suggestable(c.zhFull!) ? c.zhFull!.text : null,
        conceptId: c.id,
      });
    }
    return findings.sort((a, b) => a.start - b.start);
  },
};
