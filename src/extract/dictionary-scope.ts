// jieba's dictionary and HMM model cut down to what can matter for the texts a process is about to
// segment. Reading them is most of loading the segmenter (nodejieba's load() parses both twice:
// once for the segmenter, once for a TextRank extractor we never use), and a cold
// `termdesk extract` knows its texts before it loads anything.
//
// The segmentation of a text is the same with the subsets, exactly, not approximately. cppjieba
// (DictTrie.hpp, HMMModel.hpp) uses of its dictionary and model only:
//   - the words that occur in the text (the graph of possible words at each position);
//   - every word's weight log(freq / sum of all frequencies);
//   - the smallest weight (a character that is not a word) and the median weight (the weight of
//     every word added later: the reference names, insertWord);
//   - the HMM's start and transition probabilities, and the emission probability of each
//     character of the text (a character the model lacks gets a fixed floor, whatever else it has).
// So the dictionary subset keeps every word that can occur in the texts (every word whose
// characters, taken two by two, all occur side by side in one of them; every single character that
// occurs), in the dictionary's order, and adds lines of a word that occurs in none of them so that
// the sum of the frequencies, the smallest and the median stay those of the whole dictionary. The
// model subset keeps its probabilities and the emissions of the characters that occur. A text
// outside the scope (segment.ts checks every text against it) gets the whole loaded instead.
//
// Both are cut from an index (indexDictionary, indexHmmModel) that segment.ts derives once per
// machine and keeps in a file, so a cold process neither parses 84,000 dictionary lines nor holds
// them as strings: it reads typed arrays and one string, and copies out the lines it keeps.

/** Distinct pairs of UTF-16 code units, first × 0x10000 + second (open addressing, no allocation per pair). */
export class PairSet {
  private table: Uint32Array;
  private count = 0;
  /** The pair (0, 0), which the table cannot hold (0 marks an empty slot). */
  private hasZero = false;

  constructor(expected = 16) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.table = new Uint32Array(size);
  }

  private slot(table: Uint32Array, key: number): number {
    const mask = table.length - 1;
    let i = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    while (table[i] !== 0 && table[i] !== key) i = (i + 1) & mask;
    return i;
  }

  add(first: number, second: number): void {
    const key = ((first << 16) | second) >>> 0;
    if (key === 0) {
      this.hasZero = true;
      return;
    }
    const i = this.slot(this.table, key);
    if (this.table[i] === key) return;
    this.table[i] = key;
    if (++this.count * 2 > this.table.length) this.grow();
  }

  has(first: number, second: number): boolean {
    const key = ((first << 16) | second) >>> 0;
    if (key === 0) return this.hasZero;
    return this.table[this.slot(this.table, key)] === key;
  }

  private grow(): void {
    const old = this.table;
    const table = new Uint32Array(old.length * 2);
    for (const key of old) if (key !== 0) table[this.slot(table, key)] = key;
    this.table = table;
  }
}

/** The characters and adjacent character pairs of the texts (UTF-16 code units). */
export interface TextScope {
  /** 1 for every code unit that occurs. */
  readonly units: Uint8Array;
  /** Every two units side by side. */
  readonly pairs: PairSet;
  /** The texts themselves: a text seen here needs no character check. */
  readonly texts: Set<string>;
}

export function scopeOf(texts: Iterable<string>): TextScope {
  const seen = new Set<string>();
  let length = 0;
  for (const text of texts) {
    seen.add(text);
    length += text.length;
  }
  const units = new Uint8Array(0x10000);
  // Distinct pairs are far fewer than characters in real text; the set grows if not.
  const pairs = new PairSet(Math.min(length, 1 << 16));
  for (const text of seen) {
    let prev = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      units[c] = 1;
      if (prev >= 0) pairs.add(prev, c);
      prev = c;
    }
  }
  return { units, pairs, texts: seen };
}

/** True when every word that can occur in the text was kept for the scope. */
export function scopeCovers(scope: TextScope, text: string): boolean {
  if (scope.texts.has(text)) return true;
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (scope.units[c] !== 1 || (prev >= 0 && !scope.pairs.has(prev, c))) return false;
    prev = c;
  }
  return true;
}

