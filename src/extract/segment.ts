// Chinese word segmentation with nodejieba, loaded lazily once per process. Loading the
// dictionaries is the slowest step of a cold extraction (about a second), so the keyword
// extractor's IDF table and stop-word list, which segmentation does not use, are replaced by tiny
// files. Tokens come back with UTF-16 offsets into the text they were cut from.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { writeFileAtomic } from '../io/atomic-file.js';
import {
  type DictionaryIndex,
  type HmmIndex,
  type TextScope,
  canOccur,
  indexDictionary,
  indexHmmModel,
  scopeCovers,
  scopeOf,
  scopedDictionary,
  scopedHmmModel,
} from './dictionary-scope.js';

interface Jieba {
  DEFAULT_HMM_DICT: string;
  DEFAULT_USER_DICT: string;
  cut(sentence: string, hmm?: boolean): string[];
  load(options?: { dict?: string; hmmDict?: string; userDict?: string; idfDict?: string; stopWordDict?: string }): void;
  tag(sentence: string): Array<{ word: string; tag: string }>;
  insertWord(word: string, tag?: string): boolean;
}

let jieba: Jieba | undefined;
const inserted = new Set<string>();
/** The texts the first load may read the dictionary for (expectTexts). */
let expected: Iterable<string> | undefined;
/** What the loaded dictionary was cut down to; undefined when it is the whole (pruned) dictionary. */
let loadedScope: TextScope | undefined;

/**
 * Words of the main dictionary kept: every single character, and longer words seen this often.
 * 20 rather than 10 loads a quarter fewer words (about 80 ms of a cold start) and reads the
 * development set the same (named entities 80.4 / 83.1 % against 80.5 / 83.0 %; aliases equal).
 */
export const DICTIONARY_MIN_FREQUENCY = 20;

/** Writes a file once (atomically, so concurrent processes never read half of it); undefined if it cannot. */
function cachedFile(name: string, make: () => string): string | undefined {
  const file = path.join(os.tmpdir(), `termdesk-jieba-${name}`);
  try {
    if (!fs.existsSync(file)) writeFileAtomic(file, make());
    return file;
  } catch {
    return undefined;
  }
}

/**
 * Loads nodejieba (once; later calls are free). Its main dictionary has 349,000 words, most of
 * them rare; loading them all takes a second or more, the largest part of a cold extraction. The
 * dictionary loaded is the same file without the words seen fewer than twenty times in jieba's
 * corpus (84,000 words left, every single character kept), derived once per machine and cached
 * in the temporary directory; segmentation of UN prose is the same in all but rare compounds, and
 * the reference names are added as words of their own (addWords). The keyword extractor's IDF
 * table and stop words, which segmentation does not use, are replaced by one-line files.
 */
export function loadSegmenter(): Jieba {
  if (jieba) return jieba;
  const require = createRequire(import.meta.url);
  const j = require('nodejieba') as Jieba & { DEFAULT_DICT: string };
  const version = (require('nodejieba/package.json') as { version: string }).version;
  const dict = cachedFile(`${version}-dict-${DICTIONARY_MIN_FREQUENCY}.utf8`, () =>
    fs
      .readFileSync(j.DEFAULT_DICT, 'utf8')
      .split('\n')
      .filter((line) => {
        const [word, freq] = line.split(' ');
        return word !== undefined && word !== '' && ([...word].length === 1 || Number(freq) >= DICTIONARY_MIN_FREQUENCY);
      })
      .join('\n'),
  );
  const options = {
    idfDict: cachedFile('idf.utf8', () => '的 1.0\n'),
    stopWordDict: cachedFile('stop.utf8', () => '的\n'),
  };
  const scoped = dict && expected ? loadScoped(j, scopeIndex(version, dict, j.DEFAULT_HMM_DICT), scopeOf(expected), options) : undefined;
  if (scoped) loadedScope = scoped;
  else j.load({ ...(dict ? { dict } : {}), ...options });
  expected = undefined;
  wholeDictionary = () => {
    j.load({ ...(dict ? { dict } : {}), ...options });
    loadedScope = undefined;
    wordTags = undefined;
    for (const w of inserted) j.insertWord(w, 'nz');
  };
  jieba = j;
  return j;
}

/** True while the loaded dictionary is cut down to the expected texts (expectTexts). */
export function dictionaryIsCut(): boolean {
  return loadedScope !== undefined;
}

/** Loads the whole dictionary in place of a cut-down one (set by loadSegmenter). */
let wholeDictionary = () => {};

