// Near-misses: spans that are no glossary term but very close to an official Chinese name
// (国际货币组织 for 国际货币基金组织, 世界卫生组识 for 世界卫生组织, 国际电讯联盟 for 国际电信联盟),
// wherever in the name the slip is: first characters, middle or suffix.
//
// How candidates are found (a q-gram filter, q = 2): every target name is cut into its character
// pairs, and a posting list maps each pair to the names holding it, with its position. One pass
// over the draft looks up each pair of name characters; a hit votes for (name, diagonal = text
// position − position in the name). A span within k edits of a name of length m keeps at least
// (m − 1) − 2k of the name's pairs (an edit destroys at most two), on diagonals at most k apart,
// so a name is verified only where enough of its pairs fall close together. Pairs held by very
// many names (组织, 委员, 联合 …) are not looked up; each name's threshold counts them as present,
// which keeps the filter exact and the cost per draft character bounded.
//
// Verification is the one near-miss definition (src/domain/near-miss.ts): an edit distance that
// grows with the name's length (data/config.json), at most one substituted character (real slips
// drop or add words; a changed character usually names another body, 欧洲/非洲经济委员会), never a
// substitution inside a contrast class (data/near-miss-contrasts.txt). A span never crosses a line
// break or a character that is neither Han nor in the name.
//
// Where the span's first or last character is not the name's, the text around a name often just
// goes on (国际贸易中心 / 国际贸易中对某些…, 法律小组委员会 / 这些小组委员会), so the slip needs
// evidence of how it was made (slipAtEnds): a homophone typed by an input method (视界 for 世界,
// 组识 for 组织) or one kind of body's word for another (世界知识产权局, 内部监督事务处).
//
// The index is built term by term and can be changed the same way (add / remove), so a term
// added to the store need not rebuild it.
import { pinyin } from 'pinyin-pro';
import { nearMissEditDistance } from '../domain/near-miss.js';
import { isHan, isHanCode } from '../domain/normalize.js';
import { usageOf } from '../domain/usage.js';
import { titleInner } from '../domain/terms.js';
import type { CheckData } from './data.js';
import type { IndexedConcept, IndexedTerm } from './indexed.js';

export interface NearMissTarget {
  term: IndexedTerm;
  /** The normalised name compared with spans (title marks removed). */
  key: string;
  maxDistance: number;
}

export interface NearMissCandidate {
  /** Normalised offsets of the span. */
  start: number;
  end: number;
  target: NearMissTarget;
  distance: number;
}

/** What a search may not do: cut a known name, cross a line break. */
export interface NearMissSearch {
  /** The normalised draft. */
  text: string;
  /** breakBefore[i] = 1 when the original has a line break (or tab) between units i − 1 and i. */
  breakBefore: Uint8Array;
  /** May a span start / end here (not strictly inside a name the scan chose)? */
  boundaryOk(position: number): boolean;
  /** A chosen name covers [start, end) exactly with this key (the name itself, not a slip). */
  isKnownName(start: number, end: number): boolean;
}

const NAME_TYPES = new Set(['fullForm', 'variant', 'shortForm']);
/** Hits remembered per target: the threshold is capped here (long names verify a little more often). */
const RING = 8;

export function maxDistanceFor(length: number, data: CheckData): number {
  for (const [upTo, d] of data.config.nearMiss.maxDistance) if (length <= upTo) return d;
  return 0;
}

const pairKey = (a: number, b: number) => a * 65536 + b;

