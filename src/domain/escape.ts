// Making text safe for the outputs TermDesk writes, one rule each, used by every writer:
// HTML (the web pages and the checker's HTML report) and spreadsheet cells (CSV/TSV exports and
// the checker's CSV report). XML has its own writer (src/formats/xml.ts).

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content or a quoted attribute value: & < > " ' escaped. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab or CR first) gets a leading ', which
 * spreadsheets show as text (CSV injection).
 */
export function defuseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** The inverse, for reading a cell back: a ' before formula-like text is dropped. */
export function undefuseFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