/**
 * Tells the segmenter, before it is loaded, which texts it is about to segment: it then reads only
 * the part of its dictionary and HMM model those texts can use (dictionary-scope.ts), the same
 * segmentation at a fraction of the load time. A text outside them later makes it load the whole dictionary. No
 * effect once the segmenter is loaded.
 */
export function expectTexts(texts: Iterable<string>): void {
  if (!jieba) expected = texts;
}

/** The dictionary and HMM model ready to be cut down (dictionary-scope.ts). */
interface ScopeIndex {
  dictionary: DictionaryIndex;
  hmm: HmmIndex;
}

function isScopeIndex(x: unknown): x is ScopeIndex {
  const { dictionary: d, hmm: h } = (x ?? {}) as Partial<ScopeIndex>;
  if (!d || !h || typeof d.text !== 'string' || !(d.freq instanceof Float64Array) || !Array.isArray(h.lines) || !Array.isArray(h.emitLines)) return false;
  const n = d.freq.length;
  return [d.lineStart, d.wordEnd, d.lineEnd].every((a) => a instanceof Uint32Array && a.length === n) && h.entryStarts.length === h.emitLines.length;
}

/**
 * The index of the pruned dictionary and of the HMM model, derived once per machine and kept in
 * the temporary directory (as the pruned dictionary is), named by nodejieba's version and a hash
 * of the code that derives it; undefined when neither the file nor the sources can be read.
 */
function scopeIndex(version: string, dict: string, hmmModel: string): ScopeIndex | undefined {
  try {
    const here = fileURLToPath(import.meta.url);
    const code = fs.readFileSync(path.join(path.dirname(here), `dictionary-scope${path.extname(here)}`));
    const hash = createHash('sha256').update(code).update('\0').update(process.versions.v8).digest('hex').slice(0, 16);
    const file = path.join(os.tmpdir(), `termdesk-jieba-${version}-scope-${DICTIONARY_MIN_FREQUENCY}-${hash}.v8`);
    try {
      if (fs.existsSync(file)) {
        const index: unknown = v8.deserialize(fs.readFileSync(file));
        if (isScopeIndex(index)) return index;
      }
    } catch {
      // A damaged file: derive it again below.
    }
    const dictionary = indexDictionary(fs.readFileSync(dict, 'utf8'));
    const hmm = indexHmmModel(fs.readFileSync(hmmModel, 'utf8'));
    if (!dictionary || !hmm) return undefined;
    const index: ScopeIndex = { dictionary, hmm };
    try {
      writeFileAtomic(file, v8.serialize(index));
    } catch {
      // Not kept: the next process derives it again.
    }
    return index;
  } catch {
    return undefined;
  }
}

/** Loads the dictionary and HMM model cut down to the scope from temporary files; undefined when it cannot. */
function loadScoped(j: Jieba, index: ScopeIndex | undefined, scope: TextScope, options: { idfDict?: string; stopWordDict?: string }): TextScope | undefined {
  if (!index) return undefined;
  const files: string[] = [];
  try {
    const lines = scopedDictionary(index.dictionary, scope);
    if (lines === undefined) return undefined;
    const base = path.join(os.tmpdir(), `termdesk-jieba-scoped-${process.pid}-${Date.now()}`);
    const [dict, hmmDict] = [`${base}.utf8`, `${base}-hmm.utf8`];
    files.push(dict);
    fs.writeFileSync(dict, lines);
    files.push(hmmDict);
    fs.writeFileSync(hmmDict, scopedHmmModel(index.hmm, scope));
    j.load({ dict, hmmDict, ...options });
    wordTags = tagsOfWords(lines, fs.readFileSync(j.DEFAULT_USER_DICT, 'utf8'));
    return scope;
  } catch {
    return undefined;
  } finally {
    for (const f of files) fs.rmSync(f, { force: true });
  }
}

/**
 * While the dictionary is cut down, the part of speech of every word in it, as cppjieba's trie
 * holds it ('' = none). tag() asks cppjieba to tag every token and hands each back as an object
 * made through N-API, tens of thousands per report and most of what tagging costs; with the table,
 * tokenize asks only for the words (cut, the same segmentation tag() makes) and looks up their
 * tags itself, as cppjieba's PosTagger does (lookupTag).
 */
let wordTags: Map<string, string> | undefined;

/**
 * The tags of the words of a dictionary and user dictionary as cppjieba loads them: dictionary
 * lines "word freq tag", then user lines "word", "word tag" or "word freq tag" ("word" alone has
 * no tag); a word given again takes the later line's tag (the trie keeps the last).
 */
