// TMX 1.4b (Translation Memory eXchange): parse and serialise translation units.
//
// Reading streams through formats/xml.ts (no DTD is ever loaded, entity declarations are refused,
// UTF-8 and UTF-16 with BOM or declaration), one <tu> at a time. Errors name the line, column and
// element. Inline markup is stripped consistently: the native codes in <bpt>, <ept>, <it>, <ph>
// and <ut> (with any <sub> inside them) are dropped, and the text of <hi> is kept, so a segment
// is the plain text a translator reads. Serialising writes plain-text segments that validate
// against the TMX 1.4b DTD.
import { shorten } from '../domain/quote.js';
import { InputError } from '../domain/types.js';
import { type XmlElement, type XmlSource, XmlWriter, attr, childElements, elementError, readXml, textContent, xmlLang } from './xml.js';

export interface TmxVariant {
  /** xml:lang as written. */
  lang: string;
  /** The segment text, inline codes stripped. */
  text: string;
  /** changedate or creationdate of the variant, ISO 8601. */
  date: string | null;
}

export interface TmxProp {
  type: string;
  value: string;
}

export interface TmxUnit {
  tuid: string | null;
  variants: TmxVariant[];
  props: TmxProp[];
  notes: string[];
  /** changedate or creationdate of the unit, ISO 8601. */
  date: string | null;
  /** Where the <tu> starts in the file. */
  line: number;
}

export interface TmxHeader {
  srclang: string | null;
  adminlang: string | null;
  creationtool: string | null;
  datatype: string | null;
  segtype: string | null;
}

export interface ParsedTmx {
  version: string | null;
  header: TmxHeader;
  units: TmxUnit[];
}

/** Codes whose content is native markup, not text (TMX 1.4b §3.7). */
const CODE_ELEMENTS = new Set(['bpt', 'ept', 'it', 'ph', 'ut']);

/** 20020523T091200Z → 2002-05-23T09:12:00Z; anything else unchanged (ISO input passes through). */
export function tmxDateToIso(value: string | undefined): string | null {
  if (!value) return null;
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value.trim());
  if (m) return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
  return /^\d{4}-\d{2}-\d{2}/.test(value.trim()) ? value.trim() : null;
}

/** ISO 8601 (date or date-time) → TMX's YYYYMMDDThhmmssZ, or undefined when not a date. */
export function isoToTmxDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) return undefined;
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** The text of a <seg>: character data and <hi> text; inline codes dropped. */
function segText(seg: XmlElement, fileName?: string): string {
  let out = '';
  for (const child of seg.children) {
    if (typeof child === 'string') out += child;
    else if (child.local === 'hi') out += segText(child, fileName);
    else if (!CODE_ELEMENTS.has(child.local)) throw elementError(child, `not allowed inside <${shorten(seg.local)}> in TMX 1.4b`, fileName);
  }
  return out;
}

function parseUnit(tu: XmlElement, fileName?: string): TmxUnit {
  const variants: TmxVariant[] = [];
  for (const tuv of childElements(tu, 'tuv')) {
    // TMX 1.1 wrote `lang`; 1.4 `xml:lang`.
    const lang = xmlLang(tuv) ?? attr(tuv, 'lang');
    if (!lang?.trim()) throw elementError(tuv, 'missing xml:lang', fileName);
    const segs = childElements(tuv, 'seg');
    if (segs.length !== 1) throw elementError(tuv, segs.length === 0 ? 'missing <seg>' : 'more than one <seg>', fileName);
    variants.push({
      lang: lang.trim(),
      text: segText(segs[0], fileName),
      date: tmxDateToIso(attr(tuv, 'changedate') ?? attr(tuv, 'creationdate')),
    });
  }
  if (variants.length === 0) throw elementError(tu, 'a translation unit needs at least one <tuv>', fileName);
  const props: TmxProp[] = [];
  for (const prop of childElements(tu, 'prop')) {
    const type = attr(prop, 'type');
    if (!type) throw elementError(prop, 'missing type', fileName);
    props.push({ type, value: textContent(prop) });
  }
  return {
    tuid: attr(tu, 'tuid') ?? null,
    variants,
    props,
    notes: childElements(tu, 'note').map((n) => textContent(n)),
    date: tmxDateToIso(attr(tu, 'changedate') ?? attr(tu, 'creationdate')),
    line: tu.line,
  };
}

/**
 * Parses a whole TMX document. Throws an InputError with line, column and element on malformed
 * XML or a structure TMX does not allow (no <tmx> root, <tuv> without xml:lang or <seg>, …).
 */
