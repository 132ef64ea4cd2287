// One pass over a draft: normalise (keeping original offsets), run the automaton, choose the
// occurrences longest match first, then look for near-misses of official names between and around
// them (near-miss.ts). Everything is reported in UTF-16 offsets of the original text.
import { isWordCode } from '../domain/automaton.js';
import { type NormalizedText, normalizeWithOffsets, originalEnd } from '../domain/normalize.js';
import { looksLikeAcronym } from '../domain/terms.js';
import { type NearMissCandidate, type NearMissTarget, endsMismatch } from './near-miss.js';
import type { IndexedConcept, IndexedTerm } from './indexed.js';
import type { PatternInfo, PatternList, TermIndex } from './term-index.js';

export interface TermOccurrence {
  /** Original UTF-16 offsets, end exclusive. */
  start: number;
  end: number;
  /** Normalised offsets. */
  nStart: number;
  nEnd: number;
  /** The original text of the span. */
  text: string;
  pattern: PatternInfo;
  /** The form the span stands for (see chooseTerm). */
  term: IndexedTerm;
  concept: IndexedConcept;
  /** More than one approved concept has this form. */
  ambiguous: boolean;
}

export interface NearMissOccurrence {
  start: number;
  end: number;
  nStart: number;
  nEnd: number;
  text: string;
  target: NearMissTarget;
  concept: IndexedConcept;
  distance: number;
  /** The span has the official name's characters in another order (衡量电子商务… for 电子商务…衡量…). */
  reordered: boolean;
}

export interface ScanResult {
  norm: NormalizedText;
  occurrences: TermOccurrence[];
  nearMisses: NearMissOccurrence[];
  /** Candidate spans the near-miss search verified and kept before overlaps were resolved. */
  nearMissCandidates: number;
}

export interface ScanOptions {
  nearMiss?: boolean;
  /** Pre-normalised text (benchmarks measure the two steps apart). */
  norm?: NormalizedText;
}

const LOWER = /\p{Ll}/u;

/** The form a key stands for in a draft: trusted and current first, then approved, then any. */
function chooseTerm(pattern: PatternInfo, index: TermIndex): { term: IndexedTerm; ambiguous: boolean } {
  const rank = (t: IndexedTerm) => {
    const approved = index.concepts.get(t.conceptId)!.reviewStatus === 'approved';
    return (t.trusted ? 0 : 4) + (t.status === 'deprecated' ? 2 : 0) + (approved ? 0 : 1);
  };
  let best = pattern.terms[0];
  for (const t of pattern.terms) if (rank(t) < rank(best)) best = t;
  const owners = new Set(pattern.terms.filter((t) => t.trusted && t.status !== 'deprecated').map((t) => t.conceptId));
  return { term: best, ambiguous: owners.size > 1 };
}

/** One pass over a draft: occurrences of the index's terms and near-misses of official names. */
export function scanText(index: TermIndex, text: string, options: ScanOptions = {}): ScanResult {
  const norm = options.norm ?? normalizeWithOffsets(text);
  const wantNearMiss = options.nearMiss !== false && index.nearMiss.targetCount > 0;
  const matches = collectMatches(index, text, norm);
  const chosen = chooseMatches(matches, index.patterns);
  const occurrences = toOccurrences(chosen.all, index, text, norm);
  const { nearMisses, nearMissCandidates } = wantNearMiss
    ? findNearMisses(index, text, norm, matches, chosen.covered)
    : { nearMisses: [], nearMissCandidates: 0 };
  return { norm, occurrences, nearMisses, nearMissCandidates };
}

/** What the automaton pass found: the longest valid match at each start. */
interface Matches {
  /** Longest valid match per start, kept apart for primary patterns (reviewed forms, blocking
   * words) and the rest (unreviewed forms), which only fill the gaps. */
  primaryLen: Int32Array;
  primaryPat: Int32Array;
  otherLen: Int32Array;
  otherPat: Int32Array;
}

