// TBX, both versions: reading (version detected from the root element and its namespace,
// elements matched by local name, structure and TBX-Basic whitelist checked with line numbers)
// and writing (streamed, one entry at a time). The version-specific parts, element names,
// header and dates, are the TbxSpec values in tbx3.ts and tbx2.ts.
import { quote, shorten } from '../domain/quote.js';
import { InputError, type Lang, LANGS, type TermStatus, type TermType } from '../domain/types.js';
import { cleanTermText, looksLikeAcronym } from '../domain/terms.js';
import { formatsData } from './data.js';
import { langFromTag, tagForLang } from './languages.js';
import {
  type ExchangeConcept,
  type ExchangeContext,
  type ExchangeTerm,
  type ExchangeXref,
  type ParsedGlossary,
  ImportNotes,
  decodeFileId,
  emptyConcept,
  encodeFileId,
  normalizeContext,
  normalizeField,
  normalizeNote,
  parseExchangeDate,
} from '../domain/exchange.js';
import { ChildSequence, ContentModels } from './structure.js';
import { type ConceptMeta, formatConceptMeta, formatTermMeta, parseConceptMeta, parseTermMeta } from './termdesk-notes.js';
import {
  type XmlElement,
  type XmlSource,
  XmlError,
  XmlWriter,
  attr,
  childElements,
  readXml,
  textContent,
  xmlLang,
} from './xml.js';

export const TBX3_NAMESPACE = 'urn:iso:std:iso:30042:ed-2';

/** What differs between TBX v3 and v2. */
export interface TbxSpec {
  format: 'tbx' | 'tbx2';
  label: string;
  root: string;
  namespace: string;
  entry: string;
  language: string;
  /** Elements that hold one term (tig and ntig in v2). */
  termHolders: readonly string[];
  /** Content models for files that declare TBX-Basic, and for any other dialect. */
  basicModels: string;
  otherModels: string;
  /** Picklist variant key suffix (partOfSpeech@v2). */
  picklistSuffix: string;
  /**
   * Writes everything before the first entry. With `lazyBody` (TBX v3, where <body> may be left
   * out but not left empty) <body> opens with the first entry; otherwise the header opens it and
   * an empty export is refused (TBX v2's <body> needs an entry).
   */
  writeHeader(w: XmlWriter): void;
  lazyBody: boolean;
  /** Writes an xs:date / xs:dateTime value for a stored timestamp. */
  formatDate(timestamp: string): string;
}

type Level = 'concept' | 'language' | 'term';

interface TbxValues {
  dialect: {
    levels: Record<string, Record<string, Level[]>>;
    picklists: Record<string, string[]>;
  };
  aliases: Record<string, string>;
  import: {
    termType: Record<string, TermType>;
    administrativeStatus: Record<string, TermStatus>;
    properNounCategory: string;
    defaultCategory: string;
  };
  export: {
    termType: Record<TermType, string>;
    administrativeStatus: Record<TermStatus, string>;
  };
}

const VALUES = formatsData<TbxValues>('tbx-values.json');

/** Which TBX element a data category belongs to (for DCT-style files, where the element is named after it). */
const KIND_OF_CATEGORY = new Map<string, string>(
  Object.entries(VALUES.dialect.levels).flatMap(([kind, cats]) => Object.keys(cats).map((c) => [c, kind] as [string, string])),
);

/** Elements whose `type` attribute names a data category. */
const TYPED = new Set(Object.keys(VALUES.dialect.levels));

// ------------------------------------------------------------------------------------ reading

export interface ReadTbxOptions {
  fileName?: string;
  /** The specs to recognise, v3 first. */
  specs: readonly TbxSpec[];
}

/** A classified element: its TBX element name and, for data-category elements, the category. */
interface Classified {
  name: string;
  type: string | undefined;
  foreign: boolean;
}

class TbxReader {
  readonly notes = new Notes();
  readonly concepts: ExchangeConcept[] = [];
  private readonly models: ContentModels;
  private readonly strict: boolean;
  private readonly seenIds = new Map<string, number>();
  readonly dialect: string;

