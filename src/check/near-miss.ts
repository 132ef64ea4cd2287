// Near-misses: spans that are no glossary term but very close to an official Chinese name
// (国际货币组织 for 国际货币基金组织, 国际图书馆协会和机构联合会 for 国际图书馆协会联合会).
//
// Candidate spans are anchored at both ends, which is what keeps the report quiet:
//   - they end where a name suffix ends (组织, 联合会 … from data/name-suffixes.txt), found by the
//     main automaton in the same pass as the terms, and not inside a known name;
//   - they start with the first character of the official name they resemble;
// and the difference is bounded: an edit distance that grows with the name's length, at most one
// substituted character (real slips drop or add words; a changed character usually names another
// body, 欧洲/非洲经济委员会), never a substitution inside a contrast class (data/near-miss-contrasts.txt),
// and only Han characters or characters of the official name inside the span.
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
      if (blockedStart(s)) continue;
      const distance = boundedDistance(text, s, end, target.key, target.maxDistance, data);
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

/**
 * Edit distance between text[start, end) and `name`, or -1 when it exceeds `limit`, when the
 * cheapest alignment needs more substitutions than allowed, when a substitution swaps two
 * characters of one contrast class, or when the span holds a non-Han character foreign to the name.
 */
export function boundedDistance(text: string, start: number, end: number, name: string, limit: number, data: CheckData): number {
  const n = end - start;
  const m = name.length;
  for (let i = start; i < end; i++) {
    const ch = text[i];
    if (!isHan(ch) && !name.includes(ch)) return -1;
  }
  // Cost = distance * 64 + substitutions: the cheapest alignment, and among those the one with
  // the fewest substitutions.
  const W = m + 1;
  const cost = new Int32Array((n + 1) * W);
  for (let j = 0; j <= m; j++) cost[j] = j * 64;
  for (let i = 1; i <= n; i++) {
    cost[i * W] = i * 64;
    let rowMin = cost[i * W];
    const a = text.charCodeAt(start + i - 1);
    for (let j = 1; j <= m; j++) {
      const same = a === name.charCodeAt(j - 1);
      const diag = cost[(i - 1) * W + j - 1] + (same ? 0 : 65);
      const up = cost[(i - 1) * W + j] + 64;
      const left = cost[i * W + j - 1] + 64;
      const c = diag < up ? (diag < left ? diag : left) : up < left ? up : left;
      cost[i * W + j] = c;
      if (c < rowMin) rowMin = c;
    }
    if (rowMin >> 6 > limit) return -1;
  }
  const total = cost[n * W + m];
  const distance = total >> 6;
  const substitutions = total & 63;
  if (distance === 0 || distance > limit || substitutions > data.config.nearMiss.maxSubstitutions) return -1;
  if (substitutions > 0) {
    // Walk the alignment back to see which characters were swapped.
    let i = n;
    let j = m;
    while (i > 0 && j > 0) {
      const a = text[start + i - 1];
      const b = name[j - 1];
      const here = cost[i * W + j];
      if (a === b && here === cost[(i - 1) * W + j - 1]) {
        i--;
        j--;
      } else if (here === cost[(i - 1) * W + j - 1] + 65) {
        const ca = data.contrastClass.get(a);
        if (ca !== undefined && ca === data.contrastClass.get(b)) return -1;
        i--;
        j--;
      } else if (here === cost[(i - 1) * W + j] + 64) {
        i--;
      } else {
        j--;
      }
    }
  }
  return distance;
}
