// One normalisation for every search key in TermDesk (store, lookup, extraction, checker).
//
//   國際電信聯盟        → 国际电信联盟   (Traditional → Simplified, opencc-js, HK/TW variants)
//   （ＩＳＯ）           → (iso)          (full-width → half-width, case fold)
//   Côte d’Ivoire     → cote d'ivoire  (diacritics and quote folding)
//   2022 年 4 月       → 2022年4月       (spaces next to Han characters dropped, other runs collapsed)
//
// The offset-preserving form (normalizeWithOffsets) lets the checker scan normalised text and
// report positions in the original, so both forms are built from the same per-character folding.
// Han characters are converted one at a time, so 乾隆 keys as 干隆: harmless, because terms and
// queries go through the same function.
// The Traditional → Simplified bundle only (110 KB against 1.2 MB for both directions): the same
// dictionaries for hk → cn, checked character by character and on the glossary and the
// development set converted to HK and TW forms. It is loaded (synchronously, its CommonJS build)
// and its converter made only when a whole text is converted: keys fold Han characters one at a
// time through data/simplified-characters.txt, derived from the same conversion.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as OpenCC from 'opencc-js/t2cn';
import { dataFiles } from './data-files.js';

// 'hk' → 'cn' covers Hong Kong and Taiwan variant characters (衞, 綫, 著) without the Taiwan
// preset's single-character 著 → 着 mapping, and without phrase rewriting such as 資訊 → 信息.
/**
 * Bump when normalizeKey's output changes for any input: databases built with another version
 * get their stored keys recomputed when opened (src/setup.ts).
 */
export const KEY_VERSION = '2';

const require = createRequire(import.meta.url);
let converter: ((s: string) => string) | undefined;
/** Made on first use: loading the bundle and building its tables takes tens of milliseconds most commands do not need. */
function traditionalToSimplified(text: string): string {
  const convert = (converter ??= (require('opencc-js/t2cn') as typeof OpenCC).Converter({ from: 'hk', to: 'cn' }));
  return convert(text);
}

/** The version of the opencc-js installed (its package.json, above the bundle this module loads). */
export function openccVersion(): string {
  for (let dir = path.dirname(require.resolve('opencc-js/t2cn')); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'opencc-js' && pkg.version) return pkg.version;
  }
  throw new Error('opencc-js: package.json not found');
}

/**
 * The Han characters the conversion changes and what they become (data/simplified-characters.txt,
 * scripts/derive-simplified-characters.ts); null when the table was derived from another version
 * of opencc-js than the one installed (then each character is asked of the converter). Read once.
 */
let simplifiedTable: Map<string, string> | null | undefined;
function simplifiedCharacters(): Map<string, string> | null {
  if (simplifiedTable !== undefined) return simplifiedTable;
  simplifiedTable = null;
  try {
    const text = fs.readFileSync(path.join(dataFiles('domain').dir, 'simplified-characters.txt'), 'utf8');
    if (/^# opencc-js (\S+)$/m.exec(text)?.[1] !== openccVersion()) return simplifiedTable;
    const table = new Map<string, string>();
    for (const line of text.split('\n')) {
      const tab = line.indexOf('\t');
      if (tab > 0 && !line.startsWith('#')) table.set(line.slice(0, tab), line.slice(tab + 1));
    }
    simplifiedTable = table;
  } catch {
    // No table: the converter answers.
  }
  return simplifiedTable;
}

/** Traditional (and HK/TW variant) characters to Simplified. Keeps the text length for Han text. */
export function toSimplified(text: string): string {
  return traditionalToSimplified(text);
}

const HAN = /\p{Script=Han}/u;
export function isHan(ch: string): boolean {
  return HAN.test(ch);
}

/** The blocks \p{Script=Han} covers, as code-point ranges (first, last). */
const HAN_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x2e80, 0x2fdf],
  [0x3005, 0x3005],
  [0x3007, 0x3007],
  [0x3021, 0x3029],
  [0x3038, 0x303b],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
  [0x20000, 0x323af],
  [0x2f800, 0x2fa1f],
];
/** 1 for every Han code unit of the Basic Multilingual Plane (filled by ranges: no call per code unit at start-up). */
const HAN_BMP = new Uint8Array(0x10000);
for (const [first, last] of HAN_RANGES) if (first < 0x10000) HAN_BMP.fill(1, first, last + 1);

/** Code-point test for the Han script (the blocks \p{Script=Han} covers), without a regex per character. */
export function isHanCode(cp: number): boolean {
  if (cp < 0x10000) return HAN_BMP[cp] === 1;
  for (const [first, last] of HAN_RANGES) if (cp >= first && cp <= last) return true;
  return false;
}

