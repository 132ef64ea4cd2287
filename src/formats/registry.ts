// The glossary file formats TermDesk reads and writes, in one place: their names, labels,
// extensions and content types, reading a file whatever its format (detected from its content),
// and writing exchange concepts in a chosen format.
import type { ExchangeConcept, ParsedGlossary } from '../domain/exchange.js';
import { InputError } from '../domain/types.js';
import { decodeText } from '../io/text.js';
import { readCsv, writeCsv } from './csv.js';
import { writeTbx2 } from './tbx2.js';
import { readTbxFile, writeTbx3 } from './tbx3.js';
import { looksLikeZip, readXlsx, writeXlsx } from './xlsx.js';

export const EXPORT_FORMATS = ['tbx', 'tbx2', 'csv', 'tsv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface FormatInfo {
  name: ExportFormat;
  label: string;
  extension: string;
  contentType: string;
}

export const FORMATS: Record<ExportFormat, FormatInfo> = {
  tbx: { name: 'tbx', label: 'TBX v3 (TBX-Basic, DCA)', extension: '.tbx', contentType: 'application/x-tbx+xml; charset=utf-8' },
  tbx2: { name: 'tbx2', label: 'TBX v2 (TBX-Basic, martif)', extension: '.tbx', contentType: 'application/x-tbx+xml; charset=utf-8' },
  csv: { name: 'csv', label: 'CSV (UTF-8 with BOM)', extension: '.csv', contentType: 'text/csv; charset=utf-8' },
  tsv: { name: 'tsv', label: 'TSV (UTF-8 with BOM)', extension: '.tsv', contentType: 'text/tab-separated-values; charset=utf-8' },
  xlsx: { name: 'xlsx', label: 'Excel (.xlsx, for memoQ and Trados)', extension: '.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
};

/** Binary formats are written as byte chunks, asynchronously; the others as text. */
export function isBinaryFormat(format: ExportFormat): boolean {
  return format === 'xlsx';
}

export function isExportFormat(v: unknown): v is ExportFormat {
  return typeof v === 'string' && (EXPORT_FORMATS as readonly string[]).includes(v);
}

/** A download name: termdesk-glossary-2025-01-31.tbx (tbx2 gets -v2). */
export function exportFileName(format: ExportFormat, now = new Date()): string {
  return `termdesk-glossary${format === 'tbx2' ? '-v2' : ''}-${now.toISOString().slice(0, 10)}${FORMATS[format].extension}`;
}

export interface WriteGlossaryOptions {
  /** Tells whether a cross-reference target is in the same file (TBX writes only those as links). */
  hasTarget: (fileId: string) => boolean;
}

/** The chunks of an exported file: text for TBX and CSV, bytes (produced asynchronously) for .xlsx. */
export type GlossaryChunks = Generator<string> | AsyncGenerator<Uint8Array>;

/** Writes exchange concepts in the given format, as chunks produced as they are read. */
export function writeGlossary(format: ExportFormat, concepts: Iterable<ExchangeConcept>, options: WriteGlossaryOptions): GlossaryChunks {
  switch (format) {
    case 'xlsx':
      return writeXlsx(concepts);
    case 'tbx':
      return writeTbx3(concepts, { hasTarget: options.hasTarget });
    case 'tbx2':
      return writeTbx2(concepts, { hasTarget: options.hasTarget });
    case 'csv':
      return writeCsv(concepts, { delimiter: ',' });
    case 'tsv':
      return writeCsv(concepts, { delimiter: '\t' });
  }
}

export type ImportSource = string | Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/** What a file's name promises, to say so when its content is something else. */
function promisedFormat(fileName: string | undefined): 'TBX' | 'Excel' | undefined {
  const ext = fileName?.toLowerCase().match(/\.[a-z0-9]+$/)?.[0];
  if (ext === '.tbx' || ext === '.xml' || ext === '.mtf') return 'TBX';
  if (ext === '.xlsx' || ext === '.xlsm') return 'Excel';
  return undefined;
}

function contentMismatch(fileName: string, promised: 'TBX' | 'Excel', found: string): InputError {
  const expected = promised === 'TBX' ? 'an XML document (it should start with <?xml or <martif or <tbx)' : 'an .xlsx workbook (a ZIP archive)';
  return new InputError(`${fileName} is not ${promised === 'TBX' ? 'a TBX' : 'an Excel'} file: its content is ${found}, not ${expected}`);
}

/**
 * Reads a glossary file into exchange concepts. XML (after any BOM and whitespace) is TBX, its
 * version decided by the root element; a ZIP archive is an .xlsx workbook; anything else is
 * CSV/TSV. A file whose name promises TBX or Excel but whose content is something else is refused
 * as such, not read as a broken CSV.
 */
export async function parseGlossary(source: ImportSource, options: { fileName?: string } = {}): Promise<ParsedGlossary> {
  const promised = promisedFormat(options.fileName);
  if (typeof source === 'string') {
    const xml = looksLikeXml(Buffer.from(source.slice(0, 1024), 'utf8'));
    if (source.replace(/^\ufeff/, '').trim() === '') throw new InputError(`${options.fileName ? `${options.fileName}: ` : ''}the file is empty`);
    if (promised && !(promised === 'TBX' && xml)) throw contentMismatch(options.fileName!, promised, xml ? 'XML' : 'plain text');
    return xml ? readTbxFile(source, options.fileName) : readCsv(source, options);
  }
  const chunks = source instanceof Uint8Array ? [source] : source;
  const iterator = (Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : chunks[Symbol.iterator]()) as
    | AsyncIterator<Uint8Array>
    | Iterator<Uint8Array>;
  // Peek at the first KiB to decide, then replay it in front of the rest.
  const head: Uint8Array[] = [];
  let headLength = 0;
  let done = false;
  while (headLength < 1024) {
    const r = await iterator.next();
    if (r.done) {
      done = true;
      break;
    }
    head.push(r.value);
    headLength += r.value.length;
  }
  async function* all(): AsyncGenerator<Uint8Array> {
    yield* head;
    if (done) return;
    for (;;) {
      const r = await iterator.next();
      if (r.done) return;
      yield r.value;
    }
  }
  const first = Buffer.concat(head);
  if (first.length === 0) throw new InputError(`${options.fileName ? `${options.fileName}: ` : ''}the file is empty`);
  const found = looksLikeXml(first) ? 'TBX' : looksLikeZip(first) ? 'Excel' : undefined;
  if (done && Buffer.from(first).toString('utf8').replace(/^\ufeff/, '').trim() === '') {
    throw new InputError(`${options.fileName ? `${options.fileName}: ` : ''}the file is empty`);
  }
  if (promised && promised !== found) {
    throw contentMismatch(options.fileName!, promised, found === 'TBX' ? 'XML' : found === 'Excel' ? 'a ZIP archive' : describeText(first));
  }
  if (found === 'TBX') return readTbxFile(all(), options.fileName);
  const parts: Uint8Array[] = [];
  for await (const c of all()) parts.push(c);
  if (found === 'Excel') return readXlsx(Buffer.concat(parts), options);
  const { text } = decodeText(Buffer.concat(parts), options.fileName ?? 'input');
  return readCsv(text, options);
}

/** A word for what a file's first bytes look like, for error messages. */
function describeText(head: Uint8Array): string {
  const sample = Buffer.from(head.subarray(0, 512));
  let controls = 0;
  for (const b of sample) if (b < 9 || (b > 13 && b < 32)) controls++;
  return controls > sample.length / 20 ? 'binary data' : 'plain text';
}

function looksLikeXml(head: Uint8Array): boolean {
  let b = Buffer.from(head);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
    const text = new TextDecoder(b[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(b.subarray(2));
    return text.trimStart().startsWith('<');
  }
  if ((b[0] === 0x3c && b[1] === 0x00) || (b[0] === 0x00 && b[1] === 0x3c)) return true;
  return b.toString('latin1').trimStart().startsWith('<');
}