function collectMatches(index: TermIndex, text: string, norm: NormalizedText): Matches {
  const t = norm.text;
  const n = t.length;
  const patterns = index.patterns;
  const m: Matches = {
    primaryLen: new Int32Array(n),
    primaryPat: new Int32Array(n),
    otherLen: new Int32Array(n),
    otherPat: new Int32Array(n),
  };
  const { primaryLen, primaryPat, otherLen, otherPat } = m;
  index.automaton.scan(t, (p, start, end) => {
      const info = patterns.at(p)!;
      if (info.wordStart && start > 0 && isWordCode(t.charCodeAt(start - 1))) return;
      if (info.wordEnd && end < n && isWordCode(t.charCodeAt(end))) return;
      if (info.upperCase && LOWER.test(text.slice(norm.offsets[start], originalEnd(text, norm, end)))) return;
      const len = end - start;
      if (info.primary) {
        if (len > primaryLen[start]) {
          primaryLen[start] = len;
          primaryPat[start] = p;
        }
      } else if (len > otherLen[start]) {
        otherLen[start] = len;
        otherPat[start] = p;
      }
  });
  return m;
}

interface Chosen {
  /** Chosen spans (normalised offsets) in text order. */
  all: Array<{ start: number; end: number; p: number }>;
  /** covered[i] = start of the chosen reviewed name covering normalised unit i, or -1. */
  covered: Int32Array;
}

function chooseMatches(m: Matches, patterns: PatternList): Chosen {
  const n = m.primaryLen.length;
  // Pass 1: leftmost-longest among primary patterns.
  const covered = new Int32Array(n).fill(-1);
  const taken = new Uint8Array(n);
  const chosen: Array<{ start: number; end: number; p: number }> = [];
  let lastEnd = 0;
  for (let i = 0; i < n; i++) {
    const len = m.primaryLen[i];
    if (len === 0 || i < lastEnd) continue;
    lastEnd = i + len;
    const p = m.primaryPat[i];
    taken.fill(1, i, lastEnd);
    // Only reviewed names (pass 1) hide near-misses: a form extraction attached to an approved
    // concept (国际货币组织 on the IMF) is still compared with the official name.
    if (!patterns.at(p)!.blocker) covered.fill(i, i, lastEnd);
    chosen.push({ start: i, end: lastEnd, p });
  }
  // Pass 2: other patterns (extraction candidates), where they overlap nothing chosen in pass 1.
  lastEnd = 0;
  const extra: Array<{ start: number; end: number; p: number }> = [];
  for (let i = 0; i < n; i++) {
    const len = m.otherLen[i];
    if (len === 0 || i < lastEnd) continue;
    if (taken.subarray(i, i + len).includes(1)) continue;
    lastEnd = i + len;
    extra.push({ start: i, end: lastEnd, p: m.otherPat[i] });
  }
  const all = extra.length ? [...chosen, ...extra].sort((a, b) => a.start - b.start) : chosen;
  return { all, covered };
}

function toOccurrences(all: Chosen['all'], index: TermIndex, text: string, norm: NormalizedText): TermOccurrence[] {
  const occurrences: TermOccurrence[] = [];
  for (const m of all) {
    const pattern = index.patterns.at(m.p)!;
    if (pattern.blocker) continue;
    const { term, ambiguous } = chooseTerm(pattern, index);
    const start = norm.offsets[m.start];
    const end = originalEnd(text, norm, m.end);
    occurrences.push({
      start,
      end,
      nStart: m.start,
      nEnd: m.end,
      text: text.slice(start, end),
      pattern,
      term,
      concept: index.concepts.get(term.conceptId)!,
      ambiguous,
    });
  }
  return occurrences;
}

/**
 * Near-misses of official names: candidate spans from the near-miss index, which may not cut a
 * chosen name in two nor be one, nor cross a line break; then, of overlapping candidates, the
 * closest.
 */
