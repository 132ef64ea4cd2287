// The lookup engine's data files (src/search/data/): read once, normalised with the same
// normalizeKey() as every term key.
import { compactKey, normalizeKey } from '../domain/normalize.js';
import { dataFiles } from '../domain/data-files.js';

/** Lines of a data file without comments (#) and blank lines. */
export const readDataLines = dataFiles('search').lines;

export interface OptionalPrefix {
  /** normalizeKey() form, e.g. "united nations". */
  key: string;
  /** Its compact form ("unitednations"): how many compact characters it covers. */
  compact: string;
  /** Latin prefixes must end at a word boundary ("united nationsx" is not the prefix). */
  latin: boolean;
}

let prefixes: OptionalPrefix[] | undefined;
/** Leading words that may be left out of a name, longest first. */
export function optionalPrefixes(): OptionalPrefix[] {
  prefixes ??= readDataLines('optional-prefixes.txt')
    .map((line) => {
      const key = normalizeKey(line);
      return { key, compact: compactKey(key), latin: /^[a-z]/.test(key) };
    })
    .sort((a, b) => b.key.length - a.key.length);
  return prefixes;
}

let functionWords: Set<string> | undefined;
export function englishFunctionWords(): Set<string> {
  functionWords ??= new Set(readDataLines('english-function-words.txt').map((w) => normalizeKey(w)));
  return functionWords;
}

let syllables: Set<string> | undefined;
/** Toneless pinyin syllables, ü written v. */
export function pinyinSyllables(): Set<string> {
  syllables ??= new Set(readDataLines('pinyin-syllables.txt'));
  return syllables;
}
