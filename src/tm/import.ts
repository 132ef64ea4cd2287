// Getting pairs into and out of the translation memory: TMX, aligned TSV, and a document with its
// translation (aligned here). Every import parses and checks the whole input before writing, then
// stores it in one transaction, so a bad file changes nothing.
import path from 'node:path';
import { InputError } from '../domain/types.js';
import { parseTmx, serializeTmx, type TmxUnit, type TmxWriteUnit } from '../formats/tmx.js';
import type { XmlSource } from '../formats/xml.js';
import { decodeDocument } from '../io/text.js';
import type { Store } from '../store/repository.js';
import { type AlignmentResult, TermAnchors, alignDocuments, looksChinese } from './align.js';
import { type AddSummary, type Segment, type ZhLang, TmRepository } from '../store/tm-repository.js';
import { type NewSegment, addSegments } from './segments.js';
import { parseAlignedTsv } from './tsv.js';

export type TmLang = 'en' | ZhLang;

/**
 * The language a TMX xml:lang stands for. Simplified: zh, zh-CN, zh-SG, zh-Hans(-*); Traditional:
 * zh-TW, zh-HK, zh-MO, zh-Hant(-*), stored as Chinese too, marked zh-Hant (keys are Simplified, so
 * they match Simplified queries). English: en and every en-* tag. Case does not matter.
 */
export function mapTmxLang(tag: string): TmLang | null {
  const t = tag.trim().toLowerCase().replace(/_/g, '-');
  if (t === 'en' || t.startsWith('en-')) return 'en';
  if (t === 'zh' || t.startsWith('zh-')) {
    const parts = t.split('-');
    if (parts.includes('hant') || parts.some((p) => p === 'tw' || p === 'hk' || p === 'mo')) return 'zh-Hant';
    return 'zh-Hans';
  }
  return null;
}

export interface TmxImportOptions {
  /** xml:lang to read as English / as Chinese, instead of the en-* / zh-* rule (any pair of languages). */
  enLang?: string;
  zhLang?: string;
  /** Store a mapped zhLang as Traditional. */
  zhScript?: ZhLang;
}

export interface ImportSummary extends AddSummary {
  format: 'tmx' | 'tsv' | 'pair';
  file: string;
  /** Units or lines read from the file. */
  read: number;
  /** Units skipped because they lack one of the two languages or a side is empty. */
  skipped: number;
  alignment?: Omit<AlignmentResult, 'pairs' | 'unalignedEn' | 'unalignedZh'> & { unalignedEn: number; unalignedZh: number };
}

const DOC_PROPS = ['x-termdesk-doc', 'x-doc', 'x-document', 'x-file'];
const POSITION_PROPS = ['x-termdesk-position', 'x-position'];

function pickVariant(unit: TmxUnit, wanted: (lang: string) => boolean) {
  return unit.variants.find((v) => wanted(v.lang) && v.text.trim() !== '');
}

/** Turns parsed TMX units into pairs; throws when no unit has both languages. */
export function tmxUnitsToSegments(units: TmxUnit[], fileName: string, options: TmxImportOptions = {}): { segments: NewSegment[]; skipped: number } {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  const isEn = options.enLang ? (l: string) => same(l, options.enLang!) : (l: string) => mapTmxLang(l) === 'en';
  const isZh = options.zhLang ? (l: string) => same(l, options.zhLang!) : (l: string) => {
    const m = mapTmxLang(l);
    return m === 'zh-Hans' || m === 'zh-Hant';
  };
  const segments: NewSegment[] = [];
  let skipped = 0;
  for (const unit of units) {
    const en = pickVariant(unit, isEn);
    const zh = pickVariant(unit, isZh);
    if (!en || !zh) {
      skipped++;
      continue;
    }
    const prop = (types: string[]) => unit.props.find((p) => types.includes(p.type.toLowerCase()))?.value.trim();
    const position = Number(prop(POSITION_PROPS));
    segments.push({
      en: en.text,
      zh: zh.text,
      zhLang: options.zhLang ? (options.zhScript ?? 'zh-Hans') : (mapTmxLang(zh.lang) as ZhLang),
      doc: prop(DOC_PROPS) ?? null,
      position: Number.isInteger(position) && position > 0 ? position : null,
      date: zh.date ?? en.date ?? unit.date,
    });
  }
  if (segments.length === 0) {
    const langs = [...new Set(units.flatMap((u) => u.variants.map((v) => v.lang)))].slice(0, 12);
    throw new InputError(
      units.length === 0
        ? `${fileName}: the TMX file has no translation units`
        : `${fileName}: no translation unit has both an English and a Chinese segment (languages found: ${langs.join(', ')}); choose two with --en LANG --zh LANG`,
    );
  }
  return { segments, skipped };
}

