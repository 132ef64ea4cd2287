// Near-misses: spans that are no glossary term but very close to an official Chinese name
// (国际货币组织 for 国际货币基金组织, 国际图书馆协会和机构联合会 for 国际图书馆协会联合会).
//
// Candidate spans are anchored at both ends, which is what keeps the report quiet:
//   - they end where a name suffix ends (组织, 联合会 … from data/name-suffixes.txt), found by the
//     main automaton in the same pass as the terms, and not inside a known name;
//   - they start with the first character of the official name they resemble;
// and the difference is bounded (the one definition is src/domain/near-miss.ts): an edit distance
// that grows with the name's length, at most one substituted character (real slips drop or add
// words; a changed character usually names another body, 欧洲/非洲经济委员会), never a substitution
// inside a contrast class (data/near-miss-contrasts.txt), and only Han characters or characters
// of the official name inside the span.
import { nearMissEditDistance } from '../domain/near-miss.js';
import { isHan } from '../domain/normalize.js';
import type { CheckData } from './data.js';
import type { IndexedConcept, IndexedTerm } from './indexed.js';

export interface NearMissTarget {
  term: IndexedTerm;
  key: string;
  /** Index of the anchor (suffix) the name ends with. */
  anchor: number;
  maxDistance: number;
}

export interface NearMissIndex {
  /** Suffixes used as anchors (passed to the automaton). */
  anchors: string[];
  /** Per anchor: first character → names ending with that anchor. */
  buckets: Array<Map<string, NearMissTarget[]>>;
  /** Per anchor: longest name length + its distance bound (how far back a span may start). */
  reach: Int32Array;
  targetCount: number;
}

const NAME_TYPES = new Set(['fullForm', 'variant']);

export function maxDistanceFor(length: number, data: CheckData): number {
  for (const [upTo, d] of data.config.nearMiss.maxDistance) if (length <= upTo) return d;
  return 0;
}

/** Official Chinese names (trusted, not deprecated, long enough) bucketed by their suffix. */
export function buildNearMissIndex(concepts: Iterable<IndexedConcept>, data: CheckData): NearMissIndex {
  // The shortest suffix anchors the name: slips often drop the word before it (国际货币基金组织 →
  // 国际货币组织), which a longer anchor (基金组织) would miss.
  const suffixes = [...data.nameSuffixes].sort((a, b) => a.length - b.length);
  const anchorIds = new Map<string, number>();
  const anchors: string[] = [];
  const buckets: Array<Map<string, NearMissTarget[]>> = [];
  const reach: number[] = [];
  let targetCount = 0;
  const min = data.config.nearMiss.minTermLength;
  const categories = new Set<string>(data.config.nearMiss.categories);
  for (const concept of concepts) {
    if (concept.reviewStatus !== 'approved' || !categories.has(concept.category)) continue;
    const seen = new Set<string>();
    for (const term of concept.terms) {
      if (!term.trusted || term.status === 'deprecated' || !NAME_TYPES.has(term.type)) continue;
      if (term.lang === 'en' || term.key.length < min || seen.has(term.key)) continue;
      if (!isHan(term.key[0])) continue;
      const suffix = suffixes.find((s) => term.key.endsWith(s) && term.key.length > s.length);
      if (!suffix) continue;
      seen.add(term.key);
      let anchor = anchorIds.get(suffix);
      if (anchor === undefined) {
        anchor = anchors.length;
        anchorIds.set(suffix, anchor);
        anchors.push(suffix);
        buckets.push(new Map());
        reach.push(0);
      }
      const maxDistance = Math.min(maxDistanceFor(term.key.length, data), Math.floor((term.key.length - suffix.length) / 2));
      if (maxDistance < 1) continue;
      const first = term.key[0];
      const list = buckets[anchor].get(first);
      const target: NearMissTarget = { term, key: term.key, anchor, maxDistance };
      if (list) list.push(target);
      else buckets[anchor].set(first, [target]);
      reach[anchor] = Math.max(reach[anchor], term.key.length + maxDistance);
      targetCount++;
    }
  }
  return { anchors, buckets, reach: Int32Array.from(reach), targetCount };
}

export interface NearMissCandidate {
  /** Normalised offsets of the span. */
  start: number;
  end: number;
  target: NearMissTarget;
  distance: number;
}

/**
 * Looks for a near-miss ending at `end` (where anchor `anchor` ends) in the normalised text.
 * `blockedStart(s)` says a span may not start at s (it would cut a known name in two).
 */
export function nearMissAt(
  text: string,
  anchor: number,
  end: number,
  index: NearMissIndex,
  data: CheckData,
  blockedStart: (start: number) => boolean,
): NearMissCandidate | undefined {
  const bucket = index.buckets[anchor];
  const suffixLength = index.anchors[anchor].length;
  const from = Math.max(0, end - index.reach[anchor]);
  const minSpan = data.config.nearMiss.minSpanLength;
  let best: NearMissCandidate | undefined;
  for (let s = end - suffixLength - 1; s >= from; s--) {
    const targets = bucket.get(text[s]);
    if (targets === undefined) continue;
    const length = end - s;
    if (length < minSpan) continue;
    for (const target of targets) {
      const diff = length - target.key.length;
      if (diff > target.maxDistance || -diff > target.maxDistance) continue;
      if (length === target.key.length && text.startsWith(target.key, s)) continue; // the name itself
      if (blockedStart(s) || !spanFitsName(text, s, end, target.key)) continue;
      const distance = nearMissEditDistance(text, s, end, target.key, {
        maxDistance: target.maxDistance,
        maxSubstitutions: data.config.nearMiss.maxSubstitutions,
        contrastClass: data.contrastClass,
      });
      if (distance < 0) continue;
      if (
        !best ||
        distance < best.distance ||
        (distance === best.distance && Math.abs(diff) < Math.abs(end - best.start - best.target.key.length))
      ) {
        best = { start: s, end, target, distance };
      }
    }
  }
  return best;
}

/** Only Han characters, or characters of the official name itself, may stand in a near-miss span. */
function spanFitsName(text: string, start: number, end: number, name: string): boolean {
  for (let i = start; i < end; i++) {
    const ch = text[i];
    if (!isHan(ch) && !name.includes(ch)) return false;
  }
  return true;
}
