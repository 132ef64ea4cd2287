// CSV/TSV glossaries: the export layout, the column mapping for import, quoting, encodings.
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, columnFromHeader, parseCsvRows, readCsv, writeCsv } from '../src/formats/csv.js';
import { exportToString } from '../src/exchange/export.js';
import { importGlossary } from '../src/exchange/import.js';
import { parseGlossary } from '../src/formats/registry.js';
import { type ExchangeConcept, emptyConcept, exchangeTerm } from '../src/domain/exchange.js';
import { PROJECT_ROOT, memoryStore } from './helpers.js';

const fixture = (name: string) => path.join(PROJECT_ROOT, 'test', 'fixtures', 'formats', name);

const concept = (terms: ExchangeConcept['terms'], extra: Partial<ExchangeConcept> = {}): ExchangeConcept =>
  emptyConcept(0, { id: 'x', category: 'organization', reviewStatus: 'approved', origin: 'user', terms, ...extra });
const t = (text: string, lang: 'zh-Hans' | 'en', type: ExchangeConcept['terms'][number]['type'], status: ExchangeConcept['terms'][number]['status']) =>
  exchangeTerm(text, lang, { type, status });

describe('CSV export', () => {
  it('writes a BOM, the documented header and one CRLF row per concept', () => {
    const csv = [...writeCsv([
      concept(
        [
          t('联合国', 'zh-Hans', 'fullForm', 'preferred'),
          t('United Nations', 'en', 'fullForm', 'preferred'),
          t('UN', 'en', 'acronym', 'preferred'),
          t('U.N.', 'en', 'acronym', 'deprecated'),
          t('UN system', 'en', 'shortForm', 'admitted'),
          t('A|B', 'en', 'variant', 'admitted'),
        ],
        { id: 'un', note: 'line one\nline "two"' },
      ),
    ])].join('');
    expect(csv.startsWith('\ufeffid,category,status,zh-Hans full,zh-Hans short,')).toBe(true);
    const [header, row, end] = csv.slice(1).split('\r\n');
    expect(header.split(',')).toEqual(CSV_COLUMNS);
    expect(end).toBe('');
    const cells = parseCsvRows(csv.slice(1), ',')[1].cells;
    const at = (name: string) => cells[CSV_COLUMNS.indexOf(name)];
    expect(at('id')).toBe('un');
    expect(at('zh-Hans full')).toBe('联合国');
    expect(at('en acronym')).toBe('UN | U.N. [deprecated]');
    // First term of a cell: preferred unless marked; later ones admitted; variants admitted.
    expect(at('en short')).toBe('UN system [admitted]');
    expect(at('en variant')).toBe('A\\|B');
    expect(at('note')).toBe('line one\nline "two"');
    expect(row).toContain('"line one');
  });

  it('defuses cells that a spreadsheet would run as formulas, and reads them back', async () => {
    const csv = [...writeCsv([concept([t('=HYPERLINK("http://x")', 'en', 'fullForm', 'preferred'), t('-1 dollar', 'en', 'variant', 'admitted')])])].join('');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain(",'-1 dollar,");
    const back = readCsv(csv);
    expect(back.concepts[0].terms.map((x) => x.text)).toEqual(['=HYPERLINK("http://x")', '-1 dollar']);
  });
});

