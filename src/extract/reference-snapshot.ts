// The reference index of the glossary files, kept between runs. A cold `termdesk extract` without
// a database reads the glossary (about 8,000 terms), normalises every name, derives the variants
// (儿童基金会 for 联合国儿童基金会, 和/与/及 swapped) and builds the scanner of all of them: about
// 300 ms on an idle core, the same work on every run while the glossary does not change. So the
// result is kept, as the pruned jieba dictionary is (segment.ts), in one file in the temporary
// directory, named by a hash of everything it is derived from: the glossary files' contents, the
// word lists the variants come from, and the code that derives them. Any change makes another
// name, so a stale snapshot is never read; one that cannot be read or written is rebuilt, never
// an error. Reading it back takes a few milliseconds.
import { type Hash, createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { writeFileAtomic } from '../io/atomic-file.js';
import { readGlossaryDir } from '../reference/glossary.js';
import { dataFiles } from '../domain/data-files.js';
import { type KnownConcept, ReferenceIndex, type ReferenceSnapshot } from './reference.js';

/**
 * The snapshot as it is kept in the file. The scanner's owners, its keys and the variants' keys
 * are columns: the owners as concept and term numbers (the strings they repeat are the concepts'
 * own), the keys as one string. Reading tens of thousands of small objects and strings back is
 * most of the time a snapshot takes (and of the garbage collection that follows), not its bytes.
 */
interface SnapshotFile {
  /** The concepts, and within them their terms, as columns (recordsToColumns). */
  concepts: RecordColumns;
  /** Variant keys, one a line, and their concept and term numbers (two per key). */
  variantKeys: string;
  variantTerms: Int32Array;
  /** The scanner's keys, one a line, its pattern ids and automaton. */
  keys: string;
  ids: Int32Array;
  automaton: ReferenceSnapshot['mentions']['set']['automaton'];
  /** Per owner: concept number, then term number (one's complement for a variant of that term). */
  owners: Int32Array;
}

/**
 * An array of records (plain objects) kept as one column per property: strings as one string of
 * lines, or as a few distinct values and a code per record; numbers as a Float64Array; arrays of
 * records (a concept's terms) as columns of their own. Any other value is kept as it is. Every
 * property is kept, in each record's own order (its shape), so whatever a concept or term carries
 * comes back; what it saves is the tens of thousands of objects and strings the serializer would
 * otherwise make one by one (and the garbage collector copy), the larger part of reading a snapshot.
 */
interface RecordColumns {
  length: number;
  /** The distinct key orders of the records, and each record's. */
  shapes: string[][];
  shape: Uint8Array;
  columns: Record<string, Column>;
}

type Column =
  | { kind: 'lines'; text: string; special: Uint8Array }
  | { kind: 'codes'; values: unknown[]; codes: Uint8Array }
  | { kind: 'numbers'; values: Float64Array; special: Uint8Array }
  | { kind: 'records'; counts: Uint32Array; records: RecordColumns }
  | { kind: 'values'; values: unknown[] };

/** Distinct values below this many are kept as codes (categories, languages, statuses). */
const CODED_VALUES = 256;
/** In a column of lines or numbers, what a record holds instead: the value, null, or undefined (not there). */
const VALUE = 0;
const NULL = 1;
const UNDEFINED = 2;

const isPlainRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

function recordsToColumns(records: readonly object[]): RecordColumns | undefined {
  const shapes: string[][] = [];
  const shapeOf = new Map<string, number>();
  const shape = new Uint8Array(records.length);
  const keys = new Set<string>();
  for (let i = 0; i < records.length; i++) {
    if (!isPlainRecord(records[i])) return undefined;
    const own = Object.keys(records[i]);
    const id = own.join('\n');
    let s = shapeOf.get(id);
    if (s === undefined) {
      if (shapes.length === 255) return undefined;
      shapeOf.set(id, (s = shapes.length));
      shapes.push(own);
    }
    shape[i] = s;
    for (const k of own) keys.add(k);
  }
  const columns: Record<string, Column> = {};
  for (const key of keys) {
    const column = toColumn(records.map((r) => (r as Record<string, unknown>)[key]));
    if (!column) return undefined;
    columns[key] = column;
  }
  return { length: records.length, shapes, shape, columns };
}

/** One property of every record (undefined where a record does not have it). */
function toColumn(values: unknown[]): Column | undefined {
  const special = Uint8Array.from(values, (v) => (v === null ? NULL : v === undefined ? UNDEFINED : VALUE));
  const given = values.filter((v) => v !== null && v !== undefined);
  const distinct = new Set(values);
  if (distinct.size < CODED_VALUES && values.length > 2 * distinct.size) {
    const table = [...distinct];
    const code = new Map(table.map((v, i) => [v, i]));
    return { kind: 'codes', values: table, codes: Uint8Array.from(values, (v) => code.get(v)!) };
  }
  if (given.every((v) => typeof v === 'string' && !v.includes('\n'))) return { kind: 'lines', text: values.map((v) => (typeof v === 'string' ? v : '')).join('\n'), special };
  if (given.every((v) => typeof v === 'number')) return { kind: 'numbers', values: Float64Array.from(values, (v) => (typeof v === 'number' ? v : 0)), special };
  if (given.length === values.length && given.every((v) => Array.isArray(v))) {
    const records = recordsToColumns(given.flat() as object[]);
    if (records) return { kind: 'records', counts: Uint32Array.from(given, (v) => (v as unknown[]).length), records };
  }
  return { kind: 'values', values };
}

function columnsToRecords(file: RecordColumns): Array<Record<string, unknown>> {
  const read = new Map<string, (i: number) => unknown>();
  for (const [key, column] of Object.entries(file.columns)) read.set(key, columnReader(column));
  const getters = file.shapes.map((keys) => keys.map((k) => [k, read.get(k)!] as const));
  const out = new Array<Record<string, unknown>>(file.length);
  for (let i = 0; i < file.length; i++) {
    const record: Record<string, unknown> = {};
    for (const [key, get] of getters[file.shape[i]]) record[key] = get(i);
    out[i] = record;
  }
  return out;
}

function columnReader(column: Column): (i: number) => unknown {
  const special = (s: Uint8Array, i: number) => (s[i] === NULL ? null : undefined);
  switch (column.kind) {
    case 'lines': {
      const lines = column.text.split('\n');
      return (i) => (column.special[i] === VALUE ? lines[i] : special(column.special, i));
    }
    case 'codes':
      return (i) => column.values[column.codes[i]];
    case 'numbers':
      return (i) => (column.special[i] === VALUE ? column.values[i] : special(column.special, i));
    case 'records': {
      const records = columnsToRecords(column.records);
      const starts = new Uint32Array(column.counts.length + 1);
      for (let i = 0; i < column.counts.length; i++) starts[i + 1] = starts[i] + column.counts[i];
      return (i) => records.slice(starts[i], starts[i + 1]);
    }
    case 'values':
      return (i) => column.values[i];
  }
}

/** The snapshot in its file form; undefined when a key holds a line break (then it is not kept). */
function toFile(snapshot: ReferenceSnapshot): SnapshotFile | undefined {
  const { concepts, variants, mentions } = snapshot;
  if ([...variants.map((v) => v[0]), ...mentions.set.keys].some((k) => k.includes('\n'))) return undefined;
  const conceptOf = new Map(concepts.map((c, i) => [c.ref, i]));
  const owners = new Int32Array(mentions.owners.length * 2);
  for (let i = 0; i < mentions.owners.length; i++) {
    const o = mentions.owners[i];
    const c = conceptOf.get(o.ref);
    const t = c === undefined ? -1 : concepts[c].terms.findIndex((x) => x.key === o.key && (o.variantOf === undefined || x.text === o.variantOf));
    if (c === undefined || t < 0) return undefined;
    owners[2 * i] = c;
    owners[2 * i + 1] = o.variantOf === undefined ? t : ~t;
  }
  const conceptColumns = recordsToColumns(concepts);
  if (!conceptColumns) return undefined;
  return {
    concepts: conceptColumns,
    variantKeys: variants.map((v) => v[0]).join('\n'),
    variantTerms: Int32Array.from(variants.flatMap((v) => [v[1], v[2]])),
    keys: mentions.set.keys.join('\n'),
    ids: mentions.set.ids,
    automaton: mentions.set.automaton,
    owners,
  };
}

function fromFile(file: SnapshotFile): ReferenceSnapshot {
  const concepts = columnsToRecords(file.concepts) as unknown as ReferenceSnapshot['concepts'];
  const split = (lines: string) => (lines === '' ? [] : lines.split('\n'));
  const variants = split(file.variantKeys).map((key, i): [string, number, number] => [key, file.variantTerms[2 * i], file.variantTerms[2 * i + 1]]);
  const owners: ReferenceSnapshot['mentions']['owners'] = new Array(file.owners.length / 2);
  for (let i = 0; i < owners.length; i++) {
    const concept = concepts[file.owners[2 * i]];
    const t = file.owners[2 * i + 1];
    owners[i] = t >= 0 ? { ref: concept.ref, key: concept.terms[t].key } : { ref: concept.ref, key: concept.terms[~t].key, variantOf: concept.terms[~t].text };
  }
  return { concepts, variants, mentions: { set: { keys: split(file.keys), ids: file.ids, automaton: file.automaton }, owners } };
}

/** Word lists of src/extract/data/ the variants and the scanner are derived from. */
const DATA_INPUTS = ['name-variants.json', 'generic-names.txt'];
/** Modules whose code derives the snapshot (beside this one, in src/ or dist/). */
const CODE_INPUTS = ['./reference-snapshot', './reference', './occurrences', '../domain/normalize', '../domain/automaton'];

/** The name of the snapshot of a glossary directory: a hash of its files and of what derives the index. */
export function snapshotName(dir: string): string {
  const hash = createHash('sha256');
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.tsv')).sort()) {
    hash.update(f).update('\0').update(fs.readFileSync(path.join(dir, f))).update('\0');
  }
  return `termdesk-reference-${derivation(hash).digest('hex').slice(0, 32)}.v8`;
}