export async function parseTmx(source: XmlSource, options: { fileName?: string } = {}): Promise<ParsedTmx> {
  const fileName = options.fileName;
  const units: TmxUnit[] = [];
  let version: string | null = null;
  let header: TmxHeader | null = null;
  let sawRoot = false;
  let sawBody = false;
  for await (const event of readXml(source, {
    fileName,
    collect: (el, ancestors) => (el.local === 'tu' || el.local === 'header') && ancestors.length <= 2,
  })) {
    if (event.type === 'start') {
      const el = event.element;
      if (event.depth === 0) {
        if (el.local !== 'tmx') throw elementError(el, 'the root element of a TMX file must be <tmx>', fileName);
        version = attr(el, 'version') ?? null;
        sawRoot = true;
      } else if (el.local === 'body' && event.depth === 1) {
        sawBody = true;
      } else if (event.depth === 1) {
        throw elementError(el, 'expected <header> or <body> inside <tmx>', fileName);
      } else if (event.depth === 2 && el.local !== 'tu') {
        throw elementError(el, 'only <tu> elements are allowed in <body>', fileName);
      }
    } else if (event.type === 'element') {
      const el = event.element;
      if (el.local === 'header') {
        header = {
          srclang: attr(el, 'srclang') ?? null,
          adminlang: attr(el, 'adminlang') ?? null,
          creationtool: attr(el, 'creationtool') ?? null,
          datatype: attr(el, 'datatype') ?? null,
          segtype: attr(el, 'segtype') ?? null,
        };
      } else if (event.depth !== 2) {
        throw elementError(el, `<${shorten(el.local)}> is not allowed here`, fileName);
      } else {
        units.push(parseUnit(el, fileName));
      }
    } else if (event.type === 'text' && sawRoot) {
      throw new InputError(`${fileName ? `${fileName}: ` : ''}line ${event.line}, column ${event.column}: text outside a <seg>`);
    }
  }
  if (!sawRoot) throw new InputError(`${fileName ? `${fileName}: ` : ''}not a TMX file (no <tmx> root element)`);
  if (!sawBody) throw new InputError(`${fileName ? `${fileName}: ` : ''}the TMX file has no <body>`);
  return {
    version,
    header: header ?? { srclang: null, adminlang: null, creationtool: null, datatype: null, segtype: null },
    units,
  };
}

// ------------------------------------------------------------------------------------ writing

export interface TmxWriteUnit {
  tuid?: string | number;
  /** ISO 8601 creation date of the translation. */
  date?: string | null;
  props?: TmxProp[];
  variants: Array<{ lang: string; text: string }>;
}

export interface TmxWriteOptions {
  srclang?: string;
  adminlang?: string;
  creationtool?: string;
  creationtoolversion?: string;
  /** Units per chunk handed to the consumer (default 200). */
  chunkUnits?: number;
}

/**
 * Serialises units as a TMX 1.4b document, in chunks (flat memory for any size). The output is
 * valid against tmx14.dtd: the header carries every required attribute, each <tuv> one <seg>.
 */
export function* serializeTmx(units: Iterable<TmxWriteUnit>, options: TmxWriteOptions = {}): Generator<string> {
  const w = new XmlWriter({ indent: '  ' });
  w.declaration().doctype('tmx', 'tmx14.dtd');
  w.open('tmx', { version: '1.4' });
  w.element('header', {
    creationtool: options.creationtool ?? 'TermDesk',
    creationtoolversion: options.creationtoolversion ?? '1',
    segtype: 'sentence',
    'o-tmf': 'TermDesk',
    adminlang: options.adminlang ?? 'en',
    srclang: options.srclang ?? 'en',
    datatype: 'plaintext',
  });
  w.open('body');
  const chunk = options.chunkUnits ?? 200;
  let n = 0;
  for (const unit of units) {
    if (unit.variants.length === 0) throw new Error('a TMX unit needs at least one variant');
    w.open('tu', { tuid: unit.tuid === undefined ? undefined : String(unit.tuid), creationdate: isoToTmxDate(unit.date) });
    for (const p of unit.props ?? []) w.element('prop', { type: p.type }, p.value);
    for (const v of unit.variants) {
      w.open('tuv', { 'xml:lang': v.lang });
      w.element('seg', undefined, v.text);
      w.close();
    }
    w.close();
    if (++n % chunk === 0) yield w.take();
  }
  w.close().close();
  yield w.take();
}