export class NearMissIndex {
  private readonly targets: Array<NearMissTarget | undefined> = [];
  private readonly free: number[] = [];
  private readonly slotOfTerm = new Map<number, number>();
  /** Character pair → [slot, position, slot, position, …]. */
  private readonly postings = new Map<number, number[]>();
  /** Characters that start some target's pair: a quick test before the map lookup. */
  private readonly firstChar = new Int32Array(65536);
  /** Characters that occur in a target and are not Han (、 in 联合国教育、科学及文化组织, digits …). */
  private readonly nameMarks = new Map<number, number>();
  /** Bumped whenever a pair becomes frequent or stops being so: the thresholds are recomputed then. */
  private generation = 0;
  private needOf = new Int32Array(0);
  private needGeneration = new Int32Array(0);
  // Per-search scratch, per slot (reset lazily with a stamp).
  private stamp = new Int32Array(0);
  private ringPos = new Int32Array(0);
  private ringDiag = new Int32Array(0);
  private ringHead = new Int32Array(0);
  private firedUntil = new Int32Array(0);
  private searchId = 0;

  constructor(private readonly data: CheckData) {}

  get targetCount(): number {
    return this.slotOfTerm.size;
  }

  /**
   * Adds a term as a target when it is one: an approved, reviewed, current Chinese name (full
   * form, variant or short form) of a body, organization, programme or meeting, long enough, with
   * no usage tag (a context-dependent form is not a name to correct towards). Returns whether it
   * was added. Adding a term already present changes nothing.
   */
  add(term: IndexedTerm, concept: IndexedConcept): boolean {
    if (this.slotOfTerm.has(term.id) || !this.eligible(term, concept)) return false;
    const key = titleInner(term.key);
    const maxDistance = maxDistanceFor(key.length, this.data);
    if (maxDistance < 1 || key.length < this.data.config.nearMiss.minTermLength) return false;
    const slot = this.free.pop() ?? this.targets.length;
    this.targets[slot] = { term, key, maxDistance };
    if (slot < this.needGeneration.length) this.needGeneration[slot] = -1;
    this.slotOfTerm.set(term.id, slot);
    const limit = this.data.config.nearMiss.maxPostings;
    for (let i = 0; i + 1 < key.length; i++) {
      const a = key.charCodeAt(i);
      const pk = pairKey(a, key.charCodeAt(i + 1));
      let list = this.postings.get(pk);
      if (!list) this.postings.set(pk, (list = []));
      list.push(slot, i);
      if (list.length === 2 * (limit + 1)) this.generation++;
      this.firstChar[a]++;
    }
    for (const ch of key) {
      const code = ch.charCodeAt(0);
      if (ch.length === 1 && !isHan(ch)) this.nameMarks.set(code, (this.nameMarks.get(code) ?? 0) + 1);
    }
    return true;
  }

  /** Removes a term's target (by term id); false when it was none. */
  remove(termId: number): boolean {
    const slot = this.slotOfTerm.get(termId);
    if (slot === undefined) return false;
    const { key } = this.targets[slot]!;
    const limit = this.data.config.nearMiss.maxPostings;
    for (let i = 0; i + 1 < key.length; i++) {
      const a = key.charCodeAt(i);
      const pk = pairKey(a, key.charCodeAt(i + 1));
      const list = this.postings.get(pk)!;
      for (let k = 0; k < list.length; k += 2) {
        if (list[k] === slot && list[k + 1] === i) {
          list.splice(k, 2);
          break;
        }
      }
      if (list.length === 2 * limit) this.generation++;
      if (list.length === 0) this.postings.delete(pk);
      this.firstChar[a]--;
    }
    for (const ch of key) {
      const code = ch.charCodeAt(0);
      const n = this.nameMarks.get(code);
      if (n !== undefined) n > 1 ? this.nameMarks.set(code, n - 1) : this.nameMarks.delete(code);
    }
    this.targets[slot] = undefined;
    this.slotOfTerm.delete(termId);
    this.free.push(slot);
    return true;
  }

