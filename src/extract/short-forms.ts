// Full name with a Chinese short form in brackets: 国际电信联盟(国际电联), 联合国教育、科学及文化组织(教科文组织).
//
// Boundaries:
//  - the bracket holds only Chinese characters (2 to 12), or an alias introduced by 下称/简称;
//    anything opening with an explanation word (代表, 见, 如, 即 …) is not an alias;
//  - the short form's characters must appear in order in the text before the bracket, the last of
//    them within the name's last three characters: that fixes the least the name must include
//    (教科文组织 reaches back across the 、 to 教育);
//  - a reference name ending there that has this short form wins; otherwise the name runs left to
//    the nearest boundary (see boundary.ts), 联合国儿童基金会(儿基会) stopping at the 、 before it;
//  - "A(a)和B" followed by a person's title is one institution containing A:
//    东南亚国家联盟(东盟)和东亚经济研究所高级经济顾问 … names ERIA, and 东盟 is not ERIA's alias.
import { normalizeWithOffsets } from '../domain/normalize.js';
import { termKey } from './occurrences.js';
import { countHan, establishedByResolutionStart, extendOverNameParts, findNameStart, segmentStart, subsequenceStart, trimEnd } from './boundary.js';
import type { BracketGroup } from './brackets.js';
import { categoryOfName } from './categories.js';
import { type PreparedDocument, displayForm, isHardStop, isSoftStop } from './document.js';
import { lexicon, nameSuffixOf } from './lexicon.js';
import type { ReferenceIndex } from './reference.js';
import { isBoundaryToken, isFunctionWord } from './boundary.js';
import { tokenAt } from './segment.js';
import type { Candidate } from './types.js';

const SHORT_FORM = /^[\p{Script=Han}·]{2,12}$/u;

/** The alias a bracket offers, with its offset inside the bracket, or undefined. */
export function shortFormOf(inner: string): { text: string; offset: number; introduced?: boolean } | undefined {
  const lead = inner.length - inner.trimStart().length;
  let text = inner.trim();
  let offset = lead;
  const introducer = lexicon().aliasIntroducers.find((w) => text.startsWith(w));
  if (introducer) {
    const rest = text.slice(introducer.length);
    const m = /^[：:\s]*[“"「]?([^”"」]+)[”"」]?$/u.exec(rest);
    if (!m) return undefined;
    offset += introducer.length + rest.indexOf(m[1]);
    text = m[1];
    return SHORT_FORM.test(text) ? { text, offset, introduced: true } : undefined;
  }
  if (lexicon().nonAliasOpeners.some((w) => text.startsWith(w))) return undefined;
  // A short form in quotes: （"人居二"）.
  const quoted = /^[“"「]([^”"」]+)[”"」]$/u.exec(text);
  if (quoted) {
    offset += 1;
    text = quoted[1];
  }
  // A short title after a title, quoted or not: 《联合国海洋法公约》(“《公约》”), 《…条约》(《拉罗通加条约》).
  // The short form is kept with its marks, as titles are.
  const titled = /^《([^《》]+)》$/u.exec(text);
  if (titled) return SHORT_FORM.test(titled[1]) ? { text, offset } : undefined;
  return SHORT_FORM.test(text) ? { text, offset } : undefined;
}

/**
 * A bracket the openers rule out (第, 代表 …) that holds another name of the concept named right
 * before it: 联大行政和预算委员会(第五委员会), two names the glossary gives the Fifth Committee.
 */
function otherKnownName(doc: PreparedDocument, g: BracketGroup, nameEnd: number, ref: ReferenceIndex): { text: string; offset: number; introduced?: boolean } | undefined {
  const text = g.inner.trim();
  if (!SHORT_FORM.test(text)) return undefined;
  const concepts = new Set(ref.lookup(termKey(text)).filter((m) => m.concept.category !== 'concept').map((m) => m.concept));
  if (concepts.size === 0) return undefined;
  const start = referenceNameStart(doc, nameEnd, ref, (m) => concepts.has(m.concept) && m.term.key !== termKey(text));
  return start === undefined ? undefined : { text, offset: g.inner.length - g.inner.trimStart().length };
}

