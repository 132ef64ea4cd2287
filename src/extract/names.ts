// Names mentioned once: a head-noun grammar for Chinese institution and title names.
//
//   NAME  = PART+ HEAD
//   HEAD  = a head noun of data/name-heads.tsv (委员会, 工作组, 基金会, 大学, 倡议, 公约, 第N届会议 …)
//   PART  = a word that can be part of a name: a noun, a place or person name, an abbreviation, a
//           known name (the glossary's names are jieba words), Latin letters, a quoted “…” or titled
//           《…》 part, an ordinal 第N届/次/批, a year for documents (2015年后发展议程), 和/与/及
//           between parts, or a verb the glossary's own names contain (防止, 消除, 打击, 促进 …)
//
// The walk starts at the head and goes left over parts. It stops at anything else: sentence and
// list punctuation, a preposition, particle, pronoun, adverb or number, a boundary word
// (data/boundary-words.txt), a verb no glossary name contains (举行, 遵守, 提供), and a conjunction
// whose left side is already a whole name (采购司、海外财产管理股和法律事务厅 are three). So the
// name of "政府向土著人民健康全国理事会提供" is 土著人民健康全国理事会, and "会议由难民事务高级专员办事处、
// 世界粮食计划署和儿童基金会共同主办" gives 难民事务高级专员办事处 and 儿童基金会 (which the pipeline then
// links to UNHCR and UNICEF as variants of their reference names).
//
// Evidence decides what a head needs in front (name-heads.tsv): a strong head (委员会, 司) any two
// characters of parts; a weak head (计划, 报告, 方案) a proper part, so 环境管理计划 is not a name and
// 海地制止霍乱全国计划 is; a meeting (会议, 大会) a named body or a proper part, so 第六十九届会议 and
// 委员会第五十八届会议 are not names and 安全理事会第7378次会议 is (linked to its body); a post a
// proper part. Words that only point back to a body named elsewhere (data/generic-names.txt) are
// never names on their own.
import { countHan, establishedByResolutionStart, isBoundaryToken } from './boundary.js';
import type { BracketGroup } from './brackets.js';
import { type PreparedDocument, displayForm, isHardStop, isSoftStop } from './document.js';
import { type NameHead, lexicon } from './lexicon.js';
import { termKey } from './occurrences.js';
import type { ReferenceIndex } from './reference.js';
import { type Tokens, tokenAt } from './segment.js';
import type { Candidate } from './types.js';

interface Span {
  start: number;
  end: number;
}

/** Longest name considered, in UTF-16 units. */
const MAX_NAME = 40;
/** Tags of words that are parts of names: nouns, names, abbreviations, verbal nouns, distinguishing words, idioms. */
const PART_TAG = /^(n|vn|an|a|b|j|l|i|s|g|eng|nz|nt|ns|nr|nrt|nrfg|ng)$/;
/** Tags of proper parts: places, persons, organisations, other proper names, abbreviations, Latin words. */
const PROPER_TAG = /^(ns|nr|nrt|nrfg|nt|nz|j|eng)$/;
const CONJUNCTIONS = new Set(['和', '与', '及']);
const ORDINAL = /第\s*[0-9０-９一二三四五六七八九十百千零〇两]+\s*(?:届|次|批|期)?\s*$/u;
const ORDINAL_START = /^第/u;
const YEAR = /(?:\d{4}\s*(?:[-—–至]\s*\d{4})?\s*(?:年以后|年后|两年期|年)|\d{4}\s*[-—–]\s*\d{4})\s*$/u;
const LATIN = /^[A-Za-z][A-Za-z0-9&.+-]*$/;
/** A year a meeting's name begins with (2010年高级别会议): no word of the name. */
const LEADING_YEAR = /^\s*\d{4}\s*(?:[-—–至]\s*\d{4}\s*)?年?/u;
/**
 * Verbs a name may contain when at least this many glossary names contain them (防止 13, 侵害 8;
 * 作为 6, 任命 and 铭记 fewer), and start with when this many start with them (消除, 防止, 反).
 */
const MIN_NAMES_WITH_VERB = 8;
const MIN_NAMES_STARTING = 2;

/** Where a name ending at a head begins, and what the walk saw on its way. */
interface Walk {
  start: number;
  /** A proper part was crossed (place, person, known name, Latin, quote, title, year, ordinal). */
  proper: boolean;
  /** The ordinal right before the head of a meeting (第五届会议), if any. */
  ordinalBeforeHead?: Span;
  /** The leftmost word so far is a verb. */
  startsWithVerb?: boolean;
}

/**
 * Which verbs are parts of names: the ones the glossary's names contain (防止, 消除, 促进 …, as in
 * 防止和消除暴力侵害妇女行为全国委员会), not the ones that introduce a name (举行, 遵守, 提供).
 */
export class NameEvidence {
  private readonly names: string[];
  private readonly cache = new Map<string, { inside: number; starts: number }>();
  private readonly unitCache = new Map<string, number>();

  private static readonly byReference = new WeakMap<ReferenceIndex, NameEvidence>();