/** The name of the snapshot of a database's concepts: a hash of the concepts themselves and of what derives the index. */
export function storeSnapshotName(concepts: KnownConcept[]): string {
  const hash = createHash('sha256').update(JSON.stringify(concepts)).update('\0');
  return `${STORE_PREFIX}${derivation(hash).digest('hex').slice(0, 32)}.v8`;
}

const STORE_PREFIX = 'termdesk-reference-store-';
/** Snapshots of databases kept in the cache directory: each ingest makes another one. */
const STORE_SNAPSHOTS_KEPT = 4;

/** Adds to the hash what derives an index from its concepts: the word lists, the code, the engine. */
function derivation(hash: Hash): Hash {
  const data = dataFiles('extract').dir;
  for (const f of DATA_INPUTS) hash.update(fs.readFileSync(path.join(data, f))).update('\0');
  const here = fileURLToPath(import.meta.url);
  const ext = path.extname(here);
  for (const m of CODE_INPUTS) hash.update(fs.readFileSync(path.resolve(path.dirname(here), `${m}${ext}`))).update('\0');
  return hash.update(process.versions.v8);
}

/**
 * The reference index of the glossary in `dir`: read from its snapshot when there is one, else
 * built from the files and its snapshot written for the next run. `cacheDir` is where snapshots
 * are kept (the temporary directory by default).
 */
