// Bad input: thousands of mutated glossary files (TBX v3/v2, CSV, TSV), translation memories (TMX,
// TSV), .docx documents and drafts fed to the importers, the document decoder and the draft
// checker, plus the hostile cases of issue 9 one by one (billion laughs, external entities, a
// 200 MB upload, invalid UTF-8, empty files, one enormous line, a 10,000-character term, control
// characters).
//
// What every input must get: a result, or an InputError whose message is one clear line (no
// "undefined", no stack, no control characters); an answer within CPU_BOUND_MS of CPU time (and
// WALL_BOUND_MS in all); and, when an import is refused, a database exactly as it was (the row
// count of every table). Every flaw this test has found so far is fixed and pinned by a plain
// test; none is tolerated. A new one can be tolerated in the properties by name (the KnownFlaw
// argument of feed) while an it.fails test pins it, to be flipped when it is fixed.
//
// The mutations start from real files: the TBX and TMX samples of the standards
// (../shared/standards, skipped visibly when absent), the project's fixtures, and what the
// project's own exporters write. FUZZ_RUNS=N multiplies the number of runs (default 1) for a
// longer local session; fast-check prints the seed and the shrunk input of any failure.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateConcepts, generatePairs } from '../bench/generate.js';
import { checkDraftInStore } from '../src/check/checker.js';
import { InputError } from '../src/domain/types.js';
import { exportToString } from '../src/exchange/export.js';
import { importGlossary } from '../src/exchange/import.js';
import { parseGlossary } from '../src/formats/registry.js';
import { writeTbx3 } from '../src/formats/tbx3.js';
import { parseTmx, serializeTmx } from '../src/formats/tmx.js';
import { decodeDocument } from '../src/io/text.js';
import { initDatabase } from '../src/setup.js';
import type { Store } from '../src/store/repository.js';
import { exportTmx, importTmFile } from '../src/tm/import.js';
import { addSegments } from '../src/tm/segments.js';
import { SEEDS_DIR } from '../src/paths.js';
import { startTestServer, type TestServer } from './e2e/server.js';
import { PROJECT_ROOT, memoryStore, sharedFile, tempDir } from './helpers.js';
import { type ZipPart, zip } from './fixtures/zip.js';

const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 1));
const runs = (n: number) => Math.round(n * RUNS);
/**
 * Longest any single input may take to be accepted or refused: CPU time (what a hang or a
 * blow-up costs, whatever else the machine is doing), and a looser wall-clock bound that catches
 * an input blocking on something (a file, the network).
 */
const CPU_BOUND_MS = 2000;
const WALL_BOUND_MS = 10_000;

// ------------------------------------------------------------------------------ checking outcomes

/** An InputError with one clear line: what users see on stderr or in a JSON error. */
type KnownFlaw = (message: string) => string;

function expectClearRefusal(err: unknown, what: string, knownFlaw?: KnownFlaw): asserts err is InputError {
  if (!(err instanceof InputError)) {
    const e = err as Error;
    throw new Error(`${what}: crashed with ${e?.constructor?.name ?? typeof err} instead of an InputError: ${e?.message}\n${e?.stack ?? ''}`);
  }
  // A flaw already reported (and pinned by its own failing test) is not reported again here.
  const m = knownFlaw ? knownFlaw(err.message) : err.message;
  const problem =
    m.trim().length < 8
      ? 'is empty or too short'
      : /[\r\n]/.test(m)
        ? 'spans several lines'
        : // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
          /[\u0000-\u001f\u007f-\u009f]/.test(m)
          ? 'contains control characters'
          : /\bundefined\b(?! entity)|\bNaN\b|\[object \w+\]/.test(m)
            ? 'says undefined/NaN/[object]'
            : /\bat \S+ \(?[^)]*:\d+:\d+\)?/.test(m)
              ? 'contains a stack frame'
              : m.length > 400
                ? `is ${m.length} characters long`
                : null;
  if (problem) throw new Error(`${what}: the refusal message ${problem}: ${JSON.stringify(m.slice(0, 600))}`);
}

const TABLES = ['concept', 'term', 'term_context', 'concept_xref', 'document', 'occurrence', 'tm_segment'] as const;

