// XLIFF, the bilingual files Trados (.sdlxliff), memoQ (.mqxliff), Phrase and OmegaT exchange:
// version 1.2 (<trans-unit> with <source> and <target>) and 2.x (<unit> with <segment>s), read
// with the safe streaming XML reader (no DTD, no entities), one unit at a time.
//
// A unit becomes one bilingual segment: its source and target as plain text, inline codes kept
// out of the text (<x/>, <ph>…</ph>, <bpt>, <sc/> …: their content is markup of the original
// format, not words) but recorded with the offset where they stood, so a finding can be mapped
// back into the tagged text. The text inside paired codes (<g>, <pc>, <mrk>) is text. A 2.x unit
// with several <segment>s is joined with its <ignorable>s, in document order, as the paragraph
// it is. <alt-trans> (1.2 translation-memory matches) is not the translation and is left out.
import { InputError } from '../domain/types.js';
import type { Lang } from '../domain/types.js';
import { langFromTag } from './languages.js';
import { type XmlElement, type XmlNode, type XmlSource, XmlError, attr, readXml } from './xml.js';

/** An inline code removed from the text: where it stood (UTF-16 offset) and what it was. */
export interface InlineCode {
  offset: number;
  element: string;
  id?: string;
}

export interface SegmentSide {
  text: string;
  codes: InlineCode[];
  /** 1-based line and column of the <source>/<target> element in the file. */
  line: number;
  column: number;
}

export interface BilingualSegment {
  /** The trans-unit or unit id (made unique within the file when two <file>s repeat one). */
  id: string;
  source: SegmentSide;
  /** null when the unit has no translation yet. */
  target: SegmentSide | null;
}

export interface BilingualDocument {
  format: 'xliff-1.2' | 'xliff-2';
  version: string;
  /** The languages the file declares (as written) and what TermDesk reads them as. */
  sourceLanguage: string | null;
  targetLanguage: string | null;
  sourceLang: Lang | null;
  targetLang: Lang | null;
  segments: BilingualSegment[];
  /** Units marked translate="no" (1.2) / translate="no" on the unit (2.x): left out. */
  notTranslatable: number;
}

/** Inline elements whose content is native code (XLIFF 1.2 ph/bpt/ept/it/sub, 2.x originalData). */
const CODE_CONTENT = new Set(['ph', 'bpt', 'ept', 'it', 'sub', 'originalData']);
/** Inline elements whose content is text (1.2 g and mrk, 2.x pc and mrk). */
const TEXT_CONTENT = new Set(['g', 'mrk', 'pc']);
/** Empty inline codes (1.2 x, bx, ex; 2.x ph, sc, ec, sm, em). */
const EMPTY_CODES = new Set(['x', 'bx', 'ex', 'sc', 'ec', 'sm', 'em']);

const MAX_SEGMENTS = 1_000_000;

function whereIs(el: XmlElement, fileName?: string): string {
  return `${fileName ? `${fileName}: ` : ''}line ${el.line}`;
}

/** The plain text of a <source>/<target> and the inline codes taken out of it. */
export function inlineText(element: XmlElement, fileName?: string): { text: string; codes: InlineCode[] } {
  let text = '';
  const codes: InlineCode[] = [];
  const walk = (node: XmlNode) => {
    if (typeof node === 'string') {
      text += node;
      return;
    }
    const id = attr(node, 'id');
    const code = (element: string) => codes.push(id !== undefined ? { offset: text.length, element, id } : { offset: text.length, element });
    if (node.local === 'cp') {
      // XLIFF 2: a character XML cannot carry, by its code point.
      const hex = attr(node, 'hex') ?? '';
      const cp = /^[0-9a-fA-F]{1,6}$/.test(hex) ? Number.parseInt(hex, 16) : Number.NaN;
      if (!(cp >= 0 && cp <= 0x10ffff)) throw new InputError(`${whereIs(node, fileName)}: <cp hex="${hex.slice(0, 12)}"> is not a code point`);
      text += String.fromCodePoint(cp);
      return;
    }
    if (TEXT_CONTENT.has(node.local)) {
      code(node.local);
      for (const c of node.children) walk(c);
      code(`/${node.local}`);
      return;
    }
    if (node.local === 'ph' && node.children.length === 0) {
      code('ph');
      return;
    }
    if (CODE_CONTENT.has(node.local) || EMPTY_CODES.has(node.local)) {
      code(node.local);
      return;
    }
    // Anything else inline (a tool's own element): its text is kept, the element recorded.
    code(node.local);
    for (const c of node.children) walk(c);
  };
  for (const c of element.children) walk(c);
  return { text, codes };
}

function side(element: XmlElement, fileName?: string): SegmentSide {
  const { text, codes } = inlineText(element, fileName);
  return { text, codes, line: element.line, column: element.column };
}

/** Joins 2.x segment and ignorable parts into one side, shifting the codes' offsets. */
function joinSides(parts: SegmentSide[]): SegmentSide | null {
  if (parts.length === 0) return null;
  let text = '';
  const codes: InlineCode[] = [];
  for (const p of parts) {
    for (const c of p.codes) codes.push({ ...c, offset: c.offset + text.length });
    text += p.text;
  }
  return { text, codes, line: parts[0].line, column: parts[0].column };
}

function childrenNamed(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && c.local === local);
}

function unit12(tu: XmlElement, fileName?: string): { source: SegmentSide; target: SegmentSide | null } {
  const source = childrenNamed(tu, 'source')[0];
  if (!source) throw new XmlError('<trans-unit> has no <source>', tu.line, tu.column, fileName);
  const target = childrenNamed(tu, 'target')[0];
  return { source: side(source, fileName), target: target ? side(target, fileName) : null };
}