/** Start of the longest reference name ending at `end` that satisfies accept, in original offsets. */
export function referenceNameStart(
  doc: PreparedDocument,
  end: number,
  ref: ReferenceIndex,
  accept: Parameters<ReferenceIndex['longestSuffix']>[1],
): number | undefined {
  const from = segmentStart(doc, end);
  if (from >= end) return undefined;
  const norm = normalizeWithOffsets(doc.text.slice(from, end));
  const hit = ref.longestSuffix(norm.text, accept);
  return hit ? from + norm.offsets[norm.text.length - hit.length] : undefined;
}

export function extractShortForms(doc: PreparedDocument, groups: BracketGroup[], ref: ReferenceIndex): Candidate[] {
  const out: Candidate[] = [];
  const { text } = doc;
  for (const g of groups) {
    if (g.kind !== 'round') continue;
    const nameEnd = trimEnd(text, g.open);
    if (nameEnd === 0) continue;
    const short = shortFormOf(g.inner) ?? otherKnownName(doc, g, nameEnd, ref);
    if (!short) continue;
    // A short title's characters are those inside its marks.
    const letters = short.text.replace(/^《(.*)》$/u, '$1');
    const span = text[nameEnd - 1] === '》' ? titleBefore(doc, nameEnd, letters) : nameBefore(doc, nameEnd, g.close + 1, letters, ref, short.introduced === true);
    if (!span) continue;
    const { start } = span;
    const name = displayForm(text.slice(start, nameEnd));
    if (countryOfAnother(short.text, name, ref)) continue;
    const shortStart = g.open + 1 + short.offset;
    out.push({
      extractor: 'short-form',
      category: categoryOfName(name),
      doc: doc.index,
      start,
      end: g.close + 1,
      terms: [
        { text: name, lang: 'zh-Hans', type: 'fullForm', start, end: nameEnd },
        { text: short.text, lang: 'zh-Hans', type: 'shortForm', start: shortStart, end: shortStart + short.text.length },
      ],
    });
    const containing = institutionContaining(doc, g, start);
    if (containing) out.push(containing);
  }
  return out;
}

/**
 * A country in brackets is where the name before is, or whose it is (德国之声（德国）: Deutsche
 * Welle, of Germany), not its short form, unless the name is that country's own full name
 * (大不列颠及北爱尔兰联合王国（英国）).
 */
function countryOfAnother(short: string, name: string, ref: ReferenceIndex): boolean {
  const countries = ref.lookup(termKey(short)).filter((m) => m.concept.category === 'country').map((m) => m.concept);
  if (countries.length === 0) return false;
  return !ref.lookup(termKey(name)).some((m) => countries.includes(m.concept));
}

/** True when [start, after) stands between list separators (、，) or a separator and the clause's end. */
function isListItem(doc: PreparedDocument, start: number, after: number): boolean {
  const { text } = doc;
  let i = start - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  let j = after;
  while (j < text.length && text[j] === ' ') j++;
  return isSoftStop(text[i]) && (j >= text.length || isSoftStop(text[j]) || isHardStop(doc, j));
}

/** 《化学武器公约》(下称"公约"): the title, marks included, when the short form is drawn from it. */
function titleBefore(doc: PreparedDocument, nameEnd: number, short: string): { start: number } | undefined {
  const start = doc.text.lastIndexOf('《', nameEnd - 1);
  if (start < 0 || nameEnd - start > 82 || doc.text.slice(start, nameEnd).includes('\n')) return undefined;
  return subsequenceStart(doc.text, nameEnd - 1, start + 1, short) ? { start } : undefined;
}

/**
 * The full name ending before a short form: the reference glossary's name that has this short
 * form, if one ends there (人居二 for 第二次联合国人类住区会议, which no rule of letters finds);
 * otherwise the least the short form covers, extended left over name parts only (boundary.ts).
 */
