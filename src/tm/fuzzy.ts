// Fuzzy match: the stored segments most like a source sentence, with the percentage CAT tools
// show. Chinese is compared character by character, English word by word (see tokens.ts); the
// score is 1 - weighted edit distance / weight of the longer segment, punctuation counting half.
// 100% only for an identical segment; segments equal after normalisation (case, width,
// Traditional/Simplified, spacing) score 99%.
//
// Candidates come from an in-memory inverted index (token → segments, with counts) built from
// the stored keys and kept up to date through the TM revision. The shared token counts give an
// upper bound of each segment's score; exact edit distances are computed best bound first, and
// the search stops when no remaining bound can enter the top N. So the result is the exact top N
// without comparing the query with every segment.
import { GrowableInt32 } from '../domain/growable-int32.js';
import type Database from 'better-sqlite3';
import { hasHan } from '../domain/lang.js';
import { normalizeKey, normalizeWithOffsets } from '../domain/normalize.js';
import { InputError } from '../domain/types.js';
import type { Store } from '../store/repository.js';
import { type Segment, type SegmentKeys, TmRepository } from '../store/tm-repository.js';
import { cleanSegmentText } from './segments.js';
import { type Tokens, matchTokens } from './tokens.js';

export type Side = 'en' | 'zh';

export interface DiffSpan {
  /** equal: in both; insert: only in the stored segment; delete: only in the query. */
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface FuzzyMatch {
  segmentId: number;
  /** Match percentage, 0–100 (100 only for an identical segment). */
  score: number;
  /** The stored segment in the query's language, and its translation. */
  source: string;
  target: string;
  sourceLang: Side;
  doc: string | null;
  position: number | null;
  date: string | null;
  origin: Segment['origin'];
  /** How the stored source differs from the query; equal + insert spans spell the stored source. */
  diff: DiffSpan[];
}

export interface MatchOptions {
  /** At most this many matches (default 5). */
  limit?: number;
  /** Lowest percentage returned (default 50). */
  minScore?: number;
  /** Force the query language instead of guessing from the script. */
  lang?: Side;
}

export interface MatchResponse {
  query: string;
  lang: Side;
  matches: FuzzyMatch[];
  /** Segments whose exact score was computed (for diagnostics and benchmarks). */
  evaluated: number;
}

export const MAX_QUERY_LENGTH = 5000;
/** Hard cap on exact comparisons per query, so a pathological query stays fast. */
const MAX_EVALUATIONS = 2000;
const PUNCT_WEIGHT = 0.5;
/** Words in more than this share of the segments are "very common" for candidate retrieval. */
const FREQUENT_SHARE = 0.05;
/** At most this share of the query's weight is assumed to match instead of read. */
const SKIP_BUDGET = 0.2;

// ---------------------------------------------------------------- edit distance

/** Tokens for the edit distance: ids (equal ids = equal tokens) and weights. */
interface Weighted {
  ids: Int32Array;
  weight: Float64Array;
  total: number;
}

/** Tokens as ids of their own (for comparing two texts outside the index: diffs, the scan baseline). */
function weighted(tokens: Tokens, vocabulary: Map<string, number> = new Map()): Weighted {
  const n = tokens.text.length;
  const ids = new Int32Array(n);
  const weight = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let id = vocabulary.get(tokens.text[i]);
    if (id === undefined) {
      id = vocabulary.size;
      vocabulary.set(tokens.text[i], id);
    }
    ids[i] = id;
    weight[i] = tokens.kind[i] === 'punct' ? PUNCT_WEIGHT : 1;
    total += weight[i];
  }
  return { ids, weight, total };
}

