// A bundle: named typed arrays plus a small JSON description, the form in which an in-memory index
// (the lookup index, the checker's automaton) is persisted beside the database and handed from a
// worker thread to the main thread. Typed arrays cost nothing to transfer between threads and load
// from a file as views on one buffer; strings travel as packed UTF-16 columns (packStrings).
//
// File layout (little-endian):
//   "TDBUNDLE" | u32 header length | header JSON (UTF-8) | padding to 8 | sections, each 8-aligned
// The header names the bundle's kind, its description (`meta`), each section's type, offset and
// length, and the CRC-32 of everything after the header: a truncated, corrupt or foreign file is
// refused (BundleError) and the caller rebuilds.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { replaceFileSync } from './atomic-file.js';

export type TypedArray = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float32Array | Float64Array;

export interface Bundle<M = unknown> {
  kind: string;
  meta: M;
  arrays: Record<string, TypedArray>;
}

/** A bundle file that cannot be used (missing sections, wrong kind, corrupt, truncated). */
export class BundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleError';
  }
}

const MAGIC = Buffer.from('TDBUNDLE', 'latin1');
const TYPES = {
  i32: Int32Array,
  u32: Uint32Array,
  u16: Uint16Array,
  u8: Uint8Array,
  f32: Float32Array,
  f64: Float64Array,
} as const;
type TypeName = keyof typeof TYPES;

interface SectionEntry {
  name: string;
  type: TypeName;
  offset: number;
  length: number;
}

interface Header {
  kind: string;
  meta: unknown;
  sections: SectionEntry[];
  bodyBytes: number;
  crc32: number;
}

function typeName(a: TypedArray): TypeName {
  for (const [name, ctor] of Object.entries(TYPES)) if (a instanceof ctor) return name as TypeName;
  throw new Error('unsupported array type');
}

const align8 = (n: number) => (n + 7) & ~7;

/** Writes a bundle atomically (a reader sees the old file or the whole new one). */
export function writeBundle(file: string, bundle: Bundle): void {
  const sections: SectionEntry[] = [];
  let offset = 0;
  for (const [name, array] of Object.entries(bundle.arrays)) {
    sections.push({ name, type: typeName(array), offset, length: array.length });
    offset = align8(offset + array.byteLength);
  }
  const body = Buffer.alloc(offset);
  for (const s of sections) {
    const a = bundle.arrays[s.name];
    body.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), s.offset);
  }
  const header: Header = { kind: bundle.kind, meta: bundle.meta, sections, bodyBytes: body.length, crc32: zlib.crc32(body) };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const lead = Buffer.alloc(align8(MAGIC.length + 4 + json.length));
  MAGIC.copy(lead, 0);
  lead.writeUInt32LE(json.length, MAGIC.length);
  json.copy(lead, MAGIC.length + 4);
  replaceFileSync(file, (temp) => {
    const fd = fs.openSync(temp, 'w');
    try {
      fs.writeSync(fd, lead);
      fs.writeSync(fd, body);
    } finally {
      fs.closeSync(fd);
    }
  });
}

/**
 * Reads a bundle of the given kind. Undefined when the file does not exist; BundleError when it
 * is not a whole, uncorrupted bundle of that kind.
 */
export function readBundle<M>(file: string, kind: string): Bundle<M> | undefined {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if (data.length < MAGIC.length + 4 || !data.subarray(0, MAGIC.length).equals(MAGIC)) throw new BundleError(`${file} is not an index file`);
  const headerLength = data.readUInt32LE(MAGIC.length);
  const headerEnd = MAGIC.length + 4 + headerLength;
  if (headerEnd > data.length) throw new BundleError(`${file} is truncated`);
  let header: Header;
  try {
    header = JSON.parse(data.toString('utf8', MAGIC.length + 4, headerEnd)) as Header;
  } catch {
    throw new BundleError(`${file} has a damaged header`);
  }
  if (header.kind !== kind) throw new BundleError(`${file} holds a ${String(header.kind)} index, not ${kind}`);
  const bodyStart = align8(headerEnd);
  if (data.length !== bodyStart + header.bodyBytes) throw new BundleError(`${file} is truncated or too long`);
  const body = data.subarray(bodyStart);
  if (zlib.crc32(body) !== header.crc32) throw new BundleError(`${file} is corrupt (checksum mismatch)`);
  // Views on the file's buffer when aligned (readFileSync gives large files their own buffer).
  const arrays: Record<string, TypedArray> = {};
  for (const s of header.sections) {
    const ctor = TYPES[s.type];
    if (!ctor || s.offset + s.length * ctor.BYTES_PER_ELEMENT > body.length) throw new BundleError(`${file}: section ${s.name} is out of bounds`);
    const at = body.byteOffset + s.offset;
    arrays[s.name] =
      at % ctor.BYTES_PER_ELEMENT === 0
        ? new ctor(body.buffer as ArrayBuffer, at, s.length)
        : new ctor(new Uint8Array(body.buffer, at, s.length * ctor.BYTES_PER_ELEMENT).slice().buffer);
  }
  return { kind, meta: header.meta as M, arrays };
}