  private eligible(term: IndexedTerm, concept: IndexedConcept): boolean {
    if (concept.reviewStatus !== 'approved' || !this.data.config.nearMiss.categories.includes(concept.category)) return false;
    // Proper names only: a concept whose English name is written in lower case is a generic term
    // (general debate, substantive session), whatever its category.
    if (concept.enFull && /^\p{Ll}/u.test(concept.enFull.text)) return false;
    // …and a name that ends with a word saying what kind of body it is (组织, 委员会, 署, 厅 …;
    // data/name-suffixes.txt): descriptive titles (信息社会世界峰会20年审查) have wordings, not slips.
    const key = titleInner(term.key);
    if (!this.data.nameSuffixes.some((w) => key.length > w.length && key.endsWith(w))) return false;
    if (!term.trusted || term.status === 'deprecated' || !NAME_TYPES.has(term.type) || term.lang === 'en') return false;
    if (!isHan(term.key[0] ?? '') && !term.key.startsWith('《')) return false;
    return usageOf(term.note) === null;
  }

  /** A character that may stand in a near-miss span: Han, or a non-Han character of some name. */
  private nameChar(code: number): boolean {
    return isHanCode(code) || this.nameMarks.has(code);
  }

  /** Hits needed before a target is verified (see the header): (m − 1) − 2k, less its frequent pairs. */
  private need(slot: number): number {
    if (this.needGeneration[slot] === this.generation) return this.needOf[slot];
    const { key, maxDistance } = this.targets[slot]!;
    const limit = this.data.config.nearMiss.maxPostings;
    let frequent = 0;
    for (let i = 0; i + 1 < key.length; i++) {
      if (this.postings.get(pairKey(key.charCodeAt(i), key.charCodeAt(i + 1)))!.length > 2 * limit) frequent++;
    }
    const need = Math.min(RING, Math.max(1, key.length - 1 - 2 * maxDistance - frequent));
    this.needOf[slot] = need;
    this.needGeneration[slot] = this.generation;
    return need;
  }

  /** Per-slot scratch arrays, grown to the number of slots. */
  private scratch(): void {
    const n = this.targets.length;
    if (this.stamp.length >= n) return;
    const size = Math.max(16, n * 2);
    const grow = (a: Int32Array, len: number, fill = 0) => {
      const b = new Int32Array(len).fill(fill);
      b.set(a);
      return b;
    };
    this.needOf = grow(this.needOf, size);
    this.needGeneration = grow(this.needGeneration, size, -1);
    this.stamp = grow(this.stamp, size);
    this.ringHead = grow(this.ringHead, size);
    this.firedUntil = grow(this.firedUntil, size);
    this.ringPos = grow(this.ringPos, size * RING);
    this.ringDiag = grow(this.ringDiag, size * RING);
  }

