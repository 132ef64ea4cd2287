// Finding every occurrence of a set of terms in a document. The scan runs over the normalised text
// (Traditional → Simplified, width and punctuation folded, typesetting spaces dropped), so
// "2019 冠状病毒病" in the text meets the key of 2019冠状病毒病, and maps each hit back to
// original offsets. At each position the longest term wins and the scan continues after it:
// 世界银行集团 is one hit, not also 世界银行. Latin-script terms only match as whole words.
import { normalizeKey } from '../domain/normalize.js';
import type { PreparedDocument } from './document.js';

export interface Pattern {
  key: string;
  /** Caller's handle for the term. */
  id: number;
}

export interface Hit {
  id: number;
  start: number;
  end: number;
}

const WORD_CHAR = /[a-z0-9]/;

/** Patterns grouped by first character, longest first. */
export class PatternSet {
  private readonly byFirst = new Map<number, Pattern[]>();

  constructor(patterns: Iterable<Pattern>) {
    const seen = new Set<string>();
    for (const p of patterns) {
      if (p.key.length < 2 || seen.has(p.key)) continue;
      seen.add(p.key);
      let list = this.byFirst.get(p.key.charCodeAt(0));
      if (!list) this.byFirst.set(p.key.charCodeAt(0), (list = []));
      list.push(p);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.key.length - a.key.length);
  }

  /** Leftmost-longest hits in the document, outside masked text. */
  scan(doc: PreparedDocument): Hit[] {
    const { text, offsets } = doc.normalized();
    const hits: Hit[] = [];
    for (let i = 0; i < text.length; i++) {
      const list = this.byFirst.get(text.charCodeAt(i));
      if (!list || doc.masked[offsets[i]]) continue;
      for (const p of list) {
        if (!text.startsWith(p.key, i)) continue;
        const endNorm = i + p.key.length;
        if (WORD_CHAR.test(p.key[0]) && i > 0 && WORD_CHAR.test(text[i - 1])) continue;
        if (WORD_CHAR.test(p.key[p.key.length - 1]) && endNorm < text.length && WORD_CHAR.test(text[endNorm])) continue;
        const start = offsets[i];
        let end = offsets[endNorm - 1] + 1;
        const code = doc.text.charCodeAt(end - 1);
        if (code >= 0xd800 && code <= 0xdbff) end++;
        hits.push({ id: p.id, start, end });
        i = endNorm - 1;
        break;
      }
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