/** The array buffers of a bundle, for postMessage's transfer list (each transferred once). */
export function transferList(bundle: Bundle): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const a of Object.values(bundle.arrays)) {
    const buffer = a.buffer;
    if (buffer instanceof ArrayBuffer) seen.add(buffer);
  }
  return [...seen];
}

/**
 * A column of strings: those whose characters all fit in one byte (English) in a Latin-1 array,
 * the others (Chinese) in a UTF-16 array, each entry's end offset in its own array, and its kind.
 * One-byte strings take half the space on disk and, decoded as Latin-1, half the heap.
 */
export interface PackedStrings {
  narrow: Uint8Array;
  wide: Uint16Array;
  /** End of entry i in the array its kind says. */
  ends: Int32Array;
  /** 0 = narrow, 1 = wide, 2 = undefined. */
  kinds: Uint8Array;
}

const NARROW = 0;
const WIDE = 1;
const MISSING = 2;

function isNarrow(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

export function packStrings(strings: ReadonlyArray<string | undefined>): PackedStrings {
  const kinds = new Uint8Array(strings.length);
  let narrowLength = 0;
  let wideLength = 0;
  strings.forEach((s, i) => {
    if (s === undefined) kinds[i] = MISSING;
    else if (isNarrow(s)) narrowLength += s.length;
    else {
      kinds[i] = WIDE;
      wideLength += s.length;
    }
  });
  const narrow = Buffer.alloc(narrowLength);
  const wide = Buffer.alloc(wideLength * 2);
  const ends = new Int32Array(strings.length);
  let n = 0;
  let w = 0;
  strings.forEach((s, i) => {
    if (kinds[i] === NARROW) n += narrow.write(s!, n, 'latin1');
    else if (kinds[i] === WIDE) w += wide.write(s!, w * 2, 'utf16le') / 2;
    ends[i] = kinds[i] === WIDE ? w : n;
  });
  return {
    narrow: new Uint8Array(narrow.buffer, narrow.byteOffset, narrow.length).slice(),
    wide: new Uint16Array(wide.buffer, wide.byteOffset, wideLength).slice(),
    ends,
    kinds,
  };
}

/**
 * The strings back. Each array is decoded once and cut into slices, which is many times faster
 * than decoding string by string (a 250,000-row column in tens of milliseconds).
 */
export function unpackStrings(p: PackedStrings): Array<string | undefined> {
  const narrow = Buffer.from(p.narrow.buffer, p.narrow.byteOffset, p.narrow.byteLength).toString('latin1');
  const wide = Buffer.from(p.wide.buffer, p.wide.byteOffset, p.wide.byteLength).toString('utf16le');
  const out = new Array<string | undefined>(p.ends.length);
  let n = 0;
  let w = 0;
  for (let i = 0; i < p.ends.length; i++) {
    const kind = p.kinds[i];
    const end = p.ends[i];
    if (kind === NARROW) {
      out[i] = narrow.slice(n, end);
      n = end;
    } else if (kind === WIDE) {
      out[i] = wide.slice(w, end);
      w = end;
    } else out[i] = undefined;
  }
  return out;
}

/** A column of strings read by position: a plain array, or a RowColumn. */
export interface StringColumn {
  at(i: number): string | undefined;
  readonly length: number;
}

/**
 * A packed column decoded row by row as rows are read, each row kept once decoded: a one-off
 * lookup reads a few hundred rows of its search keys and the texts of its ten results, a server
 * over time the rows its queries reach, and neither decodes a 250,000-row column at once (tens of
 * milliseconds on a request's path, and as many strings for the garbage collector). A missing
 * entry is read from `fallback`.
 */
export class RowColumn implements StringColumn {
  private readonly rows: Array<string | undefined>;
  private readonly starts: Int32Array;
  private readonly narrow: Buffer;
  private readonly wide: Buffer;
  constructor(
    readonly packed: PackedStrings,
    private readonly fallback?: StringColumn,
  ) {
    const { ends, kinds } = packed;
    this.rows = new Array<string | undefined>(ends.length);
    this.starts = new Int32Array(ends.length);
    let n = 0;
    let w = 0;
    for (let k = 0; k < ends.length; k++) {
      if (kinds[k] === NARROW) {
        this.starts[k] = n;
        n = ends[k];
      } else if (kinds[k] === WIDE) {
        this.starts[k] = w;
        w = ends[k];
      }
    }
    this.narrow = Buffer.from(packed.narrow.buffer, packed.narrow.byteOffset, packed.narrow.byteLength);
    this.wide = Buffer.from(packed.wide.buffer, packed.wide.byteOffset, packed.wide.byteLength);
  }

  get length(): number {
    return this.packed.ends.length;
  }

  get hasFallback(): boolean {
    return this.fallback !== undefined;
  }

  /** Whether some entry is missing (and has to come from the fallback). */
  hasMissing(): boolean {
    return this.packed.kinds.includes(MISSING);
  }

  /**
   * Decodes every row now, in one pass (slices of one string per array): for a process that will
   * read most rows anyway, at a moment of its choosing rather than row by row on requests.
   */
  decodeAll(): void {
    const all = unpackStrings(this.packed);
    for (let i = 0; i < all.length; i++) this.rows[i] = all[i] ?? this.fallback?.at(i);
  }

  at(i: number): string | undefined {
    const kept = this.rows[i];
    if (kept !== undefined) return kept;
    if (i < 0 || i >= this.packed.ends.length) return undefined;
    const kind = this.packed.kinds[i];
    const s =
      kind === NARROW
        ? this.narrow.toString('latin1', this.starts[i], this.packed.ends[i])
        : kind === WIDE
          ? this.wide.toString('utf16le', this.starts[i] * 2, this.packed.ends[i] * 2)
          : this.fallback?.at(i);
    this.rows[i] = s;
    return s;
  }
}

/** Adds a column to a bundle's arrays (a RowColumn without a fallback as it is). */
export function putColumn(arrays: Record<string, TypedArray>, name: string, column: StringColumn): void {
  if (column instanceof RowColumn && !column.hasFallback) {
    const p = column.packed;
    arrays[`${name}.narrow`] = p.narrow;
    arrays[`${name}.wide`] = p.wide;
    arrays[`${name}.ends`] = p.ends;
    arrays[`${name}.kinds`] = p.kinds;
    return;
  }
  const values: Array<string | undefined> = [];
  for (let i = 0; i < column.length; i++) values.push(column.at(i));
  putStrings(arrays, name, values);
}

/** Adds a packed column to a bundle's arrays under `name.narrow`, `name.wide`, `name.ends`, `name.kinds`. */
export function putStrings(arrays: Record<string, TypedArray>, name: string, strings: ReadonlyArray<string | undefined>): void {
  const p = packStrings(strings);
  arrays[`${name}.narrow`] = p.narrow;
  arrays[`${name}.wide`] = p.wide;
  arrays[`${name}.ends`] = p.ends;
  arrays[`${name}.kinds`] = p.kinds;
}

/** A packed column put with putStrings, checked. */
export function getPackedStrings(arrays: Record<string, TypedArray>, name: string): PackedStrings {
  const narrow = getArray(arrays, `${name}.narrow`, Uint8Array);
  const wide = getArray(arrays, `${name}.wide`, Uint16Array);
  const ends = getArray(arrays, `${name}.ends`, Int32Array);
  const kinds = getArray(arrays, `${name}.kinds`, Uint8Array, ends.length);
  let n = 0;
  let w = 0;
  for (let i = 0; i < ends.length; i++) {
    if (kinds[i] === MISSING) continue;
    const wideEntry = kinds[i] === WIDE;
    const from = wideEntry ? w : n;
    if (kinds[i] > MISSING || ends[i] < from) throw new BundleError(`string column ${name} is malformed`);
    if (wideEntry) w = ends[i];
    else n = ends[i];
  }
  if (n !== narrow.length || w !== wide.length) throw new BundleError(`string column ${name} is malformed`);
  return { narrow, wide, ends, kinds };
}

/** Reads a packed column put with putStrings. */
export function getStrings(arrays: Record<string, TypedArray>, name: string): Array<string | undefined> {
  return unpackStrings(getPackedStrings(arrays, name));
}

/** A typed array of the bundle, checked for its type (and length when given). */
export function getArray<T extends TypedArray>(arrays: Record<string, TypedArray>, name: string, ctor: new (n: number) => T, length?: number): T {
  const a = arrays[name];
  if (!(a instanceof ctor)) throw new BundleError(`section ${name} is missing or of the wrong type`);
  if (length !== undefined && a.length !== length) throw new BundleError(`section ${name} has ${a.length} entries, not ${length}`);
  return a;
}
