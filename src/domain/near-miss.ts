// What a near-miss is: a span that is not an official name but a slip for one (国际货币组织 for
// 国际货币基金组织, 2019年冠状病毒病 for 2019冠状病毒病). One definition for extraction
// (src/extract/reference.ts, which keeps a near-miss as a deprecated variant of the official
// concept) and the draft checker (src/check/near-miss.ts, which reports it): an edit distance
// between the span and the name, bounded, where real slips drop or add characters and a changed
// character usually names another body (世界贸易组织 / 世界卫生组织, 欧洲 / 非洲). Each caller sets
// the bounds; where a span may start and end (same first and last characters, a name suffix) is
// the caller's search.

export interface NearMissLimits {
  /** Largest edit distance (insertions, deletions and substitutions, one each). */
  maxDistance: number;
  /** Substitutions allowed among the edits (0: insertions and deletions only). */
  maxSubstitutions: number;
  /** Only insertions or only deletions: one string is the other with characters left out. */
  oneDirection?: boolean;
  /** Character → class id: a substitution within one class (东/西, 第一/第二) names another body. */
  contrastClass?: ReadonlyMap<string, number>;
}

// One matrix reused across calls (the checker may align hundreds of thousands of spans a draft).
let buffer = new Int32Array(1024);
function scratch(size: number): Int32Array {
  if (buffer.length < size) buffer = new Int32Array(Math.max(size, buffer.length * 2));
  return buffer;
}

/**
 * The edit distance between text[start, end) and the official `name` when the span is a near-miss
 * of it under `limits`, or -1: identical, further than maxDistance, more substitutions than
 * allowed, a substitution inside a contrast class, or (oneDirection) both insertions and deletions.
 */
export function nearMissEditDistance(text: string, start: number, end: number, name: string, limits: NearMissLimits): number {
  const limit = limits.maxDistance;
  const n = end - start;
  const m = name.length;
  // Cost = distance * 64 + substitutions: the cheapest alignment, and among those the one with
  // the fewest substitutions.
  const W = m + 1;
  const cost = scratch((n + 1) * W);
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
  if (distance === 0 || distance > limit || substitutions > limits.maxSubstitutions) return -1;
  if (limits.oneDirection && distance !== Math.abs(n - m)) return -1;
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
        const ca = limits.contrastClass?.get(a);
        if (ca !== undefined && ca === limits.contrastClass?.get(b)) return -1;
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