  constructor(
    readonly spec: TbxSpec,
    root: XmlElement,
    private readonly fileName: string | undefined,
  ) {
    const type = attr(root, 'type') ?? '';
    const style = attr(root, 'style');
    this.strict = type === 'TBX-Basic';
    this.models = new ContentModels(this.strict ? spec.basicModels : spec.otherModels);
    this.dialect = `${type || 'TBX'}${style ? ` (${style})` : ''}`;
  }

  error(el: XmlElement, message: string): XmlError {
    return new XmlError(message, el.line, el.column, this.fileName);
  }

  classify(el: XmlElement): Classified | undefined {
    if (el.uri === this.spec.namespace) return { name: el.local, type: TYPED.has(el.local) ? attr(el, 'type') : undefined, foreign: false };
    if (this.spec.format === 'tbx') {
      // DCT style: an element in a module namespace, named after its data category.
      const category = VALUES.aliases[el.local] ?? el.local;
      const kind = KIND_OF_CATEGORY.get(category);
      if (kind) return { name: kind, type: el.local, foreign: true };
      if (this.strict) throw this.error(el, `<${shorten(el.name)}> is not a TBX-Basic data category`);
      this.notes.ignore(`<${shorten(el.name)}>`);
      return undefined;
    }
    throw this.error(el, `<${shorten(el.name)}> is not a TBX v2 element (namespace ${el.uri || 'none'})`);
  }

  /** A ChildSequence for a streamed (not collected) element. */
  sequence(el: XmlElement, name: string): ChildSequence {
    const model = this.models.get(name);
    if (!model) throw this.error(el, `<${shorten(el.name)}> is not a ${this.spec.label} element`);
    this.checkAttributes(el, name, false);
    return new ChildSequence(name, model.content, this.models.inline);
  }

  private checkAttributes(el: XmlElement, name: string, foreign: boolean): void {
    const model = this.models.get(name)!;
    for (const a of model.attributes) {
      if (foreign && a === 'type') continue;
      const value = a === 'xml:lang' ? xmlLang(el) : attr(el, a, '');
      if (value === undefined || value.trim() === '') throw this.error(el, `<${shorten(el.name)}> needs a ${a} attribute`);
    }
  }

  /** Checks a collected element and everything inside it; `level` is where it sits in an entry. */
  check(el: XmlElement, c: Classified, level: Level | undefined): void {
    const model = this.models.get(c.name);
    if (!model) throw this.error(el, `<${shorten(el.name)}> is not a ${this.spec.label} element`);
    this.checkAttributes(el, c.name, c.foreign);
    const here: Level | undefined =
      c.name === this.spec.entry ? 'concept' : c.name === this.spec.language ? 'language' : this.spec.termHolders.includes(c.name) ? 'term' : level;
    if (c.type !== undefined && this.strict && here) this.checkDataCategory(el, c, here);
    if (c.name === this.spec.entry) this.checkId(el);
    const seq = new ChildSequence(c.name, model.content, this.models.inline);
    for (const child of el.children) {
      if (typeof child === 'string') {
        if (child.trim() !== '') {
          const problem = seq.acceptText();
          if (problem) throw this.error(el, problem);
        }
        continue;
      }
      const cc = this.classify(child);
      if (!cc) continue;
      const problem = seq.accept(cc.name);
      if (problem) throw this.error(child, problem);
      this.check(child, cc, here);
    }
    const missing = seq.end();
    if (missing) throw this.error(el, missing);
  }

  private checkId(el: XmlElement): void {
    const id = attr(el, 'id', '');
    if (id === undefined) return;
    if (!/^[A-Za-z_][\w.-]*$/.test(id)) throw this.error(el, `<${shorten(el.name)}> id ${quote(id)} is not an XML name`);
    const first = this.seenIds.get(id);
    if (first !== undefined) throw this.error(el, `<${shorten(el.name)}> id ${quote(id)} is used twice (first at line ${first})`);
    this.seenIds.set(id, el.line);
  }

