// Bad input: thousands of mutated glossary files (TBX v3/v2, CSV, TSV), translation memories (TMX,
// TSV), .docx documents and drafts fed to the importers, the document decoder and the draft
// checker, plus the hostile cases of issue 9 one by one (billion laughs, external entities, a
// 200 MB upload, invalid UTF-8, empty files, one enormous line, a 10,000-character term, control
// characters).
//
// What every input must get: a result, or an InputError whose message is one clear line (no
// "undefined", no stack, no control characters); an answer within TIME_BOUND_MS; and, when an
// import is refused, a database exactly as it was (the row count of every table).
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
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateConcepts, generatePairs } from '../bench/generate.js';
import { checkDraftInStore } from '../src/check/checker.js';
import { InputError } from '../src/domain/types.js';
import { exportToString, importGlossary, parseGlossary } from '../src/formats/exchange.js';
import { writeTbx3 } from '../src/formats/tbx3.js';
import { parseTmx, serializeTmx } from '../src/formats/tmx.js';
import { decodeDocument } from '../src/io/text.js';
import { initDatabase } from '../src/setup.js';
import type { Store } from '../src/store/repository.js';
import { exportTmx, importTmFile } from '../src/tm/import.js';
import { TmRepository } from '../src/tm/segments.js';
import { SEEDS_DIR } from '../src/paths.js';
import { startTestServer, type TestServer } from './e2e/server.js';
import { PROJECT_ROOT, memoryStore, runCli, sharedFile, tempDir } from './helpers.js';

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
        : // eslint-disable-next-line no-control-regex
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
  try {
    await run();
    outcome = { ok: true, ms: performance.now() - started, cpuMs: cpuMsSince(cpu) };
  } catch (err) {
    outcome = { ok: false, ms: performance.now() - started, cpuMs: cpuMsSince(cpu) };
    expectClearRefusal(err, what, knownFlaw);
    outcome.error = err;
    if (store) expect(rowCounts(store), `${what}: refused (${err.message}) but the database changed`).toEqual(before);
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

/** A minimal .docx (ZIP with deflated parts), so the decoder sees what Word writes. */
function zip(files: Array<{ name: string; data: Buffer | string }>): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const data = typeof f.data === 'string' ? Buffer.from(f.data, 'utf8') : f.data;
    const deflated = zlib.deflateRawSync(data);
    const name = Buffer.from(f.name, 'utf8');
    const crc = zlib.crc32(data);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x0800, 6);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(deflated.length, 18);
    h.writeUInt32LE(data.length, 22);
    h.writeUInt16LE(name.length, 26);
    local.push(h, name, deflated);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(deflated.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + deflated.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function documentXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
}