export function referenceFromGlossaryDir(dir: string, cacheDir = os.tmpdir()): ReferenceIndex {
  return cached(() => path.join(cacheDir, snapshotName(dir)), () => ReferenceIndex.fromGlossary(readGlossaryDir(dir)));
}

/**
 * The reference index of a database's concepts (ReferenceIndex.conceptsOfStore): read from its
 * snapshot when one was taken of exactly these concepts, else built and its snapshot written. The
 * name is a hash of the concepts, so any change in the database (an ingest, an approval, a merge)
 * names another snapshot; only the few most recent are kept.
 */
export function referenceFromConcepts(concepts: KnownConcept[], cacheDir = os.tmpdir()): ReferenceIndex {
  return cached(
    () => path.join(cacheDir, storeSnapshotName(concepts)),
    () => new ReferenceIndex(concepts),
    () => pruneStoreSnapshots(cacheDir),
  );
}

/**
 * The index from the snapshot file named by `fileName` when it can be read, else built and its
 * snapshot written for the next run (then `written`). Never an error for the cache itself: a file
 * that cannot be named, read or written only means building the index.
 */
function cached(fileName: () => string, build: () => ReferenceIndex, written?: () => void): ReferenceIndex {
  let file: string | undefined;
  try {
    file = fileName();
    if (fs.existsSync(file)) return ReferenceIndex.fromSnapshot(fromFile(v8.deserialize(fs.readFileSync(file)) as SnapshotFile));
  } catch {
    // An unreadable or partial snapshot: rebuild it below.
  }
  const index = build();
  if (file) {
    try {
      const kept = toFile(index.snapshot());
      if (kept) writeFileAtomic(file, v8.serialize(kept));
      written?.();
    } catch {
      // A read-only temporary directory: the next run builds the index again.
    }
  }
  return index;
}

/** Removes all but the most recent database snapshots of the cache directory. */
function pruneStoreSnapshots(cacheDir: string): void {
  const snapshots = fs
    .readdirSync(cacheDir)
    .filter((f) => f.startsWith(STORE_PREFIX) && f.endsWith('.v8'))
    .map((f) => ({ file: path.join(cacheDir, f), mtime: fs.statSync(path.join(cacheDir, f)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of snapshots.slice(STORE_SNAPSHOTS_KEPT)) fs.rmSync(old.file, { force: true });
}