  /** TBX-Basic whitelist: data category allowed for this element, at this level, with a picklist value. */
  private checkDataCategory(el: XmlElement, c: Classified, level: Level): void {
    const type = c.type!;
    const levels = VALUES.dialect.levels[c.name]?.[type];
    const what = c.foreign ? `<${shorten(el.name)}>` : `<${shorten(el.name)} type=${quote(type)}>`;
    if (!levels) {
      const allowed = Object.keys(VALUES.dialect.levels[c.name] ?? {}).join(', ');
      throw this.error(el, `${what}: ${quote(type)} is not a TBX-Basic data category for <${shorten(c.name)}> (allowed: ${allowed})`);
    }
    if (!levels.includes(level)) {
      throw this.error(el, `${what} may only appear at the ${levels.join(' or ')} level, not the ${level} level`);
    }
    const picklist = VALUES.dialect.picklists[`${type}${this.spec.picklistSuffix}`] ?? VALUES.dialect.picklists[type];
    if (picklist) {
      const value = textContent(el).trim();
      if (!picklist.includes(value)) throw this.error(el, `${what}: ${quote(value)} is not one of ${picklist.join(', ')}`);
    }
  }

  // -------------------------------------------------------------------------- conversion

  convertEntry(el: XmlElement): ExchangeConcept {
    const fileId = attr(el, 'id', '');
    const concept = emptyConcept(el.line, {
      id: fileId ? decodeFileId(fileId) : null,
      category: VALUES.import.defaultCategory as ExchangeConcept['category'],
    });
    const subjects: string[] = [];
    const notes: string[] = [];
    const languageDefinitions: string[] = [];
    let meta: Partial<ConceptMeta> | null = null;
    let properNoun = false;

    const onConceptItem = (child: XmlElement, c: Classified) => {
      switch (c.name) {
        case 'descrip':
          if (c.type === 'subjectField') pushField(subjects, textContent(child));
          else if (c.type === 'definition') concept.definition ??= normalizeField(textContent(child));
          else this.notes.ignore(`concept ${c.type ?? 'descrip'}`);
          return;
        case 'note': {
          const text = normalizeNote(textContent(child));
          if (!text) return;
          const m = parseConceptMeta(text);
          if (m) meta = { ...meta, ...m };
          else notes.push(text);
          return;
        }
        case 'ref':
          this.readXref(child, c, concept.xrefs);
          return;
        case 'transacGrp':
          this.readTransaction(child, concept);
          return;
        default:
          this.notes.ignore(`concept ${c.type ?? c.name}`);
      }
    };

    for (const child of childElements(el)) {
      const c = this.classify(child);
      if (!c) continue;
      if (c.name === this.spec.language) {
        properNoun = this.readLanguage(child, concept, notes, languageDefinitions) || properNoun;
      } else if (c.name.endsWith('Grp') && c.name !== 'transacGrp') {
        this.readGroup(child, (item, ic) => onConceptItem(item, ic));
      } else {
        onConceptItem(child, c);
      }
    }
    concept.subject = subjects.length > 0 ? subjects.join('; ') : null;
    if (!concept.definition && languageDefinitions.length > 0) concept.definition = languageDefinitions[0];
    if (languageDefinitions.length > (concept.definition === languageDefinitions[0] ? 1 : 0)) {
      this.notes.ignore('more than one definition', languageDefinitions.length - (concept.definition === languageDefinitions[0] ? 1 : 0));
    }
    concept.note = normalizeNote(notes.join('\n'));
    const m = meta as Partial<ConceptMeta> | null;
    concept.category = m?.category ?? (properNoun ? (VALUES.import.properNounCategory as ExchangeConcept['category']) : concept.category);
    concept.reviewStatus = m?.reviewStatus ?? null;
    concept.origin = m?.origin ?? null;
    return concept;
  }

  /** Calls `each` for the data-category elements of a *Grp element (its head and what follows). */
  private readGroup(group: XmlElement, each: (item: XmlElement, c: Classified) => void): void {
    const items = childElements(group);
    const head = items[0];
    if (!head) return;
    const hc = this.classify(head);
    if (hc) each(head, hc);
    for (const item of items.slice(1)) {
      const c = this.classify(item);
      if (c) this.notes.ignore(`${hc?.type ?? hc?.name ?? 'group'} ${c.type ?? c.name}`);
    }
  }

