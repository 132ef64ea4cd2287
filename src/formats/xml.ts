// Safe streaming XML: a reader on saxes and a writer/escaper, shared by every XML format (TBX, TMX).
//
// Reading is safe by construction: saxes never loads a DTD and never expands an entity it was not
// told about, and this reader refuses any document that declares entities or carries an internal
// DTD subset (billion laughs, external entities) before it has delivered a single element. A plain
// `<!DOCTYPE martif SYSTEM "x.dtd">` (common in TBX v2 and TMX files) is accepted and ignored: the
// DTD is never opened. The five standard entities and character references work as usual.
//
// The reader streams: give it a string, a Buffer or any (async) iterable of chunks (a file stream,
// an upload) and it yields the elements you ask it to collect as small trees, plus start/end events
// for the elements around them. Memory stays proportional to the largest collected element.
// Every error is an XmlError (an InputError) carrying the line and column.
import { shorten } from '../domain/quote.js';
import { firstInvalidUtf8 } from '../io/text.js';
import iconv from 'iconv-lite';
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { InputError } from '../domain/types.js';

export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

// ------------------------------------------------------------------------------------ reading

export interface XmlAttribute {
  /** Qualified name as written (`xml:lang`, `type`). */
  name: string;
  /** Local name (`lang`, `type`). */
  local: string;
  /** Namespace URI; '' for unprefixed attributes. */
  uri: string;
  value: string;
}

export interface XmlElement {
  /** Qualified name as written (`tbx:termSec`). */
  name: string;
  /** Local name, what formats match on (`termSec`). */
  local: string;
  /** Namespace URI ('' when none). */
  uri: string;
  /** Attributes in document order, namespace declarations left out. */
  attributes: XmlAttribute[];
  /** Child elements and text, in document order (adjacent text merged). Empty on `start` events. */
  children: XmlNode[];
  /** 1-based line and column of the element's `<`. */
  line: number;
  column: number;
}

export type XmlNode = XmlElement | string;

export type XmlEvent =
  /** An element that is not collected opens (its children are not recorded). */
  | { type: 'start'; element: XmlElement; depth: number }
  /** That element closes. */
  | { type: 'end'; element: XmlElement; depth: number }
  /** A collected element, complete with its subtree. */
  | { type: 'element'; element: XmlElement; depth: number }
  /** Non-whitespace text outside collected elements. */
  | { type: 'text'; text: string; line: number; column: number };

export type XmlSource = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

export interface ReadXmlOptions {
  /**
   * Which elements to deliver whole, as trees. Called for each element that opens outside an
   * already collected one, with its start tag (no children yet) and its open ancestors.
   * Default: none (only start/end events).
   */
  collect?: (element: XmlElement, ancestors: readonly XmlElement[]) => boolean;
  /** Deepest element nesting accepted (default 256). */
  maxDepth?: number;
  /**
   * Most characters of text in one collected element (a TMX <tu>, a TBX entry), and in one run
   * of text between two tags anywhere (default 1,000,000): checked while reading, so a 40 MB
   * segment is refused after its first megabyte, not held whole.
   */
  maxText?: number;
  /** Name used in error messages (a file name). */
  fileName?: string;
}

/** A malformed or refused XML document; line and column are 1-based. */
export class XmlError extends InputError {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
    readonly fileName?: string,
  ) {
    super(`${fileName ? `${fileName}: ` : ''}line ${line}, column ${column}: ${reason}`);
    this.name = 'XmlError';
  }
}

/** Raises an XmlError located at an element's start tag (for format-level checks). */
export function elementError(element: XmlElement, reason: string, fileName?: string): XmlError {
  return new XmlError(`<${element.name}>: ${reason}`, element.line, element.column, fileName);
}

const DEFAULT_MAX_DEPTH = 256;
const DEFAULT_MAX_TEXT = 1_000_000;

/**
 * Streams an XML document as events. Collected elements arrive whole (`element` events); the
 * elements around them arrive as `start`/`end` pairs. Throws XmlError on malformed input, on any
 * DTD internal subset or ENTITY declaration, and on undefined entities.
 */
export async function* readXml(source: XmlSource, options: ReadXmlOptions = {}): AsyncGenerator<XmlEvent> {
  const reader = new XmlEventReader(options);
  for await (const text of decodeXmlSource(source, options.fileName)) {
    reader.write(text);
    if (reader.events.length > 0) yield* reader.take();
  }
  reader.close();
  yield* reader.take();
}

