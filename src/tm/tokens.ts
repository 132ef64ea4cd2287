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
//
// They run over every stored segment when an index is built, so characters are classified by
// code: ASCII by table, anything else once per distinct code point (then cached).

export type TokenKind = 'han' | 'word' | 'punct';

export interface Tokens {
  text: string[];
  kind: TokenKind[];
  /** UTF-16 offsets into the key, end exclusive. */
  start: number[];
  end: number[];
}

// biome-ignore lint/suspicious/noConstEnum: file-local, inlined by the compiler in the tokenisers' per-character loops
const enum C {
  Space = 0,
  Han = 1,
  /** Letter or digit (unicode61 token character). */
  Word = 2,
  /** A combining mark: inside a word for matching, a separator for the index (as in unicode61). */
  Mark = 3,
  Punct = 4,
}

const HAN = /\p{Script=Han}/u;
const INDEX_CHAR = /[\p{L}\p{N}\p{Co}]/u;
const MARK = /\p{M}/u;
const SPACE = /\s/u;

const classes = new Map<number, C>();
function classify(cp: number): C {
  if (cp < 0x80) {
    if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a)) return C.Word;
    return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) ? C.Space : C.Punct;
  }
  let c = classes.get(cp);
  if (c === undefined) {
    const ch = String.fromCodePoint(cp);
    c = HAN.test(ch) ? C.Han : INDEX_CHAR.test(ch) ? C.Word : MARK.test(ch) ? C.Mark : SPACE.test(ch) ? C.Space : C.Punct;
    classes.set(cp, c);
  }
  return c;
}

const isDigit = (cp: number) => cp >= 0x30 && cp <= 0x39;
/** Characters that join two word characters into one word: sixty-ninth, a/69/767, cn.7, member's. */
const isJoiner = (cp: number) => cp === 0x2d || cp === 0x2f || cp === 0x2e || cp === 0x27;

function emptyTokens(): Tokens {
  return { text: [], kind: [], start: [], end: [] };
}

function push(out: Tokens, text: string, kind: TokenKind, start: number, end: number): void {
  out.text.push(text);
  out.kind.push(kind);
  out.start.push(start);
  out.end.push(end);
}

/** Tokens whose edit distance gives the match percentage (see file comment). */
export function matchTokens(key: string): Tokens {
  const out = emptyTokens();
  const n = key.length;
  let i = 0;
  while (i < n) {
    const cp = key.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    const c = classify(cp);
    if (c === C.Space) {
      i += w;
    } else if (c === C.Han) {
      push(out, key.slice(i, i + w), 'han', i, i + w);
      i += w;
    } else if (c === C.Word || c === C.Mark) {
      const start = i;
      i += w;
      while (i < n) {
        const cp2 = key.codePointAt(i)!;
        const c2 = classify(cp2);
        if (c2 === C.Word || c2 === C.Mark) {
          i += cp2 > 0xffff ? 2 : 1;
          continue;
        }
        // A joiner between two word characters stays inside the word; a comma only between digits.
        if (i + 1 < n) {
          const next = key.codePointAt(i + 1)!;
          const cn = classify(next);
          if ((cn === C.Word || cn === C.Mark) && (isJoiner(cp2) || (cp2 === 0x2c && isDigit(key.charCodeAt(i - 1)) && isDigit(next)))) {
            i += 1 + (next > 0xffff ? 2 : 1);
            continue;
          }
        }
        break;
      }
      push(out, key.slice(start, i), 'word', start, i);
    } else {
      push(out, key.slice(i, i + w), 'punct', i, i + w);
      i += w;
    }
  }
  return out;
}

/** Tokens of the full-text index: Han characters one by one, letter/digit runs; no punctuation. */
export function indexTokens(key: string): Tokens {
  const out = emptyTokens();
  const n = key.length;
  let i = 0;
  while (i < n) {
    const cp = key.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    const c = classify(cp);
    if (c === C.Han) {
      push(out, key.slice(i, i + w), 'han', i, i + w);
      i += w;
    } else if (c === C.Word) {
      const start = i;
      i += w;
      while (i < n) {
        const cp2 = key.codePointAt(i)!;
        if (classify(cp2) !== C.Word) break;
        i += cp2 > 0xffff ? 2 : 1;
      }
      push(out, key.slice(start, i), 'word', start, i);
    } else {
      i += w;
    }
  }
  return out;
}

/** The text stored in the FTS index for a key: index tokens joined by spaces. */
export function indexText(key: string): string {
  return indexTokens(key).text.join(' ');
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