  /** The evidence of a reference index, made once (its counts are remembered as they are asked). */
  static of(reference: ReferenceIndex): NameEvidence {
    let e = NameEvidence.byReference.get(reference);
    if (!e) NameEvidence.byReference.set(reference, (e = new NameEvidence(reference)));
    return e;
  }

  /** The names holding each character: a word is looked for only in the names holding its first. */
  private readonly byChar = new Map<string, string[]>();

  constructor(reference: ReferenceIndex) {
    this.names = [];
    for (const c of reference.concepts) {
      if (c.category === 'concept' || c.category === 'country') continue;
      for (const t of c.terms) if (t.lang !== 'en') this.names.push(t.key);
    }
    for (const name of this.names) {
      for (const ch of new Set(name)) {
        let list = this.byChar.get(ch);
        if (!list) this.byChar.set(ch, (list = []));
        list.push(name);
      }
    }
  }

  /** The names that may contain the word (those holding its first character). */
  private namesWith(word: string): string[] {
    return this.byChar.get(word[0]) ?? [];
  }

  /** How many names contain the word other than at their end, and how many start with it. */
  private counts(word: string): { inside: number; starts: number } {
    let n = this.cache.get(word);
    if (n === undefined) {
      n = { inside: 0, starts: 0 };
      for (const name of this.namesWith(word)) {
        const i = name.indexOf(word);
        if (i >= 0 && i + word.length < name.length) n.inside++;
        // A name the grammar could read: 作为《京都议定书》缔约方会议的《公约》缔约方会议 starts with 作为
        // only because of its 的.
        if (i === 0 && word.length < name.length && !name.includes('的')) n.starts++;
      }
      this.cache.set(word, n);
    }
    return n;
  }

  /**
   * A verb that names a unit's function right before its head in glossary names (采购司, 上诉分庭,
   * 审查委员会), unlike a verb governing a name (作为委员会, 遵守缔约方大会, 延长联利支助团).
   */
  namesUnit(word: string): boolean {
    let n = this.unitCache.get(word);
    if (n === undefined) {
      n = 0;
      const heads = lexicon().nameHeads;
      for (const name of this.namesWith(word)) {
        const i = name.indexOf(word);
        if (i < 0) continue;
        const rest = name.slice(i + word.length);
        if (heads.some((h) => rest.startsWith(h.head))) n++;
      }
      this.unitCache.set(word, n);
    }
    return n > 0;
  }

  /** True when a glossary name has the word before its end (联合国, 特别, 上诉; not 任命, 查明). */
  inNames(word: string): boolean {
    return this.counts(word).inside > 0;
  }

  /**
   * A verb names contain (防止, 消除, 侵害): in MIN_NAMES_WITH_VERB names or more; a one-character
   * verb only if names start with it (反腐败委员会).
   */
  isNameVerb(word: string): boolean {
    if (word.length < 2) return this.startsNames(word);
    return this.counts(word).inside >= MIN_NAMES_WITH_VERB;
  }

  /**
   * A verb names start with (消除一切形式种族歧视国际公约, 防止酷刑小组委员会): at the start of two
   * names or more, and of a tenth of the names that contain it (执行 is inside 57 and starts 4).
   */
  startsNames(word: string): boolean {
    const { inside, starts } = this.counts(word);
    return starts >= MIN_NAMES_STARTING && starts >= 0.1 * inside;
  }

  /** True when no glossary name starts with the word. */
  startsNoName(word: string): boolean {
    return this.counts(word).starts === 0;
  }
}

let headsByLastChar: Map<string, NameHead[]> | undefined;

/** The head nouns ending with this character, longest first. */
function headsEndingWith(ch: string | undefined): NameHead[] {
  if (!headsByLastChar) {
    headsByLastChar = new Map();
    for (const h of lexicon().nameHeads) {
      const last = h.head[h.head.length - 1];
      headsByLastChar.set(last, [...(headsByLastChar.get(last) ?? []), h]);
    }
  }
  return (ch && headsByLastChar.get(ch)) || [];
}

/**
 * The head a name ending with token k has (longest first): where the head starts, and where the
 * walk left starts (the head's own start, or the start of the word it ends: 统计司, 卫生部).
 */
function headAt(doc: PreparedDocument, tokens: Tokens, k: number): { head: NameHead; headStart: number; from: number } | undefined {
  const end = tokens.end[k];
  const { text } = doc;
  for (const head of headsEndingWith(text[end - 1])) {
    const headStart = end - head.head.length;
    if (headStart < 0 || text.slice(headStart, end) !== head.head) continue;
    const first = tokenAt(tokens, headStart);
    if (tokens.start[first] === headStart) {
      // A one-character head follows a word of two characters or more that is not a person's
      // name (采购司, 管理股; not 博斯科).
      if (head.head.length === 1) {
        const prev = first - 1;
        if (prev < 0 || tokens.end[prev] !== headStart || tokens.word[prev].length < 2 || /^nr/.test(tokens.tag[prev])) continue;
      }
      return { head, headStart, from: headStart };
    }
    // A head of three characters or more is a head wherever its first word begins (家庭之友/小组).
    if (head.head.length >= 3 && first < k) return { head, headStart, from: tokens.start[first] };
    // The head ends a longer word: one that names an organisation (统计司, 联阿安全部队), or whose
    // part before a one-character head is a word itself (卫生部, 外交部; not 全部, 干部, 凯科).
    if (first !== k) continue;
    const before = headStart - tokens.start[k];
    // An ordinary word that ends like a head (解决方案, 全部, 当局) is no name; a unit's (卫生部, 外交部) is.
    const orgWord = /^(nz|nt|j)$/.test(tokens.tag[k]);
    // An idiom is never a unit (陷入僵局 ends in 局).
    const unitWord = head.head.length === 1 && before >= 2 && !/^(nr|ns|s|f|m|r|d|v|a|l|i)/.test(tokens.tag[k]);
    if (orgWord || unitWord) {
      return { head, headStart, from: tokens.start[k] };
    }
  }
  return undefined;
}

