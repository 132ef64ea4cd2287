// One pass over a draft: normalise (keeping original offsets), run the automaton, choose the
// occurrences longest match first, and look for near-misses at the name suffixes the same pass
// found. Everything is reported in UTF-16 offsets of the original text.
import { isWordCode } from '../domain/automaton.js';
import { type NormalizedText, normalizeWithOffsets, originalEnd } from '../domain/normalize.js';
import { looksLikeAcronym } from '../domain/terms.js';
import { type NearMissTarget, nearMissAt } from './near-miss.js';
import type { IndexedConcept, IndexedTerm } from './indexed.js';
import type { PatternInfo, TermIndex } from './term-index.js';

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
  /** Anchors examined by the near-miss search (after skipping those inside known names). */
  anchorsExamined: number;
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
  const matches = collectMatches(index, text, norm, wantNearMiss);
  const chosen = chooseMatches(matches, index.patterns);
  const occurrences = toOccurrences(chosen.all, index, text, norm);
  const { nearMisses, anchorsExamined } = wantNearMiss
    ? findNearMisses(index, text, norm, matches, chosen.covered)
    : { nearMisses: [], anchorsExamined: 0 };
  return { norm, occurrences, nearMisses, anchorsExamined };
}

/** What the automaton pass found: the longest valid match at each start, and the anchor ends. */
interface Matches {
  /** Longest valid match per start, kept apart for primary patterns (reviewed forms, blocking
   * words) and the rest (unreviewed forms), which only fill the gaps. */
  primaryLen: Int32Array;
  primaryPat: Int32Array;
  otherLen: Int32Array;
  otherPat: Int32Array;
  anchorEnds: number[];
  anchorIds: number[];
}

function collectMatches(index: TermIndex, text: string, norm: NormalizedText, wantNearMiss: boolean): Matches {
  const t = norm.text;
  const n = t.length;
  const patterns = index.patterns;
  const m: Matches = {
    primaryLen: new Int32Array(n),
    primaryPat: new Int32Array(n),
    otherLen: new Int32Array(n),
    otherPat: new Int32Array(n),
    anchorEnds: [],
    anchorIds: [],
  };
  const { primaryLen, primaryPat, otherLen, otherPat, anchorEnds, anchorIds } = m;
  index.automaton.scan(
    t,
    (p, start, end) => {
      const info = patterns[p];
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
    },
    wantNearMiss
      ? (anchor, end) => {
          anchorIds.push(anchor);
          anchorEnds.push(end);
        }
      : undefined,
  );
  return m;
}

interface Chosen {
  /** Chosen spans (normalised offsets) in text order. */
  all: Array<{ start: number; end: number; p: number }>;
  /** covered[i] = start of the chosen reviewed name covering normalised unit i, or -1. */
  covered: Int32Array;
}

function chooseMatches(m: Matches, patterns: PatternInfo[]): Chosen {
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
    if (!patterns[p].blocker) covered.fill(i, i, lastEnd);
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
    const pattern = index.patterns[m.p];
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

/** Near-misses at anchors that do not end inside a chosen name. */
function findNearMisses(
  index: TermIndex,
  text: string,
  norm: NormalizedText,
  m: Matches,
  covered: Int32Array,
): { nearMisses: NearMissOccurrence[]; anchorsExamined: number } {
  const t = norm.text;
  const patterns = index.patterns;
  const nearMisses: NearMissOccurrence[] = [];
  let anchorsExamined = 0;
  const blockedStart = (s: number) => covered[s] !== -1 && covered[s] !== s;
  // 国家统计局局长: the span holds the body's own name plus the next word; nothing is misspelt.
  const holdsOwnName = (start: number, end: number, conceptId: number) => {
    for (let k = start; k < end; k++) {
      const st = covered[k];
      if (st !== -1 && patterns[m.primaryPat[st]].terms.some((x) => x.conceptId === conceptId)) return true;
    }
    return false;
  };
  const candidates = [];
  for (let a = 0; a < m.anchorEnds.length; a++) {
    const end = m.anchorEnds[a];
    const anchor = m.anchorIds[a];
    const suffixStart = end - index.nearMiss.anchors[anchor].length;
    // The suffix belongs to a chosen name (世界贸易组织): nothing to look for.
    if (covered[suffixStart] !== -1 && covered[suffixStart] === covered[end - 1]) continue;
    anchorsExamined++;
    const c = nearMissAt(t, anchor, end, index.nearMiss, index.data, blockedStart);
    if (c) candidates.push(c);
  }
  // Overlapping candidates: keep the closest.
  candidates.sort((x, y) => x.distance - y.distance || x.start - y.start);
  const taken: Array<[number, number]> = [];
  for (const c of candidates) {
    const reordered = extendReordered(t, c);
    if (taken.some(([s, e]) => c.start < e && s < c.end)) continue;
    if (contradictedByAcronym(t, c.end, c.target, index)) continue;
    if (holdsOwnName(c.start, c.end, c.target.term.conceptId)) continue;
    taken.push([c.start, c.end]);
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
  return { nearMisses, anchorsExamined };
}

/**
 * 衡量电子商务和数字经济工作组 for 电子商务和数字经济衡量工作组: the anchored span lacks characters
 * of the name that stand just before it. When span and those characters hold exactly the name's
 * characters, the span grows to include them (so the suggestion replaces the whole name).
 */
function extendReordered(t: string, c: { start: number; end: number; target: NearMissTarget }): boolean {
  const missing = c.target.key.length - (c.end - c.start);
  if (missing <= 0 || c.start - missing < 0) return false;
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
