// How a draft introduces short forms (UN house style: the first mention in full with the short
// form in brackets, 联合国贸易和发展会议（贸发会议）, then the short form). Shared by the three
// short-form rules.
import type { CheckInput, TermOccurrence } from './rule.js';
import { inAsideContext, nameClass, reviewedOccurrences, suggestable } from './rule.js';
import { hybridNames } from './hybrids.js';
import type { IndexedConcept } from './indexed.js';

export interface ShortFormUsage {
  concept: IndexedConcept;
  /** Short-form uses in running text (not inside an introduction, title, quote, footnote or contents). */
  shortUses: TermOccurrence[];
  /** Full-name occurrences in running text (introductions included). */
  fullUses: TermOccurrence[];
  /** Full-name occurrences followed by a bracket that gives the short form. */
  introductions: TermOccurrence[];
}

/** For every concept whose short form must be introduced: its uses, in draft order. */
export function shortFormUsage(input: CheckInput): ShortFormUsage[] {
  const { draft, data } = input;
  const t = draft.scan.norm.text;
  const categories = new Set<string>(data.config.shortFormCategories);
  const byConcept = new Map<number, ShortFormUsage>();
  // Normalised units inside bracket contents that introduce a short form.
  const inIntro = new Uint8Array(t.length + 1);
  const occurrences = reviewedOccurrences(draft);
  const usage = (c: IndexedConcept) => {
    let u = byConcept.get(c.id);
    if (!u) byConcept.set(c.id, (u = { concept: c, shortUses: [], fullUses: [], introductions: [] }));
    return u;
  };
  const wanted = (c: IndexedConcept) =>
    categories.has(c.category) && c.zhShort !== undefined && c.zhFull !== undefined && !data.shortFormExempt.has(c.zhShort.text);

  for (const o of occurrences) {
    const c = o.concept;
    // A deprecated full name still introduces the short form (non-standard-name reports the name).
    if (!wanted(c) || o.term.lang === 'en' || nameClass(o.term) !== 'name') continue;
    if (inAsideContext(draft.regions, o.start)) continue;
    const u = usage(c);
    u.fullUses.push(o);
    if (t[o.nEnd] !== '(') continue;
    const close = t.indexOf(')', o.nEnd + 1);
    if (close < 0 || close - o.nEnd > data.config.aliasMaxLength) continue;
    const inside = t.slice(o.nEnd + 1, close);
    if (c.terms.some((x) => x.trusted && x.status !== 'deprecated' && nameClass(x) === 'short' && inside.includes(x.key))) {
      u.introductions.push(o);
      inIntro.fill(1, o.nEnd + 1, close);
    }
  }
  // 联合国开发署 is a slip of its own (non-standard-name), not a use of 开发署.
  const inHybrid = new Set(hybridNames(input).map((h) => h.short));
  for (const o of occurrences) {
    const c = o.concept;
    if (!wanted(c) || o.term.lang === 'en' || o.term.status === 'deprecated' || nameClass(o.term) !== 'short') continue;
    if (inHybrid.has(o)) continue;
    if (inAsideContext(draft.regions, o.start)) continue;
    if (inIntro[o.nStart] === 1 && inIntro[o.nEnd - 1] === 1) continue;
    usage(c).shortUses.push(o);
  }
  return [...byConcept.values()];
}

/**
 * "联合国贸易和发展会议（贸发会议）" in the bracket style the draft uses, or null when the full or
 * the short form is not preferred and verified (nothing is suggested then).
 */
export function introductionText(concept: IndexedConcept, halfWidth: boolean): string | null {
  const full = concept.zhFull;
  const short = concept.zhShort;
  if (!full || !short || !suggestable(full) || !suggestable(short)) return null;
  return halfWidth ? `${full.text}(${short.text})` : `${full.text}（${short.text}）`;
}

/** Whether the draft brackets aliases with half-width parentheses (more of them than full-width). */
export function prefersHalfWidth(text: string): boolean {
  const half = (text.match(/[\p{Script=Han}]\(/gu) ?? []).length;
  const full = (text.match(/（/g) ?? []).length;
  return half > full;
}