/** Reads a whole (small) document into one tree: the root element. */
export async function readXmlTree(source: XmlSource, options: Omit<ReadXmlOptions, 'collect'> = {}): Promise<XmlElement> {
  for await (const event of readXml(source, { ...options, collect: (_el, ancestors) => ancestors.length === 0 })) {
    if (event.type === 'element') return event.element;
  }
  throw new XmlError('the document has no root element', 1, 1, options.fileName);
}

/** The push-side of the reader: feed text with write(), collect events with take(). */
class XmlEventReader {
  events: XmlEvent[] = [];
  private readonly parser: SaxesParser<{ xmlns: true; position: true }>;
  /** Open elements: [element, collected?] from the root down. */
  private readonly open: XmlElement[] = [];
  /** Depth (index into `open`) of the collected element being built, or -1. */
  private collecting = -1;
  private rootSeen = false;
  private pendingStart: { line: number; column: number } | undefined;
  private lastClosed: XmlElement | undefined;
  private readonly maxDepth: number;
  private readonly maxText: number;
  /** Characters written since the last `<`: a run of text (or one tag) still being buffered. */
  private textRun = 0;
  /** Characters of text in the collected element being built. */
  private collectedText = 0;

  constructor(private readonly options: ReadXmlOptions) {
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.maxText = options.maxText ?? DEFAULT_MAX_TEXT;
    const parser = new SaxesParser({ xmlns: true, position: true });
    this.parser = parser;
    // saxes looks entity names up in ENTITIES (the five standard ones) and reports only
    // "undefined entity": remember the name it looked up last, to say which one.
    let lastEntity = '';
    parser.ENTITIES = new Proxy(parser.ENTITIES, {
      get(target, name, receiver) {
        if (typeof name === 'string') lastEntity = name;
        return Reflect.get(target, name, receiver) as unknown;
      },
    });
    parser.on('error', (err) => {
      // saxes prefixes "line:column: "; we give our own position.
      let reason = err.message.replace(/^(?:.*?:)?\d+:\d+: /, '').replace(/\.$/, '');
      if (reason === 'undefined entity') {
        reason = `unknown entity "&${shorten(lastEntity, 40)};" (only &amp; &lt; &gt; &quot; &apos; and character references are allowed)`;
      }
      // saxes pops the open element before complaining about a close tag that does not match it.
      if (reason === 'unexpected close tag' && this.lastClosed) {
        const el = this.lastClosed;
        throw new XmlError(
          `closing tag does not match <${shorten(el.name)}> opened at line ${el.line}`,
          parser.line,
          Math.max(1, parser.column),
          this.options.fileName,
        );
      }
      throw this.error(reason);
    });
    parser.on('doctype', (doctype) => {
      if (doctype.includes('[')) throw this.error('DOCTYPE with an internal subset is not accepted (DTDs and entity declarations are refused for safety)');
    });
    parser.on('opentagstart', (tag) => {
      // saxes has read the name and the character after it; the `<` (1-based) is name.length + 1 back.
      this.pendingStart = { line: parser.line, column: Math.max(1, parser.column - tag.name.length - 1) };
    });
    parser.on('opentag', (tag) => this.onOpen(tag));
    parser.on('closetag', () => this.onClose());
    parser.on('text', (text) => this.onText(text));
    parser.on('cdata', (text) => this.onText(text));
  }

  write(text: string): void {
    if (!this.rootSeen) this.refuseEntityDeclarations(text);
    const lt = text.lastIndexOf('<');
    this.textRun = lt < 0 ? this.textRun + text.length : text.length - lt - 1;
    if (this.textRun > this.maxText) throw this.error(`more than ${this.maxText.toLocaleString('en')} characters without a tag; no segment or term is that long`);
    this.parser.write(text);
  }

  close(): void {
    this.parser.close();
    if (!this.rootSeen) throw this.error('the document has no root element');
  }

  *take(): Generator<XmlEvent> {
    const events = this.events;
    this.events = [];
    yield* events;
  }

  /**
   * Fails fast on entity declarations before saxes has buffered a whole internal subset: the
   * prolog is the only place one can appear, and we refuse them all.
   */
  private refuseEntityDeclarations(text: string): void {
    // Only the part before the first start tag can be prolog (a CDATA section later may say anything).
    const firstTag = text.search(/<[^!?/]/);
    const at = (firstTag < 0 ? text : text.slice(0, firstTag)).search(/<!ENTITY\b/);
    if (at < 0) return;
    const before = text.slice(0, at);
    const newlines = before.split('\n').length - 1;
    const line = this.parser.line + newlines;
    const column = newlines === 0 ? this.parser.column + at + 1 : at - before.lastIndexOf('\n');
    throw new XmlError('ENTITY declarations are not accepted (DTDs and entities are refused for safety)', line, column, this.options.fileName);
  }

