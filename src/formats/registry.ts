// The glossary file formats TermDesk reads and writes, in one place: their names, labels,
// extensions and content types, reading a file whatever its format (detected from its content),
// and writing exchange concepts in a chosen format.
import type { ExchangeConcept, ParsedGlossary } from '../domain/exchange.js';
import { InputError } from '../domain/types.js';
import { decodeText } from '../io/text.js';
import { readCsv, writeCsv } from './csv.js';
import { writeTbx2 } from './tbx2.js';
import { readTbxFile, writeTbx3 } from './tbx3.js';

export const EXPORT_FORMATS = ['tbx', 'tbx2', 'csv', 'tsv'] as const;
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
};

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

/** Writes exchange concepts in the given format, as text chunks produced as they are read. */
export function writeGlossary(format: ExportFormat, concepts: Iterable<ExchangeConcept>, options: WriteGlossaryOptions): Generator<string> {
  switch (format) {
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

/**
 * Reads a glossary file into exchange concepts. XML (after any BOM and whitespace) is TBX, its
 * version decided by the root element; anything else is CSV/TSV.
 */
export async function parseGlossary(source: ImportSource, options: { fileName?: string } = {}): Promise<ParsedGlossary> {
  if (typeof source === 'string') {
    return looksLikeXml(Buffer.from(source.slice(0, 1024), 'utf8')) ? readTbxFile(source, options.fileName) : readCsv(source, options);
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
  if (looksLikeXml(first)) return readTbxFile(all(), options.fileName);
  const parts: Uint8Array[] = [];
  for await (const c of all()) parts.push(c);
  const { text } = decodeText(Buffer.concat(parts), options.fileName ?? 'input');
  return readCsv(text, options);
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
