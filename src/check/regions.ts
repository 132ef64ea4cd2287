// Where in the draft an occurrence stands: inside a 《title》, a quotation, a footnote or a table
// of contents, or on a heading or list line. Names there follow the thing quoted (a
// publication's title keeps its own wording, a table of contents repeats headings), so the
// naming rules treat them differently.

export const REGION = { title: 1, quote: 2, footnote: 4, toc: 8, url: 16, line: 32 } as const;

const OPEN_TITLE = new Set(['《', '〈']);
const CLOSE_TITLE = new Set(['》', '〉']);
const QUOTE_PAIRS: Record<string, string> = { '“': '”', '「': '」', '『': '』', '"': '"', '＂': '＂' };

/** A flag per UTF-16 unit of the original text. */
export function computeRegions(text: string): Uint8Array {
  const flags = new Uint8Array(text.length);
  // Titles and quotes: bracket pairs, never across a paragraph (an unclosed mark ends at the line end).
  let titleDepth = 0;
  let titleStart = -1;
  let quoteClose: string | null = null;
  let quoteStart = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      titleDepth = 0;
      quoteClose = null;
      continue;
    }
    if (OPEN_TITLE.has(ch)) {
      if (titleDepth === 0) titleStart = i;
      titleDepth++;
    } else if (CLOSE_TITLE.has(ch) && titleDepth > 0) {
      titleDepth--;
      if (titleDepth === 0) for (let k = titleStart; k <= i; k++) flags[k] |= REGION.title;
    } else if (quoteClose !== null && ch === quoteClose) {
      for (let k = quoteStart; k <= i; k++) flags[k] |= REGION.quote;
      quoteClose = null;
    } else if (quoteClose === null && QUOTE_PAIRS[ch] !== undefined) {
      quoteClose = QUOTE_PAIRS[ch];
      quoteStart = i;
    }
  }
  // Footnotes: Word exports as "[12: text]" or "[footnoteRef:12]" markers, Markdown "[^12]: text"
  // lines, and lines that start with a note number after the body ("12 参见 …" / "\* E/2021/1.").
  for (const m of text.matchAll(/\[\d{1,4}:[^\]\n]*\]|\[footnoteRef:\d+\]|<sup>[^<\n]{0,12}<\/sup>/g)) {
    for (let k = m.index!; k < m.index! + m[0].length; k++) flags[k] |= REGION.footnote;
  }
  for (const m of text.matchAll(/^(?:\[\^[^\]\n]+\]:|\\?\*\s|\d{1,3}\s{1,3}(?=\S)(?=[^\n]*(?:参见|见|https?:|www\.|[A-Z]\/\d)))[^\n]*/gm)) {
    for (let k = m.index!; k < m.index! + m[0].length; k++) flags[k] |= REGION.footnote;
  }
  // Short lines without sentence punctuation: headings, list items, attendance lists, table cells.
  // Names there are spelt out whatever the running text did before.
  for (const m of text.matchAll(/^[^\n]{1,40}$/gm)) {
    if (/[。，；：！？,;]/.test(m[0]) || m[0].trim() === '') continue;
    for (let k = m.index!; k < m.index! + m[0].length; k++) flags[k] |= REGION.line;
  }
  // Web and mail addresses: nothing in them is a name (www.gov.uk is not the UK).
  for (const m of text.matchAll(/(?:https?:\/\/|www\.)[^\s<>"'，。；、）)\]】》]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)) {
    for (let k = m.index!; k < m.index! + m[0].length; k++) flags[k] |= REGION.url;
  }
  // Table of contents: lines with leader dots (or a tab) and a page number at the end.
  for (const m of text.matchAll(/^[^\n]*(?:\.{3,}|…{1,}|·{3,}|\t)\s*\d{1,4}\s*$/gm)) {
    for (let k = m.index!; k < m.index! + m[0].length; k++) flags[k] |= REGION.toc;
  }
  return flags;
}

/** 1-based line and column (UTF-16 units) of offsets in a text. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}