function paragraphsXml(paragraphs: string[]): string {
  return paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(p)}</w:t></w:r></w:p>`).join('');
}

function docx(documentXmlText: string): Buffer {
  return zip([
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    },
    { name: 'word/document.xml', data: documentXmlText },
  ]);
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

  // Translation memories: the TMX samples, fixtures, and exportTmx / serializeTmx output.
  const tmFixtures = path.join(PROJECT_ROOT, 'test', 'fixtures', 'tm');
  corpus.tm.push(
    ...sharedSamples(['standards', 'tmx', 'samples'], '.tmx'),
    ...['un-sample.tmx', 'pairs-header.tsv'].flatMap((f) => readIf(path.join(tmFixtures, f))),
  );
  const tmStore = memoryStore();
  TmRepository.of(tmStore).addSegments([...generatePairs(12)], 'tmx', 'generated.tmx');
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
}, 120_000);

afterAll(() => {
  store?.db.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

// ------------------------------------------------------------------------------ fuzzing

/**
 * BUG (reported; pinned by "a .docx with malformed XML is refused with a plain message"): the
 * .docx reader passes mammoth's own error text through, e.g. "draft.docx: cannot read .docx
 * (error: [xmldom error]\telement parse error: Error: unexpected < in tag name: )" or "(error:
 * element parse error: TypeError: Cannot read properties of undefined (reading 'length'))".
 * Until it is fixed, the property checks everything but the part in brackets.
 */
const DOCX_MESSAGE_FLAW = (m: string) => m.replace(/\((?:error|warning): .*\)$/, '(…)');

/**
 * BUG (reported; pinned by "refusals quote a bad value or element name short and on one line"):
 * CSV, TBX and XML refusals quote the offending value or element name whole (a category cell, a
 * header, a termNote value, a namespace, a tag name), tabs and line breaks included, so a 1 MB
 * cell makes a 1 MB error "line". Until it is fixed, the property only checks the first 400
 * characters, with tabs and line breaks read as spaces.
 */
const LONG_QUOTE_FLAW = (m: string) => m.slice(0, 400).replace(/[\t\n\r]/g, ' ');

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
            () => importGlossary(store, chunk ? chunked(bytes, chunk) : bytes, { fileName: base.name, dryRun }),
            LONG_QUOTE_FLAW,
          );
          tally.add(o);
        },
      ),
      { numRuns: runs(1000) },
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
        tally.add(await feed(`tm import of mutated ${base.name}`, store, () => importTmFile(store, bytes, base.name), LONG_QUOTE_FLAW));
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
          tally.add(await feed('tag soup TMX', null, () => parseTmx(chunked(bytes, chunk), { fileName: 'soup.tmx' }), LONG_QUOTE_FLAW));
          tally.add(await feed('tag soup TBX', null, () => parseGlossary(chunked(bytes, chunk), { fileName: 'soup.tbx' }), LONG_QUOTE_FLAW));
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
        async (i, mutations, insideXml) => {
          // Either the ZIP itself is damaged, or a well-formed ZIP carries damaged XML.
          const bytes = insideXml ? docx(mutate(Buffer.from(corpus.docxXml[i]), mutations).toString('latin1')) : mutate(corpus.docx[i], mutations);
          tally.add(
            await feed(`mutated .docx (${insideXml ? 'XML' : 'ZIP'})`, store, async () => {
              const { text } = await decodeDocument(bytes, 'draft.docx');
              checkDraftInStore(store, text, { name: 'draft.docx' });
            }, DOCX_MESSAGE_FLAW),
          );
        },
      ),
      { numRuns: runs(500) },
    );
    tally.report('.docx');
    expect(tally.refused).toBeGreaterThan(0);
  }, 120_000);

  it('drafts: mutated seed paragraphs and mutated .txt bytes, through the checker', async () => {
    const tally = new Tally();
    const textMutation = fc.oneof(
      fc.record({ at: position, s: fc.constantFrom(...INSERTS.map((b) => b.toString('utf8')), '\ud800', '\udfff', '\u200b', '\u3000', '（（（（', '》》》', '"', '“', '安全理事会（安理会）', '安理会', 'UNCTAD') }),
      fc.record({ at: position, s: fc.string({ unit: 'binary', maxLength: 30 }) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: seedParagraphs.length - 1 }),
        fc.array(textMutation, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        async (i, edits, asFile) => {
          let text = seedParagraphs[i];
          for (const e of edits) {
            const at = Math.floor(e.at * (text.length + 1));
            text = text.slice(0, at) + e.s + text.slice(at);
          }
          const o = await feed('mutated draft', store, async () => {
            const draft = asFile ? (await decodeDocument(Buffer.from(text, 'utf8'), 'draft.txt')).text : text;
            const result = checkDraftInStore(store, draft, { name: 'draft' });
            // Every finding points at its text in the draft, at a line and column that exist.
            for (const issue of result.issues) {
              expect(issue.start).toBeGreaterThanOrEqual(0);
              expect(issue.end).toBeLessThanOrEqual(draft.length);
              expect(issue.start).toBeLessThanOrEqual(issue.end);
              expect(draft.slice(issue.start, issue.end)).toBe(issue.text);
              const lines = draft.split('\n');
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
