// CSV and TSV glossaries: one row per concept, one column per language and term type, for
// spreadsheets. The table model (columns, cells, a row back into a concept) is shared with the
// .xlsx format (xlsx.ts), which differs only in how rows are stored and in the synonym separator. Export writes UTF-8 with a BOM (so Excel opens Chinese correctly) and CRLF rows;
// import reads UTF-8 (BOM or not), UTF-16 with BOM and GB18030 (Excel's "CSV" on Chinese
// Windows), with ',' ';' or tab as delimiter, and maps header names through
// src/formats/data/csv-columns.json. docs/EXCHANGE.md documents the columns.
//
// A cell holds one or more terms separated by " | " (a literal | or \ in a term is escaped with
// \). The first term of a cell is preferred, the others admitted (in variant columns all are
// admitted); a term whose status differs says so with a marker: "UN system [admitted]".
import { defuseFormula, undefuseFormula } from '../domain/escape.js';
import { quote } from '../domain/quote.js';
import {
  type Category,
  type Lang,
  type ReviewStatus,
  type TermStatus,
  type TermType,
  CATEGORIES,
  InputError,
  LANGS,
  isCategory,
  isReviewStatus,
} from '../domain/types.js';
import { guessLang } from '../domain/lang.js';
import { cleanTermText } from '../domain/terms.js';
import { formatsData } from './data.js';
import { type ExchangeConcept, type ParsedGlossary, ImportNotes, emptyConcept, exchangeTerm, normalizeField, normalizeNote } from '../domain/exchange.js';

interface CsvColumnsData {
  columns: string[];
  fields: Record<ConceptField, string[]>;
  languages: Record<Lang | 'zh-guess', string[]>;
  types: Record<TermType, string[]>;
  bare: Record<string, string>;
  statusMarkers: TermStatus[];
}

type ConceptField = 'id' | 'category' | 'status' | 'subject' | 'definition' | 'note';

const DATA = formatsData<CsvColumnsData>('csv-columns.json');

/** What a column holds. */
type Column =
  | { kind: 'field'; field: ConceptField }
  | { kind: 'terms'; lang: Lang | 'zh-guess'; type: TermType }
  | { kind: 'ignored' };

// ------------------------------------------------------------------------------------ writing

export interface WriteCsvOptions {
  delimiter?: ',' | '\t';
  /** Rows to collect before yielding a chunk (default 500). */
  rowsPerChunk?: number;
}

/** Separator between the terms of one cell in CSV and TSV (read: any `|` not escaped). */
export const CSV_SYNONYM_SEPARATOR = ' | ';

let exportColumns: Column[] | undefined;

/** The cells of a concept's row, in the order of CSV_COLUMNS, terms joined with `separator`. */
export function tableRow(c: ExchangeConcept, separator: string): string[] {
  exportColumns ??= DATA.columns.map(columnFromHeader);
  return exportColumns.map((col) => cellFor(c, col, separator));
}

/** Streams a CSV (or TSV) glossary: BOM, header, one CRLF-terminated row per concept. */
export function* writeCsv(concepts: Iterable<ExchangeConcept>, options: WriteCsvOptions = {}): Generator<string> {
  const delimiter = options.delimiter ?? ',';
  const rowsPerChunk = options.rowsPerChunk ?? 500;
  let out = '\ufeff' + DATA.columns.map((h) => csvCell(h, delimiter)).join(delimiter) + '\r\n';
  let rows = 0;
  for (const c of concepts) {
    out += tableRow(c, CSV_SYNONYM_SEPARATOR).map((cell) => csvCell(cell, delimiter)).join(delimiter) + '\r\n';
    if (++rows % rowsPerChunk === 0) {
      yield out;
      out = '';
    }
  }
  yield out;
}

function cellFor(c: ExchangeConcept, col: Column, separator: string): string {
  if (col.kind === 'field') {
    switch (col.field) {
      case 'id':
        return c.id ?? '';
      case 'category':
        return c.category;
      case 'status':
        return c.reviewStatus ?? 'candidate';
      default:
        return c[col.field] ?? '';
    }
  }
  if (col.kind !== 'terms') return '';
  const terms = c.terms.filter((t) => t.lang === col.lang && t.type === col.type);
  return terms
    .map((t, i) => {
      const text = t.text.replace(/[\\|]/g, (ch) => `\\${ch}`);
      return t.status === defaultStatus(col.type, i) ? text : `${text} [${t.status}]`;
    })
    .join(separator);
}

function defaultStatus(type: TermType, index: number): TermStatus {
  return index === 0 && type !== 'variant' ? 'preferred' : 'admitted';
}

