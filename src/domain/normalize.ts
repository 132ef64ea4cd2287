// One normalisation for every search key in TermDesk (store, lookup, extraction, checker).
//
//   國際電信聯盟        → 国际电信联盟   (Traditional → Simplified, opencc-js, HK/TW variants)
//   （ＩＳＯ）           → (iso)          (full-width → half-width, case fold)
//   Côte d’Ivoire     → cote d'ivoire  (diacritics and quote folding)
//   2022 年 4 月       → 2022年4月       (spaces next to Han characters dropped, other runs collapsed)
//
// The offset-preserving form (normalizeWithOffsets) lets the checker scan normalised text and
// report positions in the original, so both forms are built from the same per-character folding.
import * as OpenCC from 'opencc-js';

// 'hk' → 'cn' covers Hong Kong and Taiwan variant characters (衞, 綫, 著) without the Taiwan
// preset's single-character 著 → 着 mapping, and without phrase rewriting such as 資訊 → 信息.
const traditionalToSimplified: (s: string) => string = OpenCC.Converter({ from: 'hk', to: 'cn' });

/** Traditional (and HK/TW variant) characters to Simplified. Keeps the text length for Han text. */
export function toSimplified(text: string): string {
  return traditionalToSimplified(text);
}

const HAN = /\p{Script=Han}/u;
export function isHan(ch: string): boolean {
  return HAN.test(ch);
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

/**
 * Normalises text and keeps, for every output unit, the index of the original unit it came from.
 * Rules: Traditional → Simplified, width and punctuation folding, Latin case and diacritic folding,
 * whitespace runs collapsed to one space, no space next to a Han character, trimmed.
 */
export function normalizeWithOffsets(original: string): NormalizedText {
  const simplified = toSimplified(original);
  // opencc maps Han characters one to one; if a phrase rule ever changed the length, fall back to
  // converting code point by code point so offsets stay exact.
  const sameLength = simplified.length === original.length;
  const outChars: string[] = [];
  const outOffsets: number[] = [];
  let pendingSpace = -1; // original index of a pending collapsed space
  let prevHan = false;

  let i = 0;
  while (i < original.length) {
    const cp = original.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const source = sameLength ? simplified.slice(i, i + width) : toSimplified(original.slice(i, i + width));
    const folded = foldCodePoint(source);
    for (const out of folded) {
      if (out === ' ') {
        if (outChars.length > 0 && pendingSpace < 0) pendingSpace = i;
        continue;
      }
      const han = isHan(out);
      if (pendingSpace >= 0) {
        if (!han && !prevHan) {
          outChars.push(' ');
          outOffsets.push(pendingSpace);
        }
        pendingSpace = -1;
      }
      outChars.push(out);
      for (let k = 0; k < out.length; k++) outOffsets.push(i);
      prevHan = han;
    }
    i += width;
  }
  const text = outChars.join('');
  const offsets = new Uint32Array(text.length + 1);
  for (let k = 0; k < outOffsets.length; k++) offsets[k] = outOffsets[k];
  offsets[text.length] = original.length;
  return { text, offsets };
}

/** The search key of a term or query. The same function is used everywhere keys are compared. */
export function normalizeKey(text: string): string {
  return normalizeWithOffsets(text).text;
}

/** A key with punctuation and spaces removed: "e-commerce" and "e commerce" meet here. */
export function compactKey(key: string): string {
  return key.replace(/[\s\p{P}\p{S}]+/gu, '');
}