  private readXref(el: XmlElement, c: Classified, into: ExchangeXref[]): void {
    if (c.type !== 'crossReference') {
      this.notes.ignore(`ref ${c.type ?? ''}`.trim());
      return;
    }
    const target = attr(el, 'target', '');
    if (!target) {
      this.notes.ignore('cross-reference without target');
      return;
    }
    const decoded = decodeFileId(target);
    if (into.some((x) => x.target === decoded)) return;
    into.push({ target: decoded, text: normalizeField(textContent(el)) });
  }

  private readTransaction(el: XmlElement, concept: ExchangeConcept): void {
    let kind: string | undefined;
    let date: string | undefined;
    for (const child of childElements(el)) {
      const c = this.classify(child);
      if (!c) continue;
      if (c.name === 'transac') kind = textContent(child).trim();
      else if (c.name === 'date') date = textContent(child).trim();
    }
    if (date === undefined || (kind !== 'origination' && kind !== 'modification')) {
      this.notes.ignore(`transaction ${kind ?? ''}`.trim());
      return;
    }
    const stamp = parseExchangeDate(date);
    if (!stamp) {
      this.notes.warn(`line ${el.line}: ${quote(date)} is not a date; ${kind} date ignored`);
      return;
    }
    if (kind === 'origination') {
      if (!concept.createdAt || stamp < concept.createdAt) concept.createdAt = stamp;
    } else if (!concept.updatedAt || stamp > concept.updatedAt) {
      concept.updatedAt = stamp;
    }
  }

  /** Reads a langSec/langSet; returns whether a term was marked as a proper noun. */
  private readLanguage(el: XmlElement, concept: ExchangeConcept, notes: string[], definitions: string[]): boolean {
    const tag = xmlLang(el) ?? '';
    const holders: XmlElement[] = [];
    // Definitions and notes of a language TermDesk does not keep are dropped with its terms.
    const supported = langFromTag(tag) !== undefined;
    for (const child of childElements(el)) {
      const c = this.classify(child);
      if (!c) continue;
      if (this.spec.termHolders.includes(c.name)) {
        holders.push(child);
        continue;
      }
      const item = (it: XmlElement, ic: Classified) => {
        if (!supported) return;
        if (ic.name === 'descrip' && ic.type === 'definition') {
          const d = normalizeField(textContent(it));
          if (d) definitions.push(d);
        } else if (ic.name === 'note') {
          const n = normalizeNote(textContent(it));
          if (n) notes.push(n);
        } else {
          this.notes.ignore(`language ${ic.type ?? ic.name}`);
        }
      };
      if (c.name.endsWith('Grp') && c.name !== 'transacGrp') this.readGroup(child, item);
      else item(child, c);
    }
    const terms: Array<ExchangeTerm & { explicitStatus: boolean }> = [];
    let properNoun = false;
    for (const holder of holders) {
      const read = this.readTerm(holder, tag, concept);
      if (!read) continue;
      properNoun ||= read.properNoun;
      terms.push(read.term);
    }
    // A language section whose terms carry no status at all (common in files from other tools):
    // its first term is the preferred one, the others admitted.
    if (terms.length > 0 && !terms.some((t) => t.explicitStatus)) terms[0].status = 'preferred';
    for (const t of terms) {
      const { explicitStatus: _explicit, ...term } = t;
      const same = concept.terms.find((x) => x.lang === term.lang && x.text === term.text);
      if (same) {
        this.notes.warn(`line ${el.line}: ${quote(term.text)} (${term.lang}) appears twice in one entry; kept once`);
        continue;
      }
      concept.terms.push(term);
    }
    return properNoun;
  }