function rowCounts(store: Store): Record<string, number> {
  return Object.fromEntries(TABLES.map((t) => [t, (store.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
}

interface Outcome {
  ok: boolean;
  /** Wall-clock and CPU milliseconds. */
  ms: number;
  cpuMs: number;
  error?: InputError;
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
}

/**
 * Runs one input: must resolve or throw a clear InputError, within the time bound; a refusal
 * must leave every table as it was.
 */
async function feed(what: string, store: Store | null, run: () => unknown, knownFlaw?: KnownFlaw): Promise<Outcome> {
  const before = store ? rowCounts(store) : null;
  const started = performance.now();
  const cpu = process.cpuUsage();
  let outcome: Outcome;
  let timer: NodeJS.Timeout | undefined;
  try {
    // A promise that never settles is a hang too: give up on it after the wall-clock bound.
    await Promise.race([
      Promise.resolve().then(run),
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no answer after ${WALL_BOUND_MS} ms (hangs)`)), WALL_BOUND_MS);
      }),
    ]);
    outcome = { ok: true, ms: performance.now() - started, cpuMs: cpuMsSince(cpu) };
  } catch (err) {
    outcome = { ok: false, ms: performance.now() - started, cpuMs: cpuMsSince(cpu) };
    expectClearRefusal(err, what, knownFlaw);
    outcome.error = err;
    if (store) expect(rowCounts(store), `${what}: refused (${err.message}) but the database changed`).toEqual(before);
  } finally {
    clearTimeout(timer);
  }
  if (outcome.cpuMs > CPU_BOUND_MS || outcome.ms > WALL_BOUND_MS) {
    throw new Error(`${what}: took ${Math.round(outcome.cpuMs)} ms of CPU, ${Math.round(outcome.ms)} ms in all (bounds ${CPU_BOUND_MS} and ${WALL_BOUND_MS} ms)`);
  }
  return outcome;
}

/** Tallies for the summary line each property prints. */
class Tally {
  inputs = 0;
  accepted = 0;
  refused = 0;
  maxMs = 0;
  maxCpuMs = 0;
  totalMs = 0;
  readonly reasons = new Map<string, number>();

  add(o: Outcome): void {
    this.inputs++;
    this.totalMs += o.ms;
    this.maxMs = Math.max(this.maxMs, o.ms);
    this.maxCpuMs = Math.max(this.maxCpuMs, o.cpuMs);
    if (o.ok) this.accepted++;
    else {
      this.refused++;
      // Group messages by their shape: file name, numbers and quoted values left out.
      const shape = o.error!.message
        .replace(/^[^:]*\.(tbx|csv|tsv|tmx|docx|txt): /, '')
        .replace(/"[^"]*"/g, '"…"')
        .replace(/\d+/g, 'N')
        .slice(0, 70);
      this.reasons.set(shape, (this.reasons.get(shape) ?? 0) + 1);
    }
  }

  report(label: string): void {
    const top = [...this.reasons].sort((a, b) => b[1] - a[1]).slice(0, 4);
    console.info(
      `[fuzz] ${label}: ${this.inputs} inputs, ${this.accepted} accepted, ${this.refused} refused; ` +
        `slowest ${Math.round(this.maxCpuMs)} ms CPU / ${Math.round(this.maxMs)} ms wall, mean ${(this.totalMs / Math.max(1, this.inputs)).toFixed(1)} ms; ` +
        `most frequent refusals: ${top.map(([m, n]) => `${n}× ${m}`).join(' | ')}`,
    );
  }
}

// ------------------------------------------------------------------------------ mutations

/** Byte sequences that break parsers: markup, entities, NUL, invalid UTF-8, BOMs, separators. */
const INSERTS: Buffer[] = [
  '<',
  '>',
  '&',
  '&amp',
  '&#0;',
  '&#x1F;',
  '&#xD800;',
  '&unknown;',
  ']]>',
  '<![CDATA[',
  '<!--',
  '<?xml version="1.0"?>',
  '<!DOCTYPE x SYSTEM "x.dtd">',
  '</',
  '/>',
  '"',
  "'",
  '\0',
  '\u0007',
  '\u001b[31m',
  '\r',
  '\n',
  '\t',
  ',',
  ';',
  '|',
  '\\',
  ' [admitted]',
  '\ufeff',
  '\u202e',
  '\u0301',
  '（',
  '》',
  '联合国',
].map((s) => Buffer.from(s, 'utf8'));
const BAD_UTF8: Buffer[] = [
  [0xff],
  [0xfe, 0xff],
  [0xc0, 0x80],
  [0xc3],
  [0xe4, 0xb8],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0x80],
].map((b) => Buffer.from(b));

const XML_TOKENS = ['<', '>', '</', '/>', '<!--', '-->', '<![CDATA[', ']]>', '<?', '?>', '&', '&amp;', '&#', ';', '"', "'", '=', ' ', '\n',
  'tbx', 'martif', 'conceptEntry', 'termEntry', 'langSec', 'langSet', 'termSec', 'tig', 'term', 'termNote', 'descrip', 'type', 'id',
  'tmx', 'header', 'body', 'tu', 'tuv', 'seg', 'prop', 'bpt', 'xml:lang', 'xmlns', 'zh-Hans', 'en', '联合国', 'Security Council',
  '<!DOCTYPE', '<!ENTITY', 'SYSTEM', '[', ']'];

type Mutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; bytes: Buffer }
  | { op: 'delete'; at: number; len: number }
  | { op: 'duplicate'; at: number; from: number; len: number }
  | { op: 'attribute'; at: number; size: number }
  | { op: 'nest'; at: number; depth: number }
  | { op: 'soup'; at: number; tokens: string[] };

// A relative position in the input (fast-check's doubles cluster at 0, so integers scaled down).
const position = fc.integer({ min: 0, max: 999_999 }).map((n) => n / 1_000_000);
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: position }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('insert' as const), at: position, bytes: fc.constantFrom(...INSERTS, ...BAD_UTF8) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), at: position, len: fc.integer({ min: 1, max: 200 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: position, from: position, len: fc.integer({ min: 1, max: 400 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('attribute' as const), at: position, size: fc.integer({ min: 1_000, max: 1_000_000 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('nest' as const), at: position, depth: fc.integer({ min: 10, max: 5_000 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('soup' as const), at: position, tokens: fc.array(fc.constantFrom(...XML_TOKENS), { minLength: 1, maxLength: 40 }) }) },
);
const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 4 });

function mutate(input: Buffer, mutations: readonly Mutation[]): Buffer {
  let b = input;
  for (const m of mutations) {
    const at = Math.floor(m.at * (b.length + 1));
    switch (m.op) {
      case 'flip':
        if (b.length > 0) {
          b = Buffer.from(b);
          const i = Math.min(at, b.length - 1);
          b[i] ^= 1 << m.bit;
        }
        break;
      case 'truncate':
        b = b.subarray(0, at);
        break;
      case 'insert':
        b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
        break;
      case 'delete':
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.len)]);
        break;
      case 'duplicate': {
        const from = Math.floor(m.from * b.length);
        b = Buffer.concat([b.subarray(0, at), b.subarray(from, from + m.len), b.subarray(at)]);
        break;
      }
      case 'attribute': {
        // A huge attribute value in the next start tag (or wherever we are, if there is none).
        const tag = b.indexOf('<', at);
        let insertAt = at;
        if (tag >= 0) {
          insertAt = tag + 1;
          while (insertAt < b.length && !' \t\r\n/>'.includes(String.fromCharCode(b[insertAt]))) insertAt++;
        }
        b = Buffer.concat([b.subarray(0, insertAt), Buffer.from(` huge="${'x'.repeat(m.size)}"`), b.subarray(insertAt)]);
        break;
      }
      case 'nest':
        b = Buffer.concat([b.subarray(0, at), Buffer.from('<a>'.repeat(m.depth) + '</a>'.repeat(m.depth)), b.subarray(at)]);
        break;
      case 'soup':
        b = Buffer.concat([b.subarray(0, at), Buffer.from(m.tokens.join('')), b.subarray(at)]);
        break;
    }
  }
  return b;
}

/** A buffer, sometimes delivered in small chunks (streamed uploads and files split tags and characters). */
function chunked(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

// ------------------------------------------------------------------------------ corpora

function readIf(file: string | undefined): Array<{ name: string; bytes: Buffer }> {
  return file ? [{ name: path.basename(file), bytes: fs.readFileSync(file) }] : [];
}

function sharedSamples(dir: string[], ext: string): Array<{ name: string; bytes: Buffer }> {
  const d = sharedFile(...dir);
  if (!d) return [];
  return fs
    .readdirSync(d)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => ({ name: f, bytes: fs.readFileSync(path.join(d, f)) }));
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function documentXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
}

function paragraphsXml(paragraphs: string[]): string {
  return paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(p)}</w:t></w:r></w:p>`).join('');
}

function docx(documentXmlText: string): Buffer {
  return zip(docxParts(documentXmlText));
}

/** The parts of a minimal .docx around a document.xml. */
function docxParts(documentXmlText: string): ZipPart[] {
  return [
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    },
    { name: 'word/document.xml', data: documentXmlText },
  ];
}

/** `unit` repeated to `bytes` bytes, deflated as it is produced (never held whole). */
async function deflatedRepeat(unit: string, bytes: number): Promise<{ deflated: Buffer; size: number; crc: number }> {
  const block = Buffer.from(unit.repeat(Math.ceil((1024 * 1024) / unit.length)));
  const deflate = zlib.createDeflateRaw({ level: 1 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let size = 0;
  let crc = 0;
  while (size < bytes) {
    if (!deflate.write(block)) await new Promise((r) => deflate.once('drain', r));
    crc = zlib.crc32(block, crc);
    size += block.length;
  }
  deflate.end();
  await done;
  return { deflated: Buffer.concat(out), size, crc };
}

/** A module of the built dist/ (what the CLI runs), for a measuring child process. */
function distModule(relative: string): string {
  return path.join(PROJECT_ROOT, 'dist', relative);
}

/** Runs an async function body in a fresh Node process: its result, its peak RSS and its time. */
async function measured(body: string): Promise<{ result: string; maxRssMb: number; ms: number }> {
  const script = `const result = await (async () => { ${body} })();
process.stdout.write(JSON.stringify({ result, maxRssMb: process.resourceUsage().maxRSS / 1024 }));`;
  const started = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await new Promise((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  if (!stdout) throw new Error(`the measuring process failed: ${stderr.slice(0, 2000)}`);
  return { ...(JSON.parse(stdout) as { result: string; maxRssMb: number }), ms: performance.now() - started };
}

let work: string;
let store: Store;
let seedParagraphs: string[];
const corpus = {
  glossary: [] as Array<{ name: string; bytes: Buffer }>,
  tm: [] as Array<{ name: string; bytes: Buffer }>,
  docxXml: [] as string[],
  docx: [] as Buffer[],
};

beforeAll(async () => {
  work = tempDir('termdesk-fuzz-');
  store = memoryStore();
  await initDatabase(store, { seeds: false });
  seedParagraphs = fs
    .readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => fs.readFileSync(path.join(SEEDS_DIR, f), 'utf8').split(/\n\s*\n/))
    .map((p) => p.trim())
    .filter((p) => p.length >= 40 && p.length <= 1500);

  // Glossaries: the standards' samples, the project's fixtures, and the exporters' output (a slice
  // of the reference glossary in every format, and generated concepts).
  const fixtures = path.join(PROJECT_ROOT, 'test', 'fixtures', 'formats');
  corpus.glossary.push(
    ...sharedSamples(['standards', 'tbx', 'v3', 'samples'], '.tbx'),
    ...sharedSamples(['standards', 'tbx', 'v2', 'samples'], '.tbx'),
    ...readIf(sharedFile('standards', 'tbx', 'v3', 'core-dialect', 'Example_Astronomy_TBX-Core_VALID.tbx')),
    ...['un-bodies.tbx', 'legacy-tool.tbx', 'spreadsheet.csv'].flatMap((f) => readIf(path.join(fixtures, f))),
  );
  for (const format of ['tbx', 'tbx2', 'csv', 'tsv'] as const) {
    const text = exportToString(store, format, { categories: ['programme'] });
    corpus.glossary.push({ name: `export.${format === 'tbx2' ? 'tbx' : format}`, bytes: Buffer.from(text, 'utf8') });
  }
  corpus.glossary.push({ name: 'generated.tbx', bytes: Buffer.from([...writeTbx3(generateConcepts(15))].join(''), 'utf8') });
  // The other encodings the readers accept: UTF-16 with BOM (TBX, CSV) and GB18030 (Excel's CSV on
  // Chinese Windows), so truncations and flips also land in odd bytes and surrogate pairs.
  const utf8Csv = exportToString(store, 'csv', { categories: ['programme'] }).replace(/^\ufeff/, '');
  const generatedTbx = corpus.glossary[corpus.glossary.length - 1].bytes.toString('utf8');
  corpus.glossary.push(
    { name: 'utf16le.tbx', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(generatedTbx.replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le')]) },
    { name: 'utf16be.csv', bytes: iconv.encode(`\ufeff${utf8Csv}`, 'utf16-be') },
    { name: 'gb18030.csv', bytes: iconv.encode(utf8Csv, 'gb18030') },
  );

  // Translation memories: the TMX samples, fixtures, and exportTmx / serializeTmx output.
  const tmFixtures = path.join(PROJECT_ROOT, 'test', 'fixtures', 'tm');
  corpus.tm.push(
    ...sharedSamples(['standards', 'tmx', 'samples'], '.tmx'),
    ...['un-sample.tmx', 'pairs-header.tsv'].flatMap((f) => readIf(path.join(tmFixtures, f))),
  );
  const tmStore = memoryStore();
  addSegments(tmStore, [...generatePairs(12)], 'tmx', 'generated.tmx');
  corpus.tm.push({ name: 'export.tmx', bytes: Buffer.from([...exportTmx(tmStore)].join(''), 'utf8') });
  tmStore.db.close();
  corpus.tm.push({
    name: 'generated.tmx',
    bytes: Buffer.from([...serializeTmx([...generatePairs(8, 7)].map((p, i) => ({ tuid: i + 1, variants: [{ lang: 'en-US', text: p.en }, { lang: 'zh-CN', text: p.zh }] })))].join(''), 'utf8'),
  });
  corpus.tm.push({ name: 'pairs.tsv', bytes: Buffer.from([...generatePairs(10, 11)].map((p) => `${p.en}\t${p.zh}\n`).join(''), 'utf8') });

  // Documents: seed paragraphs in a .docx.
  for (let i = 0; i < 4; i++) corpus.docxXml.push(documentXml(paragraphsXml(seedParagraphs.slice(i * 3, i * 3 + 3))));
  corpus.docx.push(...corpus.docxXml.map(docx));
  // Load mammoth once, so its start-up is not counted against the first fuzzed .docx.
  await decodeDocument(corpus.docx[0], 'warm-up.docx');
}, 120_000);

afterAll(() => {
  store?.db.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

// ------------------------------------------------------------------------------ fuzzing



describe('fuzzed inputs: accepted, or refused with one clear line, in time, changing nothing', () => {
  it('glossary imports (TBX v3/v2, CSV, TSV: samples, fixtures, exports), whole or streamed', async () => {
    const tally = new Tally();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: corpus.glossary.length - 1 }),
        mutationsArb,
        fc.option(fc.integer({ min: 1, max: 4096 }), { nil: undefined }),
        fc.boolean(),
        async (i, mutations, chunk, dryRun) => {
          const base = corpus.glossary[i];
          const bytes = mutate(base.bytes, mutations);
          const o = await feed(
            `import of mutated ${base.name}`,
            store,
            // At most 20,000 chunks: a megabyte fed a byte at a time measures the test, not the reader.
            () => importGlossary(store, chunk ? chunked(bytes, Math.max(chunk, Math.ceil(bytes.length / 20_000))) : bytes, { fileName: base.name, dryRun }),
          );
          tally.add(o);
        },
      ),
      { numRuns: runs(800) },
    );
    tally.report('glossary imports');
    expect(tally.refused).toBeGreaterThan(0);
    expect(tally.accepted).toBeGreaterThan(0);
  }, 120_000);

  it('translation-memory imports (TMX samples and exports, aligned TSV)', async () => {
    const tally = new Tally();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: corpus.tm.length - 1 }), mutationsArb, async (i, mutations) => {
        const base = corpus.tm[i];
        const bytes = mutate(base.bytes, mutations);
        tally.add(await feed(`tm import of mutated ${base.name}`, store, () => importTmFile(store, bytes, base.name)));
      }),
      { numRuns: runs(1000) },
    );
    tally.report('TM imports');
    expect(tally.refused).toBeGreaterThan(0);
    expect(tally.accepted).toBeGreaterThan(0);
  }, 120_000);

  it('TMX parsing of tag soup and streamed chunks', async () => {
    const tally = new Tally();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...XML_TOKENS), { maxLength: 80 }),
        fc.integer({ min: 1, max: 64 }),
        async (tokens, chunk) => {
          const bytes = Buffer.from(`<?xml version="1.0"?><tmx version="1.4"><header/><body>${tokens.join('')}</body></tmx>`);
          tally.add(await feed('tag soup TMX', null, () => parseTmx(chunked(bytes, chunk), { fileName: 'soup.tmx' })));
          tally.add(await feed('tag soup TBX', null, () => parseGlossary(chunked(bytes, chunk), { fileName: 'soup.tbx' })));
        },
      ),
      { numRuns: runs(400) },
    );
    tally.report('tag soup');
  }, 60_000);

  it('.docx documents: mutated ZIP bytes and mutated document XML, then checked', async () => {
    const tally = new Tally();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: corpus.docx.length - 1 }),
        mutationsArb,
        fc.boolean(),
        async (i, drawn, insideXml) => {
          const mutations = drawn;
          // Either the ZIP itself is damaged, or a well-formed ZIP carries damaged XML.
          const bytes = insideXml ? docx(mutate(Buffer.from(corpus.docxXml[i]), mutations).toString('latin1')) : mutate(corpus.docx[i], mutations);
          tally.add(
            await feed(`mutated .docx (${insideXml ? 'XML' : 'ZIP'})`, store, async () => {
              const { text } = await decodeDocument(bytes, 'draft.docx');
              checkDraftInStore(store, text, { name: 'draft.docx' });
            }),
          );
        },
      ),
      { numRuns: runs(400) },
    );
    tally.report('.docx');
    expect(tally.refused).toBeGreaterThan(0);
  }, 120_000);

  it('drafts: mutated seed paragraphs and mutated .txt bytes, through the checker (also with an English source)', async () => {
    const tally = new Tally();
    const englishSources = [...generatePairs(60, 3)].map((p) => `${p.en} The United Nations Conference on Trade and Development (UNCTAD) took note.`);
    const textMutation = fc.oneof(
      fc.record({ at: position, s: fc.constantFrom(...INSERTS.map((b) => b.toString('utf8')), '\ud800', '\udfff', '\u200b', '\u3000', '（（（（', '》》》', '"', '“', '安全理事会（安理会）', '安理会', 'UNCTAD') }),
      fc.record({ at: position, s: fc.string({ unit: 'binary', maxLength: 30 }) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: seedParagraphs.length - 1 }),
        fc.array(textMutation, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
        async (i, edits, asFile, sourceIndex) => {
          let text = seedParagraphs[i];
          let source = sourceIndex === undefined ? undefined : englishSources[sourceIndex % englishSources.length];
          for (const e of edits) {
            const at = Math.floor(e.at * (text.length + 1));
            text = text.slice(0, at) + e.s + text.slice(at);
            // In bilingual mode the English source gets the same damage.
            if (source !== undefined) source = source.slice(0, Math.floor(e.at * (source.length + 1))) + e.s + source.slice(Math.floor(e.at * (source.length + 1)));
          }
          const o = await feed('mutated draft', store, async () => {
            const draft = asFile ? (await decodeDocument(Buffer.from(text, 'utf8'), 'draft.txt')).text : text;
            const result = checkDraftInStore(store, draft, { name: 'draft', source: source === undefined ? undefined : { text: source, name: 'source.txt' } });
            // Every finding points at its text in the draft, at a line and column that exist.
            for (const issue of result.issues) {
              const where = issue.in === 'source' ? source! : draft;
              expect(issue.start).toBeGreaterThanOrEqual(0);
              expect(issue.end).toBeLessThanOrEqual(where.length);
              expect(issue.start).toBeLessThanOrEqual(issue.end);
              expect(where.slice(issue.start, issue.end)).toBe(issue.text);
              const lines = where.split('\n');
              expect(issue.line).toBeGreaterThanOrEqual(1);
              expect(issue.line).toBeLessThanOrEqual(lines.length);
            }
          });
          tally.add(o);
        },
      ),
      { numRuns: runs(800) },
    );
    tally.report('drafts');
  }, 120_000);
});