  /**
   * Every near-miss candidate of the draft: per target and place, the closest span that passes the
   * definition and the search's bounds. Candidates may overlap; the caller keeps the closest.
   */
  find(search: NearMissSearch): NearMissCandidate[] {
    const { text, breakBefore } = search;
    const n = text.length;
    const out: NearMissCandidate[] = [];
    if (this.slotOfTerm.size === 0 || n < 2) return out;
    this.scratch();
    const id = ++this.searchId;
    const limit2 = 2 * this.data.config.nearMiss.maxPostings;
    const { stamp, ringPos, ringDiag, ringHead, firedUntil } = this;
    let prevOk = false;
    let prevCode = 0;
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      const ok = this.nameChar(code);
      const pairOk = ok && prevOk && breakBefore[i] === 0;
      const first = prevCode;
      prevOk = ok;
      prevCode = code;
      if (!pairOk || this.firstChar[first] === 0) continue;
      const list = this.postings.get(pairKey(first, code));
      if (list === undefined || list.length > limit2) continue;
      const at = i - 1; // where the pair starts
      for (let k = 0; k < list.length; k += 2) {
        const slot = list[k];
        const diag = at - list[k + 1];
        const target = this.targets[slot]!;
        const window = target.key.length + target.maxDistance;
        if (stamp[slot] !== id) {
          stamp[slot] = id;
          ringHead[slot] = 0;
          firedUntil[slot] = -1;
        }
        // Remember the hit, then count the remembered hits near it (window and diagonal band).
        const base = slot * RING;
        const h = ringHead[slot];
        ringPos[base + (h % RING)] = at;
        ringDiag[base + (h % RING)] = diag;
        ringHead[slot] = h + 1;
        if (at < firedUntil[slot]) continue;
        const need = this.need(slot);
        let count = 0;
        let lo = diag;
        let hi = diag;
        const seen = h + 1 < RING ? h + 1 : RING;
        for (let r = 0; r < seen; r++) {
          const p = ringPos[base + r];
          const d = ringDiag[base + r];
          if (at - p > window || d - diag > target.maxDistance || diag - d > target.maxDistance) continue;
          count++;
          if (d < lo) lo = d;
          if (d > hi) hi = d;
        }
        if (count < need) continue;
        // The name itself (the common case: every official name in the draft votes for itself).
        if (diag >= 0 && text.startsWith(target.key, diag)) {
          firedUntil[slot] = diag + target.key.length;
          continue;
        }
        const found = this.verify(search, target, lo, hi, at);
        firedUntil[slot] = found ? found.end : hi + target.key.length;
        if (found) out.push(found);
      }
    }
    return out;
  }

  /** The closest acceptable span for a target around diagonals [lo, hi], or undefined. */
  private verify(search: NearMissSearch, target: NearMissTarget, lo: number, hi: number, hit: number): NearMissCandidate | undefined {
    const { text, breakBefore } = search;
    const { key, maxDistance: k } = target;
    const m = key.length;
    // The window: the diagonal band widened by k, clipped to the run of name characters around the hit.
    let from = Math.max(0, lo - k);
    let to = Math.min(text.length, hi + m + k);
    for (let i = hit; i > from; i--) {
      if (breakBefore[i] || !this.spanChar(text, i - 1, key)) {
        from = i;
        break;
      }
    }
    for (let i = hit + 1; i < to; i++) {
      if (breakBefore[i] || !this.spanChar(text, i, key)) {
        to = i;
        break;
      }
    }
    const w = to - from;
    if (w < this.data.config.nearMiss.minSpanLength) return undefined;
    // Semi-global alignment (the span may start and end anywhere in the window): cost and start
    // of the cheapest alignment of the whole name ending at each window position.
    const limits = { maxDistance: k, maxSubstitutions: this.data.config.nearMiss.maxSubstitutions, contrastClass: this.data.contrastClass };
    let prev = new Int32Array(w + 1);
    let prevStart = new Int32Array(w + 1);
    let cur = new Int32Array(w + 1);
    let curStart = new Int32Array(w + 1);
    for (let c = 0; c <= w; c++) prevStart[c] = c;
    for (let j = 1; j <= m; j++) {
      const b = key.charCodeAt(j - 1);
      cur[0] = j * 64;
      curStart[0] = 0;
      for (let c = 1; c <= w; c++) {
        const diagCost = prev[c - 1] + (text.charCodeAt(from + c - 1) === b ? 0 : 65);
        const up = prev[c] + 64;
        const left = cur[c - 1] + 64;
        if (diagCost <= up && diagCost <= left) {
          cur[c] = diagCost;
          curStart[c] = prevStart[c - 1];
        } else if (up <= left) {
          cur[c] = up;
          curStart[c] = prevStart[c];
        } else {
          cur[c] = left;
          curStart[c] = curStart[c - 1];
        }
      }
      [prev, cur] = [cur, prev];
      [prevStart, curStart] = [curStart, prevStart];
    }
    // Each end the alignment reaches within k edits, with the start it found and up to k more
    // characters to the left when that start is not the name's first character (视界卫生组织:
    // the alignment prefers dropping 世 to substituting it).
    const spans: Array<{ start: number; end: number; rank: number; distance: number }> = [];
    const minSpan = this.data.config.nearMiss.minSpanLength;
    for (let c = 1; c <= w; c++) {
      if (prev[c] >> 6 > k || prev[c] >> 6 === 0) continue;
      const end = from + c;
      const found = from + prevStart[c];
      const leftmost = text[found] === key[0] ? found : Math.max(from, found - k);
      for (let start = found; start >= leftmost; start--) {
        if (end - start < minSpan || !search.boundaryOk(start) || !search.boundaryOk(end) || search.isKnownName(start, end)) continue;
        if (cutsNameWord(text, end, this.data)) continue;
        const distance = nearMissEditDistance(text, start, end, key, limits);
        if (distance <= 0 || !slipAtEnds(text, start, end, key, this.data)) continue;
        // Ends that agree with the name's first, then the closest, then the length nearest the name's.
        spans.push({ start, end, distance, rank: (endsMismatch(text, start, end, key) * 8 + distance) * 64 + Math.abs(end - start - m) });
      }
    }
    if (spans.length === 0) return undefined;
    spans.sort((x, y) => x.rank - y.rank || x.start - y.start);
    const best = spans[0];
    return { start: best.start, end: best.end, target, distance: best.distance };
  }

  private spanChar(text: string, i: number, key: string): boolean {
    const ch = text[i];
    return isHan(ch) || key.includes(ch);
  }
}