/** True when a whole name ends at `end` (a head ends there): 采购司 before 、, 世界粮食计划署 before 和. */
function nameEndsAt(doc: PreparedDocument, tokens: Tokens, k: number): boolean {
  const hit = headAt(doc, tokens, k);
  // Documents and programmes name things inside units' names (环境法和公约司, 方案和预算委员会).
  return hit !== undefined && hit.head.evidence !== 'weak';
}

/** Walks left from `from` over name parts; see the header. */
function walkLeft(doc: PreparedDocument, from: number, headStart: number, end: number, head: NameHead, evidence: NameEvidence, reference: ReferenceIndex): Walk {
  const { text } = doc;
  const tokens = doc.tokens();
  const walk: Walk = { start: from, proper: false };
  const limit = Math.max(0, from - MAX_NAME);
  const documentLike = head.category === 'document' || head.category === 'programme' || head.category === 'other' || head.category === 'meeting';
  let k = tokenAt(tokens, from - 1);
  while (walk.start > limit && k >= 0) {
    const pos = walk.start;
    const before = text.slice(Math.max(0, pos - 20), pos);
    // An ordinal (第五届, 第7378次, 第十一批) belongs to the name.
    const ordinal = ORDINAL.exec(before);
    if (ordinal) {
      const start = pos - ordinal[0].length;
      // The session of a body: 第五届会议, 第三十六次部长级会议 (the ordinal and what follows it).
      if (head.evidence === 'session' && !walk.ordinalBeforeHead && from - pos <= 4) {
        walk.ordinalBeforeHead = { start, end: pos };
        walk.proper = true;
      }
      // A post of a session: 大会第六十九届会议主席.
      if (head.evidence === 'post') walk.proper = true;
      walk.start = start;
      k = tokenAt(tokens, start - 1);
      continue;
    }
    // A year or years in front of a document (2015年后发展议程, 2016-2017两年期拟议方案预算), or of a
    // meeting named by its subject (2017年可持续发展问题高级别政治论坛, 2016年大会世界毒品问题特别会议).
    // A meeting's year does not make it a name (2016年特别会议), nor goes with a numbered session
    // (1997年大会第十九届特别会议: the year is a date) or a body's meeting (…委员会1999年实质性会议).
    const meeting = head.category === 'meeting';
    const year = documentLike && !(meeting && (walk.ordinalBeforeHead || pos === headStart)) ? YEAR.exec(before) : null;
    if (year && (pos - year[0].length === 0 || !/[0-9０-９]/.test(text[pos - year[0].length - 1]))) {
      if (meeting) {
        const k0 = tokenAt(tokens, pos - year[0].length - 1);
        const ofBody = k0 >= 0 && tokens.end[k0] === pos - year[0].length && (isKnownName(tokens.word[k0], reference) || nameEndsAt(doc, tokens, k0));
        if (!ofBody) walk.start = pos - year[0].length;
        break;
      }
      walk.start = pos - year[0].length;
      walk.proper = true;
      // Before the year only the name of the body the document is of (国际电联2024-2027年战略规划).
      const k0 = tokenAt(tokens, walk.start - 1);
      if (k0 >= 0 && tokens.end[k0] === walk.start && isKnownName(tokens.word[k0], reference)) walk.start = tokens.start[k0];
      break;
    }
    const ch = text[pos - 1];
    // A quoted or titled part right before the rest: “团结”项目, 《巴塞尔公约》技术准则.
    if (ch === '”' || ch === '"' || ch === '》') {
      const open = ch === '》' ? '《' : ch === '”' ? '“' : '"';
      const o = text.lastIndexOf(open, pos - 2);
      if (o < 0 || pos - o > 32 || /[\n。；]/u.test(text.slice(o, pos))) break;
      walk.start = o;
      walk.proper = true;
      k = tokenAt(tokens, o - 1);
      continue;
    }
    if (isHardStop(doc, pos - 1) || isSoftStop(ch)) break;
    while (k >= 0 && tokens.start[k] >= pos) k--;
    if (k < 0) break;
    const word = tokens.word[k];
    const tag = tokens.tag[k];
    if (tokens.end[k] !== pos) break;
    if (/^\s+$/.test(word)) {
      // A typesetting space after a whole known name separates two names (大会 经济及社会理事会, the
      // two bodies of a document's masthead).
      if (k > 0 && tokens.end[k - 1] === tokens.start[k] && isKnownName(tokens.word[k - 1], reference)) break;
      walk.start = tokens.start[k];
      k--;
      continue;
    }
    if (CONJUNCTIONS.has(word)) {
      // 和 joins parts of one name (拉丁美洲和加勒比经济委员会, 比尔和梅林达·盖茨基金会), not two names.
      if (
        k === 0 ||
        nameEndsAt(doc, tokens, k - 1) ||
        lexicon().personTitles.includes(tokens.word[k - 1]) ||
        isKnownName(tokens.word[k - 1], reference) ||
        knownName(text, pos, end, reference) ||
        oneNameWord(tokens, k + 1, end) ||
        !isPart(tokens, k - 1, evidence) ||
        (isVerb(tokens.tag[k - 1], tokens.word[k - 1]) && !evidence.isNameVerb(tokens.word[k - 1]))
      ) {
        break;
      }
      walk.start = tokens.start[k];
      k--;
      continue;
    }
    // 驻 between an organisation or country and a place: 欧洲联盟驻科索沃法治特派团 (data/name-linking-words.txt).
    if (linksNameParts(tokens, k, reference)) {
      walk.start = tokens.start[k];
      walk.proper = true;
      k--;
      continue;
    }
    if (LATIN.test(word) || word === '·' || word === '-') {
      walk.start = tokens.start[k];
      walk.proper ||= LATIN.test(word);
      k--;
      // A transliterated name cut by the segmenter (梅林/达·盖茨): the syllable before · is part of it.
      if (word === '·' && k >= 0 && tokens.end[k] === walk.start && /^\p{Script=Han}{1,2}$/u.test(tokens.word[k]) && !isBoundaryToken(tokens.word[k], tokens.tag[k])) {
        walk.start = tokens.start[k];
        walk.proper = true;
        k--;
      }
      continue;
    }
    // The word right before the head may be a verb naming the unit's function (采购司, 上诉法院).
    // So may one the glossary's names have, between a noun and the head (区域采购办公室, 气候变化支持
    // 小组); a verb with nothing before it is the sentence's (防止委员会), and one no name has is
    // (知名人士作为委员会, 执行秘书遵守缔约方大会).
    const nounBefore =
      k > 0 &&
      tokens.end[k - 1] === tokens.start[k] &&
      /^(n|nz|j|ns|nt|vn)$/.test(tokens.tag[k - 1]) &&
      !lexicon().boundaryWords.has(tokens.word[k - 1]) &&
      evidence.inNames(word) &&
      !knownName(text, pos, end, reference);
    // Right before the head itself: before a word the head only ends (国家统计局, 联阿安全部队) a verb
    // governs the whole word (迫使国家统计局, 加强国家统计局).
    const functionVerb = pos === from && from === headStart && isVerb(tag, word) && word.length >= 2 && (head.head.length === 1 || evidence.namesUnit(word) || nounBefore);
    if ((!functionVerb && !isPart(tokens, k, evidence)) || (isBoundaryToken(word, tag) && !isNounUse(word, tag, evidence))) break;
    // A verb right after a whole name is that name's predicate: 代表团通知秘书处.
    if (isVerb(tag, word) && k > 0 && tokens.end[k - 1] === tokens.start[k] && nameEndsAt(doc, tokens, k - 1)) break;
    // So is a word between a whole name and a name the glossary knows, whatever jieba tags it
    // (行预咨委会建议/n大会, 第五委员会建议大会, 委员会通报/n信息社会世界峰会): two names, not one.
    if (
      /^(v|vn|n|a|d)$/.test(tag) && k > 0 && tokens.end[k - 1] === tokens.start[k] && knownName(text, pos, end, reference) &&
      (nameEndsAt(doc, tokens, k - 1) || isKnownName(tokens.word[k - 1], reference)) && !knownName(text, tokens.start[k - 1], end, reference)
    ) {
      break;
    }
    // A verb right before a name the glossary knows governs it: 保护开发署, 查明马里支助团,
    // 任命会费委员会, 部署非洲联盟…援助团 (unless the glossary knows the whole, verb and all).
    // So does a verb jieba reads as a verbal noun or an adjective (评估/vn 信息社会世界峰会, 审查/vn
    // 互联网治理论坛, 落实/a 信息社会世界峰会) when the glossary's names never start with it.
    if ((isVerb(tag, word) || (/^(vn|a)$/.test(tag) && isVerbalWord(word, evidence))) && governsKnownName(text, tokens, k, end, reference)) break;
    // A document or programme of a body is not the body's name: 开发署方案, 安全理事会第7364次会议临时议程.
    if (head.evidence === 'weak' && pos === from && strongHeadEndsAt(doc, tokens, k)) break;
    // A known name grows on the left only by what names take in front: 联合国, another known name,
    // an ordinal (大会第四委员会); not a place or a verb (圣马丁拉丁美洲和加勒比经济委员会).
    // Nor by a word no glossary name has (jieba tags verbs as nouns or names here: 任命/n
    // 会费委员会, 核准/n 审计委员会, 查明/nr 马里支助团, 发给/vn 项目厅, 建议/n 大会).
    if (knownName(text, pos, end, reference) && (isPlace(word, tag, reference) || (!evidence.inNames(word) && !isKnownName(word, reference)))) break;
    // Nor, a proper name (not one of the glossary's common terms, 圆桌会议), by a verbal noun (审查/vn
    // 互联网治理论坛: "review" the IGF) or a word that only says what kind of it is meant (国家、地区和
    // 青年互联网治理论坛: national, regional and youth IGFs are IGFs).
    if (
      knownProperName(text, pos, end, reference) &&
      !knownName(text, tokens.start[k], end, reference) &&
      ((tag === 'vn' && !lexicon().nameModifiers.has(word)) || (lexicon().descriptiveModifiers.has(word) && !lexicon().namePrefixWords.has(word)))
    ) {
      break;
    }
    // A post's holder is not part of the post: 潘基文秘书长.
    if (head.evidence === 'post' && /^nr/.test(tag)) break;
    if (isProperWord(word, tag, reference)) walk.proper = true;
    walk.start = tokens.start[k];
    walk.startsWithVerb = isVerb(tag, word);
    k--;
  }
  // A name starts with a verb only if names do (禁止, 消除): 执行专家小组 is "to carry out" + the Panel.
  while (walk.startsWithVerb) {
    const k0 = tokenAt(tokens, walk.start);
    if (evidence.startsNames(tokens.word[k0]) || (tokens.end[k0] === from && head.head.length === 1)) break;
    walk.start = tokens.end[k0];
    const next = tokenAt(tokens, walk.start);
    walk.startsWithVerb = next < tokens.count && tokens.start[next] < from && isVerb(tokens.tag[next]);
  }
  // A verbal noun right after the verb that stopped the walk is that verb's object (推动/v 发展/vn
  // 数字经济观察站: "promote the development of"), not the name's first word, unless the glossary
  // knows the name with it.
  {
    const k0 = tokenAt(tokens, walk.start);
    const before = k0 - 1;
    if (
      k0 >= 0 && before >= 0 && tokens.start[k0] === walk.start && tokens.end[k0] < from && tokens.tag[k0] === 'vn' &&
      tokens.end[before] === walk.start && isVerb(tokens.tag[before], tokens.word[before]) && !knownName(text, walk.start, end, reference)
    ) {
      walk.start = tokens.end[k0];
    }
  }
  // Nor with a conjunction: the word 和, not the 和 of 和平 (和平利用外层空间委员会).
  for (let k0 = tokenAt(tokens, walk.start); walk.start < from && k0 < tokens.count && tokens.start[k0] === walk.start && CONJUNCTIONS.has(tokens.word[k0]); k0++) {
    walk.start = tokens.end[k0];
  }
  return walk;
}

