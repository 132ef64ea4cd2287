// The English of new names, read in the English original (termdesk extract FILE --en EN_FILE).
//
// UN reports are translated from English, so the English name of a body the glossary does not know
// is in the aligned English sentence. The caller aligns the two documents (the TM aligner,
// src/tm/align.ts) and passes the sentence pairs; the new names of each pair get their English
// together (assignEnglish), each from the phrases of the English sentence that may be its English
// (englishCandidates):
//
//  - a capitalised phrase with an English head of the Chinese head (data/name-heads.tsv,
//    data/english-heads.tsv: 委员会 → Committee, Commission), with its topic in lower case when the
//    Chinese says that much more, or the phrase right before the name's acronym ("(UNISFA)");
//  - the evidence of the whole pair decides between them: the glossary names inside the Chinese name
//    (阿富汗 → Afghanistan) and in the sentence (one piece, and another body's unless the name's),
//    the heads inside the Chinese name, its 和/与/及 for every "and" after a head, its numbers and
//    ordinals, its draft/proposed … (data/english-modifiers.tsv), where it stands and how long it is;
//  - no two names of a pair take the same words, the English of the pair's known names is theirs,
//    and names joined by 和 keep their order in English.
//
// A name with no such phrase gets no English: nothing is guessed. The sentence pair is kept as
// evidence, so the translator sees where the English came from. docs/EXTRACTION.md has the rules
// with their examples and figures.
import { dataFiles } from '../domain/data-files.js';
import { isCategory } from '../domain/types.js';
import { countHan } from './boundary.js';
import { type NameHead, lexicon } from './lexicon.js';
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

/** A span of a sentence: [start, end). */
export interface Span {
  start: number;
  end: number;
}

/** A phrase of the English sentence that may be a Chinese name's English, and where it stands. */
export interface EnglishCandidate extends FoundEnglish, Span {}

/**
 * Places each pair's Chinese sentence in the document (in order; the aligner keeps the order).
 * The next sentence is looked for after the end of the one before: a sentence that opens like a
 * phrase inside the one before (a person's name: "Seongmee Yoon在…" after "…，Seongmee Yoon在…")
 * would otherwise be placed inside it and take its names.
 */
