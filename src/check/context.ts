// Where an occurrence stands, for the forms that are right in some contexts and not others: the
// usage tag of a glossary term (src/domain/usage.ts) names the contexts, this module recognises
// them in a draft. Also: Latin words that are part of a person's name (Peter Holland先生 is not the
// Netherlands).
import type { TermUsage } from '../domain/usage.js';
import type { CheckData } from './data.js';
import { inQuotedContext } from './rule.js';

/** The draft as the context tests need it: original text, its regions, its normalised form. */
export interface DraftContext {
  text: string;
  regions: Uint8Array;
  /** The normalised draft (occurrences give their normalised end, for the word after them). */
  norm: string;
}

/** The form is followed directly by a noun it modifies (叙利亚难民, 英国王室). */
export function isAttributive(norm: string, nEnd: number, data: CheckData): boolean {
  for (let len = Math.min(data.maxAttributiveHead, norm.length - nEnd); len > 0; len--) {
    if (data.attributiveHeads.has(norm.slice(nEnd, nEnd + len))) return true;
  }
  return false;
}

const SENTENCE_END = /[。！？!?\n]/;
const YEAR = /(?<!\d)(1[89]\d\d|20\d\d)(?!\d)/g;

/** The sentence around [start, end) gives a year before `until` (2014年，…前南斯拉夫的马其顿共和国…). */
export function inDatedContext(text: string, start: number, end: number, until: number): boolean {
  let from = start;
  while (from > 0 && !SENTENCE_END.test(text[from - 1])) from--;
  let to = end;
  while (to < text.length && !SENTENCE_END.test(text[to])) to++;
  const sentence = `${text.slice(from, start)} ${text.slice(end, to)}`;
  for (const m of sentence.matchAll(YEAR)) if (Number(m[1]) < until) return true;
  return false;
}

/** A context the usage tag names, recognised at this occurrence (then nothing is reported). */
export function usageContextHolds(usage: TermUsage, ctx: DraftContext, o: { start: number; end: number; nEnd: number }, data: CheckData): boolean {
  if ((usage.contexts.has('quotation') || usage.contexts.has('title')) && inQuotedContext(ctx.regions, o.start)) return true;
  if (usage.contexts.has('attributive') && isAttributive(ctx.norm, o.nEnd, data)) return true;
  return usage.until !== undefined && inDatedContext(ctx.text, o.start, o.end, usage.until);
}

const LATIN_NAME = /[\p{Script=Latin}.'’\- ]/u;

/**
 * A Latin-script occurrence that is part of a person's name: the run of Latin words around it
 * starts with a title (Mr., Ms. …) or is followed by a Chinese one (先生, 女士 …).
 */
export function inPersonName(text: string, start: number, end: number, data: CheckData): boolean {
  let from = start;
  while (from > 0 && LATIN_NAME.test(text[from - 1])) from--;
  let to = end;
  while (to < text.length && LATIN_NAME.test(text[to])) to++;
  const run = text.slice(from, to).trim();
  const titles = data.config.personTitles;
  if (titles.before.some((t) => run.startsWith(`${t} `) && run.length > t.length + 1)) return true;
  const after = text.slice(to, to + 4);
  return titles.after.some((t) => after.startsWith(t));
}
