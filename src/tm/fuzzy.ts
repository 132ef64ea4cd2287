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
import type Database from 'better-sqlite3';
import { hasHan } from '../domain/lang.js';
import { normalizeKey, normalizeWithOffsets } from '../domain/normalize.js';
import { InputError } from '../domain/types.js';
import type { Store } from '../store/repository.js';
import { type Segment, type SegmentKeys, TmRepository, cleanSegmentText } from './segments.js';
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

// ---------------------------------------------------------------- edit distance

interface Weighted {
  text: string[];
  weight: Float64Array;
  total: number;
}

function weighted(tokens: Tokens): Weighted {
  const weight = new Float64Array(tokens.text.length);
  let total = 0;
  for (let i = 0; i < weight.length; i++) {
    weight[i] = tokens.kind[i] === 'punct' ? PUNCT_WEIGHT : 1;
    total += weight[i];
  }
  return { text: tokens.text, weight, total };
}

/** Weighted Levenshtein distance (insert/delete = token weight, substitute = the larger weight). */
function editDistance(a: Weighted, b: Weighted, row: Float64Array, prevRow: Float64Array): number {
  const m = b.text.length;
  prevRow[0] = 0;
  for (let j = 1; j <= m; j++) prevRow[j] = prevRow[j - 1] + b.weight[j - 1];
  let prev = prevRow;
  let cur = row;
  for (let i = 1; i <= a.text.length; i++) {
    const ai = a.text[i - 1];
    const wa = a.weight[i - 1];
    cur[0] = prev[0] + wa;
    for (let j = 1; j <= m; j++) {
      const wb = b.weight[j - 1];
      const sub = prev[j - 1] + (ai === b.text[j - 1] ? 0 : wa > wb ? wa : wb);
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
  const n = a.text.length;
  const m = b.text.length;
  const cols = m + 1;
  const d = new Float64Array((n + 1) * cols);
  for (let j = 1; j <= m; j++) d[j] = d[j - 1] + b.weight[j - 1];
  for (let i = 1; i <= n; i++) {
    d[i * cols] = d[(i - 1) * cols] + a.weight[i - 1];
    for (let j = 1; j <= m; j++) {
      const same = a.text[i - 1] === b.text[j - 1];
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
      const same = a.text[i - 1] === b.text[j - 1];
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

class Postings {
  segs = new Int32Array(4);
  counts = new Uint16Array(4);
  length = 0;
  add(seg: number, count: number): void {
    if (this.length === this.segs.length) {
      const segs = new Int32Array(this.length * 2);
      segs.set(this.segs);
      this.segs = segs;
      const counts = new Uint16Array(this.length * 2);
      counts.set(this.counts);
      this.counts = counts;
    }
    this.segs[this.length] = seg;
    this.counts[this.length] = Math.min(count, 65535);
    this.length++;
  }
}

class SideIndex {
  readonly postings = new Map<string, Postings>();
  total = new Float64Array(1024);
  punct = new Float64Array(1024);

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
    const counts = new Map<string, number>();
    let punct = 0;
    for (let i = 0; i < tokens.text.length; i++) {
      if (tokens.kind[i] === 'punct') punct += PUNCT_WEIGHT;
      else counts.set(tokens.text[i], (counts.get(tokens.text[i]) ?? 0) + 1);
    }
    let total = punct;
    for (const [token, n] of counts) {
      total += n;
      let p = this.postings.get(token);
      if (!p) {
        p = new Postings();
        this.postings.set(token, p);
      }
      p.add(seg, n);
    }
    this.total[seg] = total;
    this.punct[seg] = punct;
  }
}

/** The in-memory index of one database connection. */
export class FuzzyIndex {
  private ids = new Int32Array(1024);
  private size = 0;
  private maxId = 0;
  private revision = -1;
  private readonly sides = { en: new SideIndex(), zh: new SideIndex() };
  private scratch = new Float64Array(0);

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
    if (count < this.size || this.size > 0 && count - this.size !== this.countAfter(this.maxId)) this.reset();
    for (const k of this.repo.iterateKeys(this.maxId)) this.add(k);
    this.revision = revision;
    return this;
  }

  private countAfter(id: number): number {
    let n = 0;
    for (const _ of this.repo.iterateKeys(id)) n++;
    return n;
  }

  private reset(): void {
    this.ids = new Int32Array(1024);
    this.size = 0;
    this.maxId = 0;
    this.sides.en = new SideIndex();
    this.sides.zh = new SideIndex();
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

  /**
   * Candidates with an upper bound of their similarity ≥ minSim, best bound first. The bound
   * counts shared tokens (with multiplicity) and assumes every punctuation mark could match.
   */
  candidates(side: Side, query: Weighted, queryPunct: number, minSim: number): Array<{ id: number; bound: number }> {
    const index = this.sides[side];
    if (this.scratch.length < this.size) this.scratch = new Float64Array(this.ids.length);
    const common = this.scratch;
    const touched: number[] = [];
    const qCounts = new Map<string, number>();
    for (let i = 0; i < query.text.length; i++) {
      if (query.weight[i] !== PUNCT_WEIGHT) qCounts.set(query.text[i], (qCounts.get(query.text[i]) ?? 0) + 1);
    }
    for (const [token, qn] of qCounts) {
      const p = index.postings.get(token);
      if (!p) continue;
      const segs = p.segs;
      const counts = p.counts;
      for (let k = 0; k < p.length; k++) {
        const seg = segs[k];
        if (common[seg] === 0) touched.push(seg);
        const c = counts[k];
        common[seg] += c < qn ? c : qn;
      }
    }
    const out: Array<{ id: number; bound: number }> = [];
    for (const seg of touched) {
      const shared = common[seg] + Math.min(queryPunct, index.punct[seg]);
      common[seg] = 0;
      const bound = shared / Math.max(query.total, index.total[seg]);
      if (bound >= minSim) out.push({ id: this.ids[seg], bound });
    }
    out.sort((a, b) => b.bound - a.bound || b.id - a.id);
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
  for (const o of editScript(weighted(qt), weighted(st))) {
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

  const key = normalizeKey(text);
  const qTokens = matchTokens(key);
  const q = weighted(qTokens);
  let qPunct = 0;
  for (let i = 0; i < qTokens.kind.length; i++) if (qTokens.kind[i] === 'punct') qPunct += PUNCT_WEIGHT;
  if (q.total === 0) throw new InputError('the query has nothing to match');

  // A bound in [minScore/100, …); scores are floored, so a 49.6% similarity is not a 50% match.
  const candidates = index.candidates(lang, q, qPunct, minScore / 100);
  const top: Array<{ id: number; sim: number; identical: boolean; score: number }> = [];
  let evaluated = 0;
  let rowA = new Float64Array(256);
  let rowB = new Float64Array(256);
  const worst = () => (top.length < limit ? minScore / 100 : top[top.length - 1].sim);
  for (const cand of candidates) {
    if (top.length >= limit && cand.bound < worst()) break;
    if (evaluated >= MAX_EVALUATIONS) break;
    const keys = repo.keys(cand.id);
    if (!keys) continue;
    const storedKey = lang === 'en' ? keys.enKey : keys.zhKey;
    const s = weighted(matchTokens(storedKey));
    if (rowA.length <= s.text.length) {
      rowA = new Float64Array(s.text.length * 2 + 1);
      rowB = new Float64Array(s.text.length * 2 + 1);
    }
    const sim = similarity(editDistance(q, s, rowA, rowB), q.total, s.total);
    evaluated++;
    if (sim * 100 + 1e-9 < minScore) continue;
    let identical = false;
    if (sim === 1) {
      const seg = repo.get(cand.id)!;
      identical = (lang === 'en' ? seg.en : seg.zh) === cleanSegmentText(text);
    }
    const score = percent(sim, identical);
    if (score < minScore) continue;
    top.push({ id: cand.id, sim: identical ? 1.0000001 : sim, identical, score });
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
  const q = weighted(matchTokens(normalizeKey(text)));
  const repo = TmRepository.of(store);
  const rowA = new Float64Array(4096);
  const rowB = new Float64Array(4096);
  const all: Array<{ segmentId: number; sim: number }> = [];
  for (const k of repo.iterateKeys(0)) {
    const s = weighted(matchTokens(lang === 'en' ? k.enKey : k.zhKey));
    if (s.text.length >= rowA.length) continue;
    const sim = similarity(editDistance(q, s, rowA, rowB), q.total, s.total);
    if (sim * 100 + 1e-9 >= minScore) all.push({ segmentId: k.id, sim });
  }
  all.sort((a, b) => b.sim - a.sim || b.segmentId - a.segmentId);
  return all.slice(0, limit).map((a) => ({ segmentId: a.segmentId, score: percent(a.sim, false) }));
}
