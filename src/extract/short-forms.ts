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
import { findNameStart, segmentStart, subsequenceStart, trimEnd } from './boundary.js';
import type { BracketGroup } from './brackets.js';
import { categoryOfName } from './categories.js';
import { type PreparedDocument, displayForm, isHardStop, isSoftStop } from './document.js';
import { lexicon, nameSuffixOf } from './lexicon.js';
import type { ReferenceIndex } from './reference.js';
import { isBoundaryToken } from './boundary.js';
import { tokenAt } from './segment.js';
import type { Candidate } from './types.js';

const SHORT_FORM = /^[\p{Script=Han}·]{2,12}$/u;

/** The alias a bracket offers, with its offset inside the bracket, or undefined. */
export function shortFormOf(inner: string): { text: string; offset: number } | undefined {
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
    return SHORT_FORM.test(text) ? { text, offset } : undefined;
  }
  if (lexicon().nonAliasOpeners.some((w) => text.startsWith(w))) return undefined;
  return SHORT_FORM.test(text) ? { text, offset } : undefined;
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
    const short = shortFormOf(g.inner);
    if (!short) continue;
    const nameEnd = trimEnd(text, g.open);
    if (nameEnd === 0 || isHardStop(doc, nameEnd - 1)) continue;
    const match = subsequenceStart(text, nameEnd, segmentStart(doc, nameEnd), short.text);
    if (!match || match.last < nameEnd - 3) continue;
    const shortKey = termKey(short.text);
    const start =
      referenceNameStart(doc, nameEnd, ref, (m) => m.concept.terms.some((t) => t.key === shortKey)) ??
      findNameStart(doc, nameEnd, { mustStartBy: match.start }) ??
      referenceNameStart(doc, nameEnd, ref, () => true);
    if (start === undefined || start > match.start || nameEnd - start <= short.text.length) continue;
    const name = displayForm(text.slice(start, nameEnd));
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