function unit2(unit: XmlElement, fileName?: string): { source: SegmentSide; target: SegmentSide | null } {
  const sources: SegmentSide[] = [];
  const targets: SegmentSide[] = [];
  let translated = false;
  for (const part of unit.children) {
    if (typeof part === 'string' || (part.local !== 'segment' && part.local !== 'ignorable')) continue;
    const source = childrenNamed(part, 'source')[0];
    if (!source) throw new XmlError(`<${part.name}> has no <source>`, part.line, part.column, fileName);
    const target = childrenNamed(part, 'target')[0];
    sources.push(side(source, fileName));
    if (target) {
      targets.push(side(target, fileName));
      if (part.local === 'segment') translated = true;
    } else if (part.local === 'ignorable') {
      // An ignorable without a target is carried over as it is (white space between sentences).
      targets.push(side(source, fileName));
    }
  }
  if (sources.length === 0) throw new XmlError('<unit> has no <segment>', unit.line, unit.column, fileName);
  return { source: joinSides(sources)!, target: translated ? joinSides(targets) : null };
}

/**
 * Reads an XLIFF 1.2 or 2.x file into bilingual segments. Refuses other XML, a missing or unknown
 * version, and units without a source, with the line; DTDs and entities are refused by the reader.
 */
export async function readXliff(source: XmlSource, options: { fileName?: string } = {}): Promise<BilingualDocument> {
  const fileName = options.fileName;
  let doc: BilingualDocument | undefined;
  let fileIndex = 0;
  let fileLabel = '';
  const seen = new Set<string>();
  const events = readXml(source, {
    fileName,
    // Decided from the root's version attribute: the reader asks while it parses a chunk, before
    // this loop has seen the root's start event.
    collect: (el, ancestors) => {
      const root = ancestors[0];
      if (root?.local !== 'xliff') return false;
      return (attr(root, 'version') ?? '').startsWith('1.') ? el.local === 'trans-unit' : el.local === 'unit';
    },
  });
  for await (const event of events) {
    if (event.type === 'start' && event.depth === 0) {
      const root = event.element;
      if (root.local !== 'xliff') throw new InputError(`${fileName ?? 'the file'} is not an XLIFF file: its root element is <${root.name}>, not <xliff>`);
      const version = attr(root, 'version') ?? '';
      const format = version === '1.2' || version === '1.1' ? 'xliff-1.2' : /^2\.\d$/.test(version) ? 'xliff-2' : undefined;
      if (!format) throw new XmlError(`XLIFF version "${version.slice(0, 20)}" is not supported (1.2 and 2.x are)`, root.line, root.column, fileName);
      const src = format === 'xliff-2' ? (attr(root, 'srcLang') ?? null) : null;
      const trg = format === 'xliff-2' ? (attr(root, 'trgLang') ?? null) : null;
      doc = { format, version, sourceLanguage: src, targetLanguage: trg, sourceLang: null, targetLang: null, segments: [], notTranslatable: 0 };
      continue;
    }
    if (!doc) continue;
    if (event.type === 'start' && event.element.local === 'file') {
      fileIndex++;
      fileLabel = attr(event.element, 'original') ?? attr(event.element, 'id') ?? String(fileIndex);
      if (doc.format === 'xliff-1.2') {
        doc.sourceLanguage ??= attr(event.element, 'source-language') ?? null;
        doc.targetLanguage ??= attr(event.element, 'target-language') ?? null;
      }
      continue;
    }
    if (event.type !== 'element') continue;
    const el = event.element;
    if (attr(el, 'translate') === 'no') {
      doc.notTranslatable++;
      continue;
    }
    const rawId = attr(el, 'id');
    if (rawId === undefined || rawId === '') throw new XmlError(`<${el.name}> has no id`, el.line, el.column, fileName);
    const id = seen.has(rawId) ? `${fileLabel}/${rawId}` : rawId;
    seen.add(id);
    const parts = doc.format === 'xliff-1.2' ? unit12(el, fileName) : unit2(el, fileName);
    if (doc.segments.length >= MAX_SEGMENTS) throw new InputError(`${fileName ?? 'the file'}: more than ${MAX_SEGMENTS} units`);
    doc.segments.push({ id, ...parts });
  }
  if (!doc) throw new InputError(`${fileName ?? 'the file'} is not an XLIFF file`);
  doc.sourceLang = doc.sourceLanguage ? (langFromTag(doc.sourceLanguage) ?? null) : null;
  doc.targetLang = doc.targetLanguage ? (langFromTag(doc.targetLanguage) ?? null) : null;
  return doc;
}

/**
 * Aligned plain texts: line n of the source is the translation unit of line n of the target.
 * Segment ids are line numbers; pairs of empty lines are skipped. Different line counts are refused.
 */
export function alignedLines(sourceText: string, targetText: string, names: { source: string; target: string }): BilingualSegment[] {
  const split = (t: string) => {
    const lines = t.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
    while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
    return lines;
  };
  const src = split(sourceText);
  const trg = split(targetText);
  if (src.length !== trg.length) {
    throw new InputError(
      `${names.source} has ${src.length} lines and ${names.target} ${trg.length}: aligned texts need one segment a line, in the same order (to align a report and its translation sentence by sentence, use tm import --pair)`,
    );
  }
  const segments: BilingualSegment[] = [];
  for (let i = 0; i < src.length; i++) {
    if (src[i].trim() === '' && trg[i].trim() === '') continue;
    segments.push({
      id: String(i + 1),
      source: { text: src[i], codes: [], line: i + 1, column: 1 },
      target: trg[i].trim() === '' ? null : { text: trg[i], codes: [], line: i + 1, column: 1 },
    });
  }
  return segments;
}