function nameBefore(doc: PreparedDocument, nameEnd: number, after: number, short: string, ref: ReferenceIndex, introduced: boolean): { start: number } | undefined {
  const { text } = doc;
  if (isHardStop(doc, nameEnd - 1)) return undefined;
  const shortKey = termKey(short);
  const known = referenceNameStart(doc, nameEnd, ref, (m) => m.concept.terms.some((t) => t.key === shortKey));
  if (known !== undefined) return { start: known };
  const match = subsequenceStart(text, nameEnd, segmentStart(doc, nameEnd), short);
  if (!match || match.last < nameEnd - 3) return undefined;
  if (crossesClause(doc, match.start, nameEnd, introduced)) return undefined;
  const isKnown = (word: string) => word.length >= 2 && ref.lookup(termKey(word)).some((m) => m.concept.category !== 'concept');
  // Places and transliterated names (jieba tags 泰米尔 and 拉姆 as persons' names): 泰米尔伊拉姆猛虎解放组织.
  const isPlace = (word: string, tag: string) => /^(ns|nr|nrt)$/.test(tag) || ref.lookup(termKey(word)).some((m) => m.concept.category === 'country');
  let start = extendOverNameParts(doc, match.start, isKnown, isPlace);
  // A body set up by a resolution: 第1267(1999)号决议所设委员会(“委员会”).
  start = establishedByResolutionStart(text, start) ?? start;
  // An item of a list is a name from separator to separator: in 、联合国促进性别平等和增强妇女权能署(妇女署)、
  // the list says where the name begins, however little of it the short form shows.
  const item = findNameStart(doc, nameEnd, { mustStartBy: match.start });
  if (item !== undefined && item < start && isListItem(doc, item, after)) start = item;
  // A glossary name ending there that covers the short form is the name (its first words may be
  // ones no rule lists).
  const anyKnown = referenceNameStart(doc, nameEnd, ref, () => true);
  if (anyKnown !== undefined && anyKnown < start) start = anyKnown;
  if (nameEnd - start <= short.length || countHan(text.slice(start, nameEnd)) < 2) return undefined;
  return { start };
}

/**
 * True when the stretch the short form's characters cover is no name: it runs over a comma or a
 * function word (a preposition, a particle, a pronoun). The characters of a short form may be found
 * far back when the text writes the name differently from the short form: 在吉布提签署了一项和平与和解
 * 协议(“《吉布提协议》”) holds 吉布提…协议 across 了; 联合国教育、科学及文化组织(教科文组织) crosses only a
 * 、 inside the name. The verbs of data/boundary-words.txt do not count here: inside what the short
 * form covers they are the name's (叙利亚国际支持小组(国际支持小组)).
 */
function crossesClause(doc: PreparedDocument, start: number, end: number, introduced: boolean): boolean {
  const tokens = doc.tokens();
  // Nor does the name of a defined term (下称…) begin with a verb of one character (所附叙利亚境内停止
  // 敌对行动条件(下称“附件”): 附 is "attached", the bracket defines "the annex"). A short form's own first
  // character may be one (防扩散安全倡议(防扩散倡议)).
  const first = tokenAt(tokens, start);
  if (introduced && tokens.start[first] === start && tokens.word[first].length === 1 && tokens.tag[first] === 'v') return true;
  for (let k = first; k < tokens.count && tokens.start[k] < end; k++) {
    const word = tokens.word[k];
    if (/^[，,]$/u.test(word)) return true;
    // The word holding the first character may begin before it (联阿 → 联合国): only words inside count.
    if (tokens.start[k] >= start && isFunctionWord(word, tokens.tag[k])) return true;
  }
  return false;
}

/**
 * "A(a)和B" + a person's title: one institution whose name contains A (ERIA). Returns it as a
 * candidate of its own, named without the bracket.
 */
function institutionContaining(doc: PreparedDocument, g: BracketGroup, start: number): Candidate | undefined {
  const { text } = doc;
  const after = g.close + 1;
  if (!/^[和与及]/u.test(text.slice(after, after + 1))) return undefined;
  const tokens = doc.tokens();
  let instEnd = -1;
  let k = tokenAt(tokens, after + 1);
  let pos = after + 1;
  for (; k < tokens.count && tokens.start[k] - after < 20; k++) {
    const ts = tokens.start[k];
    if (ts !== pos || isHardStop(doc, ts) || isSoftStop(text[ts]) || isBoundaryToken(tokens.word[k], tokens.tag[k])) break;
    pos = tokens.end[k];
    if (nameSuffixOf(text.slice(after + 1, pos))) instEnd = pos;
  }
  if (instEnd < 0) return undefined;
  const tail = text.slice(instEnd, Math.min(text.length, instEnd + 10));
  const title = lexicon().personTitles.find((t) => {
    const i = tail.indexOf(t);
    return i >= 0 && i <= 6 && !/[，、。；,]/u.test(tail.slice(0, i));
  });
  if (!title) return undefined;
  const name = displayForm(text.slice(start, g.open) + text.slice(after, instEnd));
  return {
    extractor: 'short-form',
    category: categoryOfName(name, 'organization'),
    doc: doc.index,
    start,
    end: instEnd,
    terms: [{ text: name, lang: 'zh-Hans', type: 'fullForm', start, end: instEnd }],
  };
}