  private error(reason: string): XmlError {
    const inside = this.open.length > 0 ? ` (inside <${this.open[this.open.length - 1].name}>)` : '';
    return new XmlError(`${reason}${inside}`, this.parser.line, Math.max(1, this.parser.column), this.options.fileName);
  }

  private onOpen(tag: SaxesTagNS): void {
    this.rootSeen = true;
    const at = this.pendingStart ?? { line: this.parser.line, column: this.parser.column };
    this.pendingStart = undefined;
    const attributes: XmlAttribute[] = [];
    for (const a of Object.values(tag.attributes) as SaxesAttributeNS[]) {
      if (a.prefix === 'xmlns' || (a.prefix === '' && a.local === 'xmlns')) continue;
      attributes.push({ name: a.name, local: a.local, uri: a.uri, value: a.value });
    }
    const element: XmlElement = {
      name: tag.name,
      local: tag.local,
      uri: tag.uri,
      attributes,
      children: [],
      line: at.line,
      column: at.column,
    };
    if (this.open.length >= this.maxDepth) throw this.error(`elements are nested deeper than ${this.maxDepth} levels`);
    const depth = this.open.length;
    if (this.collecting >= 0) {
      this.open[this.open.length - 1].children.push(element);
    } else if (this.options.collect?.(element, this.open)) {
      this.collecting = depth;
      this.collectedText = 0;
    } else {
      this.events.push({ type: 'start', element, depth });
    }
    this.open.push(element);
  }

  private onClose(): void {
    const element = this.open.pop()!;
    this.lastClosed = element;
    const depth = this.open.length;
    if (this.collecting >= 0) {
      if (depth === this.collecting) {
        this.collecting = -1;
        this.events.push({ type: 'element', element, depth });
      }
      return;
    }
    this.events.push({ type: 'end', element, depth });
  }

  private onText(text: string): void {
    if (this.collecting >= 0) {
      this.collectedText += text.length;
      if (this.collectedText > this.maxText) {
        const el = this.open[this.collecting];
        throw new XmlError(
          `<${el.name}> holds more than ${this.maxText.toLocaleString('en')} characters of text; no segment or term is that long`,
          el.line,
          el.column,
          this.options.fileName,
        );
      }
      const children = this.open[this.open.length - 1].children;
      const last = children.length - 1;
      if (last >= 0 && typeof children[last] === 'string') children[last] += text;
      else children.push(text);
      return;
    }
    if (this.open.length > 0 && text.trim() !== '') {
      this.events.push({ type: 'text', text, line: this.parser.line, column: this.parser.column });
    }
  }
}

// ------------------------------------------------------------------------------------ decoding

/**
 * Turns bytes into text: a BOM decides (UTF-8, UTF-16LE/BE); otherwise the XML declaration's
 * encoding (any encoding iconv-lite knows, e.g. GB18030); otherwise UTF-8, strictly.
 */
export async function* decodeXmlSource(source: XmlSource, fileName?: string): AsyncGenerator<string> {
  // A whole document in memory is still fed in slices, so events stream out as it is read
  // (saxes carries a surrogate pair or CR split between writes over to the next one).
  if (typeof source === 'string') {
    const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
    for (let i = 0; i < text.length; i += SLICE) yield text.slice(i, i + SLICE);
    return;
  }
  const chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array> =
    source instanceof Uint8Array ? slices(source) : source;
  let decoder: ChunkDecoder | undefined;
  let head: Uint8Array[] = [];
  let headLength = 0;
  let first = true;
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      yield first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
      first = false;
      continue;
    }
    first = false;
    if (!decoder) {
      // Sniff the encoding from the first bytes (the XML declaration fits in 256).
      head.push(chunk);
      headLength += chunk.length;
      if (headLength < 256) continue;
      const bytes = Buffer.concat(head);
      head = [];
      decoder = chooseDecoder(bytes, fileName);
      yield decoder.write(bytes);
      continue;
    }
    yield decoder.write(chunk);
  }
  if (!decoder) {
    if (headLength === 0) return;
    const bytes = Buffer.concat(head);
    decoder = chooseDecoder(bytes, fileName);
    yield decoder.write(bytes);
  }
  yield decoder.end();
}

