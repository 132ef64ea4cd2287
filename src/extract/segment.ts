// Chinese word segmentation with nodejieba, loaded lazily once per process. Loading the
// dictionaries is the slowest step of a cold extraction (about a second), so the keyword
// extractor's IDF table and stop-word list, which segmentation does not use, are replaced by tiny
// files. Tokens come back with UTF-16 offsets into the text they were cut from.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

interface Jieba {
  load(options?: { dict?: string; hmmDict?: string; userDict?: string; idfDict?: string; stopWordDict?: string }): void;
  tag(sentence: string): Array<{ word: string; tag: string }>;
  insertWord(word: string, tag?: string): boolean;
}

let jieba: Jieba | undefined;
const inserted = new Set<string>();

function emptyDictFile(name: string, line: string): string {
  const file = path.join(os.tmpdir(), `termdesk-jieba-${name}.utf8`);
  if (!fs.existsSync(file)) fs.writeFileSync(file, `${line}\n`);
  return file;
}

/** Loads nodejieba's dictionaries (once); later calls are free. */
export function loadSegmenter(): Jieba {
  if (jieba) return jieba;
  const j = createRequire(import.meta.url)('nodejieba') as Jieba;
  j.load({ idfDict: emptyDictFile('idf', '的 1.0'), stopWordDict: emptyDictFile('stop', '的') });
  jieba = j;
  return j;
}

/**
 * Adds words (reference names) to the segmenter's dictionary so they come back as one token.
 * The dictionary is per process and only grows; adding a word twice is a no-op.
 */
export function addWords(words: Iterable<string>): void {
  const j = loadSegmenter();
  for (const w of words) {
    if (w.length < 2 || w.length > 30 || inserted.has(w) || /\s/.test(w)) continue;
    inserted.add(w);
    j.insertWord(w, 'nz');
  }
}

export interface Tokens {
  readonly count: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly word: string[];
  readonly tag: string[];
}

/** Segments text into words with parts of speech and exact offsets. */
export function tokenize(text: string): Tokens {
  const tagged = loadSegmenter().tag(text);
  const start = new Int32Array(tagged.length);
  const end = new Int32Array(tagged.length);
  const word: string[] = new Array(tagged.length);
  const tag: string[] = new Array(tagged.length);
  let pos = 0;
  let n = 0;
  for (const t of tagged) {
    // cppjieba returns every character of the input in order; if it ever normalised one, find
    // the word again so offsets stay exact.
    let at = text.startsWith(t.word, pos) ? pos : text.indexOf(t.word, pos);
    if (at < 0) continue;
    start[n] = at;
    end[n] = at + t.word.length;
    word[n] = t.word;
    tag[n] = t.tag;
    pos = at + t.word.length;
    n++;
  }
  return { count: n, start: start.subarray(0, n), end: end.subarray(0, n), word: word.slice(0, n), tag: tag.slice(0, n) };
}

/** Index of the token that contains position pos (or the first token after it). */
export function tokenAt(tokens: Tokens, pos: number): number {
  let lo = 0;
  let hi = tokens.count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens.end[mid] <= pos) lo = mid + 1;
    else if (tokens.start[mid] > pos) hi = mid - 1;
    else return mid;
  }
  return lo;
}