/** Weighted Levenshtein distance (insert/delete = token weight, substitute = the larger weight). */
function editDistance(a: Weighted, b: Weighted, row: Float64Array, prevRow: Float64Array): number {
  const m = b.ids.length;
  prevRow[0] = 0;
  for (let j = 1; j <= m; j++) prevRow[j] = prevRow[j - 1] + b.weight[j - 1];
  let prev = prevRow;
  let cur = row;
  for (let i = 1; i <= a.ids.length; i++) {
    const ai = a.ids[i - 1];
    const wa = a.weight[i - 1];
    cur[0] = prev[0] + wa;
    for (let j = 1; j <= m; j++) {
      const wb = b.weight[j - 1];
      const sub = prev[j - 1] + (ai === b.ids[j - 1] ? 0 : wa > wb ? wa : wb);
      const del = prev[j] + wa;
      const ins = cur[j - 1] + wb;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[m];
}

type Op = 'equal' | 'sub' | 'insert' | 'delete';

/** Full-matrix edit distance with the operations (query a → stored b), for the diff. */
function editScript(a: Weighted, b: Weighted): Array<{ op: Op; i: number; j: number }> {
  const n = a.ids.length;
  const m = b.ids.length;
  const cols = m + 1;
  const d = new Float64Array((n + 1) * cols);
  for (let j = 1; j <= m; j++) d[j] = d[j - 1] + b.weight[j - 1];
  for (let i = 1; i <= n; i++) {
    d[i * cols] = d[(i - 1) * cols] + a.weight[i - 1];
    for (let j = 1; j <= m; j++) {
      const same = a.ids[i - 1] === b.ids[j - 1];
      const sub = d[(i - 1) * cols + j - 1] + (same ? 0 : Math.max(a.weight[i - 1], b.weight[j - 1]));
      const del = d[(i - 1) * cols + j] + a.weight[i - 1];
      const ins = d[i * cols + j - 1] + b.weight[j - 1];
      d[i * cols + j] = Math.min(sub, del, ins);
    }
  }
  const ops: Array<{ op: Op; i: number; j: number }> = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = d[i * cols + j];
    if (i > 0 && j > 0) {
      const same = a.ids[i - 1] === b.ids[j - 1];
      const sub = d[(i - 1) * cols + j - 1] + (same ? 0 : Math.max(a.weight[i - 1], b.weight[j - 1]));
      if (Math.abs(sub - here) < 1e-9) {
        ops.push({ op: same ? 'equal' : 'sub', i: i - 1, j: j - 1 });
        i--;
        j--;
        continue;
      }
    }
    if (i > 0 && Math.abs(d[(i - 1) * cols + j] + a.weight[i - 1] - here) < 1e-9) {
      ops.push({ op: 'delete', i: i - 1, j });
      i--;
    } else {
      ops.push({ op: 'insert', i, j: j - 1 });
      j--;
    }
  }
  return ops.reverse();
}

/** Similarity 0..1 from a distance. */
function similarity(distance: number, a: number, b: number): number {
  const longer = Math.max(a, b);
  return longer === 0 ? 1 : Math.max(0, 1 - distance / longer);
}

/** The percentage shown to translators: never 100 unless identical, never rounded up to 100. */
function percent(sim: number, identical: boolean): number {
  if (identical) return 100;
  return Math.min(99, Math.floor(sim * 100 + 1e-9));
}

// ---------------------------------------------------------------- the index

/** Segments containing a token, and how often (count in the high bits: seg << 8 | min(count, 255)). */
class Postings extends GrowableInt32 {
  constructor() {
    super(4);
  }
}

/**
 * One language side of the memory: every segment's tokens as interned ids (one flat array with
 * offsets), and the postings token → segments. Exact scores need no database read.
 */
class SideIndex {
  postings: Array<Postings | undefined> = [];
  /** Token ids of segment i: seq[offsets[i] .. offsets[i + 1]). */
  seq = new GrowableInt32(1 << 16);
  offsets = new GrowableInt32(1 << 12);
  total = new Float64Array(1024);
  punct = new Float64Array(1024);
  private scratch = new Int32Array(256);

  constructor(private readonly vocab: Vocabulary) {
    this.offsets.push(0);
  }

  add(seg: number, key: string): void {
    if (seg >= this.total.length) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(Math.max(seg + 1, a.length * 2));
        b.set(a);
        return b;
      };
      this.total = grow(this.total);
      this.punct = grow(this.punct);
    }
    const tokens = matchTokens(key);
    const n = tokens.text.length;
    if (this.scratch.length < n) this.scratch = new Int32Array(n * 2);
    const words = this.scratch;
    let nWords = 0;
    let punct = 0;
    for (let i = 0; i < n; i++) {
      const isPunct = tokens.kind[i] === 'punct';
      const id = this.vocab.intern(tokens.text[i], isPunct);
      this.seq.push(id);
      if (isPunct) punct += PUNCT_WEIGHT;
      else words[nWords++] = id;
    }
    this.offsets.push(this.seq.length);
    // Count each distinct word once: sort the ids, count runs.
    const sorted = words.subarray(0, nWords).sort();
    for (let i = 0; i < nWords; ) {
      let j = i + 1;
      while (j < nWords && sorted[j] === sorted[i]) j++;
      const id = sorted[i];
      let p = this.postings[id];
      if (!p) {
        p = new Postings();
        this.postings[id] = p;
      }
      p.push((seg << 8) | Math.min(j - i, 255));
      i = j;
    }
    this.total[seg] = nWords + punct;
    this.punct[seg] = punct;
  }

  /** Segment i's tokens as an edit-distance input. */
  tokens(seg: number): Weighted {
    const from = this.offsets.data[seg];
    const to = this.offsets.data[seg + 1];
    const ids = this.seq.data.subarray(from, to);
    const weight = new Float64Array(ids.length);
    for (let i = 0; i < ids.length; i++) weight[i] = this.vocab.isPunct(ids[i]) ? PUNCT_WEIGHT : 1;
    return { ids, weight, total: this.total[seg] };
  }
}

