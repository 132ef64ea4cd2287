// Tokenisers for the translation memory. Both work on normalised keys (normalizeKey), so
// Traditional/Simplified, full-width/half-width and case differences never count as edits.
//
//   matchTokens  — what fuzzy-match percentages count: one token per Chinese character, one per
//                  English word (hyphenated words, "A/69/767" and "1,000.5" stay one word), one
//                  per punctuation mark.
//   indexTokens  — what the full-text index and concordance compare: Chinese characters and runs
//                  of letters/digits, everything else a separator. The same rule as SQLite's
//                  unicode61 tokenizer applied to the space-joined result, so a phrase query and
//                  the highlighting in JavaScript agree.

export type TokenKind = 'han' | 'word' | 'punct';

export interface Tokens {
  text: string[];
  kind: TokenKind[];
  /** UTF-16 offsets into the key, end exclusive. */
  start: number[];
  end: number[];
}

const HAN = /\p{Script=Han}/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** Characters that join two word characters into one word: sixty-ninth, a/69/767, cn.7, member's. */
const WORD_JOINERS = new Set(['-', '/', '.', "'"]);
const DIGIT = /\p{N}/u;
/** SQLite unicode61's default token characters (categories L* N* Co); marks separate tokens there. */
const INDEX_CHAR = /[\p{L}\p{N}\p{Co}]/u;

function charAt(text: string, i: number): string {
  const cp = text.codePointAt(i)!;
  return cp > 0xffff ? text.slice(i, i + 2) : text[i];
}

function isWordChar(ch: string): boolean {
  return WORD_CHAR.test(ch) && !HAN.test(ch);
}

function emptyTokens(): Tokens {
  return { text: [], kind: [], start: [], end: [] };
}

/** Tokens whose edit distance gives the match percentage (see file comment). */
export function matchTokens(key: string): Tokens {
  const out = emptyTokens();
  let i = 0;
  while (i < key.length) {
    const ch = charAt(key, i);
    if (ch === ' ') {
      i += ch.length;
      continue;
    }
    if (HAN.test(ch)) {
      push(out, ch, 'han', i, i + ch.length);
      i += ch.length;
      continue;
    }
    if (isWordChar(ch)) {
      const start = i;
      i += ch.length;
      while (i < key.length) {
        const c = charAt(key, i);
        if (isWordChar(c)) {
          i += c.length;
          continue;
        }
        // A joiner between two word characters stays inside the word; a comma only between digits.
        const next = i + 1 < key.length ? charAt(key, i + 1) : '';
        const prev = key[i - 1];
        if (next && isWordChar(next) && (WORD_JOINERS.has(c) || (c === ',' && DIGIT.test(prev) && DIGIT.test(next)))) {
          i += 1 + next.length;
          continue;
        }
        break;
      }
      push(out, key.slice(start, i), 'word', start, i);
      continue;
    }
    push(out, ch, 'punct', i, i + ch.length);
    i += ch.length;
  }
  return out;
}

/** Tokens of the full-text index: Han characters one by one, letter/digit runs; no punctuation. */
export function indexTokens(key: string): Tokens {
  const out = emptyTokens();
  let i = 0;
  while (i < key.length) {
    const ch = charAt(key, i);
    if (HAN.test(ch)) {
      push(out, ch, 'han', i, i + ch.length);
      i += ch.length;
    } else if (INDEX_CHAR.test(ch)) {
      const start = i;
      i += ch.length;
      while (i < key.length) {
        const c = charAt(key, i);
        if (!INDEX_CHAR.test(c) || HAN.test(c)) break;
        i += c.length;
      }
      push(out, key.slice(start, i), 'word', start, i);
    } else {
      i += ch.length;
    }
  }
  return out;
}

/** The text stored in the FTS index for a key: index tokens joined by spaces. */
export function indexText(key: string): string {
  return indexTokens(key).text.join(' ');
}

function push(out: Tokens, text: string, kind: TokenKind, start: number, end: number): void {
  out.text.push(text);
  out.kind.push(kind);
  out.start.push(start);
  out.end.push(end);
}

/** Positions (token index) where `needle` occurs as a consecutive run in `haystack`. */
export function findTokenRuns(haystack: readonly string[], needle: readonly string[], prefixLast = false): number[] {
  const hits: number[] = [];
  if (needle.length === 0) return hits;
  const last = needle.length - 1;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let k = 0; k < needle.length; k++) {
      const h = haystack[i + k];
      if (k === last && prefixLast ? !h.startsWith(needle[k]) : h !== needle[k]) continue outer;
    }
    hits.push(i);
  }
  return hits;
}