// ------------------------------------------------------------------------------ hostile cases

const BIN = path.join(PROJECT_ROOT, 'bin', 'termdesk.js');

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The built CLI as a child process, without blocking this process (its servers keep answering). */
function cli(args: string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliRun> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? work,
    env: { ...process.env, TERMDESK_DB: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started });
    }),
  );
}

/** A refused command: exit 2, one clear line on stderr ("termdesk: …"), nothing on stdout. */
function expectCliRefusal(r: CliRun, what: string, pattern?: RegExp): string {
  expect(r.signal, `${what}: killed (${r.stderr})`).toBeNull();
  expect(r.code, `${what}: ${r.stderr}${r.stdout.slice(0, 300)}`).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, `${what}: stderr should be one line`).toHaveLength(1);
  expect(lines[0]).toMatch(/^termdesk: /);
  expectClearRefusal(new InputError(lines[0].slice('termdesk: '.length)), what);
  if (pattern) expect(lines[0]).toMatch(pattern);
  return lines[0];
}

/** Row counts of a database file the CLI has written (and closed). */
function dbCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

/** Counts of a running server's database. */
function serverCounts(server: TestServer): Record<string, number> {
  return rowCounts(server.store);
}

/** The billion-laughs DTD (nine levels of ten entities: 10⁹ "lol"s) of the project's fixture. */
const BILLION_LAUGHS_DTD = /<!DOCTYPE[\s\S]*?\]>/.exec(fs.readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'formats', 'billion-laughs.tbx'), 'utf8'))![0];