function isVerb(tag: string, word?: string): boolean {
  return tag.startsWith('v') && tag !== 'vn' && !(word !== undefined && lexicon().nameModifiers.has(word));
}

/**
 * A verbal noun or adjective that acts as a verb in front of a name: no glossary name starts with
 * it (评估, 审查, 落实; not 国际, 联合, 常设).
 */
function isVerbalWord(word: string, evidence: NameEvidence): boolean {
  return word.length >= 2 && !lexicon().nameModifiers.has(word) && !lexicon().namePrefixWords.has(word) && evidence.startsNoName(word);
}

/** True when the tokens up to k end with an organisational or meeting head (not a document's). */
function strongHeadEndsAt(doc: PreparedDocument, tokens: Tokens, k: number): boolean {
  const hit = headAt(doc, tokens, k);
  return hit !== undefined && (hit.head.evidence === 'strong' || hit.head.evidence === 'session') && hit.head.category !== 'document';
}

/**
 * True when the verb at token k stands right before a name the glossary knows: the rest up to the
 * head's end, or the next word; and the verb with that rest is no known name.
 */
function governsKnownName(text: string, tokens: Tokens, k: number, end: number, reference: ReferenceIndex): boolean {
  const after = tokens.end[k];
  if (knownName(text, tokens.start[k], end, reference)) return false;
  if (knownName(text, after, end, reference)) return true;
  return k + 1 < tokens.count && tokens.start[k + 1] === after && tokens.end[k + 1] < end && isKnownName(tokens.word[k + 1], reference);
}

