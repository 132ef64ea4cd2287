// Excel (.xlsx) glossaries, with exceljs's streaming writer and reader: one sheet, one row per
// concept, the columns and cells of the CSV format (csv.ts: language and term-type columns, status,
// category, note) with terms of one cell separated by "|", the separator Trados and memoQ split
// synonyms on by default. docs/EXCHANGE.md has the mapping for both tools.
//
// Writing streams: rows are committed as they come and the zip is produced as it is written, so a
// 100,000-concept export never holds the workbook in memory. Reading checks the archive's directory
// first (sizes, not a spreadsheet) and then streams the first sheet row by row.
import { PassThrough, Readable } from 'node:stream';
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type { ExchangeConcept, ParsedGlossary } from '../domain/exchange.js';
import { InputError, TooLargeError } from '../domain/types.js';
import { zipEntries } from '../io/docx.js';
import { CSV_COLUMNS, type TableRow, readTable, tableRow } from './csv.js';

/** Terms of one cell: Trados's default synonym separator (memoQ: "split alternatives by |"). */
export const XLSX_SYNONYM_SEPARATOR = '|';
export const XLSX_SHEET_NAME = 'Glossary';

/** Unpacked size of the whole archive and of its shared strings (kept in memory while reading). */
export const MAX_XLSX_UNPACKED_BYTES = 1024 * 1024 * 1024;
export const MAX_XLSX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024;
/** Largest unpacked/packed ratio of a part over 1 MB: spreadsheets compress about 10:1. */
const MAX_RATIO = 200;
/** Excel's own limit for the text of one cell. */
const MAX_CELL_CHARS = 32_767;
const COLUMN_WIDTHS: Record<string, number> = { id: 14, category: 13, status: 11, note: 40, definition: 40, subject: 20 };
/** Rows written before the writer lets the reader of its output catch up. */
const ROWS_PER_FLUSH = 500;
const BUFFERED_BYTES = 4 * 1024 * 1024;

type ExcelJSModule = typeof ExcelJS;
let excelModule: ExcelJSModule | undefined;

/**
 * exceljs, loaded the first time a workbook is read or written: loading it takes most of a second
 * on a busy machine, which a server starting (or a lookup) should not pay for.
 */
function excel(): ExcelJSModule {
  excelModule ??= createRequire(import.meta.url)('exceljs') as ExcelJSModule;
  return excelModule;
}

// ------------------------------------------------------------------------------------ writing

/**
 * Streams an .xlsx glossary: the header row (bold, frozen) and one row per concept. The chunks are
 * the bytes of the file as exceljs produces them; the rows are not read faster than they are
 * taken, so memory stays flat.
 */
