// Hybrid names: a short form given a prefix that only its full name has (联合国开发署,
// 联合国粮农组织, 联合国难民署; the prefixes are data/config.json `hybridPrefixes`). UN Chinese
// writes the short form alone (开发署) or the full name (联合国开发计划署). Two shapes: the prefix
// and the short form found as two names side by side, or a glossary form that is exactly prefix +
// short form (联合国教科文组织, admitted because it is seen in UN reports), or the prefix before a
// glossary name that opens with the short form (联合国环境署执行主任: 环境署执行主任 is a post).
// Used by
// non-standard-name (which reports them) and by the short-form rules (a hybrid is not a use of
// the short form).
import { normalizeKey } from '../domain/normalize.js';
import type { IndexedConcept } from './indexed.js';
import { type CheckInput, type ScannedText, type TermOccurrence, nameClass, reviewedOccurrences } from './rule.js';
import type { CheckData } from './data.js';
import type { TermIndex } from './term-index.js';

export interface HybridName {
  /** Original offsets of the whole hybrid. */
  start: number;
  end: number;
  concept: IndexedConcept;
  /** The short form inside it (found side by side), or undefined for a glossary form. */
  short?: TermOccurrence;
  /** The glossary form (admitted hybrid), when it is one. */
  form?: TermOccurrence;
}

const found = new WeakMap<ScannedText['scan'], HybridName[]>();

/** The hybrids of a scanned draft (computed once per scan: two rules ask). */
export function hybridNames({ draft, data, index }: Pick<CheckInput, 'draft' | 'data' | 'index'>): HybridName[] {
  let out = found.get(draft.scan);
  if (!out) found.set(draft.scan, (out = findHybrids(draft, data, index)));
  return out;
}

function findHybrids(draft: ScannedText, data: CheckData, index: TermIndex): HybridName[] {
  const prefixes = data.hybridPrefixKeys ??= data.config.hybridPrefixes.map(normalizeKey);
  const takesNoPrefix = (c: IndexedConcept, prefix: string, shortKey: string) =>
    c.zhFull?.key.startsWith(prefix) === true && !shortKey.startsWith(prefix);
  const out: HybridName[] = [];
  const occ = reviewedOccurrences(draft);
  for (let i = 0; i < occ.length; i++) {
    const o = occ[i];
    if (o.term.lang === 'en') continue;
    const next = occ[i + 1];
    if (next && next.nStart === o.nEnd && prefixes.includes(o.term.key) && next.term.lang !== 'en' && next.term.trusted && next.term.status !== 'deprecated' && nameClass(next.term) === 'short' && takesNoPrefix(next.concept, o.term.key, next.term.key)) {
      out.push({ start: o.start, end: next.end, concept: next.concept, short: next });
      i++;
      continue;
    }
    const opening = next && next.nStart === o.nEnd && prefixes.includes(o.term.key) && next.term.lang !== 'en' && nameClass(next.term) !== 'short' ? shortFormOpening(next, o.term.key, index, takesNoPrefix) : undefined;
    if (opening) {
      out.push({ start: o.start, end: next.start + opening.text.length, concept: opening.concept });
      i++;
      continue;
    }
    if (o.term.trusted && o.term.status === 'admitted') {
      for (const p of prefixes) {
        if (!o.term.key.startsWith(p)) continue;
        const rest = o.term.key.slice(p.length);
        if (o.concept.terms.some((t) => t.key === rest && t.status === 'preferred' && nameClass(t) === 'short') && takesNoPrefix(o.concept, p, rest)) {
          out.push({ start: o.start, end: o.end, concept: o.concept, form: o });
          break;
        }
      }
    }
  }
  return out;
}

/**
 * The short form a glossary name opens with (环境署 in 环境署执行主任), when it is another
 * concept's reviewed short form that does not take `prefix`; the name's own words are not a
 * hybrid when its concept's full name opens the same way.
 */
function shortFormOpening(
  o: TermOccurrence,
  prefix: string,
  index: TermIndex,
  takesNoPrefix: (c: IndexedConcept, prefix: string, shortKey: string) => boolean,
): { concept: IndexedConcept; text: string } | undefined {
  const key = o.term.key;
  for (let len = Math.min(key.length - 1, 12); len >= 2; len--) {
    const head = key.slice(0, len);
    for (const t of index.patternByKey(head)?.terms ?? []) {
      if (t.lang === 'en' || !t.trusted || t.status === 'deprecated' || nameClass(t) !== 'short') continue;
      const concept = index.concept(t.conceptId);
      if (concept && concept.id !== o.concept.id && takesNoPrefix(concept, prefix, head) && o.text.length >= len) {
        return { concept, text: o.text.slice(0, len) };
      }
    }
  }
  return undefined;
}
