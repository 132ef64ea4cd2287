// Reading the text of a .docx without letting a hostile file stall or exhaust the server.
//
//  1. The ZIP's central directory is read first: a missing or damaged archive, an entry name
//     that appears twice, or a part that claims to unpack to more than its limit is refused
//     before any unpacking.
//  2. Every XML part (document.xml, styles.xml, numbering, notes, relationships: whatever mammoth
//     may read) is inflated with a hard output cap, within a total for the archive, and scanned
//     for a DOCTYPE and for nesting depth (XML nested thousands of levels deep makes the XML
//     parser quadratic).
//  3. mammoth gets a new archive holding only those checked parts, stored uncompressed, so it
//     reads nothing we have not measured; it runs in a worker thread with a memory limit
//     (resourceLimits: with every buffer it is given bounded, the heap is what grows) and a time
//     limit; a worker that runs out of either is stopped and the file refused.
// Every refusal is a one-line InputError in plain words; library messages never reach users.
import { Worker } from 'node:worker_threads';
import zlib from 'node:zlib';
import { InputError, TooLargeError, UnprocessableError } from '../domain/types.js';
import { PROJECT_ROOT } from '../paths.js';

/** Largest document.xml we unpack (real reports unpack to ~1 MB per 800,000 characters). */
export const MAX_DOCUMENT_XML_BYTES = 40 * 1024 * 1024;
/** Largest other part (Word's styles, numbering and notes parts are well under 1 MB). */
export const MAX_OTHER_PART_BYTES = 8 * 1024 * 1024;
/** Largest total of all XML parts of one archive. */
export const MAX_DOCX_XML_BYTES = 56 * 1024 * 1024;
/** Deepest element nesting accepted (Word documents stay well under 100). */
export const MAX_XML_DEPTH = 1000;
const WORKER_MEMORY_MB = 320;
/** Largest unpacked/packed ratio accepted for a document.xml over 1 MB. */
const MAX_RATIO = 100;

function timeLimitMs(xmlBytes: number): number {
  return 3000 + Math.ceil(xmlBytes / (1024 * 1024)) * 1000;
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function damaged(name: string): InputError {
  return new InputError(`${name}: the .docx file is damaged (not a valid ZIP archive); open it in Word and save it again, or save it as .txt`);
}

/** The entries of a ZIP's central directory. */
export function zipEntries(bytes: Buffer, name: string): ZipEntry[] {
  const min = Math.max(0, bytes.length - 0xffff - 22);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= min; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged(name);
  const count = bytes.readUInt16LE(eocd + 10);
  let p = bytes.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) throw damaged(name);
    const nameLength = bytes.readUInt16LE(p + 28);
    const extra = bytes.readUInt16LE(p + 30);
    const comment = bytes.readUInt16LE(p + 32);
    if (p + 46 + nameLength > bytes.length) throw damaged(name);
    entries.push({
      method: bytes.readUInt16LE(p + 10),
      compressedSize: bytes.readUInt32LE(p + 20),
      size: bytes.readUInt32LE(p + 24),
      localOffset: bytes.readUInt32LE(p + 42),
      name: bytes.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + extra + comment;
  }
  return entries;
}

function inflateEntry(bytes: Buffer, entry: ZipEntry, name: string, limit: number): Buffer {
  const p = entry.localOffset;
  if (p + 30 > bytes.length || bytes.readUInt32LE(p) !== 0x04034b50) throw damaged(name);
  const start = p + 30 + bytes.readUInt16LE(p + 26) + bytes.readUInt16LE(p + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new InputError(`${name}: the .docx uses an unsupported compression method; save it again in Word`);
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: limit });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw tooLarge(name, entry.name, limit);
    throw damaged(name);
  }
}

function tooLarge(name: string, part: string, limit: number): InputError {
  return new TooLargeError(`${name}: ${part} unpacks to more than ${limit / 1024 / 1024} MB of XML; split the document or save it as .txt`);
}

/** The deepest element nesting of an XML text, stopping early past the limit. */
export function xmlDepth(xml: string, limit = MAX_XML_DEPTH): number {
  let depth = 0;
  let max = 0;
  let i = xml.indexOf('<');
  while (i >= 0 && i < xml.length) {
    const next = xml.charCodeAt(i + 1);
    const close = xml.indexOf('>', i + 1);
    if (close < 0) break;
    if (next === 0x2f /* / */) depth--;
    else if (next !== 0x3f /* ? */ && next !== 0x21 /* ! */ && xml.charCodeAt(close - 1) !== 0x2f) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    }
    i = xml.indexOf('<', close + 1);
  }
  return max;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const mammoth = createRequire(workerData.root + '/package.json')('mammoth');