describe('CSV import', () => {
  it('maps spreadsheet headers in English and Chinese, either order, to columns', () => {
    const cases: Array<[string, unknown]> = [
      ['zh-Hans full', { kind: 'terms', lang: 'zh-Hans', type: 'fullForm' }],
      ['English (acronym)', { kind: 'terms', lang: 'en', type: 'acronym' }],
      ['Variants EN', { kind: 'terms', lang: 'en', type: 'variant' }],
      ['中文简称', { kind: 'terms', lang: 'zh-guess', type: 'shortForm' }],
      ['zh_TW', { kind: 'terms', lang: 'zh-Hant', type: 'fullForm' }],
      ['Acronym', { kind: 'terms', lang: 'en', type: 'acronym' }],
      ['Remarks', { kind: 'field', field: 'note' }],
      ['Concept ID', { kind: 'field', field: 'id' }],
      ['Part of speech', { kind: 'ignored' }],
    ];
    for (const [header, column] of cases) expect([header, columnFromHeader(header)]).toEqual([header, column]);
  });

  it('imports a spreadsheet from elsewhere, reporting columns it does not know', async () => {
    const store = memoryStore();
    const r = await importGlossary(store, fs.readFileSync(fixture('spreadsheet.csv')), { fileName: 'spreadsheet.csv' });
    expect(r).toMatchObject({ format: 'csv', dialect: 'CSV, 8 columns (5 of terms)', concepts: { new: 3, merged: 0, skipped: 0 } });
    const who = store.getConceptByExtId('who')!;
    expect(who).toMatchObject({ category: 'organization', reviewStatus: 'candidate', note: 'Specialized agency; headquarters: Geneva' });
    expect(who.terms.map((x) => [x.lang, x.text, x.type, x.status])).toEqual([
      ['zh-Hans', '世界卫生组织', 'fullForm', 'preferred'],
      ['en', 'World Health Organization', 'fullForm', 'preferred'],
      ['en', 'WHO', 'acronym', 'preferred'],
      ['en', 'WHO Secretariat', 'variant', 'deprecated'],
    ]);
    const women = store.getConceptByExtId('un-women')!;
    expect(women.terms.find((x) => x.text === '妇女署')).toMatchObject({ type: 'shortForm', status: 'preferred' });
    // A row without id gets a concept without ext_id.
    expect(store.findTermsByText('ILO')).toHaveLength(1);
  });

  it('reads Excel-style files: GB18030, semicolons, quoted line breaks, TSV', async () => {
    const gb = iconv.encode('中文;English;Note\r\n联合国;United Nations;"two\r\nlines"\r\n', 'gb18030');
    const g = await parseGlossary(gb);
    expect(g.format).toBe('csv');
    expect(g.concepts[0]).toMatchObject({ note: 'two\nlines', terms: [{ text: '联合国', lang: 'zh-Hans' }, { text: 'United Nations', lang: 'en' }] });
    const tsv = await parseGlossary(Buffer.from('zh\ten\n聯合國\tUnited Nations\n'));
    expect(tsv.format).toBe('tsv');
    expect(tsv.concepts[0].terms[0]).toMatchObject({ text: '聯合國', lang: 'zh-Hant' });
  });

  it('refuses bad cells with the line and the column', async () => {
    await expect(parseGlossary(Buffer.from('en,category\nUN,planet\n'))).rejects.toThrow('line 2, column "category": unknown category "planet"');
    await expect(parseGlossary(Buffer.from('en,status\nUN,approved\nUNDP,maybe\n'))).rejects.toThrow('line 3, column "status": unknown status "maybe"');
    await expect(parseGlossary(Buffer.from('en\n"UN\n'), { fileName: 'x.csv' })).rejects.toThrow('line 2: a quoted cell is never closed');
    await expect(parseGlossary(Buffer.from('colour,size\nred,big\n'), { fileName: 'x.csv' })).rejects.toThrow(
      'x.csv: line 1: no term columns; name them like "zh-Hans full", "en full", "en acronym"',
    );
    await expect(parseGlossary(Buffer.from('en,note,notes\nUN,a,b\n'))).rejects.toThrow('columns "note" and "notes" both hold the note');
    await expect(parseGlossary(Buffer.from(`en\n${'x'.repeat(1200)}\n`))).rejects.toThrow('line 2, column "en": term text is longer than 1000 characters');
    await expect(parseGlossary(Buffer.from('en,zh\nUN,联合国,extra\n'))).rejects.toThrow('line 2: 3 cells but the header has 2 columns');
  });

  it('a failing row changes nothing: the whole file is one transaction', async () => {
    const store = memoryStore();
    await expect(importGlossary(store, Buffer.from('en,category\nUnited Nations,organization\nUNDP,planet\n'))).rejects.toThrow(/line 3/);
    expect(store.stats().concepts).toBe(0);
  });

  it('round-trips a store through CSV', async () => {
    const store = memoryStore();
    await importGlossary(store, fs.readFileSync(fixture('spreadsheet.csv')));
    const first = exportToString(store, 'csv');
    const copy = memoryStore();
    await importGlossary(copy, first);
    expect(exportToString(copy, 'csv')).toBe(first);
  });
});