/** Token strings ↔ ids, shared by both sides; punctuation marked. */
class Vocabulary {
  private readonly ids = new Map<string, number>();
  private punct = new Uint8Array(1024);
  private size = 0;

  intern(text: string, isPunct: boolean): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.size++;
      this.ids.set(text, id);
      if (id >= this.punct.length) {
        const p = new Uint8Array(this.punct.length * 2);
        p.set(this.punct);
        this.punct = p;
      }
      this.punct[id] = isPunct ? 1 : 0;
    }
    return id;
  }

  /** The id of a known token, or a fresh negative id that equals no stored token. */
  lookup(text: string, unknown: number): number {
    return this.ids.get(text) ?? unknown;
  }

  isPunct(id: number): boolean {
    return id >= 0 && this.punct[id] === 1;
  }
}

/** The in-memory index of one database connection. */
export class FuzzyIndex {
  private ids = new Int32Array(1024);
  private size = 0;
  private maxId = 0;
  private revision = -1;
  private vocab = new Vocabulary();
  private sides = { en: new SideIndex(this.vocab), zh: new SideIndex(this.vocab) };
  private scratch = new Uint32Array(0);
  private touched = new Int32Array(0);

  private constructor(private readonly repo: TmRepository) {}

  private static readonly byDb = new WeakMap<Database.Database, FuzzyIndex>();

  /** The index of a store's database, brought up to date with the stored segments. */
  static of(store: Store): FuzzyIndex {
    let index = FuzzyIndex.byDb.get(store.db);
    if (!index) {
      index = new FuzzyIndex(TmRepository.of(store));
      FuzzyIndex.byDb.set(store.db, index);
    }
    return index.refresh();
  }

  get segments(): number {
    return this.size;
  }

  /** Adds new segments; rebuilds from scratch when segments were deleted. */
  refresh(): this {
    const revision = this.repo.revision();
    if (revision === this.revision) return this;
    const { count } = this.repo.count();
    const appended = this.repo.countAfter(this.maxId);
    if (this.size + appended !== count) this.reset();
    for (const k of this.repo.iterateKeys(this.maxId)) this.add(k);
    this.revision = revision;
    return this;
  }

  private reset(): void {
    this.ids = new Int32Array(1024);
    this.size = 0;
    this.maxId = 0;
    this.vocab = new Vocabulary();
    this.sides = { en: new SideIndex(this.vocab), zh: new SideIndex(this.vocab) };
  }

  private add(k: SegmentKeys): void {
    if (this.size === this.ids.length) {
      const ids = new Int32Array(this.size * 2);
      ids.set(this.ids);
      this.ids = ids;
    }
    const seg = this.size++;
    this.ids[seg] = k.id;
    this.maxId = Math.max(this.maxId, k.id);
    this.sides.en.add(seg, k.enKey);
    this.sides.zh.add(seg, k.zhKey);
  }

  /** The query's tokens as ids of this index's vocabulary (unknown tokens get ids no segment has). */
  queryTokens(tokens: Tokens): Weighted {
    const ids = new Int32Array(tokens.text.length);
    const weight = new Float64Array(tokens.text.length);
    let total = 0;
    for (let i = 0; i < ids.length; i++) {
      ids[i] = this.vocab.lookup(tokens.text[i], -1 - i);
      weight[i] = tokens.kind[i] === 'punct' ? PUNCT_WEIGHT : 1;
      total += weight[i];
    }
    return { ids, weight, total };
  }

  segmentId(seg: number): number {
    return this.ids[seg];
  }

  segmentTokens(side: Side, seg: number): Weighted {
    return this.sides[side].tokens(seg);
  }