const SLICE = 64 * 1024;

function* slices(bytes: Uint8Array): Generator<Uint8Array> {
  if (bytes.length === 0) return;
  for (let i = 0; i < bytes.length; i += SLICE) yield bytes.subarray(i, i + SLICE);
}

interface ChunkDecoder {
  write(bytes: Uint8Array): string;
  end(): string;
}

function chooseDecoder(head: Uint8Array, fileName?: string): ChunkDecoder {
  const b = head;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return utf8Decoder(fileName, 3);
  if (b[0] === 0xff && b[1] === 0xfe) return textDecoder('utf-16le', fileName, 2);
  if (b[0] === 0xfe && b[1] === 0xff) return textDecoder('utf-16be', fileName, 2);
  // UTF-16 without a BOM still starts with "<" (0x3C) paired with a zero byte.
  if (b[0] === 0x3c && b[1] === 0x00) return textDecoder('utf-16le', fileName, 0);
  if (b[0] === 0x00 && b[1] === 0x3c) return textDecoder('utf-16be', fileName, 0);
  const decl = /^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(Buffer.from(b.subarray(0, 256)).toString('latin1'));
  const declared = decl?.[1].toLowerCase();
  if (!declared || declared === 'utf-8' || declared === 'utf8' || declared === 'us-ascii' || declared === 'ascii') {
    return utf8Decoder(fileName, 0);
  }
  if (declared.startsWith('utf-16')) return textDecoder('utf-16le', fileName, 0);
  if (!iconv.encodingExists(declared)) {
    throw new XmlError(`unknown encoding "${decl![1]}" in the XML declaration`, 1, 1, fileName);
  }
  const d = iconv.getDecoder(declared);
  return { write: (bytes) => d.write(Buffer.from(bytes)), end: () => d.end() ?? '' };
}

function utf8Decoder(fileName: string | undefined, skip: number): ChunkDecoder {
  return textDecoder('utf-8', fileName, skip);
}

function textDecoder(encoding: string, fileName: string | undefined, skip: number): ChunkDecoder {
  const d = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  let toSkip = skip;
  let consumed = skip; // bytes of the file before the current chunk
  let lines = 1; // line the next decoded character is on
  const prefix = fileName ? `${fileName}: ` : '';
  const refuse = (bytes: Uint8Array) => {
    // Name where: the first bad byte of this chunk (UTF-8), its line and its byte offset.
    if (encoding !== 'utf-8') return new InputError(`${prefix}the file is not valid ${encoding.toUpperCase()}; save it as UTF-8`);
    const at = firstInvalidUtf8(bytes);
    let line = lines;
    for (let i = 0; i < at && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
    return new InputError(`${prefix}line ${line}: the file is not valid UTF-8 (invalid byte at offset ${consumed + at}); save it as UTF-8`);
  };
  return {
    write(bytes) {
      let b = bytes;
      if (toSkip > 0) {
        b = bytes.subarray(toSkip);
        toSkip = 0;
      }
      let text: string;
      try {
        text = d.decode(b, { stream: true });
      } catch {
        throw refuse(b);
      }
      consumed += b.length;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
      return text;
    },
    end: () => {
      try {
        return d.decode();
      } catch {
        throw new InputError(`${prefix}the file ends in the middle of a UTF-8 character; save it as UTF-8`);
      }
    },
  };
}

// ------------------------------------------------------------------------------------ tree helpers

/** The value of an attribute by local name (and namespace, when given), or undefined. */
export function attr(element: XmlElement, local: string, uri?: string): string | undefined {
  for (const a of element.attributes) {
    if (a.local === local && (uri === undefined || a.uri === uri)) return a.value;
  }
  return undefined;
}

/** `xml:lang` of an element. */
export function xmlLang(element: XmlElement): string | undefined {
  return attr(element, 'lang', XML_NAMESPACE);
}

/** Child elements, optionally only those with the given local name. */
export function childElements(element: XmlElement, local?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of element.children) {
    if (typeof c !== 'string' && (local === undefined || c.local === local)) out.push(c);
  }
  return out;
}

/** The first child element with the given local name. */
export function firstChild(element: XmlElement, local: string): XmlElement | undefined {
  for (const c of element.children) if (typeof c !== 'string' && c.local === local) return c;
  return undefined;
}