  private readTerm(
    holder: XmlElement,
    tag: string,
    concept: ExchangeConcept,
  ): { term: ExchangeTerm & { explicitStatus: boolean }; properNoun: boolean } | undefined {
    const parts = this.termParts(holder);
    const termEl = parts.find((p) => p.local === 'term' && p.uri === this.spec.namespace);
    if (!termEl) return undefined;
    const raw = textContent(termEl);
    const lang = langFromTag(tag, raw);
    if (!lang) {
      this.notes.skipLanguage(tag || '(none)', 1);
      return undefined;
    }
    let text: string;
    try {
      text = cleanTermText(raw);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      this.notes.warn(`line ${termEl.line}: ${err.message}; term skipped`);
      return undefined;
    }
    const r: TermReading = { properNoun: false, sources: [], notes: [], contexts: [], origin: null, verified: true };
    for (const part of parts) {
      if (part === termEl) continue;
      const c = this.classify(part);
      if (!c) continue;
      if (c.name === 'termNote') this.readTermNote(part, c, r);
      else if (c.name === 'termNoteGrp' || c.name === 'descripGrp') {
        const head = childElements(part)[0];
        const hc = head ? this.classify(head) : undefined;
        if (head && hc && c.name === 'termNoteGrp') this.readTermNote(head, hc, r);
        else if (head && hc) this.readTermItem(head, hc, part, r, concept);
      } else if (c.name.endsWith('Grp') && c.name !== 'transacGrp') {
        this.readGroup(part, (it, ic) => this.readTermItem(it, ic, undefined, r, concept));
      } else if (c.name === 'transacGrp') {
        this.notes.ignore('term transaction');
      } else {
        this.readTermItem(part, c, undefined, r, concept);
      }
    }
    return {
      term: {
        text,
        lang,
        type: r.type ?? (looksLikeAcronym(text) ? 'acronym' : 'fullForm'),
        status: r.status ?? 'admitted',
        explicitStatus: r.status !== undefined,
        source: r.sources.length > 0 ? r.sources.join('; ') : null,
        note: normalizeNote(r.notes.join('\n')),
        origin: r.origin,
        verified: r.verified,
        contexts: r.contexts,
      },
      properNoun: r.properNoun,
    };
  }

  /** A term holder's children, with those of a termGrp (TBX v2's ntig wraps term and termNotes in one) in its place. */
  private termParts(holder: XmlElement): XmlElement[] {
    const parts: XmlElement[] = [];
    for (const child of childElements(holder)) {
      if (child.local === 'termGrp' && child.uri === this.spec.namespace) parts.push(...childElements(child));
      else parts.push(child);
    }
    return parts;
  }

  /** A termNote: the term's type, status or part of speech. */
  private readTermNote(el: XmlElement, c: Classified, r: TermReading): void {
    const category = VALUES.aliases[c.type ?? ''] ?? c.type;
    const value = textContent(el).trim();
    if (category === 'termType') {
      r.type = VALUES.import.termType[value];
      if (!r.type) this.notes.warn(`line ${el.line}: term type ${quote(value)} is unknown; read as variant`);
      r.type ??= 'variant';
    } else if (category === 'administrativeStatus') {
      r.status = VALUES.import.administrativeStatus[value];
      if (!r.status) this.notes.warn(`line ${el.line}: status ${quote(value)} is unknown; read as admitted`);
      r.status ??= 'admitted';
    } else if (category === 'partOfSpeech') {
      if (value === 'properNoun') r.properNoun = true;
      this.notes.ignore('partOfSpeech');
    } else {
      this.notes.ignore(`term ${category ?? 'termNote'}`);
    }
  }

  /** Any other data category of a term: a context (with the source beside it in its `group`), a source, a note, a cross-reference. */
  private readTermItem(el: XmlElement, c: Classified, group: XmlElement | undefined, r: TermReading, concept: ExchangeConcept): void {
    switch (c.name) {
      case 'descrip': {
        if (c.type !== 'context') {
          this.notes.ignore(`term ${c.type ?? 'descrip'}`);
          return;
        }
        const ctx = normalizeContext(textContent(el));
        if (!ctx || r.contexts.some((x) => x.text === ctx)) return;
        // A context's source is the admin type="source" beside it in its descripGrp.
        let source: string | null = null;
        if (group) {
          for (const sibling of childElements(group)) {
            const sc = sibling === el ? undefined : this.classify(sibling);
            if (sc?.name === 'admin' && sc.type === 'source') source = normalizeField(textContent(sibling));
          }
        }
        r.contexts.push({ text: ctx, source });
        return;
      }
      case 'admin':
        if (c.type === 'source') pushField(r.sources, textContent(el));
        else this.notes.ignore(`term ${c.type ?? 'admin'}`);
        return;
      case 'note': {
        const n = normalizeNote(textContent(el));
        if (!n) return;
        const m = parseTermMeta(n);
        if (m) {
          r.origin = m.origin ?? r.origin;
          r.verified = m.verified ?? r.verified;
        } else {
          r.notes.push(n);
        }
        return;
      }
      case 'ref':
        this.readXref(el, c, concept.xrefs);
        return;
      default:
        this.notes.ignore(`term ${c.type ?? c.name}`);
    }
  }
}