/** One cell: formula-like text defused with a leading ', quoted when it holds a delimiter, quote, line break or edge space. */
function csvCell(value: string, delimiter: string): string {
  const v = defuseFormula(value);
  if (v.includes(delimiter) || /["\r\n]/.test(v) || /^\s|\s$/.test(v)) return `"${v.replace(/"/g, '""')}"`;
  return v;
}

// ------------------------------------------------------------------------------------ reading

/** Splits CSV text into rows of cells, with the line each row starts on. RFC 4180 quoting. */
export function parseCsvRows(text: string, delimiter: string): Array<{ line: number; cells: string[] }> {
  const rows: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let cellStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cellStart) {
      quoted = true;
      quoteLine = line;
      cellStart = false;
      continue;
    }
    if (ch === delimiter) {
      cells.push(cell);
      cell = '';
      cellStart = true;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      cellStart = true;
      line++;
      rowLine = line;
      continue;
    }
    cell += ch;
    cellStart = false;
  }
  if (quoted) throw new InputError(`line ${quoteLine}: a quoted cell is never closed (missing ")`);
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return rows;
}

/** The delimiter of the header line: whichever of tab, ';' and ',' occurs most outside quotes. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  if (counts['\t'] >= counts[','] && counts['\t'] >= counts[';'] && counts['\t'] > 0) return '\t';
  return counts[';'] > counts[','] ? ';' : ',';
}

function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[_()[\]:/]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const FIELD_BY_ALIAS = new Map<string, ConceptField>(
  (Object.entries(DATA.fields) as Array<[ConceptField, string[]]>).flatMap(([f, aliases]) => aliases.map((a) => [a, f] as [string, ConceptField])),
);
const TYPE_BY_ALIAS = new Map<string, TermType>(
  (Object.entries(DATA.types) as Array<[TermType, string[]]>).flatMap(([t, aliases]) => aliases.map((a) => [a, t] as [string, TermType])),
);
const LANG_ALIASES = (Object.entries(DATA.languages) as Array<[Lang | 'zh-guess', string[]]>)
  // "zh_TW" reads as "zh tw": every hyphenated alias also matches with a space.
  .flatMap(([lang, aliases]) => [...new Set(aliases.flatMap((a) => [a, a.replace(/-/g, ' ')]))].map((alias) => ({ alias, lang })))
  .sort((a, b) => b.alias.length - a.alias.length);

/** What a header cell means; see csv-columns.json. */
export function columnFromHeader(header: string): Column {
  const key = headerKey(header);
  const field = FIELD_BY_ALIAS.get(key);
  if (field) return { kind: 'field', field };
  // "en acronym", "English (acronym)", "中文简称", "Variants EN": a language and a type, either order.
  for (const { alias, lang } of LANG_ALIASES) {
    const rest = key.startsWith(alias) ? key.slice(alias.length) : key.endsWith(alias) ? key.slice(0, -alias.length) : undefined;
    const type = rest === undefined ? undefined : TYPE_BY_ALIAS.get(rest.trim());
    if (type) return { kind: 'terms', lang, type };
  }
  const bare = DATA.bare[key];
  if (bare) return columnFromHeader(bare);
  return { kind: 'ignored' };
}

const STATUS_MARKER = new RegExp(`\\s*\\[(${DATA.statusMarkers.join('|')})\\]$`);

/** Splits a cell on unescaped |, unescaping \| and \\. */
function splitTerms(cell: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i++) {
    const ch = cell[i];
    if (ch === '\\' && (cell[i + 1] === '|' || cell[i + 1] === '\\')) {
      current += cell[++i];
    } else if (ch === '|') {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

/** Reads a CSV/TSV glossary (already decoded text). Errors name the line and the column. */
export function readCsv(text: string, options: { fileName?: string } = {}): ParsedGlossary {
  const body = text.replace(/^\ufeff/, '');
  const delimiter = detectDelimiter(body);
  const where = options.fileName ? `${options.fileName}: ` : '';
  let parsed: Array<{ line: number; cells: string[] }>;
  try {
    parsed = parseCsvRows(body, delimiter);
  } catch (err) {
    if (err instanceof InputError && where) throw new InputError(`${where}${err.message}`);
    throw err;
  }
  const { concepts, notes, header, termColumns } = readTable(parsed, { fileName: options.fileName, unit: 'line', undefuse: true });
  return {
    format: delimiter === '\t' ? 'tsv' : 'csv',
    dialect: `${delimiter === '\t' ? 'TSV' : 'CSV'}, ${header.length} columns (${termColumns} of terms)`,
    concepts,
    notes,
  };
}

export interface TableRow {
  /** Where the row is: its line (CSV) or row number (spreadsheet). */
  line: number;
  cells: string[];
}

export interface ReadTableOptions {
  fileName?: string;
  /** How errors name a row: "line 3" (CSV) or "row 3" (spreadsheet). */
  unit: 'line' | 'row';
  /** Remove the ' that writeCsv puts before formula-like cells (CSV only: spreadsheet cells are typed). */
  undefuse: boolean;
}

/**
 * Reads a table of rows, the first non-empty one the header, into exchange concepts: columns
 * mapped through csv-columns.json, terms split on unescaped |, status markers read. Errors name
 * the row and the column, and stop the import.
 */
export function readTable(
  table: Iterable<TableRow>,
  options: ReadTableOptions,
): { concepts: ExchangeConcept[]; notes: ImportNotes; header: string[]; termColumns: number } {
  const where = options.fileName ? `${options.fileName}: ` : '';
  const unit = options.unit;
  const rows = [...table].filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (rows.length === 0) throw new InputError(`${where}the file is empty`);
  const notes = new ImportNotes();
  const header = rows[0].cells.map((h) => h.trim());
  const columns = header.map(columnFromHeader);
  const seenFields = new Map<ConceptField, string>();
  columns.forEach((col, i) => {
    if (col.kind === 'ignored') notes.ignore(`column ${quote(header[i])}`);
    if (col.kind !== 'field') return;
    const before = seenFields.get(col.field);
    if (before !== undefined) throw new InputError(`${where}${unit} ${rows[0].line}: columns ${quote(before)} and ${quote(header[i])} both hold the ${col.field}`);
    seenFields.set(col.field, header[i]);
  });
  if (!columns.some((c) => c.kind === 'terms')) {
    throw new InputError(
      `${where}${unit} ${rows[0].line}: no term columns; name them like "zh-Hans full", "en full", "en acronym" (see docs/EXCHANGE.md)`,
    );
  }
  const concepts: ExchangeConcept[] = [];
  for (const row of rows.slice(1)) {
    const fail = (i: number, message: string) => new InputError(`${where}${unit} ${row.line}, column ${quote(header[i])}: ${message}`);
    if (row.cells.length > header.length && row.cells.slice(header.length).some((c) => c.trim() !== '')) {
      throw new InputError(`${where}${unit} ${row.line}: ${row.cells.length} cells but the header has ${header.length} columns`);
    }
    const concept = emptyConcept(row.line);
    columns.forEach((col, i) => {
      const raw = options.undefuse ? undefuseFormula(row.cells[i] ?? '') : (row.cells[i] ?? '');
      if (col.kind === 'field') {
        const value = col.field === 'note' ? normalizeNote(raw) : normalizeField(raw);
        if (value === null) return;
        if (col.field === 'category') {
          if (!isCategory(value)) throw fail(i, `unknown category ${quote(value)} (one of ${CATEGORIES.join(', ')})`);
          concept.category = value as Category;
        } else if (col.field === 'status') {
          if (!isReviewStatus(value)) throw fail(i, `unknown status ${quote(value)} (approved, candidate or rejected)`);
          concept.reviewStatus = value as ReviewStatus;
        } else {
          concept[col.field] = value;
        }
        return;
      }
      if (col.kind !== 'terms') return;
      splitTerms(raw).forEach((item, index) => {
        const marker = STATUS_MARKER.exec(item);
        const status = marker ? (marker[1] as TermStatus) : defaultStatus(col.type, index);
        let text: string;
        try {
          text = cleanTermText(marker ? item.slice(0, marker.index) : item);
        } catch (err) {
          if (err instanceof InputError) throw fail(i, err.message);
          throw err;
        }
        const lang = col.lang === 'zh-guess' ? (guessLang(text) === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans') : col.lang;
        if (concept.terms.some((t) => t.lang === lang && t.text === text)) {
          notes.warn(`${unit} ${row.line}: ${quote(text)} (${lang}) appears twice in one row; kept once`);
          return;
        }
        concept.terms.push(exchangeTerm(text, lang, { type: col.type, status }));
      });
    });
    // Column order need not match TermDesk's term order; keep languages in TermDesk order.
    concept.terms.sort((a, b) => LANGS.indexOf(a.lang) - LANGS.indexOf(b.lang));
    concepts.push(concept);
  }
  return { concepts, notes, header, termColumns: columns.filter((c) => c.kind === 'terms').length };
}

/** The export header, for documentation and tests. */
export const CSV_COLUMNS: readonly string[] = DATA.columns;
