// Finding every occurrence of a set of terms in a document. The scan runs over the normalised text
// (Traditional → Simplified, width and punctuation folded, typesetting spaces dropped), so
// "2019 冠状病毒病" in the text meets the key of 2019冠状病毒病, and maps each hit back to
// original offsets. At each position the longest term wins and the scan continues after it:
// 世界银行集团 is one hit, not also 世界银行. Latin-script terms only match as whole words. The
// scanner is the checker's (src/domain/automaton.ts).
import { Automaton, type AutomatonParts, isWordCode } from '../domain/automaton.js';
import { normalizeKey, originalEnd } from '../domain/normalize.js';
import type { PreparedDocument } from './document.js';

export interface Pattern {
  key: string;
  /** Caller's handle for the term. */
  id: number;
}

export interface PatternSetSnapshot {
  keys: string[];
  ids: Int32Array;
  automaton: AutomatonParts;
}

export interface Hit {
  id: number;
  start: number;
  end: number;
}

/** A set of terms to find in documents, with the checker's scanner (domain/automaton.ts). */
export class PatternSet {
  /** The patterns kept (two characters or more, first of each key), by automaton pattern id. */
  private readonly patterns: Pattern[] = [];
  private readonly automaton: Automaton;

  constructor(patterns: Iterable<Pattern>, snapshot?: PatternSetSnapshot) {
    if (snapshot) {
      this.patterns = snapshot.keys.map((key, i) => ({ key, id: snapshot.ids[i] }));
      this.automaton = Automaton.fromParts(snapshot.automaton);
      return;
    }
    const seen = new Set<string>();
    for (const p of patterns) {
      if (p.key.length < 2 || seen.has(p.key)) continue;
      seen.add(p.key);
      this.patterns.push(p);
    }
    this.automaton = new Automaton(this.patterns.map((p) => p.key));
  }

  /** What the set is made of, to be made again without building its automaton (reference-snapshot.ts). */
  snapshot(): PatternSetSnapshot {
    return { keys: this.patterns.map((p) => p.key), ids: Int32Array.from(this.patterns, (p) => p.id), automaton: this.automaton.parts() };
  }

  static fromSnapshot(snapshot: PatternSetSnapshot): PatternSet {
    return new PatternSet([], snapshot);
  }

  /** Leftmost-longest hits in the document; a hit may not start in masked text. */
  scan(doc: PreparedDocument): Hit[] {
    const norm = doc.normalized();
    const { text, offsets } = norm;
    const n = text.length;
    const patterns = this.patterns;
    // The longest valid match at each start.
    const longest = new Int32Array(n);
    const longestPattern = new Int32Array(n);
    this.automaton.scan(text, (p, start, end) => {
      if (doc.masked[offsets[start]]) return;
      const key = patterns[p].key;
      if (start > 0 && isWordCode(key.charCodeAt(0)) && isWordCode(text.charCodeAt(start - 1))) return;
      if (end < n && isWordCode(key.charCodeAt(key.length - 1)) && isWordCode(text.charCodeAt(end))) return;
      if (end - start > longest[start]) {
        longest[start] = end - start;
        longestPattern[start] = p;
      }
    });
    const hits: Hit[] = [];
    for (let i = 0; i < n; i++) {
      const length = longest[i];
      if (length === 0) continue;
      hits.push({ id: patterns[longestPattern[i]].id, start: offsets[i], end: originalEnd(doc.text, norm, i + length) });
      i += length - 1;
    }
    return hits;
  }
}

const keyCache = new Map<string, string>();

/**
 * normalizeKey, remembered: extraction asks for the key of the same names many times (every
 * candidate, every link, every list item), and each call runs the Traditional → Simplified
 * converter. The cache is bounded and only ever maps a text to the same key.
 */
export function termKey(text: string): string {
  let key = keyCache.get(text);
  if (key === undefined) {
    if (keyCache.size > 100_000) keyCache.clear();
    key = normalizeKey(text);
    keyCache.set(text, key);
  }
  return key;
}