function findNearMisses(
  index: TermIndex,
  text: string,
  norm: NormalizedText,
  m: Matches,
  covered: Int32Array,
): { nearMisses: NearMissOccurrence[]; nearMissCandidates: number } {
  const t = norm.text;
  const n = t.length;
  const patterns = index.patterns;
  // Inside a chosen name: units p − 1 and p belong to the same chosen match.
  const boundaryOk = (p: number) => p <= 0 || p >= n || covered[p] === -1 || covered[p] !== covered[p - 1];
  const isKnownName = (start: number, end: number) => covered[start] === start && covered[end - 1] === start && (end === n || covered[end] !== start);
  const candidates: NearMissCandidate[] = index.nearMiss.find({ text: t, breakBefore: lineBreaks(text, norm), boundaryOk, isKnownName });
  // Chosen names inside a span: the longest, and the longest of the target's own concept.
  const namesInside = (start: number, end: number, conceptId: number, key: string) => {
    let longest = 0;
    let own = 0;
    let uncovered = 0;
    let foreign = 0;
    for (let k = start; k < end; ) {
      const st = covered[k];
      if (st === -1) {
        uncovered++;
        if (!key.includes(t[k])) foreign++;
        k++;
        continue;
      }
      const len = m.primaryLen[st];
      const whole = st >= start && st + len <= end;
      if (whole) {
        longest = Math.max(longest, len);
        if (patterns.at(m.primaryPat[st])!.terms.some((x) => x.conceptId === conceptId)) own = Math.max(own, len);
      }
      k = st + len;
    }
    return { longest, own, uncovered, foreign };
  };
  // Overlapping candidates: keep the one whose ends agree with the name, then the closest.
  const rank = (c: NearMissCandidate) => endsMismatch(t, c.start, c.end, c.target.key) * 16 + c.distance;
  candidates.sort((x, y) => rank(x) - rank(y) || x.start - y.start);
  const nearMisses: NearMissOccurrence[] = [];
  const taken = new Uint8Array(n + 1);
  for (const c of candidates) {
    const reordered = extendReordered(t, c);
    if (taken.subarray(c.start, c.end).includes(1)) continue;
    if (contradictedByAcronym(t, c.end, c.target, index)) continue;
    const inside = namesInside(c.start, c.end, c.target.term.conceptId, c.target.key);
    // Known words, not a slip: a span made only of chosen names (联合国 + 环境署), a chosen name
    // and one character foreign to the name (信通技术 + 项 of 项目 is not 信通技术厅), or the
    // body's own name and the next word (国家统计局 + 局长).
    if (inside.uncovered === 0) continue;
    if (inside.longest === c.end - c.start - 1 && inside.foreign === 1) continue;
    if (inside.own >= c.target.key.length - 1) continue;
    taken.fill(1, c.start, c.end);
    const start = norm.offsets[c.start];
    const end = originalEnd(text, norm, c.end);
    nearMisses.push({
      start,
      end,
      nStart: c.start,
      nEnd: c.end,
      text: text.slice(start, end),
      target: c.target,
      concept: index.concepts.get(c.target.term.conceptId)!,
      distance: c.distance,
      reordered,
    });
  }
  nearMisses.sort((a, b) => a.start - b.start);
  return { nearMisses, nearMissCandidates: candidates.length };
}

/** breakBefore[i] = 1 when the original has a line break or a tab between normalised units i − 1 and i. */
function lineBreaks(text: string, norm: NormalizedText): Uint8Array {
  const n = norm.text.length;
  const out = new Uint8Array(n + 1);
  const { offsets } = norm;
  for (const m of text.matchAll(/[\n\r\t\v\f]/g)) {
    // The first normalised unit after the break.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (offsets[mid] > m.index!) hi = mid;
      else lo = mid + 1;
    }
    if (lo > 0 && lo < n) out[lo] = 1;
  }
  return out;
}

/**
 * 衡量电子商务和数字经济工作组 for 电子商务和数字经济衡量工作组: the anchored span lacks characters
 * of the name that stand just before it. When span and those characters hold exactly the name's
 * characters, the span grows to include them (so the suggestion replaces the whole name).
 */
function extendReordered(t: string, c: { start: number; end: number; target: NearMissTarget }): boolean {
  const missing = c.target.key.length - (c.end - c.start);
  // One character is no evidence: a conjunction just before the span (和预防犯罪刑事司法委员会) fits by chance.
  if (missing < 2 || c.start - missing < 0) return false;
  const sorted = (s: string) => [...s].sort().join('');
  if (sorted(t.slice(c.start - missing, c.end)) !== sorted(c.target.key)) return false;
  c.start -= missing;
  return true;
}

/**
 * A near-miss followed by a bracketed acronym of another body is that other body's (unlisted)
 * name, not a slip: 国际铁路联盟（UIC） is not 国际电信联盟.
 */
function contradictedByAcronym(t: string, end: number, target: NearMissTarget, index: TermIndex): boolean {
  if (t[end] !== '(') return false;
  const close = t.indexOf(')', end + 1);
  if (close < 0 || close - end > index.data.config.aliasMaxLength) return false;
  for (const part of t.slice(end + 1, close).split(/[,;]/)) {
    const key = part.trim();
    if (!looksLikeAcronym(key, 'any')) continue;
    const owners = index.patternByKey(key)?.terms.filter((x) => x.type === 'acronym').map((x) => x.conceptId) ?? [];
    if (owners.length > 0 && !owners.includes(target.term.conceptId)) return true;
  }
  return false;
}