/** True when the text from pos to the head's end is a name the reference knows (or a variant of one). */
function knownName(text: string, pos: number, end: number, reference: ReferenceIndex): boolean {
  const key = termKey(text.slice(pos, end));
  return reference.lookup(key).some((m) => m.concept.category !== 'concept') || reference.lookupVariant(key) !== undefined;
}

/**
 * True when token k is a linking word (驻) with an organisation, a country or a place right before it
 * and a place or a known name right after it: 荷兰驻圣地亚哥大使馆, 联合国驻南苏丹共和国特派团.
 */
export function linksNameParts(tokens: Tokens, k: number, reference: ReferenceIndex): boolean {
  if (!lexicon().nameLinkingWords.has(tokens.word[k]) || k === 0 || k + 1 >= tokens.count) return false;
  if (tokens.end[k - 1] !== tokens.start[k] || tokens.start[k + 1] !== tokens.end[k]) return false;
  const left = tokens.word[k - 1];
  const leftTag = tokens.tag[k - 1];
  const right = tokens.word[k + 1];
  const rightTag = tokens.tag[k + 1];
  const leftIsOwner = /^(nt|ns|nrt)$/.test(leftTag) || isPlace(left, leftTag, reference) || isKnownName(left, reference) || lexicon().namePrefixWords.has(left);
  const rightIsPlace = /^(ns|nr|nrt|nt)$/.test(rightTag) || isPlace(right, rightTag, reference) || isKnownName(right, reference);
  return leftIsOwner && rightIsPlace;
}

