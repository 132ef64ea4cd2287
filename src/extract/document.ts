// A document prepared for the extractors: the original text (all offsets are UTF-16 offsets into
// it), a mask over what is not prose (URLs, e-mail addresses, footnote and bookmark markers,
// <sup> markup), the character classes that bound a name, and lazily the jieba tokens and the
// normalised text used to find occurrences.
import { type NormalizedText, normalizeWithOffsets } from '../domain/normalize.js';
import { type Tokens, tokenize } from './segment.js';
import { stripMarkup } from '../domain/markup.js';

export interface PreparedDocument {
  /** Position of the document in the input list. */
  readonly index: number;
  readonly name: string;
  readonly text: string;
  /** 1 where the text is markup or an address, not prose. */
  readonly masked: Uint8Array;
  /** 1 where a name can never run: masked text and the characters of isHardStopChar. */
  hardStops(): Uint8Array;
  tokens(): Tokens;
  normalized(): NormalizedText;
}

const HAN = /\p{Script=Han}/u;
export function isHanChar(ch: string | undefined): boolean {
  return ch !== undefined && HAN.test(ch);
}

/** Characters no name runs across. */
const HARD_STOPS = new Set([...'。！？；：:;!?\n\r\t\f“”"‘’《》〈〉()（）[]【】〔〕<>|*#•．.…—–=']);
/** Separators of enumerations: a name may contain one (联合国教育、科学及文化组织), a list is cut at them. */
const SOFT_STOPS = new Set([...'、，,']);
const SUPERSCRIPT = /[\u00b9\u00b2\u00b3\u2070-\u209f]/u;

export function isSoftStop(ch: string | undefined): boolean {
  return ch !== undefined && SOFT_STOPS.has(ch);
}

export function isHardStopChar(ch: string | undefined): boolean {
  return ch === undefined || HARD_STOPS.has(ch) || SUPERSCRIPT.test(ch);
}

/** True at positions a name can never include: masked text, sentence punctuation, brackets, quotes. */
export function isHardStop(doc: PreparedDocument, i: number): boolean {
  return i < 0 || i >= doc.text.length || doc.hardStops()[i] === 1;
}

/** 1 at every hard stop of the text (computed once per document). */
function hardStopMask(text: string, masked: Uint8Array): Uint8Array {
  const mask = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Most characters are Chinese (U+4E00 and up, below the full-width forms): never a stop.
    if (masked[i] || (c < 0x4e00 || c >= 0xfe00 ? isHardStopChar(text[i]) : false)) mask[i] = 1;
  }
  return mask;
}

const MASK_PATTERNS: RegExp[] = [
  /<sup>[^<]{0,12}<\/sup>/g,
  /\[(?:footnoteRef|bookmark):[^\]\n]*\]/g,
  // the opening of a footnote body "[3:  …]": its text is prose, the marker is not
  /\[\d{1,3}:/g,
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g,
];

/** Marks URLs: from http(s):// or www. to the first space, Han character or unbalanced bracket. */
function maskUrls(text: string, mask: Uint8Array): void {
  const re = /https?:\/\/|www\./gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let i = m.index;
    let depth = 0;
    while (i < text.length) {
      const ch = text[i];
      if (/\s/.test(ch) || isHanChar(ch) || '<>"“”，。；、'.includes(ch)) break;
      if (ch === '(' || ch === '[') depth++;
      else if (ch === ')' || ch === ']') {
        if (depth === 0) break;
        depth--;
      }
      i++;
    }
    mask.fill(1, m.index, i);
    re.lastIndex = Math.max(i, m.index + 1);
  }
}

export function maskText(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  maskUrls(text, mask);
  for (const pattern of MASK_PATTERNS) {
    pattern.lastIndex = 0;
    for (const m of text.matchAll(pattern)) mask.fill(1, m.index, m.index + m[0].length);
  }
  return mask;
}

export function prepareDocument(name: string, text: string, index = 0): PreparedDocument {
  const masked = maskText(text);
  let tokens: Tokens | undefined;
  let normalized: NormalizedText | undefined;
  let hard: Uint8Array | undefined;
  return {
    index,
    name,
    text,
    masked,
    hardStops: () => (hard ??= hardStopMask(text, masked)),
    tokens: () => (tokens ??= tokenize(text)),
    normalized: () => (normalized ??= normalizeWithOffsets(text)),
  };
}

/**
 * The form a term is stored in: the span as written, with line breaks and runs of spaces folded
 * and the typesetting spaces between Chinese characters and digits dropped
 * ("2019 冠状病毒病" → "2019冠状病毒病"); a space between Chinese and Latin letters stays ("WHD 卓越咨询").
 */
export function displayForm(span: string): string {
  return span
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(\p{Script=Han}|[《》“”]) (?=[\p{Script=Han}\d《》“”])/gu, '$1')
    .replace(/(\d) (?=\p{Script=Han})/gu, '$1');
}

/** About `width` characters either side of [start, end), on one line. */
export function contextSnippet(text: string, start: number, end: number, width = 30): string {
  const from = Math.max(0, start - width);
  const to = Math.min(text.length, end + width);
  const snippet = stripMarkup(text.slice(from, to)).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${snippet}${to < text.length ? '…' : ''}`;
}
