// jieba's dictionary cut down to the words that can matter for the texts a process is about to
// segment. Reading the dictionary is most of loading the segmenter (nodejieba's load() parses it
// twice: once for the segmenter, once for a TextRank extractor we never use), and a cold
// `termdesk extract` knows its texts before it loads anything.
//
// The segmentation of a text is the same with the subset, exactly, not approximately. cppjieba
// (DictTrie.hpp) uses of its dictionary only:
//   - the words that occur in the text (the graph of possible words at each position);
//   - every word's weight log(freq / sum of all frequencies);
//   - the smallest weight (a character that is not a word) and the median weight (the weight of
//     every word added later: the reference names, insertWord).
// So the subset keeps every word that can occur in the texts (every word whose first two
// characters occur side by side in one of them, every single character that occurs), in the
// dictionary's order, and adds lines of a word that occurs in none of them so that the sum of the
// frequencies, the smallest and the median stay those of the whole dictionary. A text outside the
// scope (segment.ts checks every text against it) gets the whole dictionary loaded instead.

/** The characters and adjacent character pairs of the texts (UTF-16 code units). */
export interface TextScope {
  /** 1 for every code unit that occurs. */
  readonly units: Uint8Array;
  /** first unit × 0x10000 + second unit, for every two units side by side. */
  readonly pairs: Set<number>;
  /** The texts themselves: a text seen here needs no character check. */
  readonly texts: Set<string>;
}

export function scopeOf(texts: Iterable<string>): TextScope {
  const units = new Uint8Array(0x10000);
  const pairs = new Set<number>();
  const seen = new Set<string>();
  for (const text of texts) {
    seen.add(text);
    let prev = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      units[c] = 1;
      if (prev >= 0) pairs.add(prev * 0x10000 + c);
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
    if (scope.units[c] !== 1 || (prev >= 0 && !scope.pairs.has(prev * 0x10000 + c))) return false;
    prev = c;
  }
  return true;
}

/**
 * The lines of a jieba dictionary ("word frequency tag", integer frequencies) that the texts of
 * the scope can use, with the padding lines that keep the sum, the smallest and the median
 * frequency of the whole; undefined when that cannot be done (a frequency that is not an integer,
 * nothing left to leave out), and the whole dictionary is to be loaded. The dictionary is read
 * character by character: it has some 84,000 lines, and this runs once, cold, in every process.
 */
export function scopedDictionary(dictionary: string, scope: TextScope): string | undefined {
  const freqs: number[] = [];
  const kept: string[] = [];
  const keptFreqs: number[] = [];
  let sum = 0;
  let keptSum = 0;
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
    freqs.push(freq);
    sum += freq;
    const c0 = dictionary.charCodeAt(pos);
    if (space === pos + 1 ? scope.units[c0] === 1 : scope.pairs.has(c0 * 0x10000 + dictionary.charCodeAt(pos + 1))) {
      kept.push(dictionary.slice(pos, end));
      keptFreqs.push(freq);
      keptSum += freq;
    }
    pos = end + 1;
  }
  const n = freqs.length;
  if (!Number.isSafeInteger(sum) || n === 0) return undefined;
  const sorted = Float64Array.from(freqs).sort();
  const min = sorted[0];
  const median = sorted[n >> 1];
  let below = 0;
  let equal = 0;
  for (const f of keptFreqs) {
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