/** A name the reference knows that is not one of its common terms of UN documents (term.*: 圆桌会议). */
function knownProperName(text: string, pos: number, end: number, reference: ReferenceIndex): boolean {
  const key = termKey(text.slice(pos, end));
  return reference.lookup(key).some((m) => m.concept.category !== 'concept' && !m.concept.extId?.startsWith('term.'));
}

/**
 * A country in front of a place that the name begins with qualifies it: 越南河内国立经济大学 is
 * 河内国立经济大学 in Viet Nam, 罗马尼亚蒂米什瓦拉西部大学 the West University of Timișoara, 荷兰莱顿大学
 * Leiden University (jieba tags transliterated places nrt).
 */
function dropCountryBeforePlace(doc: PreparedDocument, start: number, headStart: number, reference: ReferenceIndex): number {
  const tokens = doc.tokens();
  const k = tokenAt(tokens, start);
  if (k + 1 >= tokens.count || tokens.start[k] !== start || tokens.end[k + 1] > headStart) return start;
  const isCountry = reference.lookup(termKey(tokens.word[k])).some((m) => m.concept.category === 'country');
  const nextIsPlace = /^(ns|s|nrt)$/.test(tokens.tag[k + 1]) && !reference.lookup(termKey(tokens.word[k + 1])).some((m) => m.concept.category === 'country');
  return isCountry && nextIsPlace ? tokens.end[k] : start;
}

/** True when the tokens from k to `end` are one word jieba knows as a name (最高法院/nt after 及). */
function oneNameWord(tokens: Tokens, k: number, end: number): boolean {
  return k < tokens.count && tokens.end[k] === end && /^(nt|nz)$/.test(tokens.tag[k]);
}

/** True when a body's name is a description and its head (政府间专家组, 特设工作组): no name. */
function describedUnit(body: string): boolean {
  const head = lexicon().nameHeads.find((h) => body.endsWith(h.head));
  return head !== undefined && lexicon().descriptiveModifiers.has(body.slice(0, body.length - head.head.length).trim());
}

/** True when the text ends in a head noun of a body or organisation. */
function endsWithHead(text: string): boolean {
  return lexicon().nameHeads.some((h) => h.category !== 'document' && h.category !== 'programme' && text.endsWith(h.head));
}

/**
 * A proper part: a place, person or organisation word, an abbreviation or a Latin word; not a term
 * the glossary files as a concept (数字治理, 服务贸易 are jieba words because the glossary has them).
 */
function isProperWord(word: string, tag: string, reference: ReferenceIndex): boolean {
  if (!PROPER_TAG.test(tag)) return false;
  const known = reference.lookup(termKey(word));
  return known.length === 0 || known.some((m) => m.concept.category !== 'concept');
}

/** A place name: jieba's place tags, or a country the glossary knows. */
function isPlace(word: string, tag: string, reference: ReferenceIndex): boolean {
  return tag === 'ns' || tag === 's' || reference.lookup(termKey(word)).some((m) => m.concept.category === 'country');
}

/** A name the glossary knows (not a term): 西非经共体 before 和马诺河联盟 ends a name. */
function isKnownName(word: string, reference: ReferenceIndex): boolean {
  return word.length >= 2 && reference.lookup(termKey(word)).some((m) => m.concept.category !== 'concept' && m.concept.category !== 'country');
}

/**
 * A boundary word used as a noun inside a name: jieba tags it a verbal noun and the glossary's
 * names contain it (土地管理问题部长级会议; 管理 introduces a name elsewhere: 管理…基金).
 */
function isNounUse(word: string, tag: string, evidence: NameEvidence): boolean {
  return tag === 'vn' && evidence.isNameVerb(word);
}

function isPart(tokens: Tokens, k: number, evidence: NameEvidence): boolean {
  const word = tokens.word[k];
  const tag = tokens.tag[k];
  if (!/\p{Script=Han}/u.test(word) && !LATIN.test(word)) return false;
  if (lexicon().nameModifiers.has(word)) return true;
  if (isBoundaryToken(word, tag) && !isNounUse(word, tag, evidence)) return false;
  if (isVerb(tag)) return evidence.isNameVerb(word);
  return PART_TAG.test(tag);
}

/** Leading words that qualify a name without being part of it (新的, 现行, 上述): data/leading-modifiers.txt. */
function stripLeading(text: string, start: number, headStart: number): number {
  for (const mod of lexicon().leadingModifiers) {
    if (text.startsWith(mod, start) && headStart - (start + mod.length) >= 2) return start + mod.length;
  }
  return start;
}

interface NameCandidate extends Span {
  head: NameHead;
  /** For a meeting of a body (电子商务和数字经济问题政府间专家组第五届会议): the body's name. */
  body?: string;
}

