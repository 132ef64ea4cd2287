// Enumerations: lists of entities, each item a candidate of its own.
//
// 1. Attendance lists (annexes): after a header such as "下列政府间组织派代表出席了会议：" every line up
//    to the next heading or sentence is a list line; tab-separated cells are items. The header says
//    what the items are (成员国 → country, otherwise organization); a line that heads a group
//    (data/list-subheadings.txt: 普通类) is not an item.
// 2. Inline lists: a clause (between sentence punctuation, brackets kept inside) with at least three
//    items separated by 、 or commas, such as the contributors' footnote. A separator inside a name
//    the bracket extractors found is not a separator (联合国教育、科学及文化组织(教科文组织)). An item
//    counts when it ends with a name ending (data/name-suffixes.json) or is a known name; the last
//    item is cut before the first boundary word (世界银行发布了… → 世界银行), and "A和B" becomes two
//    items when both are names. At least three items, and most of the list, must count.
import { termKey } from './occurrences.js';
import { countHan, findNameStart, isBoundaryToken } from './boundary.js';
import type { BracketGroup } from './brackets.js';
import { categoryOfName } from './categories.js';
import { type PreparedDocument, displayForm, isHardStop } from './document.js';
import { lexicon, nameSuffixOf } from './lexicon.js';
import type { ReferenceIndex } from './reference.js';
import { tokenAt } from './segment.js';
import type { Candidate } from './types.js';

const LIST_HEADER = /下列.{0,40}(出席|参加|派代表|与会)[^：:\n]{0,30}[：:]\s*$/u;
const LIST_END = /^\s*(\d+[.．]|附件|[一二三四五六七八九十]+[.．、]|\*|[A-Z][.．]\s)/u;
const MAX_ITEM = 40;
const MAX_INLINE_ITEM = 24;
const ENTITY_CATEGORIES = new Set(['organization', 'body', 'meeting', 'group']);

interface Span {
  start: number;
  end: number;
}