export async function* writeXlsx(concepts: Iterable<ExchangeConcept>, options: { now?: Date } = {}): AsyncGenerator<Uint8Array> {
  const out = new PassThrough();
  const now = options.now ?? new Date();
  const workbook = new (excel().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'TermDesk';
  workbook.created = now;
  workbook.modified = now;
  const sheet = workbook.addWorksheet(XLSX_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = CSV_COLUMNS.map((header) => ({ header, key: header, width: COLUMN_WIDTHS[header] ?? 28 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();

  let failure: unknown;
  const produced = (async () => {
    let rows = 0;
    for (const c of concepts) {
      sheet.addRow(tableRow(c, XLSX_SYNONYM_SEPARATOR).map((cell) => (cell === '' ? null : cell))).commit();
      if (++rows % ROWS_PER_FLUSH === 0) {
        // Let the zip catch up, and wait while its output waits to be read.
        await new Promise((resolve) => setImmediate(resolve));
        // (Polling: a 'data' listener would switch the stream to flowing mode under its reader.)
        while (out.readableLength > BUFFERED_BYTES && !out.destroyed) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err: unknown) => {
    failure = err;
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  try {
    for await (const chunk of out) yield chunk as Buffer;
  } catch (err) {
    throw failure ?? err;
  }
  await produced;
  if (failure) throw failure;
}

// ------------------------------------------------------------------------------------ reading

function notSpreadsheet(name: string, why: string): InputError {
  return new InputError(`${name}: not an Excel workbook (.xlsx): ${why}; save it from Excel or LibreOffice as .xlsx, or as CSV`);
}

/** Refuses archives that are not workbooks or unpack to more than the limits, before any unpacking. */
export function checkXlsxArchive(bytes: Buffer, name: string): void {
  let entries: ReturnType<typeof zipEntries>;
  try {
    entries = zipEntries(bytes, name);
  } catch {
    throw notSpreadsheet(name, 'the ZIP archive is damaged');
  }
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
    const what = entries.some((e) => e.name === 'word/document.xml') ? 'it is a Word document' : 'it has no xl/workbook.xml';
    throw notSpreadsheet(name, what);
  }
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (e.size > 1024 * 1024 && e.size > e.compressedSize * MAX_RATIO) {
      throw new TooLargeError(`${name}: ${e.name} unpacks ${Math.round(e.size / Math.max(1, e.compressedSize))} times its packed size; refused as a possible zip bomb`);
    }
    if (e.name === 'xl/sharedStrings.xml' && e.size > MAX_XLSX_SHARED_STRINGS_BYTES) {
      throw new TooLargeError(`${name}: its shared strings unpack to ${Math.round(e.size / 1048576)} MB; at most ${MAX_XLSX_SHARED_STRINGS_BYTES / 1048576} MB`);
    }
  }
  if (total > MAX_XLSX_UNPACKED_BYTES) throw new TooLargeError(`${name}: unpacks to ${Math.round(total / 1048576)} MB; at most ${MAX_XLSX_UNPACKED_BYTES / 1048576} MB`);
}

/** The text a cell shows: strings as they are, rich text joined, formulas by their result. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().replace(/T00:00:00\.000Z$/, '');
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text?: string }>; result?: unknown; text?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? '').join('');
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
    if (typeof v.error === 'string') return v.error;
  }
  return '';
}

/** UTF-8 chunks decoded as one stream: a character split between two chunks stays whole. */
async function* decodeUtf8(chunks: AsyncIterable<string | Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

type ReaderInternals = {
  _parseWorksheet(iterator: AsyncIterable<string | Uint8Array>, sheetNo: string): unknown;
  _parseSharedStrings(entry: NodeJS.ReadableStream): unknown;
};

/**
 * exceljs 4.4's streaming reader decodes every unzipped chunk on its own (utils/parse-sax.js), so a
 * Chinese character whose three bytes straddle two chunks comes out as U+FFFD (联科特派团 read back
 * as ���科特派团 in a 2,700-concept sheet). Its parser passes strings through untouched, so the
 * worksheets and the shared strings are handed to it already decoded, as one stream each.
 */
function decodingWorkbookReader(input: Readable, options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>): ExcelJS.stream.xlsx.WorkbookReader {
  const { WorkbookReader } = excel().stream.xlsx;
  const reader = new WorkbookReader(input, options);
  const self = reader as unknown as ReaderInternals;
  const proto = WorkbookReader.prototype as unknown as ReaderInternals;
  self._parseWorksheet = (iterator, sheetNo) => proto._parseWorksheet.call(reader, decodeUtf8(iterator), sheetNo);
  self._parseSharedStrings = (entry) => {
    entry.setEncoding('utf8');
    return proto._parseSharedStrings.call(reader, entry);
  };
  return reader;
}

/** The rows of the first sheet as text cells, read as they stream in. */
async function* firstSheetRows(bytes: Buffer, name: string): AsyncGenerator<TableRow> {
  const reader = decodingWorkbookReader(Readable.from([bytes]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      if (sheets++ > 0) {
        // Only the first sheet holds the glossary; the rest is read past.
        for await (const _row of sheet) void _row;
        continue;
      }
      for await (const row of sheet) {
        const values = (row as { values: unknown[] }).values;
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) {
          const text = cellText(values[i]);
          if (text.length > MAX_CELL_CHARS) throw new InputError(`${name}: row ${(row as { number: number }).number}: a cell holds more than ${MAX_CELL_CHARS} characters`);
          cells.push(text);
        }
        yield { line: (row as { number: number }).number, cells };
      }
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw notSpreadsheet(name, `it cannot be read (${(err as Error).message?.split('\n')[0] ?? 'unknown error'})`);
  }
  if (sheets === 0) throw notSpreadsheet(name, 'it has no worksheet');
}

/** Reads an .xlsx glossary (the first sheet): the CSV format's columns, terms separated by |. */
export async function readXlsx(bytes: Buffer, options: { fileName?: string } = {}): Promise<ParsedGlossary> {
  const name = options.fileName ?? 'the file';
  checkXlsxArchive(bytes, name);
  const rows: TableRow[] = [];
  for await (const row of firstSheetRows(bytes, name)) rows.push(row);
  const { concepts, notes, header, termColumns } = readTable(rows, { fileName: options.fileName, unit: 'row', undefuse: false });
  return { format: 'xlsx', dialect: `Excel workbook, ${header.length} columns (${termColumns} of terms)`, concepts, notes };
}

/** An .xlsx (or any ZIP) file starts with a local file header. */
export function looksLikeZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}