export async function importTmx(store: Store, source: XmlSource, fileName: string, options: TmxImportOptions = {}): Promise<ImportSummary> {
  const parsed = await parseTmx(source, { fileName });
  const { segments, skipped } = tmxUnitsToSegments(parsed.units, fileName, options);
  const summary = addSegments(store, segments, 'tmx', fileName, `${fileName}: translation unit`);
  return { format: 'tmx', file: fileName, read: parsed.units.length, skipped, ...summary };
}

export async function importTsv(store: Store, bytes: Buffer, fileName: string): Promise<ImportSummary> {
  const { text } = await decodeDocument(bytes, fileName);
  const { segments } = parseAlignedTsv(text, fileName);
  const summary = addSegments(store, segments, 'tsv', fileName, `${fileName}: pair`);
  return { format: 'tsv', file: fileName, read: segments.length, skipped: 0, ...summary };
}

/** Which reader a file needs: by extension, else by content. */
export function tmFileFormat(fileName: string, bytes: Buffer): 'tmx' | 'tsv' {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.tmx' || ext === '.xml') return 'tmx';
  if (ext === '.tsv' || ext === '.tab' || ext === '.txt') return 'tsv';
  // Sniff: XML starts with '<' after an optional BOM (UTF-8 or UTF-16).
  const head = bytes.subarray(0, 8);
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  const firstChar = utf16 ? head[head[0] === 0xff ? 2 : 3] : head[head[0] === 0xef ? 3 : 0];
  if (firstChar === 0x3c) return 'tmx';
  if (ext && ext !== '.csv') throw new InputError(`${fileName}: unknown translation-memory format; use .tmx or .tsv (en<TAB>zh)`);
  return 'tsv';
}

/** Imports a TMX or TSV file given as bytes (from disk or an upload). */
export async function importTmFile(store: Store, bytes: Buffer, fileName: string, options: TmxImportOptions = {}): Promise<ImportSummary> {
  if (bytes.length === 0) throw new InputError(`${fileName}: the file is empty`);
  return tmFileFormat(fileName, bytes) === 'tmx' ? importTmx(store, bytes, fileName, options) : importTsv(store, bytes, fileName);
}

export interface PairImportOptions {
  /** Document name stored with the pairs (default: the English file name without extension). */
  doc?: string;
  /** Use the glossary's terms as anchors (default true). */
  glossaryAnchors?: boolean;
}

/** Aligns a document with its translation and stores the aligned pairs. */
export async function importDocumentPair(
  store: Store,
  en: { name: string; bytes: Buffer },
  zh: { name: string; bytes: Buffer },
  options: PairImportOptions = {},
): Promise<ImportSummary> {
  const enText = (await decodeDocument(en.bytes, en.name)).text;
  const zhText = (await decodeDocument(zh.bytes, zh.name)).text;
  if (!enText.trim()) throw new InputError(`${en.name}: the document is empty`);
  if (!zhText.trim()) throw new InputError(`${zh.name}: the document is empty`);
  if (looksChinese(enText) && !looksChinese(zhText)) {
    throw new InputError(`${en.name} is Chinese and ${zh.name} is not: give the English file first (--pair EN_FILE ZH_FILE)`);
  }
  if (!looksChinese(zhText)) throw new InputError(`${zh.name}: no Chinese text found`);
  const terms = options.glossaryAnchors === false ? undefined : TermAnchors.fromStore(store);
  const result = alignDocuments(enText, zhText, { terms });
  if (result.pairs.length === 0) throw new InputError(`${en.name} and ${zh.name}: no sentence could be aligned`);
  const doc = options.doc ?? path.basename(en.name, path.extname(en.name));
  const summary = addSegments(store, 
    result.pairs.map((p) => ({ en: p.en, zh: p.zh, doc, position: p.position })),
    'alignment',
    `${en.name} + ${zh.name}`,
  );
  const { pairs, unalignedEn, unalignedZh, ...stats } = result;
  return {
    format: 'pair',
    file: `${en.name} + ${zh.name}`,
    read: pairs.length,
    skipped: 0,
    ...summary,
    alignment: { ...stats, unalignedEn: unalignedEn.length, unalignedZh: unalignedZh.length },
  };
}

/** A stored segment as a TMX unit, with its document, position and origin as properties. */
export function segmentToTmxUnit(s: Segment): TmxWriteUnit {
  const props = [];
  if (s.doc) props.push({ type: 'x-termdesk-doc', value: s.doc });
  if (s.position !== null) props.push({ type: 'x-termdesk-position', value: String(s.position) });
  props.push({ type: 'x-termdesk-origin', value: s.origin });
  return {
    tuid: s.id,
    date: s.date,
    props,
    variants: [
      { lang: 'en', text: s.en },
      { lang: s.zhLang, text: s.zh },
    ],
  };
}

/** The whole memory as TMX 1.4b, in chunks. */
export function exportTmx(store: Store): Generator<string> {
  const repo = TmRepository.of(store);
  return serializeTmx(
    (function* () {
      for (const s of repo.iterateSegments()) yield segmentToTmxUnit(s);
    })(),
  );
}
