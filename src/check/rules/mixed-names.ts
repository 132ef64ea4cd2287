// mixed-names: one body named in two different ways in one draft (互联网学会 and 因特网学会;
// 信息通信技术 and 信息和通信技术) → which form to keep. Full names and short forms are compared
// separately (a full name and its short form are one naming, not two); titles and quotations,
// which keep the wording of what they quote, are left out.
import type { Rule, RuleFinding } from '../rule.js';
import { conceptName, inQuotedContext, nameClass, reviewedOccurrences } from '../rule.js';
import type { IndexedConcept, IndexedTerm } from '../indexed.js';

interface Use {
  key: string;
  text: string;
  start: number;
  end: number;
  term?: IndexedTerm;
  count: number;
}

export const mixedNames: Rule = {
  id: 'mixed-names',
  description: 'One body or concept named in two different ways in the same draft; the form to keep is suggested.',
  defaultSeverity: 'warning',
  check({ draft, data }) {
    const deprecatedOnly = new Set<string>(data.config.mixedNamesDeprecatedOnly);
    const groups = new Map<string, { concept: IndexedConcept; cls: string; uses: Map<string, Use> }>();
    const add = (concept: IndexedConcept, cls: string, key: string, text: string, start: number, end: number, term?: IndexedTerm) => {
      if (inQuotedContext(draft.regions, start)) return;
      const id = `${concept.id}\u0000${cls}`;
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { concept, cls, uses: new Map() }));
      const u = g.uses.get(key);
      if (u) u.count++;
      else g.uses.set(key, { key, text, start, end, term, count: 1 });
    };
    for (const o of reviewedOccurrences(draft)) {
      if (o.term.lang === 'en') continue;
      const cls = nameClass(o.term);
      if (cls === 'acronym') continue;
      add(o.concept, cls, o.term.key, o.text, o.start, o.end, o.term);
    }
    for (const m of draft.scan.nearMisses) add(m.concept, 'name', m.text, m.text, m.start, m.end);

    const findings: RuleFinding[] = [];
    for (const { concept, cls, uses } of groups.values()) {
      if (uses.size < 2) continue;
      if (deprecatedOnly.has(concept.category) && ![...uses.values()].some((u) => !u.term || u.term.status === 'deprecated')) continue;
      const official = cls === 'short' ? concept.zhShort : concept.zhFull;
      const list = [...uses.values()];
      // Keep the official form when the draft uses it, else the most frequent reviewed form.
      const keep =
        list.find((u) => official && u.key === official.key) ??
        [...list].sort((a, b) => Number(b.term?.trusted && b.term.status !== 'deprecated') - Number(a.term?.trusted && a.term.status !== 'deprecated') || b.count - a.count || a.start - b.start)[0];
      const keepText = official && keep.key !== official.key && !(keep.term?.trusted && keep.term.status !== 'deprecated') ? official.text : keep.term?.text ?? keep.text;
      const summary = list.map((u) => `${u.text} (${u.count}×)`).join(', ');
      for (const u of list) {
        if (u === keep) continue;
        findings.push({
          start: u.start,
          end: u.end,
          message: `${conceptName(concept)} is named ${uses.size} ways in this draft: ${summary}; keep "${keepText}".`,
          suggestion: keepText,
          conceptId: concept.id,
        });
      }
    }
    return findings.sort((a, b) => a.start - b.start);
  },
};
