// How a query is read: one normalised key (normalizeKey, the same as every term's), its compact
// form, an optional leading 联合国 / United Nations, its English words, and — when it is nothing but
// Latin letters — its pinyin syllables.
import { compactKey, normalizeKey } from '../domain/normalize.js';
import { segmentPinyin, pinyinLetters } from './pinyin.js';
import { type Token, hasHanChar, optionalPrefixLength, wordTokens } from './text.js';

export interface AnalysedQuery {
  raw: string;
  key: string;
  compact: string;
  /** Compact length of an optional leading prefix (0 when absent). */
  stripLen: number;
  hasHan: boolean;
  words: Token[];
  /** Latin letters only (no digits, no Han): the query may be pinyin. */
  pinyin?: {
    letters: string;
    /** Syllables, or null when the letters do not split into pinyin syllables (then initials only). */
    syllables: string[] | null;
  };
}

export function analyseQuery(raw: string): AnalysedQuery {
  const key = normalizeKey(raw);
  const compact = compactKey(key);
  const q: AnalysedQuery = {
    raw,
    key,
    compact,
    stripLen: optionalPrefixLength(key),
    hasHan: hasHanChar(compact),
    words: wordTokens(key),
  };
  if (/^[a-z]{2,}$/.test(compact)) {
    q.pinyin = { letters: pinyinLetters(compact), syllables: segmentPinyin(key.split(/[^a-z]+/)) };
  }
  return q;
}
