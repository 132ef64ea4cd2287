// Aligned TSV: one pair per line, `en<TAB>zh` (or `zh<TAB>en`, detected), or a file with a header
// row naming its columns (en, zh, and optionally doc_id/doc, date, source_url, as in the UN
// Parallel Corpus and TICO-19 exports). No quoting: a tab or line break inside a segment is not
// representable, so a line with the wrong number of columns is an error, not a guess.
import { hasHan } from '../domain/lang.js';
import { InputError } from '../domain/types.js';
import type { NewSegment } from './segments.js';

const DOC_COLUMNS = ['doc_id', 'doc', 'document', 'symbol', 'source_url'];
const DATE_COLUMNS = ['date', 'creationdate', 'changedate'];

export interface ParsedTsv {
  segments: NewSegment[];
  /** Lines skipped because they were blank. */
  blank: number;
}

/** Parses aligned TSV; throws InputError naming the file and line of the first bad line. */
export function parseAlignedTsv(text: string, fileName = 'input'): ParsedTsv {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) throw new InputError(`${fileName}: the file is empty`);
  const headerCells = lines[first].split('\t').map((c) => c.trim().toLowerCase());
  const hasHeader = headerCells.includes('en') && headerCells.includes('zh');

  let enCol = 0;
  let zhCol = 1;
  let docCol = -1;
  let dateCol = -1;
  let width = 2;
  let start = first;
  if (hasHeader) {
    enCol = headerCells.indexOf('en');
    zhCol = headerCells.indexOf('zh');
    docCol = headerCells.findIndex((c) => DOC_COLUMNS.includes(c));
    dateCol = headerCells.findIndex((c) => DATE_COLUMNS.includes(c));
    width = headerCells.length;
    start = first + 1;
  } else if (swappedColumns(lines)) {
    enCol = 1;
    zhCol = 0;
  }

  const segments: NewSegment[] = [];
  const positions = new Map<string, number>();
  let blank = 0;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') {
      blank++;
      continue;
    }
    const cells = line.split('\t');
    if (cells.length !== width) {
      const expected = hasHeader ? `${width} tab-separated columns as in the header` : '2 tab-separated columns (en<TAB>zh)';
      throw new InputError(`${fileName}:${i + 1}: expected ${expected}, found ${cells.length}`);
    }
    const en = cells[enCol].trim();
    const zh = cells[zhCol].trim();
    if (!en || !zh) throw new InputError(`${fileName}:${i + 1}: the ${!en ? 'English' : 'Chinese'} column is empty`);
    const doc = docCol >= 0 ? cells[docCol].trim() || null : null;
    const position = (positions.get(doc ?? '') ?? 0) + 1;
    positions.set(doc ?? '', position);
    segments.push({ en, zh, doc, position, date: dateCol >= 0 ? cells[dateCol].trim() || null : null });
  }
  if (segments.length === 0) throw new InputError(`${fileName}: no pairs after the header`);
  return { segments, blank };
}

/** True when most lines have the Chinese text in the first column. */
function swappedColumns(lines: string[]): boolean {
  let zhFirst = 0;
  let enFirst = 0;
  for (const line of lines.slice(0, 200)) {
    const cells = line.split('\t');
    if (cells.length !== 2) continue;
    const a = hasHan(cells[0]);
    const b = hasHan(cells[1]);
    if (a && !b) zhFirst++;
    else if (b && !a) enFirst++;
  }
  return zhFirst > enFirst;
}