const readingsCache = new Map<string, string[]>();
function readings(ch: string): string[] {
  let r = readingsCache.get(ch);
  if (r === undefined) {
    r = isHan(ch) ? (pinyin(ch, { toneType: 'none', multiple: true, type: 'array' }) as string[]) : [ch];
    readingsCache.set(ch, r);
  }
  return r;
}

/** Two characters an input method confuses: one reading in common, tones aside (识 zhi / 织 zhi). */
export function homophones(a: string, b: string): boolean {
  if (a === b) return true;
  const rb = readings(b);
  return readings(a).some((x) => rb.includes(x));
}

/**
 * Evidence for a slip at the ends of a span (see the header). A span whose first and last
 * characters are the name's needs none. A different first character must be a homophone of the
 * name's, with the second character the name's (视界卫生组织); a different last character a
 * homophone with the one before it the name's (世界卫生组识), or the span ends with another name
 * word than the name does (data/name-suffixes.txt: 局 for 组织, 处 for 厅) after the same character.
 * A span that starts after the name's first character or stops before its last is no evidence
 * of a slip (小组委员会 is no 法律小组委员会, 国际刑事法 no 国际刑事法院).
 */
export function slipAtEnds(text: string, start: number, end: number, key: string, data: CheckData): boolean {
  const m = key.length;
  const len = end - start;
  if (text[start] !== key[0]) {
    if (len < 2 || m < 2 || text[start + 1] !== key[1] || !homophones(text[start], key[0])) return false;
  }
  if (text[end - 1] !== key[m - 1]) {
    if (len >= 2 && text[end - 2] === key[m - 2] && homophones(text[end - 1], key[m - 1])) return true;
    const spanWord = data.nameSuffixes.find((w) => w.length < len && text.startsWith(w, end - w.length));
    if (spanWord === undefined) return false;
    return data.nameSuffixes.some(
      (w) => w !== spanWord && w.length < m && key.endsWith(w) && key[m - w.length - 1] === text[end - spanWord.length - 1],
    );
  }
  return true;
}

/** A name word (组织, 会议 …) runs across `end`: the span stops inside it (多利益攸关方组|织). */
export function cutsNameWord(text: string, end: number, data: CheckData): boolean {
  for (const w of data.nameSuffixes) {
    for (let from = Math.max(0, end - w.length + 1); from < end; from++) {
      if (from + w.length > end && text.startsWith(w, from)) return true;
    }
  }
  return false;
}

/** How many of the span's two ends differ from the name's first and last characters (0–2). */
export function endsMismatch(text: string, start: number, end: number, key: string): number {
  return Number(text[start] !== key[0]) + Number(text[end - 1] !== key[key.length - 1]);
}

/** The near-miss index of a set of concepts (every eligible term added). */
export function buildNearMissIndex(concepts: Iterable<IndexedConcept>, data: CheckData): NearMissIndex {
  const index = new NearMissIndex(data);
  for (const concept of concepts) for (const term of concept.terms) index.add(term, concept);
  return index;
}
