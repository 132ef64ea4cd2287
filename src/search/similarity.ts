// String similarity for the rerank: a bounded edit distance for English words (typos such as
// "Untied", "Developement") and a longest common subsequence for Chinese (a missing or wrong
// character), each returning what the highlight needs.

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transposition), or max + 1 when it
 * is larger than `max` (the computation stops early).
 */
let rowBuffers: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

export function boundedEditDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0 || lb === 0) return Math.max(la, lb) <= max ? Math.max(la, lb) : max + 1;
  // Three rows reused across calls: this runs for every candidate word of every query.
  if (rowBuffers[0].length <= lb) rowBuffers = [0, 1, 2].map(() => new Int32Array(2 * (lb + 1)));
  let prev2 = rowBuffers[0];
  let prev = rowBuffers[1];
  let cur = rowBuffers[2];
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb] <= max ? prev[lb] : max + 1;
}

export interface Alignment {
  /** Length of the longest common subsequence. */
  length: number;
  /** Indexes in `b` of the characters that take part in it, ascending. */
  matchedInB: number[];
  /** Number of separate runs those characters form in `b`. */
  runs: number;
}

/** The dynamic-programming table, reused across calls (one per candidate of every Chinese query). */
let lcsBuffer = new Uint16Array(4096);

/** Longest common subsequence of two short strings (UTF-16 units), with the matched positions in b. */
export function lcsAlignment(a: string, b: string): Alignment {
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return { length: 0, matchedInB: [], runs: 0 };
  const w = lb + 1;
  if (lcsBuffer.length < (la + 1) * w) lcsBuffer = new Uint16Array(2 * (la + 1) * w);
  const dp = lcsBuffer;
  dp.fill(0, 0, w); // row 0; column 0 of the other rows is written below
  for (let i = 1; i <= la; i++) {
    const ca = a.charCodeAt(i - 1);
    dp[i * w] = 0;
    for (let j = 1; j <= lb; j++) {
      dp[i * w + j] = ca === b.charCodeAt(j - 1) ? dp[(i - 1) * w + j - 1] + 1 : Math.max(dp[(i - 1) * w + j], dp[i * w + j - 1]);
    }
  }
  const matchedInB: number[] = [];
  let i = la;
  let j = lb;
  while (i > 0 && j > 0) {
    if (a.charCodeAt(i - 1) === b.charCodeAt(j - 1)) {
      matchedInB.push(j - 1);
      i--;
      j--;
    } else if (dp[(i - 1) * w + j] >= dp[i * w + j - 1]) i--;
    else j--;
  }
  matchedInB.reverse();
  let runs = 0;
  for (let k = 0; k < matchedInB.length; k++) if (k === 0 || matchedInB[k] !== matchedInB[k - 1] + 1) runs++;
  return { length: matchedInB.length, matchedInB, runs };
}

/** Merges sorted positions into [start, end) ranges. */
export function positionsToRanges(positions: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const p of positions) {
    const last = out[out.length - 1];
    if (last && last[1] === p) last[1] = p + 1;
    else out.push([p, p + 1]);
  }
  return out;
}
