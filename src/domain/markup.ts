// Markup left in reports converted to text or Markdown (<sup>54</sup> footnote references, <br>,
// <span …>, and the markers a Word-to-text converter leaves: [footnoteRef:3], [bookmark: _Hlk83397445])
// is not part of the words: context snippets are shown without it. Offsets are never
// computed on the stripped text; they stay offsets into the document as stored.

/** A footnote reference: <sup>54</sup>, <sup>*</sup>, <sup>a, b</sup>. */
const FOOTNOTE = /<sup>[^<>]{0,12}<\/sup>/gi;
/** Any HTML start or end tag (the text between a pair is kept). */
const TAG = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>/g;
/** A tag cut by the start of a snippet ("p>", "/sup>"), then the rest of a cut footnote ("54</sup>"), or a tag cut by its end ("… <su"). */
const CUT_TAG_AT_START = /^\/?[a-zA-Z][a-zA-Z0-9]{0,9}\/?>/;
const CUT_FOOTNOTE_AT_START = /^[^<>]{0,12}<\/sup>/i;
const CUT_AT_END = /(?:<sup>[^<>]{0,12}|<\/?[a-zA-Z][^<>]*)$/i;
/** A Word converter's note reference or bookmark marker (only word characters, colons and brackets: HTML escaping leaves it as it is). */
export const WORD_MARKER = /\[(?:footnoteRef|endnoteRef|commentRef):\d{1,5}\]|\[bookmark: ?[\w-]{1,40}\]/g;
/** The tail of such a marker cut by the start of a snippet ("noteRef:3]", "_Hlk83397445]"), or its head cut by the end ("[footnoteR"). */
const CUT_WORD_MARKER_AT_START = /^[A-Za-z_: ]{0,14}\d{1,12}\]/;
const CUT_WORD_MARKER_AT_END = /\[(?:footnoteRef|endnoteRef|commentRef|bookmark)?[A-Za-z_: ]{0,14}\d{0,12}$/;

/** The text of a snippet without HTML tags; footnote references go with their number. */
export function stripMarkup(snippet: string): string {
  if (snippet.includes(']') || snippet.includes('[')) snippet = stripWordMarkers(snippet);
  if (!snippet.includes('<') && !snippet.includes('>')) return snippet;
  return snippet.replace(CUT_TAG_AT_START, '').replace(CUT_FOOTNOTE_AT_START, '').replace(CUT_AT_END, '').replace(FOOTNOTE, '').replace(TAG, '');
}

function stripWordMarkers(snippet: string): string {
  return snippet.replace(CUT_WORD_MARKER_AT_START, '').replace(CUT_WORD_MARKER_AT_END, '').replace(WORD_MARKER, '');
}
