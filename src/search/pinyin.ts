// Pinyin forms of Chinese terms and pinyin queries. Terms get their readings from pinyin-pro, which
// reads polyphones in context (银行 yinhang, 行动 xingdong); a query typed in Latin letters is split
// into syllables with the list in data/pinyin-syllables.txt. ü is written u on both sides, so
// "lvse", "lüse" and "luse" meet.
import { createRequire } from 'node:module';
import { pinyinSyllables } from './data.js';
import { isHanCodeUnit } from './text.js';

export interface TermPinyin {
  /** One syllable per Han character; a run of other characters (digits, Latin) is one syllable. */
  syllables: string[];
  /** syllableStart[i] = compact index where syllable i's characters start; last entry = compact length. */
  syllableStart: number[];
}

type PinyinFunction = typeof import('pinyin-pro').pinyin;
let pinyinPro: PinyinFunction | undefined;

/**
 * pinyin-pro, loaded the first time a term is read: a lookup served from a persisted index reads
 * no term, and a one-off command should not pay for loading the dictionary (tens of milliseconds).
 */
function pinyinLib(): PinyinFunction {
  pinyinPro ??= (createRequire(import.meta.url)('pinyin-pro') as typeof import('pinyin-pro')).pinyin;
  return pinyinPro;
}

interface CharReading {
  reading: string;
  /** The character has more than one reading (会 hui/kuai): read it in context. */
  polyphone: boolean;
}
const charReadings = new Map<string, CharReading>();

function readChar(ch: string): CharReading {
  let r = charReadings.get(ch);
  if (!r) {
    const all = pinyinLib()(ch, { toneType: 'none', type: 'array', multiple: true, v: true });
    r = { reading: pinyinLib()(ch, { toneType: 'none', v: true }), polyphone: new Set(all).size > 1 };
    charReadings.set(ch, r);
  }
  return r;
}

/** Lower case, ü and v as u. */
function plain(reading: string): string {
  return reading.toLowerCase().replace(/[vü]/g, 'u');
}

/** Readings of polyphones by their context: "window|position" → reading. */
const contextReadings = new Map<string, string>();
/** Characters on each side that decide a polyphone's reading (2 agrees with whole-term reading on all of UNBIS). */
const CONTEXT = 2;

function readInContext(chars: string[], i: number): string {
  const from = Math.max(0, i - CONTEXT);
  const to = Math.min(chars.length, i + CONTEXT + 1);
  const window = chars.slice(from, to).join('');
  const key = `${window}|${i - from}`;
  let r = contextReadings.get(key);
  if (r === undefined) {
    const readings = pinyinLib()(window, { toneType: 'none', type: 'array', v: true });
    r = readings.length === to - from ? readings[i - from] : readChar(chars[i]).reading;
    contextReadings.set(key, r);
  }
  return r;
}

/**
 * The reading of a compact key that contains Han characters. A character with one reading comes
 * from a per-character table; a polyphone (会 hui/kuai, 行 hang/xing) is read by pinyin-pro's
 * phrase dictionary within two characters on each side, remembered by that window — the same
 * readings as reading whole terms, at a fraction of the cost (most of building the index).
 */
export function termPinyin(compact: string): TermPinyin {
  const chars = Array.from(compact);
  const han = chars.map((c) => isHanCodeUnit(c, 0));
  const syllables: string[] = [];
  const syllableStart: number[] = [];
  let pos = 0;
  let run = '';
  let runStart = 0;
  const flush = () => {
    if (run) {
      syllables.push(run);
      syllableStart.push(runStart);
      run = '';
    }
  };
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (han[i]) {
      flush();
      const r = readChar(ch);
      syllables.push(plain(r.polyphone ? readInContext(chars, i) : r.reading));
      syllableStart.push(pos);
    } else {
      if (!run) runStart = pos;
      run += ch;
    }
    pos += ch.length;
  }
  flush();
  syllableStart.push(pos);
  return { syllables, syllableStart };
}

/** Pinyin letters of a query: lower case, ü and v as u, nothing but a–z. */
export function pinyinLetters(compact: string): string {
  return compact.replace(/v/g, 'u');
}

const MAX_SYLLABLE = 6;

/**
 * Splits Latin letters into pinyin syllables, fewest syllables first (so "xian" stays one
 * syllable). `parts` are the query's space- or apostrophe-separated pieces. Returns null when
 * some piece is not pinyin.
 */
export function segmentPinyin(parts: string[]): string[] | null {
  const known = pinyinSyllables();
  const out: string[] = [];
  for (const raw of parts) {
    const part = pinyinLetters(raw);
    if (!part) continue;
    const n = part.length;
    // best[i] = fewest syllables covering part[0, i); prev[i] = where the last one starts.
    const best = new Array<number>(n + 1).fill(Infinity);
    const prev = new Array<number>(n + 1).fill(-1);
    best[0] = 0;
    for (let i = 0; i < n; i++) {
      if (best[i] === Infinity) continue;
      for (let len = 1; len <= MAX_SYLLABLE && i + len <= n; len++) {
        if (!known.has(part.slice(i, i + len)) && !known.has(part.slice(i, i + len).replace(/u/g, 'v'))) continue;
        if (best[i] + 1 < best[i + len]) {
          best[i + len] = best[i] + 1;
          prev[i + len] = i;
        }
      }
    }
    if (best[n] === Infinity) return null;
    const pieces: string[] = [];
    for (let end = n; end > 0; end = prev[end]) pieces.push(part.slice(prev[end], end));
    out.push(...pieces.reverse());
  }
  return out;
}
