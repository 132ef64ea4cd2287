// Glossary exchange benchmark: export and import of 100,000 concepts (generated UN body names,
// bench/generate.ts), with the memory of a streaming export sampled as it runs, against baselines
// measured in the same run: reading the same rows with plain SQL (export), parsing the same file
// with saxes alone (import), and building the whole document in memory (memory).
// Prints a Markdown section (bench/run.ts writes it to RESULTS.md).
import { normalizeKey } from '../src/domain/normalize.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { generateConcepts } from './generate.js';
import { gc, mb, memoryTable, rate, sampledExport, secs, writeFile } from './stream-export.js';
import { exportGlossary } from '../src/exchange/export.js';
import { applyGlossary } from '../src/exchange/import.js';
import { parseGlossary, type ExportFormat } from '../src/formats/registry.js';
import { ImportNotes } from '../src/domain/exchange.js';
import { openDatabase } from '../src/store/db.js';
import { Store } from '../src/store/repository.js';

const N = Number(process.env.EXCHANGE_BENCH_N ?? 100_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'termdesk-bench-exchange-'));

function openStore(name: string): Store {
  return new Store(openDatabase(path.join(dir, name)));
}

try {
  // ---------------------------------------------------------------- import's store step
  // The source database is filled by the import's store step (one transaction), measured here.
  const source = openStore('source.sqlite');
  let generated = [...generateConcepts(N)];
  const applyStart = performance.now();
  const report = applyGlossary(source, { format: 'generated', dialect: 'generated', concepts: generated, notes: new ImportNotes() });
  generated = [];
  const applyMs = performance.now() - applyStart;
  const importRss = process.memoryUsage().rss;
  if (report.concepts.new !== N) throw new Error(`expected ${N} new concepts, got ${JSON.stringify(report.concepts)}`);
  const terms = source.stats().terms;

  // ---------------------------------------------------------------- export, memory sampled
  const tbxFile = path.join(dir, 'export.tbx');
  const streamed = await sampledExport(source, 'tbx', tbxFile, N);
  const { baseHeap, maxHeap, ms: exportMs, bytes: tbxBytes } = streamed;

  const other: Array<{ format: ExportFormat; ms: number; bytes: number }> = [];
  for (const format of ['tbx2', 'csv'] as ExportFormat[]) {
    const file = path.join(dir, `export.${format}`);
    const start = performance.now();
    await writeFile(file, exportGlossary(source, format).chunks);
    other.push({ format, ms: performance.now() - start, bytes: fs.statSync(file).size });
  }

  // Baseline: the same rows read with plain SQL, nothing serialised.
  const rawStart = performance.now();
  let rows = 0;
  for (const _ of source.db.prepare('SELECT * FROM concept ORDER BY id').iterate()) rows++;
  for (const _ of source.db.prepare('SELECT * FROM term ORDER BY concept_id').iterate()) rows++;
  const rawMs = performance.now() - rawStart;

  // Baseline: the whole document built in memory before writing.
  gc();
  const wholeBase = process.memoryUsage().heapUsed;
  const whole = [...(exportGlossary(source, 'tbx').chunks as Generator<string>)].join('');
  const wholeHeap = process.memoryUsage().heapUsed - wholeBase;
  if (whole.length === 0) throw new Error('empty export');

  // ---------------------------------------------------------------- import's parse step
  gc();
  const parseStart = performance.now();
  const parsed = await parseGlossary(fs.createReadStream(tbxFile), { fileName: 'export.tbx' });
  const parseMs = performance.now() - parseStart;
  const parsedHeap = process.memoryUsage().heapUsed;

  // Baseline: the same rows written with bare INSERTs in one transaction (no merge lookups, no
  // checks, no contexts), to show what the import's care costs over raw SQLite writes.
  const bare = openStore('bare.sqlite');
  const insConcept = bare.db.prepare("INSERT INTO concept (category, origin, review_status) VALUES (?, 'import', 'candidate')");
  const insTerm = bare.db.prepare('INSERT INTO term (concept_id, text, lang, type, status, key, origin) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const bareStart = performance.now();
  bare.db.transaction(() => {
    for (const c of parsed.concepts) {
      const id = insConcept.run(c.category).lastInsertRowid;
      for (const t of c.terms) insTerm.run(id, t.text, t.lang, t.type, t.status, normalizeKey(t.text), 'import');
    }
  })();
  const bareMs = performance.now() - bareStart;
  bare.db.close();

  // Dry run of the exported file against the database it came from: every concept found.
  const dryStart = performance.now();
  const dry = applyGlossary(source, parsed, { dryRun: true });
  const dryMs = performance.now() - dryStart;
  if (dry.concepts.skipped !== N) throw new Error(`dry run: expected ${N} skipped, got ${JSON.stringify(dry.concepts)}`);
  source.db.close();

  // Baseline: saxes alone over the same file (no checks, no model).
  const saxStart = performance.now();
  const sax = new SaxesParser({ xmlns: true });
  let elements = 0;
  sax.on('opentag', () => elements++);
  for await (const chunk of fs.createReadStream(tbxFile, { encoding: 'utf8' })) sax.write(chunk as string);
  sax.close();
  const saxMs = performance.now() - saxStart;

  const streamingPeak = maxHeap - baseHeap;
  const lines = [
    `### Glossary exchange (${N.toLocaleString('en-US')} concepts, ${terms.toLocaleString('en-US')} terms)`,
    '',
    `Generated UN body names (bench/generate.ts), stored by the import's store step into an empty file database, then exported; the TBX v3 export (${mb(tbxBytes)}) is what the parse step reads.`,
    '',
    '| measurement | time | rate | baseline (same run) | ratio |',
    '|---|---:|---:|---|---:|',
    `| export TBX v3 (streamed to a file) | ${secs(exportMs)} | ${rate(N, exportMs)} | plain SQL read of the same rows: ${secs(rawMs)} (${rows.toLocaleString('en-US')} rows) | ${(exportMs / rawMs).toFixed(1)}× |`,
    ...other.map((o) => `| export ${o.format === 'tbx2' ? 'TBX v2' : 'CSV'} (${mb(o.bytes)}) | ${secs(o.ms)} | ${rate(N, o.ms)} | export TBX v3 | ${(o.ms / exportMs).toFixed(2)}× |`),
    `| import TBX v3: parse and check | ${secs(parseMs)} | ${rate(N, parseMs)} | saxes alone over the file: ${secs(saxMs)} (${elements.toLocaleString('en-US')} elements) | ${(parseMs / saxMs).toFixed(1)}× |`,
    `| import: store, ${N.toLocaleString('en-US')} new concepts in one transaction | ${secs(applyMs)} | ${rate(N, applyMs)} | bare INSERTs of the same concepts and terms: ${secs(bareMs)} | ${(applyMs / bareMs).toFixed(1)}× |`,
    `| import TBX v3 into an empty database: parse + store | ${secs(parseMs + applyMs)} | ${rate(N, parseMs + applyMs)} | | |`,
    `| dry run of the export against its own database (every concept found) | ${secs(dryMs)} | ${rate(N, dryMs)} | the store step | ${(dryMs / applyMs).toFixed(2)}× |`,
    '',
    'Memory while the TBX v3 export streams (heap used, sampled as chunks are written; heap at start ' + mb(baseHeap) + '):',
    '',
    ...memoryTable(streamed),
    '',
    `Peak heap while streaming: ${mb(streamingPeak)} above the start, whatever the number of concepts written: the export keeps one page (500 concepts) and one 64 KiB chunk at a time.`,
    `Baseline, the whole document built in memory first: +${mb(wholeHeap)} of heap, ${(wholeHeap / Math.max(streamingPeak, 1)).toFixed(0)}× the streaming peak.`,
    `An import holds the parsed file in memory before its one transaction: heap ${mb(parsedHeap)} after parsing the export; RSS ${mb(importRss)} after the store step.`,
  ];
  console.log(lines.join('\n'));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