/** A TBX v3 glossary with one concept; `doctype` goes before the root, `term` is the English term (raw XML). */
function tbxWith(options: { doctype?: string; term?: string; zh?: string; extra?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
${options.doctype ?? ''}
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
  <tbxHeader><fileDesc><sourceDesc><p>hostile input test</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="hostile-1">
      <langSec xml:lang="en"><termSec><term>${options.term ?? 'Hostile Input Review Committee'}</term>${options.extra ?? ''}</termSec></langSec>
      <langSec xml:lang="zh-Hans"><termSec><term>${options.zh ?? '恶意输入审查委员会'}</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
`;
}

function tmxWith(options: { doctype?: string; en?: string; zh?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
${options.doctype ?? ''}
<tmx version="1.4">
  <header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="test" adminlang="en" srclang="en" datatype="plaintext"/>
  <body>
    <tu><tuv xml:lang="en"><seg>${options.en ?? 'The hostile input review committee met in Geneva.'}</seg></tuv><tuv xml:lang="zh-CN"><seg>${options.zh ?? '恶意输入审查委员会在日内瓦举行会议。'}</seg></tuv></tu>
  </body>
</tmx>
`;
}

function docxWith(options: { doctype?: string; body?: string }): Buffer {
  return docx(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${options.doctype ?? ''}\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${options.body ?? '安全理事会'}</w:t></w:r></w:p></w:body></w:document>`,
  );
}

/** Sends a multipart upload with fetch; answers status and JSON body. */
async function upload(url: string, field: string, name: string, bytes: Buffer | string): Promise<{ status: number; body: { error?: { code: string; message: string } } & Record<string, unknown> }> {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes)]), name);
  // X-Requested-With: what an API client sends and a plain HTML form cannot (docs/OPERATIONS.md).
  const res = await fetch(url, { method: 'POST', body: form, headers: { 'x-requested-with': 'termdesk' } });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
}

interface HugePost {
  status: number | null;
  body: string;
  /** Bytes the client had sent when the answer arrived (or the connection broke). */
  sentAtAnswer: number;
  ms: number;
  /** Largest growth of this process's resident memory while the request ran (server and client share it). */
  rssGrowth: number;
  clientError: string | null;
}

/**
 * POSTs a multipart body of `size` bytes, generated as it is sent (the client holds 64 KiB at a
 * time), with or without a Content-Length. Stops sending as soon as an answer arrives.
 */
function postHuge(url: string, field: string, fileName: string, size: number, declareLength: boolean): Promise<HugePost> {
  const boundary = `----termdesk-fuzz-${Date.now()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = Buffer.alloc(64 * 1024, '联合国安全理事会\n');
  const target = new URL(url);
  const started = performance.now();
  const rss0 = process.memoryUsage().rss;
  let rssMax = rss0;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), 10);
  let sent = 0;
  let stopped = false;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: Omit<HugePost, 'ms' | 'rssGrowth' | 'sentAtAnswer'>) => {
      if (settled) return;
      settled = true;
      clearInterval(sampler);
      resolve({ ...r, sentAtAnswer: sent, ms: performance.now() - started, rssGrowth: rssMax - rss0 });
    };
    const req = http.request(
      {
        hostname: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'x-requested-with': 'termdesk',
          ...(declareLength ? { 'content-length': String(head.length + size + tail.length) } : {}),
        },
      },
      (res) => {
        stopped = true;
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => finish({ status: res.statusCode ?? null, body, clientError: null }));
        res.on('error', () => finish({ status: res.statusCode ?? null, body, clientError: null }));
      },
    );
    req.on('error', (err) => {
      stopped = true;
      // The server may have answered just before the connection broke: give the answer a moment.
      setTimeout(() => finish({ status: null, body: '', clientError: err.message }), 2000);
    });
    req.write(head);
    const pump = () => {
      while (!stopped && sent < size) {
        const n = Math.min(chunk.length, size - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      if (!stopped) req.end(tail);
    };
    pump();
  });
}