/** Names ending in a head noun, maximal, outside the names the bracket extractors and titles found. */
export function findNames(doc: PreparedDocument, evidence: NameEvidence, reference: ReferenceIndex): NameCandidate[] {
  const { text } = doc;
  const tokens = doc.tokens();
  const generic = lexicon().genericNames;
  const found: NameCandidate[] = [];
  for (let k = 0; k < tokens.count; k++) {
    if (doc.masked[tokens.start[k]]) continue;
    const hit = headAt(doc, tokens, k);
    if (!hit) continue;
    const end = tokens.end[k];
    const { head } = hit;
    // A programme or plan followed by a job title is part of the title (高级方案干事), not a name.
    if (head.evidence === 'weak' && k + 1 < tokens.count && tokens.start[k + 1] === end && lexicon().personTitles.includes(tokens.word[k + 1])) continue;
    const walk = walkLeft(doc, hit.from, hit.headStart, end, head, evidence, reference);
    let start = stripLeading(text, walk.start, hit.headStart);
    // A body set up by a resolution: 第1540(2004)号决议所设委员会 (the walk stops at the verb 设).
    const established = head.category === 'body' ? establishedByResolutionStart(text, hit.from) : undefined;
    if (established !== undefined && established < start) {
      start = established;
      walk.proper = true;
    }
    // A year cut by the segmenter (1978/年): the number goes with 年 for a document, neither for others.
    if (text[start] === '年' && /[0-9０-９]$/.test(text.slice(0, start))) {
      const digits = /[0-9０-９]+$/.exec(text.slice(0, start))![0];
      start = head.category === 'document' || head.category === 'programme' || head.category === 'other' ? start - digits.length : start + 1;
    }
    start = dropCountryBeforePlace(doc, start, hit.headStart, reference);
    while (start < hit.headStart && /[\s·\-—–]/.test(text[start])) start++;
    const name = displayForm(text.slice(start, end));
    if (countHan(name) + (name.match(/[A-Za-z]+/g)?.length ?? 0) < 3 || generic.has(name)) continue;
    if (head.evidence === 'self' && start === hit.headStart) {
      found.push({ start, end, head });
      continue;
    }
    // What the head needs in front (name-heads.tsv).
    const front = text.slice(start, hit.headStart);
    // A part of a document named before it (《…报告》框架, 2024-2027年战略规划跨部门目标): the
    // document is the name (found on its own), not its framework or goals.
    if (lexicon().documentPartHeads.has(head.head) && endsWithDocument(front)) continue;
    // A name in quotes of its own is named as such: “计算机设备行动伙伴关系”.
    const quoted = /[“"]/u.test(text[start - 1] ?? '') && /[”"]/u.test(text[end] ?? '');
    const known = reference.lookup(termKey(name)).length > 0 || reference.lookupVariant(termKey(name)) !== undefined;
    let body: string | undefined;
    if (!known) {
      if (head.evidence === 'strong' && countHan(front) + (/[A-Za-z]/.test(front) ? 2 : 0) < 2) continue;
      if (describesOnly(tokens, start, hit.headStart, head, evidence)) continue;
      // A mandate's subject names a post as well as a place does: 土著人民权利问题特别报告员.
      const mandate = head.evidence === 'post' && lexicon().subjectMarkers.some((m) => front.endsWith(m) && countHan(front) > m.length);
      if ((head.evidence === 'weak' || head.evidence === 'post') && !walk.proper && !quoted && !mandate && !containsKnownName(front, reference)) continue;
      if (head.evidence === 'session') {
        if (walk.ordinalBeforeHead) {
          // The session of a body: the body is a known name (大会 is the General Assembly) or a name.
          body = displayForm(text.slice(start, walk.ordinalBeforeHead.start));
          // The session of a body: the body is a known name (大会 is the General Assembly) or a name
          // (it ends in a head: 电子商务和数字经济问题政府间专家组第五届会议).
          const knownBody = reference.lookup(termKey(body)).some((m) => m.concept.category !== 'concept');
          const bodyIsName = !!body && !generic.has(body) && countHan(body) >= 3 && endsWithHead(body) && !describedUnit(body);
          if (!knownBody && !bodyIsName) continue;
        } else if (endsWithHead(front.trim())) {
          // A meeting of a named body without a number is the body's meeting, not a name of its
          // own: 持久性有机污染物审查委员会会议 names the Committee.
          continue;
        } else if (!walk.proper && !quoted && !containsKnownName(front, reference) && !(countHan(front.replace(LEADING_YEAR, '')) >= 4 && !ORDINAL_START.test(front))) continue;
      }
    } else if (walk.ordinalBeforeHead) {
      body = displayForm(text.slice(start, walk.ordinalBeforeHead.start));
    }
    found.push({ start, end, head, ...(body ? { body } : {}) });
  }
  // Two posts joined by 兼 are held by one person, one post: 伊拉克问题特别代表兼联合国伊拉克援助团团长;
  // two posts the glossary lists on their own are the roles of a meeting's officers (副主席兼特别报告员:
  // the Vice-Chair-cum-Rapporteur), no post with a name.
  const glossaryPost = (c: NameCandidate) => reference.lookup(termKey(text.slice(c.start, c.end))).length > 0;
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  for (let i = 0; i + 1 < found.length; i++) {
    const a = found[i];
    const j = found.findIndex((b) => b.start === a.end + 1);
    if (j < 0 || text[a.end] !== '兼' || a.head.evidence !== 'post' || found[j].head.evidence !== 'post') continue;
    if (glossaryPost(a) && glossaryPost(found[j])) continue;
    found[i] = { start: a.start, end: found[j].end, head: found[j].head };
    found.splice(j, 1);
    i--;
  }
  // Keep maximal spans: 经济和社会事务部统计司, not also 经济和社会事务部 inside it.
  const out: NameCandidate[] = [];
  for (const c of found) {
    const last = out[out.length - 1];
    if (last && c.start >= last.start && c.end <= last.end) continue;
    if (last && c.start < last.end && c.end > last.end) {
      // Overlapping, neither inside the other: the longer one.
      if (c.end - c.start > last.end - last.start) out[out.length - 1] = c;
      continue;
    }
    out.push(c);
  }
  return out;
}