mammoth.extractRawText({ buffer: Buffer.from(workerData.bytes) }).then(
  (r) => parentPort.postMessage({ ok: true, text: r.value }),
  () => parentPort.postMessage({ ok: false }),
);
`;

function extractInWorker(bytes: Buffer, xmlBytes: number, name: string): Promise<string> {
  const limit = timeLimitMs(xmlBytes);
  return new Promise((resolve, reject) => {
    const copy = new Uint8Array(bytes);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { root: PROJECT_ROOT, bytes: copy },
      transferList: [copy.buffer],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_MEMORY_MB, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(
      () => finish(() => reject(new UnprocessableError(`${name}: the .docx took longer than ${Math.round(limit / 1000)} s to read; save it as .txt`))),
      limit,
    );
    worker.on('message', (m: { ok: boolean; text?: string }) =>
      finish(() =>
        m.ok
          ? resolve(m.text ?? '')
          : reject(new InputError(`${name}: the document inside the .docx is damaged; open it in Word and save it again, or save it as .txt`)),
      ),
    );
    worker.on('error', (err: NodeJS.ErrnoException) =>
      finish(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new TooLargeError(`${name}: the .docx needs more than ${WORKER_MEMORY_MB} MB to read; save it as .txt`)
            : new InputError(`${name}: the .docx could not be read; open it in Word and save it again, or save it as .txt`),
        ),
      ),
    );
    worker.on('exit', () => finish(() => reject(new InputError(`${name}: the .docx could not be read; save it as .txt`))));
  });
}

/** The XML parts of the archive, each unpacked within its limit and checked (see the header). */
function checkedParts(bytes: Buffer, name: string): Array<{ name: string; data: Buffer }> {
  const entries = zipEntries(bytes, name);
  const seen = new Set<string>();
  for (const e of entries) {
    // Two entries with one name: which one a reader takes is up to the reader. Refuse.
    const key = e.name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase();
    if (seen.has(key)) throw new InputError(`${name}: the archive holds ${shorten(e.name)} twice, which no Word document does; save it again in Word`);
    seen.add(key);
  }
  if (!entries.some((e) => e.name === 'word/document.xml')) throw new InputError(`${name}: not a Word document (the archive has no word/document.xml)`);
  const parts: Array<{ name: string; data: Buffer }> = [];
  let total = 0;
  for (const entry of entries.filter((e) => /\.(xml|rels)$/i.test(e.name))) {
    const limit = entry.name === 'word/document.xml' ? MAX_DOCUMENT_XML_BYTES : MAX_OTHER_PART_BYTES;
    if (entry.size > limit || entry.size === 0xffffffff) throw tooLarge(name, entry.name, limit);
    // Word compresses XML about 10:1; hundreds to one is a decompression bomb.
    if (entry.size > 1024 * 1024 && entry.size > entry.compressedSize * MAX_RATIO) {
      throw new TooLargeError(`${name}: ${shorten(entry.name)} unpacks ${Math.round(entry.size / Math.max(1, entry.compressedSize))} times its size, which no Word document does; save it as .txt`);
    }
    // The declared size may lie: the cap on what is actually unpacked is what holds.
    const xml = inflateEntry(bytes, entry, name, Math.min(limit, MAX_DOCX_XML_BYTES - total));
    total += xml.length;
    const xmlText = xml.toString('utf8');
    // Word never writes a DOCTYPE; one here can only declare entities (billion laughs, XXE).
    if (/<!DOCTYPE/i.test(xmlText.slice(0, 4096)) || /<!ENTITY/i.test(xmlText)) {
      throw new InputError(`${name}: the document's XML has a DOCTYPE or entity declarations, which Word documents never have; refused`);
    }
    if (xmlDepth(xmlText) > MAX_XML_DEPTH) {
      throw new InputError(`${name}: the document's XML is nested more than ${MAX_XML_DEPTH} levels deep, which no Word document is; save it again in Word or as .txt`);
    }
    parts.push({ name: entry.name, data: xml });
  }
  return parts;
}

function shorten(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);
}

/** A ZIP archive of the given parts, stored (not compressed): what mammoth reads. */
export function storedZip(parts: ReadonlyArray<{ name: string; data: Buffer }>): Buffer {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const crc = zlib.crc32(part.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(part.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    out.push(local, name, part.data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(part.data.length, 20);
    entry.writeUInt32LE(part.data.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += 30 + name.length + part.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, directory, end]);
}

/** The plain text of a .docx, within the limits above. */
export async function docxToText(bytes: Buffer, name: string): Promise<string> {
  const parts = checkedParts(bytes, name);
  const xmlBytes = parts.reduce((n, p) => n + p.data.length, 0);
  const text = await extractInWorker(storedZip(parts), xmlBytes, name);
  return text.replace(/\r\n?/g, '\n');
}
