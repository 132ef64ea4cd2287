// bracket-style: mixed full-width and half-width brackets around aliases in one draft
// (联合国贸易和发展会议（贸发会议） … 国际电信联盟(国际电联)), and brackets that open in one width
// and close in the other. The minority style is reported, with the draft's main style suggested
// (full-width on a tie, the Chinese norm).
import { normalizeKey } from '../../domain/normalize.js';
import { looksLikeAcronym } from '../../domain/terms.js';
import type { Rule, RuleFinding } from '../rule.js';
import type { IndexedConcept } from '../indexed.js';

const OPEN: Record<string, 'full' | 'half'> = { '（': 'full', '(': 'half' };
const CLOSE: Record<string, 'full' | 'half'> = { '）': 'full', ')': 'half' };

interface AliasBracket {
  open: number;
  close: number;
  openStyle: 'full' | 'half';
  closeStyle: 'full' | 'half';
  content: string;
}

export const bracketStyle: Rule = {
  id: 'bracket-style',
  description: 'Full-width and half-width brackets mixed around aliases (name (short form) / name（short form）).',
  defaultSeverity: 'warning',
  check({ draft, index, data }) {
    const text = draft.text;
    const spans: Array<{ end: number; concept: IndexedConcept }> = [
      ...draft.scan.occurrences.map((o) => ({ end: o.end, concept: o.concept })),
      ...draft.scan.nearMisses.map((m) => ({ end: m.end, concept: m.concept })),
    ];
    const brackets: AliasBracket[] = [];
    const seen = new Set<number>();
    for (const { end, concept } of spans) {
      let open = end;
      if (text[open] === ' ') open++;
      const openStyle = OPEN[text[open]];
      if (!openStyle || seen.has(open)) continue;
      let close = open + 1;
      while (close < text.length && close - open <= data.config.aliasMaxLength && CLOSE[text[close]] === undefined && OPEN[text[close]] === undefined && text[close] !== '\n') close++;
      const closeStyle = CLOSE[text[close]];
      if (!closeStyle) continue;
      const content = text.slice(open + 1, close).trim();
      const first = content.split(/[,，;；、]/)[0].trim();
      const isAlias =
        looksLikeAcronym(first, 'initial') ||
        (index.patternByKey(normalizeKey(first))?.terms.some((t) => t.conceptId === concept.id) ?? false);
      if (!isAlias) continue;
      seen.add(open);
      brackets.push({ open, close, openStyle, closeStyle, content });
    }
    const full = brackets.filter((b) => b.openStyle === 'full' && b.closeStyle === 'full').length;
    const half = brackets.filter((b) => b.openStyle === 'half' && b.closeStyle === 'half').length;
    const main: 'full' | 'half' = half > full ? 'half' : 'full';
    const render = (b: AliasBracket, style: 'full' | 'half') => (style === 'full' ? `（${b.content}）` : `(${b.content})`);
    const findings: RuleFinding[] = [];
    for (const b of brackets) {
      const original = text.slice(b.open, b.close + 1);
      if (b.openStyle !== b.closeStyle) {
        findings.push({
          start: b.open,
          end: b.close + 1,
          message: `Bracket opens ${b.openStyle}-width and closes ${b.closeStyle}-width in "${original}".`,
          suggestion: render(b, main),
          conceptId: null,
        });
      } else if (full > 0 && half > 0 && b.openStyle !== main) {
        findings.push({
          start: b.open,
          end: b.close + 1,
          message: `This draft brackets aliases ${main}-width ${main === 'full' ? full : half} times and ${b.openStyle}-width ${main === 'full' ? half : full} times; use one style (${main}-width).`,
          suggestion: render(b, main),
          conceptId: null,
        });
      }
    }
    return findings;
  },
};