export function locatePairs(text: string, pairs: SentencePair[]): LocatedPair[] {
  const out: LocatedPair[] = [];
  let cursor = 0;
  for (const pair of pairs) {
    const zh = pair.zh.trim();
    if (!zh) continue;
    let at = text.indexOf(zh, cursor);
    if (at < 0) {
      // The aligner may have joined or trimmed lines: place the sentence by its opening.
      const probe = zh.slice(0, Math.min(12, zh.length));
      at = text.indexOf(probe, cursor);
      if (at < 0) at = text.indexOf(probe);
    }
    if (at < 0) continue;
    const end = Math.min(text.length, at + zh.length);
    out.push({ ...pair, start: at, end });
    cursor = Math.max(cursor, end);
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

/** A list marker opening a sentence: "I.", "IV.", "a)", "14." (paragraph numbers are numbers anyway). */
const LIST_MARKER = /^\s*\(?(?:[IVXLC]+|[A-Za-z])[.)]\s/;

function words(en: string): Word[] {
  const out: Word[] = [];
  const marker = LIST_MARKER.exec(en);
  for (const m of en.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.&/+-]*/gu)) {
    if (marker && m.index < marker[0].length) continue;
    let text = m[0];
    // A full stop or an apostrophe at the end belongs to the sentence, not the word (U.S. keeps its own).
    while (/[.'’/+-]$/.test(text) && !/^(?:[A-Z]\.)+$/.test(text)) text = text.slice(0, -1);
    if (text) out.push({ text, start: m.index, end: m.index + text.length });
  }
  return out;
}

const MONTHS = new Set(['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']);
/** Capitalised words that are never part of a name: months, "No." of a number. */
const NOT_NAME_WORDS = new Set([
  ...MONTHS,
  'No', 'Nos', 'The', 'A', 'An', 'In', 'On', 'At', 'By', 'For', 'Under', 'Through', 'With', 'To', 'From', 'As', 'This', 'These', 'Its', 'His', 'Her', 'Their',
  'Since', 'Although', 'While', 'If', 'When', 'Where', 'According', 'During', 'Following', 'Pursuant', 'Further', 'Furthermore', 'Moreover', 'However',
]);
/** A capitalised word that may be part of a name (numbers stand inside names, never at their ends). */
const isCapitalised = (w: string) => /^[\p{Lu}]/u.test(w) && !NOT_NAME_WORDS.has(w);
const isNumber = (w: string) => /^\p{N}/u.test(w);

/**
 * A place or body made an adjective with a participle (Saint Lucia-based, African-led, Union-facilitated,
 * Gender-based): who does or where, not a name's word (Open-ended is one).
 */
const DESCRIPTIVE_COMPOUND = /-(?:based|led|run|owned|funded|sponsored|backed|affiliated|facilitated|supported|organi[sz]ed|hosted|brokered|mediated|driven)$/;

/**
 * Runs of capitalised words with the connectors between them: the places English names can be.
 * With `lists`, a comma goes on inside a run, for a Chinese name that lists its parts with 、
 * (教育、大学和研究部: Ministry of Education, Universities and Research).
 */
function capitalisedRuns(en: string, ws: Word[], lists = false): Word[][] {
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
    if (run.length && !/^[\s-]*$/.test(gap) && !/^['’]s?\s*$/.test(gap) && !(lists && /^,\s+$/.test(gap) && isCapitalised(w.text))) flush();
    if (DESCRIPTIVE_COMPOUND.test(w.text)) {
      const next = ws[i + 1];
      const goesOn = next !== undefined && isCapitalised(next.text) && /^\s+$/.test(en.slice(w.end, next.start));
      // After a connector inside a name it is the name's (… Action against Gender-based Violence) …
      if (run.length && goesOn && CONNECTORS.has(run[run.length - 1].text)) run.push(w);
      // … after a name, the name ends before it (European Union-facilitated dialogue) …
      else if (run.length && !goesOn) {
        const stem = w.text.slice(0, w.text.lastIndexOf('-'));
        if (isCapitalised(stem)) run.push({ text: stem, start: w.start, end: w.start + stem.length });
        flush();
      }
      // … and before one, a place made an adjective (Saint Lucia-based) describes it.
      else run = [];
      continue;
    }
    // "President of the sixty-ninth session of the General Assembly": a session inside a name.
    const session = ORDINAL_WORD.test(w.text) && /^(?:session|meeting)$/i.test(ws[i + 1]?.text ?? '');
    const sessionWord = /^(?:session|meeting)$/i.test(w.text) && i > 0 && ORDINAL_WORD.test(ws[i - 1].text);
    if (isCapitalised(w.text)) run.push(w);
    else if (run.length && (CONNECTORS.has(w.text) || isNumber(w.text) || session || sessionWord)) run.push(w);
    else flush();
  }
  flush();
  return runs;
}

/**
 * A name the glossary knows inside a Chinese name, with its English forms (lower case). A proper
 * anchor (a country, a body, a treaty: any category but concept) must be in the English name.
 */
interface Anchor {
  forms: string[];
  proper: boolean;
  /** Where it stands in the name's key. */
  start: number;
  end: number;
}

/**
 * The anchors of a Chinese name: the longest glossary names inside it, left to right, leaving out
 * its head noun (大会 of 各国议会联盟第131届大会 is the Assembly, not the General Assembly), which
 * the head table matches. A glossary name is proper when its English is (United States, Inter-
 * Parliamentary Union); the glossary's common terms (代表团, delegation) only weigh.
 */
function anchorsOf(name: string, reference: ReferenceIndex): Anchor[] {
  const key = termKey(name);
  const head = englishHeadTable().find((h) => key.endsWith(h.head))?.head ?? '';
  const out: Anchor[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < key.length; i++) {
    for (let j = Math.min(key.length, i + 30); j >= i + 2; j--) {
      const sub = key.slice(i, j);
      if (sub === key || seen.has(sub) || (j === key.length && sub.length <= head.length)) continue;
      const matches = reference.lookup(sub).filter((m) => m.concept.origin === 'reference');
      const english = [...new Set(matches.flatMap((m) => m.concept.terms.filter((t) => t.lang === 'en').map((t) => t.text)))];
      if (english.length === 0) continue;
      seen.add(sub);
      const proper = matches.some((m) => m.concept.category !== 'concept' && !m.concept.extId?.startsWith('term.')) && english.some((e) => /\p{Lu}/u.test(e));
      out.push({ forms: english.map((e) => e.toLowerCase()), proper, start: i, end: j });
      i = j - 1;
      break;
    }
  }
  return out;
}

/**
 * The heads inside a Chinese name, before its own head and outside the glossary names in it, with
 * their English (方案支助办公室: 方案 → Programme; 国家打击性别暴力协调行动委员会: 行动 → Action): the
 * words its English name must have too. Heads of one character (司, 处, 法) are left out: they are
 * parts of too many other words (公司, 处理, 方法).
 */
function innerHeads(name: string, anchors: Anchor[]): string[][] {
  const key = termKey(name);
  const own = englishHeadTable().find((h) => key.endsWith(h.head));
  const stop = key.length - (own?.head.length ?? 0);
  const out: string[][] = [];
  for (let i = 0; i < stop; i++) {
    if (anchors.some((x) => i >= x.start && i < x.end)) continue;
    const inner = englishHeadTable().find((h) => h.head.length >= 2 && key.startsWith(h.head, i) && i + h.head.length <= stop);
    if (!inner || anchors.some((x) => i + inner.head.length > x.start && i < x.end)) continue;
    out.push(inner.english);
    i += inner.head.length - 1;
  }
  return out;
}

let headTable: NameHead[] | undefined;

/**
 * The heads a Chinese name's English is looked for by, longest first: those of the grammar of names
 * (data/name-heads.tsv) and those kept for the English only (data/english-heads.tsv: 大使馆 →
 * Embassy, 红新月会 → Red Crescent Society).
 */
function englishHeadTable(): NameHead[] {
  if (headTable) return headTable;
  const extra = dataFiles('extract')
    .lines('english-heads.tsv')
    .map((line): NameHead => {
      const [head, category, english] = line.split('\t');
      if (!head || !english || !isCategory(category)) throw new Error(`english-heads.tsv: bad line "${line}"`);
      return { head, category, evidence: 'english', english: english.split('|') };
    });
  headTable = [...lexicon().allHeads, ...extra.filter((x) => !lexicon().allHeads.some((h) => h.head === x.head))].sort((a, b) => b.head.length - a.head.length);
  return headTable;
}

/** The English heads of a Chinese name's head (委员会 → Committee, Commission). */
function englishHeads(name: string): string[] | undefined {
  // The head is before closing marks and a bracket of years: 预防家庭暴力国家战略(2014-2016).
  const bare = name.replace(/[》”"\s]+$/u, '').replace(/\s*[(（][\d\s\-–—年]+[)）]$/u, '');
  return englishHeadTable().find((h) => bare.endsWith(h.head))?.english;
}

function containsPhrase(text: string, phrase: string): boolean {
  const i = text.toLowerCase().indexOf(phrase.toLowerCase());
  if (i < 0) return false;
  const before = text[i - 1];
  const after = text[i + phrase.length];
  return (before === undefined || !/[\p{L}\p{N}]/u.test(before)) && (after === undefined || !/[\p{L}\p{N}]/u.test(after));
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Whether a phrase names an anchor: one of its English forms, or, for a one-word form (a country),
 * a word made from it (Philippine, Italian, Canadian for Philippines, Italy, Canada).
 */
function hasAnchor(phrase: string, forms: string[]): boolean {
  if (forms.some((f) => containsPhrase(phrase, f))) return true;
  const ws = phrase.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  // One-word forms only: American is not United States of America (American Samoa).
  const stems = forms.filter((f) => /^\p{L}{5,}$/u.test(f));
  return stems.some((f) => ws.some((w) => w.length <= f.length + 3 && commonPrefixLength(w, f) >= Math.max(4, f.length - 1)));
}

const headPatterns = new Map<string, RegExp>();

/**
 * Where an English head stands in a phrase, or -1: case aside, with its last word in the plural
 * (Administrative Services) and up to two words slipped in between its words (Group of
 * Governmental Experts for Group of Experts).
 */
function headIndex(phrase: string, head: string): number {
  let re = headPatterns.get(head);
  if (!re) {
    const parts = head.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re = new RegExp(`(?<![\\p{L}\\p{N}])${parts.join('(?:\\s+\\S+){0,2}?\\s+')}(?:s|es)?(?![\\p{L}\\p{N}])`, 'iu');
    headPatterns.set(head, re);
  }
  return phrase.search(re);
}

let otherHeads: string[] | undefined;

/** Every English head of the table: the words an English name of some kind ends its head with. */
function allEnglishHeads(): string[] {
  // The last word of a head of several words is a head too: Director (Executive Director), Representative.
  otherHeads ??= [...new Set(englishHeadTable().flatMap((h) => [...h.english, ...h.english.filter((e) => /\s/.test(e)).map((e) => e.split(/\s+/).pop()!)]))];
  return otherHeads;
}

/**
 * Whether the phrase is "X of …" with X the head of another kind of name: it names that X
 * (Report of the Bureau, Section 252 of the Act, Division of Environmental Law for 环境法), not the
 * name whose head comes after "of". Words that are no head (Rights of Persons with Disabilities
 * Law) do not count.
 */
function otherHeadBeforeOf(phrase: string, heads: string[], headAt: number): boolean {
  const before = phrase.slice(0, headAt);
  const of = before.search(/\bof\b/);
  if (of < 0) return false;
  const lead = before.slice(0, of);
  return allEnglishHeads().some((h) => !heads.includes(h) && headIndex(lead, h) >= 0);
}

/**
 * Whether the phrase would start after an "and" (run[and]) that joins a word that is no head to
 * it, that word standing first in the run or after a connector (the Economic and Social Council,
 * the Legal and Criminal Justice Working Group, Department of Economic and Social Affairs): the two
 * words are one name's, so no name starts after that "and". After a phrase of its own (… Extended
 * Dataset and International Labour Organization) or a known name (… on Burundi and Special
 * Rapporteur …) a name does.
 */
function halfOfModifierPair(run: Word[], and: number, word: number, reference: ReferenceIndex): boolean {
  if (!/^(?:and|&)$/.test(run[and]?.text ?? '') || !run[word] || !isCapitalised(run[word].text)) return false;
  if (word > 0 && !CONNECTORS.has(run[word - 1].text)) return false;
  // A place or body the glossary knows is a name of its own (Commission of Inquiry on Burundi and …).
  if (knownEnglishNames(reference).has(run[word].text.toLowerCase())) return false;
  return !allEnglishHeads().some((h) => headIndex(run[word].text, h) >= 0);
}

/** What a head inside the Chinese name found (or not) in an English phrase weighs. */
const INNER_HEAD = 0.5;

const singularPatterns = new Map<string, RegExp>();

/**
 * Whether a phrase has the English head of a body or organization only in the plural: "Services"
 * names a unit in the plural (Administrative Services) and is left out.
 */
function pluralBodies(name: string, phrase: string, heads: string[]): boolean {
  const kind = englishHeadTable().find((h) => termKey(name).endsWith(h.head))?.category;
  if (kind !== 'body' && kind !== 'organization') return false;
  return heads.every((h) => {
    if (/service$/i.test(h) || headIndex(phrase, h) < 0) return true;
    let re = singularPatterns.get(h);
    if (!re) {
      const parts = h.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      re = new RegExp(`(?<![\\p{L}\\p{N}])${parts.join('(?:\\s+\\S+){0,2}?\\s+')}(?![\\p{L}\\p{N}])`, 'iu');
      singularPatterns.set(h, re);
    }
    return !re.test(phrase);
  }) && heads.some((h) => !/service$/i.test(h) && headIndex(phrase, h) >= 0);
}

/** What the place of a name in a coordination of names of its kind weighs (A和B: A and B). */
const CONJUNCT = 0.5;

/**
 * Where a Chinese name stands in a coordination of two names of its kind (高级别委员会和联合安全委员会):
 * the first, the second, or in none. A head of its kind is one with an English head in common.
 */
function conjunctRole(name: string, zh: string, heads: string[]): 'first' | 'second' | undefined {
  const i = zh.indexOf(name);
  if (i < 0) return undefined;
  const family = englishHeadTable().filter((h) => h.english.some((e) => heads.includes(e))).map((h) => h.head);
  const before = zh.slice(0, Math.max(0, i - 1));
  if (/[和与及、]/u.test(zh[i - 1] ?? '') && family.some((h) => before.endsWith(h))) return 'second';
  const after = zh.slice(i + name.length + 1, i + name.length + 15);
  if (/[和与及、]/u.test(zh[i + name.length] ?? '') && family.some((h) => new RegExp(`^\\p{Script=Han}*${h}`, 'u').test(after))) return 'first';
  return undefined;
}

/**
 * +1 when an English phrase stands where the Chinese name stands in its coordination (the second of
 * "the High Level Committee and the Joint Security Committee" for the second Chinese name), −1 when
 * it stands in the other place, 0 otherwise: translation mostly keeps the order of names joined by
 * "and", not always, so names, glossary names and inner heads outweigh it.
 */
function conjunctAgreement(role: 'first' | 'second', en: string, c: Span, heads: string[]): number {
  const hasHead = (text: string) => heads.some((h) => headIndex(text, h) >= 0);
  // The phrase may be part of a longer capitalised one (the Darfur | Joint Security Committee).
  const before = /(?:^|[,;:.(])([^,;:.(]*)\band\s+(?:the\s+)?(?:\p{Lu}[\p{L}\p{N}'’-]*\s+)*$/u.exec(en.slice(Math.max(0, c.start - 120), c.start));
  const after = /^(?:\s+\p{Lu}[\p{L}\p{N}'’-]*)*\s+and\s+(?:the\s+)?([^,;:.)]*)/u.exec(en.slice(c.end, c.end + 120));
  const second = before !== null && hasHead(before[1]);
  const first = after !== null && hasHead(after[1]);
  if (second === first) return 0;
  return (role === 'second') === second ? 1 : -1;
}

/** Prepositions that open the topic of a name (Special Rapporteur on …, Expert Mechanism on …). */
const TOPIC_PREPOSITIONS = new Set(['on', 'of', 'for', 'in', 'against']);
/** Words a topic does not run over: verbs and what opens a clause. */
const TOPIC_STOPS = new Set([
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'will', 'would', 'shall', 'should', 'may', 'might', 'can', 'could',
  'must', 'which', 'who', 'whom', 'whose', 'that', 'where', 'when', 'while', 'as', 'also', 'not', 'did', 'does', 'do', 'said', 'since', 'during',
  'including', 'until', 'because', 'if', 'than', 'but', 'or', 'so', 'its', 'their', 'his', 'her',
]);
const ARTICLES = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'this', 'these', 'those', 'our', 'such']);
/** How many words a topic in lower case may have. */
const TOPIC_WORDS = 20;

/**
 * Where a topic in lower case after a name may end: "on" (of, for, in, against, to) and the words
 * after it, up to a mark, a verb or a clause word, each word that carries meaning a possible end.
 * Commas go on only when the Chinese name lists with 、 (truth, justice, reparation and …). A topic
 * written in capitals (… of all Forms of Discrimination Against Women) ends on a capitalised word;
 * one in lower case may hold names (… of the Donetsk and Luhansk regions).
 */
function topicEnds(en: string, ws: Word[], from: number, name: string): number[] {
  const i = ws.findIndex((w) => w.start >= from);
  if (i < 0 || !/^\s+$/.test(en.slice(from, ws[i].start)) || !TOPIC_PREPOSITIONS.has(ws[i].text)) return [];
  const out: number[] = [];
  // Whether the topic is written in capitals: its first word that carries meaning is.
  let capitals: boolean | undefined;
  for (let j = i + 1; j < ws.length && j - i <= TOPIC_WORDS; j++) {
    const gap = en.slice(ws[j - 1].end, ws[j].start);
    if (!/^\s+$/.test(gap) && !(name.includes('、') && /^,\s+$/.test(gap))) break;
    const w = ws[j].text;
    // "or" goes on when the Chinese has its 或 (freedom of religion or belief); a date or a number
    // the Chinese name does not have ends the topic (… Boundary Commission of 24 February).
    if (TOPIC_STOPS.has(w.toLowerCase()) && !(w === 'or' && name.includes('或'))) break;
    if (MONTHS.has(w) || (isNumber(w) && !name.includes(w))) break;
    // A word in lower case with an article after it is a verb and its object (… belief visited
    // the country; … submitted a report): names take no article but after a preposition.
    if (/^\p{Ll}/u.test(w) && !CONNECTORS.has(w) && !LOWER_STOPS.has(w) && ARTICLES.has(ws[j + 1]?.text ?? '') && /^\s+$/.test(en.slice(ws[j].end, ws[j + 1].start))) break;
    if (CONNECTORS.has(w) || LOWER_STOPS.has(w)) continue;
    capitals ??= isCapitalised(w);
    if (!capitals || isCapitalised(w) || isNumber(w)) out.push(ws[j].end);
  }
  return out;
}

/**
 * Whether a phrase goes on after "and the" with a head of some kind of name: two names. With a
 * 和/与/及 in the Chinese name, a head of another kind is this name's part (Personal Representative
 * to the Palestine Liberation Organization and the Palestinian Authority); its own head is still
 * another name of its kind (… of 1971 and the United Nations Convention against …).
 */
function secondNameAfterAndThe(phrase: string, name: string, heads: string[]): boolean {
  const joined = /[和与及]/u.test(name.replace(NOT_CONJUNCTION, ''));
  const parts = phrase.split(/\s+and\s+the\s+/i).slice(1);
  return parts.some((part) => heads.some((h) => headIndex(part, h) >= 0) || (!joined && allEnglishHeads().some((h) => headIndex(part, h) >= 0)));
}

/** Characters of Chinese words in which 和, 与, 及 are no conjunction. */
const NOT_CONJUNCTION = /和平|埃及|及其|与会|参与|给予/gu;
/** Words that end the conjunct before an "and": it is the words after the last of them. */
const CONJUNCT_START = new Set(['of', 'for', 'on', 'the', 'and', '&', ',', 'to', 'in', 'with', 'against']);

/**
 * Whether every "and" of an English phrase has its reason in the Chinese name. An "and" between
 * words that are no head (Economic and Social Commission, Latin American and Caribbean States) joins
 * parts of one name, whatever the Chinese writes (经济社会委员会); one after a head (Programme and
 * Budget Committee, Law and Conventions and the Office …) joins two things, and the Chinese name
 * must have as many 和/与/及/兼/、 (兼 joins two posts one person holds: Special Representative … and
 * Head of …; 、 a list: Ministry of Education, Universities and Research).
 */
function conjunctionsExplained(name: string, phrase: string): boolean {
  let available = (name.replace(NOT_CONJUNCTION, '').match(/[和与及兼、]/gu) ?? []).length;
  let left: string[] = [];
  for (const token of phrase.match(/[^\s,&]+|[,&]/gu) ?? []) {
    const word = token.toLowerCase();
    if ((word === 'and' || word === '&') && left.length > 0) {
      const conjunct = left.join(' ');
      if (allEnglishHeads().some((h) => headIndex(conjunct, h) >= 0) && --available < 0) return false;
    }
    if (CONJUNCT_START.has(word)) left = [];
    else left.push(token);
  }
  return true;
}

/** A preposition or "and" followed by an article: a link between two noun phrases. */
const ARTICLE_LINK = /\b(?:of|for|on|with|to|in|at|by|against|and|from)\s+the\b/i;
const ACRONYM_AFTER = /^\s*\(([A-Z][A-Za-z0-9&./-]*[A-Z0-9])\)/;
const ORDINAL_ZH = /第\s*[0-9一二三四五六七八九十百零〇两]+\s*[届次批]/u;

/**
 * How many capitalised English words a Chinese name is likely to have: about one per two Chinese
 * characters of its words, leaving out what the English writes as one word or elsewhere (an
 * ordinal, years, quotation marks), and one per Latin word.
 */
function expectedWords(name: string): number {
  const core = name.replace(new RegExp(ORDINAL_ZH.source, 'gu'), '').replace(/\d{4}(?:\s*[-–—]+\s*\d{4})?年?/gu, '');
  const latin = core.match(/[A-Za-z][A-Za-z0-9'-]*/g)?.length ?? 0;
  return Math.max(1, countHan(core) / 1.8 + latin);
}

/**
 * The English name of a Chinese name in the aligned English sentence, or undefined: the best of its
 * candidates. `at` is where the name stands in the Chinese sentence (0 to 1); `acronym` a Latin
 * acronym the name already has.
 */
export function findEnglishName(
  name: string,
  pair: SentencePair,
  at: number,
  reference: ReferenceIndex,
  acronym?: string,
): FoundEnglish | undefined {
  const best = englishCandidates(name, pair, at, reference, acronym)[0];
  return best && { name: best.name, score: best.score, ...(best.acronym ? { acronym: best.acronym } : {}) };
}

/**
 * Every phrase of the English sentence that may be the English of a Chinese name, best first, each
 * with where it stands in the English sentence. A phrase inside one of the `taken` spans (the
 * English of another name of the sentence pair, which the glossary knows) is that name's, not a
 * candidate.
 */
export function englishCandidates(
  name: string,
  pair: SentencePair,
  at: number,
  reference: ReferenceIndex,
  acronym?: string,
  taken: readonly Span[] = [],
): EnglishCandidate[] {
  const { en } = pair;
  const ws = words(en);
  if (ws.length === 0) return [];
  // An ordinal the English name has is the Chinese name's number (第7379次 is not the 7378th).
  // A name the glossary knows is one piece of the sentence: a phrase does not cut through it
  // ("Office for Project" of United Nations Office for Project Services, "Nations Ombudsman's
  // Office"). One inside it may be a name of its own (Beijing Declaration in Beijing Declaration and
  // Platform for Action).
  const known = glossarySpans(en, reference);
  const usable = (c: EnglishCandidate) =>
    ordinalsAgree(name, c.name) &&
    !taken.some((t) => c.start >= t.start && c.end <= t.end) &&
    !known.some((k) => c.start < k.end && k.start < c.end && !(c.start <= k.start && k.end <= c.end) && !(k.start <= c.start && c.end <= k.end));
  const session = sessionOf(name, en);
  if (session && usable(session)) return [session];
  const heads = englishHeads(name);
  const anchors = anchorsOf(name, reference);
  const inner = innerHeads(name, anchors);
  const quoted = quotedName(name, pair, anchors);
  if (quoted && usable(quoted)) return [quoted];
  // The sentence's first word, after a paragraph number ("14. Requests the President").
  const firstWord = ws.find((w) => !/^(?:\d+|[a-z])$/.test(w.text)) ?? ws[0];
  const expected = expectedWords(name);
  const role = heads ? conjunctRole(name, pair.zh, heads) : undefined;
  const found = new Map<string, EnglishCandidate>();
  const keep = (candidate: EnglishCandidate) => {
    const modified = withModifiersOf(name, en, withNumbersOf(name, en, withoutPossessive(candidate)));
    if (!modified) return;
    const c = role ? { ...modified, score: modified.score + CONJUNCT * conjunctAgreement(role, en, modified, heads ?? []) } : modified;
    const id = `${c.start}:${c.end}`;
    if (usable(c) && (found.get(id)?.score ?? Number.NEGATIVE_INFINITY) < c.score) found.set(id, c);
  };
  for (const run of capitalisedRuns(en, ws, name.includes('、'))) {
    for (let a = 0; a < run.length; a++) {
      if (!isCapitalised(run[a].text) || halfOfModifierPair(run, a - 1, a - 2, reference)) continue;
      for (let b = run.length - 1; b >= a; b--) {
        if (!isCapitalised(run[b].text)) continue;
        const start = run[a].start;
        // A run that ends where a topic in lower case begins (Special Rapporteur on the situation of
        // human rights in Mali) may be the name with its topic: each end is tried.
        const ends = b === run.length - 1 ? [run[b].end, ...topicEnds(en, ws, run[b].end, name)] : [run[b].end];
        for (const [k, end] of ends.entries()) {
          const phrase = en.slice(start, end);
          const acronymAfter = ACRONYM_AFTER.exec(en.slice(end))?.[1];
          const byAcronym = acronym !== undefined && acronymAfter === acronym;
          const headAt = heads ? Math.min(...heads.map((h) => headIndex(phrase, h)).filter((i) => i >= 0)) : Number.POSITIVE_INFINITY;
          // The head is in the capitalised part, not in a topic after it (Funding of travel for
          // participants in meetings of …: "meetings" heads nothing here).
          const head = Number.isFinite(headAt) && start + headAt < run[b].end;
          if (!head && !byAcronym) continue;
          // A name and another joined by "and" are two names unless the Chinese has its 和/与/及.
          if (!byAcronym && !conjunctionsExplained(name, phrase)) continue;
          // "and the" before a head starts another name (… of 1971 and the United Nations Convention
          // against …); before words that are no head it goes on with this one (Latin America and the
          // Caribbean, Gender Equality and the Empowerment of Women).
          if (!byAcronym && heads && secondNameAfterAndThe(phrase, name, heads)) continue;
          // A country or body the Chinese name holds is in its English (美国 → United States), or
          // this is some other name: nothing rather than a wrong one.
          if (!byAcronym && anchors.some((x) => x.proper && !hasAnchor(phrase, x.forms))) continue;
          // The English of a name the glossary knows inside ours is that name's, not ours (国家安全理事会
          // is not "Security Council", whose Chinese is only part of it).
          if (!byAcronym && namesPartOf(phrase, name, reference)) continue;
          // Words before an English name's head describe it (Public Auditor's Office, Rights of Persons
          // with Disabilities Law), never with an article: "MOU with the Office of the Special
          // Prosecutor" is another noun linked to the name (dev row 2960), which starts after "the".
          if (!byAcronym && head && ARTICLE_LINK.test(phrase.slice(0, headAt))) continue;
          // Bodies in the plural (Departments of Peacekeeping Operations and Field Support, the Scientific
          // and Technical and Legal Subcommittees) are several bodies, none of them this one.
          if (!byAcronym && head && heads && pluralBodies(name, phrase, heads)) continue;
          // A head alone (the Agreement, the Ministry, the Council's) refers back to a name; it is none.
          const alone = run[a].text.toLowerCase().replace(/['’]s$/, '');
          // With the number the Chinese name has it is one (21世纪议程: Agenda 21).
          const numberAfter = /^\s+(\d+)/.exec(en.slice(end))?.[1];
          const numbered = numberAfter !== undefined && name.includes(numberAfter);
          if (!byAcronym && a === b && !numbered && heads?.some((h) => h.toLowerCase() === alone.replace(/e?s$/, '') || h.toLowerCase() === alone)) continue;
          let score = (head ? 3 : 0) + (byAcronym ? 6 : 0);
          // A word the Chinese writes in Latin letters once is in its English once (Safouhan
          // Preparatory School, not … School in Safouhan).
          score -= latinRepeats(name, phrase);
          for (const x of anchors) score += hasAnchor(phrase, x.forms) ? 2 : -1;
          // The heads inside the Chinese name are in its English (方案支助办公室: Programme Support
          // Office, not the Regional Coordination Office of the same sentence).
          for (const forms of inner) score += forms.some((f) => headIndex(phrase, f) >= 0) ? INNER_HEAD : -INNER_HEAD;
          // A name the glossary knows in the phrase whose Chinese is not in the name: another body
          // (African Union Commission and the European Union High Representative; IMO Comprehensive Manual).
          score -= 2 * foreignNames(phrase, name, reference, pair.zh);
          // The sentence's first word is capitalised whatever it is (Requests, Briefing): a verb in -ing
          // before a preposition (Preparing for sessions of …) opens no name.
          if (!byAcronym && start === firstWord.start && /ing$/.test(run[a].text) && CONNECTORS.has(ws[ws.indexOf(run[a]) + 1]?.text ?? '')) continue;
          if (start === firstWord.start && a + 1 < run.length && /^(the|by|to|a)$/.test(run[a + 1].text)) score -= 1.5;
          if (head && heads && otherHeadBeforeOf(phrase, heads, headAt)) score -= 2;
          // "X of the <head> …" names X (Implementation of Agenda 21; Report of the Bureau): the head
          // of the Chinese name does not follow "of" in its own English name.
          else if (head && /\S\s+of\s+(?:the\s+)?$/i.test(phrase.slice(0, headAt))) score -= 2;
          // Words that carry meaning: the capitalised ones, and those of a topic in lower case.
          const capitals =
            run.slice(a, b + 1).filter((w) => isCapitalised(w.text)).length +
            (k > 0 ? words(en.slice(run[b].end, end)).filter((w) => !CONNECTORS.has(w.text) && !LOWER_STOPS.has(w.text)).length : 0);
          score -= 0.5 * Math.max(0, Math.abs(capitals - expected) - 1);
          // A topic only when the Chinese says that much more: the shorter name wins a tie.
          score -= 0.1 * words(en.slice(run[b].end, end)).length;
          score -= 2 * Math.abs((start + end) / 2 / en.length - at);
          // The whole run, or a whole conjunct of it, is the likelier name: its ends are where the
          // capitals stop or "and" joins two names (Administrative Services and Technical Support Services).
          if (a === 0 || run[a - 1].text === 'and') score += 0.5;
          // A place after "in" or "at" is the name's only if the Chinese says so too (Conference on
          // Disarmament in Geneva, Mission in the Central African Republic, Sudan Oil Police at the
          // Diffra): the phrase may end before it as well.
          if ((b === run.length - 1 && k === 0) || run[b + 1]?.text === 'and' || (k === 0 && /^(?:in|at)$/.test(run[b + 1]?.text ?? ''))) score += 0.5;
          // A phrase that ends right before another capitalised word cuts a compound whose head comes
          // later (… and the Palestinian | Authority).
          if (k === 0 && b + 1 < run.length && isCapitalised(run[b + 1].text) && /^\s+$/.test(en.slice(run[b].end, run[b + 1].start))) score -= 1;
          // An ordinal in the Chinese (第十一批欧洲开发基金, 各国议会联盟第131届大会) is the English's
          // ordinal word before the name (eleventh European Development Fund, 131st Assembly of …).
          let named = phrase;
          if (ORDINAL_ZH.test(name) && !run.slice(a, b + 1).some((w) => ORDINAL_WORD.test(w.text))) {
            const before = /([\p{L}\p{N}-]+)\s+$/u.exec(en.slice(Math.max(0, start - 30), start));
            if (before && ORDINAL_WORD.test(before[1])) named = en.slice(start - before[0].length, end);
          }
          const namedStart = start - (named.length - phrase.length);
          named = withNumber(name, en, withYears(name, en, named, namedStart, end), end);
          if (score >= 1) keep({ ...placed(en, named, namedStart), score, ...(acronymAfter ? { acronym: acronymAfter } : {}) });
        }
      }
    }
  }
  // A lower-case name only when no capitalised phrase can be the name.
  if (found.size === 0 && heads) for (const c of lowerCaseNames(name, en, ws, heads, anchors, expected, at, reference, pair.zh)) keep(c);
  return [...found.values()].sort((x, y) => y.score - x.score || x.start - y.start);
}

let modifiers: Map<string, string[]> | undefined;

/** English words a name may begin with and the Chinese they translate (data/english-modifiers.tsv). */
function englishModifiers(): Map<string, string[]> {
  modifiers ??= new Map(
    dataFiles('extract')
      .lines('english-modifiers.tsv')
      .map((line) => {
        const [english, chinese] = line.split('\t');
        if (!english || !chinese) throw new Error(`english-modifiers.tsv: bad line "${line}"`);
        return [english.toLowerCase(), chinese.split('|')] as const;
      }),
  );
  return modifiers;
}

/**
 * A word such as draft, proposed or future begins the English name only when the Chinese name has
 * its Chinese (拟议 → proposed): without it the name starts after the word; with it, a name written
 * just after the word starts with it. Undefined when nothing is left.
 */
function withModifiersOf(name: string, en: string, c: EnglishCandidate): EnglishCandidate | undefined {
  const table = englishModifiers();
  const has = (word: string) => table.get(word.toLowerCase())?.some((zh) => name.includes(zh));
  const first = /^([\p{L}]+)\s+/u.exec(c.name);
  if (first && table.has(first[1].toLowerCase()) && !has(first[1])) {
    const start = c.start + first[0].length;
    return start < c.end ? { ...c, name: en.slice(start, c.end), start } : undefined;
  }
  const before = /([\p{L}]+)(\s+|-)$/u.exec(en.slice(Math.max(0, c.start - 20), c.start));
  if (before && table.has(before[1].toLowerCase()) && has(before[1])) {
    const start = c.start - before[0].length;
    return { ...c, name: en.slice(start, c.end), start };
  }
  return c;
}

/** How many words to the right a number of the Chinese name may stand after the rest of its English. */
const NUMBER_REACH = 8;

/**
 * The numbers of a Chinese name (years, a law's number) are in its English: when the phrase lacks
 * one that stands a few words after it in the same clause, the phrase runs on to it (national
 * strategy for achieving gender equality by 2020; … Former Yugoslavia since 1991); when it is not
 * there at all, the phrase is likely another name or part of one, and scores a point less.
 */
function withNumbersOf(name: string, en: string, c: EnglishCandidate): EnglishCandidate {
  const numbers = [...new Set(name.match(/\d+/gu) ?? [])];
  const missing = (text: string) => numbers.filter((n) => !new RegExp(`(?<!\\d)${n}(?!\\d)`).test(text));
  if (missing(c.name).length === 0) return { ...c, score: c.score - extraYears(name, c.name) };
  // Words apart by spaces, hyphens or the bracket of a year: resolution 1988 (2011).
  const rest = /^(?:[\s(-]+[\p{L}\p{N}][\p{L}\p{N}'’.-]*\)?)+/u.exec(en.slice(c.end))?.[0] ?? '';
  let end = c.end;
  let count = 0;
  for (const m of rest.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)) {
    if (++count > NUMBER_REACH) break;
    let to = c.end + m.index + m[0].replace(/[.]$/, '').length;
    if (en[to] === ')' && en[to - m[0].length - 1] === '(') to++;
    if (missing(en.slice(c.start, to)).length < missing(en.slice(c.start, end)).length) end = to;
  }
  const name2 = en.slice(c.start, end);
  return { ...c, name: name2, end, score: c.score - missing(name2).length - extraYears(name, name2) };
}

/** Years in an English phrase that the Chinese name does not have: another name's (… of 1971 and the …). */
function extraYears(name: string, phrase: string): number {
  return (phrase.match(/(?<!\d)(?:19|20)\d\d(?!\d)/g) ?? []).filter((y) => !name.includes(y)).length;
}

/** A name does not end in the possessive: in "the UN General Assembly's Economic …" the 's is the next noun's. */
function withoutPossessive(c: EnglishCandidate): EnglishCandidate {
  const m = /['’]s$/.exec(c.name);
  return m && m.index > 0 ? { ...c, name: c.name.slice(0, m.index), end: c.end - m[0].length } : c;
}

/** A phrase found at or around `near` (years or a number added before or after it), with its place. */
function placed(en: string, phrase: string, near: number): { name: string; start: number; end: number } {
  let start = en.indexOf(phrase, Math.max(0, near - 40));
  if (start < 0) start = en.indexOf(phrase);
  return { name: phrase, start, end: start + phrase.length };
}

/** A new name mentioned in a sentence pair; mentions of one name share an id. */
export interface NameMention {
  id: number;
  name: string;
  /** Where the mention stands in the Chinese sentence, 0 to 1. */
  at: number;
  acronym?: string;
}

/** How many candidates of each name the joint assignment weighs; the rest score too low to matter. */
const CANDIDATES_PER_NAME = 6;

/**
 * The English of the new names of one sentence pair, chosen jointly: each name gets at most one
 * phrase, and two names get the same words only when one Chinese name holds the other (大会第六十九届
 * 会议 in 大会第六十九届会议主席). Of all such assignments the one with the highest total score wins,
 * so of two offices in one sentence each takes its own Office rather than both the likelier one
 * (dev row 2960). `taken` are the spans the glossary's English of the pair's other names fills.
 */
export function assignEnglish(pair: SentencePair, mentions: readonly NameMention[], reference: ReferenceIndex, taken: readonly Span[] = []): Map<number, EnglishCandidate> {
  const byName = new Map<number, { name: string; candidates: Map<string, EnglishCandidate> }>();
  for (const m of mentions) {
    const entry = byName.get(m.id) ?? { name: m.name, candidates: new Map<string, EnglishCandidate>() };
    byName.set(m.id, entry);
    for (const c of englishCandidates(m.name, pair, m.at, reference, m.acronym, taken)) {
      const id = `${c.start}:${c.end}`;
      if ((entry.candidates.get(id)?.score ?? Number.NEGATIVE_INFINITY) < c.score) entry.candidates.set(id, c);
    }
  }
  const names = [...byName]
    .map(([id, { name, candidates }]) => ({ id, name, candidates: [...candidates.values()].sort((a, b) => b.score - a.score).slice(0, CANDIDATES_PER_NAME) }))
    .filter((n) => n.candidates.length > 0)
    .sort((a, b) => b.candidates[0].score - a.candidates[0].score);
  // Branch and bound over the names, strongest first: a handful of names with a handful of phrases each.
  const bestRest = names.map((_, i) => names.slice(i).reduce((sum, n) => sum + n.candidates[0].score, 0));
  const chosen: Array<EnglishCandidate | undefined> = [];
  let best: { score: number; choice: Array<EnglishCandidate | undefined> } = { score: 0, choice: [] };
  const fits = (i: number, c: EnglishCandidate) =>
    chosen.every((o, j) => j >= i || !o || o.end <= c.start || c.end <= o.start || names[j].name.includes(names[i].name) || names[i].name.includes(names[j].name));
  const search = (i: number, score: number) => {
    if (i === names.length) {
      if (score > best.score) best = { score, choice: [...chosen] };
      return;
    }
    if (score + bestRest[i] <= best.score) return;
    for (const c of names[i].candidates) {
      if (!fits(i, c)) continue;
      chosen[i] = c;
      search(i + 1, score + c.score);
    }
    chosen[i] = undefined;
    search(i + 1, score);
  };
  search(0, 0);
  const out = new Map<number, EnglishCandidate>();
  best.choice.forEach((c, i) => {
    if (c) out.set(names[i].id, c);
  });
  return out;
}

/** Where the English forms (the glossary's) of a pair's other names stand in its English sentence. */
export function englishSpans(en: string, forms: Iterable<string>): Span[] {
  const out: Span[] = [];
  const lower = en.toLowerCase();
  for (const form of new Set(forms)) {
    const f = form.toLowerCase();
    if (f.length < 2) continue;
    for (let i = lower.indexOf(f); i >= 0; i = lower.indexOf(f, i + 1)) {
      const before = en[i - 1];
      const after = en[i + f.length];
      if ((before === undefined || !/[\p{L}\p{N}]/u.test(before)) && (after === undefined || !/[\p{L}\p{N}]/u.test(after))) out.push({ start: i, end: i + f.length });
    }
  }
  return out;
}

/** An ordinal the English name has is the Chinese name's number (第7379次 is not the 7378th). */
function ordinalsAgree(name: string, english: string): boolean {
  const zh = /第\s*([0-9一二三四五六七八九十百零〇两]+)\s*[届次批]/u.exec(name)?.[1];
  if (!zh) return true;
  return words(english).every((w) => sameNumber(zh, w.text));
}


/** How many more times the phrase has a Latin word of the Chinese name than the name has. */
function latinRepeats(name: string, phrase: string): number {
  let n = 0;
  for (const w of new Set(name.match(/[A-Za-z]{3,}/g) ?? [])) {
    const count = (s: string) => s.split(new RegExp(`\\b${w}\\b`)).length - 1;
    n += Math.max(0, count(phrase) - count(name));
  }
  return n;
}

/** Chinese quotation and title marks around a name; English quotation marks around a phrase. */
const ZH_QUOTED = /《([^《》\n]+)》|“([^“”\n]+)”|"([^"\n]+)"|「([^「」\n]+)」/gu;
const EN_QUOTED = /“([^“”\n]+)”|"([^"\n]+)"/gu;

/**
 * A name the Chinese sentence quotes or titles (《2014年土著青年报告》, "同盟和战略伙伴关系条约") is
 * the English sentence's quoted phrase in the same place when both sentences quote as many things
 * ("2014 Native Youth Report", "treaty on alliance and strategic partnership"): the marks align.
 */
function quotedName(name: string, pair: SentencePair, anchors: Anchor[]): EnglishCandidate | undefined {
  const bare = name.replace(/^《(.*)》$/u, '$1');
  const zh = [...pair.zh.matchAll(ZH_QUOTED)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]);
  const k = zh.indexOf(bare);
  if (k < 0) return undefined;
  const quotes = [...pair.en.matchAll(EN_QUOTED)];
  if (quotes.length !== zh.length) return undefined;
  const inner = quotes[k][1] ?? quotes[k][2];
  const phrase = inner.trim().replace(/^the\s+/i, '').replace(/[.,;:]+$/, '');
  const count = phrase.split(/\s+/).length;
  if (count > 2 * expectedWords(name) + 3 || !/\p{L}/u.test(phrase)) return undefined;
  if (anchors.some((x) => x.proper && !hasAnchor(phrase, x.forms))) return undefined;
  return { ...placed(pair.en, phrase, quotes[k].index), score: 8 };
}

const YEARS = '\\d{4}(?:\\s*[-–—]+\\s*\\d{4})?';
const YEARS_AFTER = new RegExp(`^(?:\\s+(?:for the period\\s+|of\\s+)?|,\\s*|\\s*\\(\\s*)${YEARS}(?:\\s*\\))?(?!\\d)`);
/** 2015年后 (after 2015) is "beyond 2015" or "after 2015" after the name. */
const YEARS_BEYOND = new RegExp(`^\\s+(?:beyond|after)\\s+${YEARS}(?!\\d)`);
const YEARS_BEFORE = new RegExp(`\\b${YEARS}\\s+$`);

/**
 * A Chinese name with its year(s) (2015-2016年索马里联合法治方案, 2006年宪法) has them in the English
 * too, written after the name or before it: Somalia Joint Rule of Law Programme 2015-2016.
 */
function withYears(name: string, en: string, phrase: string, start: number, end: number): string {
  if (!/\d{4}/.test(name) || /\d{4}/.test(phrase)) return phrase;
  const after = (/\d{4}年后/u.test(name) ? YEARS_BEYOND : YEARS_AFTER).exec(en.slice(end));
  if (after) return phrase + after[0];
  const before = YEARS_BEFORE.exec(en.slice(Math.max(0, start - 20), start));
  return before ? before[0] + phrase : phrase;
}

/**
 * A law cited by its number (第75号儿童司法法案) has the number after its English name, with the
 * year it may carry: Child Justice Act 75 of 2008, Act No. 18561.
 */
function withNumber(name: string, en: string, named: string, end: number): string {
  const number = /第(\d+)号/u.exec(name)?.[1];
  if (!number || named.includes(number) || !en.slice(0, end).endsWith(named)) return named;
  const after = new RegExp(`^,?\\s+(?:No\\.\\s*)?${number}(?:\\s+of\\s+\\d{4})?(?!\\d)`).exec(en.slice(end));
  return after ? named + after[0] : named;
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
function lowerCaseNames(
  name: string,
  en: string,
  ws: Word[],
  heads: string[],
  anchors: Anchor[],
  expected: number,
  at: number,
  reference: ReferenceIndex,
  zhSentence: string,
): EnglishCandidate[] {
  const out: EnglishCandidate[] = [];
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
        // Up to a comma or a mark: "… of the General Assembly, the Committee" ends at Assembly.
        while (
          k < ws.length &&
          /^[\s-]*$/.test(en.slice(ws[k - 1].end, ws[k].start)) &&
          (isCapitalised(ws[k].text) || (last >= 0 && CONNECTORS.has(ws[k].text)))
        ) {
          if (isCapitalised(ws[k].text)) last = k;
          k++;
        }
        if (last >= 0) endIndex = last;
      }
      let startIndex = i;
      while (startIndex > 0 && i - startIndex < 4) {
        const prev = ws[startIndex - 1].text;
        const gap = en.slice(ws[startIndex - 1].end, ws[startIndex].start);
        if (!/^[\s-]*$/.test(gap) || !/^[\p{L}\p{N}]/u.test(prev) || /^[a-z]+(?:ing|ed)$/.test(prev)) break;
        // A connector between capitalised words is inside a name (Second Line of Defence programme).
        const inCapitalisedName =
          CONNECTORS.has(prev) && startIndex >= 2 && isCapitalised(ws[startIndex].text) && isCapitalised(ws[startIndex - 2].text);
        if (LOWER_STOPS.has(prev.toLowerCase()) && !inCapitalisedName) break;
        startIndex--;
      }
      // A glossary name the Chinese holds after the head's words is in the English after the head:
      // International code of conduct for information security (信息安全国际行为准则).
      const covers = (from: number, to: number) => anchors.every((x) => hasAnchor(en.slice(ws[from].start, ws[to].end), x.forms));
      if (!covers(startIndex, endIndex) && /^(?:of|for|on)$/.test(ws[endIndex + 1]?.text ?? '')) {
        for (let k = endIndex + 2; k < ws.length && k <= endIndex + 8; k++) {
          if (!/^\s+$/.test(en.slice(ws[k - 1].end, ws[k].start)) || LOWER_STOPS.has(ws[k].text) && !CONNECTORS.has(ws[k].text)) break;
          if (covers(startIndex, k)) {
            endIndex = k;
            break;
          }
        }
      }
      if (startIndex === i && endIndex === i + headWords.length - 1) continue;
      const start = ws[startIndex].start;
      const end = ws[endIndex].end;
      const phrase = en.slice(start, end);
      // Words that carry meaning: English adds prepositions and articles the Chinese has no characters for.
      const count = ws.slice(startIndex, endIndex + 1).filter((w) => !CONNECTORS.has(w.text)).length;
      // English says in one word (HFC) what Chinese says in six characters (氢氟碳化合物), rarely the reverse.
      if (count > expected + 2 || count < expected / 3) continue;
      if (anchors.some((x) => !hasAnchor(phrase, x.forms))) continue;
      // Word order differs more around a lower-case name (…without contacting Nicosia area control
      // centre): its place weighs less than a capitalised name's.
      let score = 2 - 0.5 * Math.max(0, Math.abs(count - expected) - 1) - Math.abs((start + end) / 2 / en.length - at);
      score -= 2 * foreignNames(phrase, name, reference, zhSentence);
      if (score >= 0.5) out.push({ ...placed(en, withYears(name, en, phrase, start, end), start), score });
    }
  }
  return out;
}

const SESSION_ZH = /第\s*([0-9一二三四五六七八九十百零〇两]+)\s*(届|次)\s*(?:会议|届会)(续会)?$/u;
/** The word before the ordinal of a resumed session (续会): "resumed fifty-seventh session". */
const RESUMED = /^(?:resumed|reconvened)$/i;

/** 安全理事会第7364次会议 → "7364th meeting of the Security Council", as the English writes it. */
function sessionOf(name: string, en: string): EnglishCandidate | undefined {
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
    // The session of this name's number: a sentence may hold several (the fifty-seventh session of
    // one Commission and the twenty-third of another).
    if (!sameNumber(zh[1], ws[i].text)) continue;
    const from = zh[3] && i > 0 && RESUMED.test(ws[i - 1].text) ? ws[i - 1].start : ws[i].start;
    const to = run[run.length - 1].end;
    return { name: en.slice(from, to), start: from, end: to, score: 10 };
  }
  // "Conference of the Parties at its eleventh meeting", "Commission for Social Development, 52nd Session",
  // "General Assembly, at its seventieth session".
  const after = /^(,?\s*at\s+its\s+|,\s*)([\p{L}\p{N}-]+)\s+(session|meeting)\b/iu;
  for (const run of capitalisedRuns(en, ws)) {
    const end = run[run.length - 1].end;
    const m = after.exec(en.slice(end));
    if (m && ORDINAL_WORD.test(m[2]) && sameNumber(zh[1], m[2])) {
      return { name: en.slice(run[0].start, end + m[0].length), start: run[0].start, end: end + m[0].length, score: 10 };
    }
  }
  return undefined;
}

const ZH_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 五十七 → 57, 一六五 → 165, 7378 → 7378; undefined when not a number. */
function chineseNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/十|百/u.test(text)) {
    // Digit by digit (一六五).
    let n = 0;
    for (const ch of text) {
      if (ZH_DIGITS[ch] === undefined) return undefined;
      n = 10 * n + ZH_DIGITS[ch];
    }
    return n;
  }
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (ch === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else if (ZH_DIGITS[ch] !== undefined) digit = ZH_DIGITS[ch];
    else return undefined;
  }
  return total + digit;
}

const EN_UNITS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const EN_TEENS = ['tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
const EN_TENS = ['', '', 'twent', 'thirt', 'fort', 'fift', 'sixt', 'sevent', 'eight', 'ninet'];

/** fifty-seventh → 57, 131st → 131, twentieth → 20; undefined for what it cannot read (hundred and …). */
function englishOrdinal(word: string): number | undefined {
  const w = word.toLowerCase();
  const digits = /^(\d+)(?:st|nd|rd|th)$/.exec(w);
  if (digits) return Number(digits[1]);
  if (EN_UNITS.includes(w)) return EN_UNITS.indexOf(w);
  if (EN_TEENS.includes(w)) return 10 + EN_TEENS.indexOf(w);
  const m = /^([a-z]+?)(?:ieth|y-([a-z]+))$/.exec(w);
  if (!m) return undefined;
  const tens = EN_TENS.indexOf(m[1]);
  if (tens < 2) return undefined;
  if (!m[2]) return tens * 10;
  const unit = EN_UNITS.indexOf(m[2]);
  return unit > 0 ? tens * 10 + unit : undefined;
}

/** False only when both numbers can be read and differ (第二十三届 is not the fifty-seventh session). */
function sameNumber(zh: string, en: string): boolean {
  const a = chineseNumber(zh);
  const b = englishOrdinal(en);
  return a === undefined || b === undefined || a === b;
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
      // Names of two words or more, acronyms (IMO, IPU) and one-word proper names (Secretary-General).
      if (t.lang !== 'en' || (!/\s/.test(t.text) && !/^\p{Lu}[\p{L}\p{N}&-]+$/u.test(t.text))) continue;
      const key = t.text.toLowerCase();
      names.set(key, [...(names.get(key) ?? []), ...zh]);
    }
  }
  englishNames = { reference, names };
  return names;
}

/** True when the phrase is the English of a glossary name whose Chinese is only part of the name. */
function namesPartOf(phrase: string, name: string, reference: ReferenceIndex): boolean {
  const zh = knownEnglishNames(reference).get(phrase.toLowerCase());
  if (!zh) return false;
  const key = termKey(name);
  return zh.some((z) => z.length < key.length && key.includes(z)) && !zh.includes(key);
}

/** The most words of a glossary English name looked for in a sentence (Special Envoy of the Secretary-General for Sudan and South Sudan: 10). */
const KNOWN_NAME_WORDS = 16;

let lastSpans: { reference: ReferenceIndex; en: string; spans: Span[] } | undefined;

/** Where the glossary's English names of two words or more stand in a sentence, longest first from the left. */
function glossarySpans(en: string, reference: ReferenceIndex): Span[] {
  if (lastSpans?.reference === reference && lastSpans.en === en) return lastSpans.spans;
  const known = knownEnglishNames(reference);
  const ws = words(en);
  const spans: Span[] = [];
  for (let i = 0; i < ws.length; i++) {
    for (let j = Math.min(ws.length, i + KNOWN_NAME_WORDS); j >= i + 2; j--) {
      const text = en.slice(ws[i].start, ws[j - 1].end).replace(/\s+/g, ' ').replace(/’/g, "'").toLowerCase();
      if (!known.has(text)) continue;
      spans.push({ start: ws[i].start, end: ws[j - 1].end });
      i = j - 1;
      break;
    }
  }
  lastSpans = { reference, en, spans };
  return spans;
}

/** How many names the glossary knows stand in the phrase without their Chinese in the name. */
function foreignNames(phrase: string, name: string, reference: ReferenceIndex, zhSentence: string): number {
  const known = knownEnglishNames(reference);
  // A possessive is the name's too: Secretary-General's Index Report.
  const ws = phrase.toLowerCase().replace(/['’]s\b/g, '').split(/\s+/);
  const key = termKey(name);
  let n = 0;
  for (let i = 0; i < ws.length; i++) {
    for (let j = Math.min(ws.length, i + KNOWN_NAME_WORDS); j >= i + 1; j--) {
      const zh = known.get(ws.slice(i, j).join(' '));
      if (!zh) continue;
      // 联合国 may be left out of a Chinese name (监察员办公室: United Nations Ombudsman's Office).
      const optional = i === 0 && zh.some((z) => lexicon().nameVariants.optionalPrefixes.includes(z));
      // The whole phrase a known name whose Chinese the sentence does not have: this name under another
      // Chinese name (联合国项目事务厅, an older name of 项目署: United Nations Office for Project Services).
      const whole = i === 0 && j === ws.length && !zh.some((z) => zhSentence.includes(z));
      if (!zh.some((z) => key.includes(z)) && !optional && !whole) n++;
      i = j - 1;
      break;
    }
  }
  return n;
}
