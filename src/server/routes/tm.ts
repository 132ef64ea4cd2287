// Translation memory API: thin adapters over src/tm.
//   GET  /api/tm/match?q=&limit=&min=&lang=        fuzzy matches with diffs
//   GET  /api/tm/concordance?q=&limit=&offset=&lang= segments containing a term, hits as ranges
//   GET  /api/tm/suggest?concept=ID | ?zh=TERM      English equivalents proposed from the memory
//   GET  /api/tm/segments/:id, GET /api/tm/stats
//   POST /api/tm/import (write)                     multipart: "file" (TMX/TSV), or "en" + "zh" documents
import type { Request } from 'express';
import { z } from 'zod';
import { InputError, NotFoundError } from '../../domain/types.js';
import { concordance } from '../../tm/concordance.js';
import { suggestEquivalents } from '../../tm/equivalents.js';
import { fuzzyMatch } from '../../tm/fuzzy.js';
import { importDocumentPair, importTmFile } from '../../tm/import.js';
import { TmRepository } from '../../store/tm-repository.js';
import { requireWrite } from '../access.js';
import { type Upload, readUpload } from '../upload.js';
import type { RegisterRoutes } from '../deps.js';
import type { Store } from '../../store/repository.js';

const DEFAULT_UPLOAD_LIMIT = 50 * 1024 * 1024;

const side = z.enum(['en', 'zh']).optional();
const matchQuery = z.object({
  q: z.string().trim().min(1, 'q is required').max(5000, 'q is longer than 5000 characters'),
  limit: z.coerce.number().int().min(1).max(100).default(5),
  min: z.coerce.number().int().min(0).max(100).default(50),
  lang: side,
});
const concordanceQuery = z.object({
  q: z.string().trim().min(1, 'q is required').max(500, 'q is longer than 500 characters'),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  lang: side,
});
const suggestQuery = z
  .object({
    concept: z.string().regex(/^\d{1,12}$/, 'concept must be a number').transform(Number).optional(),
    zh: z.string().trim().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(10),
  })
  .refine((q) => (q.concept === undefined) !== (q.zh === undefined), 'give either concept or zh');
const idParam = z.object({ id: z.string().regex(/^\d{1,12}$/, 'id must be a number').transform(Number) });

export type TmUpload = Upload;

/**
 * Reads a TM upload (multipart: "file" = TMX/TSV, or "en" + "zh" = a document pair; text fields
 * enLang, zhLang, doc, and token and csrf for the page's form) within the size limit; `authorize`
 * decides from the fields that come before the first file (the page's form).
 */
export function readTmUpload(req: Request, limit: number, authorize?: (fields: Record<string, string>) => void): Promise<TmUpload> {
  return readUpload(req, {
    limit,
    files: ['file', 'en', 'zh'],
    fields: ['enLang', 'zhLang', 'doc', 'token', 'csrf'],
    hint: 'a TMX or TSV file as "file", or a document pair as "en" and "zh"',
    authorize,
  });
}

export const registerTmRoutes: RegisterRoutes = (app, { store, config }) => {
  const write = requireWrite(config);
  const uploadLimit = config.uploadLimit ?? DEFAULT_UPLOAD_LIMIT;

  app.get('/api/tm/match', (req, res) => {
    const q = matchQuery.parse(req.query);
    const r = fuzzyMatch(store, q.q, { limit: q.limit, minScore: q.min, lang: q.lang });
    res.json({ query: r.query, lang: r.lang, matches: r.matches });
  });

  app.get('/api/tm/concordance', (req, res) => {
    const q = concordanceQuery.parse(req.query);
    res.json(concordance(store, q.q, { limit: q.limit, offset: q.offset, lang: q.lang }));
  });

  app.get('/api/tm/suggest', (req, res) => {
    const q = suggestQuery.parse(req.query);
    const target = q.concept !== undefined ? { conceptId: q.concept } : { zh: [q.zh!] };
    res.json(suggestEquivalents(store, target, { limit: q.limit }));
  });

  app.get('/api/tm/segments/:id', (req, res) => {
    const { id } = idParam.parse(req.params);
    const segment = TmRepository.of(store).get(id);
    if (!segment) throw new NotFoundError(`no segment with id ${id}`);
    res.json(segment);
  });

  app.get('/api/tm/stats', (_req, res) => {
    res.json(TmRepository.of(store).stats());
  });

  app.post('/api/tm/import', write, async (req, res) => {
    const summary = await importTmUpload(store, req, uploadLimit);
    res.status(summary.added > 0 ? 201 : 200).json(summary);
  });
};

/**
 * Reads a TM upload (multipart: "file" = TMX/TSV, or "en" + "zh" = a document pair) and imports
 * it in one transaction. Shared by the API and the TM page. `fields.token` is left for the caller.
 */
export async function importTmUpload(store: Store, req: Request, limit: number, fieldsOut?: Record<string, string>) {
  const { fields, files } = await readTmUpload(req, limit);
  if (fieldsOut) Object.assign(fieldsOut, fields);
  return importParsedTmUpload(store, fields, files);
}

export async function importParsedTmUpload(store: Store, fields: Record<string, string>, files: TmUpload['files']) {
  if (files.en || files.zh) {
    if (!files.en || !files.zh || files.file) throw new InputError('a document pair needs exactly two files: "en" and "zh"');
    return importDocumentPair(store, { name: files.en.name, bytes: files.en.data }, { name: files.zh.name, bytes: files.zh.data }, { doc: fields.doc?.trim() || undefined });
  }
  if (files.file) {
    const enLang = fields.enLang?.trim() || undefined;
    const zhLang = fields.zhLang?.trim() || undefined;
    if ((enLang === undefined) !== (zhLang === undefined)) throw new InputError('give both enLang and zhLang, or neither');
    return importTmFile(store, files.file.data, files.file.name, { enLang, zhLang });
  }
  throw new InputError('no file: send a TMX or TSV file as "file", or a document pair as "en" and "zh"');
}