/**
 * True when the words in front of the head only say what kind of unit it is (区域办事处, 国家和区域
 * 办事处, 外地特派团: data/descriptive-modifiers.txt), or are one verb that no unit's name has
 * before its head (防止委员会, 方便委员会: "to prevent" the Committee, unlike 采购司).
 */
function describesOnly(tokens: Tokens, start: number, headStart: number, head: NameHead, evidence: NameEvidence): boolean {
  const modifiers = lexicon().descriptiveModifiers;
  const words: Array<{ word: string; tag: string }> = [];
  for (let k = tokenAt(tokens, start); k < tokens.count && tokens.start[k] < headStart; k++) {
    // The head may end a longer word (外地特派团 read as one word): its front is the word's start.
    const word = tokens.word[k].slice(0, Math.max(0, headStart - tokens.start[k]));
    if (word.trim()) words.push({ word, tag: tokens.end[k] <= headStart ? tokens.tag[k] : '' });
  }
  if (words.length === 0) return false;
  if (words.every((w) => modifiers.has(w.word) || CONJUNCTIONS.has(w.word))) return true;
  // A modifier jieba cuts in two (政府/间 专家组).
  if (modifiers.has(words.map((w) => w.word).join('').trim())) return true;
  return words.length === 1 && head.head.length >= 2 && isVerb(words[0].tag, words[0].word) && !evidence.namesUnit(words[0].word);
}

/** Most characters between a document's name and a head naming a part of it (跨部门目标). */
const MAX_PART_MODIFIER = 4;

/**
 * True when the text ends with a document's name and at most a few characters after it, with no
 * conjunction (《公约》十年战略规划和框架 is one document): 《…报告》, 2020-2023年战略规划, 战略规划跨部门.
 */
function endsWithDocument(front: string): boolean {
  const trimmed = front.trimEnd();
  const parts = lexicon().documentPartHeads;
  for (let cut = trimmed.length; cut >= Math.max(1, trimmed.length - MAX_PART_MODIFIER); cut--) {
    const rest = trimmed.slice(cut);
    if (/[和与及、，]/u.test(rest) || /[^\p{Script=Han}\s]/u.test(rest)) return false;
    const before = trimmed.slice(0, cut);
    if (before.endsWith('》')) return true;
    if (lexicon().nameHeads.some((h) => h.category === 'document' && !lexicon().wholeBeforePart.has(h.head) && !parts.has(h.head) && before.endsWith(h.head) && before.length > h.head.length)) return true;
  }
  return false;
}

/** True when the text holds a known name of three characters or more (a proper part). */
function containsKnownName(front: string, reference: ReferenceIndex): boolean {
  const key = termKey(front);
  if (key.length > 40) return false;
  for (let i = 0; i + 3 <= key.length; i++) {
    for (let j = key.length; j >= i + 3; j--) {
      const sub = key.slice(i, j);
      if (reference.lookup(sub).some((m) => m.concept.category !== 'concept') || reference.lookupVariant(sub)) return true;
    }
  }
  return false;
}

/**
 * Name candidates of a document, outside the names already read in brackets and titles (those
 * have better evidence); a name that contains one whole is kept (拉美及加勒比国家共同体(拉加共同体)第三届首脑会议).
 */
export function extractNames(
  doc: PreparedDocument,
  groups: BracketGroup[],
  protectedSpans: Span[],
  reference: ReferenceIndex,
  evidence: NameEvidence,
): Candidate[] {
  const out: Candidate[] = [];
  void groups;
  for (const n of findNames(doc, evidence, reference)) {
    // A name read in brackets may only be continued on its right (…(拉加共同体)第三届首脑会议), never
    // given a longer start than the short form's evidence allowed.
    if (protectedSpans.some((p) => p.start < n.end && n.start < p.end && !(n.start === p.start && n.end > p.end))) continue;
    const text = displayForm(doc.text.slice(n.start, n.end));
    out.push({
      extractor: 'name',
      category: n.head.category,
      doc: doc.index,
      start: n.start,
      end: n.end,
      terms: [{ text, lang: 'zh-Hans', type: 'fullForm', start: n.start, end: n.end, ...(n.body ? { note: `meeting of ${n.body}` } : {}) }],
    });
  }
  return out;
}
