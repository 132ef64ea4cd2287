// Where does a name that ends right before a bracket begin? The shared answer for the short-form
// and acronym extractors:
//
//  1. Never across a hard stop: sentence punctuation, quotes, brackets, title marks, a line break,
//     masked text (在 …；国际货币组织（IMF）→ starts after ；).
//  2. Walking back over jieba words, stop before a boundary word (data/boundary-words.txt: 在, 的,
//     回应, 主办 …) or a preposition, particle or pronoun (…主办全球监管机构专题研讨会（GSR）).
//  3. Stop at an enumeration comma (、，,) unless the caller still needs characters from further
//     left (联合国教育、科学及文化组织(教科文组织): the short form's 教 lies before the 、).
//  4. A number right before the name belongs to it only when the acronym carries it:
//     2019 冠状病毒病(COVID-19), 第20届全球监管机构专题研讨会（GSR-20）; 2020年全球监管机构专题研讨会（GSR）
//     starts after 年.
import { type PreparedDocument, isHanChar, isHardStop, isSoftStop } from './document.js';
import { lexicon } from './lexicon.js';
import { tokenAt } from './segment.js';

export interface NameStartOptions {
  /** The name must begin at or before this offset (where a matched short form begins). */
  mustStartBy?: number;
  /** Digits the acronym carries ("19" for COVID-19): a number ending in them before the name is part of it. */
  acronymDigits?: string;
  /** Strip leading modifiers (巨型自由贸易协定 → 自由贸易协定). */
  stripModifiers?: boolean;
  /** Longest name considered, in UTF-16 units. */
  maxLength?: number;
  /** Words the caller knows a name never runs across, besides the boundary words (acronyms.ts). */
  stopsAt?: (word: string, tag: string) => boolean;
}

const NAME_INNER_PREPOSITIONS = new Set(['与', '和', '及', '同', '跟']);
const NUMBER_UNITS = new Set(['年', '届', '次', '号']);
const NUMBER_BEFORE = /(第\s*)?([0-9０-９]+(?:\s*[/-]\s*[0-9０-９]+)?)\s*(年|届|次|号)?\s*$/u;

/** The first position of the segment a name ending at `end` can occupy (after the last hard stop). */
export function segmentStart(doc: PreparedDocument, end: number, maxLength = 40): number {
  let i = end;
  const limit = Math.max(0, end - maxLength);
  while (i > limit && !isHardStop(doc, i - 1)) i--;
  return i;
}

/** End of a name that ends before `pos`, with spaces skipped. */
export function trimEnd(text: string, pos: number): number {
  while (pos > 0 && (text[pos - 1] === ' ' || text[pos - 1] === '\u3000')) pos--;
  return pos;
}

function toAsciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');
}

/** True for a jieba token that ends a name on its left. */
export function isBoundaryToken(word: string, tag: string): boolean {
  return lexicon().boundaryWords.has(word) || isFunctionWord(word, tag);
}

/** A preposition (but 与 和 及 同 跟, which occur inside names), particle, pronoun or interjection. */
export function isFunctionWord(word: string, tag: string): boolean {
  if (tag.startsWith('p') && !NAME_INNER_PREPOSITIONS.has(word)) return true;
  return tag.startsWith('u') || tag === 'r' || tag === 'y' || tag === 'e' || tag === 'o';
}

/**
 * The start of the name that ends at `end` (exclusive, spaces before `end` skipped), or undefined
 * when no name ends there (nothing but boundary words, or a required character is out of reach).
 */
export function findNameStart(doc: PreparedDocument, end: number, options: NameStartOptions = {}): number | undefined {
  const { text } = doc;
  const nameEnd = trimEnd(text, end);
  const hard = segmentStart(doc, nameEnd, options.maxLength ?? 40);
  if (options.mustStartBy !== undefined && options.mustStartBy < hard) return undefined;
  const tokens = doc.tokens();
  let cur = nameEnd;
  for (let k = tokenAt(tokens, nameEnd - 1); k >= 0 && cur > hard; k--) {
    const ts = tokens.start[k];
    if (tokens.end[k] > nameEnd) continue;
    if (ts < hard) break;
    const word = tokens.word[k];
    const needMore = options.mustStartBy !== undefined && cur > options.mustStartBy;
    if (/^\s+$/.test(word)) {
      cur = ts;
      continue;
    }
    if (isSoftStop(word)) {
      if (!needMore) break;
      cur = ts;
      continue;
    }
    if (/^[0-9０-９]/.test(word) || (NUMBER_UNITS.has(word) && k > 0 && /^[0-9０-９\s]/.test(tokens.word[k - 1]))) {
      const m = NUMBER_BEFORE.exec(text.slice(hard, tokens.end[k]));
      if (m && options.acronymDigits && toAsciiDigits(m[2]).endsWith(options.acronymDigits)) cur = hard + m.index;
      break;
    }
    if (isBoundaryToken(word, tokens.tag[k]) || options.stopsAt?.(word, tokens.tag[k])) {
      if (needMore) return undefined;
      break;
    }
    cur = ts;
  }
  // "第" and "届" around a number are their own tokens; a bare 第 left at the start is not a name.
  let start = cur;
  while (start < nameEnd && (text[start] === ' ' || isSoftStop(text[start]))) start++;
  // Nor does a name start with the conjunction or preposition 与/和/及 (是与亚甲二氧基甲基苯丙胺（MDMA）).
  while (start < nameEnd - 2 && NAME_INNER_PREPOSITIONS.has(text[start]) && (options.mustStartBy === undefined || start < options.mustStartBy)) start++;
  if (options.stripModifiers) {
    for (const mod of lexicon().leadingModifiers) {
      if (text.startsWith(mod, start) && countHan(text.slice(start + mod.length, nameEnd)) >= 2) {
        start += mod.length;
        break;
      }
    }
  }
  if (options.mustStartBy !== undefined && start > options.mustStartBy) return undefined;
  if (countHan(text.slice(start, nameEnd)) < 2) return undefined;
  return start;
}