  /**
   * Candidates with an upper bound of their similarity ≥ minSim, best bound first. The bound
   * counts shared tokens (with multiplicity) and assumes every punctuation mark could match:
   * distance ≥ max(W_query, W_segment) − shared weight.
   */
  candidates(side: Side, query: Weighted, minSim: number): Array<{ seg: number; bound: number }> {
    const index = this.sides[side];
    if (this.scratch.length < this.size) {
      this.scratch = new Uint32Array(this.ids.length);
      this.touched = new Int32Array(this.ids.length);
    }
    const common = this.scratch;
    const touched = this.touched;
    let nTouched = 0;
    const qCounts = new Map<number, number>();
    let queryPunct = 0;
    for (let i = 0; i < query.ids.length; i++) {
      if (query.weight[i] === PUNCT_WEIGHT) queryPunct += PUNCT_WEIGHT;
      else if (query.ids[i] >= 0) qCounts.set(query.ids[i], (qCounts.get(query.ids[i]) ?? 0) + 1);
    }
    // Very common words ("the", "of", 的) have the longest postings and decide nothing alone. They
    // are not read; instead the bound assumes every one of them matches. That keeps the bound an
    // upper bound, and stays exact as long as these words and the punctuation alone cannot reach
    // the minimum: a segment sharing none of the other words then cannot qualify.
    const frequentLimit = Math.max(1000, this.size * FREQUENT_SHARE);
    // Most common first, and only up to a fifth of the query's weight, so the bound stays tight
    // (Chinese text is mostly common characters).
    let assumed = 0;
    const read: Array<[number, number, number]> = [];
    for (const [token, qn] of qCounts) {
      const p = index.postings[token];
      if (p) read.push([token, qn, p.length]);
    }
    read.sort((a, b) => b[2] - a[2]);
    for (const r of read) {
      if (r[2] <= frequentLimit || (assumed + r[1]) / query.total > SKIP_BUDGET) break;
      assumed += r[1];
      r[1] = -r[1];
    }
    if ((assumed + queryPunct) / query.total >= minSim) {
      assumed = 0;
      for (const r of read) r[1] = Math.abs(r[1]);
    }
    for (const [token, qn] of read) {
      if (qn < 0) continue;
      const p = index.postings[token]!;
      const data = p.data;
      for (let k = 0; k < p.length; k++) {
        const entry = data[k];
        const seg = entry >>> 8;
        const c = entry & 0xff;
        if (common[seg] === 0) touched[nTouched++] = seg;
        common[seg] += c < qn ? c : qn;
      }
    }
    const out: Array<{ seg: number; bound: number }> = [];
    for (let k = 0; k < nTouched; k++) {
      const seg = touched[k];
      const shared = common[seg] + assumed + Math.min(queryPunct, index.punct[seg]);
      common[seg] = 0;
      const bound = shared / Math.max(query.total, index.total[seg]);
      if (bound >= minSim) out.push({ seg, bound });
    }
    out.sort((a, b) => b.bound - a.bound || b.seg - a.seg);
    return out;
  }
}

// ---------------------------------------------------------------- matching

/** Maps token ranges of a key back to the original text: each token owns the text up to the next. */
function originalSpans(original: string, tokens: Tokens, offsets: Uint32Array): string[] {
  const starts = tokens.start.map((s) => offsets[s]);
  return starts.map((s, k) => original.slice(k === 0 ? 0 : s, k + 1 < starts.length ? starts[k + 1] : original.length));
}

function buildDiff(query: string, stored: string): DiffSpan[] {
  const q = normalizeWithOffsets(query);
  const s = normalizeWithOffsets(stored);
  const qt = matchTokens(q.text);
  const st = matchTokens(s.text);
  const qSpans = originalSpans(query, qt, q.offsets);
  const sSpans = originalSpans(stored, st, s.offsets);
  const spans: DiffSpan[] = [];
  const push = (op: DiffSpan['op'], text: string) => {
    if (!text) return;
    const last = spans[spans.length - 1];
    if (last && last.op === op) last.text += text;
    else spans.push({ op, text });
  };
  const vocabulary = new Map<string, number>();
  for (const o of editScript(weighted(qt, vocabulary), weighted(st, vocabulary))) {
    if (o.op === 'equal') push('equal', sSpans[o.j]);
    else if (o.op === 'insert') push('insert', sSpans[o.j]);
    else if (o.op === 'delete') push('delete', qSpans[o.i]);
    else {
      push('delete', qSpans[o.i]);
      push('insert', sSpans[o.j]);
    }
  }
  if (st.text.length === 0) push('insert', stored);
  return spans;
}

