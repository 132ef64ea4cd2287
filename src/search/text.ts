// The forms of a normalised key that lookup compares: the compact key (no spaces or punctuation,
// so "e-commerce" meets "e commerce"), the length of an optional leading "联合国" / "United Nations",
// and the Latin word tokens with their positions. Used for terms (index build) and queries alike.
import { optionalPrefixes } from './data.js';

/** What compactKey() removes, one code point at a time. */
const REMOVED = /[\s\p{P}\p{S}]/u;
const HAN = /\p{Script=Han}/u;
/** A run of letters and digits that are not Han: an English (or other Latin-script) word. */
const WORD = /(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;

export function hasHanChar(s: string): boolean {
  return HAN.test(s);
}

export function isHanCodeUnit(s: string, i: number): boolean {
  const cp = s.codePointAt(i)!;
  return HAN.test(String.fromCodePoint(cp));
}

/** compactKey() with, for every unit of the result, the index of the key unit it came from. */
export function compactWithMap(key: string): { compact: string; toKey: number[] } {
  let compact = '';
  const toKey: number[] = [];
  for (let i = 0; i < key.length; ) {
    const cp = key.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (!REMOVED.test(ch)) {
      compact += ch;
      for (let k = 0; k < ch.length; k++) toKey.push(i + k);
    }
    i += ch.length;
  }
  return { compact, toKey };
}

/**
 * How many compact characters an optional leading prefix covers (0 when there is none, or when
 * nothing would be left without it).
 */
export function optionalPrefixLength(key: string): number {
  for (const p of optionalPrefixes()) {
    if (key.length <= p.key.length || !key.startsWith(p.key)) continue;
    const next = key.charAt(p.key.length);
    if (p.latin && /[\p{L}\p{N}]/u.test(next)) continue;
    // Something other than punctuation must remain.
    if (!/[\p{L}\p{N}]/u.test(key.slice(p.key.length))) continue;
    return p.compact.length;
  }
  return 0;
}

export interface Token {
  text: string;
  /** [start, end) in the key. */
  start: number;
  end: number;
}

/** Latin-script words of a key, with their positions. */
export function wordTokens(key: string): Token[] {
  const out: Token[] = [];
  for (const m of key.matchAll(WORD)) out.push({ text: m[0], start: m.index!, end: m.index! + m[0].length });
  return out;
}

/** Only the word strings (index build, where positions are not needed). */
export function words(key: string): string[] {
  return key.match(WORD) ?? [];
}