describe('hostile inputs, case by case', () => {
  let template: string;
  let server: TestServer;
  const file = (name: string, content: string | Buffer) => {
    const p = path.join(work, name);
    fs.writeFileSync(p, content);
    return p;
  };
  /** A fresh database with the reference glossary, for commands that may write. */
  const freshDb = (() => {
    let n = 0;
    return () => {
      const p = path.join(work, `cli-${++n}.sqlite`);
      fs.copyFileSync(template, p);
      return p;
    };
  })();

  beforeAll(async () => {
    template = path.join(work, 'template.sqlite');
    const [init, started] = await Promise.all([cli(['--db', template, 'init', '--no-seeds', '--quiet']), startTestServer({ seeds: false })]);
    expect(init.code, init.stderr).toBe(0);
    // `init` leaves the key version unset, so the next command recomputes every key with a notice
    // on stderr (reported): let that happen here, once, not in the commands under test.
    const settle = await cli(['--db', template, 'stats']);
    expect(settle.code, settle.stderr).toBe(0);
    server = started;
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('billion laughs (TBX, TMX, .docx) is refused at once, expanding nothing and writing nothing', async () => {
    const lolTbx = tbxWith({ doctype: BILLION_LAUGHS_DTD, term: '&lol9;' });
    const lolTmx = tmxWith({ doctype: BILLION_LAUGHS_DTD, en: '&lol9;' });
    const lolDocx = docxWith({ doctype: BILLION_LAUGHS_DTD, body: '&lol9;' });
    // The same, with the DTD after 100 KB of comment, delivered in 1 KB chunks (a streamed upload).
    const padded = tbxWith({ doctype: `<!-- ${'padding '.repeat(12_800)} -->\n${BILLION_LAUGHS_DTD}`, term: '&lol9;' });

    await feed('billion laughs TBX', store, () => importGlossary(store, Buffer.from(lolTbx), { fileName: 'lol.tbx' }));
    await feed('billion laughs TBX, streamed', store, () => importGlossary(store, chunked(Buffer.from(padded), 1024), { fileName: 'lol.tbx' }));
    await feed('billion laughs TMX', store, () => importTmFile(store, Buffer.from(lolTmx), 'lol.tmx'));
    await feed('billion laughs .docx', store, () => decodeDocument(lolDocx, 'lol.docx'));
    for (const source of [lolTbx, padded]) await expect(parseGlossary(source, { fileName: 'lol.tbx' })).rejects.toThrow(/ENTITY|DTD|internal subset/);
    await expect(parseTmx(lolTmx, { fileName: 'lol.tmx' })).rejects.toThrow(/ENTITY|DTD|internal subset/);
    // mammoth's XML parser does not expand entities either: the reference stays undefined.
    await expect(decodeDocument(lolDocx, 'lol.docx')).rejects.toThrow(/DOCTYPE or entity declarations/);

    const db = freshDb();
    const before = dbCounts(db);
    const runs = await Promise.all([
      cli(['--db', db, 'import', file('lol.tbx', lolTbx)]),
      cli(['--db', db, 'tm', 'import', file('lol.tmx', lolTmx)]),
      cli(['--db', db, 'check', file('lol.docx', lolDocx)]),
    ]);
    expectCliRefusal(runs[0], 'termdesk import lol.tbx', /lol\.tbx: line 3, column \d+: ENTITY declarations are not accepted/);
    expectCliRefusal(runs[1], 'termdesk tm import lol.tmx', /lol\.tmx: line 3, column \d+: ENTITY declarations are not accepted/);
    expect(runs[2].code).toBe(2);
    expect(runs[2].stderr).toMatch(/^termdesk: lol\.docx: the document's XML has a DOCTYPE/);
    for (const r of runs) expect(r.ms).toBeLessThan(10_000);
    expect(dbCounts(db)).toEqual(before);

    const apiBefore = serverCounts(server);
    for (const [route, field, name, bytes] of [
      ['/api/import', 'file', 'lol.tbx', lolTbx],
      ['/api/tm/import', 'file', 'lol.tmx', lolTmx],
      ['/api/check', 'draft', 'lol.docx', lolDocx],
    ] as const) {
      const r = await upload(`${server.url}${route}`, field, name, bytes);
      expect(r.status, `${route}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.body.error?.message).toContain(name);
    }
    expect(serverCounts(server)).toEqual(apiBefore);
  }, 60_000);

  it('external entities and external DTDs are never opened (a FIFO would block the reader) nor fetched', async () => {
    const fifo = path.join(work, 'secret.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // Whoever opens the FIFO for reading completes this open: that is how a read would be noticed.
    let opened = false;
    const writer = fs.promises.open(fifo, 'w').then((fh) => {
      opened = true;
      return fh;
    });
    let hits = 0;
    const net = http.createServer((_req, res) => {
      hits++;
      res.end('<!ENTITY leak "leaked">');
    });
    await new Promise<void>((resolve) => net.listen(0, '127.0.0.1', resolve));
    const remote = `http://127.0.0.1:${(net.address() as AddressInfo).port}`;
    try {
      const db = freshDb();
      const before = dbCounts(db);
      const entityTargets = [`file://${fifo}`, fifo, `${remote}/entity`];
      const refused: Array<[string[], string]> = [];
      entityTargets.forEach((target, i) => {
        const doctype = `<!DOCTYPE x [ <!ENTITY xxe SYSTEM "${target}"> ]>`;
        refused.push([['--db', db, 'import', file(`xxe-${i}.tbx`, tbxWith({ doctype, term: '&xxe;' }))], `xxe-${i}.tbx`]);
        if (i === 1) return; // the bare path: once is enough
        refused.push([['--db', db, 'tm', 'import', file(`xxe-${i}.tmx`, tmxWith({ doctype, en: '&xxe;' }))], `xxe-${i}.tmx`]);
        refused.push([['--db', db, 'check', file(`xxe-${i}.docx`, docxWith({ doctype, body: '&xxe;' }))], `xxe-${i}.docx`]);
      });
      // A parameter entity pulling in a remote DTD.
      const param = `<!DOCTYPE x [ <!ENTITY % dtd SYSTEM "${remote}/dtd"> %dtd; ]>`;
      refused.push([['--db', db, 'import', file('xxe-param.tbx', tbxWith({ doctype: param }))], 'xxe-param.tbx']);
      refused.push([['--db', db, 'tm', 'import', file('xxe-param.tmx', tmxWith({ doctype: param }))], 'xxe-param.tmx']);
      const results = await Promise.all(refused.map(([args]) => cli(args, { timeoutMs: 20_000 })));
      results.forEach((r, i) => {
        const name = refused[i][1];
        expect(r.signal, `${name}: the reader blocked (it opened the FIFO?)`).toBeNull();
        expect(r.code, `${name}: ${r.stderr}`).toBe(2);
        expect(r.stderr).toContain(name);
        expect(r.stderr).not.toContain('leaked');
      });
      expect(dbCounts(db)).toEqual(before);

      // A DOCTYPE naming an external DTD (as TBX v2 and TMX files do) is accepted and ignored:
      // the file imports, and the DTD (the FIFO, the URL) is never read.
      const accepted = await Promise.all([
        cli(['--db', db, 'import', file('dtd-fifo.tbx', tbxWith({ doctype: `<!DOCTYPE tbx SYSTEM "${fifo}">` }))], { timeoutMs: 20_000 }),
        cli(['--db', db, 'tm', 'import', file('dtd-url.tmx', tmxWith({ doctype: `<!DOCTYPE tmx SYSTEM "${remote}/tmx14.dtd">` }))], { timeoutMs: 20_000 }),
      ]);
      for (const r of accepted) {
        expect(r.signal, r.stderr).toBeNull();
        expect(r.code, r.stderr).toBe(0);
      }
      expect(dbCounts(db)).toEqual({ ...before, concept: before.concept + 1, term: before.term + 2, tm_segment: before.tm_segment + 1 });

      // The same in this process, through the parsers the server uses.
      for (const target of entityTargets) {
        const doctype = `<!DOCTYPE x [ <!ENTITY xxe SYSTEM "${target}"> ]>`;
        await feed('XXE TBX (in process)', store, () => importGlossary(store, Buffer.from(tbxWith({ doctype, term: '&xxe;' })), { fileName: 'xxe.tbx' }));
        await feed('XXE TMX (in process)', store, () => importTmFile(store, Buffer.from(tmxWith({ doctype, en: '&xxe;' })), 'xxe.tmx'));
        await feed('XXE .docx (in process)', null, () => decodeDocument(docxWith({ doctype, body: '&xxe;' }), 'xxe.docx'));
      }
      await new Promise((r) => setTimeout(r, 200));
      expect(opened, 'something opened the FIFO named by an entity or a DOCTYPE').toBe(false);
      expect(hits, 'something fetched the URL named by an entity or a DOCTYPE').toBe(0);
    } finally {
      // Unblock our own pending open (a non-blocking reader lets it complete), then clean up.
      const reader = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      await (await writer).close();
      fs.closeSync(reader);
      net.close();
    }
  }, 90_000);

  it('a 200 MB upload is refused at the limit (413) by /api/import, /api/tm/import and /api/check: quickly, in bounded memory, writing nothing', async () => {
    const before = serverCounts(server);
    for (const [route, field, name] of [
      ['/api/import', 'file', 'huge.tbx'],
      ['/api/tm/import', 'file', 'huge.tmx'],
      ['/api/check', 'draft', 'huge.txt'],
    ] as const) {
      const r = await postHuge(`${server.url}${route}`, field, name, 200 * 1024 * 1024, true);
      expect(r.status, `${route}: ${r.clientError ?? r.body}`).toBe(413);
      const error = (JSON.parse(r.body) as { error: { code: string; message: string } }).error;
      expect(error.code).toBe('too_large');
      expectClearRefusal(new InputError(error.message), route);
      const limit = Number(/(\d+)-byte/.exec(error.message)?.[1]);
      expect(limit).toBeGreaterThan(0);
      // Refused from the declared length, before reading the body (the socket buffers hold a few MB).
      expect(r.sentAtAnswer, `${route}: the client had sent ${r.sentAtAnswer} bytes`).toBeLessThan(16 * 1024 * 1024);
      expect(r.ms).toBeLessThan(5_000);
      expect(r.rssGrowth, `${route}: memory grew by ${r.rssGrowth} bytes`).toBeLessThan(64 * 1024 * 1024);
      console.info(`[fuzz] 200 MB POST ${route}: 413 after ${Math.round(r.ms)} ms, ${(r.sentAtAnswer / 1048576).toFixed(1)} MB sent, memory +${Math.round(r.rssGrowth / 1048576)} MB`);
    }
    expect(serverCounts(server)).toEqual(before);
  }, 60_000);

  it('invalid UTF-8 is refused with a clear line by every importer and the checker, writing nothing', async () => {
    const bad = (before: string, after: string) => Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from([0xe8, 0x28, 0xff]), Buffer.from(after, 'utf8')]);
    const tbx = tbxWith();
    const tmx = tmxWith();
    const cut = (s: string) => s.indexOf('Hostile') >= 0 ? s.indexOf('Hostile') : s.indexOf('hostile input review');
    const files = {
      'bad.tbx': bad(tbx.slice(0, cut(tbx)), tbx.slice(cut(tbx))),
      'bad.csv': bad('en,zh-Hans\nHostile Input ', 'Review Committee,恶意输入审查委员会\n'),
      'bad.tsv': bad('en\tzh-Hans\nHostile Input ', 'Review Committee\t恶意输入审查委员会\n'),
      'bad.tmx': bad(tmx.slice(0, cut(tmx)), tmx.slice(cut(tmx))),
      'bad-pairs.tsv': bad('The hostile input ', 'review committee met.\t恶意输入审查委员会举行会议。\n'),
      'bad.txt': bad('联合国安全理事会', '和大会\n'),
    };
    for (const [name, bytes] of Object.entries(files)) file(name, bytes);
    const db = freshDb();
    const before = dbCounts(db);
    const runs = await Promise.all([
      cli(['--db', db, 'import', 'bad.tbx']),
      cli(['--db', db, 'import', 'bad.csv']),
      cli(['--db', db, 'import', 'bad.tsv']),
      cli(['--db', db, 'tm', 'import', 'bad.tmx']),
      cli(['--db', db, 'tm', 'import', 'bad-pairs.tsv']),
      cli(['--db', db, 'check', 'bad.txt']),
    ]);
    const names = ['bad.tbx', 'bad.csv', 'bad.tsv', 'bad.tmx', 'bad-pairs.tsv', 'bad.txt'];
    runs.forEach((r, i) => expectCliRefusal(r, names[i], new RegExp(`${names[i].replace('.', '\\.')}: .*not valid UTF-8`)));
    // Text files name the byte offset of the first bad byte ("en,zh-Hans\nHostile Input " is 25 bytes).
    expect(runs[1].stderr).toMatch(/offset 25\b/);
    expect(dbCounts(db)).toEqual(before);

    const apiBefore = serverCounts(server);
    for (const [route, field, name] of [
      ['/api/import', 'file', 'bad.tbx'],
      ['/api/import', 'file', 'bad.csv'],
      ['/api/tm/import', 'file', 'bad.tmx'],
      ['/api/check', 'draft', 'bad.txt'],
    ] as const) {
      const r = await upload(`${server.url}${route}`, field, name, files[name]);
      expect(r.status, `${route} ${name}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.body.error?.message).toMatch(/not valid UTF-8/);
    }
    expect(serverCounts(server)).toEqual(apiBefore);
  }, 60_000);

  // BUG: an invalid UTF-8 byte in a TBX or TMX file is refused with "x.tbx: the file is not valid
  // UTF-8; save it as UTF-8", which does not say where; the operations promise is that the error
  // names the line (CSV, TSV and drafts name the byte offset). In src/formats/xml.ts, textDecoder's
  // run() loses the position: count the bytes decoded so far and report the first bad byte's
  // line (or offset) as the other decoders do.
  it('invalid UTF-8 in a TBX or TMX file is refused naming where it is', async () => {
    const tbx = tbxWith();
    const at = tbx.indexOf('Hostile');
    const bytes = Buffer.concat([Buffer.from(tbx.slice(0, at)), Buffer.from([0xff]), Buffer.from(tbx.slice(at))]);
    await expect(parseGlossary(bytes, { fileName: 'bad.tbx' })).rejects.toThrow(/bad\.tbx: (line 7\b|.*offset \d+)/);
    const tmx = tmxWith();
    const at2 = tmx.indexOf('The hostile');
    await expect(parseTmx(Buffer.concat([Buffer.from(tmx.slice(0, at2)), Buffer.from([0xff]), Buffer.from(tmx.slice(at2))]), { fileName: 'bad.tmx' })).rejects.toThrow(
      /bad\.tmx: (line 6\b|.*offset \d+)/,
    );
  });

  it('empty files: imports refuse them ("the file is empty"), the checker reports an empty draft, nothing is written', async () => {
    const empties = { 'empty.tbx': '', 'empty.csv': '', 'empty.tsv': '', 'bom.csv': '\ufeff', 'blank.tbx': '  \n\n', 'empty.tmx': '', 'empty-pairs.tsv': '', 'empty.txt': '', 'empty.docx': '' };
    for (const [name, content] of Object.entries(empties)) file(name, content);
    const db = freshDb();
    const before = dbCounts(db);
    const imports = await Promise.all(['empty.tbx', 'empty.csv', 'empty.tsv', 'bom.csv', 'blank.tbx'].map((f) => cli(['--db', db, 'import', f])));
    imports.forEach((r, i) => expectCliRefusal(r, `import ${i}`, /: the file is empty$/));
    const tm = await Promise.all(['empty.tmx', 'empty-pairs.tsv'].map((f) => cli(['--db', db, 'tm', 'import', f])));
    tm.forEach((r, i) => expectCliRefusal(r, `tm import ${i}`, /empty/));
    const [checkTxt, checkDocx] = await Promise.all([cli(['--db', db, 'check', 'empty.txt', '--json']), cli(['--db', db, 'check', 'empty.docx'])]);
    expect(checkTxt.code, checkTxt.stderr).toBe(0);
    expect(JSON.parse(checkTxt.stdout)).toMatchObject({ issues: [], summary: { characters: 0, total: 0 } });
    expectCliRefusal(checkDocx, 'check empty.docx', /empty\.docx: /);
    expect(dbCounts(db)).toEqual(before);

    const apiBefore = serverCounts(server);
    for (const [route, field, name] of [
      ['/api/import', 'file', 'empty.tbx'],
      ['/api/import', 'file', 'empty.csv'],
      ['/api/tm/import', 'file', 'empty.tmx'],
    ] as const) {
      const r = await upload(`${server.url}${route}`, field, name, '');
      expect(r.status, `${route} ${name}: ${JSON.stringify(r.body)}`).toBe(400);
      expectClearRefusal(new InputError(r.body.error!.message), `${route} ${name}`);
    }
    const check = await fetch(`${server.url}/api/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '' }) });
    expect(check.status).toBe(200);
    expect(serverCounts(server)).toEqual(apiBefore);
  }, 60_000);

  it('a draft of one enormous line (2,000,000 characters, no line break) is checked in bounded time, findings on line 1', async () => {
    // Real report text with every line break removed, repeated to 2,000,000 characters.
    const oneLine = seedParagraphs.join('').replace(/\s*\n\s*/g, '');
    const huge = oneLine.repeat(Math.ceil(2_000_000 / oneLine.length)).slice(0, 2_000_000);
    expect(huge).not.toMatch(/\n/);
    let result: ReturnType<typeof checkDraftInStore> | undefined;
    const cpu = process.cpuUsage();
    const o = await feed('2,000,000-character line', store, () => {
      result = checkDraftInStore(store, huge, { name: 'huge.txt' });
    });
    const cpuMs = cpuMsSince(cpu);
    expect(o.ok).toBe(true);
    expect(cpuMs).toBeLessThan(CPU_BOUND_MS * 5);
    expect(result!.summary.characters).toBe(2_000_000);
    expect(result!.summary.occurrences).toBeGreaterThan(1000);
    for (const issue of result!.issues) {
      expect(issue.line).toBe(1);
      expect(huge.slice(issue.start, issue.end)).toBe(issue.text);
      expect(issue.column).toBe(issue.start + 1);
    }
    console.info(`[fuzz] one 2,000,000-character line: checked in ${Math.round(o.ms)} ms (${Math.round(cpuMs)} ms CPU), ${result!.summary.occurrences} occurrences, ${result!.summary.total} findings`);

    // The CLI takes it as a file; the API refuses JSON text over 1,000,000 characters with a clear
    // message and takes a 900,000-character line.
    file('huge.txt', huge);
    const r = await cli(['--db', template, 'check', 'huge.txt', '--json']);
    expect(r.signal).toBeNull();
    expect([0, 1], r.stderr).toContain(r.code);
    expect(JSON.parse(r.stdout).summary.characters).toBe(2_000_000);
    const tooLong = await fetch(`${server.url}/api/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: huge }) });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { error: { message: string } }).error.message).toMatch(/longer than 1000000 characters/);
    const started = performance.now();
    const ok = await fetch(`${server.url}/api/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: huge.slice(0, 900_000) }) });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { summary: { characters: number } }).summary.characters).toBe(900_000);
    expect(performance.now() - started).toBeLessThan(WALL_BOUND_MS * 2);

    // One enormous line as a glossary or a memory is refused, quickly.
    await feed('2 MB one-line CSV', store, () => importGlossary(store, Buffer.from(`en,zh-Hans,${huge.slice(0, 1_000_000)}`), { fileName: 'line.csv' }));
    const tmLine = await feed('2 MB one-line TM TSV', store, () => importTmFile(store, Buffer.from(`The Security Council ${'met again '.repeat(100_000)}\t${huge.slice(0, 1_000_000)}`), 'line.tsv'));
    expect(tmLine.ok).toBe(false);
  }, 120_000);

  it('a term of 10,000 characters: refused with its line (CSV, API), left out with a warning naming the line (TBX); long segments and queries are handled', async () => {
    const long = `Committee on ${'the Review of Hostile Inputs and '.repeat(320)}`.slice(0, 10_000).trim();
    expect(long.length).toBeGreaterThan(9_900);
    const db = freshDb();
    const before = dbCounts(db);
    file('long.csv', `en,zh-Hans\nHostile Input Review Committee,恶意输入审查委员会\n${long},长术语委员会\n`);
    file('long.tbx', tbxWith({ term: long }));
    const longZh = '联合国安全理事会'.repeat(1250);
    file('long.tmx', tmxWith({ en: `${long}.`, zh: `${longZh}。` }));
    const [csv, tbx, tmx] = await Promise.all([
      cli(['--db', db, 'import', 'long.csv']),
      cli(['--db', db, 'import', 'long.tbx', '--json']),
      cli(['--db', db, 'tm', 'import', 'long.tmx', '--json']),
    ]);
    expectCliRefusal(csv, 'import long.csv', /long\.csv: line 3, column "en": term text is longer than 1000 characters/);
    expect(tbx.code, tbx.stderr).toBe(0);
    const report = JSON.parse(tbx.stdout) as { concepts: { new: number }; terms: { added: number }; warnings: string[] };
    expect(report.concepts.new).toBe(1);
    expect(report.terms.added).toBe(1);
    expect(report.warnings).toEqual([expect.stringMatching(/^line 7: term text is longer than 1000 characters; term skipped$/)]);
    expect(tmx.code, tmx.stderr).toBe(0);
    expect(JSON.parse(tmx.stdout)).toMatchObject({ added: 1 });
    expect(dbCounts(db)).toEqual({ ...before, concept: before.concept + 1, term: before.term + 1, tm_segment: before.tm_segment + 1 });

    // The 10,000-character segment is found again by fuzzy match and concordance, quickly.
    const [match, conc] = await Promise.all([
      cli(['--db', db, 'tm', 'match', long.slice(0, 4_000), '--json', '--min', '10']),
      cli(['--db', db, 'tm', 'concordance', '联合国安全理事会', '--json']),
    ]);
    expect(match.code, match.stderr).toBe(0);
    expect(match.ms).toBeLessThan(WALL_BOUND_MS * 2);
    expect(conc.code, conc.stderr).toBe(0);
    expect((JSON.parse(conc.stdout) as { total: number }).total).toBeGreaterThan(0);

    // Over HTTP: a 10,000-character alias, query or fuzzy-match text is refused with a clear message;
    // a draft made of it is checked.
    const apiBefore = serverCounts(server);
    const concept = ((await (await fetch(`${server.url}/api/search?q=${encodeURIComponent('安全理事会')}`)).json()) as { results: Array<{ conceptId: number }> }).results[0].conceptId;
    for (const [method, url, body] of [
      ['POST', `/api/concepts/${concept}/terms`, JSON.stringify({ text: long, lang: 'en' })],
      ['GET', `/api/search?q=${encodeURIComponent(long)}`, undefined],
      ['GET', `/api/tm/match?q=${encodeURIComponent(long)}`, undefined],
      ['GET', `/api/tm/concordance?q=${encodeURIComponent(long)}`, undefined],
    ] as const) {
      const res = await fetch(`${server.url}${url}`, { method, body, headers: body ? { 'content-type': 'application/json' } : {} });
      expect(res.status, `${method} ${url.slice(0, 40)}`).toBe(400);
      expectClearRefusal(new InputError(((await res.json()) as { error: { message: string } }).error.message), `${method} ${url.slice(0, 40)}`);
    }
    await feed('10,000-character draft', null, () => checkDraftInStore(store, long + longZh));
    expect(serverCounts(server)).toEqual(apiBefore);
  }, 60_000);

  it('control characters: refused in glossaries, memories, documents and new terms (with where they are), tolerated in pasted drafts', async () => {
    const db = freshDb();
    const before = dbCounts(db);
    const cases: Array<[string, string | Buffer, string[], RegExp]> = [
      ['ctl.tbx', tbxWith({ term: 'Hostile\u0007Input Review Committee' }), ['import'], /ctl\.tbx: line 7, column \d+: disallowed character/],
      ['ctl-ref.tbx', tbxWith({ term: 'Hostile&#x1B;[31mInput' }), ['import'], /ctl-ref\.tbx: line 7, column \d+: .*character/],
      ['ctl.csv', 'en,zh-Hans\nHostile\u001bInput,恶意输入\n', ['import'], /ctl\.csv: control character U\+001B at offset \d+/],
      ['ctl.tmx', tmxWith({ en: 'The hostile\u0000input' }), ['tm', 'import'], /ctl\.tmx: line 6, column \d+: disallowed character/],
      ['ctl-pairs.tsv', 'The hostile\u0008input committee met.\t委员会举行会议。\n', ['tm', 'import'], /ctl-pairs\.tsv: control character U\+0008 at offset \d+/],
      ['ctl.txt', '联合国安全理事会\u0001和大会\n', ['check'], /ctl\.txt: control character U\+0001 at offset 8/],
    ];
    for (const [name, content] of cases) file(name, content);
    const runs = await Promise.all(cases.map(([name, , command]) => cli(['--db', db, ...command, name])));
    runs.forEach((r, i) => expectCliRefusal(r, cases[i][0], cases[i][3]));
    expect(dbCounts(db)).toEqual(before);
    // In a .docx, the XML decides: a character reference to U+0001 is text to mammoth, and the
    // draft is checked like any other (plain-text files with control characters are refused).
    file('ctl.docx', docxWith({ body: '安全理事会&#x1;联合国大会' }));
    const docxRun = await cli(['--db', db, 'check', 'ctl.docx', '--json']);
    expect(docxRun.code, docxRun.stderr).toBe(0);
    expect(JSON.parse(docxRun.stdout).summary.characters).toBeGreaterThan(5);

    // A pasted draft (JSON) with NUL, BEL and ESC is checked: the characters are data, not commands.
    const apiBefore = serverCounts(server);
    const text = '安全理事会\u0000\u0007\u001b[2J联合国大会';
    const res = await fetch(`${server.url}/api/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { summary: { characters: number } }).summary.characters).toBe(text.length);
    const concept = ((await (await fetch(`${server.url}/api/search?q=${encodeURIComponent('安全理事会')}`)).json()) as { results: Array<{ conceptId: number }> }).results[0].conceptId;
    const add = await fetch(`${server.url}/api/concepts/${concept}/terms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Security\u001b[31mCouncil', lang: 'en' }) });
    expect(add.status).toBe(400);
    expect(((await add.json()) as { error: { message: string } }).error.message).toMatch(/control characters/);
    expect(serverCounts(server)).toEqual(apiBefore);
  }, 60_000);

  // BUG: the .docx reader (docxToText in src/io/text.ts) puts mammoth's error text in the message
  // (now on one line): "draft.docx: cannot read .docx (error: [xmldom error] element parse error:
  // Error: unexpected < in tag name: )", "(… TypeError: Cannot read properties of undefined
  // (reading 'length'))", "(Maximum call stack size exceeded)", "(Not implemented)", "(Corrupted
  // zip or bug: unexpected signature (\x50\x4B…))". Fix: map mammoth/JSZip failures to a few plain
  // messages ("the file is damaged (not a valid .docx)", "the document's XML is malformed") and keep
  // the library text out of what users see.
  it('a .docx with malformed XML or a damaged ZIP is refused with a plain message', async () => {
    const damaged = [
      docx(documentXml('<w:p><w:r><w:t>安全理事会</w:t></w:r><<w:p>')),
      docx(documentXml('<w:p><w:r><w:t>安全理事会</w:r></w:p>')),
      docx(documentXml('<a>'.repeat(5_000) + '</a>'.repeat(5_000))),
      corpus.docx[0].subarray(0, 200),
    ];
    for (const bytes of damaged) {
      const err = await decodeDocument(bytes, 'draft.docx').then(
        () => null,
        (e: unknown) => e,
      );
      expectClearRefusal(err, 'damaged .docx');
      expect((err as Error).message).not.toMatch(/xmldom|TypeError|Error:|stack size|Not implemented|\\x/);
    }
  });

  // BUG (denial of service, two ways): mammoth reads a .docx whole and synchronously, with no bound
  // on time or memory, and POST /api/check takes .docx uploads up to 10 MB from anyone who can
  // reach the server (reads need no token); the parse blocks the server's event loop meanwhile.
  // (1) Unpacked size: a 10 KB .docx whose document.xml is 100,000 empty paragraphs (3.5 MB of XML)
  //     takes 5-10 s and ~700 MB; this 30 KB one (300,000 paragraphs) exhausts a 384 MB heap;
  //     100 KB (1,000,000 paragraphs) took 113 s and 3.2 GB here.
  // (2) Quadratic parse: elements after the root element cost xmldom time quadratic in their
  //     nesting depth: a 1 KB .docx with 8,000 nested elements takes 2.7 s of CPU, 16,000 take
  //     10.6 s, each doubling ×4.
  // Fix (src/io/text.ts, decodeDocument): run mammoth in a worker thread with resourceLimits and a
  // time limit (terminate it, then refuse: "the .docx is too complex to read"), and refuse before
  // unpacking a document.xml over a few tens of MB or ~100 times its packed size (these are
  // 350:1; real Word files ~10:1; 2,000,000 characters of report text unpack to ~2.5 MB).
  it('hostile .docx files (30 KB unpacking to 300,000 paragraphs; 1 KB with 16,000 nested elements) are refused or read within bounds', async () => {
    const bombs = {
      'bomb-paragraphs.docx': docx(documentXml('<w:p><w:r><w:t>a</w:t></w:r></w:p>'.repeat(300_000))),
      'bomb-nesting.docx': docx(`${documentXml('<w:p><w:r><w:t>安全理事会</w:t></w:r></w:p>')}${'<a>'.repeat(16_000)}${'</a>'.repeat(16_000)}`),
    };
    for (const [name, bytes] of Object.entries(bombs)) {
      expect(bytes.length).toBeLessThan(40_000);
      file(name, bytes);
    }
    const runs = await Promise.all(
      Object.keys(bombs).map((name) => cli(['--db', template, 'check', name], { timeoutMs: 5_000, env: { NODE_OPTIONS: '--max-old-space-size=384' } })),
    );
    Object.entries(bombs).forEach(([name, bytes], i) =>
      console.info(`[fuzz] check of the ${bytes.length}-byte ${name}: ${runs[i].signal ?? `exit ${runs[i].code}`} after ${Math.round(runs[i].ms)} ms`),
    );
    for (const r of runs) {
      expect(r.signal, 'killed after 5 s, or out of memory').toBeNull();
      expect([0, 1, 2]).toContain(r.code);
    }
  }, 30_000);

  // BUG: refusals quote the offending value or element name whole, tabs and line breaks included:
  // src/formats/csv.ts (unknown category/status "${value}", column "${header}"), src/formats/tbx.ts
  // ("${value}" is not one of …, namespace "${uri}", <${name}>) and src/formats/xml.ts (closing tag
  // does not match <${name}>). A 100,000-character category cell gives a 100,151-character message;
  // a termNote value with a line break gives a two-line message, of which the CLI prints only the
  // first line ('… <termNote type="termType">: "full'); a namespace with DEL or a C1 control (legal
  // in XML 1.0) puts it raw on the terminal. Fix: one quote(value) helper that cuts to ~60
  // characters with "…" and shows control characters escaped (\n, \t, \u007f).
  it('refusals quote a bad value or element name short and on one line', async () => {
    const messages: string[] = [];
    const refuse = async (p: Promise<unknown>) => messages.push(await p.then(() => 'accepted', (e: Error) => e.message));
    await refuse(parseGlossary(Buffer.from(`en,zh-Hans,category\nSecurity Council,安全理事会,${'q'.repeat(100_000)}\n`), { fileName: 'x.csv' }));
    await refuse(parseGlossary(tbxWith({ extra: '<termNote type="termType">full\nForm</termNote>' }), { fileName: 'x.tbx' }));
    await refuse(parseGlossary(tbxWith({ extra: `<termNote type="termType">${'x'.repeat(5_000)}</termNote>` }), { fileName: 'x.tbx' }));
    await refuse(parseGlossary(tbxWith({ extra: `<${'z'.repeat(3_000)}>a</${'z'.repeat(3_000)}>` }), { fileName: 'x.tbx' }));
    await refuse(parseTmx(tmxWith({ en: `<b${'y'.repeat(3_000)}>a</b>` }), { fileName: 'x.tmx' }));
    await refuse(parseGlossary(tbxWith().replace('urn:iso:std:iso:30042:ed-2', 'urn:iso:std:iso\u007f:30042:ed-2\u009b31m'), { fileName: 'x.tbx' }));
    for (const m of messages) {
      expect(m).not.toBe('accepted');
      expectClearRefusal(new InputError(m), m.slice(0, 80));
    }
  });

  const chunkedPosts = new Map<string, HugePost>();
  const chunkedRoutes = [
    ['/api/import', 'file', 'huge.tbx'],
    ['/api/tm/import', 'file', 'huge.tmx'],
    ['/api/check', 'draft', 'huge.txt'],
  ] as const;

  // Issue 17, finding 8: the size limit used stat.size, which is 0 for a FIFO and for /dev/zero.
  it('a FIFO, /dev/zero or /dev/urandom given to extract, ingest, check or tm import is refused at once (not a regular file)', async () => {
    const fifo = path.join(work, 'draft-fifo.txt');
    if (!fs.existsSync(fifo)) expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const db = freshDb();
    const before = dbCounts(db);
    const runs = [];
    for (const input of [fifo, '/dev/zero', '/dev/urandom']) {
      for (const args of [['extract', input], ['ingest', input], ['check', input], ['tm', 'import', input]]) {
        // A command that hangs on its input is killed after 30 s (and fails below as killed).
        runs.push({ what: `${args.join(' ')}`, run: cli(['--db', db, ...args], { timeoutMs: 30_000 }) });
      }
    }
    for (const { what, run } of runs) expectCliRefusal(await run, what, /(a named pipe|a device), not a regular file/);
    expect(dbCounts(db)).toEqual(before);
  }, 120_000);

  // Issue 17, finding 9: one 40 MB segment drove RSS to 1.6 GB.
  it('a TMX file with one 40 MB segment is refused while it is read, in bounded memory', async () => {
    const tmx = file('huge-segment.tmx', tmxWith({ en: 'a'.repeat(40 * 1024 * 1024) }));
    const r = await measured(`
      const { readFileSync } = await import('node:fs');
      const { parseTmx } = await import(${JSON.stringify(distModule('formats/tmx.js'))});
      const bytes = readFileSync(${JSON.stringify(tmx)});
      try { await parseTmx(bytes, { fileName: 'huge-segment.tmx' }); return 'accepted'; } catch (err) { return err.message; }`);
    expect(r.result).toMatch(/^huge-segment\.tmx: line \d+, column \d+: .*(more than 1,000,000 characters)/);
    // The file itself is 40 MB in memory: what parsing adds stays small.
    expect(r.maxRssMb, 'peak RSS').toBeLessThan(300);
  }, 60_000);

  // Issue 17, finding 6: only the first word/document.xml was bounded.
  const withParts = (extra: ZipPart[]) => [...docxParts(documentXml('<w:p><w:r><w:t>安全理事会</w:t></w:r></w:p>')), ...extra];

  it('a .docx with a duplicate part is refused', async () => {
    const duplicate = zip(withParts([{ name: 'word/document.xml', data: documentXml('<w:p><w:r><w:t>第二份文件</w:t></w:r></w:p>') }]));
    await expect(decodeDocument(duplicate, 'duplicate.docx')).rejects.toThrow(/duplicate\.docx: the archive holds "word\/document\.xml" twice/);
  });

  it('a .docx with a bomb in styles.xml is refused before mammoth reads it, in bounded memory', async () => {
    const parts = withParts;
    // 300 MB of styles that claim to be 2 KB.
    const stylesXml = `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${'<w:style w:type="paragraph"/>'.repeat(16)}`;
    const bomb = zip(parts([{ name: 'word/styles.xml', data: await deflatedRepeat(stylesXml, 300 * 1024 * 1024), declaredSize: 2048 }]));
    expect(bomb.length).toBeLessThan(4 * 1024 * 1024);
    const bombFile = file('styles-bomb.docx', bomb);
    const r = await measured(`
      const { decodeDocument } = await import(${JSON.stringify(distModule('io/text.js'))});
      const { readFileSync } = await import('node:fs');
      try { await decodeDocument(readFileSync(${JSON.stringify(bombFile)}), 'styles-bomb.docx'); return 'accepted'; } catch (err) { return err.message; }`);
    expect(r.result).toMatch(/^styles-bomb\.docx: word\/styles\.xml unpacks to more than 8 MB of XML/);
    expect(r.maxRssMb, 'peak RSS').toBeLessThan(300);
    expect(r.ms).toBeLessThan(WALL_BOUND_MS);
    // A document with ordinary styles is still read.
    const fine = zip(parts([{ name: 'word/styles.xml', data: `${stylesXml}</w:styles>` }]));
    expect((await decodeDocument(fine, 'fine.docx')).text.trim()).toBe('安全理事会');
  }, 60_000);

  it('a 200 MB chunked upload (no Content-Length) stops being read near the limit, in bounded memory, writing nothing', async () => {
    const before = serverCounts(server);
    // The three at once: the memory bound holds for all of them together.
    const posts = await Promise.all(chunkedRoutes.map(([route, field, name]) => postHuge(`${server.url}${route}`, field, name, 200 * 1024 * 1024, false)));
    posts.forEach((r, i) => {
      const route = chunkedRoutes[i][0];
      chunkedPosts.set(route, r);
      console.info(`[fuzz] 200 MB chunked POST ${route}: ${r.status ?? r.clientError} after ${Math.round(r.ms)} ms, ${(r.sentAtAnswer / 1048576).toFixed(1)} MB sent, memory +${Math.round(r.rssGrowth / 1048576)} MB`);
      // The limit is 50 MB (10 MB for drafts); the socket buffers hold a few MB more.
      expect(r.sentAtAnswer, route).toBeLessThan(72 * 1024 * 1024);
      expect(r.rssGrowth, route).toBeLessThan(192 * 1024 * 1024);
      expect(r.ms, route).toBeLessThan(20_000);
    });
    expect(serverCounts(server)).toEqual(before);
  }, 90_000);

  // BUG: over the limit, an upload without Content-Length (chunked, as streaming clients send it)
  // is cut off with a connection reset: readUpload in src/server/upload.ts unpipes the request and
  // the error handler in src/server/app.ts answers 413 with "Connection: close", but the request
  // data still arriving makes the kernel reset the socket, so the client gets EPIPE/ECONNRESET and
  // never sees the 413 or its message. (Uploads with Content-Length, i.e. browsers and curl, get
  // their 413 at once: the test above.) Fix: after answering 413, read and discard the rest for a
  // bounded time or amount before closing ("lingering close", as nginx does).
  it('a 200 MB chunked upload (no Content-Length) gets its 413 answer', async () => {
    for (const [route, field, name] of chunkedRoutes) {
      const r = chunkedPosts.get(route) ?? (await postHuge(`${server.url}${route}`, field, name, 200 * 1024 * 1024, false));
      expect(r.status, `${route}: ${r.clientError}`).toBe(413);
    }
  }, 90_000);
});