/** The best stored segments for a source sentence in English or Chinese. */
export function fuzzyMatch(store: Store, query: string, options: MatchOptions = {}): MatchResponse {
  const text = query.trim();
  if (!text) throw new InputError('the query is empty');
  if (text.length > MAX_QUERY_LENGTH) throw new InputError(`the query is longer than ${MAX_QUERY_LENGTH} characters`);
  const limit = options.limit ?? 5;
  const minScore = options.minScore ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new InputError('limit must be a whole number from 1 to 100');
  if (!(minScore >= 0 && minScore <= 100)) throw new InputError('the minimum score must be from 0 to 100');
  const lang: Side = options.lang ?? (hasHan(text) ? 'zh' : 'en');
  const repo = TmRepository.of(store);
  const index = FuzzyIndex.of(store);

  const q = index.queryTokens(matchTokens(normalizeKey(text)));
  if (q.total === 0) throw new InputError('the query has nothing to match');

  // Scores are floored, so a 49.6% similarity is not a 50% match.
  const candidates = index.candidates(lang, q, minScore / 100);
  const top: Array<{ id: number; sim: number; identical: boolean; score: number }> = [];
  let evaluated = 0;
  let rowA = new Float64Array(256);
  let rowB = new Float64Array(256);
  const worst = () => (top.length < limit ? minScore / 100 : top[top.length - 1].sim);
  const cleanQuery = cleanSegmentText(text);
  for (const cand of candidates) {
    if (top.length >= limit && cand.bound < worst()) break;
    if (evaluated >= MAX_EVALUATIONS) break;
    const s = index.segmentTokens(lang, cand.seg);
    if (rowA.length <= s.ids.length) {
      rowA = new Float64Array(s.ids.length * 2 + 1);
      rowB = new Float64Array(s.ids.length * 2 + 1);
    }
    const sim = similarity(editDistance(q, s, rowA, rowB), q.total, s.total);
    evaluated++;
    if (sim * 100 + 1e-9 < minScore) continue;
    const id = index.segmentId(cand.seg);
    let identical = false;
    if (sim === 1) {
      const seg = repo.get(id);
      identical = !!seg && (lang === 'en' ? seg.en : seg.zh) === cleanQuery;
    }
    const score = percent(sim, identical);
    if (score < minScore) continue;
    top.push({ id, sim: identical ? 1.0000001 : sim, identical, score });
    top.sort((a, b) => b.sim - a.sim || b.id - a.id);
    if (top.length > limit) top.pop();
  }

  const matches: FuzzyMatch[] = top.map((t) => {
    const seg = repo.get(t.id)!;
    const source = lang === 'en' ? seg.en : seg.zh;
    return {
      segmentId: seg.id,
      score: t.score,
      source,
      target: lang === 'en' ? seg.zh : seg.en,
      sourceLang: lang,
      doc: seg.doc,
      position: seg.position,
      date: seg.date,
      origin: seg.origin,
      diff: buildDiff(text, source),
    };
  });
  return { query: text, lang, matches, evaluated };
}

/**
 * The baseline the benchmark compares with: the same scores computed against every stored
 * segment, no index. Returns the ids and scores of the top N.
 */
export function fuzzyMatchByScan(store: Store, query: string, limit = 5, minScore = 50): Array<{ segmentId: number; score: number }> {
  const text = query.trim();
  const lang: Side = hasHan(text) ? 'zh' : 'en';
  const vocabulary = new Map<string, number>();
  const q = weighted(matchTokens(normalizeKey(text)), vocabulary);
  const repo = TmRepository.of(store);
  const rowA = new Float64Array(4096);
  const rowB = new Float64Array(4096);
  const all: Array<{ segmentId: number; sim: number }> = [];
  for (const k of repo.iterateKeys(0)) {
    const s = weighted(matchTokens(lang === 'en' ? k.enKey : k.zhKey), vocabulary);
    if (s.ids.length >= rowA.length) continue;
    const sim = similarity(editDistance(q, s, rowA, rowB), q.total, s.total);
    if (sim * 100 + 1e-9 >= minScore) all.push({ segmentId: k.id, sim });
  }
  all.sort((a, b) => b.sim - a.sim || b.segmentId - a.segmentId);
  return all.slice(0, limit).map((a) => ({ segmentId: a.segmentId, score: percent(a.sim, false) }));
}
