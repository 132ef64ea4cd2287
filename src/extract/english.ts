// The English of new names, read in the English original (termdesk extract FILE --en EN_FILE).
//
// UN reports are translated from English, so the English name of a body the glossary does not know
// is in the aligned English sentence. The caller aligns the two documents (the TM aligner,
// src/tm/align.ts) and passes the sentence pairs; for every new name, the sentence pair holding one
// of its occurrences is found and the English name chosen among the capitalised phrases of the
// English sentence:
//
//  - it must contain an English head of the Chinese head (data/name-heads.tsv: 委员会 → Committee,
//    Commission; 倡议 → Initiative), or be the phrase right before the name's acronym ("(UNISFA)");
//  - names the glossary knows inside the Chinese name must have their English inside it
//    (阿富汗 → Afghanistan, 非洲联盟 → African Union);
//  - it should stand about where the Chinese name stands in its sentence and be about as long;
//  - a session of a body (…第五届会议) is "fifth session of the …".
//
// A name with no such phrase gets no English: nothing is guessed. The sentence pair is kept as
// evidence, so the translator sees where the English came from.
import { countHan } from './boundary.js';
import { lexicon } from './lexicon.js';
import { termKey } from './occurrences.js';
import type { ReferenceIndex } from './reference.js';

/** One aligned sentence pair. */
export interface SentencePair {
  zh: string;
  en: string;
}

/** A pair placed in the Chinese document it was aligned from. */
export interface LocatedPair extends SentencePair {
  start: number;
  end: number;
}

/** Where the English came from: the aligned sentences. */
export interface EnglishEvidence {
  doc: string;
  zh: string;
  en: string;
}

export interface FoundEnglish {
  name: string;
  acronym?: string;
  score: number;
}

/** Places each pair's Chinese sentence in the document (in order; the aligner keeps the order). */
export function locatePairs(text: string, pairs: SentencePair[]): LocatedPair[] {
  const out: LocatedPair[] = [];
  let cursor = 0;
  for (const pair of pairs) {
    const zh = pair.zh.trim();
    if (!zh) continue;
    const probe = zh.slice(0, Math.min(12, zh.length));
    let at = text.indexOf(probe, cursor);
    if (at < 0) at = text.indexOf(probe);
    if (at < 0) continue;
    out.push({ ...pair, start: at, end: Math.min(text.length, at + zh.length) });
    cursor = at + 1;
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The pair whose Chinese sentence holds [start, end). */
export function pairAt(pairs: LocatedPair[], start: number, end: number): LocatedPair | undefined {
  let best: LocatedPair | undefined;
  for (const p of pairs) {
    if (p.start > start) break;
    if (p.end >= end) best = p;
  }
  return best;
}

interface Word {
  text: string;
  start: number;
  end: number;
}

/** Lower-case words that occur inside English names (Office of the United Nations High Commissioner for Refugees). */
const CONNECTORS = new Set(['of', 'for', 'on', 'and', 'the', 'in', 'to', 'against', 'with', 'at', 'de', 'des', 'du', 'la', '&']);
const ORDINAL_WORD =
  /^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))?|(?:twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth))$/i;

