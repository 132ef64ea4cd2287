// Reading the text of a .docx without letting a hostile file stall or exhaust the server.
//
//  1. The ZIP's central directory is read first: a missing or damaged archive, or a
//     word/document.xml that claims to unpack to more than the limit, is refused before any
//     unpacking.
//  2. document.xml is inflated with a hard output cap and scanned once for nesting depth: XML
//     nested thousands of levels deep (which makes the XML parser quadratic) is refused.
//  3. mammoth then runs in a worker thread with a memory limit and a time limit; a worker that
//     runs out of either is stopped and the file refused. The main thread keeps serving.
// Every refusal is a one-line InputError in plain words; library messages never reach users.
import { Worker } from 'node:worker_threads';
import zlib from 'node:zlib';
import { InputError, TooLargeError, UnprocessableError } from '../domain/types.js';
import { PROJECT_ROOT } from '../paths.js';

/** Largest document.xml we unpack (real reports unpack to ~1 MB per 800,000 characters). */
export const MAX_DOCUMENT_XML_BYTES = 40 * 1024 * 1024;
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

function inflateEntry(bytes: Buffer, entry: ZipEntry, name: string): Buffer {
  const p = entry.localOffset;
  if (p + 30 > bytes.length || bytes.readUInt32LE(p) !== 0x04034b50) throw damaged(name);
  const start = p + 30 + bytes.readUInt16LE(p + 26) + bytes.readUInt16LE(p + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new InputError(`${name}: the .docx uses an unsupported compression method; save it again in Word`);
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: MAX_DOCUMENT_XML_BYTES });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw tooLarge(name);
    throw damaged(name);
  }
}

function tooLarge(name: string): InputError {
  return new TooLargeError(`${name}: the document unpacks to more than ${MAX_DOCUMENT_XML_BYTES / 1024 / 1024} MB of XML; split it or save it as .txt`);
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

/** The plain text of a .docx, within the limits above. */
export async function docxToText(bytes: Buffer, name: string): Promise<string> {
  const entries = zipEntries(bytes, name);
  const main = entries.find((e) => e.name === 'word/document.xml');
  if (!main) throw new InputError(`${name}: not a Word document (the archive has no word/document.xml)`);
  if (main.size > MAX_DOCUMENT_XML_BYTES || main.size === 0xffffffff) throw tooLarge(name);
  // Word compresses document.xml about 10:1; hundreds to one is a decompression bomb.
  if (main.size > 1024 * 1024 && main.size > main.compressedSize * MAX_RATIO) {
    throw new TooLargeError(`${name}: the document unpacks ${Math.round(main.size / Math.max(1, main.compressedSize))} times its size, which no Word document does; save it as .txt`);
  }
  const xml = inflateEntry(bytes, main, name);
  if (xml.length > MAX_DOCUMENT_XML_BYTES) throw tooLarge(name);
  const xmlText = xml.toString('utf8');
  // Word never writes a DOCTYPE; one here can only declare entities (billion laughs, XXE).
  if (/<!DOCTYPE/i.test(xmlText.slice(0, 4096)) || /<!ENTITY/i.test(xmlText)) {
    throw new InputError(`${name}: the document's XML has a DOCTYPE or entity declarations, which Word documents never have; refused`);
  }
  const depth = xmlDepth(xmlText);
  if (depth > MAX_XML_DEPTH) {
    throw new InputError(`${name}: the document's XML is nested more than ${MAX_XML_DEPTH} levels deep, which no Word document is; save it again in Word or as .txt`);
  }
  const text = await extractInWorker(bytes, xml.length, name);
  return text.replace(/\r\n?/g, '\n');
}
