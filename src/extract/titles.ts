// Titles and document symbols.
//
// A title is what stands between 《 and 》 on one line (3 to 80 characters): documents, agreements,
// publications. It is kept with its title marks, the way the reference glossary writes titles
// (《内罗毕共识》). A document symbol in brackets right after it is attached to it:
// 《内罗毕共识》(TD/519/Add.2).
//
// A bare symbol (A/76/220, TD/B/EDE/5/2, E/2021/1, E/2020/31-E/CN.16/2020/4 as two) is a reference
// of its own: a series from data/symbol-series.txt, then slash-separated parts, one with a digit.
// It is stored as a term (lang en, type abbreviation) so a lookup by symbol finds the document.
import type { BracketGroup } from './brackets.js';
import { type PreparedDocument, displayForm } from './document.js';
import { lexicon } from './lexicon.js';
import type { Candidate, CandidateTerm } from './types.js';

const TITLE = /《([^《》\n]{3,80})》/gu;
const SYMBOL = /(?<![A-Za-z0-9/.])([A-Z]{1,6})((?:\/[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)+)/g;
export const SYMBOL_NOTE = 'United Nations document symbol';

/** A document symbol's text, or undefined when the string is not one. */
export function asSymbol(series: string, rest: string): string | undefined {
  if (!lexicon().symbolSeries.has(series) || !/\d/.test(rest)) return undefined;
  return series + rest.replace(/\.+$/, '');
}

function symbolTerm(text: string, start: number): CandidateTerm {
  return { text, lang: 'en', type: 'abbreviation', start, end: start + text.length, note: SYMBOL_NOTE };
}

/** Every document symbol in the text (outside URLs and markup). */
export function findSymbols(doc: PreparedDocument): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  for (const m of doc.text.matchAll(SYMBOL)) {
    if (doc.masked[m.index]) continue;
    const text = asSymbol(m[1], m[2]);
    if (text) out.push({ text, start: m.index });
  }
  return out;
}

export function extractTitles(doc: PreparedDocument, groups: BracketGroup[]): Candidate[] {
  const out: Candidate[] = [];
  const symbols = new Map(findSymbols(doc).map((s) => [s.start, s]));
  const groupByOpen = new Map(groups.map((g) => [g.open, g]));
  for (const m of doc.text.matchAll(TITLE)) {
    if (doc.masked[m.index]) continue;
    const start = m.index;
    const end = start + m[0].length;
    const terms: CandidateTerm[] = [{ text: displayForm(m[0]), lang: 'zh-Hans', type: 'fullForm', start, end }];
    let candidateEnd = end;
    const next = doc.text.slice(end, end + 2).search(/[(（]/u);
    if (next >= 0 && /^\s?$/.test(doc.text.slice(end, end + next))) {
      const group = groupByOpen.get(end + next);
      const symbol = group && symbols.get(group.open + 1 + (group.inner.length - group.inner.trimStart().length));
      if (group && symbol && group.inner.trim() === symbol.text) {
        terms.push(symbolTerm(symbol.text, symbol.start));
        candidateEnd = group.close + 1;
      }
    }
    out.push({ extractor: 'title', category: 'document', doc: doc.index, start, end: candidateEnd, terms });
  }
  return out;
}

export function extractSymbols(doc: PreparedDocument): Candidate[] {
  return findSymbols(doc).map((s) => ({
    extractor: 'symbol' as const,
    category: 'document' as const,
    doc: doc.index,
    start: s.start,
    end: s.start + s.text.length,
    terms: [symbolTerm(s.text, s.start)],
  }));
}