/** True when the string (a word, a character) can occur in a text of the scope: its units and pairs of units all do. */
export function canOccur(scope: TextScope, s: string, start = 0, end = s.length): boolean {
  if (end <= start) return true;
  const { units, pairs } = scope;
  let prev = s.charCodeAt(start);
  if (units[prev] !== 1) return false;
  for (let i = start + 1; i < end; i++) {
    const c = s.charCodeAt(i);
    if (units[c] !== 1 || !pairs.has(prev, c)) return false;
    prev = c;
  }
  return true;
}

/**
 * A jieba dictionary ("word frequency tag" lines, integer frequencies) ready to be cut down: the
 * text, where each line and its word end, each frequency, and the statistics cppjieba takes from
 * the whole (the sum, the smallest, x[n / 2] of the sorted frequencies).
 */
export interface DictionaryIndex {
  text: string;
  lineStart: Uint32Array;
  wordEnd: Uint32Array;
  lineEnd: Uint32Array;
  freq: Float64Array;
  sum: number;
  min: number;
  median: number;
}

/** The index of a dictionary; undefined when it cannot be cut down (a frequency that is not an integer, no lines). */
export function indexDictionary(dictionary: string): DictionaryIndex | undefined {
  const lineStart: number[] = [];
  const wordEnd: number[] = [];
  const lineEnd: number[] = [];
  const freqs: number[] = [];
  let sum = 0;
  const length = dictionary.length;
  let pos = 0;
  while (pos < length) {
    let end = dictionary.indexOf('\n', pos);
    if (end < 0) end = length;
    if (end === pos) {
      pos = end + 1;
      continue;
    }
    const space = dictionary.indexOf(' ', pos);
    if (space <= pos || space >= end) return undefined;
    let freq = 0;
    let i = space + 1;
    for (; i < end; i++) {
      const digit = dictionary.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) break;
      freq = freq * 10 + digit;
    }
    if (i === space + 1 || dictionary.charCodeAt(i) !== 32 || freq <= 0) return undefined;
    lineStart.push(pos);
    wordEnd.push(space);
    lineEnd.push(end);
    freqs.push(freq);
    sum += freq;
    pos = end + 1;
  }
  const n = freqs.length;
  if (!Number.isSafeInteger(sum) || n === 0 || length > 0xffffffff) return undefined;
  const freq = Float64Array.from(freqs);
  const sorted = Float64Array.from(freqs).sort();
  return {
    text: dictionary,
    lineStart: Uint32Array.from(lineStart),
    wordEnd: Uint32Array.from(wordEnd),
    lineEnd: Uint32Array.from(lineEnd),
    freq,
    sum,
    min: sorted[0],
    median: sorted[n >> 1],
  };
}

/**
 * The lines of a jieba dictionary that the texts of the scope can use, with the padding lines that
 * keep the sum, the smallest and the median frequency of the whole; undefined when that cannot be
 * done (see indexDictionary; nothing left to leave out), and the whole dictionary is to be loaded.
 */
export function scopedDictionary(dictionary: string | DictionaryIndex, scope: TextScope): string | undefined {
  const index = typeof dictionary === 'string' ? indexDictionary(dictionary) : dictionary;
  if (!index) return undefined;
  const { text, lineStart, wordEnd, lineEnd, freq, sum, min, median } = index;
  const n = freq.length;
  const kept: string[] = [];
  let keptSum = 0;
  let below = 0;
  let equal = 0;
  for (let k = 0; k < n; k++) {
    if (!canOccur(scope, text, lineStart[k], wordEnd[k])) continue;
    kept.push(text.slice(lineStart[k], lineEnd[k]));
    const f = freq[k];
    keptSum += f;
    if (f < median) below++;
    else if (f === median) equal++;
  }
  // Padding: one line at the smallest frequency, `extra` lines at the median, and one line with
  // the rest of the sum; `extra` is the fewest that put the median at the same place (x[n / 2] of
  // the sorted weights, as cppjieba takes it).
  const filler = fillerWord(scope);
  if (filler === undefined) return undefined;
  for (let extra = 0; extra <= kept.length + 2; extra++) {
    const rest = sum - keptSum - min - extra * median;
    if (rest < min) return undefined;
    const total = kept.length + 2 + extra;
    const lower = below + (min < median ? 1 : 0) + (rest < median ? 1 : 0);
    const middle = equal + extra + (min === median ? 1 : 0) + (rest === median ? 1 : 0);
    const at = total >> 1;
    if (lower <= at && at < lower + middle) {
      if (total >= n) return undefined;
      const pad = [`${filler} ${min} x`, ...Array.from({ length: extra }, () => `${filler} ${median} x`), `${filler} ${rest} x`];
      return [...kept, ...pad].join('\n');
    }
  }
  return undefined;
}