function words(en: string): Word[] {
  const out: Word[] = [];
  for (const m of en.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.&/+-]*/gu)) {
    let text = m[0];
    // A full stop or an apostrophe at the end belongs to the sentence, not the word (U.S. keeps its own).
    while (/[.'’/+-]$/.test(text) && !/^(?:[A-Z]\.)+$/.test(text)) text = text.slice(0, -1);
    if (text) out.push({ text, start: m.index, end: m.index + text.length });
  }
  return out;
}

/** Capitalised words that are never part of a name: months, "No." of a number. */
const NOT_NAME_WORDS = new Set([
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
  'No', 'Nos', 'The', 'A', 'An', 'In', 'On', 'At', 'By', 'For', 'Under', 'Through', 'With', 'To', 'From', 'As', 'This', 'These', 'Its', 'His', 'Her', 'Their',
  'Since', 'Although', 'While', 'If', 'When', 'Where', 'According', 'During', 'Following', 'Pursuant', 'Further', 'Furthermore', 'Moreover', 'However',
]);
/** A capitalised word that may be part of a name (numbers stand inside names, never at their ends). */
const isCapitalised = (w: string) => /^[\p{Lu}]/u.test(w) && !NOT_NAME_WORDS.has(w);
const isNumber = (w: string) => /^\p{N}/u.test(w);

/** Runs of capitalised words with the connectors between them: the places English names can be. */
function capitalisedRuns(en: string, ws: Word[]): Word[][] {
  const runs: Word[][] = [];
  let run: Word[] = [];
  const flush = () => {
    while (run.length && !isCapitalised(run[run.length - 1].text)) run.pop();
    if (run.length) runs.push(run);
    run = [];
  };
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    const gap = i > 0 ? en.slice(ws[i - 1].end, w.start) : '';
    // A comma, a bracket or a sentence mark ends a name (Peoples' Rights, Children's Fund go on).
    if (run.length && !/^[\s-]*$/.test(gap) && !/^['’]s?\s*$/.test(gap)) flush();
    if (isCapitalised(w.text)) run.push(w);
    else if (run.length && (CONNECTORS.has(w.text) || isNumber(w.text))) run.push(w);
    else flush();
  }
  flush();
  return runs;
}

/** English forms of the names the glossary knows inside a Chinese name (its anchors). */
function anchorsOf(name: string, reference: ReferenceIndex): string[][] {
  const key = termKey(name);
  const out: string[][] = [];
  const seen = new Set<string>();
  for (let i = 0; i < key.length; i++) {
    for (let j = Math.min(key.length, i + 30); j >= i + 2; j--) {
      const sub = key.slice(i, j);
      if (sub === key || seen.has(sub)) continue;
      const matches = reference.lookup(sub).filter((m) => m.concept.origin === 'reference');
      const english = [...new Set(matches.flatMap((m) => m.concept.terms.filter((t) => t.lang === 'en').map((t) => t.text.toLowerCase())))];
      if (english.length === 0) continue;
      seen.add(sub);
      out.push(english);
      i = j - 1;
      break;
    }
  }
  return out;
}

/** The English heads of a Chinese name's head (委员会 → Committee, Commission). */
function englishHeads(name: string): string[] | undefined {
  const bare = name.replace(/[》”"\s]+$/u, '');
  return lexicon().nameHeads.find((h) => bare.endsWith(h.head))?.english;
}

function containsPhrase(text: string, phrase: string): boolean {
  const i = text.toLowerCase().indexOf(phrase.toLowerCase());
  if (i < 0) return false;
  const before = text[i - 1];
  const after = text[i + phrase.length];
  return (before === undefined || !/[\p{L}\p{N}]/u.test(before)) && (after === undefined || !/[\p{L}\p{N}]/u.test(after));
}

const ACRONYM_AFTER = /^\s*\(([A-Z][A-Za-z0-9&./-]*[A-Z0-9])\)/;

/**
 * The English name of a Chinese name in the aligned English sentence, or undefined. `at` is where
 * the name stands in the Chinese sentence (0 to 1); `acronym` a Latin acronym the name already has.
 */
export function findEnglishName(
  name: string,
  pair: SentencePair,
  at: number,
  reference: ReferenceIndex,
  acronym?: string,
): FoundEnglish | undefined {
  const { en } = pair;
  const ws = words(en);
  if (ws.length === 0) return undefined;
  const session = sessionOf(name, en);
  if (session) return session;
  const heads = englishHeads(name);
  const anchors = anchorsOf(name, reference);
  // The sentence's first word, after a paragraph number ("14. Requests the President").
  const firstWord = ws.find((w) => !/^(?:\d+|[a-z])$/.test(w.text)) ?? ws[0];
  const expected = Math.max(1, countHan(name) / 1.8);
  let best: FoundEnglish | undefined;
  for (const run of capitalisedRuns(en, ws)) {
    for (let a = 0; a < run.length; a++) {
      if (!isCapitalised(run[a].text)) continue;
      for (let b = run.length - 1; b >= a; b--) {
        if (!isCapitalised(run[b].text)) continue;
        const start = run[a].start;
        const end = run[b].end;
        const phrase = en.slice(start, end);
        const acronymAfter = ACRONYM_AFTER.exec(en.slice(end))?.[1];
        const byAcronym = acronym !== undefined && acronymAfter === acronym;
        const head = heads?.some((h) => containsPhrase(phrase, h)) ?? false;
        if (!head && !byAcronym) continue;
        // A name and another joined by "and" are two names unless the Chinese has its 和/与/及.
        if (/\band\b|&/.test(phrase) && !/[和与及]/u.test(name) && !byAcronym) continue;
        let score = (head ? 3 : 0) + (byAcronym ? 6 : 0);
        for (const forms of anchors) score += forms.some((f) => containsPhrase(phrase, f)) ? 2 : -1;
        // A name the glossary knows in the phrase whose Chinese is not in the name: another body
        // (African Union Commission and the European Union High Representative).
        score -= 2 * foreignNames(phrase, name, reference);
        // The sentence's first word is capitalised whatever it is (Requests, Briefing).
        if (start === firstWord.start && a + 1 < run.length && /^(the|by|to|a)$/.test(run[a + 1].text)) score -= 1.5;
        // A word with "of" before the head names something else: Report of the Bureau, Section 252 of the Act.
        const headAt = heads ? Math.min(...heads.map((h) => phrase.toLowerCase().indexOf(h.toLowerCase())).filter((i) => i >= 0)) : -1;
        if (headAt > 0 && /\bof\b/.test(phrase.slice(0, headAt))) score -= 2;
        const capitals = run.slice(a, b + 1).filter((w) => isCapitalised(w.text)).length;
        score -= 0.5 * Math.abs(capitals - expected);
        score -= 2 * Math.abs((start + end) / 2 / en.length - at);
        // The whole run is the likelier name: its ends are where the capitals stop.
        if (a === 0) score += 0.5;
        if (b === run.length - 1) score += 0.5;
        // An ordinal in the Chinese (第十一批欧洲开发基金) is the English's ordinal word before the name.
        let named = phrase;
        if (/^第/u.test(name)) {
          const before = /([\p{L}\p{N}-]+)\s+$/u.exec(en.slice(Math.max(0, start - 30), start));
          if (before && ORDINAL_WORD.test(before[1])) named = en.slice(start - before[0].length, end);
        }
        named = withYears(name, en, named, start - (named.length - phrase.length), end);
        if (!best || score > best.score) best = { name: named, score, ...(acronymAfter ? { acronym: acronymAfter } : {}) };
      }
    }
  }
  if (best && best.score >= 1) return best;
  return heads ? lowerCaseName(name, en, ws, heads, anchors, expected, at, reference) : undefined;
}

const YEARS = '\\d{4}(?:\\s*[-–—]+\\s*\\d{4})?';
const YEARS_AFTER = new RegExp(`^\\s+(?:for the period\\s+)?${YEARS}\\b`);
const YEARS_BEFORE = new RegExp(`\\b${YEARS}\\s+$`);

/**
 * A Chinese name with its year(s) (2015-2016年索马里联合法治方案, 2006年宪法) has them in the English
 * too, written after the name or before it: Somalia Joint Rule of Law Programme 2015-2016.
 */
function withYears(name: string, en: string, phrase: string, start: number, end: number): string {
  if (!/\d{4}/.test(name) || /\d{4}/.test(phrase)) return phrase;
  const after = YEARS_AFTER.exec(en.slice(end));
  if (after) return phrase + after[0];
  const before = YEARS_BEFORE.exec(en.slice(Math.max(0, start - 20), start));
  return before ? before[0] + phrase : phrase;
}

/** Words that never stand inside an English name written in lower case (articles, prepositions, verbs' helpers). */
const LOWER_STOPS = new Set([
  'the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'this', 'that', 'these', 'those', 'to', 'in', 'on', 'for', 'by', 'with',
  'from', 'of', 'and', 'or', 'as', 'at', 'be', 'is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'would', 'shall', 'should',
  'which', 'who', 'under', 'into', 'within', 'such', 'other', 'all', 'any', 'each', 'new', 'current', 'said', 'also', 'not',
]);

/**
 * An English name written in lower case (post-2015 development agenda, provisional rules of
 * procedure of the Security Council): the English head with the words in front of it up to an
 * article, preposition or the like, and "of the …" when a capitalised name follows. Every name
 * the glossary knows inside the Chinese must be in it; one word more or less than the Chinese
 * suggests at most.
 */
function lowerCaseName(
  name: string,
  en: string,
  ws: Word[],
  heads: string[],
  anchors: string[][],
  expected: number,
  at: number,
  reference: ReferenceIndex,
): FoundEnglish | undefined {
  let best: FoundEnglish | undefined;
  for (const head of heads) {
    const headWords = head.toLowerCase().split(/\s+/);
    for (let i = 0; i + headWords.length <= ws.length; i++) {
      if (!headWords.every((h, k) => ws[i + k].text.toLowerCase() === h)) continue;
      let endIndex = i + headWords.length - 1;
      // "… of the Security Council": the capitalised name the head belongs to.
      if (ws[endIndex + 1]?.text === 'of') {
        let k = endIndex + 2;
        if (ws[k]?.text === 'the') k++;
        let last = -1;
        while (k < ws.length && (isCapitalised(ws[k].text) || (last >= 0 && CONNECTORS.has(ws[k].text)))) {
          if (isCapitalised(ws[k].text)) last = k;
          k++;
        }
        if (last >= 0) endIndex = last;
      }
      let startIndex = i;
      while (
        startIndex > 0 &&
        i - startIndex < 4 &&
        !LOWER_STOPS.has(ws[startIndex - 1].text.toLowerCase()) &&
        !/^[a-z]+(?:ing|ed)$/.test(ws[startIndex - 1].text) &&
        /^[\p{L}\p{N}]/u.test(ws[startIndex - 1].text)
      ) {
        const gap = en.slice(ws[startIndex - 1].end, ws[startIndex].start);
        if (!/^[\s-]*$/.test(gap)) break;
        startIndex--;
      }
      if (startIndex === i && endIndex === i + headWords.length - 1) continue;
      const start = ws[startIndex].start;
      const end = ws[endIndex].end;
      const phrase = en.slice(start, end);
      const count = endIndex - startIndex + 1;
      if (Math.abs(count - expected) > 2) continue;
      if (anchors.some((forms) => !forms.some((f) => containsPhrase(phrase, f)))) continue;
      let score = 2 - 0.5 * Math.abs(count - expected) - 2 * Math.abs((start + end) / 2 / en.length - at);
      score -= 2 * foreignNames(phrase, name, reference);
      if (!best || score > best.score) best = { name: phrase, score };
    }
  }
  return best && best.score >= 0.5 ? best : undefined;
}

const SESSION_ZH = /第\s*[0-9一二三四五六七八九十百零〇两]+\s*(届|次)\s*(?:会议|届会)$/u;

/** 安全理事会第7364次会议 → "7364th meeting of the Security Council", as the English writes it. */
function sessionOf(name: string, en: string): FoundEnglish | undefined {
  const zh = SESSION_ZH.exec(name);
  if (!zh) return undefined;
  const ws = words(en);
  for (let i = 0; i + 2 < ws.length; i++) {
    if (!ORDINAL_WORD.test(ws[i].text) || !/^(session|meeting)$/i.test(ws[i + 1].text) || ws[i + 2].text !== 'of') continue;
    let k = i + 3;
    if (ws[k]?.text === 'the') k++;
    const runs = capitalisedRuns(en.slice(0, ws[ws.length - 1].end), ws.slice(k)).filter((r) => r[0].start === ws[k]?.start);
    if (runs.length === 0) continue;
    const run = runs[0];
    return { name: en.slice(ws[i].start, run[run.length - 1].end), score: 10 };
  }
  // "Conference of the Parties at its eleventh meeting", "Commission for Social Development, 52nd Session",
  // "General Assembly, at its seventieth session".
  const after = /^(,?\s*at\s+its\s+|,\s*)([\p{L}\p{N}-]+)\s+(session|meeting)\b/iu;
  for (const run of capitalisedRuns(en, ws)) {
    const end = run[run.length - 1].end;
    const m = after.exec(en.slice(end));
    if (m && ORDINAL_WORD.test(m[2])) return { name: en.slice(run[0].start, end + m[0].length), score: 10 };
  }
  return undefined;
}

let englishNames: { reference: ReferenceIndex; names: Map<string, string[]> } | undefined;

/** The glossary's English names of two words or more, lower-cased, with the Chinese keys of their concepts. */
function knownEnglishNames(reference: ReferenceIndex): Map<string, string[]> {
  if (englishNames?.reference === reference) return englishNames.names;
  const names = new Map<string, string[]>();
  for (const c of reference.concepts) {
    if (c.category === 'concept') continue;
    const zh = c.terms.filter((t) => t.lang !== 'en').map((t) => t.key.replace(/^《(.*)》$/u, '$1'));
    for (const t of c.terms) {
      if (t.lang !== 'en' || !/\s/.test(t.text)) continue;
      const key = t.text.toLowerCase();
      names.set(key, [...(names.get(key) ?? []), ...zh]);
    }
  }
  englishNames = { reference, names };
  return names;
}

/** How many names the glossary knows stand in the phrase without their Chinese in the name. */
function foreignNames(phrase: string, name: string, reference: ReferenceIndex): number {
  const known = knownEnglishNames(reference);
  const ws = phrase.toLowerCase().split(/\s+/);
  const key = termKey(name);
  let n = 0;
  for (let i = 0; i < ws.length; i++) {
    for (let j = Math.min(ws.length, i + 8); j >= i + 2; j--) {
      const zh = known.get(ws.slice(i, j).join(' '));
      if (!zh) continue;
      if (!zh.some((z) => key.includes(z))) n++;
      i = j - 1;
      break;
    }
  }
  return n;
}
