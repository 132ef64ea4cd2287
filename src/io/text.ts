// Reading user documents: .txt / .md in UTF-8 (with or without BOM), UTF-16 with BOM, GB18030
// (detected and converted), and .docx (text extracted with mammoth). Anything else is refused
// with a message that says what was wrong; nothing is guessed silently.
import { createRequire } from 'node:module';
import path from 'node:path';
import { InputError } from '../domain/types.js';
import { readRegularFile } from './read-file.js';

// iconv-lite (UTF-16, GB18030) and the .docx reader (a worker, zlib) are loaded when a document
// needs them: most documents are UTF-8 text, and every command that reads one pays the imports
// on its cold start.
const require = createRequire(import.meta.url);
let iconvLite: typeof import('iconv-lite') | undefined;
const iconv = (): typeof import('iconv-lite') => (iconvLite ??= require('iconv-lite') as typeof import('iconv-lite'));

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'docx';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

/**
 * Reads a file from disk into text, with clear errors for missing, unreadable and binary files;
 * only a regular file, read up to MAX_DOCUMENT_BYTES (read-file.ts).
 */
export async function readTextFile(file: string): Promise<DecodedText> {
  return decodeDocument(readRegularFile(file, MAX_DOCUMENT_BYTES), path.basename(file));
}

/** Decodes an uploaded or read document by its name and content. */
export async function decodeDocument(bytes: Buffer, name: string): Promise<DecodedText> {
  const ext = path.extname(name).toLowerCase();
  if (ext === '.docx' || isZip(bytes)) {
    if (!isZip(bytes)) throw new InputError(`${name}: not a .docx file (no ZIP signature)`);
    const { docxToText } = await import('./docx.js');
    return { text: await docxToText(bytes, name), encoding: 'docx' };
  }
  if (ext && !['.txt', '.md', '.text', '.markdown', '.tsv', '.csv'].includes(ext)) {
    // Unknown extensions are accepted if their content is text; binary content is refused below.
  }
  return decodeText(bytes, name);
}

function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes that should be text: UTF-8 (BOM optional), UTF-16 with BOM, or GB18030. */
export function decodeText(bytes: Buffer, name = 'input'): DecodedText {
  if (bytes.length === 0) return { text: '', encoding: 'utf-8' };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: strictUtf8(bytes.subarray(3), name), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: checkControl(iconv().decode(bytes.subarray(2), 'utf-16le'), name), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: checkControl(iconv().decode(bytes.subarray(2), 'utf-16be'), name), encoding: 'utf-16be' };
  }
  if (bytes.includes(0)) throw new InputError(`${name}: binary file (contains NUL bytes), not text`);
  try {
    return { text: checkControl(utf8.decode(bytes), name), encoding: 'utf-8' };
  } catch (err) {
    if (err instanceof InputError) throw err;
  }
  // Not UTF-8. GB18030 can decode almost any byte string, so accept it only when the result
  // looks like Chinese text: mostly Han characters among the non-ASCII, no replacement characters.
  const gb = iconv().decode(bytes, 'gb18030');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removes the whole ASCII range
  const nonAscii = gb.replace(/[\x00-\x7f]/g, '');
  const han = (nonAscii.match(/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/gu) ?? []).length;
  if (!gb.includes('\ufffd') && nonAscii.length > 0 && han / nonAscii.length >= 0.8) {
    return { text: checkControl(gb, name), encoding: 'gb18030' };
  }
  const offset = firstInvalidUtf8(bytes);
  throw new InputError(`${name}: not valid UTF-8 (invalid byte at offset ${offset}) and not GB18030 text`);
}

function strictUtf8(bytes: Buffer, name: string): string {
  try {
    return checkControl(utf8.decode(bytes), name);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${name}: not valid UTF-8 (invalid byte at offset ${firstInvalidUtf8(bytes) + 3})`);
  }
}

/** Refuses text with control characters other than tab, newline, carriage return and form feed. */
function checkControl(text: string, name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  const m = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.exec(text);
  if (m) {
    throw new InputError(
      `${name}: control character U+${m[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} at offset ${m.index}; not a text document`,
    );
  }
  return text;
}

/** Offset of the first byte that cannot start or continue a UTF-8 sequence (bytes.length if none). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let n = 0;
    if (b < 0x80) n = 0;
    else if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) n = 2;
    else if (b >= 0xf0 && b <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k++) {
      if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return i;
}