function tagsOfWords(dictionary: string, userDictionary: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const line of dictionary.split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0) tags.set(line.slice(0, space), line.slice(line.lastIndexOf(' ') + 1));
  }
  for (const line of userDictionary.split('\n')) {
    if (line === '') continue;
    const fields = line.split(' ');
    tags.set(fields[0], fields.length === 1 ? '' : fields.length === 2 ? fields[1] : fields[2]);
  }
  return tags;
}

/**
 * cppjieba's PosTagger::LookupTag: the word's tag in the dictionary, else by its characters (its
 * SpecialRule): x without ASCII, m when the ASCII counted are all digits, else eng. Only the first
 * characters are counted, up to half of the word's length in ASCII, as there.
 */
function lookupTag(tags: Map<string, string>, word: string): string {
  const tag = tags.get(word);
  if (tag) return tag;
  const runes: number[] = [];
  for (let i = 0; i < word.length; i++) {
    const c = word.codePointAt(i)!;
    runes.push(c);
    if (c > 0xffff) i++;
  }
  const half = Math.floor(runes.length / 2);
  let digits = 0;
  let ascii = 0;
  for (let i = 0; i < runes.length && ascii < half; i++) {
    if (runes[i] < 0x80) {
      ascii++;
      if (runes[i] >= 0x30 && runes[i] <= 0x39) digits++;
    }
  }
  if (ascii === 0) return 'x';
  return digits === ascii ? 'm' : 'eng';
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
    // A word that cannot occur in the texts the dictionary was cut down to changes none of their
    // tokens; it is added with the whole dictionary, if that is ever loaded (wholeDictionary).
    if (!loadedScope || canOccur(loadedScope, w)) {
      j.insertWord(w, 'nz');
      wordTags?.set(w, 'nz');
    }
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
  const j = loadSegmenter();
  if (loadedScope && !scopeCovers(loadedScope, text)) wholeDictionary();
  // With the cut-down dictionary, the words from cut() and their tags from the table (wordTags).
  const tags = wordTags;
  const words = tags ? j.cut(text, true) : undefined;
  const tagged = words ? undefined : j.tag(text);
  // One pass over jieba's tokens, the made-up words split as they come (splitUnknownWords below):
  // no second array of tens of thousands of tokens per report. There are never more tokens than
  // code units.
  const start = new Int32Array(text.length);
  const end = new Int32Array(text.length);
  const word: string[] = [];
  const tag: string[] = [];
  let pos = 0;
  const place = (w: string, t: string) => {
    // cppjieba returns every character of the input in order; if it ever normalised one, find
    // the word again so offsets stay exact.
    const at = text.startsWith(w, pos) ? pos : text.indexOf(w, pos);
    if (at < 0) return;
    start[word.length] = at;
    end[word.length] = at + w.length;
    word.push(w);
    tag.push(t);
    pos = at + w.length;
  };
  const count = words ? words.length : tagged!.length;
  for (let k = 0; k < count; k++) {
    const w = words ? words[k] : tagged![k].word;
    const t = words ? lookupTag(tags!, w) : tagged![k].tag;
    if (isUnknownWord(w, t)) {
      for (const ch of w) {
        const c = characterTag(ch);
        place(c.word, c.tag);
      }
    } else {
      place(w, t);
    }
  }
  const n = word.length;
  return { count: n, start: start.subarray(0, n), end: end.subarray(0, n), word, tag };
}

const HAN_RUN = /^\p{Script=Han}{2,}$/u;

/**
 * A word jieba's HMM made up from characters it does not know as a word (tag x: 司将 in 采购司将,
 * 对让 in 对让·博斯科, 所设 in 决议所设委员会). tokenize splits it back into characters, each tagged
 * on its own: a made-up word is no evidence of a word boundary, and names end or begin inside them.
 */
function isUnknownWord(word: string, tag: string): boolean {
  return tag === 'x' && word.length >= 2 && HAN_RUN.test(word);
}

const characterTags = new Map<string, { word: string; tag: string }>();

/** jieba's tag of one character on its own (remembered: the same characters come back). */
function characterTag(ch: string): { word: string; tag: string } {
  let t = characterTags.get(ch);
  if (!t) {
    t = loadSegmenter().tag(ch)[0] ?? { word: ch, tag: 'x' };
    characterTags.set(ch, t);
  }
  return t;
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