// Keys convert character by character (opencc's single-character tables, cached), so every
// key unit maps to one original character and conversion costs a map lookup. Phrase rules
// (乾隆 keeps 乾) do not apply to keys; they do apply in toSimplified/findTraditional, which
// report Traditional characters to users.
const charCache = new Map<string, string>();
function simplifiedChar(ch: string): string {
  let s = charCache.get(ch);
  if (s === undefined) {
    const table = simplifiedCharacters();
    // ch is one code point (foldOf): a Han character the table does not list stays as it is.
    s = table && isHanCode(ch.codePointAt(0)!) ? (table.get(ch) ?? ch) : traditionalToSimplified(ch);
    charCache.set(ch, s);
  }
  return s;
}

/** Characters that change under Traditional → Simplified conversion, with their positions. */
export function findTraditional(text: string): Array<{ index: number; char: string; simplified: string }> {
  const out: Array<{ index: number; char: string; simplified: string }> = [];
  if (!text) return out;
  const converted = toSimplified(text);
  if (converted.length === text.length) {
    for (let i = 0; i < text.length; i++) {
      if (converted[i] !== text[i] && isHan(text[i])) out.push({ index: i, char: text[i], simplified: converted[i] });
    }
    return out;
  }
  let i = 0;
  for (const ch of text) {
    if (isHan(ch)) {
      const s = toSimplified(ch);
      if (s !== ch) out.push({ index: i, char: ch, simplified: s });
    }
    i += ch.length;
  }
  return out;
}

// Punctuation folding: different code points that mean the same thing in a name.
const PUNCT_FOLD: Record<string, string> = {
  '【': '[', '】': ']', '〔': '[', '〕': ']', '〖': '[', '〗': ']', '［': '[', '］': ']',
  '〈': '《', '〉': '》', '＜': '<', '＞': '>',
  '「': '"', '」': '"', '『': '"', '』': '"', '“': '"', '”': '"', '„': '"', '‟': '"', '″': '"',
  '‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'", '`': "'",
  '、': ',', '，': ',', '。': '.', '．': '.', '：': ':', '；': ';', '！': '!', '？': '?',
  '—': '-', '–': '-', '‐': '-', '‑': '-', '‒': '-', '―': '-', '－': '-', '−': '-', '～': '~', '〜': '~',
  '・': '·', '•': '·', '‧': '·', '･': '·', '∙': '·',
  '…': '...', '⋯': '...',
  '\u00a0': ' ', '\u2002': ' ', '\u2003': ' ', '\u2009': ' ', '\u200a': ' ', '\u202f': ' ', '\u3000': ' ',
  '\t': ' ', '\n': ' ', '\r': ' ', '\f': ' ', '\v': ' ',
  '\u200b': '', '\u200c': '', '\u200d': '', '\ufeff': '', '\u00ad': '',
};

const COMBINING = /[\u0300-\u036f]/g;

/** Folds one code point (already Simplified) to its key form; may return '' or several characters. */
function foldCodePoint(ch: string): string {
  const folded = PUNCT_FOLD[ch];
  if (folded !== undefined) return folded;
  const cp = ch.codePointAt(0)!;
  // Full-width ASCII block (Ａ, ０, （, ）, ＋ …) → ASCII.
  if (cp >= 0xff01 && cp <= 0xff5e) return String.fromCharCode(cp - 0xfee0).toLowerCase();
  if (cp < 0x80) return ch.toLowerCase();
  if (cp >= 0x00c0 && cp <= 0x024f) return ch.normalize('NFD').replace(COMBINING, '').toLowerCase();
  return ch.toLowerCase();
}

export interface NormalizedText {
  /** The normalised text. */
  text: string;
  /** offsets[i] = UTF-16 index in the original of normalised unit i; offsets[text.length] = original length. */
  offsets: Uint32Array;
}

// Folding results are cached per code point: the normaliser runs over whole drafts and
// translation memories, and most texts use a few thousand distinct characters.
const FOLD_BMP: Array<string | undefined> = new Array(0x10000);
const FOLD_ASTRAL = new Map<number, string>();

function foldOf(cp: number): string {
  if (cp < 0x10000) {
    let f = FOLD_BMP[cp];
    if (f === undefined) {
      const ch = String.fromCharCode(cp);
      f = foldCodePoint(HAN_BMP[cp] ? simplifiedChar(ch) : ch);
      FOLD_BMP[cp] = f;
    }
    return f;
  }
  let f = FOLD_ASTRAL.get(cp);
  if (f === undefined) {
    const ch = String.fromCodePoint(cp);
    f = foldCodePoint(isHanCode(cp) ? simplifiedChar(ch) : ch);
    FOLD_ASTRAL.set(cp, f);
  }
  return f;
}

