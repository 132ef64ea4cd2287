// Excel benchmark: export and import of 100,000 concepts (generated UN body names,
// bench/generate.ts) as .xlsx, with the memory of the streaming export sampled as it runs, against
// baselines measured in the same run: the CSV export of the same concepts (the same cells, no zip),
// exceljs's in-memory workbook (the whole file built before it is written), and the CSV import.
// Prints a Markdown section (bench/run.ts writes it to RESULTS.md).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { generateConcepts } from './generate.js';
import { gc, mb, memoryTable, rate, sampledExport, secs, writeFile } from './stream-export.js';
import { exportGlossary } from '../src/exchange/export.js';
import { applyGlossary } from '../src/exchange/import.js';
import { parseGlossary } from '../src/formats/registry.js';
import { CSV_COLUMNS, tableRow } from '../src/formats/csv.js';
import { XLSX_SYNONYM_SEPARATOR } from '../src/formats/xlsx.js';
import { ImportNotes } from '../src/domain/exchange.js';
import { openDatabase } from '../src/store/db.js';
import { Store } from '../src/store/repository.js';
import { ExchangeRepository } from '../src/store/exchange-repository.js';

const N = Number(process.env.XLSX_BENCH_N ?? 100_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'termdesk-bench-xlsx-'));

try {
  const source = new Store(openDatabase(path.join(dir, 'source.sqlite')));
  const report = applyGlossary(source, { format: 'generated', dialect: 'generated', concepts: [...generateConcepts(N)], notes: new ImportNotes() });
  if (report.concepts.new !== N) throw new Error(`expected ${N} new concepts, got ${JSON.stringify(report.concepts)}`);
  const terms = source.stats().terms;

  // ---------------------------------------------------------------- streaming export, memory sampled
  const xlsxFile = path.join(dir, 'export.xlsx');
  const streamed = await sampledExport(source, 'xlsx', xlsxFile, N);
  const { baseHeap, maxHeap, ms: exportMs, bytes: xlsxBytes } = streamed;

  // Baseline: the CSV export (the same cells, no zip).
  const csvFile = path.join(dir, 'export.csv');
  const csvStart = performance.now();
  await writeFile(csvFile, exportGlossary(source, 'csv').chunks);
  const csvMs = performance.now() - csvStart;

  // Baseline: exceljs's in-memory workbook, built whole before it is written.
  gc();
  const wholeBase = process.memoryUsage().heapUsed;
  const wholeStart = performance.now();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Glossary');
  ws.addRow([...CSV_COLUMNS]);
  for (const c of ExchangeRepository.of(source).exportConcepts({})) ws.addRow(tableRow(c, XLSX_SYNONYM_SEPARATOR).map((v) => (v === '' ? null : v)));
  const wholeBuffer = await wb.xlsx.writeBuffer();
  const wholeHeap = process.memoryUsage().heapUsed - wholeBase;
  const wholeMs = performance.now() - wholeStart;
  if (wholeBuffer.byteLength === 0) throw new Error('empty workbook');
  source.db.close();

  // ---------------------------------------------------------------- import
  gc();
  const parseStart = performance.now();
  const parsed = await parseGlossary(fs.createReadStream(xlsxFile), { fileName: 'export.xlsx' });
  const parseMs = performance.now() - parseStart;
  if (parsed.concepts.length !== N) throw new Error(`parsed ${parsed.concepts.length} concepts, expected ${N}`);
  const csvParseStart = performance.now();
  const csvParsed = await parseGlossary(fs.createReadStream(csvFile), { fileName: 'export.csv' });
  const csvParseMs = performance.now() - csvParseStart;
  if (csvParsed.concepts.length !== N) throw new Error('CSV parse lost concepts');
  const target = new Store(openDatabase(path.join(dir, 'target.sqlite')));
  const storeStart = performance.now();
  const imported = applyGlossary(target, parsed, { fileName: 'export.xlsx' });
  const storeMs = performance.now() - storeStart;
  if (imported.concepts.new !== N) throw new Error(`import: ${JSON.stringify(imported.concepts)}`);
  target.db.close();

  const streamingPeak = maxHeap - baseHeap;
  const lines = [
    `### Excel (.xlsx) exchange (${N.toLocaleString('en-US')} concepts, ${terms.toLocaleString('en-US')} terms)`,
    '',
    `Generated UN body names (bench/generate.ts) in a file database; the .xlsx export (${mb(xlsxBytes)}) is what the import reads.`,
    '',
    '| measurement | time | rate | baseline (same run) | ratio |',
    '|---|---:|---:|---|---:|',
    `| export .xlsx (exceljs streaming writer, to a file) | ${secs(exportMs)} | ${rate(N, exportMs)} | export CSV, the same cells unzipped: ${secs(csvMs)} | ${(exportMs / csvMs).toFixed(1)}× |`,
    `| the same workbook built in memory first (exceljs Workbook) | ${secs(wholeMs)} | ${rate(N, wholeMs)} | the streaming export | ${(wholeMs / exportMs).toFixed(2)}× |`,
    `| import .xlsx: read and check (exceljs streaming reader) | ${secs(parseMs)} | ${rate(N, parseMs)} | CSV read and check: ${secs(csvParseMs)} | ${(parseMs / csvParseMs).toFixed(1)}× |`,
    `| import .xlsx into an empty database: read + store | ${secs(parseMs + storeMs)} | ${rate(N, parseMs + storeMs)} | | |`,
    '',
    `Memory while the .xlsx export streams (heap used, sampled as chunks are written; heap at start ${mb(baseHeap)}):`,
    '',
    ...memoryTable(streamed),
    '',
    `Peak heap while streaming: ${mb(streamingPeak)} above the start. Baseline, the workbook built in memory first: +${mb(wholeHeap)} of heap, ${(wholeHeap / Math.max(streamingPeak, 1)).toFixed(0)}× the streaming peak.`,
  ];
  console.log(lines.join('\n'));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
