// Excel glossaries: the round trip xlsx → import → xlsx gives the same workbook, Chinese survives
// exceljs's chunked reading, an import is all or nothing with errors naming row and column, files
// that are not workbooks (or would unpack to too much) are refused before anything is read, and
// LibreOffice opens what TermDesk writes (skipped with a notice without soffice).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Store } from '../src/store/repository.js';
import { initDatabase } from '../src/setup.js';
import { exportToBuffer } from '../src/exchange/export.js';
import { importGlossary } from '../src/exchange/import.js';
import { CSV_COLUMNS } from '../src/formats/csv.js';
import { cellText, readXlsx } from '../src/formats/xlsx.js';
import { parseGlossary } from '../src/formats/registry.js';
import { zipEntries } from '../src/io/docx.js';
import { zip } from './fixtures/zip.js';
import { memoryStore, runCli, tempDir } from './helpers.js';

/** The unpacked parts of a ZIP archive, by name. */
function unzip(bytes: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of zipEntries(bytes, 'test.xlsx')) {
    const p = e.localOffset;
    const start = p + 30 + bytes.readUInt16LE(p + 26) + bytes.readUInt16LE(p + 28);
    const data = bytes.subarray(start, start + e.compressedSize);
    out.set(e.name, (e.method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8'));
  }
  return out;
}

/** A workbook written with exceljs's in-memory writer, as other programs write them. */
async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Terms');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const counts = (s: Store) => s.db.prepare('SELECT (SELECT count(*) FROM concept) AS concepts, (SELECT count(*) FROM term) AS terms').get();

describe('xlsx round trip', () => {
  let source: Store;
  let first: Buffer;
  beforeAll(async () => {
    source = memoryStore();
    await initDatabase(source);
    first = await exportToBuffer(source, 'xlsx');
  }, 120_000);
  afterAll(() => source?.db.close());

  it('export → import into an empty database → export gives the same workbook', async () => {
    const target = memoryStore();
    const report = await importGlossary(target, first, { fileName: 'glossary.xlsx' });
    expect(report).toMatchObject({ format: 'xlsx', entries: source.stats().concepts, concepts: { new: source.stats().concepts, merged: 0, skipped: 0 } });
    const second = await exportToBuffer(target, 'xlsx');
    const [a, b] = [unzip(first), unzip(second)];
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    // Every part is the same but the creation time in docProps/core.xml.
    for (const [name, xml] of a) if (name !== 'docProps/core.xml') expect(b.get(name), name).toBe(xml);
    expect(target.stats().terms).toBe(source.stats().terms);
    target.db.close();
  });

  it('has one row per concept, the CSV columns and | between synonyms', async () => {
    const sheet = unzip(first).get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toContain('<v>zh-Hans full</v>');
    const parsed = await readXlsx(first);
    expect(parsed.concepts).toHaveLength(source.stats().concepts);
    const wsis = parsed.concepts.find((c) => c.id === 'wsis')!;
    expect(wsis.terms.filter((t) => t.lang === 'zh-Hans' && t.type === 'variant').map((t) => t.text)).toEqual(['信息社会世界首脑会议', '信息社会世界高峰会议']);
    expect(sheet).toContain('信息社会世界首脑会议|信息社会世界高峰会议');
  });

  it('reads Chinese whose bytes straddle the reader’s chunks (exceljs decodes each chunk alone)', async () => {
    // Long cells of three-byte characters: every chunk boundary falls inside some character.
    const names = Array.from({ length: 400 }, (_, i) => `联合国${'科特派团数字经济'.repeat(30)}${i}`);
    const bytes = await workbook([['zh-Hans full', 'en full'], ...names.map((n, i) => [n, `name ${i}`])]);
    const parsed = await readXlsx(bytes);
    expect(parsed.concepts.map((c) => c.terms[0].text)).toEqual(names);
  });
});

describe('xlsx import', () => {
  it('reads workbooks from other programs: any column order, rich text, numbers, formulas', async () => {
    const bytes = await workbook([
      ['English', 'Chinese', 'Category', 'Part of speech'],
      [{ richText: [{ text: 'United ' }, { text: 'Nations', font: { bold: true } }] }, '联合国', 'organization', 'noun'],
      [{ formula: '"Agenda "&"2030"', result: 'Agenda 2030' }, 2030, '', ''],
    ]);
    const parsed = await readXlsx(bytes, { fileName: 'team.xlsx' });
    expect(parsed.concepts.map((c) => [c.category, c.terms.map((t) => `${t.lang}:${t.text}`)])).toEqual([
      ['organization', ['zh-Hans:联合国', 'en:United Nations']],
      ['concept', ['zh-Hans:2030', 'en:Agenda 2030']],
    ]);
    expect(Object.fromEntries(parsed.notes.ignored)).toEqual({ 'column "Part of speech"': 1 });
  });

  it('is all or nothing: an error names the row and the column, and nothing is stored', async () => {
    const store = memoryStore();
    const before = counts(store);
    const bytes = await workbook([
      ['zh-Hans full', 'en full', 'category'],
      ['联合国', 'United Nations', 'organization'],
      ['开发署', 'UNDP', 'org'],
    ]);
    await expect(importGlossary(store, bytes, { fileName: 'team.xlsx' })).rejects.toThrow(
      'team.xlsx: row 3, column "category": unknown category "org" (one of organization, body, meeting, document, programme, concept, country, group, person, other)',
    );
    expect(counts(store)).toEqual(before);
  });

  it('refuses what is not a workbook, and archives that would unpack to too much, before reading them', async () => {
    await expect(parseGlossary(Buffer.from('id,zh-Hans full\n1,联合国\n'), { fileName: 'glossary.xlsx' })).rejects.toThrow(
      'glossary.xlsx is not an Excel file: its content is plain text, not an .xlsx workbook (a ZIP archive)',
    );
    await expect(parseGlossary(zip([{ name: 'word/document.xml', data: '<w:document/>' }]), { fileName: 'report.xlsx' })).rejects.toThrow(
      'report.xlsx: not an Excel workbook (.xlsx): it is a Word document',
    );
    await expect(parseGlossary(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200)]), { fileName: 'broken.xlsx' })).rejects.toThrow(
      'broken.xlsx: not an Excel workbook (.xlsx): the ZIP archive is damaged',
    );
    const bomb = zip([
      { name: 'xl/workbook.xml', data: '<workbook/>' },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(64 * 1024 * 1024) },
    ]);
    await expect(parseGlossary(bomb, { fileName: 'bomb.xlsx' })).rejects.toThrow(/bomb\.xlsx: xl\/worksheets\/sheet1\.xml unpacks \d+ times its packed size; refused as a possible zip bomb/);
  });

  it('reads cell values as the text a spreadsheet shows', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText(new Date('2025-01-31T00:00:00Z'))).toBe('2025-01-31');
    expect(cellText({ text: 'UNCTAD', hyperlink: 'https://unctad.org' })).toBe('UNCTAD');
    expect(cellText({ sharedFormula: 'A1', result: 'x' })).toBe('x');
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
  });
});