/** Texts longer than this have their new Han characters converted in one call first. */
const PRIME_LENGTH = 256;

/**
 * Converts the Han characters of a text not seen before in one call of the converter, one per
 * line (so no phrase rule applies: the same result as one call per character), and remembers
 * them. A report's first normalisation otherwise calls the converter a few thousand times, once
 * per distinct character: about 60 ms of a cold `termdesk extract`. With the table of
 * data/simplified-characters.txt (the usual case) there is nothing to convert.
 */
function primeSimplifiedChars(text: string): void {
  if (simplifiedCharacters()) return;
  const fresh: string[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (HAN_BMP[c] !== 1 || FOLD_BMP[c] !== undefined || seen.has(c)) continue;
    seen.add(c);
    const ch = String.fromCharCode(c);
    if (!charCache.has(ch)) fresh.push(ch);
  }
  if (fresh.length < 8) return;
  const converted = traditionalToSimplified(fresh.join('\n')).split('\n');
  if (converted.length !== fresh.length) return;
  fresh.forEach((ch, k) => charCache.set(ch, converted[k]));
}

function unitsToString(units: Uint16Array, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 8192) {
    out += String.fromCharCode.apply(null, units.subarray(i, Math.min(length, i + 8192)) as unknown as number[]);
  }
  return out;
}

/**
 * Normalises text and keeps, for every output unit, the index of the original unit it came from.
 * Rules: Traditional → Simplified, width and punctuation folding, Latin case and diacritic folding,
 * whitespace runs collapsed to one space, no space next to a Han character, trimmed.
 */
export function normalizeWithOffsets(original: string): NormalizedText {
  const n = original.length;
  if (n > PRIME_LENGTH) primeSimplifiedChars(original);
  // A unit folds to at most three (… → ...), plus one collapsed space per unit.
  const units = new Uint16Array(n * 3 + 1);
  const offsets = new Uint32Array(n * 3 + 2);
  let len = 0;
  let pendingSpace = -1; // original index of a pending collapsed space
  let prevHan = false;

  let i = 0;
  while (i < n) {
    let cp = original.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const lo = original.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    const folded = foldOf(cp);
    for (let k = 0; k < folded.length; k++) {
      const c = folded.charCodeAt(k);
      if (c === 32) {
        if (len > 0 && pendingSpace < 0) pendingSpace = i;
        continue;
      }
      let han: boolean;
      let second = -1;
      if (c >= 0xd800 && c <= 0xdbff && k + 1 < folded.length) {
        second = folded.charCodeAt(k + 1);
        han = isHanCode((c - 0xd800) * 0x400 + (second - 0xdc00) + 0x10000);
      } else {
        han = HAN_BMP[c] === 1;
      }
      if (pendingSpace >= 0) {
        if (!han && !prevHan) {
          units[len] = 32;
          offsets[len++] = pendingSpace;
        }
        pendingSpace = -1;
      }
      units[len] = c;
      offsets[len++] = i;
      if (second >= 0) {
        units[len] = second;
        offsets[len++] = i;
        k++;
      }
      prevHan = han;
    }
    i += width;
  }
  offsets[len] = n;
  return { text: unitsToString(units, len), offsets: offsets.slice(0, len + 1) };
}

/** The search key of a term or query. The same function is used everywhere keys are compared. */
export function normalizeKey(text: string): string {
  // Plain ASCII (most English terms and sentences) folds to lower case with collapsed spaces;
  // the general path gives the same result, much more slowly.
  if (PLAIN_ASCII.test(text)) return text.toLowerCase().replace(ASCII_SPACES, ' ').trim().replace(FOLDED_ASCII, (c) => PUNCT_FOLD[c]);
  return normalizeWithOffsets(text).text;
}

// ASCII with no character that folds to something else (backquote folds to an apostrophe;
// control characters other than blanks are left to the general path).
const PLAIN_ASCII = /^[\t\n\r\x20-\x7e]*$/;
const ASCII_SPACES = /[\t\n\r ]+/g;
const FOLDED_ASCII = /`/g;

/** A key with punctuation and spaces removed: "e-commerce" and "e commerce" meet here. */
export function compactKey(key: string): string {
  return key.replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Original end offset of normalised unit range ending at nEnd (exclusive). */
export function originalEnd(original: string, norm: NormalizedText, nEnd: number): number {
  if (nEnd <= 0) return norm.offsets[0];
  const last = norm.offsets[nEnd - 1];
  const code = original.charCodeAt(last);
  return last + (code >= 0xd800 && code <= 0xdbff ? 2 : 1);
}
