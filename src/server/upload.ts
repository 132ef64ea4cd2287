// Reading multipart/form-data uploads into memory, within limits, with clear errors. Shared by
// every route that accepts files (check, translation memory, glossary import, and their pages).
import busboy from 'busboy';
import type { Request } from 'express';
import { InputError, TooLargeError } from '../domain/types.js';
import { unsupportedMediaType } from './errors.js';

export interface UploadedFile {
  /** The file's base name as the client sent it. */
  name: string;
  data: Buffer;
}

export interface Upload {
  fields: Record<string, string>;
  files: Record<string, UploadedFile>;
}

export interface UploadSpec {
  /** Largest file, and largest total of all files, in bytes. */
  limit: number;
  /** Accepted file fields; any other is refused. */
  files: readonly string[];
  /** Accepted text fields; others are ignored. */
  fields: readonly string[];
  /** Text fields that may repeat (checkboxes): their values are joined with commas. */
  listFields?: readonly string[];
  /** Largest text field, in bytes (default 1,000). */
  fieldSize?: number;
  /** File names must match (e.g. /\.(txt|md|docx)$/i); the message says what is accepted. */
  accept?: { pattern: RegExp; message: string };
  /** What the request should have looked like, for the error when it is not multipart. */
  hint: string;
  /**
   * Decides whether the request may go on, from the fields read so far (a page form's token and
   * csrf fields come first): called once, when the first file part begins (or at the end when
   * there is none). Throwing refuses the request before any file byte is kept. `file` is the
   * field and name of the file part that begins (absent at the end).
   */
  authorize?: (fields: Record<string, string>, file?: { field: string; name: string }) => void;
}

/** Room for the multipart framing (boundaries, part headers) beyond the upload limit. */
const FRAMING_BYTES = 64 * 1024;

/**
 * Reads a multipart upload. Every byte of the request counts toward the limit (files, text
 * fields and framing alike). Any problem (size, unexpected field, malformed body) is an InputError.
 */
export function readUpload(req: Request, spec: UploadSpec): Promise<Upload> {
  if (!req.is('multipart/form-data')) return Promise.reject(unsupportedMediaType(`send multipart/form-data: ${spec.hint}`));
  // Refuse a declared oversize body before reading any of it.
  const declared = Number(req.get('content-length') ?? NaN);
  const maxBytes = spec.limit + FRAMING_BYTES;
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.reject(new TooLargeError(`the upload (${declared} bytes) is larger than the ${spec.limit}-byte limit`));
  }
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: {
          fileSize: spec.limit,
          files: spec.files.length,
          fields: spec.fields.length * 4 + 4,
          fieldSize: spec.fieldSize ?? 1000,
          parts: spec.files.length + spec.fields.length * 4 + 8,
        },
      });
    } catch {
      reject(new InputError(`malformed multipart request: ${spec.hint}`));
      return;
    }
    const upload: Upload = { fields: {}, files: {} };
    const lists = new Set(spec.listFields ?? []);
    const fieldNames = new Set(spec.fields);
    const fileNames = new Set(spec.files);
    let failed: Error | undefined;
    let total = 0;
    let received = 0;
    let authorized = !spec.authorize;
    const fail = (err: Error) => {
      failed ??= err;
    };
    // Past the size limit, or refused, there is nothing left to read for: stop, and answer at once.
    const stop = (err: Error) => {
      fail(err);
      req.off('data', countBytes);
      req.unpipe(bb);
      reject(failed);
    };
    const tooLarge = (message: string) => stop(new TooLargeError(message));
    const countBytes = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) tooLarge(`the upload is larger than the ${spec.limit}-byte limit`);
    };
    const authorize = (file?: { field: string; name: string }): boolean => {
      if (authorized) return true;
      try {
        spec.authorize!(upload.fields, file);
        authorized = true;
      } catch (err) {
        stop(err as Error);
      }
      return authorized;
    };
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(new TooLargeError(`field "${name}" is too long`));
      else if (lists.has(name) && upload.fields[name]) upload.fields[name] += `,${value}`;
      else if (fieldNames.has(name)) upload.fields[name] = value;
    });
    bb.on('file', (field, stream, info) => {
      if (!authorize({ field, name: (info.filename ?? '').replace(/^.*[\\/]/, '') })) {
        stream.resume();
        return;
      }
      // A form's empty file input still sends a part, with no file name: nothing was chosen.
      if (!info.filename) {
        stream.resume();
        return;
      }
      const name = info.filename.replace(/^.*[\\/]/, '');
      if (!fileNames.has(field)) {
        stream.resume();
        fail(new InputError(`unexpected file field "${field}": ${spec.hint}`));
        return;
      }
      if (spec.accept && !spec.accept.pattern.test(name)) {
        stream.resume();
        fail(unsupportedMediaType(`${name}: ${spec.accept.message}`));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => {
        total += c.length;
        if (total > spec.limit) tooLarge(`the upload is larger than the ${spec.limit}-byte limit`);
        else if (!failed) chunks.push(c);
      });
      stream.on('limit', () => tooLarge(`${name} is larger than the ${spec.limit}-byte upload limit`));
      stream.on('end', () => {
        upload.files[field] = { name, data: Buffer.concat(chunks) };
      });
    });
    bb.on('filesLimit', () => fail(new InputError(`too many files: ${spec.hint}`)));
    bb.on('error', () => reject(new InputError(`malformed multipart request: ${spec.hint}`)));
    bb.on('close', () => {
      if (!failed) authorize();
      if (failed) reject(failed);
      else resolve(upload);
    });
    req.on('data', countBytes);
    req.pipe(bb);
  });
}