/** What the data categories of one term said, as they are read. */
interface TermReading {
  type?: TermType;
  status?: TermStatus;
  properNoun: boolean;
  sources: string[];
  notes: string[];
  contexts: ExchangeContext[];
  origin: ExchangeTerm['origin'];
  verified: boolean;
}

function pushField(into: string[], value: string): void {
  const v = normalizeField(value);
  if (v && !into.includes(v)) into.push(v);
}

/** ImportNotes with nothing extra; a named class keeps stack traces readable. */
class Notes extends ImportNotes {}

/** The spec a root element belongs to, or a clear refusal. */
function specForRoot(root: XmlElement, specs: readonly TbxSpec[], fileName?: string): TbxSpec {
  const fail = (message: string) => new XmlError(message, root.line, root.column, fileName);
  for (const spec of specs) {
    if (root.local !== spec.root) continue;
    if (root.uri === spec.namespace) return spec;
    throw fail(`<${shorten(root.name)}> is in namespace ${quote(root.uri || '(none)')}, but ${spec.label} expects ${spec.namespace ? `${quote(spec.namespace)}` : 'no namespace'}`);
  }
  if (root.local === 'tmx') throw fail('this is a TMX translation memory, not a glossary; import it as translation memory');
  const expected = specs.map((s) => `<${s.root}> (${s.label})`).join(' or ');
  throw fail(`not a TBX file: the root element is <${shorten(root.name)}>, expected ${expected}`);
}

/**
 * Reads a TBX file (either version) into exchange concepts. Throws XmlError (line, column,
 * element) at the first malformed, misordered or, for TBX-Basic files, non-whitelisted element.
 */
export async function readTbx(source: XmlSource, options: ReadTbxOptions): Promise<ParsedGlossary> {
  let reader: TbxReader | undefined;
  // Streamed: the root, <text> and <body>; everything else arrives as a checked subtree.
  const streamed: Array<{ seq: ChildSequence; el: XmlElement }> = [];
  const collect = (el: XmlElement, ancestors: readonly XmlElement[]) => {
    if (ancestors.length === 0) return false;
    const tbxElement = el.uri === ancestors[0].uri;
    return !(tbxElement && ((ancestors.length === 1 && el.local === 'text') || (ancestors.length === 2 && el.local === 'body')));
  };
  for await (const ev of readXml(source, { collect, fileName: options.fileName })) {
    if (ev.type === 'start') {
      if (ev.depth === 0) reader = new TbxReader(specForRoot(ev.element, options.specs, options.fileName), ev.element, options.fileName);
      const r = reader!;
      const c = r.classify(ev.element)!;
      if (ev.depth > 0) {
        const problem = streamed[ev.depth - 1].seq.accept(c.name);
        if (problem) throw r.error(ev.element, problem);
      }
      streamed.length = ev.depth;
      streamed.push({ seq: r.sequence(ev.element, c.name), el: ev.element });
    } else if (ev.type === 'element') {
      const r = reader!;
      const c = r.classify(ev.element);
      if (!c) continue;
      const problem = streamed[ev.depth - 1].seq.accept(c.name);
      if (problem) throw r.error(ev.element, problem);
      r.check(ev.element, c, undefined);
      if (c.name === r.spec.entry) r.concepts.push(r.convertEntry(ev.element));
    } else if (ev.type === 'end') {
      const open = streamed[ev.depth];
      const problem = open.seq.end();
      if (problem) throw reader!.error(open.el, problem);
      streamed.length = ev.depth;
    } else {
      const open = streamed[streamed.length - 1];
      const problem = open?.seq.acceptText();
      if (problem) throw new XmlError(problem, ev.line, ev.column, options.fileName);
    }
  }
  const r = reader!;
  return { format: r.spec.format, dialect: r.dialect, concepts: r.concepts, notes: r.notes };
}

