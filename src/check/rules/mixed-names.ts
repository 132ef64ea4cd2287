// mixed-names: one body named in two different ways in one draft (互联网学会 and 因特网学会;
// 联合国大会 and 大会) → which form to keep. Only current forms count: a deprecated form or a
// near-miss is non-standard-name's finding (one finding per slip). Full names and short forms are
// compared separately (a full name and its short form are one naming, not two); titles and
// quotations, which keep the wording of what they quote, are left out. For generic concepts
// (config `mixedNamesDeprecatedOnly`) two admitted forms are a translator's choice, not reported.
import type { Rule, RuleFinding } from '../rule.js';
import { conceptName, inQuotedContext, nameClass, reviewedOccurrences, suggestable } from '../rule.js';
import type { IndexedConcept, IndexedTerm } from '../indexed.js';

interface Use {
  term: IndexedTerm;
  text: string;
  start: number;
  end: number;
  count: number;
}

export const mixedNames: Rule = {
  id: 'mixed-names',
  description: 'One body or concept named in two different ways in the same draft; the form to keep is suggested.',
  defaultSeverity: 'warning',
  check({ draft, data }) {
    const choice = new Set<string>(data.config.mixedNamesDeprecatedOnly);
    const groups = new Map<string, { concept: IndexedConcept; cls: string; uses: Map<string, Use> }>();
    for (const o of reviewedOccurrences(draft)) {
      if (o.term.lang === 'en' || !o.term.trusted || o.term.status === 'deprecated' || choice.has(o.concept.category)) continue;
      const cls = nameClass(o.term);
      if (cls === 'acronym' || inQuotedContext(draft.regions, o.start)) continue;
      const id = `${o.concept.id}\u0000${cls}`;
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { concept: o.concept, cls, uses: new Map() }));
      const u = g.uses.get(o.term.key);
      if (u) u.count++;
      else g.uses.set(o.term.key, { term: o.term, text: o.text, start: o.start, end: o.end, count: 1 });
    }

    const findings: RuleFinding[] = [];
    for (const { concept, uses } of groups.values()) {
      if (uses.size < 2) continue;
      const list = [...uses.values()];
      // Keep the preferred, verified form when the draft uses it, else the most used one.
      const keep = list.find((u) => suggestable(u.term)) ?? [...list].sort((a, b) => b.count - a.count || a.start - b.start)[0];
      const summary = list.map((u) => `${u.text} (${u.count}×)`).join(', ');
      for (const u of list) {
        if (u === keep) continue;
        findings.push({
          start: u.start,
          end: u.end,
          message: `${conceptName(concept)} is named ${uses.size} ways in this draft: ${summary}; keep "${keep.term.text}".`,
          suggestion: suggestable(keep.term) ? keep.term.text : null,
          conceptId: concept.id,
        });
      }
    }
    return findings.sort((a, b) => a.start - b.start);
  },
};