export function countHan(s: string): number {
  let n = 0;
  for (const ch of s) if (isHanChar(ch)) n++;
  return n;
}

/**
 * Where the shortest stretch ending at `end` that holds the characters of `short` in order
 * begins (国际电联 in 国际电信联盟 → at 国), or undefined. `from` bounds the search on the left.
 */
export function subsequenceStart(text: string, end: number, from: number, short: string): { start: number; last: number } | undefined {
  let j = short.length - 1;
  let last = -1;
  for (let i = end - 1; i >= from; i--) {
    if (text[i] !== short[j]) continue;
    if (last < 0) last = i;
    j--;
    if (j < 0) return { start: i, last };
  }
  return undefined;
}

const ORDINAL_BEFORE = /第\s*[0-9０-９一二三四五六七八九十百千零〇两]+\s*(?:届|次)\s*$/u;

/**
 * Where a full name that must include `least` (what its short form covers) begins: left of
 * `least` only over what is part of names (data/name-prefix-words.txt: 联合国, 国际, 世界 …; place
 * names; ordinals 第N届; names the glossary knows), never over a verb phrase or a description:
 * 秘书长每隔四个月报告联合国阿富汗援助团(联阿援助团) → 联合国阿富汗援助团, 斯里兰卡反叛团体泰米尔伊拉姆
 * 猛虎解放组织(猛虎组织) → 泰米尔伊拉姆猛虎解放组织.
 */
export function extendOverNameParts(doc: PreparedDocument, least: number, isKnownName: (word: string) => boolean, isPlace: (word: string, tag: string) => boolean): number {
  const { text } = doc;
  const tokens = doc.tokens();
  const hard = segmentStart(doc, least, 40);
  let cur = least;
  // The least start may fall inside a word (联阿 → the 联 of 联合国): the name takes the whole word.
  const k0 = tokenAt(tokens, least);
  if (k0 < tokens.count && tokens.start[k0] < least && tokens.start[k0] >= hard && !isBoundaryToken(tokens.word[k0], tokens.tag[k0])) cur = tokens.start[k0];
  const prefixes = lexicon().namePrefixWords;
  for (let k = tokenAt(tokens, cur - 1); k >= 0 && cur > hard; ) {
    if (tokens.end[k] !== cur) {
      k = tokenAt(tokens, cur - 1);
      if (tokens.end[k] !== cur) break;
    }
    const word = tokens.word[k];
    const ordinal = ORDINAL_BEFORE.exec(text.slice(Math.max(hard, cur - 12), cur));
    if (ordinal) {
      cur -= ordinal[0].length;
      k = tokenAt(tokens, cur - 1);
      continue;
    }
    // 驻 between an organisation or country and the place the name begins with (联合国驻南苏丹共和国特派团).
    const linking = lexicon().nameLinkingWords.has(word) && k > 0 && tokens.end[k - 1] === tokens.start[k] && (prefixes.has(tokens.word[k - 1]) || isPlace(tokens.word[k - 1], tokens.tag[k - 1]) || isKnownName(tokens.word[k - 1]));
    if (/^\s+$/.test(word) || prefixes.has(word) || isPlace(word, tokens.tag[k]) || isKnownName(word) || linking) {
      if (tokens.start[k] < hard) break;
      cur = tokens.start[k];
      k--;
      continue;
    }
    break;
  }
  while (cur < least && /\s/.test(text[cur])) cur++;
  return cur;
}

/** A resolution of the Council (第1540(2004)号) or the Assembly (第51/210号); several joined by 和、及. */
const RESOLUTION = String.raw`第\s*(?:\d+\s*[(（]\s*\d{4}\s*[)）]|\d+\s*/\s*\d+)\s*号?`;
const ESTABLISHED_BY = new RegExp(
  String.raw`(?:安全理事会|安理会|大会|经济及社会理事会|人权理事会)?(?:关于[^的，。；：、()（）\n]{1,40}的)?(?:\d{4}年\d{1,2}月\d{1,2}日)?${RESOLUTION}(?:\s*(?:、|和|及|以及)\s*${RESOLUTION})*\s*决议所设$`,
  'u',
);

/**
 * Where the name of a body set up by a resolution begins, when the text before `headStart` ends
 * with the UN pattern of such names: [安全理事会][关于…的]第N(YYYY)号决议所设 + 委员会, 专家组 …
 * (安全理事会第1540(2004)号决议所设委员会, 第1267(1999)和第1989(2011)号决议所设委员会, 大会第51/210号
 * 决议所设特设委员会). The glossary writes the Council's sanctions committees so.
 */
export function establishedByResolutionStart(text: string, headStart: number): number | undefined {
  const m = ESTABLISHED_BY.exec(text.slice(Math.max(0, headStart - 80), headStart));
  return m ? headStart - m[0].length : undefined;
}