/** Index of the first group opening at or after pos (groups are sorted by their opening bracket). */
function firstGroupFrom(groups: BracketGroup[], pos: number): number {
  let lo = 0;
  let hi = groups.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (groups[mid].open < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The item's text without the bracket groups inside it. */
function itemText(doc: PreparedDocument, start: number, end: number, groups: BracketGroup[]): string {
  let out = '';
  let pos = start;
  for (let i = firstGroupFrom(groups, start); i < groups.length && groups[i].open < end; i++) {
    const g = groups[i];
    if (g.close >= end || g.open < pos) continue;
    out += doc.text.slice(pos, g.open);
    pos = g.close + 1;
  }
  return displayForm(out + doc.text.slice(pos, end));
}

function item(doc: PreparedDocument, span: Span, text: string, category: Candidate['category']): Candidate {
  return {
    extractor: 'enumeration',
    category,
    doc: doc.index,
    start: span.start,
    end: span.end,
    terms: [{ text, lang: 'zh-Hans', type: 'fullForm', start: span.start, end: span.end }],
  };
}

export function extractEnumerations(doc: PreparedDocument, groups: BracketGroup[], protectedSpans: Span[], ref: ReferenceIndex): Candidate[] {
  return [...attendanceLists(doc, groups), ...inlineLists(doc, groups, protectedSpans, ref)];
}

function attendanceLists(doc: PreparedDocument, groups: BracketGroup[]): Candidate[] {
  const out: Candidate[] = [];
  const { text } = doc;
  const lines: Span[] = [];
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lines.push({ start, end });
    start = end + 1;
  }
  const subheadings = lexicon().listSubheadings;
  for (let i = 0; i < lines.length; i++) {
    const header = text.slice(lines[i].start, lines[i].end).trim();
    if (!LIST_HEADER.test(header)) continue;
    const category = /成员国/u.test(header) ? 'country' : 'organization';
    for (let j = i + 1; j < lines.length; j++) {
      const { start, end } = lines[j];
      const line = text.slice(start, end);
      if (!line.trim()) continue;
      if (LIST_END.test(line) || /[。；]/u.test(line) || LIST_HEADER.test(line.trim())) break;
      let cellStart = start;
      for (const cell of line.split('\t')) {
        const lead = cell.length - cell.trimStart().length;
        const s = cellStart + lead;
        const e = s + cell.trim().length;
        cellStart += cell.length + 1;
        const name = itemText(doc, s, e, groups);
        if (!name || subheadings.has(name) || name.length > MAX_ITEM || countHan(name) < 2 || /[，,]/u.test(name)) continue;
        out.push(item(doc, { start: s, end: e }, name, category === 'country' ? 'country' : categoryOfName(name, 'organization')));
      }
    }
  }
  return out;
}

/** Clauses: runs of text between hard stops, bracket groups kept whole. */
function clauses(doc: PreparedDocument, groups: BracketGroup[]): Span[] {
  const out: Span[] = [];
  const opens = new Map(groups.map((g) => [g.open, g]));
  let start = 0;
  for (let i = 0; i < doc.text.length; i++) {
    const g = opens.get(i);
    if (g) {
      i = g.close;
      continue;
    }
    if (isHardStop(doc, i)) {
      if (i > start) out.push({ start, end: i });
      start = i + 1;
    }
  }
  if (start < doc.text.length) out.push({ start, end: doc.text.length });
  return out;
}

/** Marks the inside (not the ends) of every span, for constant-time "is this position inside a name". */
function interiorMask(length: number, spans: Span[]): Uint8Array {
  const mask = new Uint8Array(length);
  for (const s of spans) if (s.end - s.start > 1) mask.fill(1, s.start + 1, s.end);
  return mask;
}

function inlineLists(doc: PreparedDocument, groups: BracketGroup[], protectedSpans: Span[], ref: ReferenceIndex): Candidate[] {
  const out: Candidate[] = [];
  const { text } = doc;
  const known = new Set(protectedSpans.map((s) => termKey(text.slice(s.start, s.end))));
  const isKnown = (name: string) => {
    const key = termKey(name);
    return known.has(key) || ref.lookup(key).some((m) => ENTITY_CATEGORIES.has(m.concept.category) || m.concept.category === 'country');
  };
  // An inline item is an entity (an organization, body, meeting or group), not a document or an
  // activity: the clause 汇编各国数字发展报告 also ends in a name ending.
  const isName = (name: string) => {
    if (name.length > MAX_INLINE_ITEM || countHan(name) < 2) return false;
    if (isKnown(name)) return true;
    const suffix = nameSuffixOf(name);
    return !!suffix && ENTITY_CATEGORIES.has(suffix.category) && name.length >= suffix.suffix.length + 2;
  };
  const isItem = (x: { span: Span; name: string }) => isName(x.name) && (isKnown(x.name) || !hasBoundaryWord(doc, x.span));
  const inName = interiorMask(text.length, protectedSpans);
  const inGroup = interiorMask(text.length, groups.map((g) => ({ start: g.open, end: g.close + 1 })));
  for (const clause of clauses(doc, groups)) {
    const seps: number[] = [];
    for (const sep of ['、', '，', ',']) {
      seps.length = 0;
      for (let i = clause.start; i < clause.end; i++) {
        if (text[i] === sep && !inName[i] && !inGroup[i]) seps.push(i);
      }
      if (seps.length >= 2) break;
    }
    if (seps.length < 2) continue;
    const spans: Span[] = [];
    let s = clause.start;
    for (const sep of [...seps, clause.end]) {
      spans.push({ start: s, end: sep });
      s = sep + 1;
    }
    // First item: from the nearest boundary before its end; last item: up to its first boundary word.
    const first = spans[0];
    const firstStart = findNameStart(doc, first.end, { maxLength: MAX_ITEM });
    first.start = firstStart ?? first.end;
    spans[spans.length - 1].end = cutAtBoundary(doc, spans[spans.length - 1]);
    const items: Array<{ span: Span; name: string }> = [];
    for (const span of spans) {
      while (span.start < span.end && /\s/.test(text[span.start])) span.start++;
      while (span.end > span.start && /\s/.test(text[span.end - 1])) span.end--;
      if (span.end <= span.start) continue;
      items.push(...splitConjoined(doc, span, groups, isName, isKnown));
    }
    const good = items.filter(isItem);
    if (good.length < 3 || good.length < 0.6 * items.length) continue;
    for (const x of good) out.push(item(doc, x.span, x.name, categoryOfName(x.name, 'organization')));
  }
  return out;
}

/** True when a word inside the span is a boundary word, a particle or a number (一份, 第五十九届). */
function hasBoundaryWord(doc: PreparedDocument, span: Span): boolean {
  const tokens = doc.tokens();
  for (let k = tokenAt(tokens, span.start); k < tokens.count && tokens.start[k] < span.end; k++) {
    if (tokens.end[k] <= span.start) continue;
    if (isBoundaryToken(tokens.word[k], tokens.tag[k]) || tokens.tag[k].startsWith('m')) return true;
  }
  return false;
}

/** End of the last list item: before the first boundary word that follows a name ending. */
function cutAtBoundary(doc: PreparedDocument, span: Span): number {
  const tokens = doc.tokens();
  for (let k = tokenAt(tokens, span.start); k < tokens.count && tokens.start[k] < span.end; k++) {
    if (tokens.start[k] <= span.start) continue;
    if (isBoundaryToken(tokens.word[k], tokens.tag[k]) && nameSuffixOf(doc.text.slice(span.start, tokens.start[k]))) return tokens.start[k];
  }
  return span.end;
}

/** "世界经济论坛和世界银行" → two items when both sides are names; otherwise the item as it is. */
function splitConjoined(
  doc: PreparedDocument,
  span: Span,
  groups: BracketGroup[],
  isName: (name: string) => boolean,
  isKnown: (name: string) => boolean,
): Array<{ span: Span; name: string }> {
  const whole = { span, name: itemText(doc, span.start, span.end, groups) };
  // A name read in brackets or known to the glossary stays whole (国际图书馆协会和机构联合会(国际图联)).
  if (isKnown(whole.name) || (isName(whole.name) && !/[和与及]/u.test(whole.name))) return [whole];
  const tokens = doc.tokens();
  for (let k = tokenAt(tokens, span.start); k < tokens.count && tokens.start[k] < span.end; k++) {
    if (!['和', '与', '及', '以及'].includes(tokens.word[k])) continue;
    const left = { start: span.start, end: tokens.start[k] };
    const right = { start: tokens.end[k], end: span.end };
    const l = itemText(doc, left.start, left.end, groups);
    const r = itemText(doc, right.start, right.end, groups);
    if (isName(l) && isName(r) && nameSuffixOf(l) && nameSuffixOf(r)) return [{ span: left, name: l }, { span: right, name: r }];
  }
  return [whole];
}