/** A word of two private-use characters that occurs in none of the texts (so it never matches). */
function fillerWord(scope: TextScope): string | undefined {
  for (let c = 0xe000; c <= 0xf8ff; c++) if (scope.units[c] !== 1) return String.fromCharCode(c, c);
  return undefined;
}

/**
 * jieba's HMM model (hmm_model.utf8) ready to be cut down: its lines, and for each of the four
 * emission lines ("char:logprob,char:logprob,…") where each entry starts. cppjieba reads the
 * model's data lines in order (start probabilities, four lines of transitions, four of
 * emissions) and skips empty lines and lines starting with #.
 */
export interface HmmIndex {
  lines: string[];
  /** Index in `lines` of each emission line. */
  emitLines: number[];
  /** Per emission line: where each entry starts, and one past the line's end. */
  entryStarts: Uint32Array[];
}

/** Data lines before the emission lines: the start probabilities and the 4 × 4 transitions. */
const HMM_LINES_BEFORE_EMISSIONS = 5;
const HMM_STATES = 4;

/** The index of an HMM model; undefined when it does not look as cppjieba expects (then the whole is loaded). */
export function indexHmmModel(model: string): HmmIndex | undefined {
  const lines = model.split('\n');
  const emitLines: number[] = [];
  let data = 0;
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (data >= HMM_LINES_BEFORE_EMISSIONS && data < HMM_LINES_BEFORE_EMISSIONS + HMM_STATES) emitLines.push(i);
    data++;
  });
  if (emitLines.length !== HMM_STATES) return undefined;
  const entryStarts: Uint32Array[] = [];
  for (const i of emitLines) {
    const line = lines[i];
    // Entries as cppjieba reads them: the line split at commas, each "one character:number".
    if (line !== line.trim() || !/^(?:[^,:]{1,2}:[^,:]+)(?:,[^,:]{1,2}:[^,:]+)*$/u.test(line)) return undefined;
    const starts = [0];
    for (let p = line.indexOf(','); p >= 0; p = line.indexOf(',', p + 1)) starts.push(p + 1);
    starts.push(line.length + 1);
    entryStarts.push(Uint32Array.from(starts));
  }
  return { lines, emitLines, entryStarts };
}

/**
 * The model with only the emissions of characters that occur in the texts of the scope (and, so
 * that no line is left empty, at least the first of each line: cppjieba skips empty lines and
 * would read the next one in its place).
 */
export function scopedHmmModel(index: HmmIndex, scope: TextScope): string {
  const lines = index.lines.slice();
  index.emitLines.forEach((lineIndex, k) => {
    const line = lines[lineIndex];
    const starts = index.entryStarts[k];
    const kept: string[] = [];
    for (let e = 0; e + 1 < starts.length; e++) {
      const start = starts[e];
      const end = starts[e + 1] - 1;
      const colon = line.indexOf(':', start);
      if (canOccur(scope, line, start, colon)) kept.push(line.slice(start, end));
    }
    if (kept.length === 0) kept.push(line.slice(starts[0], starts[1] - 1));
    lines[lineIndex] = kept.join(',');
  });
  return lines.join('\n');
}