/** All the text inside an element (descendants included), as written. */
export function textContent(node: XmlNode): string {
  if (typeof node === 'string') return node;
  let s = '';
  for (const c of node.children) s += textContent(c);
  return s;
}

// ------------------------------------------------------------------------------------ writing

// Characters XML 1.0 cannot carry at all (C0 controls other than tab/LF/CR, U+FFFE/U+FFFF, lone
// surrogates). They are replaced with U+FFFD rather than producing a file no parser accepts.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML cannot carry
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes text content: & < > (the last for `]]>`), and CR so it survives line-end normalisation. */
export function escapeText(text: string): string {
  return text.replace(NOT_XML_CHAR, '\ufffd').replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c]);
}

/** Escapes an attribute value for double quotes; tab, LF and CR as references so they survive normalisation. */
export function escapeAttribute(value: string): string {
  return value.replace(NOT_XML_CHAR, '\ufffd').replace(/[&<>"\t\n\r]/g, (c) => ATTR_ESCAPES[c]);
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTR_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

export type XmlAttributes = Record<string, string | number | null | undefined>;

const XML_NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;

/**
 * Builds an indented XML document piece by piece. Output accumulates in the writer; call take()
 * as often as you like (e.g. after each entry) to hand the text so far to a stream, so a document
 * of any size is written with flat memory. Attributes with null/undefined values are left out.
 */
export class XmlWriter {
  private parts: string[] = [];
  private size = 0;
  private readonly stack: string[] = [];
  private readonly indentUnit: string;

  constructor(options: { indent?: string } = {}) {
    this.indentUnit = options.indent ?? '  ';
  }

  /** `<?xml version="1.0" encoding="UTF-8"?>` */
  declaration(): this {
    return this.push('<?xml version="1.0" encoding="UTF-8"?>\n');
  }

  /** A processing instruction, e.g. `xml-model` schema associations. */
  instruction(target: string, data: string): this {
    checkName(target);
    if (data.includes('?>')) throw new Error('processing instruction data cannot contain "?>"');
    return this.push(`${this.indent()}<?${target} ${data}?>\n`);
  }

  /** A document type declaration without internal subset (e.g. for TBX v2's DTD). */
  doctype(root: string, systemId: string): this {
    checkName(root);
    if (systemId.includes('"')) throw new Error('system identifier cannot contain a double quote');
    return this.push(`<!DOCTYPE ${root} SYSTEM "${systemId}">\n`);
  }

  comment(text: string): this {
    const safe = text.replace(/--/g, '- -').replace(/-$/, '- ');
    return this.push(`${this.indent()}<!--${escapeText(safe)}-->\n`);
  }

  /** Opens an element whose content follows on the next lines. */
  open(name: string, attributes?: XmlAttributes): this {
    this.push(`${this.indent()}<${name}${formatAttributes(name, attributes)}>\n`);
    this.stack.push(name);
    return this;
  }

  /** Closes the innermost open element. */
  close(): this {
    const name = this.stack.pop();
    if (name === undefined) throw new Error('XmlWriter.close() without an open element');
    return this.push(`${this.indent()}</${name}>\n`);
  }

  /** A complete element on one line: empty when text is null/undefined, else with escaped text. */
  element(name: string, attributes: XmlAttributes | undefined, text?: string | null): this {
    const start = `${this.indent()}<${name}${formatAttributes(name, attributes)}`;
    if (text === undefined || text === null) return this.push(`${start}/>\n`);
    return this.push(`${start}>${escapeText(text)}</${name}>\n`);
  }

  /** Elements still open. */
  get depth(): number {
    return this.stack.length;
  }

  /** Characters waiting to be taken. */
  get pending(): number {
    return this.size;
  }

  /** Returns the text written since the last take() and forgets it. */
  take(): string {
    const s = this.parts.join('');
    this.parts = [];
    this.size = 0;
    return s;
  }

  private indent(): string {
    return this.indentUnit.repeat(this.stack.length);
  }

  private push(s: string): this {
    this.parts.push(s);
    this.size += s.length;
    return this;
  }
}

function checkName(name: string): void {
  if (!XML_NAME.test(name)) throw new Error(`not an XML name: ${JSON.stringify(name)}`);
}

function formatAttributes(element: string, attributes: XmlAttributes | undefined): string {
  checkName(element);
  if (!attributes) return '';
  let s = '';
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined) continue;
    checkName(name);
    s += ` ${name}="${escapeAttribute(String(value))}"`;
  }
  return s;
}