describe('xlsx on the command line', () => {
  it('export -o FILE.xlsx and import FILE.xlsx', () => {
    const dir = tempDir('termdesk-xlsx-cli-');
    const db = path.join(dir, 'a.sqlite');
    const file = path.join(dir, 'bodies.xlsx');
    const exported = runCli(['--db', db, 'export', '--category', 'body', '-o', file]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(/exported \d+ concepts as Excel \(\.xlsx, for memoQ and Trados\) to /);
    expect(fs.readFileSync(file).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    const imported = runCli(['--db', path.join(dir, 'b.sqlite'), 'init', '--empty']);
    expect(imported.code).toBe(0);
    const r = runCli(['--db', path.join(dir, 'b.sqlite'), 'import', file, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'xlsx', concepts: { merged: 0, skipped: 0 } });
  });
});

const soffice = ['soffice', 'libreoffice'].find((cmd) => spawnSync(cmd, ['--version'], { encoding: 'utf8' }).status === 0);
if (!soffice) console.warn('[skip] soffice is absent: the LibreOffice test of .xlsx exports is skipped (apt-get install libreoffice-calc-nogui)');

describe.skipIf(!soffice)('xlsx in LibreOffice', () => {
  it('opens the export; its CSV conversion has the same cells', async () => {
    const store = memoryStore();
    await initDatabase(store, { seeds: false });
    const dir = tempDir('termdesk-soffice-');
    const file = path.join(dir, 'glossary.xlsx');
    fs.writeFileSync(file, await exportToBuffer(store, 'xlsx', { categories: ['organization'] }));
    // 44 = comma, 34 = double quote, 76 = UTF-8.
    const r = spawnSync(soffice!, ['--headless', '-env:UserInstallation=file://' + path.join(dir, 'profile'), '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, file], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const csv = fs.readFileSync(path.join(dir, 'glossary.csv'), 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0].split(',')).toEqual([...CSV_COLUMNS]);
    const un = (await readXlsx(fs.readFileSync(file))).concepts.length;
    expect(lines.length).toBe(un + 1);
    expect(csv).toContain('联合国贸易和发展会议');
    // And the CSV LibreOffice wrote imports as the same concepts.
    const fromCsv = await parseGlossary(Buffer.from(csv), { fileName: 'glossary.csv' });
    expect(fromCsv.concepts.length).toBe(un);
    store.db.close();
  }, 180_000);
});