// ------------------------------------------------------------------------------------ writing

export interface WriteTbxOptions {
  /** Whether a cross-reference target (a file id) is in the same export; refs to others lose their target. */
  hasTarget?: (fileId: string) => boolean;
  /** Characters to collect before yielding a chunk (default 64 KiB). */
  chunkSize?: number;
}

/** Streams a TBX document: the header, one entry per concept, the closing tags. */
export function* writeTbx(spec: TbxSpec, concepts: Iterable<ExchangeConcept>, options: WriteTbxOptions = {}): Generator<string> {
  const chunkSize = options.chunkSize ?? 64 * 1024;
  const w = new XmlWriter();
  spec.writeHeader(w);
  let entries = 0;
  for (const c of concepts) {
    if (entries === 0 && spec.lazyBody) w.open('body');
    entries++;
    writeEntry(spec, w, c, entries, options);
    if (w.pending >= chunkSize) yield w.take();
  }
  if (entries === 0 && !spec.lazyBody) {
    throw new InputError('TBX v2 cannot hold an empty glossary (its <body> needs at least one entry); nothing matches the filters');
  }
  while (w.depth > 0) w.close();
  yield w.take();
}

function writeEntry(spec: TbxSpec, w: XmlWriter, c: ExchangeConcept, entryNumber: number, options: WriteTbxOptions): void {
  // TBX v3 requires an id on every entry; the database always gives one (ext_id or td-<id>).
  w.open(spec.entry, { id: encodeFileId(c.id ?? `entry-${entryNumber}`) });
  if (c.createdAt) writeTransaction(w, 'origination', spec.formatDate(c.createdAt));
  if (c.updatedAt) writeTransaction(w, 'modification', spec.formatDate(c.updatedAt));
  if (c.subject) w.element('descrip', { type: 'subjectField' }, c.subject);
  if (c.definition) w.element('descrip', { type: 'definition' }, c.definition);
  if (c.note) w.element('note', undefined, c.note);
  w.element(
    'note',
    undefined,
    formatConceptMeta({ category: c.category, reviewStatus: c.reviewStatus ?? 'candidate', origin: c.origin ?? 'import' }),
  );
  for (const x of c.xrefs) {
    const target = encodeFileId(x.target);
    const linked = options.hasTarget ? options.hasTarget(target) : true;
    if (!linked && !x.text) continue;
    w.element('ref', { type: 'crossReference', target: linked ? target : undefined }, x.text ?? '');
  }
  for (const lang of LANGS) {
    const terms = c.terms.filter((t) => t.lang === lang);
    if (terms.length === 0) continue;
    w.open(spec.language, { 'xml:lang': tagForLang(lang as Lang) });
    for (const t of terms) writeTerm(spec, w, t);
    w.close();
  }
  w.close();
}

function writeTransaction(w: XmlWriter, kind: 'origination' | 'modification', date: string): void {
  w.open('transacGrp').element('transac', { type: 'transactionType' }, kind).element('date', undefined, date).close();
}

function writeTerm(spec: TbxSpec, w: XmlWriter, t: ExchangeTerm): void {
  w.open(spec.termHolders[0]);
  w.element('term', undefined, t.text);
  w.element('termNote', { type: 'termType' }, VALUES.export.termType[t.type]);
  w.element('termNote', { type: 'administrativeStatus' }, VALUES.export.administrativeStatus[t.status]);
  for (const ctx of t.contexts) {
    w.open('descripGrp').element('descrip', { type: 'context' }, ctx.text);
    if (ctx.source) w.element('admin', { type: 'source' }, ctx.source);
    w.close();
  }
  if (t.source) w.element('admin', { type: 'source' }, t.source);
  if (t.note) w.element('note', undefined, t.note);
  const meta = formatTermMeta(t);
  if (meta) w.element('note', undefined, meta);
  w.close();
}
