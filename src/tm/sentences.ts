// Splitting documents into paragraphs and sentences for alignment.
//
// Chinese: a sentence ends at 。！？； (and half-width ! ?), together with any closing quotes or
// brackets right after it (“……。” stays one sentence).
// English: a sentence ends at . ! ? (plus closing quotes/brackets) followed by a space and a
// capital letter, digit, quote or bracket, except after a known abbreviation
// (data/abbreviations-en.txt: U.N., No., para., Mr., i.e. …), an initial ("J. Smith"), or a
// paragraph number at the start of a paragraph or sentence ("1.", "12.", "(a)", "IV.").
import { readDataLines } from './data.js';

export interface Sentence {
  text: string;
  /** UTF-16 offsets into the paragraph. */
  start: number;
  end: number;
  /** Ends with a semicolon (；), a weaker boundary than a full stop. */
  soft: boolean;
}

const ZH_TERMINATORS = new Set(['。', '！', '？', '；', '!', '?']);
const CLOSERS = new Set(['”', '’', '"', "'", '」', '』', '）', ')', '】', '〕', '》', '〉', ']', '］']);

/** Paragraphs: non-blank lines, trimmed. */
export function splitParagraphs(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n|\r|\u2028|\u2029/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function collect(paragraph: string, cuts: number[]): Sentence[] {
  const out: Sentence[] = [];
  let from = 0;
  for (const cut of [...cuts, paragraph.length]) {
    const raw = paragraph.slice(from, cut);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) out.push({ text, start: from + lead, end: from + lead + text.length, soft: /[；;][”’"'」』）)】〕》〉\]］]*$/u.test(text) });
    from = cut;
  }
  return out;
}

export function splitChineseSentences(paragraph: string): Sentence[] {
  const cuts: number[] = [];
  let i = 0;
  while (i < paragraph.length) {
    if (ZH_TERMINATORS.has(paragraph[i])) {
      let j = i + 1;
      while (j < paragraph.length && (ZH_TERMINATORS.has(paragraph[j]) || CLOSERS.has(paragraph[j]))) j++;
      if (j < paragraph.length) cuts.push(j);
      i = j;
    } else {
      i++;
    }
  }
  return collect(paragraph, cuts);
}

let abbreviations: Set<string> | undefined;
function abbreviationSet(): Set<string> {
  abbreviations ??= new Set(readDataLines('abbreviations-en.txt').map((a) => a.toLowerCase()));
  return abbreviations;
}

const SENTENCE_START = /^[\p{Lu}\p{N}"'“‘([]/u;
const PARAGRAPH_NUMBER = /^(?:\(?[0-9]{1,3}(?:\.[0-9]{1,3})*\.?\)?|\(?[a-z]{1,2}\)|\(?[ivxlc]{1,6}\)|[IVXLC]{1,6}\.|[A-Z]\.)$/;

export function splitEnglishSentences(paragraph: string): Sentence[] {
  const abbr = abbreviationSet();
  const cuts: number[] = [];
  for (let i = 0; i < paragraph.length; i++) {
    const ch = paragraph[i];
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    let j = i + 1;
    while (j < paragraph.length && (paragraph[j] === '.' || paragraph[j] === '!' || paragraph[j] === '?' || CLOSERS.has(paragraph[j]))) j++;
    // Needs white space, then something that can start a sentence.
    let k = j;
    while (k < paragraph.length && /\s/u.test(paragraph[k])) k++;
    if (k === j || k >= paragraph.length || !SENTENCE_START.test(paragraph.slice(k, k + 1))) {
      i = j - 1;
      continue;
    }
    if (ch === '.') {
      // The word the full stop belongs to: back to the previous white space.
      let w = i;
      while (w > 0 && !/\s/u.test(paragraph[w - 1])) w--;
      const word = paragraph.slice(w, i + 1).replace(/^[("'“‘[]+/u, '');
      const lower = word.toLowerCase();
      const prevWord = paragraph.slice(0, w).trimEnd().split(/\s+/).pop() ?? '';
      const isAbbreviation =
        abbr.has(lower) ||
        abbr.has(`${prevWord} ${word}`.toLowerCase()) ||
        /^\p{Lu}\.$/u.test(word) || // an initial
        /^(?:\p{L}\.){2,}$/u.test(word); // U.N., e.g. written without a list entry
      const sentenceStart = cuts.length > 0 ? cuts[cuts.length - 1] : 0;
      const isParagraphNumber = paragraph.slice(sentenceStart, w).trim() === '' && PARAGRAPH_NUMBER.test(paragraph.slice(w, j).trim());
      if (isAbbreviation || isParagraphNumber) {
        i = j - 1;
        continue;
      }
    }
    cuts.push(j);
    i = j - 1;
  }
  return collect(paragraph, cuts);
}

/**
 * Sentences joined up to the next full stop: Chinese ends clauses with ； where English keeps
 * one sentence with ";", so alignment compares full sentences, not clauses.
 */
export function mergeSoftSentences(sentences: Sentence[], lang: 'en' | 'zh'): Sentence[] {
  const out: Sentence[] = [];
  let pending: Sentence | undefined;
  for (const s of sentences) {
    if (pending) {
      const sep = lang === 'zh' ? '' : ' ';
      pending = { text: pending.text + sep + s.text, start: pending.start, end: s.end, soft: s.soft };
    } else {
      pending = { ...s };
    }
    if (!pending.soft) {
      out.push(pending);
      pending = undefined;
    }
  }
  if (pending) out.push(pending);
  return out;
}

export function splitSentences(paragraph: string, lang: 'en' | 'zh'): Sentence[] {
  return lang === 'zh' ? splitChineseSentences(paragraph) : splitEnglishSentences(paragraph);
}
